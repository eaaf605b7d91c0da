/*
 * plans.c - saving and reading versioned Police and Crime Plans (see plans.h).
 */
#include "store/plans.h"
#include "model/iopc.h"
#include "store/iopc.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_opt(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* Runs an INSERT prepared in st and returns the new row's id, or -1. */
static int64_t insert(struct store *s, sqlite3_stmt *st, const char *what, struct buf *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_fail(s, err, what);
        return -1;
    }
    return sqlite3_last_insert_rowid(s->db);
}

/* The latest version of a plan and its content hash; version 0 if none. */
static int latest_version(struct store *s, const char *key, char *hash, size_t n)
{
    sqlite3_stmt *st = NULL;
    int version = 0;
    hash[0] = '\0';
    if (sqlite3_prepare_v2(s->db,
                           "SELECT version, content_hash FROM plan WHERE plan_key = ?1"
                           " ORDER BY version DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            version = sqlite3_column_int(st, 0);
            snprintf(hash, n, "%s", (const char *)sqlite3_column_text(st, 1));
        }
    }
    sqlite3_finalize(st);
    return version;
}

/* The crime_types column holds the definition's list, one per line: police.uk
 * crime types, or for a home-office-offences measure Home Office offence
 * groups (the measure column says which). */
static char *crime_types_text(const struct metric_definition *d)
{
    bool groups = d->measure == MEASURE_HOME_OFFICE_OFFENCES;
    char *const *list = groups ? d->offence_groups : d->crime_types;
    size_t n = groups ? d->noffence_groups : d->ncrime_types;
    if (n == 0)
        return NULL;
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "\n" : "", list[i]);
    return buf_detach(&b);
}

/* A metric's target in the plan_metric columns of migration 2: target_kind is
 * "reduction", "increase", "at-least" or "at-most" ("level", written before
 * at-most was told apart, is read as at-least, or at-most for a
 * lower-is-better metric, as it was shown). The schema has no column for a
 * target's own period, so target_baseline holds the baseline financial year
 * and the month it is due by, one per line, the latter as "by YYYY-MM":
 * "2012-13", "by 2016-12" or "2012-13\nby 2016-12". */
static const char *target_kind_name(const struct metric_target *t)
{
    switch (t->kind) {
    case TARGET_NONE:
        break;
    case TARGET_REDUCTION:
        return "reduction";
    case TARGET_INCREASE:
        return "increase";
    case TARGET_LEVEL:
        return t->at_most ? "at-most" : "at-least";
    }
    return NULL;
}

static char *target_when_text(const struct metric_target *t)
{
    if (!t->baseline && !t->by)
        return NULL;
    struct buf b = BUF_INIT;
    if (t->baseline)
        buf_printf(&b, "%s", t->baseline);
    if (t->by)
        buf_printf(&b, "%sby %s", t->baseline ? "\n" : "", t->by);
    return buf_detach(&b);
}

static void bind_chosen(sqlite3_stmt *st, int col, int v)
{
    if (v)
        sqlite3_bind_int(st, col, v);
}

/* The rebase months one a line, "none", or NULL when not chosen. */
static char *rebase_text(const struct chart_options *c)
{
    if (!c->rebase_set)
        return NULL;
    if (c->nrebase == 0)
        return xstrdup("none");
    struct buf b = BUF_INIT;
    char month[MONTH_TEXT_SIZE];
    for (size_t i = 0; i < c->nrebase; i++) {
        month_format(c->rebase[i], month);
        buf_printf(&b, "%s%s", i ? "\n" : "", month);
    }
    return buf_detach(&b);
}

static void bind_charts(sqlite3_stmt *st, const struct chart_options *c, char *rebase)
{
    bind_chosen(st, 20, c->screen);
    bind_chosen(st, 21, c->baseline);
    bind_opt(st, 22, rebase);
    bind_chosen(st, 23, c->run_length);
    bind_chosen(st, 24, c->trend_length);
    bind_chosen(st, 25, c->min_points);
    bind_opt(st, 26, c->funnel ? chart_funnel_words[c->funnel - 1] : NULL);
}

