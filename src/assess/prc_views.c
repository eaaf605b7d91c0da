/*
 * prc_views.c - the Home Office recorded-crime tables as `peel prc` shows
 * them (see prc_views.h).
 */
#include "assess/prc_views.h"
#include "assess/prc_common.h"
#include "model/forces.h"
#include "store/areas.h"
#include "store/prc.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The request being answered: what was asked, and what it resolved to. */
struct prc_view {
    int fy;      /* -1: the latest stored */
    int quarter; /* 0: the whole year */
    const char *force, *key;
    const char *group; /* as given; resolved to the stored spelling */
    enum prc_by by;
    bool similar, all_bodies;
    int from, to; /* the periods asked about */
    struct buf group_name;
};

/* ---- shared ------------------------------------------------------------- */

struct span {
    int first, last; /* -1 when nothing is stored */
};

static void extend_span(void *arg, int period, int64_t rows, int64_t count)
{
    (void)rows;
    (void)count;
    struct span *sp = arg;
    if (sp->first < 0 || period < sp->first)
        sp->first = period;
    if (period > sp->last)
        sp->last = period;
}

/* Fills from/to from --fy and --quarter. Without --fy: every quarter stored
 * for the force by quarter, else the latest financial year stored. */
static int choose_periods(struct store *s, struct prc_view *a, struct buf *err)
{
    if (a->fy < 0) {
        struct span sp = {-1, -1};
        if (store_prc_periods(s, a->by == PRC_BY_QUARTER ? a->key : NULL, extend_span, &sp, err) <
            0)
            return -1;
        if (sp.last < 0) {
            buf_printf(err,
                       "no Home Office recorded-crime figures are loaded%s%s "
                       "(peel import-prc FILE)",
                       a->by == PRC_BY_QUARTER ? " for " : "",
                       a->by == PRC_BY_QUARTER ? a->force : "");
            return -1;
        }
        if (a->by == PRC_BY_QUARTER && !a->quarter) {
            a->from = sp.first;
            a->to = sp.last;
            a->fy = PRC_PERIOD_FY(sp.last);
            return 0;
        }
        a->fy = PRC_PERIOD_FY(sp.last);
    }
    a->from = PRC_PERIOD(a->fy, a->quarter ? a->quarter : 1);
    a->to = PRC_PERIOD(a->fy, a->quarter ? a->quarter : 4);
    return 0;
}

struct group_match {
    const char *want;
    struct buf *found;
    struct buf all;
};

static void match_group(void *arg, const char *group)
{
    struct group_match *m = arg;
    if (strcasecmp(group, m->want) == 0) {
        buf_reset(m->found);
        buf_puts(m->found, group);
    }
    buf_printf(&m->all, "%s'%s'", m->all.len ? ", " : "", group);
}

/* --offence-group, matched to a stored group ignoring case. */
static int resolve_group(struct store *s, struct prc_view *a, struct buf *err)
{
    if (!a->group)
        return 0;
    struct group_match m = {a->group, &a->group_name, BUF_INIT};
    int rc = store_prc_groups(s, match_group, &m, err);
    if (rc == 0 && a->group_name.len == 0) {
        buf_printf(err, "no offence group '%s' is stored; the groups are: %s", a->group,
                   m.all.len ? m.all.p : "(none: peel import-prc FILE)");
        rc = PRC_VIEW_BAD_REQUEST;
    }
    buf_free(&m.all);
    return rc;
}

static const char *period_label(const struct prc_view *a, char *out, size_t n)
{
    char fy[FY_TEXT_SIZE];
    fy_format(a->fy, fy);
    if (a->quarter)
        snprintf(out, n, "%s Q%d", fy, a->quarter);
    else
        snprintf(out, n, "financial year %s", fy);
    return out;
}

/* Says which quarters of the range are missing for the force (NULL: any
 * force): a total over part of a year is not a year's total. */
static void note_coverage(struct store *s, const struct prc_view *a, const char *force,
                          struct table *t)
{
    struct buf missing = BUF_INIT, err = BUF_INIT;
    int n = prc_quarters_present(s, force, a->from, a->to, &missing, &err);
    if (n >= 0 && missing.len)
        table_add_note(t, "INCOMPLETE: no figures for %s%s (%d of %d quarters stored).", missing.p,
                       force ? " for this force" : "", n, a->to - a->from + 1);
    buf_free(&missing);
    buf_free(&err);
}

