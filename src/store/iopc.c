/*
 * iopc.c - the IOPC's quarterly and annual figures: loading a period's
 * version and reading the latest (see iopc.h). The two spans are the same
 * work on two pairs of tables (iopc_load and iopc_figure, keyed by
 * quarter; iopc_year_load and iopc_year_figure, keyed by financial year),
 * so each statement is written once, as a macro of the table names.
 */
#include "store/iopc.h"
#include "model/calendar.h"
#include "store/store_internal.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFUSED_SQL(load, key)                                                                     \
    "SELECT (SELECT force FROM " load " WHERE force <> ?1 LIMIT 1),"                               \
    " (SELECT max(version) FROM " load " WHERE " key " = ?2),"                                     \
    " (SELECT file_sha256 FROM " load " WHERE " key " = ?2 ORDER BY version DESC LIMIT 1)"
#define INSERT_LOAD_SQL(load, key)                                                                 \
    "INSERT INTO " load "(force, " key ", version, from_on, to_on, url, reason, figures,"          \
    " file_name, file_sha256, loaded_at, loaded_by)"                                               \
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " STORE_NOW ", ?11)"
#define INSERT_FIGURE_SQL(figure)                                                                  \
    "INSERT INTO " figure "(load_id, line, measure, breakdown,"                                    \
    " value, last_year, similar_forces, england_and_wales, cell)"                                  \
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
#define LATEST_SQL(load, key)                                                                      \
    "SELECT " key ", version, from_on, to_on, force, url, coalesce(reason, ''), loaded_at,"        \
    " file_name, file_sha256, figures FROM " load " l WHERE version ="                             \
    " (SELECT max(version) FROM " load " x WHERE x." key " = l." key ")"
#define FIGURES_SQL(load, figure, key)                                                             \
    "SELECT measure, breakdown, value, last_year, similar_forces, england_and_wales"               \
    " FROM " figure " WHERE load_id = (SELECT id FROM " load " WHERE " key " = ?1"                 \
    " ORDER BY version DESC LIMIT 1) ORDER BY line"
/* Every period's latest version, for a plan loaded after its figures. */
#define LOADS_SQL(load, key)                                                                       \
    "SELECT id, " key ", version, file_name, file_sha256, reason FROM " load " l"                  \
    " WHERE version = (SELECT max(version) FROM " load " x WHERE x." key " = l." key ")"           \
    " ORDER BY " key
/* A measure's total in one load, where it was read (the first, as total_of). */
#define TOTAL_SQL(figure)                                                                          \
    "SELECT line, cell, value FROM " figure " WHERE load_id = ?1 AND measure = ?2"                 \
    " AND breakdown = '' AND value IS NOT NULL AND value <> '' ORDER BY line LIMIT 1"
#define SPAN(load, figure, key)                                                                    \
    REFUSED_SQL(load, key), INSERT_LOAD_SQL(load, key), INSERT_FIGURE_SQL(figure),                 \
        LATEST_SQL(load, key) " ORDER BY " key " DESC", LATEST_SQL(load, key) " AND " key " = ?1", \
        FIGURES_SQL(load, figure, key), LOADS_SQL(load, key), TOTAL_SQL(figure)

/* A span's statements, and its words. */
struct span {
    const char *refused, *insert_load, *insert_figure, *list, *one, *figures, *loads, *total;
    enum period_kind kind;
    const char *word, *action, *prefix;
};
static const struct span spans[] = {
    [IOPC_QUARTERLY] = {SPAN("iopc_load", "iopc_figure", "quarter"), PERIOD_QUARTER, "quarter",
                        "iopc.load", "iopc"},
    [IOPC_ANNUAL] = {SPAN("iopc_year_load", "iopc_year_figure", "year"), PERIOD_YEAR, "year",
                     "iopc.load-year", "iopc-year"},
};

static void bind_date(sqlite3_stmt *st, int col, int date)
{
    char text[DATE_TEXT_SIZE];
    date_format(date, text);
    sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
}

/* The period's latest version and file, and any other force already
 * loaded: refusals before anything is written. 0, IOPC_REFUSED or -1. */