static int save_metric(struct store *s, sqlite3_stmt *st, int64_t strategy, int position,
                       const struct plan_metric *m, struct buf *err)
{
    char *types = crime_types_text(&m->def);
    char *when = target_when_text(&m->target);
    sqlite3_bind_int64(st, 1, strategy);
    sqlite3_bind_int(st, 2, position);
    sqlite3_bind_text(st, 3, m->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, m->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, metric_source_name(m->source), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, metric_unit_name(m->unit), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, metric_polarity_name(m->polarity), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, metric_frequency_name(m->frequency), -1, SQLITE_STATIC);
    bind_opt(st, 9, target_kind_name(&m->target));
    if (m->target.kind != TARGET_NONE)
        sqlite3_bind_double(st, 10, m->target.value);
    bind_opt(st, 11, when);
    bind_opt(st, 12, m->target.text);
    sqlite3_bind_int(st, 13, m->loaded);
    bind_opt(st, 14, m->loaded ? NULL : metric_measure_name(m->def.measure));
    bind_opt(st, 15, types);
    bind_opt(st, 16, m->def.area_key);
    bind_opt(st, 17, m->def.area_value);
    sqlite3_bind_int(st, 18, m->def.per_1000);
    sqlite3_bind_int(st, 19, m->line);
    char *rebase = rebase_text(&m->charts);
    bind_charts(st, &m->charts, rebase);
    bind_opt(st, 27, m->iopc);
    int64_t id = insert(s, st, "storing a metric", err);
    free(rebase);
    free(types);
    free(when);
    return id < 0 ? -1 : 0;
}

