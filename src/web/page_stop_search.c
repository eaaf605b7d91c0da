/*
 * page_stop_search.c - /stop-and-search (+ .csv, .json): stop and search
 * in the latest twelve months of records held, counted by month, object,
 * outcome, who was searched and where, with what the searches found; and
 * /stop-and-search/rates (.csv, .json), searches per 1,000 people of each
 * ethnic group against the White group's rate, when a population by
 * ethnic group is loaded (assess/stop_search.h).
 *
 * The page's downloads are its tables as they stand: every grouping in
 * one CSV (a "grouping" column says which), and the rates in another.
 */
#include "assess/stop_search.h"
#include "render/table_html.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MONTHS 12

/* The latest PAGE_MONTHS months of searches held: 0, 1 when none. */
static int page_query(const struct web_request *rq, struct stop_query *q, struct buf *err)
{
    int first, last;
    int rc = store_stop_months(rq->store, NULL, &first, &last, err);
    if (rc == 0)
        *q = (struct stop_query){
            .month_from = last - PAGE_MONTHS + 1 > first ? last - PAGE_MONTHS + 1 : first,
            .month_to = last};
    return rc;
}

/* A table's notes are said once, in the page's own words, not under each. */
static void drop_notes(struct table *t)
{
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    t->nnotes = 0;
}

static int put_table(struct buf *b, const struct web_request *rq, const struct stop_query *q,
                     const char *by, const char *caption, int64_t *total, int64_t *finds,
                     struct buf *err)
{
    struct table t;
    int rc = stop_search_table(rq->store, by, q, &t, err);
    if (rc == 0 && t.nrows > 0) {
        const char *headers[STOP_COLS];
        for (size_t c = 0; c < STOP_COLS; c++)
            headers[c] = c == 0 ? stop_by_heading(by) : stop_col_headings[c];
        if (total) { /* the last row is the Total */
            *total = table_cell(&t, t.nrows - 1, STOP_COL_SEARCHES)->i;
            *finds = table_cell(&t, t.nrows - 1, STOP_COL_FINDS)->i;
        }
        drop_notes(&t);
        /* the rates with their intervals; the counts behind them and each
         * value's share of all searches are in the download, so that the
         * table fits a desktop screen */
        static const size_t shown[] = {
            STOP_COL_KEY,           STOP_COL_SEARCHES,      STOP_COL_FURTHER_PCT,
            STOP_COL_FURTHER_LOWER, STOP_COL_FURTHER_UPPER, STOP_COL_ARREST_PCT,
            STOP_COL_ARREST_LOWER,  STOP_COL_ARREST_UPPER,  STOP_COL_FIND_PCT,
            STOP_COL_FIND_LOWER,    STOP_COL_FIND_UPPER};
        table_html(b, &t,
                   &(struct table_html){.caption = caption,
                                        .headers = headers,
                                        .columns = shown,
                                        .ncolumns = sizeof shown / sizeof shown[0],
                                        .join_intervals = true});
    }
    table_free(&t);
    return rc;
}

static void put_rates(struct buf *b, const struct web_request *rq, const struct stop_query *q)
{
    struct table t;
    struct stop_disparity d;
    struct buf err = BUF_INIT, s = BUF_INIT;
    int rc = stop_disparity_table(rq->store, q, &t, &d, &err);
    buf_puts(b, "<h2 id=\"rates\">How often people of each ethnic group are searched</h2>\n");
    if (rc != 0 || !d.have_population) {
        buf_puts(b, "<p>No population by ethnic group has been loaded for the force area, so "
                    "searches per 1,000 people of each group cannot be given yet.</p>\n");
    } else {
        buf_puts(b, "<ul>\n");
        for (size_t r = 1; r < t.nrows; r++) {
            buf_reset(&s);
            stop_disparity_sentence(&t, r, &s);
            buf_puts(b, "<li>");
            html_escape(b, s.p);
            buf_puts(b, ".</li>\n");
        }
        buf_puts(b, "</ul>\n");
        table_html(b, &t,
                   &(struct table_html){.caption = "Searches per 1,000 people, by ethnic group",
                                        .headers = disparity_col_headings,
                                        .join_intervals = true});
        buf_puts(b, "<p>Rates by ethnic group as data: <a "
                    "href=\"/stop-and-search/rates.csv\">CSV</a> or <a "
                    "href=\"/stop-and-search/rates.json\">JSON</a>.</p>\n");
    }
    table_free(&t);
    stop_disparity_free(&d);
    buf_free(&err);
    buf_free(&s);
}

static void put_intro(struct buf *b, const struct stop_query *q, int64_t total, int64_t finds)
{
    char n[32], f[32];
    buf_puts(b, "<h1>Stop and search</h1>\n<p class=\"lead\">Police officers may stop and "
                "search a person or a vehicle when they have reasonable grounds to suspect "
                "they will find drugs, a weapon, stolen property or another prohibited item. "
                "The force publishes a record of every search on police.uk. This page counts ");
    html_escape(b, table_thousands(total, n, sizeof n));
    buf_puts(b, " searches from ");
    page_month(b, q->month_from);
    buf_puts(b, " to ");
    page_month(b, q->month_to);
    buf_puts(b, "; ");
    html_escape(b, table_thousands(finds, f, sizeof f));
    buf_puts(b, " of them found what the officer was looking for.</p>\n"
                "<p>Every table below as data: <a href=\"/stop-and-search.csv\">CSV</a> or "
                "<a href=\"/stop-and-search.json\">JSON</a>.</p>\n");
}

