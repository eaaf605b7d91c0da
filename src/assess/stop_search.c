/*
 * stop_search.c - stop and search counted and compared (see
 * stop_search.h).
 */
#include "assess/stop_search.h"
#include "render/table_share.h"
#include "analysis/poisson.h"
#include "model/ethnicity.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_STATED "(not stated)"

/* The groupings: a column of the store's, or (ethnic_group) one folded. */
static const struct stop_by {
    const char *name, *heading;
    enum stop_dim dim;
    bool fold;
} bys[] = {
    {"month", "Month", STOP_BY_MONTH, false},
    {"area", "Area", STOP_BY_AREA, false},
    {"type", "Type of search", STOP_BY_TYPE, false},
    {"object", "Object of search", STOP_BY_OBJECT, false},
    {"outcome", "Outcome", STOP_BY_OUTCOME, false},
    {"age", "Age range", STOP_BY_AGE, false},
    {"ethnic_group", "Ethnic group (self-defined)", STOP_BY_ETHNICITY, true},
    {"ethnicity", "Ethnicity (self-defined)", STOP_BY_ETHNICITY, false},
    {"officer_ethnicity", "Ethnicity (officer-defined)", STOP_BY_OFFICER_ETHNICITY, false},
    {"gender", "Gender", STOP_BY_GENDER, false},
    {"legislation", "Legislation", STOP_BY_LEGISLATION, false},
};

#define NBYS (sizeof bys / sizeof bys[0])

static const struct stop_by *by_named(const char *name)
{
    for (size_t i = 0; i < NBYS; i++)
        if (strcmp(bys[i].name, name) == 0)
            return &bys[i];
    return NULL;
}

const char *stop_by_names(void)
{
    return "month, area, type, object, outcome, age, ethnic_group, ethnicity, "
           "officer_ethnicity, gender, legislation";
}

bool stop_by_known(const char *by)
{
    return by_named(by) != NULL;
}

const char *stop_by_heading(const char *by)
{
    const struct stop_by *b = by_named(by);
    return b ? b->heading : by;
}

const char *const stop_col_headings[STOP_COLS] = {
    [STOP_COL_KEY] = "",
    [STOP_COL_SEARCHES] = "Searches",
    [STOP_COL_SHARE] = "Share of searches",
    [STOP_COL_FURTHER] = "Further action",
    [STOP_COL_FURTHER_PCT] = "Further action rate",
    [STOP_COL_FURTHER_LOWER] = "Lower 95% limit",
    [STOP_COL_FURTHER_UPPER] = "Upper 95% limit",
    [STOP_COL_ARRESTS] = "Arrests",
    [STOP_COL_ARREST_PCT] = "Arrest rate",
    [STOP_COL_ARREST_LOWER] = "Lower 95% limit",
    [STOP_COL_ARREST_UPPER] = "Upper 95% limit",
    [STOP_COL_FINDS] = "Finds",
    [STOP_COL_FIND_PCT] = "Find rate",
    [STOP_COL_FIND_LOWER] = "Lower 95% limit",
    [STOP_COL_FIND_UPPER] = "Upper 95% limit",
    [STOP_COL_LINK_RECORDED] = "Link recorded",
};

/* Counts gathered before the table is written: shares need the total. */
struct tally {
    struct stop_count *rows;
    char **keys;
    size_t n, cap;
    struct stop_count total;
    bool fold;
};

static void tally_add(struct tally *t, const char *key, const struct stop_count *c)
{
    size_t i = 0;
    while (i < t->n && strcmp(t->keys[i], key) != 0)
        i++;
    if (i == t->n) {
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 16;
            t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
            t->keys = xrealloc(t->keys, t->cap * sizeof *t->keys);
        }
        t->keys[t->n] = xstrdup(key);
        t->rows[t->n++] = (struct stop_count){0};
    }
    struct stop_count *r = &t->rows[i];
    r->searches += c->searches;
    r->further_action += c->further_action;
    r->arrests += c->arrests;
    r->linked += c->linked;
    r->link_recorded += c->link_recorded;
}

static void take_count(void *arg, const struct stop_count *c)
{
    struct tally *t = arg;
    const char *key = c->key;
    if (t->fold) {
        enum ethnic_group g = ethnic_group_of(c->key);
        key = g == ETHNIC_NOT_STATED ? NOT_STATED : ethnic_group_name(g);
    }
    tally_add(t, key, c);
    t->total.searches += c->searches;
    t->total.further_action += c->further_action;
    t->total.arrests += c->arrests;
    t->total.linked += c->linked;
    t->total.link_recorded += c->link_recorded;
}

