/*
 * decisions.c - the synthetic decision register (see decisions.h).
 *
 * Subjects and values come from small tables, picked by a fixed LCG so
 * that the same seed always gives the same bytes.
 */
#include "synth/decisions.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#define DECISIONS 40

static uint64_t next(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 33;
}

static const struct {
    const char *type, *subject, *title, *decision;
    long pounds; /* the largest; the value is 40-100% of it */
} kinds[] = {
    {"contract", "Body-worn video", "Body-worn video cameras for response officers",
     "Award the contract for body-worn video cameras", 330000},
    {"grant", "Safety Fund", "Safety Fund grants round", "Award grants to community projects",
     40000},
    {"estates", "Estates", "Asbestos removal at a police station", "Approve the asbestos works",
     90000},
    {"contract", "Victim services", "Victim support service contract",
     "Extend the victim support service contract by one year", 250000},
    {"finance", "Finance", "Budget virement", "Approve a virement between budget lines", 60000},
    {"policy", "Policy", "Complaint review policy", "Adopt the revised complaint review policy", 0},
    {"grant", "Violence reduction", "Violence reduction network match funding",
     "Match-fund the violence reduction network", 100000},
    {"contract", "Office", "Office printing and stationery", "Award the stationery contract", 900},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static void quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* A value as offices write it: "328,075" or "£39,305.40". */
static void value(FILE *out, long pence, bool pound_sign)
{
    long pounds = pence / 100;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", pounds);
    fputs(pound_sign ? "\"\xc2\xa3" : "\"", out);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            fputc(',', out);
        fputc(digits[i], out);
    }
    if (pound_sign && pence % 100)
        fprintf(out, ".%02ld", pence % 100);
    fputc('"', out);
}

static void row(FILE *out, int i, uint64_t *rng)
{
    int k = (int)(next(rng) % NKINDS);
    /* two years from April 2024, a decision every 2-3 weeks */
    int day = i * 18 + (int)(next(rng) % 5);
    int month = 4 + day / 28, year = 2024 + (month - 1) / 12;
    month = (month - 1) % 12 + 1;
    int dom = day % 28 + 1;
    fprintf(out, "PCC/%d/%03d,%04d-%02d-%02d,", year, i + 1, year, month, dom);
    quoted(out, kinds[k].title), fputc(',', out), quoted(out, kinds[k].decision);
    fputc(',', out);
    long pence = kinds[k].pounds * (40 + (long)(next(rng) % 61));
    if (kinds[k].pounds)
        value(out, pence, i % 2 == 0);
    fprintf(out, ",https://opcc.example/decisions/PCC-%d-%03d.pdf,", year, i + 1);
    quoted(out, "SYNTHETIC: not a real decision.");
    fprintf(out, ",%s,%s,", kinds[k].subject, kinds[k].type);
    bool withheld = i == 11, planned = i % 3 != 2 && i != 7;
    /* the forward plan: the Panel meeting on or after the decision, except
     * decision 8, taken without being forward-planned */
    fprintf(out, "%s,%s,Police and Crime Commissioner,", withheld ? "withheld" : "published",
            withheld ? "s.40" : "");
    if (planned)
        fprintf(out, "%04d-%02d-28", year, month);
    fputs("\r\n", out);
}

int synth_decisions(FILE *out, uint64_t seed)
{
    uint64_t rng = seed ? seed : 1;
    fputs("reference,date,title,decision,value,link,summary,subject,type,status,exempt ground,"
          "decision maker,planned for\r\n",
          out);
    for (int i = 0; i < DECISIONS; i++)
        row(out, i, &rng);
    /* two forward-planned, not yet taken */
    fputs("PCC/2026/901,2026-06-30,\"Precept 2027-28\",,,,,Precept,precept,forward-planned,,,\r\n"
          "PCC/2026/902,2026-07-31,\"Police and crime plan refresh\",,,,,Plan,"
          "police-and-crime-plan,forward-planned,,,\r\n",
          out);
    return DECISIONS + 2;
}
