/*
 * governance_stops.c - the governance report's stop-and-search section:
 * the twelve months to the report's month, what searches were for and
 * what they found, who was searched, and (when a population by ethnic
 * group is loaded) how often people of each group were searched against
 * the White group's rate. The figures are assess/stop_search.h's, the same
 * as `peel stop-search` and the site's /stop-and-search give.
 */
#include "assess/stop_search.h"
#include "render/table_html.h"
#include "report/governance_internal.h"
#include "util/html.h"

#define SECTION_MONTHS 12

static int put_counts(struct report *r, const struct stop_query *q, const char *by,
                      const char *caption, int64_t *total, int64_t *finds, int64_t *further,
                      struct buf *err)
{
    struct table t;
    int rc = stop_search_table(r->s, by, q, &t, err);
    if (rc == 0 && total) {
        size_t last = t.nrows ? t.nrows - 1 : 0;
        *total = t.nrows ? table_cell(&t, last, STOP_COL_SEARCHES)->i : 0;
        *finds = t.nrows ? table_cell(&t, last, STOP_COL_FINDS)->i : 0;
        *further = t.nrows ? table_cell(&t, last, STOP_COL_FURTHER)->i : 0;
    }
    if (rc == 0 && t.nrows > 0) {
        const char *headers[STOP_COLS];
        for (size_t c = 0; c < STOP_COLS; c++)
            headers[c] = c == 0 ? stop_by_heading(by) : stop_col_headings[c];
        table_html(r->out, &t, &(struct table_html){.caption = caption, .headers = headers});
    }
    table_free(&t);
    return rc;
}

static int put_rates(struct report *r, const struct stop_query *q, struct buf *err)
{
    struct table t;
    struct stop_disparity d;
    int rc = stop_disparity_table(r->s, q, &t, &d, err);
    if (rc == 1) { /* several forces held: the section says so, the report goes on */
        gv_text(r, "<p>", buf_str(err), ".</p>\n");
        buf_reset(err);
        rc = 0;
    } else if (rc == 0 && !d.have_population) {
        gv_raw(r, "<p>No population by ethnic group is loaded for the force area, so rates "
                  "per 1,000 people of each group, and how they compare, cannot be given.</p>\n");
    } else if (rc == 0) {
        struct buf s = BUF_INIT;
        gv_raw(r, "<ul>\n");
        for (size_t row = 1; row < t.nrows; row++) {
            buf_reset(&s);
            stop_disparity_sentence(&t, row, &s);
            gv_text(r, "<li>", s.p, ".</li>\n");
        }
        gv_raw(r, "</ul>\n");
        buf_free(&s);
        table_html(r->out, &t,
                   &(struct table_html){.caption = "Searches per 1,000 people, by ethnic group",
                                        .headers = disparity_col_headings});
    }
    table_free(&t);
    stop_disparity_free(&d);
    return rc;
}

static void put_lead(struct report *r, int64_t total, int64_t further, int64_t finds)
{
    char n[32];
    gv_raw(r, "<p>");
    html_printf(r->out, "%s searches", table_thousands(total, n, sizeof n));
    if (total > 0)
        html_printf(r->out,
                    ": %.1f%% led to further action (an arrest, a summons, a caution, a "
                    "warning or a community resolution) and %.1f%% found what the officer "
                    "was looking for (a find: further action the officer linked to the object "
                    "of the search)",
                    100.0 * (double)further / (double)total, 100.0 * (double)finds / (double)total);
    gv_raw(r, ".</p>\n");
}

int gv_stop_search(struct report *r, struct buf *err)
{
    struct stop_query q = {.month_from = r->info->period - SECTION_MONTHS + 1,
                           .month_to = r->info->period};
    struct buf from = BUF_INIT, to = BUF_INIT;
    report_month_words(q.month_from, &from);
    report_month_words(q.month_to, &to);
    gv_raw(r, "<section id=\"stop-search\" aria-labelledby=\"stop-search-h\">\n"
              "<h2 id=\"stop-search-h\">Stop and search</h2>\n<p>");
    html_printf(r->out,
                "Searches recorded from %s to %s, from the force's police.uk "
                "stop-and-search files.",
                buf_str(&from), buf_str(&to));
    gv_raw(r, "</p>\n");
    int64_t total = 0, finds = 0, further = 0;
    /* the table is written aside: the sentence of its totals comes first */
    struct buf *page = r->out, table = BUF_INIT;
    r->out = &table;
    int rc = put_counts(r, &q, "object", "Searches by what was searched for, and what they found",
                        &total, &finds, &further, err);
    r->out = page;
    if (rc == 0 && total == 0)
        gv_raw(r, "<p>No stop-and-search records are held for these months.</p>\n");
    if (rc == 0 && total > 0) {
        put_lead(r, total, further, finds);
        buf_append(r->out, table.p, table.len);
        rc = put_counts(r, &q, "ethnic_group",
                        "Searches by ethnic group (as the person described themselves)", NULL, NULL,
                        NULL, err);
        gv_raw(r, "<h3>How often people of each ethnic group were searched</h3>\n");
        if (rc == 0)
            rc = put_rates(r, &q, err);
    }
    gv_raw(r, "</section>\n");
    buf_free(&table);
    buf_free(&from);
    buf_free(&to);
    return rc;
}
