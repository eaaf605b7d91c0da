/*
 * xlsx.c - one worksheet of an .xlsx workbook read with libzip and expat
 * (see xlsx.h for what is read and the bounds).
 *
 * The parts are read in the order each needs the last: the workbook (its
 * date system and sheets), its relationships (where the sheet, the shared
 * strings and the styles are), the styles (which cell formats are dates),
 * the shared strings, then the sheet. Each part is streamed through expat
 * a chunk at a time and counted against the caps as it is inflated, so
 * the archive's own claims of size are never trusted. The sheet's cells
 * are kept as offsets into one text buffer (a shared string is pointed
 * to, not copied: a million cells naming one long string cost a million
 * small records, not a million copies).
 */
#include "ingest/xlsx.h"
#include "model/calendar.h"
#include "util/mem.h"

#include <assert.h>
#include <ctype.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK         65536
#define MAX_XFS       65536
#define MAX_SHEETS    4096
#define EXCEL_MAX_ROW 1048576L

struct cell {
    uint32_t col;
    bool shared; /* text in the shared strings, else in the sheet's */
    size_t off, len;
};

struct row {
    long row;
    size_t first, n; /* cells[first .. first + n) */
};

/* A merged range, rows and columns inclusive (columns from 0). */
struct merge {
    long top, bottom;
    uint32_t left, right;
};

struct xlsx_reader {
    char *path, *name;
    /* shared strings: their bytes, each one's offset and length */
    struct buf sst;
    size_t *sst_off, *sst_len, nsst, capsst;
    struct buf text; /* the sheet's own cell texts */
    struct cell *cells;
    size_t ncells, capcells;
    struct row *rows;
    size_t nrows, caprows, next;
    struct merge *merges;
    size_t nmerges, capmerges;
    struct csv_field *fields;
    struct buf raw;
};

/* What reading the workbook learns before the sheet. */
struct book {
    bool date1904;
    char *sheet_rid, *sheet_target, *sst_target, *styles_target;
    bool *xf_date; /* per cell format (cellXfs index): a date? */
    size_t nxf;
    int nsheets;
    struct buf sheet_names; /* for "no sheet 'X' (sheets: ...)" */
    uint64_t inflated;      /* bytes of XML read, all parts */
};

/* The state of one part's parse, shared by its handlers. */
struct part {
    XML_Parser parser;
    struct xlsx_reader *x;
    struct book *b;
    const char *want; /* the sheet asked for (workbook) */
    int want_at;      /* or its place, 0.. (-1: by name, or the first) */
    const char *part_name;
    struct buf *err;
    bool failed;
    /* character data being gathered, and where */
    bool gather;
    struct buf cur;
    int depth_rph;    /* inside a phonetic run: its text is not the cell's */
    bool in_xfs;      /* styles: inside cellXfs */
    size_t nformats;  /* styles: custom number formats seen */
    int *fmt_id;      /* styles: custom format ids that are dates */
    size_t nfmt_date; /* styles: how many */
    /* the sheet: the row and cell being read */
    long row;
    uint32_t col;      /* next column when a cell has no reference */
    bool row_has_cell; /* a cell of this row has been stored */
    char cell_ref[24];
    char cell_type[16];
    long cell_style;
    bool cell_open, in_v, in_is; /* in_is: in an inline string, or a shared one (<si>) */
};

