/*
 * page_explore.c - the crime data explorer: /explore (a form and the
 * result as a table), /explore.csv and /explore.json (the whole result,
 * streamed).
 *
 * One address grammar for all three (web/explore.h). Without group_by the
 * result is the crimes themselves, as data.police.uk publishes them, in
 * the order they were stored; the page shows a page of them at a time
 * (keyset paging on the row id: a page is as cheap at the end as at the
 * start), the downloads every one. With group_by the result is counts, as
 * `peel stats --group-by` gives them (the same store_stats query).
 *
 * Downloads are streamed (web/stream.h): rows are read from a prepared
 * statement and written as CSV or JSON a few at a time while the client
 * reads, so a year of crimes costs no more memory than a month. Their ETag
 * is weak and made from when the data last changed and the query, not
 * from the body, which is never whole in memory.
 */
#include "assess/query_check.h"
#include "assess/crime_rows.h"
#include "assess/grouped.h"
#include "assess/metric_text.h"
#include "store/crimes.h"
#include "store/export.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/numfmt.h"
#include "web/explore.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/stream.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- downloads ----------------------------------------------------------- */

/* Bytes a fill adds before giving the client what it has. */
#define FILL_CHUNK 16384
/* Bytes read from the stored rows at a time (copied, or unpacked): what
 * the server asks for. */
#define BLOB_CHUNK 65536

struct download {
    struct export_reader *blobs; /* one of the three */
    struct crime_cursor *crimes;
    struct stats_cursor *groups;
    int ndims;
    struct grouped_rates rates; /* with groups: population and rate by one area */
    struct table_stream ts;
    const char *names[GROUPED_MAX_COLS];
    char labels[EXPLORE_MAX_GROUP][WEB_MAX_PARAM_LEN + 1]; /* the names, owned */
};

static void download_free(void *state)
{
    struct download *d = state;
    store_export_close(d->blobs);
    store_crimes_close(d->crimes);
    stats_cursor_close(d->groups);
    grouped_rates_free(&d->rates);
    free(d);
}

/* One more row into out: 1, 0 at the end, -1 with err. */
static int download_row(struct download *d, struct buf *out, struct buf *err)
{
    struct cell cells[CRIME_ROW_COLS > GROUPED_MAX_COLS ? CRIME_ROW_COLS : GROUPED_MAX_COLS];
    int rc;
    if (d->crimes) {
        struct crime_row r;
        if ((rc = store_crimes_next(d->crimes, &r, err)) == 1) {
            crime_row_cells(&r, cells);
            table_stream_row(&d->ts, cells, out);
        }
        return rc;
    }
    const char *keys[STATS_MAX_DIMS];
    int64_t count;
    if ((rc = stats_cursor_next(d->groups, keys, &count, err)) == 1) {
        grouped_cells(&d->rates, d->ndims, keys, count, cells);
        table_stream_row(&d->ts, cells, out);
    }
    return rc;
}

static int download_fill(void *state, struct buf *out, struct buf *err)
{
    struct download *d = state;
    if (d->blobs)
        return store_export_read(d->blobs, out, BLOB_CHUNK, err);
    size_t start = out->len;
    while (out->len - start < FILL_CHUNK) {
        int rc = download_row(d, out, err);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            table_stream_end(&d->ts, out);
            return 0;
        }
    }
    return 1;
}

/* A weak tag: the same query on the same data is the same body, though
 * the body itself is never whole to be hashed. */
static void download_etag(const struct web_request *rq, const struct explore_query *x,
                          struct web_response *rs)
{
    struct buf key = BUF_INIT;
    buf_printf(&key, "%s\n%d\n", rq->updated, (int)rs->format);
    explore_query_string(x, true, x->next, &key);
    char tag[WEB_ETAG_SIZE];
    web_etag(buf_str(&key), key.len, tag);
    size_t n = strlen(tag);
    assert(n + 3 <= sizeof rs->etag);
    memcpy(rs->etag, "W/", 2);
    memcpy(rs->etag + 2, tag, n + 1);
    buf_free(&key);
}