static void put_method(struct buf *b)
{
    buf_puts(b, "<h2 id=\"method\">How these figures are worked out</h2>\n<ul>\n"
                "<li><b>Further action</b> is any outcome other than no further action: an "
                "arrest, a summons, a caution, a warning or a community resolution.</li>\n"
                "<li>A <b>find</b> is further action that the officer recorded as linked to "
                "what the search was for; the <b>find rate</b> is finds as a share of all "
                "searches. Where the link is not recorded the search is not counted as a "
                "find, so the find rate is a lower bound.</li>\n"
                "<li>The <b>ethnic group</b> is the one the person gave, in the five census "
                "groups. Rates per 1,000 people divide the searches of each group by the "
                "group&#39;s population in the force area; the ratio to the White rate has a "
                "95% interval from the exact test for two counts of events.</li>\n"
                "<li>The <b>area</b> is where the search was recorded: police.uk places "
                "searches and crimes on the same anonymous map points, so a search is given "
                "the district of the crimes published at its point. Searches with no place "
                "recorded, or at a point no crime shares, are counted separately.</li>\n"
                "<li>Source: police.uk stop-and-search files, published by the force under "
                "the Open Government Licence v3.0.</li>\n</ul>\n");
}

static void put_page(struct buf *b, const struct web_request *rq, const struct stop_query *q,
                     struct buf *err)
{
    struct buf tables = BUF_INIT;
    int64_t total = 0, finds = 0;
    int rc = put_table(&tables, rq, q, "month", "Searches each month", &total, &finds, err);
    buf_puts(&tables, "<h2 id=\"found\">What officers searched for, and what they found</h2>\n");
    if (rc == 0)
        rc = put_table(&tables, rq, q, "object", "Searches by what was searched for", NULL, NULL,
                       err);
    if (rc == 0)
        rc = put_table(&tables, rq, q, "outcome", "Searches by outcome", NULL, NULL, err);
    buf_puts(&tables, "<h2 id=\"who\">Who was searched</h2>\n");
    if (rc == 0)
        rc = put_table(&tables, rq, q, "ethnic_group",
                       "Searches by ethnic group (as the person "
                       "described themselves)",
                       NULL, NULL, err);
    if (rc == 0)
        rc = put_table(&tables, rq, q, "age", "Searches by age", NULL, NULL, err);
    if (rc == 0)
        rc = put_table(&tables, rq, q, "gender", "Searches by gender", NULL, NULL, err);
    if (rc == 0)
        rc = put_table(&tables, rq, q, "type", "Searches of people and of vehicles", NULL, NULL,
                       err);
    buf_puts(&tables, "<h2 id=\"where\">Where</h2>\n");
    if (rc == 0)
        rc = put_table(&tables, rq, q, "area", "Searches by district", NULL, NULL, err);
    if (rc == 0) {
        put_intro(b, q, total, finds);
        buf_append(b, tables.p, tables.len);
        put_rates(b, rq, q);
        put_method(b);
    }
    buf_free(&tables);
}

void page_stop_search(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT, *b = &rs->body;
    struct stop_query q = {.month_from = -1, .month_to = -1};
    int rc = page_query(rq, &q, &err);
    if (rc < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else if (rs->format != WEB_HTML) {
        struct table t; /* nothing held (rc 1): the columns, and no rows */
        if (stop_search_download(rq->store, stop_page_bys, stop_page_nbys, &q, &t, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
        else
            pages_data(&t, rs->format, rs);
        table_free(&t);
    } else {
        page_begin(b, rq, "Stop and search");
        if (rc == 1)
            buf_puts(b, "<h1>Stop and search</h1>\n<p>No stop-and-search records have been "
                        "loaded yet.</p>\n");
        else
            put_page(b, rq, &q, &err);
        if (err.len) {
            buf_reset(b);
            web_error(rq, rs, 500, buf_str(&err));
        } else {
            page_end(b, rq);
        }
    }
    buf_free(&err);
}

void page_stop_search_rates(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    struct stop_query q = {.month_from = -1, .month_to = -1};
    struct table t = {0};
    struct stop_disparity d = {.force = BUF_INIT, .source = BUF_INIT};
    int rc = page_query(rq, &q, &err); /* 1, none held: stop_disparity_table says so */
    if (rc >= 0)
        rc = stop_disparity_table(rq->store, &q, &t, &d, &err);
    if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (rc == 1 || !d.have_population)
        page_error(rq, rs, 404,
                   "No rates by ethnic group: no stop-and-search records, or no population by "
                   "ethnic group, are held.");
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    stop_disparity_free(&d);
    buf_free(&err);
}