static void fail(struct part *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The first error of a part is kept and the parse stopped. */
static void fail(struct part *p, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    buf_printf(p->err, "%s: ", p->x->path);
    if (p->x->name && p->cell_ref[0])
        buf_printf(p->err, "sheet '%s' cell %s: ", p->x->name, p->cell_ref);
    else if (p->x->name && p->row)
        buf_printf(p->err, "sheet '%s' row %ld: ", p->x->name, p->row);
    else
        buf_printf(p->err, "%s: ", p->part_name);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(p->err, fmt, ap);
    va_end(ap);
    buf_putc(p->err, '\n');
    XML_StopParser(p->parser, XML_FALSE);
}

/* An element's name without its namespace (expat gives "URI|local"). */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

/* The attribute of that local name; want_ns: only a namespaced one
 * (r:id), else only one without a namespace. */
static const char *attr(const char **atts, const char *name, bool want_ns)
{
    for (int i = 0; atts[i]; i += 2) {
        bool ns = strchr(atts[i], '|') != NULL;
        if (ns == want_ns && strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    }
    return NULL;
}

static void text_handler(void *ud, const XML_Char *s, int len)
{
    struct part *p = ud;
    if (p->failed || !p->gather || p->depth_rph > 0)
        return;
    if (p->cur.len + (size_t)len > XLSX_MAX_STRING)
        fail(p, "text of more than %d bytes, over the limit", XLSX_MAX_STRING);
    else
        buf_append(&p->cur, s, (size_t)len);
}

/* A document type declaration: none is needed, and entities are how XML
 * bombs work, so none is accepted. */
static void doctype_handler(void *ud, const XML_Char *name, const XML_Char *sysid,
                            const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    fail(ud, "a document type declaration, which a workbook never has");
}

/* Decodes OOXML's _xHHHH_ escapes (Excel writes a carriage return as
 * _x000D_) in place. */
/* Four hex digits' value, or -1. */
static long hex4(const char *p)
{
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int c = tolower((unsigned char)p[k]);
        int d = isdigit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void unescape_ooxml(struct buf *b)
{
    size_t o = 0;
    for (size_t i = 0; i < b->len;) {
        long v = b->len - i >= 7 && b->p[i] == '_' && b->p[i + 1] == 'x' && b->p[i + 6] == '_'
                     ? hex4(b->p + i + 2)
                     : -1;
        if (v > 0 && (v < 0xd800 || v > 0xdfff)) {
            if (v < 0x80) {
                b->p[o++] = (char)v;
            } else if (v < 0x800) {
                b->p[o++] = (char)(0xc0 | (v >> 6));
                b->p[o++] = (char)(0x80 | (v & 0x3f));
            } else { /* 3 bytes: never longer than the 7 it replaces */
                b->p[o++] = (char)(0xe0 | (v >> 12));
                b->p[o++] = (char)(0x80 | ((v >> 6) & 0x3f));
                b->p[o++] = (char)(0x80 | (v & 0x3f));
            }
            i += 7;
        } else {
            b->p[o++] = b->p[i++];
        }
    }
    b->len = o;
    if (b->cap)
        b->p[o] = '\0';
}

/* Reads one part of the archive through expat with the given handlers.
 * 0: read; 1: absent (and not required); -1: failed (err says why). */
static int read_part(zip_t *z, const char *name, struct part *p, XML_StartElementHandler start,
                     XML_EndElementHandler end)
{
    zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0)
        return 1;
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) {
        buf_printf(p->err, "%s: %s: cannot be read: %s\n", p->x->path, name,
                   zip_error_strerror(zip_get_error(z)));
        return -1;
    }
    p->part_name = name;
    p->parser = XML_ParserCreateNS(NULL, '|');
    XML_SetUserData(p->parser, p);
    XML_SetElementHandler(p->parser, start, end);
    XML_SetCharacterDataHandler(p->parser, text_handler);
    XML_SetStartDoctypeDeclHandler(p->parser, doctype_handler);
    char *chunk = xmalloc(CHUNK);
    uint64_t part_bytes = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, CHUNK);
        if (n < 0) {
            buf_printf(p->err, "%s: %s: cannot be inflated: %s\n", p->x->path, name,
                       zip_error_strerror(zip_file_get_error(f)));
            p->failed = true;
            break;
        }
        part_bytes += (uint64_t)n;
        p->b->inflated += (uint64_t)n;
        if (part_bytes > XLSX_MAX_PART_BYTES || p->b->inflated > XLSX_MAX_TOTAL_BYTES) {
            buf_printf(p->err, "%s: %s: more than %u bytes of XML inflated, over the limit\n",
                       p->x->path, name,
                       part_bytes > XLSX_MAX_PART_BYTES ? XLSX_MAX_PART_BYTES
                                                        : XLSX_MAX_TOTAL_BYTES);
            p->failed = true;
            break;
        }
        if (XML_Parse(p->parser, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            if (!p->failed) /* an error of the XML itself, not a cap */
                buf_printf(p->err, "%s: %s: line %lu: %s\n", p->x->path, name,
                           (unsigned long)XML_GetCurrentLineNumber(p->parser),
                           XML_ErrorString(XML_GetErrorCode(p->parser)));
            p->failed = true;
            break;
        }
        if (n == 0)
            break;
    }
    free(chunk);
    XML_ParserFree(p->parser);
    p->parser = NULL;
    zip_fclose(f);
    buf_free(&p->cur);
    p->gather = false;
    return p->failed ? -1 : 0;
}

