/*
 * prc.c - Home Office recorded-crime tables: loading and asking (see prc.h).
 */
#include "store/prc.h"
#include "store/store_internal.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

enum prc_stmt { P_INSERT, P_REPLACE, P_QUARANTINE, P_COUNT };

static const char *const prc_sql[P_COUNT] = {
    [P_INSERT] = ("INSERT INTO prc_count(fy, quarter, force_name, force_slug, territorial,"
                  " offence_code, offence_description, offence_group, offence_subgroup, n,"
                  " load_id, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
    [P_REPLACE] = "DELETE FROM prc_count WHERE force_key = ?1 AND period = ?2",
    [P_QUARANTINE] = ("INSERT INTO quarantine(file_id, line, field, reason, raw)"
                      " VALUES(?1, ?2, ?3, ?4, ?5)"),
};

struct prc_import {
    struct store *s;
    char *user;
    int64_t run_id, file_id, load_id; /* load_id 0: no load open */
    sqlite3_stmt *st[P_COUNT];
    struct hmap seen; /* (force key, period) the open load has supplied */
    struct prc_load_totals load;
    long files, rows_stored, rows_quarantined;
};

/* ---- small helpers ------------------------------------------------------ */

static void bind_text(sqlite3_stmt *st, int col, struct text t)
{
    sqlite3_bind_text(st, col, t.len ? t.p : "", (int)t.len, SQLITE_STATIC);
}

static void bind_opt(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* Steps a statement that returns no rows, then resets it for reuse. */
static int step_done(struct store *s, sqlite3_stmt *st, const char *what, struct buf *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, what);
}

/* Steps a statement that returns one integer (an id), then finalizes it. */
static int64_t step_id(struct store *s, sqlite3_stmt *st, const char *what, struct buf *err)
{
    int64_t id = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else
        store_fail(s, err, what);
    sqlite3_finalize(st);
    return id;
}

static const char *col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : NULL;
}

/* ---- loading ------------------------------------------------------------ */

static void import_free(struct prc_import *im)
{
    for (int i = 0; i < P_COUNT; i++)
        sqlite3_finalize(im->st[i]);
    hmap_free(&im->seen);
    free(im->user);
    free(im);
}

struct prc_import *store_prc_begin(struct store *s, const char *command, const char *user,
                                   struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return NULL;
    struct prc_import *im = xcalloc(1, sizeof *im);
    im->s = s;
    im->user = user ? xstrdup(user) : NULL;
    hmap_init(&im->seen);
    sqlite3_stmt *run =
        store_prepare(s,
                      "INSERT INTO import_run(started_at, command, user) VALUES(" STORE_NOW
                      ", ?1, ?2) RETURNING id",
                      err);
    if (run) {
        sqlite3_bind_text(run, 1, command, -1, SQLITE_STATIC);
        bind_opt(run, 2, user);
        im->run_id = step_id(s, run, "recording the import", err);
    }
    bool ok = run && im->run_id > 0;
    for (int i = 0; ok && i < P_COUNT; i++)
        ok = (im->st[i] = store_prepare(s, prc_sql[i], err)) != NULL;
    if (!ok) {
        store_prc_abort(im);
        return NULL;
    }
    return im;
}

/* The file's source_file row (whose quarantine an earlier import of the
 * same file name left is cleared) and a new load. */