/* Values in order, the rows that are not values ("(not stated)") last. */
static void tally_sort(struct tally *t)
{
    for (size_t i = 1; i < t->n; i++)
        for (size_t j = i; j > 0; j--) {
            const char *a = t->keys[j - 1], *b = t->keys[j];
            bool pa = a[0] == '(', pb = b[0] == '(';
            if (pa < pb || (pa == pb && strcmp(a, b) <= 0))
                break;
            struct stop_count c = t->rows[j];
            t->rows[j] = t->rows[j - 1];
            t->rows[j - 1] = c;
            char *k = t->keys[j];
            t->keys[j] = t->keys[j - 1];
            t->keys[j - 1] = k;
        }
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->rows);
}

static void set_pct(struct table *t, size_t row, size_t col, int64_t k, int64_t n)
{
    if (n > 0)
        table_set_real(t, row, col, 100.0 * (double)k / (double)n, 1, "%");
}

static void put_row(struct table *t, const char *key, const struct stop_count *c, int64_t all)
{
    size_t r = table_add_row(t);
    table_set_text(t, r, STOP_COL_KEY, key);
    table_set_int(t, r, STOP_COL_SEARCHES, c->searches);
    set_pct(t, r, STOP_COL_SHARE, c->searches, all);
    table_set_int(t, r, STOP_COL_FURTHER, c->further_action);
    table_set_share(t, r, STOP_COL_FURTHER_PCT, c->further_action, c->searches, 1);
    table_set_int(t, r, STOP_COL_ARRESTS, c->arrests);
    table_set_share(t, r, STOP_COL_ARREST_PCT, c->arrests, c->searches, 1);
    table_set_int(t, r, STOP_COL_FINDS, c->linked);
    table_set_share(t, r, STOP_COL_FIND_PCT, c->linked, c->searches, 1);
    table_set_int(t, r, STOP_COL_LINK_RECORDED, c->link_recorded);
}

static void add_notes(struct table *t, const struct stop_count *total)
{
    table_add_note(t, "Further action: any outcome other than no further action (an arrest, a "
                      "summons, a caution, a warning, a community resolution).");
    table_add_note(t, "Find: further action that the officer recorded as linked to the object "
                      "of the search; find rate: finds as a share of all searches.");
    table_add_note(t, "Beside each rate, the lower and upper limits of its 95%% Wilson score "
                      "interval: how far chance alone could move a rate counted from this many "
                      "searches.");
    if (total->searches > 0 && total->link_recorded < total->searches) {
        char recorded[32], all[32];
        table_add_note(t,
                       "Whether the outcome was linked to the object is recorded for %s of "
                       "%s searches; finds are counted only where it is, so the find rate "
                       "is a lower bound.",
                       table_thousands(total->link_recorded, recorded, sizeof recorded),
                       table_thousands(total->searches, all, sizeof all));
    }
    table_add_note(t, "Source: police.uk stop-and-search files.");
}

/* The columns' keys; the first is the grouping's own. */
static const char *const stop_names[STOP_COLS] = {"",
                                                  "searches",
                                                  "share_pct",
                                                  "further_action",
                                                  "further_action_pct",
                                                  "further_action" TABLE_SHARE_LOWER,
                                                  "further_action" TABLE_SHARE_UPPER,
                                                  "arrests",
                                                  "arrest_pct",
                                                  "arrest" TABLE_SHARE_LOWER,
                                                  "arrest" TABLE_SHARE_UPPER,
                                                  "finds",
                                                  "find_rate_pct",
                                                  "find_rate" TABLE_SHARE_LOWER,
                                                  "find_rate" TABLE_SHARE_UPPER,
                                                  "link_recorded"};