static int load_refused(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                        const struct iopc_source *src, int period, int *version, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sp->refused, err);
    if (!st)
        return -1;
    char key[MONTH_TEXT_SIZE], name[PERIOD_TEXT_SIZE];
    month_format(period, key);
    period_format(sp->kind, period, name);
    sqlite3_bind_text(st, 1, b->force, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(s, err, "reading the IOPC figures");
    }
    const char *other = (const char *)sqlite3_column_text(st, 0);
    *version = sqlite3_column_int(st, 1) + 1;
    int rc = 0;
    if (other) {
        buf_printf(err, "this store holds the IOPC figures of %s, not %s", other, b->force);
        rc = IOPC_REFUSED;
    } else if (*version > 1 && strcmp(store_column_text(st, 2), src->sha256) == 0) {
        buf_printf(err, "%s %s is already loaded from the same file", sp->word, name);
        rc = IOPC_REFUSED;
    } else if (*version > 1 && (!src->reason || !*src->reason)) {
        buf_printf(err,
                   "%s %s is published already: a corrected file is version %d and "
                   "says why (--reason)",
                   sp->word, name, *version);
        rc = IOPC_REFUSED;
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_load(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                       const struct iopc_source *src, const char *key, int version,
                       const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sp->insert_load, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, b->force, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, version);
    bind_date(st, 4, b->from);
    bind_date(st, 5, b->to);
    sqlite3_bind_text(st, 6, src->url ? src->url : "", -1, SQLITE_STATIC);
    if (version > 1)
        sqlite3_bind_text(st, 7, src->reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)b->n);
    sqlite3_bind_text(st, 9, src->file_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, src->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing IOPC figures");
    sqlite3_finalize(st);
    return rc;
}

static void bind_value(sqlite3_stmt *st, int col, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static int insert_figures(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                          int64_t load_id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sp->insert_figure, err);
    if (!st)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->n; i++) {
        const struct iopc_row *r = &b->rows[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, load_id);
        sqlite3_bind_int64(st, 2, r->line);
        sqlite3_bind_text(st, 3, r->measure, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->breakdown, -1, SQLITE_STATIC);
        for (int k = 0; k < 4; k++)
            bind_value(st, 5 + k, r->value[k]);
        bind_value(st, 9, r->where);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing an IOPC figure");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The plan metrics that name a measure, each once: the latest version of
 * every plan (a metric key means the same in each). */
#define IOPC_METRICS_SQL                                                                           \
    "SELECT DISTINCT x.key, x.iopc_measure FROM plan_metric x"                                     \
    " JOIN plan_strategy g ON g.id = x.strategy_id JOIN plan_mission m ON m.id = g.mission_id"     \
    " JOIN plan p ON p.id = m.plan_id WHERE x.iopc_measure IS NOT NULL AND x.loaded = 1"           \
    " AND p.version = (SELECT max(version) FROM plan q WHERE q.plan_key = p.plan_key)"             \
    " ORDER BY x.key"

/* The force's figure for measure (its total), or NULL. */
static const struct iopc_row *total_of(const struct iopc_bulletin *b, const char *measure)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->rows[i].measure, measure) == 0 && !*b->rows[i].breakdown &&
            b->rows[i].value[0] && *b->rows[i].value[0])
            return &b->rows[i];
    return NULL;
}

struct metric_list {
    struct metric_value *v;
    char **owned; /* the keys' and sources' text, freed with the list */
    size_t n, nowned;
};

static const char *keep(struct metric_list *l, char *text)
{
    l->owned = xrealloc(l->owned, (l->nowned + 1) * sizeof *l->owned);
    return l->owned[l->nowned++] = text;
}

/* Where a figure was read: a workbook's cell, or the file's line. */
struct figure_at {
    long line;
    const char *cell;  /* NULL: the line */
    const char *value; /* as written (checked by the reader: iopc_figure_parse) */
};

