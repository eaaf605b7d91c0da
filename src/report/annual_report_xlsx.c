/*
 * annual_report_xlsx.c - every table of the annual report as a workbook
 * (see annual_report.h), one sheet each, in the page's order, with native
 * Excel charts of the two years side by side: crimes by offence group
 * (the lines in the total, not the total that would dwarf them), the
 * positive outcome rates, and each district's crimes per 1,000 residents.
 */
#include "render/xlsx.h"
#include "report/annual_report.h"

int annual_report_workbook(const struct annual_report *r, const char *path, struct buf *err)
{
    size_t lines = 0; /* the lines in the total come first, then the total */
    while (lines < r->res.table.nrows && r->res.rows[lines] != &r->res.t.total)
        lines++;
    const struct xlsx_chart crimes = {{ANNUAL_COL_PREVIOUS, ANNUAL_COL_CURRENT}, 2, true, lines};
    const struct xlsx_chart outcomes = {{2, 6}, 2, true, 0}; /* positive_pct_previous, _current */
    const struct xlsx_chart rates = {{6, 7}, 2, true, 0};    /* rate_per_1000_previous, _current */
    const struct xlsx_sheet sheets[] = {
        {"Recorded crime", &r->res.table, &crimes},
        {"Is each change real", &r->findings, NULL},
        {"Positive outcomes", &r->outcomes, &outcomes},
        {"Crime per 1,000 by district", &r->areas, r->areas.nrows ? &rates : NULL},
        {"Sources", &r->sources, NULL},
        {"Map", &r->map_table, NULL},
    };
    size_t n = sizeof sheets / sizeof sheets[0];
    return xlsx_write(path, sheets, r->has_map ? n : n - 1, err);
}
