/*
 * page_grants.c - the Safety Fund's awards on the public site
 * (store/fund.h, assess/fund_tables.h, assess/giving360.h):
 *
 *   /grants (.csv, .json)          awards by round, district and priority,
 *                                  and every award; as data, every award;
 *                                  ?round=, ?district=, ?priority= pick
 *                                  (the same at .csv and .json)
 *   /grants/statistics (.csv, .json)  applications, eligible, awarded,
 *                                  success rate, amounts asked for and
 *                                  awarded, by round, district and priority
 *                                  (assess/fund_stats.h; the data ?by=)
 *   /grants/360giving.json, .csv   the same awards as 360Giving open data
 *   /grants/map (.csv, .json)      money awarded and grants by district, on
 *                                  a map (assess/fund_map.h) with its table;
 *                                  the same filters; /grants shows it too
 *
 * Only awards whose round's decision is published (the decision register
 * says when), with their conditions (Specified Information Order 2011
 * 3(f)). A sensitive award (a refuge) is listed, but never where it is:
 * its district and partnership are withheld in every format, and it is on
 * no map. Rounds are shown to people by their title, theme and dates, and
 * priorities by the plan's titles; the data keep the keys. Money is
 * written by model/money.h: for people on the page, in pounds and pence in
 * the data.
 */
#include "assess/fund_map.h"
#include "assess/fund_stats.h"
#include "assess/fund_tables.h"
#include "assess/giving360.h"
#include "model/calendar.h"
#include "model/decision.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/params.h"

#include <stdio.h>
#include <string.h>

static const char *const award_headings[] = {
    "Award",    "Round",      "Recipient",  "Organisation identifier",
    "Project",  "Amount",     "District",   "Community safety partnership code",
    "Priority", "Conditions", "Award date", "Decision"};

static void intro(struct buf *b)
{
    buf_puts(b, "<h1>Grants</h1>\n<p class=\"lead\">The Commissioner&#39;s Safety Fund gives "
                "local organisations grants of up to &#163;10,000 for projects that prevent "
                "crime and protect vulnerable people. These are the grants awarded, once the "
                "decision to award them is published, with the conditions attached to each.</p>\n"
                "<p>Each round&#39;s applications are scored against a rubric and a pass mark "
                "fixed before the round opens. Where a grant supports a place that must stay "
                "private, such as a refuge, we do not publish where it is.</p>\n"
                "<p>As data: every award as <a href=\"/grants.csv\">CSV</a> or "
                "<a href=\"/grants.json\">JSON</a>, the money awarded by district "
                "(<a href=\"/grants/map\">on a map</a>) as <a href=\"/grants/map.csv\">CSV</a> "
                "or <a href=\"/grants/map.json\">JSON</a>, "
                "and as 360Giving open data "
                "(<a href=\"/grants/360giving.json\">JSON</a>, "
                "<a href=\"/grants/360giving.csv\">CSV</a>), the UK standard for grants, "
                "which GrantNav reads.</p>\n"
                "<p>Local organisations can <a href=\"/grants/apply\">apply for a grant</a> "
                "while a round is open. How many apply, and how many succeed, by round, "
                "district and priority: <a href=\"/grants/statistics\">the fund&#39;s "
                "statistics</a>.</p>\n");
}

/* ---- rounds by name ---------------------------------------------------------- */

/* Each round's key and its name for people, "Round 1: Violence against
 * women and girls, 1 May 2024 to 31 May 2024": a reader does not know
 * what "SF-R1" is. The data keep the key. */
struct round_names {
    char **key, **name;
    size_t n;
};

static void date_text(struct buf *b, const char *ymd)
{
    int d;
    char words[DATE_WORDS_SIZE];
    if (ymd && date_parse(ymd, strlen(ymd), &d)) {
        date_words(d, words);
        buf_puts(b, words);
    } else if (ymd) {
        buf_puts(b, ymd);
    }
}

static void round_name(void *arg, const struct fund_round_view *v)
{
    struct round_names *rn = arg;
    struct buf b = BUF_INIT;
    buf_puts(&b, v->r.title && *v->r.title ? v->r.title : v->r.key);
    if (v->r.theme && *v->r.theme)
        buf_printf(&b, ": %s", v->r.theme);
    buf_puts(&b, ", ");
    date_text(&b, v->r.opens_on);
    buf_puts(&b, " to ");
    date_text(&b, v->r.closes_on);
    rn->key = xrealloc(rn->key, (rn->n + 1) * sizeof *rn->key);
    rn->name = xrealloc(rn->name, (rn->n + 1) * sizeof *rn->name);
    rn->key[rn->n] = xstrdup(v->r.key);
    rn->name[rn->n++] = buf_detach(&b);
}