/* Whether a download is whole months, of one force or all, and nothing
 * else: then its rows are the slices' stored CSV (store/export.h). Read
 * from the address as the query writes it, so that a filter added to the
 * grammar takes the row path until it is named here. */
static bool whole_months(const struct web_response *rs, const struct explore_query *x)
{
    if (rs->format != WEB_CSV || x->q.ndims || x->size || x->next)
        return false;
    struct buf q = BUF_INIT;
    explore_query_string(x, true, x->next, &q);
    bool whole = true;
    for (const char *p = buf_str(&q); *p && whole; p += *p == '&') {
        size_t n = strcspn(p, "=&");
        whole = (n == 4 && strncmp(p, "from", n) == 0) || (n == 2 && strncmp(p, "to", n) == 0) ||
                (n == 5 && strncmp(p, "force", n) == 0);
        p += strcspn(p, "&");
    }
    buf_free(&q);
    return whole;
}

static void start_download(const struct web_request *rq, const struct explore_query *x,
                           struct web_response *rs)
{
    struct download *d = xcalloc(1, sizeof *d);
    struct buf err = BUF_INIT;
    d->ndims = x->q.ndims;
    d->rates.area_dim = -1; /* its map is empty (NULL) until read */
    /* not every slice rendered (blobs NULL, no error): the rows, as ever */
    if (whole_months(rs, x))
        d->blobs = store_export_open(rq->store, x->q.month_from, x->q.month_to, x->q.force, &err);
    if (!d->blobs && !err.len && d->ndims == 0)
        d->crimes = store_crimes_open(rq->store, &x->q, x->next, x->size ? x->size : -1, &err);
    else if (!d->blobs && !err.len && grouped_rates_read(rq->store, &x->q, &d->rates, &err) == 0)
        d->groups = stats_cursor_open(rq->store, &x->q, &err);
    if (!d->blobs && !d->crimes && !d->groups) {
        download_free(d);
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    size_t ncols = d->ndims ? grouped_columns(&x->q, &d->rates, d->names) : CRIME_ROW_COLS;
    for (int i = 0; i < d->ndims; i++) { /* the labels point into the request */
        snprintf(d->labels[i], sizeof d->labels[i], "%s", x->q.dims[i].label);
        d->names[i] = d->labels[i];
    }
    struct web_stream *st = web_stream_new(download_fill, download_free, d);
    table_stream_begin(&d->ts, rs->format == WEB_CSV ? TABLE_CSV : TABLE_JSON, ncols,
                       d->ndims ? d->names : crime_row_columns, &st->pending);
    rs->stream = st;
    download_etag(rq, x, rs);
    buf_free(&err);
}

/* ---- the page ------------------------------------------------------------ */

/* The values a dimension takes in the store, for the form's choices. */
struct choices {
    char **v;
    size_t n;
};

static void add_choice(void *arg, const char *const *keys, int64_t count)
{
    (void)count;
    struct choices *c = arg;
    c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
    c->v[c->n++] = xstrdup(keys[0]);
}

static void choices_read(struct store *s, enum stats_dim dim, struct choices *c)
{
    struct stats_query q = {.ndims = 1, .month_from = -1, .month_to = -1};
    q.dims[0] = (struct stats_dim_spec){dim, NULL, NULL};
    struct buf err = BUF_INIT;
    *c = (struct choices){0};
    if (store_stats(s, &q, add_choice, c, &err) < 0) /* the form still works as text */
        fprintf(stderr, "peel serve: explore: %s\n", buf_str(&err));
    buf_free(&err);
}

static void add_value(void *arg, const char *value)
{
    add_choice(arg, &value, 0);
}

/* An imported grouping's values, from the lookup: every one of them, and
 * quickly (the index on area), where counting by it would read the rollup. */
static void grouping_choices_read(struct store *s, const char *grouping, struct choices *c)
{
    struct buf err = BUF_INIT;
    *c = (struct choices){0};
    if (store_grouping_values(s, grouping, add_value, c, &err) < 0)
        fprintf(stderr, "peel serve: explore: %s\n", buf_str(&err));
    buf_free(&err);
}

static void choices_free(struct choices *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

static bool listed(const char *const *list, int n, const char *v)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], v) == 0)
            return true;
    return false;
}