static void note_rates(struct store *s, struct table *t, const char *slug, bool any)
{
    int64_t population;
    struct buf source = BUF_INIT, err = BUF_INIT;
    if (any && slug && store_force_population(s, slug, &population, &source, &err) == 0)
        table_add_note(t, "rate_per_1000: offences per 1,000 residents of the force area (%s).",
                       source.p);
    else if (!any)
        table_add_note(t, "No rates per 1,000 residents: load force area populations with "
                          "peel import-population --forces FILE.");
    buf_free(&source);
    buf_free(&err);
}

/* ---- by offence group --------------------------------------------------- */

struct group_count {
    char *group;
    int64_t count;
};

struct group_rows {
    struct group_count *rows;
    size_t n, cap;
    int64_t total;
};

static void add_group_row(void *arg, const char *group, int64_t count)
{
    struct group_rows *g = arg;
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 16;
        g->rows = xrealloc(g->rows, g->cap * sizeof *g->rows);
    }
    g->rows[g->n++] = (struct group_count){xstrdup(group), count};
    g->total += count;
}

static void group_rows_free(struct group_rows *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->rows[i].group);
    free(g->rows);
}

static int by_count_desc(const void *x, const void *y)
{
    const struct group_count *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->group, b->group);
}

static void group_row(struct table *t, const char *label, int64_t count, int64_t total,
                      int64_t population)
{
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, label);
    table_set_int(t, row, 1, count);
    if (total > 0)
        table_set_real(t, row, 2, 100.0 * (double)count / (double)total, 1, "%");
    if (population > 0)
        table_set_real(t, row, 3, 1000.0 * (double)count / (double)population, 2, NULL);
}

static void group_title(struct store *s, const struct prc_view *a, struct table *t)
{
    struct buf name = BUF_INIT, err = BUF_INIT, title = BUF_INIT;
    char period[32];
    if (store_prc_force_name(s, a->key, &name, &err) != 0)
        buf_puts(&name, a->force);
    buf_printf(&title, "Offences recorded by %s, %s, by Home Office offence group", name.p,
               period_label(a, period, sizeof period));
    table_set_title(t, title.p);
    buf_free(&name);
    buf_free(&err);
    buf_free(&title);
}

static int view_by_group(struct store *s, struct prc_view *a, struct table *t, struct buf *err)
{
    struct group_rows g = {0};
    if (store_prc_by_group(s, a->key, a->from, a->to, add_group_row, &g, err) < 0)
        return -1;
    int64_t population = -1;
    struct buf source = BUF_INIT, ignored = BUF_INIT;
    const struct police_force *f = force_lookup(a->force);
    if (f)
        store_force_population(s, f->slug, &population, &source, &ignored);
    qsort(g.rows, g.n, sizeof *g.rows, by_count_desc);
    static const char *const cols[] = {"offence_group", "offences", "share_pct", "rate_per_1000"};
    table_init(t, population > 0 ? 4 : 3, cols);
    group_title(s, a, t);
    for (size_t i = 0; i < g.n; i++)
        group_row(t, g.rows[i].group, g.rows[i].count, g.total, population);
    group_row(t, "Total recorded crime", g.total, g.total, population);
    note_coverage(s, a, a->key, t);
    if (g.n == 0)
        table_add_note(t, "No figures are stored for '%s' in this period.", a->force);
    note_rates(s, t, f ? f->slug : NULL, population > 0);
    prc_source_note(s, t, a->key, a->from, a->to);
    group_rows_free(&g);
    buf_free(&source);
    buf_free(&ignored);
    return 0;
}

/* ---- by force ----------------------------------------------------------- */

struct force_row {
    char *key, *name;
    int64_t count, population;
};

struct force_rows {
    struct force_row *rows;
    size_t n, cap;
    const struct similar_forces *similar; /* NULL: every force */
    const char *self;                     /* the force asked about, or NULL */
};