static void add_metric(struct metric_list *l, const struct span *sp, const struct figure_at *r,
                       const char *key, int period, const struct iopc_source *src, int version)
{
    struct buf where = BUF_INIT;
    buf_printf(&where, "IOPC figures %s, ", src->file_name);
    if (r->cell)
        buf_puts(&where, r->cell);
    else
        buf_printf(&where, "line %ld", r->line);
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = (struct metric_value){
        .metric_key = keep(l, xstrdup(key)),
        .kind = sp->kind,
        .period_start = period,
        .area = "",
        .value = strtod(r->value, NULL),
        .source = keep(l, buf_detach(&where)),
        .note = version > 1 ? src->reason : NULL,
        .line = r->line,
    };
}

/* The values the plan's metrics take from b; 0, or -1 with err. */
static int metrics_of(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                      const struct iopc_source *src, int period, int version,
                      struct metric_list *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, IOPC_METRICS_SQL, err);
    if (!st)
        return -1;
    int rc;
    char *last = NULL;
    bool twice = false;
    while (!twice && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = store_column_text(st, 0);
        /* store_plan_save refuses such a pair; a store may hold one from before */
        if ((twice = last && strcmp(key, last) == 0)) {
            buf_printf(err,
                       "plan metric '%s' names two IOPC measures (one is %s): "
                       "give it one measure in every plan and load them again",
                       key, store_column_text(st, 1));
            break;
        }
        free(last);
        last = xstrdup(key);
        const struct iopc_row *r = total_of(b, store_column_text(st, 1));
        if (r)
            add_metric(out, sp, &(struct figure_at){r->line, r->where, r->value[0]}, key, period,
                       src, version);
    }
    sqlite3_finalize(st);
    free(last);
    if (twice)
        return IOPC_REFUSED;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the plan's IOPC metrics");
}

static void list_free(struct metric_list *l)
{
    for (size_t i = 0; i < l->nowned; i++)
        free(l->owned[i]);
    free(l->owned);
    free(l->v);
    *l = (struct metric_list){0};
}

static int write_metrics(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                         const struct iopc_source *src, const struct audit_origin *by, int period,
                         int version, struct metric_load_counts *c, struct buf *err)
{
    struct metric_list l = {0};
    int rc = metrics_of(s, sp, b, src, period, version, &l, err);
    if (rc == 0 && l.n) {
        struct data_load file = {
            .path = src->file_name, .sha256 = src->sha256, .origin = {by->origin, by->actor}};
        rc = store_metric_values_put(s, src->sha256, &file, l.v, l.n, c, err);
    }
    list_free(&l);
    return rc;
}

/* ---- a plan loaded after the figures (store_iopc_plan_values) ---------- */

/* A period's latest version, as stored. */
struct stored_load {
    int64_t id;
    int period, version;
    char *file_name, *sha256, *reason;
};

static char *text_dup(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? xstrdup(t) : NULL;
}

/* Every period of span sp (its latest version) into *out, *n of them. */
static int stored_loads(struct store *s, const struct span *sp, struct stored_load **out, size_t *n,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sp->loads, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = store_column_text(st, 1);
        int period = 0;
        bool ok = month_parse(key, strlen(key), &period);
        assert(ok); /* the table's CHECK: YYYY-MM */
        (void)ok;
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = (struct stored_load){sqlite3_column_int64(st, 0),
                                              period,
                                              sqlite3_column_int(st, 2),
                                              text_dup(st, 3),
                                              text_dup(st, 4),
                                              text_dup(st, 5)};
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the IOPC figures");
}