static int round_names_read(struct store *s, struct round_names *rn, struct buf *err)
{
    *rn = (struct round_names){0};
    return store_fund_rounds(s, NULL, round_name, rn, err);
}

static void round_names_free(struct round_names *rn)
{
    for (size_t i = 0; i < rn->n; i++) {
        free(rn->key[i]);
        free(rn->name[i]);
    }
    free(rn->key);
    free(rn->name);
}

/* The round's name, or the key itself when it names no round. */
static const char *round_named(const struct round_names *rn, const char *key)
{
    for (size_t i = 0; key && i < rn->n; i++)
        if (strcmp(rn->key[i], key) == 0)
            return rn->name[i];
    return key;
}

/* Column col of t (rounds' keys) as the rounds' names. */
static void round_names_apply(const struct round_names *rn, struct table *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const struct cell *c = table_cell(t, r, col);
        if (c->type != CELL_TEXT)
            continue;
        char *name = xstrdup(round_named(rn, c->text));
        table_set_text(t, r, col, name);
        free(name);
    }
}

/* ---- the filters ------------------------------------------------------------ */

static const char *const filter_names[] = {"round", "district", "priority"};
static const char *const filter_words[] = {"Round", "District", "Priority"};
/* The awards table's columns that the filters match. */
#define ROUND_COLUMN    1
#define PRIORITY_COLUMN 8
static const size_t filter_columns[] = {ROUND_COLUMN, 6, PRIORITY_COLUMN};
/* The awards table's columns on the page: all but the partnership's code,
 * which the district says for people (the data keep it). */
static const char *const award_shown[] = {"award",      "round",      "recipient", "org_id",
                                          "title",      "amount",     "district",  "priority",
                                          "conditions", "award_date", "decision",  NULL};

/* The request's filters: a parameter given and not empty, else NULL. */
static void filter_read(const struct web_request *rq, struct fund_award_filter *f)
{
    const char **slot[] = {&f->round, &f->district, &f->priority};
    for (int i = 0; i < 3; i++) {
        const char *v = web_param(rq->target, filter_names[i]);
        *slot[i] = v && *v ? v : NULL;
    }
}

/* "?round=R&district=D" of the filters given; "" when none. */
static void filter_query(const struct fund_award_filter *f, struct buf *q)
{
    const char *values[] = {f->round, f->district, f->priority};
    for (int i = 0; i < 3; i++)
        if (values[i]) {
            buf_printf(q, "%c%s=", q->len ? '&' : '?', filter_names[i]);
            url_encode(q, values[i]);
        }
}

/* One <select> of the values column col of the public awards takes; a
 * round is chosen by its name, a priority by the plan's title of its key. */
static void filter_select(struct buf *b, const struct plan *p, const struct round_names *rn,
                          const struct table *all, int i, const char *chosen)
{
    buf_printf(b,
               "<div class=\"field\"><label for=\"%s\">%s</label> <select id=\"%s\" "
               "name=\"%s\">\n<option value=\"\">Any</option>\n",
               filter_names[i], filter_words[i], filter_names[i], filter_names[i]);
    for (size_t r = 0; r < all->nrows; r++) {
        struct buf v = BUF_INIT, earlier = BUF_INIT;
        table_cell_text(table_cell(all, r, filter_columns[i]), false, &v);
        bool seen = !v.len;
        for (size_t k = 0; !seen && k < r; k++) {
            buf_reset(&earlier);
            table_cell_text(table_cell(all, k, filter_columns[i]), false, &earlier);
            seen = strcmp(buf_str(&earlier), buf_str(&v)) == 0;
        }
        if (!seen) {
            buf_puts(b, "<option value=\"");
            html_escape(b, buf_str(&v));
            buf_puts(b, chosen && strcmp(chosen, buf_str(&v)) == 0 ? "\" selected>" : "\">");
            buf_reset(&earlier);
            if (filter_columns[i] == PRIORITY_COLUMN)
                plan_keys_describe(p, buf_str(&v), &earlier);
            else if (filter_columns[i] == ROUND_COLUMN)
                buf_puts(&earlier, round_named(rn, buf_str(&v)));
            else
                buf_puts(&earlier, buf_str(&v));
            html_escape(b, buf_str(&earlier));
            buf_puts(b, "</option>\n");
        }
        buf_free(&v);
        buf_free(&earlier);
    }
    buf_puts(b, "</select></div>\n");
}

