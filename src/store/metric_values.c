/*
 * metric_values.c - storing and reading loaded metric values (see
 * metric_values.h).
 */
#include "store/metric_values.h"
#include "store/store_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static void bind_real_or_null(sqlite3_stmt *st, int col, bool has, double v)
{
    if (has)
        sqlite3_bind_double(st, col, v);
    else
        sqlite3_bind_null(st, col);
}

static bool same_text(sqlite3_stmt *st, int col, const char *s)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return strcmp(t ? t : "", s ? s : "") == 0;
}

static bool same_real(sqlite3_stmt *st, int col, bool has, double v)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return !has;
    return has && sqlite3_column_double(st, col) == v;
}

enum { Q_CURRENT, Q_INSERT, Q_REPLACE, Q_COUNT };

static const char *const save_sql[Q_COUNT] = {
    [Q_CURRENT] = ("SELECT id, value, numerator, denominator, source, note FROM metric_value"
                   " WHERE metric_key = ?1 AND area = ?2 AND period_kind = ?3"
                   " AND period_start = ?4 AND replaced_at IS NULL"),
    [Q_INSERT] = ("INSERT INTO metric_value(metric_key, period, period_kind, period_start, area,"
                  " value, numerator, denominator, source, note, load_id, line)"
                  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
    [Q_REPLACE] = ("UPDATE metric_value SET replaced_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
                   " replaced_by = ?2 WHERE id = ?1"),
};

/* The id of the current value for v's metric, area and period, 0 if there
 * is none; *same tells whether it equals v (value_only: its value, the
 * provenance aside). -1 on error. */
static int64_t current_value(struct store *s, sqlite3_stmt *st, const struct metric_value *v,
                             bool value_only, bool *same, struct buf *err)
{
    sqlite3_bind_text(st, 1, v->metric_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->area, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period_kind_name(v->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, v->period_start);
    int64_t id = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *same = sqlite3_column_double(st, 1) == v->value &&
                (value_only || (same_real(st, 2, v->has_numerator, v->numerator) &&
                                same_real(st, 3, v->has_denominator, v->denominator) &&
                                same_text(st, 4, v->source) && same_text(st, 5, v->note)));
    } else if (rc != SQLITE_DONE) {
        id = store_fail(s, err, "reading the current metric value");
    }
    sqlite3_reset(st);
    return id;
}

static int64_t insert_value(struct store *s, sqlite3_stmt *st, int64_t load_id,
                            const struct metric_value *v, struct buf *err)
{
    char period[PERIOD_TEXT_SIZE];
    period_format(v->kind, v->period_start, period);
    sqlite3_bind_text(st, 1, v->metric_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, period_kind_name(v->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, v->period_start);
    sqlite3_bind_text(st, 5, v->area, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 6, v->value);
    bind_real_or_null(st, 7, v->has_numerator, v->numerator);
    bind_real_or_null(st, 8, v->has_denominator, v->denominator);
    bind_text_or_null(st, 9, v->source);
    bind_text_or_null(st, 10, v->note);
    sqlite3_bind_int64(st, 11, load_id);
    sqlite3_bind_int64(st, 12, v->line);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "storing a metric value");
    return sqlite3_last_insert_rowid(s->db);
}

static int replace_value(struct store *s, sqlite3_stmt *st, int64_t old, int64_t by,
                         struct buf *err)
{
    sqlite3_bind_int64(st, 1, old);
    if (by > 0)
        sqlite3_bind_int64(st, 2, by);
    else
        sqlite3_bind_null(st, 2);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "keeping the replaced metric value");
}

/* A revision stamps the old row first (the partial unique index allows one
 * current value), inserts the new one, then points the old row at it. */
static int save_one(struct store *s, sqlite3_stmt **q, int64_t load_id, bool value_only,
                    const struct metric_value *v, struct metric_load_counts *c, struct buf *err)
{
    bool same = false;
    int64_t old = current_value(s, q[Q_CURRENT], v, value_only, &same, err);
    if (old < 0)
        return -1;
    if (old > 0 && same) {
        c->unchanged++;
        return 0;
    }
    if (old > 0 && replace_value(s, q[Q_REPLACE], old, 0, err) < 0)
        return -1;
    int64_t id = insert_value(s, q[Q_INSERT], load_id, v, err);
    if (id < 0)
        return -1;
    if (old > 0) {
        c->revised++;
        return replace_value(s, q[Q_REPLACE], old, id, err);
    }
    c->added++;
    return 0;
}