static void month_field(struct buf *b, const char *id, const char *label, const char *value)
{
    buf_printf(b, "<div class=\"field\"><label for=\"%s\">", id);
    html_escape(b, label);
    buf_printf(b, "</label> <input type=\"month\" id=\"%s\" name=\"%s\" value=\"", id, id);
    html_escape(b, value ? value : "");
    buf_puts(b, "\" placeholder=\"YYYY-MM\"></div>\n");
}

/* One of the options, or "any" (value ""), selected as the query says. */
static void select_field(struct buf *b, const char *id, const char *label, const char *any,
                         const struct choices *c, const char *const *chosen, int nchosen,
                         const char *hint)
{
    buf_puts(b, "<div class=\"field\"><label for=\"");
    html_escape(b, id);
    buf_puts(b, "\">");
    html_escape(b, label);
    buf_puts(b, "</label> <select id=\"");
    html_escape(b, id);
    buf_puts(b, "\" name=\"");
    html_escape(b, id);
    buf_puts(b, "\"");
    if (hint)
        buf_printf(b, " aria-describedby=\"%s\"", hint);
    buf_puts(b, ">\n<option value=\"\">");
    html_escape(b, any);
    buf_puts(b, "</option>\n");
    for (size_t i = 0; i < c->n; i++) {
        buf_puts(b, "<option value=\"");
        html_escape(b, c->v[i]);
        buf_puts(b, listed(chosen, nchosen, c->v[i]) ? "\" selected>" : "\">");
        html_escape(b, c->v[i]);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></div>\n");
}

static void checkbox(struct buf *b, const char *name, size_t i, const char *value,
                     const char *label, bool checked)
{
    buf_printf(b, "<li><input type=\"checkbox\" id=\"%s-%zu\" name=\"%s\" value=\"", name, i, name);
    html_escape(b, value);
    buf_printf(b, "\"%s> <label for=\"%s-%zu\">", checked ? " checked" : "", name, i);
    html_escape(b, label);
    buf_puts(b, "</label></li>\n");
}

static const struct {
    const char *name, *label;
} group_dims[] = {
    {"month", "Month"},
    {"quarter", "Financial quarter"},
    {"fy", "Financial year"},
    {"crime_type", "Crime type"},
    {"outcome", "Last outcome"},
    {"outcome_group", "Outcome group"},
    {"positive_outcome", "Positive outcome"},
    {"district", "District"},
};

#define NGROUP_DIMS (sizeof group_dims / sizeof group_dims[0])

static bool grouped_by(const struct explore_query *x, const char *name)
{
    for (int i = 0; i < x->q.ndims; i++)
        if (strcmp(x->q.dims[i].label, name) == 0)
            return true;
    return false;
}

/* A column's heading: a loaded grouping's name as words ("rural urban"),
 * written into words, which must outlive the heading. */
static const char *dim_heading(const char *name, struct buf *words)
{
    static const struct {
        const char *name, *label;
    } more[] = {{"lsoa", "LSOA"},
                {"count", "Crimes"},
                {"population", "Residents"},
                {"rate_per_1000", "Crimes per 1,000 residents"}};
    for (size_t k = 0; k < NGROUP_DIMS; k++)
        if (strcmp(group_dims[k].name, name) == 0)
            return group_dims[k].label;
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++)
        if (strcmp(more[k].name, name) == 0)
            return more[k].label;
    buf_reset(words);
    area_grouping_words(name, words);
    return buf_str(words);
}

/* The area filters, one control each: since the query holds one area, a
 * hint says so, and a second choice is a 400 that names both. */
struct area_form {
    struct buf *b;
    const struct web_request *rq;
    const struct explore_query *x;
    size_t ngroup; /* group_by checkboxes so far, for their ids */
};

