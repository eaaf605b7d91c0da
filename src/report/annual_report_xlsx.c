/*
 * annual_report_xlsx.c - every table of the annual report as a workbook
 * (see annual_report.h), one sheet each, in the page's order.
 */
#include "render/xlsx.h"
#include "report/annual_report.h"

int annual_report_workbook(const struct annual_report *r, const char *path, struct buf *err)
{
    const struct xlsx_sheet sheets[] = {
        {"Recorded crime", &r->res.table},
        {"Is each change real", &r->findings},
        {"Positive outcomes", &r->outcomes},
        {"Crime per 1,000 by district", &r->areas},
        {"Sources", &r->sources},
        {"Map", &r->map_table},
    };
    size_t n = sizeof sheets / sizeof sheets[0];
    return xlsx_write(path, sheets, r->has_map ? n : n - 1, err);
}
