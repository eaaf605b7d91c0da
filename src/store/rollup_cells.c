/*
 * rollup_cells.c - packed area counts and the SQL that reads them (see
 * rollup_cells.h).
 *
 * Varints are util/varint.h's. A police.uk cell (type id under 20,
 * outcome id under 30, n mostly under 128) takes three bytes.
 *
 * The table-valued function is an eponymous-only virtual table in the
 * manner of SQLite's json_each: its hidden column `cells` is the argument,
 * which xBestIndex requires to be known before a scan starts. It is
 * marked innocuous, so that a view or trigger in the schema may use it
 * with the schema untrusted.
 */
#include "store/rollup_cells.h"
#include "util/varint.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void rollup_cells_put(struct buf *b, const struct rollup_cell *c)
{
    assert(c->crime_type >= 0 && c->outcome >= 0 && c->n >= 0);
    /* room for the three once, not a varint_put each: an import's commit
     * packs millions of cells (the area rollup's, store/import.c); its
     * merging thread took 63.6 M instructions against 74.8 M for a month
     * (callgrind) */
    buf_grow(b, 3 * VARINT_MAX);
    unsigned char *o = (unsigned char *)b->p + b->len;
    o += varint_to(o, (uint64_t)c->crime_type);
    o += varint_to(o, (uint64_t)c->outcome);
    o += varint_to(o, (uint64_t)c->n);
    b->len = (size_t)(o - (unsigned char *)b->p);
    b->p[b->len] = '\0';
}

int rollup_cells_next(const unsigned char *p, size_t len, size_t *at, struct rollup_cell *c)
{
    if (*at >= len)
        return 0;
    if (varint_get(p, len, at, &c->crime_type) < 0 || varint_get(p, len, at, &c->outcome) < 0 ||
        varint_get(p, len, at, &c->n) < 0)
        return -1;
    return 1;
}

/* ---- rollup_cells_merge(a, b) ------------------------------------------- */

/* The next cell of a blob in order into *c: 1, 0 at its end, -1 when
 * malformed or out of order (prev: the cell before, crime_type -1 at the
 * start). */
static int next_in_order(const unsigned char *p, size_t len, size_t *at, struct rollup_cell *c)
{
    struct rollup_cell prev = *c;
    int rc = rollup_cells_next(p, len, at, c);
    return rc == 1 && prev.crime_type >= 0 && !rollup_cells_after(&prev, c) ? -1 : rc;
}

/* See rollup_cells.h; the overflow it refuses never comes of counts of crimes. */
int rollup_cells_merge_blobs(const unsigned char *a, size_t alen, const unsigned char *b,
                             size_t blen, struct buf *out)
{
    struct rollup_cell x = {-1, 0, 0}, y = {-1, 0, 0};
    size_t i = 0, j = 0;
    int ra = next_in_order(a, alen, &i, &x), rb = next_in_order(b, blen, &j, &y);
    while (ra == 1 || rb == 1) {
        if (ra < 0 || rb < 0)
            return -1;
        struct rollup_cell c;
        if (rb != 1 || (ra == 1 && rollup_cells_after(&x, &y))) {
            c = x;
            ra = next_in_order(a, alen, &i, &x);
        } else if (ra != 1 || rollup_cells_after(&y, &x)) {
            c = y;
            rb = next_in_order(b, blen, &j, &y);
        } else { /* equal keys */
            c = x;
            if (y.n > INT64_MAX - c.n)
                return -1;
            c.n += y.n;
            ra = next_in_order(a, alen, &i, &x);
            rb = next_in_order(b, blen, &j, &y);
        }
        rollup_cells_put(out, &c);
    }
    return ra < 0 || rb < 0 ? -1 : 0;
}

static void merge_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    assert(argc == 2);
    const unsigned char *a = sqlite3_value_blob(argv[0]), *b = sqlite3_value_blob(argv[1]);
    size_t alen = (size_t)sqlite3_value_bytes(argv[0]), blen = (size_t)sqlite3_value_bytes(argv[1]);
    struct buf out = BUF_INIT;
    if (rollup_cells_merge_blobs(a, alen, b, blen, &out) < 0)
        sqlite3_result_error(ctx,
                             "rollup_cells_merge: a blob is not the area rollup's cells,"
                             " or their counts overflow",
                             -1);
    else
        sqlite3_result_blob(ctx, out.len ? out.p : "", (int)out.len, SQLITE_TRANSIENT);
    buf_free(&out);
}

/* ---- rollup_cells_pack(type, outcome, n) -------------------------------- */

struct pack {
    struct rollup_cell *v;
    size_t n, cap;
};

static int cell_order(const void *a, const void *b)
{
    const struct rollup_cell *x = a, *y = b;
    /* x first when y comes after it */
    return rollup_cells_after(x, y) ? -1 : rollup_cells_after(y, x) ? 1 : 0;
}

static void pack_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    assert(argc == 3);
    struct pack *p = sqlite3_aggregate_context(ctx, sizeof *p);
    if (!p) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    struct rollup_cell c = {sqlite3_value_int64(argv[0]), sqlite3_value_int64(argv[1]),
                            sqlite3_value_int64(argv[2])};
    if (c.crime_type < 0 || c.outcome < 0 || c.n < 0) {
        sqlite3_result_error(ctx, "rollup_cells_pack: a negative id or count", -1);
        return;
    }
    if (p->n == p->cap) { /* SQLite's allocator: out of memory is an error, not an abort */
        size_t cap = p->cap ? 2 * p->cap : 16;
        struct rollup_cell *v = sqlite3_realloc64(p->v, cap * sizeof *v);
        if (!v) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = c;
}