int store_prc_file_begin(struct prc_import *im, const char *name, const char *path, struct buf *err)
{
    assert(im->load_id == 0 && "a load is committed before the next begins");
    struct store *s = im->s;
    sqlite3_stmt *f = store_prepare(
        s,
        "INSERT INTO source_file(name, path, kind, bytes, import_id, imported_at)"
        " VALUES(?1, ?2, 'prc', 0, ?3, " STORE_NOW ") ON CONFLICT(name) DO UPDATE SET"
        " path = excluded.path, kind = excluded.kind, bytes = 0, import_id = excluded.import_id,"
        " imported_at = excluded.imported_at, rows_stored = 0, rows_quarantined = 0 RETURNING id",
        err);
    if (!f)
        return -1;
    sqlite3_bind_text(f, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(f, 2, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(f, 3, im->run_id);
    if ((im->file_id = step_id(s, f, "recording the file", err)) < 0)
        return -1;
    sqlite3_stmt *q = store_prepare(s, "DELETE FROM quarantine WHERE file_id = ?1", err);
    if (!q)
        return -1;
    sqlite3_bind_int64(q, 1, im->file_id);
    int rc = step_done(s, q, "clearing the file's old quarantine", err);
    sqlite3_finalize(q);
    sqlite3_stmt *l = rc < 0 ? NULL
                             : store_prepare(s,
                                             "INSERT INTO prc_load(import_id, file_id, path,"
                                             " loaded_at, loaded_by) VALUES(?1, ?2, ?3, " STORE_NOW
                                             ", ?4) RETURNING id",
                                             err);
    if (!l)
        return -1;
    sqlite3_bind_int64(l, 1, im->run_id);
    sqlite3_bind_int64(l, 2, im->file_id);
    sqlite3_bind_text(l, 3, path, -1, SQLITE_STATIC);
    bind_opt(l, 4, im->user);
    if ((im->load_id = step_id(s, l, "recording the load", err)) < 0) {
        im->load_id = 0;
        return -1;
    }
    hmap_clear(&im->seen);
    im->load = (struct prc_load_totals){0};
    return 0;
}

/* The first time this load supplies a (force, quarter), what earlier loads
 * stored for it goes. */
static int replace_slice(struct prc_import *im, struct text key, int period, struct buf *err)
{
    char k[256];
    size_t n = key.len < sizeof k - sizeof period ? key.len : sizeof k - sizeof period;
    memcpy(k, &period, sizeof period);
    memcpy(k + sizeof period, key.p, n);
    int inserted = 0;
    hmap_put(&im->seen, k, sizeof period + n, &inserted);
    if (!inserted)
        return 0;
    sqlite3_stmt *st = im->st[P_REPLACE];
    bind_text(st, 1, key);
    sqlite3_bind_int(st, 2, period);
    if (step_done(im->s, st, "replacing an earlier load's quarter", err) < 0)
        return -1;
    im->load.rows_replaced += sqlite3_changes(im->s->db);
    return 0;
}

int store_prc_add(struct prc_import *im, const struct prc_row *row, const char *force_slug,
                  bool territorial, long line, struct buf *err)
{
    assert(im->load_id > 0 && "rows belong to a load");
    assert(row->quarter >= 1 && row->quarter <= 4 && "the parser checks quarters");
    struct text key = force_slug ? (struct text){force_slug, strlen(force_slug)} : row->force;
    if (replace_slice(im, key, PRC_PERIOD(row->fy, row->quarter), err) < 0)
        return -1;
    char fy[FY_TEXT_SIZE];
    fy_format(row->fy, fy);
    sqlite3_stmt *st = im->st[P_INSERT];
    sqlite3_bind_text(st, 1, fy, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, row->quarter);
    bind_text(st, 3, row->force);
    bind_opt(st, 4, force_slug);
    sqlite3_bind_int(st, 5, territorial);
    bind_text(st, 6, row->code);
    bind_text(st, 7, row->description);
    bind_text(st, 8, row->group);
    bind_text(st, 9, row->subgroup);
    sqlite3_bind_int64(st, 10, row->count);
    sqlite3_bind_int64(st, 11, im->load_id);
    sqlite3_bind_int64(st, 12, line);
    if (step_done(im->s, st, "storing a recorded-crime row", err) < 0)
        return -1;
    im->load.rows_stored++;
    return 0;
}

int store_prc_quarantine(struct prc_import *im, long line, const char *field, const char *reason,
                         const char *raw, size_t rawlen, struct buf *err)
{
    assert(im->load_id > 0 && "rows belong to a load");
    sqlite3_stmt *st = im->st[P_QUARANTINE];
    sqlite3_bind_int64(st, 1, im->file_id);
    sqlite3_bind_int64(st, 2, line);
    bind_opt(st, 3, field);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, rawlen ? raw : "", (int)rawlen, SQLITE_STATIC);
    if (step_done(im->s, st, "quarantining a row", err) < 0)
        return -1;
    im->load.rows_quarantined++;
    return 0;
}

int store_prc_file_commit(struct prc_import *im, const char *sha256, unsigned long long bytes,
                          long rows_read, struct prc_load_totals *out, struct buf *err)
{
    assert(im->load_id > 0 && "a load is open");
    struct store *s = im->s;
    sqlite3_stmt *l = store_prepare(s,
                                    "UPDATE prc_load SET sha256 = ?2, bytes = ?3, rows_read = ?4,"
                                    " rows_stored = ?5, rows_quarantined = ?6, rows_replaced = ?7"
                                    " WHERE id = ?1",
                                    err);
    sqlite3_stmt *f = store_prepare(
        s,
        "UPDATE source_file SET bytes = ?2, rows_stored = ?3, rows_quarantined = ?4 WHERE id = ?1",
        err);
    int rc = l && f ? 0 : -1;
    if (rc == 0) {
        sqlite3_bind_int64(l, 1, im->load_id);
        sqlite3_bind_text(l, 2, sha256, -1, SQLITE_STATIC);
        sqlite3_bind_int64(l, 3, (sqlite3_int64)bytes);
        sqlite3_bind_int64(l, 4, rows_read);
        sqlite3_bind_int64(l, 5, im->load.rows_stored);
        sqlite3_bind_int64(l, 6, im->load.rows_quarantined);
        sqlite3_bind_int64(l, 7, im->load.rows_replaced);
        sqlite3_bind_int64(f, 1, im->file_id);
        sqlite3_bind_int64(f, 2, (sqlite3_int64)bytes);
        sqlite3_bind_int64(f, 3, im->load.rows_stored);
        sqlite3_bind_int64(f, 4, im->load.rows_quarantined);
        rc = step_done(s, l, "recording the load's totals", err);
        if (rc == 0)
            rc = step_done(s, f, "recording the file's totals", err);
    }
    sqlite3_finalize(l);
    sqlite3_finalize(f);
    if (rc < 0)
        return -1;
    *out = im->load;
    im->files++;
    im->rows_stored += im->load.rows_stored;
    im->rows_quarantined += im->load.rows_quarantined;
    im->load_id = 0;
    return 0;
}

int store_prc_commit(struct prc_import *im, struct buf *err)
{
    assert(im->load_id == 0 && "every load is committed first");
    struct store *s = im->s;
    sqlite3_stmt *st =
        store_prepare(s,
                      "UPDATE import_run SET finished_at = " STORE_NOW ", files = ?2,"
                      " rows_stored = ?3, rows_quarantined = ?4 WHERE id = ?1",
                      err);
    int rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_int64(st, 1, im->run_id);
        sqlite3_bind_int64(st, 2, im->files);
        sqlite3_bind_int64(st, 3, im->rows_stored);
        sqlite3_bind_int64(st, 4, im->rows_quarantined);
        rc = step_done(s, st, "recording the import's totals", err);
        sqlite3_finalize(st);
    }
    /* statements are finalized before COMMIT so none holds the database */
    for (int i = 0; i < P_COUNT; i++) {
        sqlite3_finalize(im->st[i]);
        im->st[i] = NULL;
    }
    if (rc == 0 && store_exec(s, "COMMIT", err) == 0) {
        import_free(im);
        return 0;
    }
    store_prc_abort(im);
    return -1;
}

