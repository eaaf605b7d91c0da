/*
 * transparency_file.c - reads and checks the transparency calendar's file
 * (see transparency_file.h), then stores it whole (store/transparency.h).
 */
#include "ingest/transparency_file.h"
#include "ingest/csv.h"
#include "store/transparency.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_REPORTED 50

enum {
    C_KEY,
    C_TITLE,
    C_SOURCE,
    C_PUBLISHER,
    C_RULE,
    C_DAYS,
    C_BASIS,
    C_PATH,
    C_REG,
    C_NOTE,
    NCOLS
};

static const char *const col_names[NCOLS] = {"key",  "title", "source", "publisher", "rule",
                                             "days", "basis", "path",   "register",  "note"};

struct checker {
    const char *path;
    struct buf *err;
    int nerrors;
};

static void complain(struct checker *c, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct checker *c, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(c->err, &c->nerrors, MAX_REPORTED, c->path, line, field, fmt, ap);
    va_end(ap);
}

struct row {
    long line;
    char *f[NCOLS];
    struct tr_item item;
};

static void check_header(struct checker *c, const struct csv_record *rec)
{
    bool ok = rec->nfields == NCOLS;
    for (size_t i = 0; ok && i < NCOLS; i++) {
        char *name = csv_field_text(rec, (int)i);
        ok = strcmp(name, col_names[i]) == 0;
        free(name);
    }
    if (!ok)
        complain(c, rec->line, NULL,
                 "the header is not key,title,source,publisher,rule,days,basis,path,register,note");
}

static void check_row(struct checker *c, struct row *w)
{
    struct tr_item *it = &w->item;
    *it = (struct tr_item){.key = w->f[C_KEY],
                           .title = w->f[C_TITLE],
                           .source = w->f[C_SOURCE],
                           .publisher = w->f[C_PUBLISHER],
                           .path = w->f[C_PATH],
                           .note = w->f[C_NOTE]};
    const char *why = tr_key_check(it->key);
    if (why)
        complain(c, w->line, "key", "%s", why);
    for (int k = C_TITLE; k <= C_PUBLISHER; k++)
        if (!*w->f[k])
            complain(c, w->line, col_names[k], "required");
    if (!tr_kind_parse(w->f[C_RULE], &it->rule.kind))
        complain(c, w->line, "rule",
                 "'%s' is not before-year, monthly, quarterly, annual, on-change or event",
                 w->f[C_RULE]);
    char *end = NULL;
    long days = strtol(w->f[C_DAYS], &end, 10);
    if (!*w->f[C_DAYS] || *end || days < 0 || days > TR_MAX_DAYS)
        complain(c, w->line, "days", "'%s' is not a whole number from 0 to %d", w->f[C_DAYS],
                 TR_MAX_DAYS);
    it->rule.days = (int)days;
    if (!clock_basis_parse(w->f[C_BASIS], &it->rule.basis))
        complain(c, w->line, "basis", "'%s' is not calendar or working", w->f[C_BASIS]);
    else if (tr_kind_parse(w->f[C_RULE], &it->rule.kind) && (why = tr_rule_check(&it->rule)))
        complain(c, w->line, "days", "%s", why);
    if (*it->path && (it->path[0] != '/' || strpbrk(it->path, " \"'<>")))
        complain(c, w->line, "path", "'%s' is not a path on the site (/decisions)", it->path);
    if (!tr_register_parse(w->f[C_REG], &it->reg))
        complain(
            c, w->line, "register",
            "'%s' is not empty, decisions, hmicfrs, spend, budget, interests, gifts, salaries, "
            "complaints or contracts",
            w->f[C_REG]);
}

struct rows {
    struct row v[TR_MAX_ITEMS];
    size_t n;
};

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < NCOLS; k++)
            free(r->v[i].f[k]);
}

static bool blank(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        for (size_t j = 0; j < rec->fields[i].len; j++)
            if (rec->fields[i].p[j] != ' ' && rec->fields[i].p[j] != '\t')
                return false;
    return true;
}

static void add_row(struct checker *c, const struct csv_record *rec, struct rows *r)
{
    if (rec->nfields != NCOLS) {
        complain(c, rec->line, NULL, "%zu fields, not %d", rec->nfields, NCOLS);
        return;
    }
    if (r->n == TR_MAX_ITEMS) {
        complain(c, rec->line, NULL, "more than %d items", TR_MAX_ITEMS);
        return;
    }
    struct row *w = &r->v[r->n++];
    w->line = rec->line;
    for (int k = 0; k < NCOLS; k++)
        w->f[k] = csv_field_text(rec, k);
    check_row(c, w);
    for (size_t i = 0; i + 1 < r->n; i++)
        if (strcmp(r->v[i].f[C_KEY], w->f[C_KEY]) == 0)
            complain(c, w->line, "key", "'%s' is also the key of line %ld", w->f[C_KEY],
                     r->v[i].line);
}

static void read_rows(struct checker *c, const struct buf *text, struct rows *r)
{
    struct csv_memory src = {text->p, text->len};
    struct csv_reader *reader = csv_open(csv_read_memory, &src);
    struct csv_record rec;
    bool header = true;
    while (c->nerrors <= MAX_REPORTED && csv_next(reader, &rec) == 1) {
        if (rec.error)
            complain(c, rec.line, NULL, "%s", rec.error);
        else if (header)
            check_header(c, &rec), header = false;
        else if (!blank(&rec))
            add_row(c, &rec, r);
    }
    if (header && c->nerrors == 0)
        complain(c, 1, NULL, "empty file: no header");
    else if (r->n == 0 && c->nerrors == 0)
        complain(c, 2, NULL, "no items");
    csv_close(reader);
}

int transparency_file_load(struct store *s, const char *path, bool dry_run,
                           const struct audit_origin *by, size_t *items, struct buf *err)
{
    struct stat sb;
    *items = 0;
    if (stat(path, &sb) == 0 && sb.st_size > TR_FILE_MAX_BYTES) {
        buf_printf(err, "%s: %lld bytes, over the limit of %d\n", path, (long long)sb.st_size,
                   TR_FILE_MAX_BYTES);
        return 2;
    }
    struct buf text = BUF_INIT;
    if (!buf_read_file(&text, path, err)) {
        buf_free(&text);
        return 2;
    }
    struct checker c = {.path = path, .err = err};
    struct rows *r = xcalloc(1, sizeof *r);
    read_rows(&c, &text, r);
    int rc = c.nerrors ? 2 : 0;
    if (c.nerrors > MAX_REPORTED)
        buf_printf(err, "%s: ... and %d more problems\n", path, c.nerrors - MAX_REPORTED);
    if (rc == 0 && !dry_run) {
        char sha[SHA256_HEX_SIZE];
        sha256_of(text.p, text.len, sha);
        struct tr_item *v = xcalloc(r->n, sizeof *v);
        for (size_t i = 0; i < r->n; i++)
            v[i] = r->v[i].item;
        int64_t id;
        rc = store_tr_load(s, path, sha, v, r->n, by, &id, err) == 0 ? 0 : 1;
        free(v);
    }
    if (rc == 0)
        *items = r->n;
    rows_free(r);
    free(r);
    buf_free(&text);
    return rc;
}