static int save_tree(struct store *s, const struct plan *p, int64_t plan_id, struct buf *err)
{
    sqlite3_stmt *ms =
        store_prepare(s,
                      "INSERT INTO plan_mission(plan_id, position, key, title, summary)"
                      " VALUES(?1, ?2, ?3, ?4, ?5)",
                      err);
    sqlite3_stmt *ss = store_prepare(
        s,
        "INSERT INTO plan_strategy(mission_id, position, key, title, success, delivery, measure)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        err);
    sqlite3_stmt *mt = store_prepare(
        s,
        "INSERT INTO plan_metric(strategy_id, position, key, title, source, unit, polarity,"
        " frequency, target_kind, target_value, target_baseline, target_text, loaded, measure,"
        " crime_types, area_key, area_value, per_1000, source_line, chart_screen,"
        " chart_baseline, chart_rebase, chart_run_length, chart_trend_length, chart_min_points,"
        " chart_funnel, iopc_measure)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
        err);
    int rc = ms && ss && mt ? 0 : -1;
    for (size_t a = 0; rc == 0 && a < p->nmissions; a++) {
        const struct plan_mission *m = &p->missions[a];
        sqlite3_bind_int64(ms, 1, plan_id);
        sqlite3_bind_int(ms, 2, (int)a);
        sqlite3_bind_text(ms, 3, m->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ms, 4, m->title, -1, SQLITE_STATIC);
        bind_opt(ms, 5, m->summary);
        int64_t mission = insert(s, ms, "storing a mission", err);
        rc = mission < 0 ? -1 : 0;
        for (size_t b = 0; rc == 0 && b < m->nstrategies; b++) {
            const struct plan_strategy *st = &m->strategies[b];
            sqlite3_bind_int64(ss, 1, mission);
            sqlite3_bind_int(ss, 2, (int)b);
            sqlite3_bind_text(ss, 3, st->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(ss, 4, st->title, -1, SQLITE_STATIC);
            sqlite3_bind_text(ss, 5, st->success, -1, SQLITE_STATIC);
            sqlite3_bind_text(ss, 6, st->delivery, -1, SQLITE_STATIC);
            sqlite3_bind_text(ss, 7, st->measure, -1, SQLITE_STATIC);
            int64_t strategy = insert(s, ss, "storing a strategy", err);
            rc = strategy < 0 ? -1 : 0;
            for (size_t c = 0; rc == 0 && c < st->nmetrics; c++)
                rc = save_metric(s, mt, strategy, (int)c, &st->metrics[c], err);
        }
    }
    sqlite3_finalize(ms);
    sqlite3_finalize(ss);
    sqlite3_finalize(mt);
    return rc;
}

/* The record of this load: the plan's metrics, and which version it is. */
static int record_plan_load(struct store *s, const struct plan *p, const struct data_load *file,
                            int version, bool unchanged, struct buf *err)
{
    struct data_load l = *file;
    char detail[200];
    snprintf(detail, sizeof detail, "%s version %d%s", p->id, version,
             unchanged ? ", unchanged" : "");
    l.kind = "plan";
    l.detail = detail;
    l.rows = 0;
    for (size_t m = 0; m < p->nmissions; m++)
        for (size_t g = 0; g < p->missions[m].nstrategies; g++)
            l.rows += (int64_t)p->missions[m].strategies[g].nmetrics;
    return store_data_load_record(s, &l, err);
}

/* A metric of p mapped to an IOPC measure that another plan's latest
 * version maps to a different one: refused, as `peel iopc import` would
 * write the one key's value twice (the second over the first). */
static int iopc_conflict(struct store *s, const struct plan *p, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT p.plan_key, x.iopc_measure FROM plan_metric x"
        " JOIN plan_strategy g ON g.id = x.strategy_id JOIN plan_mission m ON m.id = g.mission_id"
        " JOIN plan p ON p.id = m.plan_id WHERE x.key = ?1 AND x.iopc_measure IS NOT NULL"
        " AND x.loaded = 1 AND x.iopc_measure <> ?2 AND p.plan_key <> ?3"
        " AND p.version = (SELECT max(version) FROM plan q WHERE q.plan_key = p.plan_key)"
        " ORDER BY p.plan_key LIMIT 1",
        err);
    if (!st)
        return -1;
    int rc = 0;
    for (size_t a = 0; rc == 0 && a < p->nmissions; a++)
        for (size_t b = 0; rc == 0 && b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *g = &p->missions[a].strategies[b];
            for (size_t c = 0; rc == 0 && c < g->nmetrics; c++) {
                const struct plan_metric *m = &g->metrics[c];
                if (!m->iopc || !m->loaded)
                    continue;
                sqlite3_reset(st);
                sqlite3_bind_text(st, 1, m->id, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 2, m->iopc, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 3, p->id, -1, SQLITE_STATIC);
                int step = sqlite3_step(st);
                if (step == SQLITE_ROW) {
                    buf_printf(err,
                               "metric '%s' names the IOPC measure %s, but plan '%s' has it name "
                               "%s: a metric takes one measure's figures (change either plan)",
                               m->id, m->iopc, sqlite3_column_text(st, 0),
                               sqlite3_column_text(st, 1));
                    rc = -1;
                } else if (step != SQLITE_DONE) {
                    rc = store_fail(s, err, "reading the plans' IOPC metrics");
                }
            }
        }
    sqlite3_finalize(st);
    return rc;
}

/* The IOPC figures already stored, as the values of p's metrics that name
 * a measure (store/iopc.h). Plans are loaded from the command line
 * (cli/cmd_plan.c), so the audit's actor is "cli:USER". */
static int iopc_values(struct store *s, const struct plan *p, const struct data_load *file,
                       int version, struct plan_version *saved, struct buf *err)
{
    char actor[160];
    snprintf(actor, sizeof actor, "cli:%s", file->origin.user ? file->origin.user : "unknown");
    const struct audit_origin by = {actor, file->origin.command};
    struct metric_load_counts c;
    int rc = store_iopc_plan_values(s, p, version, &file->origin, &by, &c, err);
    saved->iopc_added = c.added;
    saved->iopc_revised = c.revised;
    return rc;
}

int store_plan_save(struct store *s, const struct plan *p, const char *content_hash,
                    const struct data_load *file, struct plan_version *saved, bool *unchanged,
                    struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    const char *source_path = file->path, *user = file->origin.user;
    char hash[128];
    int version = latest_version(s, p->id, hash, sizeof hash);
    *unchanged = version > 0 && strcmp(hash, content_hash) == 0;
    int rc = iopc_conflict(s, p, err);
    struct plan_version filled = {0};
    if (rc == 0 && !*unchanged) {
        version++;
        sqlite3_stmt *st = store_prepare(
            s,
            "INSERT INTO plan(plan_key, version, title, force, period_from, period_to, vision,"
            " source_path, content_hash, loaded_at, loaded_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6,"
            " ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?10)",
            err);
        rc = st ? 0 : -1;
        if (st) {
            sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 2, version);
            sqlite3_bind_text(st, 3, p->title, -1, SQLITE_STATIC);
            bind_opt(st, 4, p->force);
            sqlite3_bind_text(st, 5, p->period_from, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 6, p->period_to, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, p->vision, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, source_path, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 9, content_hash, -1, SQLITE_STATIC);
            bind_opt(st, 10, user);
            int64_t plan_id = insert(s, st, "storing the plan", err);
            sqlite3_finalize(st);
            rc = plan_id < 0 ? -1 : save_tree(s, p, plan_id, err);
        }
    }
    if (rc == 0)
        rc = iopc_values(s, p, file, version, &filled, err);
    if (rc == 0)
        rc = record_plan_load(s, p, file, version, *unchanged, err);
    if (rc == 0 && store_exec(s, "COMMIT", err) == 0) {
        *saved = (struct plan_version){.version = version,
                                       .iopc_added = filled.iopc_added,
                                       .iopc_revised = filled.iopc_revised};
        snprintf(saved->plan_key, sizeof saved->plan_key, "%s", p->id);
        snprintf(saved->source_path, sizeof saved->source_path, "%s", source_path);
        return 0;
    }
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    return -1;
}