void store_prc_abort(struct prc_import *im)
{
    struct buf ignored = BUF_INIT;
    store_exec(im->s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    import_free(im);
}

/* ---- asking ------------------------------------------------------------- */

/* Steps a query to its end, calling row(st, arg) per result row. */
static int each_row(struct store *s, sqlite3_stmt *st, void (*row)(sqlite3_stmt *, void *),
                    void *arg, const char *what, struct buf *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st, arg);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, what);
}

struct group_cb {
    prc_group_fn fn;
    void *arg;
};

static void group_row(sqlite3_stmt *st, void *arg)
{
    struct group_cb *cb = arg;
    cb->fn(cb->arg, col_text(st, 0), sqlite3_column_int64(st, 1));
}

int store_prc_by_group(struct store *s, const char *force, int from, int to, prc_group_fn fn,
                       void *arg, struct buf *err)
{
    assert(force && from <= to);
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT offence_group, sum(n) FROM prc_count"
                                     " WHERE force_key = ?1 AND period BETWEEN ?2 AND ?3"
                                     " GROUP BY offence_group ORDER BY offence_group",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, force, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    struct group_cb cb = {fn, arg};
    return each_row(s, st, group_row, &cb, "totalling offence groups", err);
}

struct force_cb {
    prc_force_fn fn;
    void *arg;
};