static int64_t insert_load(struct store *s, const char *path, const char *hash, const char *user,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO metric_load(path, content_hash, loaded_at,"
                                     " loaded_by) VALUES(?1, ?2,"
                                     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?3)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    bind_text_or_null(st, 3, user);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "recording the load");
    return sqlite3_last_insert_rowid(s->db);
}

static int finish_load(struct store *s, const struct metric_load_counts *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "UPDATE metric_load SET rows_read = ?2, rows_new = ?3,"
                                     " rows_revised = ?4 WHERE id = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->load_id);
    sqlite3_bind_int64(st, 2, c->read);
    sqlite3_bind_int64(st, 3, c->added);
    sqlite3_bind_int64(st, 4, c->revised);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "recording the load");
}

/* The record of the load (store/loads.h), with what it changed. */
static int record_load(struct store *s, const struct data_load *file,
                       const struct metric_load_counts *c, struct buf *err)
{
    struct data_load l = *file;
    char detail[128];
    snprintf(detail, sizeof detail, "%ld new, %ld revised, %ld unchanged", c->added, c->revised,
             c->unchanged);
    l.kind = "metric-values";
    l.rows = c->read;
    l.detail = detail;
    return store_data_load_record(s, &l, err);
}

/* The values saved, the load recorded: inside the caller's transaction. */
static int save_in(struct store *s, const char *content_hash, const struct data_load *file,
                   const struct metric_value *values, size_t n, bool value_only,
                   struct metric_load_counts *counts, struct buf *err)
{
    *counts = (struct metric_load_counts){.read = (long)n};
    sqlite3_stmt *q[Q_COUNT] = {0};
    int rc =
        (counts->load_id = insert_load(s, file->path, content_hash, file->origin.user, err)) < 0
            ? -1
            : 0;
    for (int i = 0; rc == 0 && i < Q_COUNT; i++)
        if (!(q[i] = store_prepare(s, save_sql[i], err)))
            rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = save_one(s, q, counts->load_id, value_only, &values[i], counts, err);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(q[i]);
    if (rc == 0)
        rc = finish_load(s, counts, err);
    if (rc == 0)
        rc = record_load(s, file, counts, err);
    return rc;
}

int store_metric_values_save(struct store *s, const char *content_hash,
                             const struct data_load *file, const struct metric_value *values,
                             size_t n, struct metric_load_counts *counts, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0) {
        *counts = (struct metric_load_counts){.read = (long)n};
        return -1;
    }
    if (save_in(s, content_hash, file, values, n, false, counts, err) == 0)
        return store_exec(s, "COMMIT", err);
    store_exec(s, "ROLLBACK", err);
    return -1;
}

/* How many of values differ from the current ones (value_only); -1 on
 * error. */
static long values_changed(struct store *s, const struct metric_value *values, size_t n,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, save_sql[Q_CURRENT], err);
    if (!st)
        return -1;
    long changed = 0;
    for (size_t i = 0; changed >= 0 && i < n; i++) {
        bool same = false;
        int64_t id = current_value(s, st, &values[i], true, &same, err);
        if (id < 0)
            changed = -1;
        else if (id == 0 || !same)
            changed++;
    }
    sqlite3_finalize(st);
    return changed;
}

int store_metric_values_put(struct store *s, const char *content_hash, const struct data_load *file,
                            const struct metric_value *values, size_t n,
                            struct metric_load_counts *counts, struct buf *err)
{
    assert(!sqlite3_get_autocommit(s->db)); /* the caller's transaction */
    *counts = (struct metric_load_counts){.read = (long)n, .unchanged = (long)n};
    long changed = values_changed(s, values, n, err);
    if (changed <= 0) /* nothing to write: no load recorded either */
        return (int)changed;
    return save_in(s, content_hash, file, values, n, true, counts, err);
}

/* The enum value whose name is `word`, or -1. */
static int unit_named(const char *word)
{
    for (int u = UNIT_COUNT; u <= UNIT_YES_NO; u++)
        if (word && strcmp(word, metric_unit_name((enum metric_unit)u)) == 0)
            return u;
    return -1;
}

static int frequency_named(const char *word)
{
    for (int f = FREQUENCY_MONTHLY; f <= FREQUENCY_ANNUAL; f++)
        if (word && strcmp(word, metric_frequency_name((enum metric_frequency)f)) == 0)
            return f;
    return -1;
}