/* ---- the workbook and its relationships --------------------------------- */

static void workbook_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct part *p = ud;
    const char *name = local(el);
    if (strcmp(name, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904", false);
        p->b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *sheet = attr(atts, "name", false), *rid = attr(atts, "id", true);
        if (!sheet || !rid || ++p->b->nsheets > MAX_SHEETS)
            return;
        buf_printf(&p->b->sheet_names, "%s'%s'", p->b->sheet_names.len ? ", " : "", sheet);
        bool chosen = p->want_at >= 0 ? p->b->nsheets - 1 == p->want_at
                                      : !p->want || strcmp(p->want, sheet) == 0;
        if (!p->b->sheet_rid && chosen) {
            p->b->sheet_rid = xstrdup(rid);
            p->x->name = xstrdup(sheet);
        }
    }
}

static void no_end(void *ud, const XML_Char *el)
{
    (void)ud, (void)el;
}

/* A relationship's target as a path in the archive: relative to xl/, or
 * absolute from the archive's root. */
static char *part_path(const char *target)
{
    if (target[0] == '/')
        return xstrdup(target + 1);
    struct buf b = BUF_INIT;
    buf_printf(&b, "xl/%s", target);
    return buf_detach(&b);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static void rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct part *p = ud;
    if (strcmp(local(el), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id", false), *target = attr(atts, "Target", false),
               *type = attr(atts, "Type", false);
    if (!id || !target || !type)
        return;
    char **slot = NULL;
    if (p->b->sheet_rid && strcmp(id, p->b->sheet_rid) == 0)
        slot = &p->b->sheet_target;
    else if (ends_with(type, "/sharedStrings"))
        slot = &p->b->sst_target;
    else if (ends_with(type, "/styles"))
        slot = &p->b->styles_target;
    if (slot && !*slot)
        *slot = part_path(target);
}

/* ---- styles: which cell formats are dates -------------------------------- */

/* Excel's built-in number formats that show a date (14-17, 22; 27-36 and
 * 50-58 are the East Asian ones). Times alone (18-21, 45-47) stay numbers. */
static bool builtin_date(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A custom format shows a date when, outside quoted text, escapes and
 * [brackets], it has a day or a year ("dd/mm/yyyy", "d mmm yy"): a month
 * alone is ambiguous with minutes, and a time alone is not a date. */
static bool format_is_date(const char *code)
{
    for (const char *c = code; *c; c++) {
        if (*c == '"') {
            const char *q = strchr(c + 1, '"');
            if (!q)
                return false;
            c = q;
        } else if (*c == '\\' || *c == '_' || *c == '*') {
            if (!c[1])
                return false;
            c++;
        } else if (*c == '[') {
            const char *q = strchr(c, ']');
            if (!q)
                return false;
            c = q;
        } else if (*c == 'd' || *c == 'D' || *c == 'y' || *c == 'Y') {
            return true;
        }
    }
    return false;
}

static bool custom_date(const struct part *p, long id)
{
    for (size_t i = 0; i < p->nfmt_date; i++)
        if (p->fmt_id[i] == id)
            return true;
    return false;
}

static void styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct part *p = ud;
    const char *name = local(el);
    if (strcmp(name, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId", false), *code = attr(atts, "formatCode", false);
        if (id && code && format_is_date(code) && p->nfmt_date < MAX_XFS) {
            p->fmt_id = xrealloc(p->fmt_id, (p->nfmt_date + 1) * sizeof *p->fmt_id);
            p->fmt_id[p->nfmt_date++] = (int)strtol(id, NULL, 10);
        }
    } else if (strcmp(name, "cellXfs") == 0) {
        p->in_xfs = true;
    } else if (p->in_xfs && strcmp(name, "xf") == 0) {
        if (p->b->nxf == MAX_XFS) {
            fail(p, "more than %d cell formats", MAX_XFS);
            return;
        }
        const char *id = attr(atts, "numFmtId", false);
        long n = id ? strtol(id, NULL, 10) : 0;
        p->b->xf_date = xrealloc(p->b->xf_date, (p->b->nxf + 1) * sizeof *p->b->xf_date);
        p->b->xf_date[p->b->nxf++] = builtin_date(n) || custom_date(p, n);
    }
}

static void styles_end(void *ud, const XML_Char *el)
{
    struct part *p = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        p->in_xfs = false;
}

/* ---- shared strings ------------------------------------------------------- */

/* Inside a string (<si> or <is>): its text runs are gathered, a phonetic
 * run's are not. */
static void string_start(struct part *p, const char *name)
{
    if (p->in_is && strcmp(name, "t") == 0)
        p->gather = true;
    else if (strcmp(name, "rPh") == 0)
        p->depth_rph++;
}

static void sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    (void)atts;
    struct part *p = ud;
    const char *name = local(el);
    if (p->failed)
        return;
    if (strcmp(name, "si") == 0) {
        if (p->x->nsst == XLSX_MAX_CELLS) {
            fail(p, "more than %d shared strings", XLSX_MAX_CELLS);
            return;
        }
        buf_reset(&p->cur);
        p->in_is = true;
    } else {
        string_start(p, name);
    }
}

static void sst_end(void *ud, const XML_Char *el)
{
    struct part *p = ud;
    const char *name = local(el);
    struct xlsx_reader *x = p->x;
    if (p->failed)
        return;
    if (strcmp(name, "rPh") == 0 && p->depth_rph > 0) {
        p->depth_rph--;
    } else if (strcmp(name, "t") == 0) {
        p->gather = false;
    } else if (strcmp(name, "si") == 0 && p->in_is) {
        p->in_is = false;
        unescape_ooxml(&p->cur);
        if (x->nsst == x->capsst) {
            x->capsst = x->capsst ? 2 * x->capsst : 256;
            x->sst_off = xrealloc(x->sst_off, x->capsst * sizeof *x->sst_off);
            x->sst_len = xrealloc(x->sst_len, x->capsst * sizeof *x->sst_len);
        }
        x->sst_off[x->nsst] = x->sst.len;
        x->sst_len[x->nsst++] = p->cur.len;
        buf_append(&x->sst, p->cur.p ? p->cur.p : "", p->cur.len);
    }
}

/* ---- the sheet ------------------------------------------------------------ */

/* "C7" into column 2 (from 0) and row 7; false if it is not a reference
 * within the caps. */
static bool parse_ref(const char *ref, uint32_t *col, long *row)
{
    const char *c = ref;
    uint32_t n = 0;
    int letters = 0;
    while (isupper((unsigned char)*c) && letters < 3) {
        n = n * 26 + (uint32_t)(*c++ - 'A' + 1);
        letters++;
    }
    long r = 0;
    int digits = 0;
    while (isdigit((unsigned char)*c) && digits < 8) {
        r = r * 10 + (*c++ - '0');
        digits++;
    }
    if (!letters || !digits || *c || r < 1 || r > EXCEL_MAX_ROW)
        return false;
    *col = n - 1;
    *row = r;
    return true;
}

static void row_start(struct part *p, const XML_Char **atts)
{
    const char *r = attr(atts, "r", false);
    long row = p->row + 1;
    if (r) {
        char *end;
        row = strtol(r, &end, 10);
        if (*end || row < 1 || row > EXCEL_MAX_ROW) {
            fail(p, "'%s' is not a row number", r);
            return;
        }
    }
    if (row <= p->row) {
        long before = p->row;
        p->row = row; /* the row named in the error */
        fail(p, "row %ld comes after row %ld: rows out of order", row, before);
        return;
    }
    p->row = row;
    p->col = 0;
    p->row_has_cell = false;
}

static void cell_start(struct part *p, const XML_Char **atts)
{
    const char *r = attr(atts, "r", false), *t = attr(atts, "t", false),
               *s = attr(atts, "s", false);
    uint32_t col = p->col;
    long row = p->row;
    if (r && !parse_ref(r, &col, &row)) {
        snprintf(p->cell_ref, sizeof p->cell_ref, "%.20s", r);
        fail(p, "'%s' is not a cell reference", r);
        return;
    }
    snprintf(p->cell_ref, sizeof p->cell_ref, "%s", r ? r : "");
    if (!r) { /* name it for errors: column letters and the row */
        char letters[4] = "";
        uint32_t n = col + 1;
        int k = 0;
        char rev[4];
        while (n && k < 3) {
            rev[k++] = (char)('A' + (n - 1) % 26);
            n = (n - 1) / 26;
        }
        for (int i = 0; i < k; i++)
            letters[i] = rev[k - 1 - i];
        letters[k] = '\0';
        snprintf(p->cell_ref, sizeof p->cell_ref, "%s%ld", letters, row);
    }
    if (row != p->row)
        fail(p, "a cell of row %ld inside row %ld", row, p->row);
    else if (col < p->col)
        fail(p, "cells out of order or repeated");
    else if (col >= XLSX_MAX_COLS)
        fail(p, "column %u, over the limit of %d columns", col + 1, XLSX_MAX_COLS);
    if (p->failed)
        return;
    p->col = col;
    snprintf(p->cell_type, sizeof p->cell_type, "%.15s", t ? t : "n");
    p->cell_style = s ? strtol(s, NULL, 10) : 0;
    p->cell_open = true;
    p->in_v = p->in_is = false;
    buf_reset(&p->cur);
}

/* Days since 1970-01-01 of serial day n, or DATE_NONE when it has none:
 * 1900 system, day 1 is 1900-01-01 and day 60 Excel's 29 February 1900,
 * which never was; 1904 system, day 0 is 1904-01-01. */
static int serial_date(const struct book *b, double days)
{
    if (!(days >= 0 && days < 1e7))
        return DATE_NONE;
    long n = (long)days;
    int date;
    if (b->date1904) {
        int base;
        date_from_ymd(1904, 1, 1, &base);
        date = base + (int)n;
    } else if (n >= 1 && n < 60) {
        date = DATE_MIN + (int)n - 1;
    } else if (n > 60) {
        date = DATE_MIN + (int)n - 2;
    } else {
        return DATE_NONE;
    }
    return date <= DATE_MAX ? date : DATE_NONE;
}

/* A number as Excel shows it (15 significant digits), or as a date when
 * its format is one. */
static void put_number(struct part *p, struct buf *out, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) {
        fail(p, "'%.40s' is not a number", v);
        return;
    }
    bool is_date =
        p->cell_style >= 0 && (size_t)p->cell_style < p->b->nxf && p->b->xf_date[p->cell_style];
    int date = is_date ? serial_date(p->b, floor(d)) : DATE_NONE;
    if (date == DATE_NONE) {
        buf_printf(out, "%.15g", d == 0 ? 0.0 : d); /* no "-0" */
        return;
    }
    long secs = lround((d - floor(d)) * 86400.0);
    if (secs == 86400 && date < DATE_MAX)
        date++, secs = 0;
    char text[DATE_TEXT_SIZE];
    date_format(date, text);
    buf_puts(out, text);
    if (secs > 0 && secs < 86400)
        buf_printf(out, " %02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

static void store_cell(struct part *p, bool shared, size_t off, size_t len)
{
    struct xlsx_reader *x = p->x;
    if (x->ncells == XLSX_MAX_CELLS) {
        fail(p, "more than %d cells", XLSX_MAX_CELLS);
        return;
    }
    if (!p->row_has_cell) {
        if (x->nrows == XLSX_MAX_ROWS) {
            fail(p, "more than %d rows", XLSX_MAX_ROWS);
            return;
        }
        if (x->nrows == x->caprows) {
            x->caprows = x->caprows ? 2 * x->caprows : 64;
            x->rows = xrealloc(x->rows, x->caprows * sizeof *x->rows);
        }
        x->rows[x->nrows++] = (struct row){.row = p->row, .first = x->ncells};
        p->row_has_cell = true;
    }
    if (x->ncells == x->capcells) {
        x->capcells = x->capcells ? 2 * x->capcells : 256;
        x->cells = xrealloc(x->cells, x->capcells * sizeof *x->cells);
    }
    x->cells[x->ncells++] = (struct cell){.col = p->col, .shared = shared, .off = off, .len = len};
    x->rows[x->nrows - 1].n++;
}

/* The cell's value, by its type, stored as its text. */
static void cell_end(struct part *p)
{
    struct xlsx_reader *x = p->x;
    const char *t = p->cell_type, *v = buf_str(&p->cur);
    p->cell_open = false;
    if (strcmp(t, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (end == v || *end || i < 0 || (size_t)i >= x->nsst)
            fail(p, "shared string '%.20s' is not one of the %zu in the workbook", v, x->nsst);
        else if (x->sst_len[i])
            store_cell(p, true, x->sst_off[i], x->sst_len[i]);
    } else if (p->cur.len == 0) {
        /* no value: an empty cell (formatted, perhaps) */
    } else {
        size_t off = x->text.len;
        if (strcmp(t, "b") == 0) {
            buf_puts(&x->text, strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
        } else if (strcmp(t, "n") == 0) {
            put_number(p, &x->text, v);
        } else { /* str, inlineStr, e, d: text as written */
            unescape_ooxml(&p->cur);
            buf_append(&x->text, p->cur.p, p->cur.len);
        }
        if (!p->failed)
            store_cell(p, false, off, x->text.len - off);
    }
    p->col++;
    p->cell_ref[0] = '\0';
}

/* <mergeCell ref="B2:D3">: kept for xlsx_reader_merges. A single cell
 * ("B2") is a range of one. Errors name the sheet and the range (the
 * ranges follow the rows: a row number would mislead). */
static void merge_start(struct part *p, const XML_Char **atts)
{
    struct xlsx_reader *x = p->x;
    const char *ref = attr(atts, "ref", false);
    char a[24] = "", *b;
    snprintf(a, sizeof a, "%s", ref ? ref : "");
    b = strchr(a, ':');
    if (b)
        *b++ = '\0';
    struct merge m;
    p->row = 0;
    if (!ref || strlen(ref) >= sizeof a || !parse_ref(a, &m.left, &m.top) ||
        !parse_ref(b ? b : a, &m.right, &m.bottom) || m.right < m.left || m.bottom < m.top) {
        fail(p,
             "sheet '%s': merged range '%.24s' is not a cell or two joined by ':', the "
             "first above and left of the second",
             x->name, ref ? ref : "");
        return;
    }
    if (x->nmerges == XLSX_MAX_MERGES) {
        fail(p, "sheet '%s': more than %d merged ranges", x->name, XLSX_MAX_MERGES);
        return;
    }
    if (x->nmerges == x->capmerges) {
        x->capmerges = x->capmerges ? 2 * x->capmerges : 16;
        x->merges = xrealloc(x->merges, x->capmerges * sizeof *x->merges);
    }
    x->merges[x->nmerges++] = m;
}

static void sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct part *p = ud;
    const char *name = local(el);
    if (p->failed)
        return;
    if (strcmp(name, "row") == 0) {
        row_start(p, atts);
    } else if (strcmp(name, "c") == 0) {
        cell_start(p, atts);
    } else if (strcmp(name, "mergeCell") == 0) {
        merge_start(p, atts);
    } else if (!p->cell_open) {
        return;
    } else if (strcmp(name, "v") == 0 && strcmp(p->cell_type, "inlineStr") != 0) {
        buf_reset(&p->cur);
        p->in_v = p->gather = true;
    } else if (strcmp(name, "is") == 0) {
        buf_reset(&p->cur);
        p->in_is = true;
    } else {
        string_start(p, name);
    }
}

static void sheet_end(void *ud, const XML_Char *el)
{
    struct part *p = ud;
    const char *name = local(el);
    if (p->failed || !p->cell_open)
        return;
    if (strcmp(name, "rPh") == 0 && p->depth_rph > 0)
        p->depth_rph--;
    else if (strcmp(name, "t") == 0 || (strcmp(name, "v") == 0 && p->in_v))
        p->gather = p->in_v = false;
    else if (strcmp(name, "is") == 0)
        p->in_is = false;
    else if (strcmp(name, "c") == 0)
        cell_end(p);
}

/* ---- the whole ------------------------------------------------------------ */

static void book_free(struct book *b)
{
    free(b->sheet_rid);
    free(b->sheet_target);
    free(b->sst_target);
    free(b->styles_target);
    free(b->xf_date);
    buf_free(&b->sheet_names);
}

/* Reads the parts in order; 0 or -1 (err says why). */
static int read_book(zip_t *z, struct xlsx_reader *x, struct book *b, const char *want, int want_at,
                     struct buf *err)
{
    struct part p = {.x = x, .b = b, .want = want, .want_at = want_at, .err = err};
    int rc = read_part(z, "xl/workbook.xml", &p, workbook_start, no_end);
    if (rc == 1)
        buf_printf(err, "%s: not an Excel workbook (no xl/workbook.xml)\n", x->path);
    if (rc != 0)
        return -1;
    if (!b->sheet_rid) {
        if (want_at >= 0)
            buf_printf(err, "%s: no sheet %d (the workbook has %d)\n", x->path, want_at + 1,
                       b->nsheets);
        else if (want)
            buf_printf(err, "%s: no sheet '%s' (sheets: %s)\n", x->path, want,
                       b->sheet_names.len ? buf_str(&b->sheet_names) : "none");
        else
            buf_printf(err, "%s: the workbook has no sheets\n", x->path);
        return -1;
    }
    p = (struct part){.x = x, .b = b, .err = err};
    if (read_part(z, "xl/_rels/workbook.xml.rels", &p, rels_start, no_end) < 0)
        return -1;
    if (!b->sheet_target) {
        buf_printf(err, "%s: sheet '%s': no part in the archive holds it\n", x->path, x->name);
        return -1;
    }
    p = (struct part){.x = x, .b = b, .err = err};
    if (b->styles_target && read_part(z, b->styles_target, &p, styles_start, styles_end) < 0) {
        free(p.fmt_id);
        return -1;
    }
    free(p.fmt_id);
    p = (struct part){.x = x, .b = b, .err = err};
    if (b->sst_target && read_part(z, b->sst_target, &p, sst_start, sst_end) < 0)
        return -1;
    p = (struct part){.x = x, .b = b, .err = err};
    rc = read_part(z, b->sheet_target, &p, sheet_start, sheet_end);
    if (rc == 1)
        buf_printf(err, "%s: sheet '%s': %s is not in the archive\n", x->path, x->name,
                   b->sheet_target);
    return rc == 0 ? 0 : -1;
}

static struct xlsx_reader *open_reader(const char *path, const void *data, size_t len,
                                       const char *sheet, int at, int *nsheets, struct buf *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        buf_printf(err, "%s: not an xlsx workbook (a zip archive): %s\n", path,
                   zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    struct xlsx_reader *x = xcalloc(1, sizeof *x);
    x->path = xstrdup(path);
    struct book b = {0};
    int rc = read_book(z, x, &b, sheet, at, err);
    if (nsheets)
        *nsheets = b.nsheets;
    book_free(&b);
    zip_discard(z); /* read only: nothing to write back; frees src */
    if (rc != 0) {
        xlsx_reader_close(x);
        return NULL;
    }
    return x;
}

struct xlsx_reader *xlsx_reader_open(const char *path, const void *data, size_t len,
                                     const char *sheet, struct buf *err)
{
    return open_reader(path, data, len, sheet, -1, NULL, err);
}

struct xlsx_reader *xlsx_reader_open_at(const char *path, const void *data, size_t len, int at,
                                        int *nsheets, struct buf *err)
{
    *nsheets = 0;
    return open_reader(path, data, len, NULL, at, nsheets, err);
}

const char *xlsx_reader_sheet(const struct xlsx_reader *x)
{
    return x->name;
}

/* The row as CSV text, for a caller that keeps a row verbatim. */
static void put_raw(struct buf *raw, const struct csv_record *rec)
{
    buf_reset(raw);
    for (size_t i = 0; i < rec->nfields; i++) {
        const struct csv_field *f = &rec->fields[i];
        bool quote = memchr(f->p, ',', f->len) || memchr(f->p, '"', f->len) ||
                     memchr(f->p, '\n', f->len) || memchr(f->p, '\r', f->len);
        if (i)
            buf_putc(raw, ',');
        if (!quote) {
            buf_append(raw, f->p, f->len);
            continue;
        }
        buf_putc(raw, '"');
        for (size_t k = 0; k < f->len; k++) {
            if (f->p[k] == '"')
                buf_putc(raw, '"');
            buf_putc(raw, f->p[k]);
        }
        buf_putc(raw, '"');
    }
}

int xlsx_reader_next(struct xlsx_reader *x, struct csv_record *rec)
{
    if (x->next == x->nrows)
        return 0;
    const struct row *r = &x->rows[x->next++];
    assert(r->n > 0);
    size_t nf = x->cells[r->first + r->n - 1].col + 1;
    assert(nf <= XLSX_MAX_COLS);
    if (!x->fields)
        x->fields = xmalloc(XLSX_MAX_COLS * sizeof *x->fields);
    for (size_t i = 0; i < nf; i++)
        x->fields[i] = (struct csv_field){"", 0};
    for (size_t i = 0; i < r->n; i++) {
        const struct cell *c = &x->cells[r->first + i];
        const char *base = c->shared ? x->sst.p : x->text.p;
        x->fields[c->col] = (struct csv_field){base + c->off, c->len};
    }
    *rec = (struct csv_record){.fields = x->fields, .nfields = nf, .line = r->row};
    put_raw(&x->raw, rec);
    rec->raw = buf_str(&x->raw);
    rec->rawlen = x->raw.len;
    return 1;
}

size_t xlsx_reader_merges(const struct xlsx_reader *x, long row, size_t ncols, size_t *first)
{
    for (size_t c = 0; c < ncols; c++)
        first[c] = c;
    size_t ranges = 0;
    for (size_t i = 0; i < x->nmerges; i++) {
        const struct merge *m = &x->merges[i];
        if (row < m->top || row > m->bottom)
            continue;
        ranges++;
        for (size_t c = m->left; c <= m->right && c < ncols; c++)
            first[c] = m->top == row ? m->left : SIZE_MAX;
    }
    return ranges;
}

void xlsx_reader_close(struct xlsx_reader *x)
{
    if (!x)
        return;
    free(x->path);
    free(x->name);
    buf_free(&x->sst);
    free(x->sst_off);
    free(x->sst_len);
    buf_free(&x->text);
    free(x->cells);
    free(x->rows);
    free(x->merges);
    free(x->fields);
    buf_free(&x->raw);
    free(x);
}
