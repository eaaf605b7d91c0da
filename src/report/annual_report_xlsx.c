/*
 * annual_report_xlsx.c - every table of the annual report as a workbook
 * (see annual_report.h), one sheet each, in the page's order.
 */
#include "render/xlsx.h"
#include "report/annual_report.h"

int annual_report_workbook(const struct annual_report *r, const char *path, struct buf *err)
{
    const struct xlsx_sheet sheets[] = {
        {"Recorded crime", &r->res.table, NULL},
        {"Is each change real", &r->findings, NULL},
        {"Positive outcomes", &r->outcomes, NULL},
        {"Crime per 1,000 by district", &r->areas, NULL},
        {"Sources", &r->sources, NULL},
        {"Map", &r->map_table, NULL},
    };
    size_t n = sizeof sheets / sizeof sheets[0];
    return xlsx_write(path, sheets, r->has_map ? n : n - 1, err);
}