int stop_search_table(struct store *s, const char *by, const struct stop_query *q, struct table *t,
                      struct buf *err)
{
    const struct stop_by *b = by_named(by);
    table_init(t, STOP_COLS, stop_names);
    if (!b) {
        buf_printf(err, "unknown grouping '%s' (use %s)", by, stop_by_names());
        return -1;
    }
    free(t->names[0]);
    t->names[0] = xstrdup(b->name);
    for (size_t c = 1; c < STOP_COLS; c++)
        t->right[c] = true;
    struct tally tl = {.fold = b->fold};
    int rc = store_stop_counts(s, b->dim, q, take_count, &tl, err);
    tally_sort(&tl);
    for (size_t i = 0; rc == 0 && i < tl.n; i++)
        put_row(t, tl.keys[i], &tl.rows[i], tl.total.searches);
    if (rc == 0 && tl.n > 0)
        put_row(t, "Total", &tl.total, tl.total.searches);
    if (rc == 0)
        add_notes(t, &tl.total);
    tally_free(&tl);
    return rc;
}

const char *const stop_page_bys[] = {"month", "object",       "outcome", "type",
                                     "age",   "ethnic_group", "gender",  "area"};
const size_t stop_page_nbys = sizeof stop_page_bys / sizeof stop_page_bys[0];

int stop_search_download(struct store *s, const char *const *groupings, size_t n,
                         const struct stop_query *q, struct table *t, struct buf *err)
{
    const char *names[STOP_COLS + 1] = {"grouping", "value"};
    for (size_t c = 1; c < STOP_COLS; c++)
        names[c + 1] = stop_names[c];
    table_init(t, STOP_COLS + 1, names);
    for (size_t c = 2; c < STOP_COLS + 1; c++)
        t->right[c] = true;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct table one;
        rc = stop_search_table(s, groupings[i], q, &one, err);
        /* the last row is the Total */
        for (size_t r = 0; rc == 0 && r + 1 < one.nrows; r++) {
            size_t row = table_add_row(t);
            table_set_text(t, row, 0, groupings[i]);
            for (size_t c = 0; c < STOP_COLS; c++)
                table_copy_cell(t, row, c + 1, table_cell(&one, r, c));
        }
        table_free(&one);
    }
    return rc;
}

/* ---- disproportionality --------------------------------------------------- */

const char *const disparity_col_headings[DISP_COLS] = {
    [DISP_COL_GROUP] = "Ethnic group",
    [DISP_COL_SEARCHES] = "Searches",
    [DISP_COL_POPULATION] = "Population",
    [DISP_COL_RATE] = "Searches per 1,000 people",
    [DISP_COL_RATIO] = "Times the White rate",
    [DISP_COL_LOWER] = "95% interval from",
    [DISP_COL_UPPER] = "95% interval to",
    [DISP_COL_P] = "p-value",
    [DISP_COL_VERDICT] = "Against the White rate",
};

void stop_disparity_free(struct stop_disparity *d)
{
    buf_free(&d->force);
    buf_free(&d->source);
}

static void disparity_row(struct table *t, enum ethnic_group g, int64_t searches,
                          int64_t population, int64_t white, int64_t white_pop)
{
    size_t r = table_add_row(t);
    table_set_text(t, r, DISP_COL_GROUP, ethnic_group_name(g));
    table_set_int(t, r, DISP_COL_SEARCHES, searches);
    if (population <= 0) {
        table_set_text(t, r, DISP_COL_VERDICT, "no population loaded");
        return;
    }
    table_set_int(t, r, DISP_COL_POPULATION, population);
    table_set_real(t, r, DISP_COL_RATE, 1000.0 * (double)searches / (double)population, 2, NULL);
    if (g == ETHNIC_WHITE || white_pop <= 0)
        return;
    struct rate_comparison c;
    if (!compare_counts(white, searches, (double)white_pop, (double)population, 0.95, &c))
        return;
    if (isfinite(c.ratio))
        table_set_real(t, r, DISP_COL_RATIO, c.ratio, 2, NULL);
    table_set_real(t, r, DISP_COL_LOWER, c.lower, 2, NULL);
    if (isfinite(c.upper))
        table_set_real(t, r, DISP_COL_UPPER, c.upper, 2, NULL);
    table_set_real(t, r, DISP_COL_P, c.p_value, 4, NULL);
    table_set_text(t, r, DISP_COL_VERDICT,
                   !c.beyond_chance ? "no difference beyond chance"
                   : c.after * (double)white_pop > c.before * (double)population
                       ? "searched more often"
                       : "searched less often");
}

static void take_group(void *arg, const struct stop_count *c)
{
    int64_t *by_group = arg; /* ETHNIC_GROUPS + 1: the last is not stated */
    enum ethnic_group g = ethnic_group_of(c->key);
    by_group[g == ETHNIC_NOT_STATED ? ETHNIC_GROUPS : g] += c->searches;
}

