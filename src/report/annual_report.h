/*
 * annual_report.h - the crime statistics section of the PCC's annual
 * report: `peel report annual --fy YYYY-YY`.
 *
 * The annual report has a table of recorded crime by offence group (the
 * previous year, this year, the difference, the % change, a total), the
 * positive outcome rate, and crime per 1,000 residents by area. This adds
 * what the printed report never says: for each line, in a plain sentence,
 * whether the change is more than chance would explain, and how that was
 * decided; which files every figure came from; and the methods.
 *
 * Every figure is computed elsewhere: the table is `peel stats --fy`'s
 * (assess/annual_table.h), the tests are analysis/annual.h's, the rates
 * per 1,000 are `peel stats --group-by district`'s. Gathering reads the
 * store once; the page and the workbook are then written from what was
 * gathered, so they cannot disagree.
 */
#ifndef PEEL_ANNUAL_REPORT_H
#define PEEL_ANNUAL_REPORT_H

#include "assess/annual_table.h"
#include "assess/service_tables.h"
#include "render/map.h"
#include "render/table.h"
#include "util/buf.h"
#include "util/month.h"

/* The Commissioning and Grants sections (annual_funding.c): the services
 * running in the year, the year's grants received, and the Safety Fund's
 * published awards of the year's rounds by round, each table ending in a
 * total row when it has any. A table with no rows: the store holds none
 * for the year, and the page and the PDF say so. */
struct annual_funding {
    struct table commissioning, received, awards;
    /* The Safety Fund's statistics of the year's rounds (assess/fund_stats.h),
     * by district and by priority (by the plan's titles): each ends in its
     * total row ("All"); just that row: no application was sent. */
    struct table by_district, by_priority;
    struct services_totals services;
    int64_t received_total, awards_total;
    int received_lines;
};

struct annual_report {
    struct annual_request req;
    struct annual_result res; /* the table of `peel stats --fy` */
    char previous[FY_TEXT_SIZE], current[FY_TEXT_SIZE];
    const char *force; /* the force reported on, as the reader knows it */
    /* Per row of res.table: is the change a signal, and its sentence. */
    enum annual_verdict *verdicts;
    struct table findings;       /* category, verdict, p_value, sentence */
    struct table outcomes;       /* positive outcomes of each line, both years, compared */
    struct buf outcome_sentence; /* the total's positive outcome rate, compared */
    struct table areas;          /* crimes per 1,000 residents by district */
    bool areas_have_population;
    size_t areas_total;   /* the row of all districts; below it, areas_elsewhere */
    bool areas_elsewhere; /* rows below the total: outside the force area, no location */
    struct table sources; /* the files behind the figures */
    /* This year's crime per 1,000 residents on a map: by district when
     * district boundaries are loaded, else a hexagonal grid of the crimes'
     * own points (render/map.h); with its data table. */
    bool has_map;
    struct map map;
    struct table map_table;
    struct buf no_map; /* why there is no map */
    struct annual_funding funding;
};

/* The headings the reader reads over the areas table (Table 3) and the
 * sources table (Table 4): the same on the page and in the PDF. */
#define ANNUAL_AREA_COLUMNS 8
void annual_area_headings(const struct annual_report *r, const char *out[ANNUAL_AREA_COLUMNS]);
extern const char *const annual_source_headings[];
/* ... and over the positive outcome table (Table 2): each rate with its
 * 95% Wilson interval beside it. */
enum annual_outcome_column {
    ANNUAL_O_CATEGORY,
    ANNUAL_O_POSITIVE_PREVIOUS,
    ANNUAL_O_PCT_PREVIOUS,
    ANNUAL_O_LOWER_PREVIOUS,
    ANNUAL_O_UPPER_PREVIOUS,
    ANNUAL_O_POSITIVE_CURRENT,
    ANNUAL_O_PCT_CURRENT,
    ANNUAL_O_LOWER_CURRENT,
    ANNUAL_O_UPPER_CURRENT,
    ANNUAL_O_CHANGE_IS,
    ANNUAL_O_P_VALUE,
    ANNUAL_OUTCOME_COLUMNS
};
void annual_outcome_headings(const struct annual_report *r,
                             const char *out[ANNUAL_OUTCOME_COLUMNS]);

/* The headings of the Commissioning and Grants tables (Tables 5 to 9). */
extern const char *const annual_commissioning_headings[];
extern const char *const annual_received_headings[];
extern const char *const annual_awards_headings[];
extern const char *const annual_district_stats_headings[];
extern const char *const annual_priority_stats_headings[];
/* Reads the Commissioning and Grants sections; 0, or -1 with err. */
int annual_funding_gather(struct store *s, struct annual_report *r, struct buf *err);
void annual_funding_free(struct annual_funding *f);
/* Writes them: as the page's two sections, and as the PDF's. */
void annual_funding_html(const struct annual_report *r, struct buf *out);
struct pdf_doc;
void annual_funding_pdf(struct pdf_doc *d, const struct annual_report *r);

/* Reads everything the report shows. -1 with err on a store error or when
 * there is nothing to report: no data for the year, or none for the year
 * before to compare it with. */
int annual_report_gather(struct store *s, const struct annual_request *req,
                         struct annual_report *out, struct buf *err);
void annual_report_free(struct annual_report *r);

/* The report as one self-contained HTML page (styles inline, no scripts,
 * no requests; prints on A4), appended to out. generated: when, as the
 * reader reads it. */
void annual_report_html(const struct annual_report *r, const char *generated, struct buf *out);

/* Every table of the report as an Excel workbook at path; 0, or -1 with
 * err. */
int annual_report_workbook(const struct annual_report *r, const char *path, struct buf *err);

/* The same report as an A4 PDF at path (render/pdf.h): contents, page
 * numbers, the map as vectors. date: its creation date in ISO 8601 (for
 * the same bytes on the same day), or NULL; notice: every page's notice
 * (pdf_set_notice), or NULL. 0, or -1 with err. */
int annual_report_pdf(const struct annual_report *r, const char *generated, const char *date,
                      const char *notice, const char *path, struct buf *err);

#endif