/* The values plan p's metrics take from load ld, into l. */
static int plan_values_of(struct store *s, const struct span *sp, const struct plan *p,
                          const struct stored_load *ld, struct metric_list *l, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sp->total, err);
    if (!st)
        return -1;
    struct iopc_source src = {ld->file_name, ld->sha256, "", ld->reason, NULL};
    int rc = 0;
    for (size_t m = 0; rc == 0 && m < p->nmissions; m++)
        for (size_t g = 0; rc == 0 && g < p->missions[m].nstrategies; g++) {
            const struct plan_strategy *sg = &p->missions[m].strategies[g];
            for (size_t x = 0; rc == 0 && x < sg->nmetrics; x++) {
                const struct plan_metric *pm = &sg->metrics[x];
                if (!pm->iopc || !pm->loaded)
                    continue;
                sqlite3_reset(st);
                sqlite3_bind_int64(st, 1, ld->id);
                sqlite3_bind_text(st, 2, pm->iopc, -1, SQLITE_STATIC);
                int step = sqlite3_step(st);
                if (step == SQLITE_ROW)
                    add_metric(l, sp,
                               &(struct figure_at){sqlite3_column_int(st, 0),
                                                   (const char *)sqlite3_column_text(st, 1),
                                                   store_column_text(st, 2)},
                               pm->id, ld->period, &src, ld->version);
                else if (step != SQLITE_DONE)
                    rc = store_fail(s, err, "reading an IOPC figure");
            }
        }
    sqlite3_finalize(st);
    return rc;
}

/* The values of one span, a put per load (each its own file). */
static int plan_values_in(struct store *s, const struct span *sp, const struct plan *p,
                          const struct load_origin *by, struct metric_load_counts *total,
                          struct buf *err)
{
    struct stored_load *loads = NULL;
    size_t n = 0;
    int rc = stored_loads(s, sp, &loads, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct metric_list l = {0};
        rc = plan_values_of(s, sp, p, &loads[i], &l, err);
        struct metric_load_counts c = {0};
        if (rc == 0 && l.n) {
            struct data_load file = {
                .path = loads[i].file_name, .sha256 = loads[i].sha256, .origin = *by};
            rc = store_metric_values_put(s, loads[i].sha256, &file, l.v, l.n, &c, err);
        }
        total->read += c.read;
        total->added += c.added;
        total->revised += c.revised;
        total->unchanged += c.unchanged;
        list_free(&l);
    }
    for (size_t i = 0; i < n; i++) {
        free(loads[i].file_name);
        free(loads[i].sha256);
        free(loads[i].reason);
    }
    free(loads);
    return rc;
}

int store_iopc_plan_values(struct store *s, const struct plan *p, int version,
                           const struct load_origin *file, const struct audit_origin *by,
                           struct metric_load_counts *c, struct buf *err)
{
    assert(!sqlite3_get_autocommit(s->db)); /* the plan load's transaction */
    *c = (struct metric_load_counts){0};
    int rc = plan_values_in(s, &spans[IOPC_QUARTERLY], p, file, c, err);
    if (rc == 0)
        rc = plan_values_in(s, &spans[IOPC_ANNUAL], p, file, c, err);
    if (rc != 0 || c->added + c->revised == 0)
        return rc;
    return store_audit_fact(s, "plan.iopc-values", "plan", p->id,
                            json_pack("{sisIsI}", "version", version, "added", (json_int_t)c->added,
                                      "revised", (json_int_t)c->revised),
                            by, err);
}

static int load_in(struct store *s, const struct span *sp, const struct iopc_bulletin *b,
                   const struct iopc_source *src, const struct audit_origin *by, int period,
                   int *version, struct buf *err)
{
    char key[MONTH_TEXT_SIZE];
    month_format(period, key);
    int rc = load_refused(s, sp, b, src, period, version, err);
    if (rc == 0)
        rc = insert_load(s, sp, b, src, key, *version, by->actor, err);
    if (rc == 0)
        rc = insert_figures(s, sp, b, sqlite3_last_insert_rowid(s->db), err);
    struct metric_load_counts c = {0};
    if (rc == 0)
        rc = write_metrics(s, sp, b, src, by, period, *version, &c, err);
    if (rc == 0)
        rc = store_audit_fact(s, sp->action, sp->prefix, key,
                              json_pack("{sssisssssIsss{sIsI}}", "force", b->force, "version",
                                        *version, "file", src->file_name, "sha256", src->sha256,
                                        "figures", (json_int_t)b->n, "reason",
                                        *version > 1 ? src->reason : "", "metric_values", "added",
                                        (json_int_t)c.added, "revised", (json_int_t)c.revised),
                              by, err);
    if (src->metrics)
        *src->metrics = c;
    return rc;
}

