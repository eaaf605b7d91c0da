/*
 * rollup_cell_table.c - rollup_lsoa_cell, the area rollup's cells as the
 * rows of the table it was before migration 53: (lsoa_id, crime_type_id,
 * month, force_id, outcome_id, n), an eponymous virtual table over
 * rollup_lsoa's packed rows (see rollup_cells.h).
 *
 * Why not a view joining rollup_lsoa to rollup_cells(cells), as migration
 * 53 made: SQLite tells a virtual table a query's ORDER BY or GROUP BY only
 * when every term is one of its own columns, so the view could not say
 * that a row's cells come in crime type order, and every question grouped
 * by LSOA, month and crime type sorted all the cells (the old table's key
 * had given that order for free: 26% more instructions for such a
 * question). This table is the whole of each row. It reads rollup_lsoa in
 * key order, (lsoa, month, force); when the query does not use force_id
 * it merges each (LSOA, month)'s forces into one row's cells, so its rows
 * come in (lsoa, month, crime type, outcome) order, and it tells a GROUP
 * BY or an ORDER BY of a prefix of those, term by term, that no sort is
 * needed (store/query.c writes its GROUP BY in that order). A GROUP BY is
 * held to the same order as an ORDER BY: SQLite drops an ORDER BY equal
 * to a GROUP BY it was told needs no sort, so "grouped" must mean sorted.
 *
 * It is WITHOUT ROWID, keyed (lsoa_id, month, force_id, crime_type_id,
 * outcome_id), for SQLite's OR: a scan per branch, rows met twice dropped
 * by key (force_id, merged, is the first force's: the same in every scan,
 * since no constraint that merging allows splits an (LSOA, month)).
 *
 * Constraints on lsoa_id (=), month (=, <, <=, >, >=) and force_id (=) are
 * passed to rollup_lsoa's key, and SQLite checks each again (none is
 * omitted): a constraint passed that lets too many rows through costs
 * time only.
 */
#include "store/rollup_cells.h"

#include <stdbool.h>
#include <string.h>

enum { COL_LSOA, COL_TYPE, COL_MONTH, COL_FORCE, COL_OUTCOME, COL_N };

/* The plan's bits (idxNum): which constraints are passed, in this order,
 * then whether forces are merged. */
enum {
    P_LSOA = 1 << 0,   /* lsoa_id = ? */
    P_FROM = 1 << 1,   /* month >= ? */
    P_AFTER = 1 << 2,  /* month > ? */
    P_TO = 1 << 3,     /* month <= ? */
    P_BEFORE = 1 << 4, /* month < ? */
    P_MONTH = 1 << 5,  /* month = ? */
    P_FORCE = 1 << 6,  /* force_id = ? */
    P_MERGE = 1 << 7   /* force_id unused: forces merged */
};
/* The constraint bits, P_LSOA to P_FORCE. */
#define P_BITS 7

static const char *const clause[P_BITS] = {
    " AND lsoa_id = ?", " AND month >= ?", " AND month > ?",    " AND month <= ?",
    " AND month < ?",   " AND month = ?",  " AND force_id = ?",
};

struct cursor {
    sqlite3_vtab_cursor base;
    sqlite3 *db;
    sqlite3_stmt *st; /* rollup_lsoa's rows for the plan */
    int plan;         /* st's, -1 before the first */
    bool ahead;       /* st holds a row not yet taken */
    int64_t lsoa, month, force;
    struct buf cells, tmp; /* the current row's cells (forces merged) */
    size_t next;           /* where the next cell starts */
    struct rollup_cell cell;
    bool eof;
};

struct table {
    sqlite3_vtab base;
    sqlite3 *db;
};

static int table_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                         sqlite3_vtab **out, char **errmsg)
{
    (void)aux;
    (void)argc;
    (void)argv;
    (void)errmsg;
    int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(lsoa_id INTEGER, crime_type_id INTEGER,"
                                      " month INTEGER, force_id INTEGER, outcome_id INTEGER,"
                                      " n INTEGER, PRIMARY KEY(lsoa_id, month, force_id,"
                                      " crime_type_id, outcome_id)) WITHOUT ROWID");
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    struct table *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->db = db;
    *out = &t->base;
    return SQLITE_OK;
}

static int table_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