static void area_control(void *arg, const char *name)
{
    struct area_form *f = arg;
    const struct stats_query *q = &f->x->q;
    const char *chosen[] = {q->area_key && strcmp(q->area_key, name) == 0 ? q->area_value : NULL};
    if (strcmp(name, "lsoa") == 0) { /* hundreds of them: typed, not chosen */
        buf_puts(f->b, "<div class=\"field\"><label for=\"lsoa\">LSOA code</label> <input "
                       "type=\"text\" id=\"lsoa\" name=\"lsoa\" aria-describedby=\"area-hint\" "
                       "placeholder=\"E01025631\" value=\"");
        html_escape(f->b, chosen[0] ? chosen[0] : "");
        buf_puts(f->b, "\"></div>\n");
        return;
    }
    struct choices c;
    if (strcmp(name, "district") == 0) /* derived from LSOA names when no lookup has it */
        choices_read(f->rq->store, DIM_DISTRICT, &c);
    else
        grouping_choices_read(f->rq->store, name, &c);
    struct buf words = BUF_INIT;
    select_field(f->b, name, dim_heading(name, &words), "Any", &c, chosen, chosen[0] ? 1 : 0,
                 "area-hint");
    buf_free(&words);
    choices_free(&c);
}

static void group_checkbox(void *arg, const char *name)
{
    struct area_form *f = arg;
    if (strcmp(name, "district") == 0)
        return; /* in group_dims */
    struct buf words = BUF_INIT;
    checkbox(f->b, "group_by", f->ngroup++, name, dim_heading(name, &words),
             grouped_by(f->x, name));
    buf_free(&words);
}

static void form(struct buf *b, const struct web_request *rq, const struct explore_query *x)
{
    struct choices types, outcomes;
    choices_read(rq->store, DIM_CRIME_TYPE, &types);
    choices_read(rq->store, DIM_OUTCOME, &outcomes);
    struct area_form f = {b, rq, x, NGROUP_DIMS};
    buf_puts(b, "<form method=\"get\" action=\"/explore\" class=\"explore\">\n"
                "<fieldset><legend>Months</legend>\n");
    month_field(b, "from", "From (YYYY-MM)", x->from);
    month_field(b, "to", "To (YYYY-MM)", x->to);
    buf_puts(b, "</fieldset>\n<fieldset><legend>Crime type</legend>\n<ul class=\"checks\">\n");
    for (size_t i = 0; i < types.n; i++)
        checkbox(b, "crime_type", i, types.v[i], types.v[i],
                 listed(x->q.crime_types, x->q.ncrime_types, types.v[i]));
    buf_puts(b, "</ul>\n</fieldset>\n<fieldset><legend>Area</legend>\n<p id=\"area-hint\">One "
                "area at most: choose it in one of these and leave the others at \"Any\".</p>\n");
    explore_each_area(rq->store, area_control, &f);
    buf_puts(b, "</fieldset>\n<fieldset><legend>Outcome</legend>\n");
    select_field(b, "outcome", "Last outcome", "Any outcome", &outcomes, x->q.outcomes,
                 x->q.noutcomes, NULL);
    buf_puts(b, "</fieldset>\n<fieldset><legend>Count by (leave empty to list the "
                "crimes)</legend>\n<ul class=\"checks\">\n");
    for (size_t i = 0; i < NGROUP_DIMS; i++)
        checkbox(b, "group_by", i, group_dims[i].name, group_dims[i].label,
                 grouped_by(x, group_dims[i].name));
    explore_each_area(rq->store, group_checkbox, &f);
    buf_puts(b, "</ul>\n</fieldset>\n<p><button type=\"submit\">Show</button></p>\n</form>\n");
    choices_free(&types);
    choices_free(&outcomes);
}

/* href="/explore<suffix>?query", escaped. */
static void explore_href(struct buf *b, const char *suffix, const struct explore_query *x,
                         bool paging, int64_t next)
{
    struct buf q = BUF_INIT;
    explore_query_string(x, paging, next, &q);
    struct buf url = BUF_INIT;
    buf_printf(&url, "/explore%s%s%s", suffix, q.len ? "?" : "", buf_str(&q));
    buf_puts(b, "href=\"");
    html_escape(b, buf_str(&url));
    buf_puts(b, "\"");
    buf_free(&q);
    buf_free(&url);
}