static char *col_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? xstrdup((const char *)t) : NULL;
}

static int find_plan(struct store *s, const char *key, int version, int64_t *id, struct plan *out,
                     struct plan_version *which, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT id, plan_key, version, title, force, period_from, period_to, vision,"
                      " source_path, loaded_at FROM plan"
                      " WHERE (?1 IS NULL OR plan_key = ?1) AND (?2 = 0 OR version = ?2)"
                      " ORDER BY CASE WHEN ?1 IS NULL THEN id ELSE version END DESC LIMIT 1",
                      err);
    if (!st)
        return -1;
    bind_opt(st, 1, key);
    sqlite3_bind_int(st, 2, version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        snprintf(which->plan_key, sizeof which->plan_key, "%s", sqlite3_column_text(st, 1));
        which->version = sqlite3_column_int(st, 2);
        out->id = col_dup(st, 1);
        out->title = col_dup(st, 3);
        out->force = col_dup(st, 4);
        out->period_from = col_dup(st, 5);
        out->period_to = col_dup(st, 6);
        out->vision = col_dup(st, 7);
        snprintf(which->source_path, sizeof which->source_path, "%s", sqlite3_column_text(st, 8));
        snprintf(which->loaded_at, sizeof which->loaded_at, "%s", sqlite3_column_text(st, 9));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 1;
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading the plan");
}

static int word_index(const char *s, const char *(*name)(int), int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(name(i), s) == 0)
            return i;
    return 0;
}

static const char *source_at(int i)
{
    return metric_source_name((enum metric_source)i);
}
static const char *unit_at(int i)
{
    return metric_unit_name((enum metric_unit)i);
}
static const char *polarity_at(int i)
{
    return metric_polarity_name((enum metric_polarity)i);
}
static const char *frequency_at(int i)
{
    return metric_frequency_name((enum metric_frequency)i);
}
static const char *measure_at(int i)
{
    return metric_measure_name((enum metric_measure)i);
}