static bool wanted(const struct force_rows *f, const char *slug)
{
    if (!f->similar)
        return true;
    if (!slug)
        return false;
    if (strcmp(slug, f->similar->slug) == 0)
        return true;
    for (size_t i = 0; i < f->similar->count; i++)
        if (strcmp(slug, f->similar->similar[i]) == 0)
            return true;
    return false;
}

static void add_force_row(void *arg, const struct prc_force_total *t)
{
    struct force_rows *f = arg;
    if (!wanted(f, t->slug))
        return;
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->rows = xrealloc(f->rows, f->cap * sizeof *f->rows);
    }
    f->rows[f->n++] =
        (struct force_row){xstrdup(t->key), xstrdup(t->name), t->count, t->population};
}

static void force_rows_free(struct force_rows *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->rows[i].key);
        free(f->rows[i].name);
    }
    free(f->rows);
}

static double rate(const struct force_row *r)
{
    return r->population > 0 ? 1000.0 * (double)r->count / (double)r->population : -1.0;
}

/* Highest rate first when every force has a population, else most offences. */
static int by_rate_desc(const void *x, const void *y)
{
    const struct force_row *a = x, *b = y;
    double ra = rate(a), rb = rate(b);
    if (ra != rb)
        return ra > rb ? -1 : 1;
    return strcmp(a->key, b->key);
}

static bool all_have_population(const struct force_rows *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->rows[i].population <= 0)
            return false;
    return f->n > 0;
}

static void force_title(const struct prc_view *a, const struct force_rows *f, struct table *t)
{
    char period[32];
    struct buf title = BUF_INIT;
    buf_printf(&title, "%s recorded by %s, %s", a->group_name.len ? a->group_name.p : "Offences",
               f->similar ? "a force and its most similar group" : "police force area",
               period_label(a, period, sizeof period));
    table_set_title(t, title.p);
    buf_free(&title);
}

static void note_rank(const struct force_rows *f, bool by_rate, struct table *t)
{
    for (size_t i = 0; f->self && i < f->n; i++)
        if (strcmp(f->rows[i].key, f->self) == 0)
            table_add_note(t, "%s: %zu of %zu by %s (1 = highest).", f->rows[i].name, i + 1, f->n,
                           by_rate ? "rate per 1,000 residents" : "number of offences");
}

static const char *force_name_of(const char *slug)
{
    const struct police_force *f = force_by_slug(slug, strlen(slug));
    return f ? f->name : slug;
}

static void note_similar(const struct force_rows *f, struct table *t)
{
    if (!f->similar)
        return;
    struct buf list = BUF_INIT, absent = BUF_INIT;
    for (size_t i = 0; i < f->similar->count; i++) {
        const char *slug = f->similar->similar[i];
        bool found = false;
        for (size_t k = 0; k < f->n; k++)
            found = found || strcmp(f->rows[k].key, slug) == 0;
        buf_printf(&list, "%s%s", i ? ", " : "", force_name_of(slug));
        if (!found)
            buf_printf(&absent, "%s%s", absent.len ? ", " : "", force_name_of(slug));
    }
    table_add_note(t, "Most similar group of %s: %s (as listed in the %s).",
                   force_name_of(f->similar->slug), list.p, f->similar->source);
    if (absent.len)
        table_add_note(t, "No figures stored for: %s.", absent.p);
    buf_free(&list);
    buf_free(&absent);
}

static void force_table(const struct prc_view *a, struct force_rows *f, bool by_rate,
                        struct table *t)
{
    static const char *const cols[] = {"rank", "force", "offences", "population", "rate_per_1000"};
    table_init(t, 5, cols);
    force_title(a, f, t);
    for (size_t i = 0; i < f->n; i++) {
        const struct force_row *r = &f->rows[i];
        size_t row = table_add_row(t);
        table_set_int(t, row, 0, (int64_t)i + 1);
        table_set_text(t, row, 1, r->name);
        table_set_int(t, row, 2, r->count);
        if (r->population > 0) {
            table_set_int(t, row, 3, r->population);
            table_set_real(t, row, 4, rate(r), 2, NULL);
        }
    }
    if (!by_rate && f->n > 0)
        table_add_note(t, "Ranked by number of offences: rates need every force's population "
                          "(peel import-population --forces FILE).");
}