static void downloads(struct buf *b, const struct explore_query *x)
{
    buf_puts(b, "<p>The whole result as data: <a ");
    explore_href(b, ".csv", x, false, 0);
    buf_puts(b, ">CSV</a> or <a ");
    explore_href(b, ".json", x, false, 0);
    buf_puts(b, ">JSON</a> (every row, however many).</p>\n");
}

/* A sentence saying what the result is of. */
static void describe(struct buf *b, const struct explore_query *x)
{
    const struct stats_query *q = &x->q;
    struct buf d = BUF_INIT;
    buf_printf(&d, "%s", x->from || x->to ? "" : "All months");
    if (x->from)
        buf_printf(&d, "From %s", x->from);
    if (x->to)
        buf_printf(&d, "%s %s", x->from ? " to" : "Up to", x->to);
    for (int i = 0; i < q->ncrime_types; i++)
        buf_printf(&d, "%s%s", i ? ", " : "; ", q->crime_types[i]);
    if (q->area_key && strcmp(q->area_key, "district") == 0)
        buf_printf(&d, "; %s", q->area_value);
    else if (q->area_key) {
        struct buf words = BUF_INIT;
        buf_printf(&d, "; %s %s", dim_heading(q->area_key, &words), q->area_value);
        buf_free(&words);
    }
    for (int i = 0; i < q->noutcomes; i++)
        buf_printf(&d, "%s%s", i ? ", " : "; outcome ", q->outcomes[i]);
    if (q->force)
        buf_printf(&d, "; force %s", q->force);
    html_escape(b, buf_str(&d));
    buf_free(&d);
}

static const char *const row_headings[] = {"Month",    "Crime type",   "Location", "LSOA",
                                           "District", "Last outcome", "Crime ID"};

static int64_t total_count(const struct web_request *rq, const struct explore_query *x,
                           struct buf *err)
{
    struct stats_query q = x->q;
    q.ndims = 0;
    int64_t total = 0;
    struct stats_cursor *c = stats_cursor_open(rq->store, &q, err);
    const char *keys[1];
    if (!c || stats_cursor_next(c, keys, &total, err) < 0)
        total = -1;
    stats_cursor_close(c);
    return total;
}

/* A page of crimes; -1 with err. */
static int crimes_table(struct buf *b, const struct web_request *rq, const struct explore_query *x,
                        struct buf *err)
{
    int64_t total = total_count(rq, x, err);
    int size = x->size ? x->size : EXPLORE_PAGE_SIZE;
    struct crime_cursor *c =
        total < 0 ? NULL : store_crimes_open(rq->store, &x->q, x->next, size + 1, err);
    if (!c)
        return -1;
    static const char *const names[] = {
        "month", "crime_type", "location", "lsoa", "district", "last_outcome_category", "crime_id"};
    struct table t;
    table_init(&t, 7, names);
    struct crime_row r;
    int rc;
    int64_t last = 0;
    bool more = false;
    while ((rc = store_crimes_next(c, &r, err)) == 1) {
        if ((int)t.nrows == size) {
            more = true;
            break;
        }
        size_t row = table_add_row(&t);
        const char *v[] = {r.month,     r.crime_type, r.location,
                           r.lsoa_name, r.district,   r.last_outcome_category,
                           r.crime_id};
        for (size_t i = 0; i < 7; i++)
            table_set_text(&t, row, i, v[i]);
        last = r.row_id;
    }
    store_crimes_close(c);
    if (rc >= 0) {
        struct buf cap = BUF_INIT;
        char n[32];
        buf_printf(&cap, "%s crimes", table_thousands(total, n, sizeof n));
        if (x->next || more)
            buf_printf(&cap, ", %zu on this page", t.nrows);
        page_table(b, &t, buf_str(&cap), row_headings);
        buf_free(&cap);
        if (x->next || more) {
            buf_puts(b, "<nav aria-label=\"Pages of crimes\"><ul class=\"pages\">\n");
            if (x->next) {
                buf_puts(b, "<li><a ");
                explore_href(b, "", x, true, 0);
                buf_puts(b, ">First page</a></li>\n");
            }
            if (more) {
                buf_puts(b, "<li><a rel=\"next\" ");
                explore_href(b, "", x, true, last);
                buf_puts(b, ">Next page</a></li>\n");
            }
            buf_puts(b, "</ul></nav>\n");
        }
    }
    table_free(&t);
    return rc < 0 ? -1 : 0;
}