/* The target columns, as save_metric writes them; polarity already read. */
static void read_target(sqlite3_stmt *st, struct plan_metric *m)
{
    const char *kind = (const char *)sqlite3_column_text(st, 9);
    struct metric_target *t = &m->target;
    if (!kind)
        return;
    t->kind = strcmp(kind, "reduction") == 0  ? TARGET_REDUCTION
              : strcmp(kind, "increase") == 0 ? TARGET_INCREASE
                                              : TARGET_LEVEL;
    t->at_most = strcmp(kind, "at-most") == 0 ||
                 (strcmp(kind, "level") == 0 && m->polarity == POLARITY_LOWER_BETTER);
    t->value = sqlite3_column_double(st, 10);
    t->text = col_dup(st, 12);
    char *when = col_dup(st, 11);
    for (char *save = NULL, *line = when ? strtok_r(when, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "by ", 3) == 0)
            t->by = xstrdup(line + 3);
        else
            t->baseline = xstrdup(line);
    }
    free(when);
}

/* The chart columns from col on, as bind_charts writes them. */
static void read_charts(sqlite3_stmt *st, int col, struct chart_options *c)
{
    c->screen = sqlite3_column_int(st, col);
    c->baseline = sqlite3_column_int(st, col + 1);
    char *rebase = col_dup(st, col + 2);
    c->rebase_set = rebase != NULL;
    for (char *save = NULL, *m = rebase ? strtok_r(rebase, "\n", &save) : NULL; m;
         m = strtok_r(NULL, "\n", &save)) {
        int month;
        if (strcmp(m, "none") == 0 || !month_parse(m, strlen(m), &month))
            continue;
        c->rebase = xrealloc(c->rebase, (c->nrebase + 1) * sizeof *c->rebase);
        c->rebase[c->nrebase++] = month;
    }
    free(rebase);
    c->run_length = sqlite3_column_int(st, col + 3);
    c->trend_length = sqlite3_column_int(st, col + 4);
    c->min_points = sqlite3_column_int(st, col + 5);
    const char *funnel = (const char *)sqlite3_column_text(st, col + 6);
    for (int i = 0; funnel && chart_funnel_words[i]; i++)
        if (strcmp(funnel, chart_funnel_words[i]) == 0)
            c->funnel = i + 1;
}

static void read_metric(sqlite3_stmt *st, struct plan_metric *m)
{
    m->id = col_dup(st, 3);
    m->title = col_dup(st, 4);
    m->source =
        (enum metric_source)word_index((const char *)sqlite3_column_text(st, 5), source_at, 5);
    m->unit = (enum metric_unit)word_index((const char *)sqlite3_column_text(st, 6), unit_at, 6);
    m->polarity =
        (enum metric_polarity)word_index((const char *)sqlite3_column_text(st, 7), polarity_at, 3);
    m->frequency = (enum metric_frequency)word_index((const char *)sqlite3_column_text(st, 8),
                                                     frequency_at, 3);
    read_target(st, m);
    m->loaded = sqlite3_column_int(st, 13);
    m->def.measure = (enum metric_measure)word_index((const char *)sqlite3_column_text(st, 14),
                                                     measure_at, MEASURE_PUBLISHED_MTFS + 1);
    bool groups = m->def.measure == MEASURE_HOME_OFFICE_OFFENCES;
    char ***list = groups ? &m->def.offence_groups : &m->def.crime_types;
    size_t *n = groups ? &m->def.noffence_groups : &m->def.ncrime_types;
    char *types = col_dup(st, 15);
    for (char *save = NULL, *t = types ? strtok_r(types, "\n", &save) : NULL; t;
         t = strtok_r(NULL, "\n", &save)) {
        *list = xrealloc(*list, (*n + 1) * sizeof(char *));
        (*list)[(*n)++] = xstrdup(t);
    }
    free(types);
    m->def.area_key = col_dup(st, 16);
    m->def.area_value = col_dup(st, 17);
    m->def.per_1000 = sqlite3_column_int(st, 18);
    m->line = sqlite3_column_int(st, 19);
    read_charts(st, 27, &m->charts);
    const struct iopc_measure *iopc = iopc_measure_named((const char *)sqlite3_column_text(st, 34));
    m->iopc = iopc ? iopc->code : NULL;
}