static void pack_final(sqlite3_context *ctx)
{
    struct pack *p = sqlite3_aggregate_context(ctx, 0);
    struct buf out = BUF_INIT;
    if (p && p->n) {
        qsort(p->v, p->n, sizeof *p->v, cell_order);
        for (size_t i = 0; i < p->n;) {
            struct rollup_cell c = p->v[i++];
            for (; i < p->n && !rollup_cells_after(&c, &p->v[i]); i++) {
                if (p->v[i].n > INT64_MAX - c.n) {
                    sqlite3_result_error(ctx, "rollup_cells_pack: a count too large", -1);
                    goto done;
                }
                c.n += p->v[i].n; /* equal keys: parts of one count */
            }
            rollup_cells_put(&out, &c);
        }
    }
    sqlite3_result_blob(ctx, out.len ? out.p : "", (int)out.len, SQLITE_TRANSIENT);
done:
    buf_free(&out);
    if (p)
        sqlite3_free(p->v);
}

/* ---- rollup_cells(blob): the table-valued function ---------------------- */

enum { COL_CRIME_TYPE, COL_OUTCOME, COL_N, COL_CELLS };

struct cursor {
    sqlite3_vtab_cursor base;
    struct buf blob; /* a copy: an argument lasts only as long as xFilter */
    size_t next;     /* where the cell after this one starts */
    struct rollup_cell cell;
    int64_t rowid;
    int eof;
};

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
                      char **errmsg)
{
    (void)aux;
    (void)argc;
    (void)argv;
    (void)errmsg;
    int rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(crime_type_id INTEGER, outcome_id INTEGER, n INTEGER, cells HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    *out = sqlite3_malloc(sizeof **out);
    if (!*out)
        return SQLITE_NOMEM;
    memset(*out, 0, sizeof **out);
    return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

/* The blob must be given (an equality on `cells`): without it there is
 * nothing to read, and SQLite is told so (SQLITE_CONSTRAINT). */
static int vt_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    (void)vt;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn == COL_CELLS && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->estimatedCost = 10;
            info->estimatedRows = 10;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

static int vt_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    (void)vt;
    struct cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *cur)
{
    struct cursor *c = (struct cursor *)cur;
    buf_free(&c->blob);
    sqlite3_free(c);
    return SQLITE_OK;
}

/* Reads the cell at c->next; an error names the blob's fault. */
static int vt_read(struct cursor *c)
{
    struct rollup_cell prev = c->cell;
    int rc = rollup_cells_next((const unsigned char *)c->blob.p, c->blob.len, &c->next, &c->cell);
    if (rc == 1 && c->rowid > 0 && !rollup_cells_after(&prev, &c->cell))
        rc = -1;
    c->eof = rc != 1;
    c->rowid++;
    if (rc >= 0)
        return SQLITE_OK;
    sqlite3_vtab *vt = c->base.pVtab;
    sqlite3_free(vt->zErrMsg);
    vt->zErrMsg = sqlite3_mprintf("rollup_cells: a blob is not the area rollup's cells");
    return SQLITE_CORRUPT;
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                     sqlite3_value **argv)
{
    (void)idx;
    (void)idxstr;
    struct cursor *c = (struct cursor *)cur;
    buf_reset(&c->blob);
    if (argc == 1 && sqlite3_value_type(argv[0]) != SQLITE_NULL)
        buf_append(&c->blob, sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]));
    c->next = 0;
    c->rowid = 0;
    return vt_read(c);
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
    return vt_read((struct cursor *)cur);
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
    return ((struct cursor *)cur)->eof;
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    const struct cursor *c = (const struct cursor *)cur;
    if (col == COL_CELLS)
        sqlite3_result_blob(ctx, c->blob.len ? c->blob.p : "", (int)c->blob.len, SQLITE_TRANSIENT);
    else
        sqlite3_result_int64(ctx, col == COL_CRIME_TYPE ? c->cell.crime_type
                                  : col == COL_OUTCOME  ? c->cell.outcome
                                                        : c->cell.n);
    return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = ((const struct cursor *)cur)->rowid;
    return SQLITE_OK;
}

static const sqlite3_module cells_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE */
    .xConnect = vt_connect,
    .xBestIndex = vt_best_index,
    .xDisconnect = vt_disconnect,
    .xDestroy = vt_disconnect,
    .xOpen = vt_open,
    .xClose = vt_close,
    .xFilter = vt_filter,
    .xNext = vt_next,
    .xEof = vt_eof,
    .xColumn = vt_column,
    .xRowid = vt_rowid,
};

int rollup_cells_register(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_module(db, "rollup_cells", &cells_module, NULL);
    if (rc == SQLITE_OK)
        rc = rollup_cell_table_register(db);
    if (rc == SQLITE_OK)
        rc =
            sqlite3_create_function(db, "rollup_cells_merge", 2, flags, NULL, merge_fn, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "rollup_cells_pack", 3, flags, NULL, NULL, pack_step,
                                     pack_final);
    return rc;
}