static void filter_form(struct buf *b, const struct plan *p, const struct round_names *rn,
                        const struct table *all, const struct fund_award_filter *f)
{
    const char *chosen[] = {f->round, f->district, f->priority};
    buf_puts(b, "<form method=\"get\" action=\"/grants\" class=\"explore\">\n<fieldset>"
                "<legend>Show the grants of</legend>\n");
    for (int i = 0; i < 3; i++)
        filter_select(b, p, rn, all, i, chosen[i]);
    buf_puts(b, "</fieldset>\n<p><button type=\"submit\">Show</button> <a href=\"/grants\">"
                "Every grant</a></p>\n</form>\n");
}

static int totals(struct buf *b, const struct web_request *rq, const struct round_names *rn,
                  const struct fund_award_filter *f, enum fund_group g, struct buf *err)
{
    static const char *const ids[] = {"by-round", "by-district", "by-priority"};
    static const char *const words[] = {"Round", "District", "Priority"};
    struct table t;
    int rc = fund_totals_table_where(rq->store, f, g, true, &t, err);
    if (rc == 0 && g == FUND_BY_PRIORITY)
        page_mission_names(&rq->ctx->plan, &t, 0);
    if (rc == 0 && g == FUND_BY_ROUND)
        round_names_apply(rn, &t, 0);
    if (rc == 0 && t.nrows) {
        const char *headings[] = {words[g], "Grants", "Awarded"};
        char caption[64];
        snprintf(caption, sizeof caption, "Grants awarded by %s",
                 g == FUND_BY_ROUND ? "round" : "priority");
        buf_printf(b, "<h2 id=\"%s\">", ids[g]);
        html_escape(b, caption);
        buf_puts(b, "</h2>\n");
        page_table(b, &t, caption, headings);
    }
    table_free(&t);
    return rc;
}

/* ---- the map ---------------------------------------------------------------- */

/* The map of the money the filters pick by district, drawn at the site's
 * two widths, its text alternative, and its table: the same figures. */
static int map_section(struct buf *b, const struct web_request *rq,
                       const struct fund_award_filter *f, struct buf *err)
{
    struct map m;
    if (fund_map_build(rq->store, f, rq->ctx->plan.force, FUND_MAP_TITLE, &m, err) < 0)
        return -1;
    struct buf svg = BUF_INIT, narrow = BUF_INIT, why = BUF_INIT, q = BUF_INIT;
    buf_puts(b, "<figure class=\"chart\">\n");
    if (map_svg(&m, &svg, &why) == 0 &&
        map_svg_sized(&m, CHART_PHONE_WIDTH, MAP_PHONE_HEIGHT, &narrow, &why) == 0)
        page_chart(b, buf_str(&svg), buf_str(&narrow));
    else
        html_printf(b, "(No map: %s.)", buf_str(&why));
    buf_puts(b, "\n<figcaption>");
    html_escape(b, m.description);
    buf_puts(b, "</figcaption>\n</figure>\n");
    struct table t;
    map_table(&m, &t);
    page_table(b, &t, "Grants awarded by district", map_table_headings(&m));
    table_free(&t);
    filter_query(f, &q);
    buf_puts(b, "<p>The map&#39;s figures as data: <a href=\"/grants/map.csv");
    html_escape(b, buf_str(&q));
    buf_puts(b, "\">CSV</a>, <a href=\"/grants/map.json");
    html_escape(b, buf_str(&q));
    buf_puts(b, "\">JSON</a>.</p>\n");
    map_free(&m);
    buf_free(&svg);
    buf_free(&narrow);
    buf_free(&why);
    buf_free(&q);
    return 0;
}

/* The decisions of the awards listed, each linked: the register's page
 * of a decision gives its reasons (the Order asks for each grant's). */
#define DECISION_COLUMN 11
static void decision_links(struct buf *b, const struct table *t)
{
    struct buf ref = BUF_INIT, seen = BUF_INIT;
    bool any = false;
    for (size_t r = 0; r < t->nrows; r++) {
        buf_reset(&ref);
        table_cell_text(table_cell(t, r, DECISION_COLUMN), false, &ref);
        char slug[DECISION_SLUG_SIZE];
        buf_puts(&ref, "\n");
        if (strstr(buf_str(&seen), buf_str(&ref)))
            continue; /* listed already */
        buf_puts(&seen, buf_str(&ref));
        ref.p[--ref.len] = '\0';
        if (!decision_ref_slug(buf_str(&ref), slug))
            continue;
        buf_puts(b, any ? ", "
                        : "<p>Why the grants were awarded: each round&#39;s decision "
                          "gives its reasons: ");
        buf_printf(b, "<a href=\"/decisions/%s\">", slug);
        html_escape(b, buf_str(&ref));
        buf_puts(b, "</a>");
        any = true;
    }
    if (any)
        buf_puts(b, ".</p>\n");
    buf_free(&ref);
    buf_free(&seen);
}