/* Before the i-th of n in a list in words: "a", "a and b", "a, b and c". */
static const char *separator(size_t i, size_t n)
{
    return i == 0 ? "" : i + 1 == n ? " and " : ", ";
}

/* The counts, as `peel stats --group-by` gives them, with population and
 * rate when grouped by one area; -1 with err. */
static int groups_table(struct buf *b, const struct web_request *rq, const struct explore_query *x,
                        struct buf *err)
{
    struct table t;
    bool more = false;
    int rc = grouped_table(rq->store, &x->q, EXPLORE_MAX_SIZE, &t, &more, err);
    const char *headings[GROUPED_MAX_COLS];
    struct buf cap = BUF_INIT, words[GROUPED_MAX_COLS] = {BUF_INIT};
    buf_puts(&cap, "Crimes by ");
    for (size_t i = 0; i < t.ncols; i++) {
        headings[i] = dim_heading(t.names[i], &words[i]);
        if ((int)i < x->q.ndims)
            buf_printf(&cap, "%s%s", separator(i, (size_t)x->q.ndims), headings[i]);
    }
    if (rc == 0 && more)
        buf_printf(&cap, " (the first %d groups: the downloads have them all)", EXPLORE_MAX_SIZE);
    if (rc == 0)
        page_table(b, &t, buf_str(&cap), headings);
    if (rc == 0 && t.ncols > (size_t)x->q.ndims + 1)
        buf_puts(b, "<p>Crimes per 1,000 residents: the count divided by the residents of "
                    "the area's LSOAs (ONS mid-year estimates, within the area filter if one "
                    "is chosen), times 1,000; a group with no residents has no rate.</p>\n");
    table_free(&t);
    buf_free(&cap);
    for (size_t i = 0; i < GROUPED_MAX_COLS; i++)
        buf_free(&words[i]);
    return rc;
}

static void explore_page(const struct web_request *rq, const struct explore_query *x,
                         struct web_response *rs)
{
    struct buf *b = &rs->body;
    page_begin(b, rq, "Explore the data");
    buf_puts(b, "<h1>Explore recorded crime</h1>\n<p class=\"lead\">Choose months, crime types, "
                "an area and an outcome; list the crimes or count them by any of these. "
                "Every result can be downloaded as CSV or JSON.</p>\n");
    form(b, rq, x);
    buf_puts(b, "<h2>Result</h2>\n<p>");
    describe(b, x);
    buf_puts(b, ".</p>\n");
    downloads(b, x);
    struct buf err = BUF_INIT;
    int rc = x->q.ndims ? groups_table(b, rq, x, &err) : crimes_table(b, rq, x, &err);
    if (rc < 0) {
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    buf_puts(b,
             "<p>Counts are of street-level crimes as data.police.uk publishes them (anti-social "
             "behaviour included unless a crime type is chosen); the district is worked out "
             "from the LSOA, as everywhere on this site.</p>\n");
    page_end(b, rq);
    buf_free(&err);
}

void page_explore(const struct web_request *rq, struct web_response *rs)
{
    struct explore_query x;
    struct buf err = BUF_INIT;
    int known = 0;
    if (explore_parse(rq->target, rq->store, &x, &err) != 200)
        web_error(rq, rs, 400, buf_str(&err));
    else if ((known = query_check(rq->store, &x.q, &err)) != 0)
        /* a crime type or area not in the data is a mistake to name, not
         * "0 crimes" */
        web_error(rq, rs, known > 0 ? 400 : 500, buf_str(&err));
    else if (rs->format == WEB_HTML)
        explore_page(rq, &x, rs);
    else
        start_download(rq, &x, rs);
    buf_free(&err);
}
