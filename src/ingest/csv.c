/*
 * csv.c - streaming CSV reader (see csv.h).
 *
 * The reader keeps a window of input in one buffer. A record is parsed from
 * its first byte each time more input is needed, so field pointers never
 * dangle across a refill: when the window ends mid-record, the record is
 * moved to the front of the buffer, more input is read, and parsing starts
 * again. Records are short, so the re-parse costs nothing measurable.
 */
#include "ingest/csv.h"
#include "util/buf.h"
#include "util/mem.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK       (256 * 1024)
#define NOT_ESCAPED SIZE_MAX

struct csv_reader {
    csv_read_fn read;
    void *source;
    char *data;
    size_t cap, pos, len; /* unread input is data[pos, len) */
    bool eof, started, resync;
    bool at_end; /* the parse window reaches the end of input */
    long line;
    unsigned long long consumed;
    struct csv_field *fields;
    size_t *escaped; /* per field: offset in scratch, or NOT_ESCAPED */
    size_t fcap;
    struct buf scratch; /* fields whose "" had to be unescaped */
};

ssize_t csv_read_fd(void *source, char *buf, size_t n)
{
    int fd = (int)(intptr_t)source;
    for (;;) {
        ssize_t got = read(fd, buf, n);
        if (got >= 0 || errno != EINTR)
            return got;
    }
}

struct csv_reader *csv_open(csv_read_fn read, void *source)
{
    struct csv_reader *r = xcalloc(1, sizeof *r);
    r->read = read;
    r->source = source;
    r->cap = 2 * CHUNK; /* a record cut at the end of a read, and a whole read after it */
    r->data = xmalloc(r->cap);
    r->line = 1;
    r->fcap = 16;
    r->fields = xmalloc(r->fcap * sizeof *r->fields);
    r->escaped = xmalloc(r->fcap * sizeof *r->escaped);
    return r;
}

void csv_close(struct csv_reader *r)
{
    if (!r)
        return;
    free(r->data);
    free(r->fields);
    free(r->escaped);
    buf_free(&r->scratch);
    free(r);
}

unsigned long long csv_offset(const struct csv_reader *r)
{
    return r->consumed;
}

/* Moves unread input to the front and reads more; -1 on read error. */
static int fill(struct csv_reader *r)
{
    if (r->pos > 0) {
        memmove(r->data, r->data + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < CHUNK) {
        r->cap *= 2;
        r->data = xrealloc(r->data, r->cap);
    }
    ssize_t got = r->read(r->source, r->data + r->len, r->cap - r->len);
    if (got < 0)
        return -1;
    if (got == 0)
        r->eof = true;
    r->len += (size_t)got;
    /* A byte-order mark counts only as the very first bytes of the input. */
    if (!r->started && (r->len >= 3 || r->eof || r->consumed > 0)) {
        r->started = true;
        if (r->consumed == 0 && r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
            r->pos = 3;
    }
    return 0;
}

static void grow_fields(struct csv_reader *r)
{
    r->fcap *= 2;
    r->fields = xrealloc(r->fields, r->fcap * sizeof *r->fields);
    r->escaped = xrealloc(r->escaped, r->fcap * sizeof *r->escaped);
}

/* Inline, the growth apart: called for every field of the input, as a
 * call it was 300 instructions of each police.uk row, and inline the
 * month's split takes 448 M instructions against 547 M (callgrind).
 * add_unquoted is split_unquoted's, whose fields none is escaped:
 * parse_record reads escaped[] only after split_fields, which sets it for
 * every field through add_field. */
static inline void add_unquoted(struct csv_reader *r, size_t n, const char *p, size_t len)
{
    if (n == r->fcap)
        grow_fields(r);
    r->fields[n].p = p;
    r->fields[n].len = len;
}

static inline void add_field(struct csv_reader *r, size_t n, const char *p, size_t len, size_t esc)
{
    add_unquoted(r, n, p, len);
    r->escaped[n] = esc;
}

/* Copies a quoted field's content with each "" reduced to "; returns its
 * offset in scratch. */
static size_t unescape(struct csv_reader *r, const char *p, const char *end)
{
    size_t off = r->scratch.len;
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q) {
            buf_append(&r->scratch, p, (size_t)(end - p));
            break;
        }
        buf_append(&r->scratch, p, (size_t)(q - p) + 1);
        p = q + 2; /* skip the doubled quote */
    }
    return off;
}