/* The awards the filters pick, with their totals and the same as data. */
static void picked_awards(struct buf *b, const struct web_request *rq, const struct round_names *rn,
                          const struct fund_award_filter *f, struct table *t, int *rc,
                          struct buf *err)
{
    struct buf q = BUF_INIT;
    filter_query(f, &q);
    if (q.len) {
        buf_puts(b, "<p>These grants as data: <a href=\"/grants.csv");
        html_escape(b, buf_str(&q));
        buf_puts(b, "\">CSV</a>, <a href=\"/grants.json");
        html_escape(b, buf_str(&q));
        buf_puts(b, "\">JSON</a>.</p>\n");
    }
    buf_free(&q);
    if (t->nrows == 0)
        buf_puts(b, "<p>No published grant matches.</p>\n");
    if (*rc == 0 && t->nrows)
        *rc = totals(b, rq, rn, f, FUND_BY_ROUND, err);
    if (*rc == 0 && t->nrows) {
        buf_puts(b, "<h2 id=\"by-district\">Grants awarded by district</h2>\n");
        *rc = map_section(b, rq, f, err);
    }
    if (*rc == 0 && t->nrows)
        *rc = totals(b, rq, rn, f, FUND_BY_PRIORITY, err);
    if (*rc == 0 && t->nrows) {
        page_mission_names(&rq->ctx->plan, t, PRIORITY_COLUMN);
        round_names_apply(rn, t, ROUND_COLUMN);
        buf_puts(b, "<h2 id=\"awards\">The grants</h2>\n");
        page_table_columns(b, t, "Grants awarded", award_headings, award_shown);
        buf_puts(b, "<p>The data also give each grant&#39;s community safety partnership "
                    "code.</p>\n");
        decision_links(b, t);
    }
}