/* The plan bit of a usable constraint, or 0. */
static int bit_of(const struct sqlite3_index_constraint *c)
{
    if (!c->usable)
        return 0;
    if (c->iColumn == COL_LSOA)
        return c->op == SQLITE_INDEX_CONSTRAINT_EQ ? P_LSOA : 0;
    if (c->iColumn == COL_FORCE)
        return c->op == SQLITE_INDEX_CONSTRAINT_EQ ? P_FORCE : 0;
    if (c->iColumn != COL_MONTH)
        return 0;
    switch (c->op) {
    case SQLITE_INDEX_CONSTRAINT_GE:
        return P_FROM;
    case SQLITE_INDEX_CONSTRAINT_GT:
        return P_AFTER;
    case SQLITE_INDEX_CONSTRAINT_LE:
        return P_TO;
    case SQLITE_INDEX_CONSTRAINT_LT:
        return P_BEFORE;
    case SQLITE_INDEX_CONSTRAINT_EQ:
        return P_MONTH;
    default:
        return 0;
    }
}

/* Whether the rows come in the order the query asks for: every term
 * ascending, a prefix of order[] term by term, for an ORDER BY or a GROUP
 * BY (see the header), not a DISTINCT. SQLite itself takes the claim back
 * when an IN list filters once per value. */
static bool ordered(sqlite3_index_info *info, int plan)
{
    const int merged[] = {COL_LSOA, COL_MONTH, COL_TYPE, COL_OUTCOME};
    const int each[] = {COL_LSOA, COL_MONTH, COL_FORCE, COL_TYPE, COL_OUTCOME};
    const int *order = plan & P_MERGE ? merged : each;
    int norder = plan & P_MERGE ? 4 : 5;
    if (info->nOrderBy < 1 || info->nOrderBy > norder || sqlite3_vtab_distinct(info) > 1)
        return false;
    for (int i = 0; i < info->nOrderBy; i++)
        if (info->aOrderBy[i].desc || info->aOrderBy[i].iColumn != order[i])
            return false;
    return true;
}

static int best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    (void)vt;
    int plan = 0, arg = 0;
    for (int b = 0; b < P_BITS; b++)
        for (int i = 0; i < info->nConstraint; i++)
            if (!(plan & 1 << b) && bit_of(&info->aConstraint[i]) == 1 << b) {
                plan |= 1 << b;
                info->aConstraintUsage[i].argvIndex = ++arg;
            }
    if (!(info->colUsed & (sqlite3_uint64)1 << COL_FORCE))
        plan |= P_MERGE;
    info->idxNum = plan;
    info->orderByConsumed = ordered(info, plan);
    info->estimatedRows = plan & P_LSOA ? 100 : 1000000;
    info->estimatedCost =
        (double)info->estimatedRows * (plan & (P_FROM | P_TO | P_MONTH) ? 0.5 : 1);
    return SQLITE_OK;
}

static int open_cursor(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    struct cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    c->db = ((struct table *)vt)->db;
    c->plan = -1;
    *out = &c->base;
    return SQLITE_OK;
}

static int close_cursor(sqlite3_vtab_cursor *cur)
{
    struct cursor *c = (struct cursor *)cur;
    sqlite3_finalize(c->st);
    buf_free(&c->cells);
    buf_free(&c->tmp);
    sqlite3_free(c);
    return SQLITE_OK;
}

static int fail(struct cursor *c, int rc, const char *msg)
{
    sqlite3_vtab *vt = c->base.pVtab;
    sqlite3_free(vt->zErrMsg);
    vt->zErrMsg = sqlite3_mprintf("rollup_lsoa_cell: %s", msg);
    return rc;
}

/* Steps st: c->ahead says whether it holds a row. */
static int step(struct cursor *c)
{
    int rc = sqlite3_step(c->st);
    c->ahead = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : fail(c, rc, sqlite3_errmsg(c->db));
}

/* Takes the row st holds, and with P_MERGE those after it of the same
 * (lsoa, month), into the current row's cells. */
static int take_row(struct cursor *c)
{
    c->lsoa = sqlite3_column_int64(c->st, 0);
    c->month = sqlite3_column_int64(c->st, 1);
    c->force = sqlite3_column_int64(c->st, 2);
    buf_reset(&c->cells);
    buf_append(&c->cells, sqlite3_column_blob(c->st, 3), (size_t)sqlite3_column_bytes(c->st, 3));
    int rc;
    while ((rc = step(c)) == SQLITE_OK && c->ahead && (c->plan & P_MERGE) &&
           sqlite3_column_int64(c->st, 0) == c->lsoa &&
           sqlite3_column_int64(c->st, 1) == c->month) {
        buf_reset(&c->tmp);
        if (rollup_cells_merge_blobs((const unsigned char *)c->cells.p, c->cells.len,
                                     sqlite3_column_blob(c->st, 3),
                                     (size_t)sqlite3_column_bytes(c->st, 3), &c->tmp) < 0)
            return fail(c, SQLITE_CORRUPT, "a row's cells are not the area rollup's cells");
        struct buf swap = c->cells;
        c->cells = c->tmp;
        c->tmp = swap;
    }
    c->next = 0;
    c->cell = (struct rollup_cell){-1, 0, 0};
    return rc;
}