enum parse_result { PARSED, NEED_MORE };

/* Parses a quoted field starting at *qp (on the opening quote). */
static enum parse_result parse_quoted(struct csv_reader *r, const char **qp, const char *e,
                                      size_t n, const char **error)
{
    const char *start = *qp + 1, *q = start;
    bool has_escape = false;
    for (;;) {
        const char *k = memchr(q, '"', (size_t)(e - q));
        if (!k) {
            if (!r->at_end)
                return NEED_MORE;
            *error = "unterminated quoted field";
            add_field(r, n, start, (size_t)(e - start), NOT_ESCAPED);
            *qp = e;
            return PARSED;
        }
        if (k + 1 == e && !r->at_end)
            return NEED_MORE;
        if (k + 1 < e && k[1] == '"') {
            has_escape = true;
            q = k + 2;
            continue;
        }
        size_t esc = has_escape ? unescape(r, start, k) : NOT_ESCAPED;
        size_t len = has_escape ? r->scratch.len - esc : (size_t)(k - start);
        add_field(r, n, start, len, esc);
        q = k + 1;
        /* A CR ending the line: step onto its LF so the record ends there. */
        if (q < e && *q == '\r') {
            if (q + 1 == e && !r->at_end)
                return NEED_MORE;
            if (q + 1 == e || q[1] == '\n')
                q++;
        }
        /* After the closing quote only a separator or line end may follow. */
        if (q < e && *q != ',' && *q != '\n') {
            if (!*error)
                *error = "text after a closing quote";
            while (q < e && *q != ',' && *q != '\n')
                q++;
            if (q == e && !r->at_end)
                return NEED_MORE;
        }
        *qp = q;
        return PARSED;
    }
}

/* Bytes that end or spoil an unquoted field. */
static const bool special[256] = {[','] = true, ['\n'] = true, ['"'] = true};

/* The first byte at or after q that ends or spoils an unquoted field, or e.
 * This loop sees nearly every byte of an import's input, so it looks at
 * sixteen bytes at a time where SSE2 is there (every x86-64): reading and
 * splitting the year's 1.26 GB took 0.76 s against 1.54 s with one table
 * lookup a byte (bench/README.md, stop 38). Elsewhere, the table. */
static const char *plain_end(const char *q, const char *e)
{
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
    for (; e - q >= 16; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                   _mm_cmpeq_epi8(v, quote));
        unsigned bits = (unsigned)_mm_movemask_epi8(hit);
        if (bits)
            return q + __builtin_ctz(bits);
    }
#endif
    while (q < e && !special[(unsigned char)*q])
        q++;
    return q;
}

static enum parse_result parse_plain(struct csv_reader *r, const char **qp, const char *e, size_t n,
                                     const char **error)
{
    const char *start = *qp, *q = plain_end(start, e);
    while (q < e && *q != ',' && *q != '\n') {
        if (*q == '"' && !*error)
            *error = "quote inside an unquoted field";
        q++;
    }
    if (q == e && !r->at_end)
        return NEED_MORE;
    const char *end = q;
    if (end > start && end[-1] == '\r' && (q == e || *q == '\n'))
        end--;
    add_field(r, n, start, (size_t)(end - start), NOT_ESCAPED);
    *qp = q;
    return PARSED;
}

#ifdef __SSE2__
/* The commas in one 16-byte block of a record, as fields: each ends at its
 * comma, and the next starts after it. The field that follows. */
static inline const char *add_fields_to(struct csv_reader *r, size_t *n, const char *field,
                                        const char *block, unsigned commas)
{
    for (; commas; commas &= commas - 1) {
        const char *c = block + __builtin_ctz(commas);
        add_unquoted(r, (*n)++, field, (size_t)(c - field));
        field = c + 1;
    }
    return field;
}
#endif

/* The record's last field, ending at its line end nl (a CR before it is
 * the line end's, as parse_plain has it). */
static const char *add_last_field(struct csv_reader *r, size_t *n, const char *field,
                                  const char *nl)
{
    const char *end = nl;
    if (end > field && end[-1] == '\r')
        end--;
    add_unquoted(r, (*n)++, field, (size_t)(end - field));
    return nl;
}

