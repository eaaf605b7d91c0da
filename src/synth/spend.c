/*
 * spend.c - the synthetic spend file (see spend.h): a fixed list, so that
 * the demo's totals and versions are the same on every machine.
 */
#include "synth/spend.h"

#include <string.h>

struct line {
    const char *date, *txn, *by, *supplier, *type, *amount, *expense, *area, *purpose, *vfm;
};

/* The office-holders' expenses among the lines (the Office Holder column
 * says yes): the Commissioner's rail fare, under £500. */
static bool office_holder(const char *txn)
{
    return strcmp(txn, "P25-0004") == 0;
}

#define VFM_FRAMEWORK "Call-off from a national framework at its tendered rates"
#define VFM_QUOTES    "Lowest of three written quotations"
#define VFM_TENDER    "Open tender, most economically advantageous bid"
#define VFM_POLICY    "Within the expenses policy's rates"

static const struct line lines[] = {
    {"2025-01-06", "F25-0001", "force", "Midshire Fuel Cards Ltd (synthetic)", "company",
     "18,412.50", "Fuel", "Fleet", "Diesel and petrol for response vehicles, December",
     VFM_FRAMEWORK},
    {"2025-01-09", "F25-0002", "force", "Forensic Partners LLP (synthetic)", "company", "7,250.00",
     "Forensic services", "Investigations", "Toxicology and DNA analysis", VFM_FRAMEWORK},
    {"2025-01-14", "P25-0001", "pcc", "Safer Streets Youth Trust (synthetic)", "charity",
     "12,000.00", "Grants", "Commissioning", "Community Safety Fund grant, round 3",
     "Scored 72% against published criteria by three assessors"},
    {"2025-01-20", "P25-0002", "pcc", "A. Person (synthetic)", "individual", "612.40",
     "Travel and subsistence", "Office of the PCC", "Independent custody visitor training travel",
     VFM_POLICY},
    {"2025-01-28", "F25-0003", "force", "County Vehicle Solutions (synthetic)", "company",
     "84,995.00", "Vehicles", "Fleet", "Three marked patrol cars", VFM_TENDER},
    {"2025-02-03", "F25-0004", "force", "Midshire Fuel Cards Ltd (synthetic)", "company",
     "17,980.10", "Fuel", "Fleet", "Diesel and petrol for response vehicles, January",
     VFM_FRAMEWORK},
    {"2025-02-11", "P25-0003", "pcc", "Victim Support Services CIC (synthetic)", "company",
     "45,833.33", "Commissioned services", "Commissioning",
     "Victim services contract, monthly payment", VFM_TENDER},
    {"2025-02-17", "F25-0005", "force", "Tactical Training Ltd (synthetic)", "company", "3,600.00",
     "Training", "Learning and development", "Public order refresher training", VFM_QUOTES},
    {"2025-02-24", "P25-0004", "pcc", "Rail Operator plc (synthetic)", "company", "86.20",
     "Travel and subsistence", "Office of the PCC",
     "Commissioner's rail fare to a national PCC meeting (an office-holder's travel: any amount)",
     VFM_POLICY},
    {"2025-02-26", "F25-0006", "force", "Forensic Partners LLP (synthetic)", "company", "-1,250.00",
     "Forensic services", "Investigations", "Credit note: duplicate invoice F25-0002",
     VFM_FRAMEWORK},
    {"2025-03-04", "F25-0007", "force", "Midshire Fuel Cards Ltd (synthetic)", "company",
     "19,102.75", "Fuel", "Fleet", "Diesel and petrol for response vehicles, February",
     VFM_FRAMEWORK},
    {"2025-03-10", "P25-0005", "pcc", "Victim Support Services CIC (synthetic)", "company",
     "45,833.33", "Commissioned services", "Commissioning",
     "Victim services contract, monthly payment", VFM_TENDER},
    {"2025-03-12", "P25-0006", "pcc", "B. Example (synthetic)", "individual", "1,450.00",
     "Professional fees", "Office of the PCC", "Independent member of the audit committee, fees",
     "Fee set by the Police and Crime Panel"},
    {"2025-03-18", "F25-0008", "force", "Secure IT Services Ltd (synthetic)", "company",
     "26,400.00", "IT and communications", "Digital", "Body-worn video licences, quarter 4",
     VFM_FRAMEWORK},
    {"2025-03-25", "F25-0009", "force", "Tactical Training Ltd (synthetic)", "company", "2,900.00",
     "Training", "Learning and development", "Driver training course", VFM_QUOTES},
};

/* The revision of March: F25-0008's amount corrected, F25-0009 taken out
 * (it was April's), F25-0010 added (missed). */
static const struct line revised_lines[] = {
    {"2025-03-18", "F25-0008", "force", "Secure IT Services Ltd (synthetic)", "company",
     "24,600.00", "IT and communications", "Digital", "Body-worn video licences, quarter 4",
     VFM_FRAMEWORK},
    {"2025-03-27", "F25-0010", "force", "Kennel Care Ltd (synthetic)", "company", "1,180.00",
     "Dogs section", "Operational support", "Police dog kennelling, March", VFM_QUOTES},
};

static void field(FILE *out, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\n") != NULL;
    if (quote) {
        fputc('"', out);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputc(last ? '\n' : ',', out);
}

static void put_line(FILE *out, const struct line *l)
{
    const char *f[] = {l->date,     l->txn,     l->by,     "Midshire (synthetic)",
                       l->supplier, l->type,    l->amount, l->expense,
                       l->area,     l->purpose, l->vfm,    office_holder(l->txn) ? "yes" : ""};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        field(out, f[i], i + 1 == sizeof f / sizeof f[0]);
}

int synth_spend(FILE *out, bool revised)
{
    fputs("Date,Transaction Number,Spent By,Body Name,Supplier Name,Supplier Type,Amount (£),"
          "Expense Type,Service Area,Purpose,Value for Money,Office Holder\n",
          out);
    int n = 0;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (revised &&
            (strcmp(lines[i].txn, "F25-0008") == 0 || strcmp(lines[i].txn, "F25-0009") == 0))
            continue;
        put_line(out, &lines[i]), n++;
    }
    for (size_t i = 0; revised && i < sizeof revised_lines / sizeof revised_lines[0]; i++)
        put_line(out, &revised_lines[i]), n++;
    return n;
}