int store_metric_info(struct store *s, const char *key, struct metric_info *out, struct buf *err)
{
    *out = (struct metric_info){0};
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT x.unit, x.frequency, x.loaded, x.title, p.plan_key"
                      " FROM plan_metric x JOIN plan_strategy g ON g.id = x.strategy_id"
                      " JOIN plan_mission m ON m.id = g.mission_id JOIN plan p ON p.id = m.plan_id"
                      " WHERE x.key = ?1 AND p.version = (SELECT max(version) FROM plan q"
                      " WHERE q.plan_key = p.plan_key) ORDER BY p.loaded_at DESC, p.id DESC"
                      " LIMIT 1",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int unit = unit_named((const char *)sqlite3_column_text(st, 0));
        int frequency = frequency_named((const char *)sqlite3_column_text(st, 1));
        assert(unit >= 0 && frequency >= 0); /* written by store_plan_save from the enums */
        out->found = true;
        out->unit = (enum metric_unit)unit;
        out->frequency = (enum metric_frequency)frequency;
        out->loaded = sqlite3_column_int(st, 2) != 0;
        snprintf(out->title, sizeof out->title, "%s", sqlite3_column_text(st, 3));
        snprintf(out->plan_key, sizeof out->plan_key, "%s", sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the plans");
}

static bool kind_named(const char *word, enum period_kind *kind)
{
    for (int k = PERIOD_MONTH; k <= PERIOD_YEAR; k++)
        if (word && strcmp(word, period_kind_name((enum period_kind)k)) == 0) {
            *kind = (enum period_kind)k;
            return true;
        }
    return false;
}

#define VALUE_COLUMNS                                                                              \
    "v.metric_key, v.period_kind, v.period_start, v.area, v.value, v.numerator,"                   \
    " v.denominator, v.source, v.note, v.line, l.path, l.loaded_at, v.replaced_at"

/* Runs a query returning VALUE_COLUMNS and hands each row to fn. */
static int each_value(struct store *s, sqlite3_stmt *st, metric_value_fn fn, void *arg,
                      struct buf *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct metric_value v = {
            .metric_key = (const char *)sqlite3_column_text(st, 0),
            .period_start = sqlite3_column_int(st, 2),
            .area = (const char *)sqlite3_column_text(st, 3),
            .value = sqlite3_column_double(st, 4),
            .has_numerator = sqlite3_column_type(st, 5) != SQLITE_NULL,
            .numerator = sqlite3_column_double(st, 5),
            .has_denominator = sqlite3_column_type(st, 6) != SQLITE_NULL,
            .denominator = sqlite3_column_double(st, 6),
            .source = (const char *)sqlite3_column_text(st, 7),
            .note = (const char *)sqlite3_column_text(st, 8),
            .line = (long)sqlite3_column_int64(st, 9),
            .path = (const char *)sqlite3_column_text(st, 10),
            .loaded_at = (const char *)sqlite3_column_text(st, 11),
            .replaced_at = (const char *)sqlite3_column_text(st, 12),
        };
        if (!kind_named((const char *)sqlite3_column_text(st, 1), &v.kind))
            continue; /* the CHECK constraint makes this unreachable */
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading metric values");
}

int store_metric_values(struct store *s, const char *key, const char *area, enum period_kind kind,
                        int until, metric_value_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT " VALUE_COLUMNS " FROM metric_value v"
                                     " JOIN metric_load l ON l.id = v.load_id"
                                     " WHERE v.metric_key = ?1 AND v.area = ?2"
                                     " AND v.period_kind = ?3 AND v.replaced_at IS NULL"
                                     " AND (?4 < 0 OR v.period_start <= ?4)"
                                     " ORDER BY v.period_start",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, until);
    return each_value(s, st, fn, arg, err);
}

int store_metric_history(struct store *s, const char *key, const char *area, metric_value_fn fn,
                         void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT " VALUE_COLUMNS " FROM metric_value v"
                                     " JOIN metric_load l ON l.id = v.load_id"
                                     " WHERE v.metric_key = ?1 AND (?2 IS NULL OR v.area = ?2)"
                                     " ORDER BY v.area, v.period_kind, v.period_start, v.id",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (area)
        sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    return each_value(s, st, fn, arg, err);
}
