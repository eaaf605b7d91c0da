/*
 * annual_report_xlsx.c - every table of the annual report as a workbook
 * (see annual_report.h), one sheet each, in the page's order, with native
 * Excel charts of the two years side by side: crimes by offence group
 * (the lines in the total, not the total that would dwarf them), the
 * positive outcome rates, and each district's crimes per 1,000 residents;
 * then the Commissioning and Grants tables that have rows (the fund's
 * statistics when an application was sent).
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
    struct xlsx_sheet sheets[11] = {
        {"Recorded crime", &r->res.table, &crimes},
        {"Is each change real", &r->findings, NULL},
        {"Positive outcomes", &r->outcomes, &outcomes},
        {"Crime per 1,000 by district", &r->areas, r->areas.nrows ? &rates : NULL},
        {"Sources", &r->sources, NULL},
    };
    size_t n = 5;
    if (r->has_map)
        sheets[n++] = (struct xlsx_sheet){"Map", &r->map_table, NULL};
    /* the Commissioning and Grants tables, when the store holds them */
    const struct xlsx_sheet funding[] = {{"Commissioning", &r->funding.commissioning, NULL},
                                         {"Grants received", &r->funding.received, NULL},
                                         {"Safety Fund awards", &r->funding.awards, NULL},
                                         {"Fund by district", &r->funding.by_district, NULL},
                                         {"Fund by priority", &r->funding.by_priority, NULL}};
    for (size_t i = 0; i < 5; i++)
        if (funding[i].table->nrows >= (i < 3 ? 1u : 2u)) /* the statistics: more than "All" */
            sheets[n++] = funding[i];
    return xlsx_write(path, sheets, n, err);
}