static int view_by_force(struct store *s, struct prc_view *a, struct table *t, struct buf *err)
{
    struct force_rows f = {0};
    if (a->similar && !(f.similar = force_similar(a->key))) {
        buf_printf(err,
                   "no most similar group is known for '%s' (the groups "
                   "Peel knows are listed in src/model/forces.c)",
                   a->force);
        return PRC_VIEW_BAD_REQUEST;
    }
    f.self = a->key;
    if (store_prc_by_force(s, a->group_name.len ? a->group_name.p : NULL, a->from, a->to,
                           a->all_bodies, add_force_row, &f, err) < 0) {
        force_rows_free(&f);
        return -1;
    }
    bool by_rate = all_have_population(&f);
    if (by_rate)
        qsort(f.rows, f.n, sizeof *f.rows, by_rate_desc);
    force_table(a, &f, by_rate, t);
    note_rank(&f, by_rate, t);
    note_similar(&f, t);
    note_coverage(s, a, NULL, t);
    if (!a->all_bodies)
        table_add_note(t, "Territorial forces only: British Transport Police and the bodies "
                          "that record fraud nationally (Action Fraud, CIFAS, UK Finance) are "
                          "left out; --all-bodies includes them.");
    if (by_rate)
        table_add_note(t, "rate_per_1000: offences per 1,000 residents of the force area "
                          "(populations loaded with peel import-population --forces).");
    prc_source_note(s, t, NULL, a->from, a->to);
    force_rows_free(&f);
    return 0;
}

/* ---- by quarter --------------------------------------------------------- */

struct quarter_sum {
    const char *group; /* NULL: all offences */
    int64_t count;
    bool any;
};

static void sum_group(void *arg, const char *group, int64_t count)
{
    struct quarter_sum *q = arg;
    q->any = true;
    if (!q->group || strcmp(q->group, group) == 0)
        q->count += count;
}

static int view_by_quarter(struct store *s, struct prc_view *a, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"quarter", "offences"};
    table_init(t, 2, cols);
    struct buf title = BUF_INIT, name = BUF_INIT, ignored = BUF_INIT;
    if (store_prc_force_name(s, a->key, &name, &ignored) != 0)
        buf_puts(&name, a->force);
    buf_printf(&title, "%s recorded by %s, by financial quarter",
               a->group_name.len ? a->group_name.p : "Offences", name.p);
    table_set_title(t, title.p);
    int rc = 0;
    for (int p = a->from; rc == 0 && p <= a->to; p++) {
        struct quarter_sum q = {a->group_name.len ? a->group_name.p : NULL, 0, false};
        rc = store_prc_by_group(s, a->key, p, p, sum_group, &q, err);
        if (rc == 0 && q.any) {
            char text[24];
            prc_period_text(p, text, sizeof text);
            size_t row = table_add_row(t);
            table_set_text(t, row, 0, text);
            table_set_int(t, row, 1, q.count);
        }
    }
    note_coverage(s, a, a->key, t);
    prc_source_note(s, t, a->key, a->from, a->to);
    buf_free(&title);
    buf_free(&name);
    buf_free(&ignored);
    return rc;
}

int prc_view_build(struct store *s, const struct prc_request *rq, struct table *t, struct buf *err)
{
    struct prc_view a = {.fy = rq->fy,
                         .quarter = rq->quarter,
                         .force = rq->force,
                         .key = rq->force ? prc_force_key(rq->force) : NULL,
                         .group = rq->group,
                         .by = rq->by,
                         .similar = rq->similar,
                         .all_bodies = rq->all_bodies,
                         .group_name = BUF_INIT};
    *t = (struct table){0};
    int rc = choose_periods(s, &a, err);
    if (rc == 0)
        rc = resolve_group(s, &a, err);
    if (rc == 0)
        rc = a.by == PRC_BY_GROUP   ? view_by_group(s, &a, t, err)
             : a.by == PRC_BY_FORCE ? view_by_force(s, &a, t, err)
                                    : view_by_quarter(s, &a, t, err);
    buf_free(&a.group_name);
    if (rc != 0)
        table_free(t);
    return rc;
}