/* Rebuilds the tree from one query ordered mission, strategy, metric. */
static int read_tree(struct store *s, int64_t plan_id, struct plan *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT m.key, m.title, m.summary, x.key, x.title, x.source, x.unit, x.polarity,"
        " x.frequency, x.target_kind, x.target_value, x.target_baseline, x.target_text,"
        " x.loaded, x.measure, x.crime_types, x.area_key, x.area_value, x.per_1000,"
        " x.source_line, s.key, s.title, s.success, s.delivery, s.measure, m.id, s.id,"
        " x.chart_screen, x.chart_baseline, x.chart_rebase, x.chart_run_length,"
        " x.chart_trend_length, x.chart_min_points, x.chart_funnel, x.iopc_measure"
        " FROM plan_mission m JOIN plan_strategy s ON s.mission_id = m.id"
        " LEFT JOIN plan_metric x ON x.strategy_id = s.id WHERE m.plan_id = ?1"
        " ORDER BY m.position, s.position, x.position",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, plan_id);
    int64_t last_mission = -1, last_strategy = -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int64(st, 25) != last_mission) {
            last_mission = sqlite3_column_int64(st, 25);
            out->missions = xrealloc(out->missions, (out->nmissions + 1) * sizeof *out->missions);
            struct plan_mission *m = &out->missions[out->nmissions++];
            *m = (struct plan_mission){
                .id = col_dup(st, 0), .title = col_dup(st, 1), .summary = col_dup(st, 2)};
        }
        struct plan_mission *m = &out->missions[out->nmissions - 1];
        if (sqlite3_column_int64(st, 26) != last_strategy) {
            last_strategy = sqlite3_column_int64(st, 26);
            m->strategies = xrealloc(m->strategies, (m->nstrategies + 1) * sizeof *m->strategies);
            m->strategies[m->nstrategies++] = (struct plan_strategy){.id = col_dup(st, 20),
                                                                     .title = col_dup(st, 21),
                                                                     .success = col_dup(st, 22),
                                                                     .delivery = col_dup(st, 23),
                                                                     .measure = col_dup(st, 24)};
        }
        /* a new mission always starts a new strategy: ids are unique */
        assert(m->strategies && m->nstrategies > 0);
        struct plan_strategy *sg = &m->strategies[m->nstrategies - 1];
        if (sqlite3_column_type(st, 3) == SQLITE_NULL)
            continue; /* a strategy without metrics */
        sg->metrics = xrealloc(sg->metrics, (sg->nmetrics + 1) * sizeof *sg->metrics);
        struct plan_metric *x = &sg->metrics[sg->nmetrics++];
        *x = (struct plan_metric){0};
        read_metric(st, x);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the plan");
}

int store_plan_read(struct store *s, const char *key, int version, struct plan *out,
                    struct plan_version *which, struct buf *err)
{
    *out = (struct plan){0};
    *which = (struct plan_version){0};
    int64_t id = 0;
    int rc = find_plan(s, key, version, &id, out, which, err);
    if (rc == 0)
        rc = read_tree(s, id, out, err);
    if (rc != 0)
        plan_free(out);
    return rc;
}

bool store_has_crime_type(struct store *s, const char *name)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM crime_type WHERE name = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

bool store_street_months(struct store *s, const char *force, int until, int *first, int *last)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT min(sl.month), max(sl.month) FROM slice sl"
                           " JOIN force f ON f.id = sl.force_id WHERE sl.kind = 'street'"
                           " AND (?1 IS NULL OR f.name = ?1 OR f.slug = ?1)"
                           " AND (?2 < 0 OR sl.month <= ?2)",
                           -1, &st, NULL) == SQLITE_OK) {
        bind_opt(st, 1, force);
        sqlite3_bind_int(st, 2, until);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
            *first = sqlite3_column_int(st, 0);
            *last = sqlite3_column_int(st, 1);
            found = true;
        }
    }
    sqlite3_finalize(st);
    return found;
}