static void summary_page(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct fund_award_filter f;
    filter_read(rq, &f);
    page_begin(b, rq, "Grants");
    intro(b);
    struct table all, t;
    struct round_names rn;
    int rc = round_names_read(rq->store, &rn, &err);
    if (rc == 0)
        rc = fund_awards_table(rq->store, NULL, true, true, &all, &err);
    else
        table_init(&all, 0, NULL);
    if (rc == 0)
        rc = fund_awards_table_where(rq->store, &f, true, true, &t, &err);
    else
        table_init(&t, 0, NULL);
    if (rc == 0 && all.nrows == 0) {
        buf_puts(b, "<p>No grants have been published yet.</p>\n");
    } else if (rc == 0) {
        filter_form(b, &rq->ctx->plan, &rn, &all, &f);
        picked_awards(b, rq, &rn, &f, &t, &rc, &err);
    }
    round_names_free(&rn);
    table_free(&all);
    table_free(&t);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

void page_grants(const struct web_request *rq, struct web_response *rs)
{
    if (rs->format == WEB_HTML) {
        summary_page(rq, rs);
        return;
    }
    struct fund_award_filter f;
    filter_read(rq, &f);
    struct table t;
    struct buf err = BUF_INIT;
    if (fund_awards_table_where(rq->store, &f, true, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

void page_grants_map(const struct web_request *rq, struct web_response *rs)
{
    struct fund_award_filter f;
    filter_read(rq, &f);
    struct buf err = BUF_INIT;
    if (rs->format == WEB_HTML) {
        struct buf *b = &rs->body;
        page_begin(b, rq, "Grants by district");
        buf_puts(b, "<h1>Grants by district</h1>\n<p class=\"lead\">The money the "
                    "Commissioner&#39;s Safety Fund has awarded in each district, and how many "
                    "grants, once the decision to award them is published. A grant to a place "
                    "that must stay private, such as a refuge, is on no map. Every grant is on "
                    "<a href=\"/grants\">the list of grants</a>.</p>\n");
        int rc = map_section(b, rq, &f, &err);
        page_finish(rq, rs, rc, &err);
        buf_free(&err);
        return;
    }
    struct map m;
    struct table t;
    if (fund_map_build(rq->store, &f, rq->ctx->plan.force, FUND_MAP_TITLE, &m, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        map_table_money(&m, false, &t);
        pages_data(&t, rs->format, rs);
        table_free(&t);
        map_free(&m);
    }
    buf_free(&err);
}

void page_grants_360(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    struct table t;
    if (rs->format == WEB_JSON) {
        if (giving360_json(rq->store, false, &rs->body, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
    } else {
        if (giving360_table(rq->store, false, &t, &err) < 0)
            web_error(rq, rs, 500, buf_str(&err));
        else
            pages_data(&t, rs->format, rs);
        table_free(&t);
    }
    buf_free(&err);
}

/* ---- statistics ------------------------------------------------------------- */

static const char *const stat_headings[] = {
    "",          "Applications",       "Eligible", "Awarded", "Success rate (%)",
    "Asked for", "Awarded (\xc2\xa3)", "Note"};

static int stats_section(struct buf *b, const struct web_request *rq, enum fund_group g,
                         struct buf *err)
{
    static const char *const names[] = {"round", "district", "priority"};
    struct table t;
    int rc = fund_stats_table(rq->store, g, true, true, &t, err);
    if (rc == 0) {
        if (g == FUND_BY_PRIORITY)
            page_mission_names(&rq->ctx->plan, &t, 0);
        if (g == FUND_BY_ROUND) {
            struct round_names rn;
            if (round_names_read(rq->store, &rn, err) == 0)
                round_names_apply(&rn, &t, 0);
            round_names_free(&rn);
        }
        const char *headings[8];
        memcpy(headings, stat_headings, sizeof headings);
        headings[0] = filter_words[g];
        char caption[64];
        snprintf(caption, sizeof caption, "Applications and grants by %s", names[g]);
        buf_printf(b, "<h2 id=\"by-%s\">", names[g]);
        html_escape(b, caption);
        buf_puts(b, "</h2>\n");
        page_table(b, &t, caption, headings);
        buf_printf(b,
                   "<p>As data: <a href=\"/grants/statistics.csv?by=%s\">CSV</a>, "
                   "<a href=\"/grants/statistics.json?by=%s\">JSON</a>.</p>\n",
                   names[g], names[g]);
    }
    table_free(&t);
    return rc;
}

static void stats_intro(struct buf *b)
{
    buf_printf(b,
               "<h1>Safety Fund statistics</h1>\n<p class=\"lead\">How many organisations "
               "applied to each round of the Safety Fund, how many of the applications met "
               "the round&#39;s rules, and how many were awarded a grant.</p>\n<p>Counted "
               "from the applications sent through this site, in the rounds whose decision "
               "is published. The success rate is the grants awarded as a share of the "
               "applications sent. An application that serves several of the plan&#39;s "
               "priorities counts under each, so the priorities add up to more than the "
               "whole. Grants recorded without an application here (from rounds run before "
               "the form) are on <a href=\"/grants\">the list of grants</a> but not in these "
               "figures.</p>\n<p><strong>Small numbers are withheld.</strong> Where a row has "
               "one or two unsuccessful applications, its applications, eligible, success "
               "rate and amount asked for are not shown: the grants awarded are published "
               "by name and amount, so with only one or two turned down, someone who knows "
               "the area could tell who they were and how much they asked for. Where only "
               "one row is withheld, so is the total, so that the row cannot be worked out "
               "by subtraction. Grants and amounts awarded are always shown (rule: fewer "
               "than %d unsuccessful).</p>\n",
               FUND_STATS_MIN_UNSUCCESSFUL);
}

void page_grants_statistics(const struct web_request *rq, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    if (rs->format != WEB_HTML) {
        enum fund_group g = FUND_BY_ROUND;
        const char *by = web_param(rq->target, "by");
        struct table t;
        if (by && *by && !fund_group_parse(by, &g)) {
            page_error(rq, rs, 400, "by: round, district or priority.");
        } else if (fund_stats_table(rq->store, g, true, false, &t, &err) < 0) {
            table_free(&t);
            web_error(rq, rs, 500, buf_str(&err));
        } else {
            pages_data(&t, rs->format, rs);
            table_free(&t);
        }
        buf_free(&err);
        return;
    }
    struct buf *b = &rs->body;
    page_begin(b, rq, "Safety Fund statistics");
    stats_intro(b);
    int rc = 0;
    for (int g = 0; rc == 0 && g < 3; g++)
        rc = stats_section(b, rq, (enum fund_group)g, &err);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}