/* The common record, with no quote before its line end, split in one pass:
 * sixteen bytes at a time, each comma ending a field, where parse_plain
 * looks for each field's end in turn (a police.uk row's split took 655
 * instructions against 1,032: callgrind of a month, bench/README.md, stop
 * 41). Returns its line end with its *n fields added, or NULL when a quote
 * comes first or no line end is in [s, e): parse_record's field-by-field
 * parse then takes the record from its first field, and gives the same
 * fields for any record this one splits (test_csv.c checks both ways). */
static const char *split_unquoted(struct csv_reader *r, const char *s, const char *e, size_t *n)
{
    const char *field = s, *q = s;
    *n = 0;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
    for (; e - q >= 16; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        unsigned stops = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, quote)));
        if (stops) {
            unsigned at = (unsigned)__builtin_ctz(stops);
            if (q[at] == '"')
                return NULL;
            field = add_fields_to(r, n, field, q, commas & ((1u << at) - 1));
            return add_last_field(r, n, field, q + at);
        }
        field = add_fields_to(r, n, field, q, commas);
    }
#endif
    for (; q < e; q++) {
        if (*q == ',') {
            add_unquoted(r, (*n)++, field, (size_t)(q - field));
            field = q + 1;
        } else if (*q == '\n') {
            return add_last_field(r, n, field, q);
        } else if (*q == '"') {
            return NULL;
        }
    }
    return NULL;
}