static int load_span(struct store *s, enum iopc_span span, const struct iopc_bulletin *b,
                     const struct iopc_source *src, const struct audit_origin *by, int period,
                     int *version, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, load_in(s, &spans[span], b, src, by, period, version, err), err);
}

int store_iopc_load(struct store *s, const struct iopc_bulletin *b, const struct iopc_source *src,
                    const struct audit_origin *by, int *quarter, int *version, struct buf *err)
{
    *quarter = date_quarter(b->to);
    return load_span(s, IOPC_QUARTERLY, b, src, by, *quarter, version, err);
}

int store_iopc_load_year(struct store *s, const struct iopc_bulletin *b,
                         const struct iopc_source *src, const struct audit_origin *by, int *year,
                         int *version, struct buf *err)
{
    int y, m, d, from = DATE_NONE, to = DATE_NONE;
    date_to_ymd(b->from, &y, &m, &d);
    date_from_ymd(y, 4, 1, &from);
    date_from_ymd(y + 1, 3, 31, &to);
    if (b->from != from || b->to != to) {
        buf_puts(err, "annual figures cover a financial year: from 1 April to 31 March");
        return IOPC_REFUSED;
    }
    *year = y * 12 + 3; /* April of y, as util/month.h counts months */
    return load_span(s, IOPC_ANNUAL, b, src, by, *year, version, err);
}

/* ---- reading ------------------------------------------------------------ */

static void give_period(sqlite3_stmt *st, iopc_quarter_fn fn, void *arg)
{
    const char *q = store_column_text(st, 0);
    struct iopc_quarter_view v = {
        .version = sqlite3_column_int(st, 1),
        .from = store_column_date(st, 2),
        .to = store_column_date(st, 3),
        .force = store_column_text(st, 4),
        .url = store_column_text(st, 5),
        .reason = store_column_text(st, 6),
        .loaded_at = store_column_text(st, 7),
        .file_name = store_column_text(st, 8),
        .sha256 = store_column_text(st, 9),
        .figures = sqlite3_column_int64(st, 10),
    };
    if (!month_parse(q, strlen(q), &v.quarter))
        v.quarter = -1;
    fn(arg, &v);
}

int store_iopc_periods(struct store *s, enum iopc_span span, iopc_quarter_fn fn, void *arg,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, spans[span].list, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        give_period(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the IOPC periods");
}

int store_iopc_quarters(struct store *s, iopc_quarter_fn fn, void *arg, struct buf *err)
{
    return store_iopc_periods(s, IOPC_QUARTERLY, fn, arg, err);
}

int store_iopc_period(struct store *s, enum iopc_span span, int period, iopc_quarter_fn fn,
                      void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, spans[span].one, err);
    if (!st)
        return -1;
    char text[MONTH_TEXT_SIZE];
    month_format(period, text);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        give_period(st, fn, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? 0
           : rc == SQLITE_DONE ? IOPC_UNKNOWN
                               : store_fail(s, err, "reading an IOPC period");
}

int store_iopc_quarter(struct store *s, int quarter, iopc_quarter_fn fn, void *arg, struct buf *err)
{
    return store_iopc_period(s, IOPC_QUARTERLY, quarter, fn, arg, err);
}

int store_iopc_period_figures(struct store *s, enum iopc_span span, int period, iopc_figure_fn fn,
                              void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, spans[span].figures, err);
    if (!st)
        return -1;
    char text[MONTH_TEXT_SIZE];
    month_format(period, text);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct iopc_figure_view f = {
            store_column_text(st, 0),
            store_column_text(st, 1),
            store_column_text(st, 2),
            (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 4),
            (const char *)sqlite3_column_text(st, 5),
        };
        fn(arg, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading IOPC figures");
}

int store_iopc_figures(struct store *s, int quarter, iopc_figure_fn fn, void *arg, struct buf *err)
{
    return store_iopc_period_figures(s, IOPC_QUARTERLY, quarter, fn, arg, err);
}
