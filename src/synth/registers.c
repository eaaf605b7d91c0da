/*
 * registers.c - SYNTHETIC register files for demos (see registers.h).
 * The dates are counted back from today so that the demo's registers are
 * up to date on the transparency page whenever it is built; in the texts
 * below @D is the date declared, @O the date offered, @A "as at".
 */
#include "synth/registers.h"
#include "model/calendar.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PCC  "Alex Example (synthetic)"
#define DPCC "Sam Sample (synthetic)"

static const char interests[] =
    "Ref,Name,Post,Date declared,Category,Details\n"
    "INT-001," PCC ",Police and Crime Commissioner,@D,employment,"
    "\"SYNTHETIC: non-executive director of Example Housing Association (unpaid)\"\n"
    "INT-002," PCC ",Police and Crime Commissioner,@D,membership,"
    "\"SYNTHETIC: member of the Example Rotary Club\"\n"
    "INT-003," DPCC ",Deputy Police and Crime Commissioner,@D,nil,\n";

static const char interests_corrected[] =
    "Ref,Name,Post,Date declared,Category,Details\n"
    "INT-001," PCC ",Police and Crime Commissioner,@D,employment,"
    "\"SYNTHETIC: non-executive director of Example Housing Association (unpaid)\"\n"
    "INT-002," PCC ",Police and Crime Commissioner,@D,membership,"
    "\"SYNTHETIC: member and treasurer of the Example Rotary Club\"\n"
    "INT-003," DPCC ",Deputy Police and Crime Commissioner,@D,nil,\n";

static const char gifts[] =
    "Reference no.,Name,Post,Date offered,Type,Details,Offered by,Value (£),Accepted or declined\n"
    "GH-001," PCC ",Police and Crime Commissioner,@O,hospitality,"
    "SYNTHETIC: dinner at an annual policing awards evening,"
    "Example Policing Awards Ltd (synthetic),45.00,accepted\n"
    "GH-002," PCC ",Police and Crime Commissioner,@O,gift,"
    "SYNTHETIC: two theatre tickets,Example Supplier plc (synthetic),120.00,declined\n"
    "GH-003," DPCC ",Deputy Police and Crime Commissioner,@O,hospitality,"
    "SYNTHETIC: lunch at a partnership conference,Example Council (synthetic),18.50,accepted\n";

static const char salaries[] =
    "Ref,Name,Job title,As at,Responsibilities,Salary,Allowances\n"
    "SAL-PCC," PCC ",Police and Crime Commissioner,@A,"
    "SYNTHETIC: sets the police and crime plan and holds the chief constable to account,"
    "\"86,700\",0\n"
    "SAL-DPCC," DPCC ",Deputy Police and Crime Commissioner,@A,"
    "SYNTHETIC: the portfolios the Commissioner delegates,\"65,000\",0\n"
    "SAL-CEX,Jo Placeholder (synthetic),Chief Executive and Monitoring Officer,@A,"
    "SYNTHETIC: heads the Office; the monitoring officer,\"98,500.00\",\"1,200.00\"\n"
    "SAL-CFO,,Chief Finance Officer,@A,"
    "SYNTHETIC: the s.151 officer (name withheld: consent refused),\"82,000\",\n";

static int write(const char *dir, const char *name, const char *format, const char *declared,
                 const char *offered, const char *as_at, struct buf *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        buf_printf(err, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (const char *c = format; *c; c++) /* @D, @O, @A: the dates */
        if (c[0] == '@' && (c[1] == 'D' || c[1] == 'O' || c[1] == 'A'))
            fputs(*++c == 'D' ? declared : *c == 'O' ? offered : as_at, f);
        else
            fputc(*c, f);
    if (fclose(f) == 0)
        return 0;
    buf_printf(err, "%s: %s", path, strerror(errno));
    return -1;
}

int synth_register_files(const char *dir, int today, struct buf *err)
{
    char declared[DATE_TEXT_SIZE], offered[DATE_TEXT_SIZE], as_at[DATE_TEXT_SIZE];
    int y, m, d, year_end = DATE_NONE;
    date_to_ymd(today, &y, &m, &d);
    date_from_ymd(m >= 4 ? y : y - 1, 3, 31, &year_end); /* the last financial year's end */
    date_format(today - 90, declared);
    date_format(today - 30, offered);
    date_format(year_end, as_at);
    static const struct {
        const char *name, *format;
    } files[] = {{"interests.csv", interests},
                 {"interests-corrected.csv", interests_corrected},
                 {"gifts.csv", gifts},
                 {"salaries.csv", salaries}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (write(dir, files[i].name, files[i].format, declared, offered, as_at, err) < 0)
            return -1;
    return 0;
}