/* Moves to the next cell, taking rows while the current one is used up. */
static int advance(struct cursor *c)
{
    for (;;) {
        struct rollup_cell prev = c->cell;
        int got =
            rollup_cells_next((const unsigned char *)c->cells.p, c->cells.len, &c->next, &c->cell);
        if (got == 1 && (prev.crime_type < 0 || rollup_cells_after(&prev, &c->cell)))
            return SQLITE_OK;
        if (got != 0)
            return fail(c, SQLITE_CORRUPT, "a row's cells are not the area rollup's cells");
        if (!c->ahead) {
            c->eof = true;
            return SQLITE_OK;
        }
        int rc = take_row(c);
        if (rc != SQLITE_OK)
            return rc;
    }
}

/* The statement for plan, kept while the plan stays (an IN list filters
 * once per value). */
static int prepare(struct cursor *c, int plan)
{
    if (c->st && c->plan == plan) {
        sqlite3_reset(c->st); /* its return is the last run's error, reported then */
        return SQLITE_OK;
    }
    sqlite3_finalize(c->st);
    c->st = NULL;
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "SELECT lsoa_id, month, force_id, cells FROM main.rollup_lsoa WHERE 1");
    for (int b = 0; b < P_BITS; b++)
        if (plan & 1 << b)
            buf_puts(&sql, clause[b]);
    buf_puts(&sql, " ORDER BY lsoa_id, month, force_id");
    int rc = sqlite3_prepare_v2(c->db, sql.p, -1, &c->st, NULL);
    buf_free(&sql);
    c->plan = rc == SQLITE_OK ? plan : -1;
    return rc == SQLITE_OK ? rc : fail(c, rc, sqlite3_errmsg(c->db));
}

static int filter(sqlite3_vtab_cursor *cur, int plan, const char *unused, int argc,
                  sqlite3_value **argv)
{
    (void)unused;
    struct cursor *c = (struct cursor *)cur;
    int rc = prepare(c, plan);
    for (int i = 0; rc == SQLITE_OK && i < argc; i++)
        if ((rc = sqlite3_bind_value(c->st, i + 1, argv[i])) != SQLITE_OK)
            return fail(c, rc, sqlite3_errmsg(c->db));
    if (rc != SQLITE_OK)
        return rc;
    c->eof = false;
    buf_reset(&c->cells);
    c->next = 0;
    c->cell = (struct rollup_cell){-1, 0, 0};
    rc = step(c);
    return rc == SQLITE_OK ? advance(c) : rc;
}

static int next(sqlite3_vtab_cursor *cur)
{
    return advance((struct cursor *)cur);
}

static int eof(sqlite3_vtab_cursor *cur)
{
    return ((struct cursor *)cur)->eof;
}

static int column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    const struct cursor *c = (const struct cursor *)cur;
    const int64_t v[] = {
        [COL_LSOA] = c->lsoa,   [COL_TYPE] = c->cell.crime_type, [COL_MONTH] = c->month,
        [COL_FORCE] = c->force, [COL_OUTCOME] = c->cell.outcome, [COL_N] = c->cell.n};
    if (col >= 0 && col <= COL_N)
        sqlite3_result_int64(ctx, v[col]);
    return SQLITE_OK;
}

static const sqlite3_module table_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE */
    .xConnect = table_connect,
    .xBestIndex = best_index,
    .xDisconnect = table_disconnect,
    .xDestroy = table_disconnect,
    .xOpen = open_cursor,
    .xClose = close_cursor,
    .xFilter = filter,
    .xNext = next,
    .xEof = eof,
    .xColumn = column,
    .xRowid = NULL, /* WITHOUT ROWID: never called */
};

int rollup_cell_table_register(sqlite3 *db)
{
    return sqlite3_create_module(db, "rollup_lsoa_cell", &table_module, NULL);
}
