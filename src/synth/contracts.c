/*
 * contracts.c - a SYNTHETIC contracts file (see contracts.h).
 */
#include "synth/contracts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Reference, type, spent by, title, supplier, supplier id, SME, value,
 * start, end, procurement process, copy URL, funding source, the plan's
 * missions served (keys of the LLR 2024-29 plan: m1 an effective and
 * efficient force, m2 victims and witnesses, m3 preventing crime). */
#define NFIELDS 14
static const char *const rows[][NFIELDS] = {
    {"C-2025-001", "contract", "pcc", "Victim support service (SYNTHETIC)",
     "Example Victim Care CIC (SYNTHETIC)", "GB-SYNTHETIC-0001", "yes", "1250000.00", "2025-04-01",
     "2028-03-31", "invitation to tender", "https://pcc.example.org/contracts/C-2025-001.pdf",
     "Ministry of Justice victims grant (SYNTHETIC)", "m2, m2.s1"},
    {"C-2025-002", "contract", "force", "Fleet tyres framework call-off (SYNTHETIC)",
     "Example Tyres Ltd (SYNTHETIC)", "GB-SYNTHETIC-0002", "no", "84500.00", "2025-05-12",
     "2027-05-11", "framework call-off", "", "Force revenue budget (SYNTHETIC)", "m1.s4"},
    {"C-2025-003", "contract", "pcc", "Internal audit (SYNTHETIC)", "Example Audit LLP (SYNTHETIC)",
     "GB-SYNTHETIC-0003", "no", "38200.00", "2025-06-01", "2026-05-31", "quote",
     "https://pcc.example.org/contracts/C-2025-003.pdf", "OPCC core budget (SYNTHETIC)", "m1.s1"},
    {"C-2025-004", "contract", "pcc", "Survey of residents' confidence (SYNTHETIC)",
     "Example Research Ltd (SYNTHETIC)", "GB-SYNTHETIC-0004", "yes", "9850.00", "2025-07-14",
     "2025-12-19", "quote", "", "OPCC core budget (SYNTHETIC)", "m1, m3"},
    {"C-2025-005", "contract", "force", "Custody interpreting, urgent cover (SYNTHETIC)",
     "Example Languages Ltd (SYNTHETIC)", "GB-SYNTHETIC-0005", "yes", "6400.50", "2025-08-04",
     "2025-10-31", "direct award", "", "Force revenue budget (SYNTHETIC)", "m2.s2"},
    {"C-2025-006", "contract", "force", "Body-worn video cameras (SYNTHETIC)",
     "Example Vision plc (SYNTHETIC)", "GB-SYNTHETIC-0006", "no", "328075.00", "2025-09-01",
     "2029-08-31", "open", "https://pcc.example.org/contracts/C-2025-006.pdf",
     "Force capital programme (SYNTHETIC)", "m1.s4, m3"},
    {"T-2025-007", "tender", "pcc", "Restorative justice service (SYNTHETIC)", "", "", "",
     "450000.00", "2025-10-06", "2025-11-14", "invitation to tender",
     "https://pcc.example.org/tenders/T-2025-007.pdf",
     "Ministry of Justice victims grant (SYNTHETIC)", "m2.s1"},
};
#define NROWS (sizeof rows / sizeof rows[0])

/* A field as CSV: quoted, its quotes doubled. */
static void put_field(FILE *f, const char *s, const char *sep)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
    fputs(sep, f);
}

int synth_contracts_file(const char *path, bool revised, struct buf *err)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        buf_printf(err, "%s: %s", path, strerror(errno));
        return -1;
    }
    fputs("Reference Number,Type,Spent By,Title of Agreement,Supplier Name,"
          "Supplier Registration Number,SME,Contract Value,Start Date,End Date,"
          "Procurement Process,Copy URL,Funding Source,Plan Missions\n",
          f);
    for (size_t i = 0; i < NROWS; i++)
        for (int k = 0; k < NFIELDS; k++) {
            const char *v = rows[i][k];
            if (revised && i == 2 && k == 7) /* the audit's value, keyed wrongly */
                v = "39200.00";
            if (revised && i == 2 && k == 9) /* and extended by a year */
                v = "2027-05-31";
            put_field(f, v, k == NFIELDS - 1 ? "\n" : ",");
        }
    if (fclose(f) == 0)
        return 0;
    buf_printf(err, "%s: %s", path, strerror(errno));
    return -1;
}