static void force_row(sqlite3_stmt *st, void *arg)
{
    struct force_cb *cb = arg;
    struct prc_force_total t = {
        .key = col_text(st, 0),
        .name = col_text(st, 1),
        .slug = col_text(st, 2),
        .territorial = sqlite3_column_int(st, 3) != 0,
        .count = sqlite3_column_int64(st, 4),
        .population = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5),
    };
    cb->fn(cb->arg, &t);
}

int store_prc_by_force(struct store *s, const char *group, int from, int to, bool all_bodies,
                       prc_force_fn fn, void *arg, struct buf *err)
{
    assert(from <= to);
    /* The name shown is the one published in the latest quarter in range:
     * a force renamed between releases is one force. */
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT c.force_key, (SELECT force_name FROM prc_count l WHERE l.force_key = c.force_key"
        "   AND l.period BETWEEN ?1 AND ?2 ORDER BY l.period DESC LIMIT 1),"
        " c.force_slug, max(c.territorial), sum(c.n), p.population"
        " FROM prc_count c LEFT JOIN force_population p ON p.force_slug = c.force_slug"
        " WHERE c.period BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.offence_group = ?3)"
        "   AND (?4 OR c.territorial)"
        " GROUP BY c.force_key ORDER BY sum(c.n) DESC, c.force_key",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, from);
    sqlite3_bind_int(st, 2, to);
    bind_opt(st, 3, group);
    sqlite3_bind_int(st, 4, all_bodies);
    struct force_cb cb = {fn, arg};
    return each_row(s, st, force_row, &cb, "totalling forces", err);
}

struct period_cb {
    prc_period_fn fn;
    void *arg;
};

static void period_row(sqlite3_stmt *st, void *arg)
{
    struct period_cb *cb = arg;
    cb->fn(cb->arg, sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1),
           sqlite3_column_int64(st, 2));
}

int store_prc_periods(struct store *s, const char *force, prc_period_fn fn, void *arg,
                      struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT period, count(*), sum(n) FROM prc_count"
                                     " WHERE ?1 IS NULL OR force_key = ?1"
                                     " GROUP BY period ORDER BY period",
                                     err);
    if (!st)
        return -1;
    bind_opt(st, 1, force);
    struct period_cb cb = {fn, arg};
    return each_row(s, st, period_row, &cb, "listing quarters", err);
}

struct text_cb {
    prc_text_fn fn;
    void *arg;
};

static void text_row(sqlite3_stmt *st, void *arg)
{
    struct text_cb *cb = arg;
    cb->fn(cb->arg, col_text(st, 0));
}

int store_prc_groups(struct store *s, prc_text_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT DISTINCT offence_group FROM prc_count ORDER BY offence_group", err);
    if (!st)
        return -1;
    struct text_cb cb = {fn, arg};
    return each_row(s, st, text_row, &cb, "listing offence groups", err);
}

int store_prc_force_name(struct store *s, const char *force, struct buf *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT force_name FROM prc_count WHERE force_key = ?1"
                                     " ORDER BY period DESC LIMIT 1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, force, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        buf_reset(out);
        buf_puts(out, col_text(st, 0));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : store_fail(s, err, "finding the force");
}

struct load_cb {
    prc_load_fn fn;
    void *arg;
};

static void load_row(sqlite3_stmt *st, void *arg)
{
    struct load_cb *cb = arg;
    struct prc_load_info l = {col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                              sqlite3_column_int64(st, 4)};
    cb->fn(cb->arg, &l);
}

int store_prc_sources(struct store *s, const char *force, int from, int to, prc_load_fn fn,
                      void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT l.path, l.sha256, l.loaded_at, l.loaded_by, c.rows FROM prc_load l JOIN"
        " (SELECT load_id, count(*) AS rows FROM prc_count WHERE period BETWEEN ?2 AND ?3"
        "   AND (?1 IS NULL OR force_key = ?1) GROUP BY load_id) c ON c.load_id = l.id"
        " ORDER BY l.id",
        err);
    if (!st)
        return -1;
    bind_opt(st, 1, force);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    struct load_cb cb = {fn, arg};
    return each_row(s, st, load_row, &cb, "listing the loads", err);
}
