/*
 * decision_data.h - what the public decision pages share (page_decisions.c,
 * page_decision.c, page_decision_feed.c): the register's filters read from
 * the address, one decision as a row of the register's table (so the
 * register's CSV and JSON and one decision's say the same), amounts in
 * pounds, and the names of a decision's fields for people.
 *
 * Everything here reads only what the store's PUBLIC family gives
 * (store/decisions.h); a stub's hidden fields are NULL there, so they are
 * empty here.
 */
#ifndef PEEL_WEB_DECISION_DATA_H
#define PEEL_WEB_DECISION_DATA_H

#include "render/table.h"
#include "store/decisions.h"
#include "web/params.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most rows /decisions.csv and .json give at once: more, and the
 * download is refused (400) with a request to narrow it by year or other
 * filter, so that one request costs at most a bounded number of reads. */
#define DECISION_DOWNLOAD_MAX 10000
/* Rows per page of /decisions, unless `size` says otherwise (1..100). */
#define DECISION_PAGE_DEFAULT 25

/* The filters as the address gave them (text kept for the form and the
 * next page's link) and as the store takes them. */
struct decision_query {
    struct decision_filter f;
    const char *q, *year, *status, *type, *subject, *min, *max; /* NULL: not given */
    bool sized;                                                 /* `size` was given */
};

/* Reads q, year, status, type, subject, min, max, page and size from the
 * target; false with why (a sentence for the 400 page) when one is not
 * what it should be. Other parameters are ignored. */
bool decision_query_read(const struct web_target *t, struct decision_query *dq, char *why,
                         size_t nwhy);
/* The query string of these filters (no '?'), for page (0: none), each
 * value percent-encoded; the result still goes through html_escape. */
void decision_query_string(const struct decision_query *dq, int page, struct buf *out);

/* The register's table: every public field, at full precision. */
void decision_table_init(struct table *t);
void decision_table_row(struct table *t, const struct decision_public *d);

/* "£12,500.00" (human) or "12500.00" (machine); "" for no amount. */
void decision_pounds(int64_t pence, bool human, char *out, size_t n);
/* A field's name for people ("financial" -> "financial implications"). */
const char *decision_field_title(const char *field);

#endif