static int disparity_force(struct store *s, const struct stop_query *q, struct buf *slug,
                           struct stop_disparity *d, struct buf *err)
{
    int rc = store_stop_force(s, q->force, slug, &d->force, err);
    if (rc == 1)
        buf_printf(err, "no stop-and-search records are held%s%s", q->force ? " for " : "",
                   q->force ? q->force : "");
    else if (rc == 2)
        buf_puts(err, "stop-and-search records of several forces are held: name one");
    return rc;
}

int stop_disparity_table(struct store *s, const struct stop_query *q, struct table *t,
                         struct stop_disparity *d, struct buf *err)
{
    static const char *const names[DISP_COLS] = {"ethnic_group", "searches",       "population",
                                                 "per_1000",     "ratio_to_white", "ratio_lower",
                                                 "ratio_upper",  "p_value",        "verdict"};
    table_init(t, DISP_COLS, names);
    for (size_t c = 1; c < DISP_COL_VERDICT; c++)
        t->right[c] = true;
    *d = (struct stop_disparity){.force = BUF_INIT, .source = BUF_INIT};
    struct buf slug = BUF_INIT;
    int64_t pop[ETHNIC_GROUPS], by_group[ETHNIC_GROUPS + 1] = {0};
    int first = 0, last = -1;
    struct stop_query fq = *q;
    int rc = disparity_force(s, q, &slug, d, err);
    fq.force = slug.p;
    if (rc == 0)
        rc = store_ethnic_populations(s, slug.p, pop, &d->source, err);
    d->have_population = rc == 0;
    if (rc == 1 && d->force.len) /* no population: say so, not an error */
        rc = 0;
    if (rc == 0 && d->have_population)
        rc = store_stop_counts(s, STOP_BY_ETHNICITY, &fq, take_group, by_group, err);
    if (rc == 0 && d->have_population && store_stop_months(s, slug.p, &first, &last, err) < 0)
        rc = -1;
    if (rc == 0 && d->have_population) {
        d->not_stated = by_group[ETHNIC_GROUPS];
        d->months = (q->month_to >= 0 && q->month_to < last ? q->month_to : last) -
                    (q->month_from > first ? q->month_from : first) + 1;
        /* the group every other is compared with first */
        static const enum ethnic_group order[ETHNIC_GROUPS] = {
            ETHNIC_WHITE, ETHNIC_ASIAN, ETHNIC_BLACK, ETHNIC_MIXED, ETHNIC_OTHER};
        for (int i = 0; i < ETHNIC_GROUPS; i++)
            disparity_row(t, order[i], by_group[order[i]], pop[order[i]], by_group[ETHNIC_WHITE],
                          pop[ETHNIC_WHITE]);
        char left_out[32];
        table_add_note(t,
                       "Searches per 1,000 people over the %d months counted, by the "
                       "person's own (self-defined) ethnic group; %s searches whose group "
                       "was not stated are left out.",
                       d->months, table_thousands(d->not_stated, left_out, sizeof left_out));
        table_add_note(t, "Times the White rate: each group's rate divided by the White "
                          "group's, with a 95%% interval and p-value from the exact "
                          "conditional binomial test of two Poisson rates.");
        table_add_note(t, "Population by ethnic group: as loaded from %s.", d->source.p);
    }
    buf_free(&slug);
    return rc;
}

void stop_disparity_sentence(const struct table *t, size_t row, struct buf *out)
{
    const struct cell *group = table_cell(t, row, DISP_COL_GROUP);
    const struct cell *ratio = table_cell(t, row, DISP_COL_RATIO);
    const struct cell *lo = table_cell(t, row, DISP_COL_LOWER);
    const struct cell *hi = table_cell(t, row, DISP_COL_UPPER);
    assert(group->type == CELL_TEXT);
    if (ratio->type != CELL_REAL) {
        buf_printf(out, "People in the %s group: no ratio to the White rate can be given",
                   group->text);
        return;
    }
    buf_printf(out,
               "People in the %s group were searched %.1f times as often as people in "
               "the White group (95%% interval %.1f to ",
               group->text, ratio->r, lo->r);
    if (hi->type == CELL_REAL)
        buf_printf(out, "%.1f)", hi->r);
    else
        buf_puts(out, "no upper limit)");
}