static long count_newlines(const char *p, const char *e)
{
    long n = 0;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Splits the record at s field by field into *n fields, leaving *qp at its
 * line end or at e: any record, quoted fields and all. NEED_MORE when the
 * window ends inside it (and not at the end of input); else the line ends
 * inside quoted fields are added to *newlines, and *error is set for a
 * malformed record. */
static enum parse_result split_fields(struct csv_reader *r, const char *s, const char *e,
                                      const char **qp, size_t *n, long *newlines,
                                      const char **error)
{
    assert(s && s <= e); /* a window of the reader's buffer */
    const char *q = s;
    *n = 0;
    for (;;) {
        const char *field = q;
        bool quoted = q < e && *q == '"';
        enum parse_result pr =
            quoted ? parse_quoted(r, &q, e, *n, error) : parse_plain(r, &q, e, *n, error);
        if (pr == NEED_MORE)
            return NEED_MORE;
        if (quoted)
            *newlines += count_newlines(field, q);
        (*n)++;
        if (q < e && *q == ',') {
            q++;
            if (q == e && !r->at_end)
                return NEED_MORE;
            continue;
        }
        break; /* at '\n' or at the end of input */
    }
    *qp = q;
    return PARSED;
}

/* Tries to parse one record from the buffered window. */
static enum parse_result parse_record(struct csv_reader *r, struct csv_record *rec)
{
    /* Parse within at most CSV_MAX_RECORD bytes, so that whether a long
     * record is refused never depends on how much one read returned. */
    size_t window = r->len - r->pos;
    bool truncated = window > CSV_MAX_RECORD;
    const char *s = r->data + r->pos, *e = s + (truncated ? CSV_MAX_RECORD : window);
    r->at_end = r->eof && !truncated;
    const char *error = NULL;
    size_t n = 0;
    /* Only a quoted field holds a line end; an unquoted one stops at it. */
    long newlines = 0;
    buf_reset(&r->scratch);
    const char *q = split_unquoted(r, s, e, &n);
    rec->in_raw = true;
    if (!q) {
        if (split_fields(r, s, e, &q, &n, &newlines, &error) == NEED_MORE)
            return NEED_MORE;
        for (size_t i = 0; i < n; i++)
            if (r->escaped[i] != NOT_ESCAPED) {
                r->fields[i].p = r->scratch.p + r->escaped[i];
                rec->in_raw = false;
            }
    }
    /* raw stops before the line end; at the end of input (an unterminated
     * quote swallows it) a trailing line end is dropped the same way */
    const char *raw_end = q;
    if (q == e && raw_end > s && raw_end[-1] == '\n')
        raw_end--;
    if (raw_end > s && raw_end[-1] == '\r')
        raw_end--;
    size_t used = (size_t)(q - s) + (q < e ? 1 : 0);
    rec->fields = r->fields;
    rec->nfields = n;
    rec->line = r->line;
    rec->raw = s;
    rec->rawlen = (size_t)(raw_end - s);
    rec->error = error;
    rec->in_raw = rec->in_raw && !error;
    assert(q == e || *q == '\n');
    r->line += newlines + (q < e);
    r->pos += used;
    r->consumed += used;
    return PARSED;
}

/* After an over-long record: drop input up to and including the next LF. */
static int skip_line(struct csv_reader *r)
{
    for (;;) {
        const char *s = r->data + r->pos;
        const char *nl = memchr(s, '\n', r->len - r->pos);
        if (nl) {
            size_t used = (size_t)(nl - s) + 1;
            r->pos += used;
            r->consumed += used;
            r->line++;
            r->resync = false;
            return 0;
        }
        r->consumed += r->len - r->pos;
        r->pos = r->len;
        if (r->eof)
            return 0;
        if (fill(r) < 0)
            return -1;
    }
}

static int overlong(struct csv_reader *r, struct csv_record *rec)
{
    add_field(r, 0, r->data + r->pos, 0, NOT_ESCAPED);
    rec->fields = r->fields;
    rec->nfields = 0;
    rec->line = r->line;
    rec->raw = r->data + r->pos;
    rec->rawlen = 200; /* enough to recognise it in quarantine */
    rec->error = "record longer than 1 MiB (an unterminated quote?)";
    rec->in_raw = true;
    r->resync = true;
    return 1;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
    if (r->resync && skip_line(r) < 0)
        return -1;
    for (;;) {
        if (r->pos < r->len && parse_record(r, rec) == PARSED)
            return 1;
        if (r->len - r->pos > CSV_MAX_RECORD)
            return overlong(r, rec);
        if (r->eof)
            return 0; /* at the end of input every record parses */
        if (fill(r) < 0)
            return -1;
    }
}

ssize_t csv_read_memory(void *source, char *buf, size_t n)
{
    struct csv_memory *m = source;
    size_t k = n < m->left ? n : m->left;
    memcpy(buf, m->p, k);
    m->p += k;
    m->left -= k;
    return (ssize_t)k;
}

char *csv_field_text(const struct csv_record *rec, int col)
{
    if (col < 0 || (size_t)col >= rec->nfields)
        return xstrdup("");
    const char *p = rec->fields[col].p;
    size_t n = rec->fields[col].len;
    while (n > 0 && isspace((unsigned char)*p))
        p++, n--;
    while (n > 0 && isspace((unsigned char)p[n - 1]))
        n--;
    return xstrndup(p, n);
}

void csv_problem(struct buf *err, int *n, int max, const char *path, long line, const char *field,
                 const char *fmt, va_list ap)
{
    if (++*n > max)
        return;
    buf_printf(err, "%s:%ld: %s%s", path, line, field ? field : "", field ? ": " : "");
    struct buf msg = BUF_INIT;
    buf_vprintf(&msg, fmt, ap);
    buf_put_escaped(err, buf_str(&msg)); /* found by fuzz_metric */
    buf_free(&msg);
    buf_putc(err, '\n');
}

void csv_problemf(struct csv_problems *p, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(p->err, &p->n, CSV_PROBLEMS_MAX, p->path, line, field, fmt, ap);
    va_end(ap);
}

static void problemf(struct buf *err, int *n, int max, const char *path, long line, const char *fmt,
                     ...) __attribute__((format(printf, 6, 7)));
static void problemf(struct buf *err, int *n, int max, const char *path, long line, const char *fmt,
                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    csv_problem(err, n, max, path, line, NULL, fmt, ap);
    va_end(ap);
}

bool csv_check_file(const char *path, size_t max, struct buf *err, int *n, int nmax,
                    csv_check_fn fn, void *arg)
{
    struct buf text = BUF_INIT;
    if (!buf_read_file(&text, path, err))
        return false;
    if (text.len > max)
        problemf(err, n, nmax, path, 0, "the file is larger than %zu KiB", max / 1024);
    struct csv_memory mem = {text.p ? text.p : "", text.len > max ? 0 : text.len};
    struct csv_reader *r = csv_open(csv_read_memory, &mem);
    struct csv_record rec;
    bool header = true;
    while (csv_next(r, &rec) == 1) {
        if (rec.error)
            problemf(err, n, nmax, path, rec.line, "%s", rec.error);
        else if (header || !csv_record_blank(&rec))
            fn(arg, &rec, header);
        header = false;
    }
    csv_close(r);
    buf_free(&text);
    return true;
}

bool csv_record_blank(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        for (size_t j = 0; j < rec->fields[i].len; j++)
            if (!isspace((unsigned char)rec->fields[i].p[j]))
                return false;
    return true;
}
