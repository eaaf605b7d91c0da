/*
 * test_csv.c - the streaming CSV reader against the shapes real files take.
 *
 * Every test reads its input twice: in one piece and one byte at a time, so
 * that a record split across a buffer refill is always exercised.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"
#include "util/buf.h"

struct mem {
    const char *p;
    size_t len, pos, chunk;
};

static ssize_t mem_read(void *source, char *buf, size_t n)
{
    struct mem *m = source;
    size_t left = m->len - m->pos;
    if (n > m->chunk)
        n = m->chunk;
    if (n > left)
        n = left;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

/* Renders every record as "line:field|field|...[!error]\n". */
static char *parse(const char *input, size_t len, size_t chunk)
{
    struct mem m = {input, len, 0, chunk};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    struct buf out = BUF_INIT;
    while (csv_next(r, &rec) > 0) {
        buf_printf(&out, "%ld:", rec.line);
        for (size_t i = 0; i < rec.nfields; i++)
            buf_printf(&out, "%s%.*s", i ? "|" : "", (int)rec.fields[i].len, rec.fields[i].p);
        if (rec.error)
            buf_printf(&out, "!%s", rec.error);
        buf_putc(&out, '\n');
    }
    csv_close(r);
    return buf_detach(&out);
}

static void expect(const char *input, const char *want)
{
    size_t len = strlen(input);
    char *whole = parse(input, len, 1 << 20);
    char *bytewise = parse(input, len, 1);
    assert_string_equal(whole, want);
    assert_string_equal(bytewise, want);
    free(whole);
    free(bytewise);
}

static void crlf_and_lf(void **state)
{
    (void)state;
    expect("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n");
    expect("a,b\nc,d\n", "1:a|b\n2:c|d\n");
    expect("a,b\nc,d", "1:a|b\n2:c|d\n"); /* no final line end */
    expect("a,b\r\nc,d", "1:a|b\n2:c|d\n");
}

static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    expect("\xEF\xBB\xBFlsoacd,population\r\nE01,5\r\n", "1:lsoacd|population\n2:E01|5\n");
    /* a BOM anywhere but the start is data */
    expect("a\n\xEF\xBB\xBF"
           "b\n",
           "1:a\n2:\xEF\xBB\xBF"
           "b\n");
}

static void empty_fields(void **state)
{
    (void)state;
    expect(",2019-12,,\r\n", "1:|2019-12||\n");
    expect("\"\",x\n", "1:|x\n");
    expect("a,\n", "1:a|\n");
}

static void quoted_fields(void **state)
{
    (void)state;
    expect("\"On or near A, B\",x\r\n", "1:On or near A, B|x\n");
    expect("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n");
    expect("\"\"\"\"\n", "1:\"\n");
    /* a newline inside quotes belongs to the field; the next record's line
     * number counts it */
    expect("\"two\r\nlines\",x\r\ny,z\r\n", "1:two\r\nlines|x\n3:y|z\n");
    expect("\"a\",\"b\"\r\n", "1:a|b\n");
}

static void malformed_records_are_returned_with_a_reason(void **state)
{
    (void)state;
    expect("ab\"c,d\n", "1:ab\"c|d!quote inside an unquoted field\n");
    expect("\"ab\"c,d\n", "1:ab|d!text after a closing quote\n");
    expect("x,y\n\"open,never closed\n",
           "1:x|y\n2:open,never closed\n!unterminated quoted field\n");
}

static void blank_lines_are_records_of_one_empty_field(void **state)
{
    (void)state;
    expect("a\n\nb\n", "1:a\n2:\n3:b\n");
    expect("\r\n", "1:\n");
    expect("", "");
}

static void raw_bytes_are_kept_verbatim(void **state)
{
    (void)state;
    const char *input = "h1,h2\r\n\"q, \"\"x\"\"\",2\r\n";
    struct mem m = {input, strlen(input), 0, 3};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(rec.rawlen, strlen("\"q, \"\"x\"\"\",2"));
    assert_memory_equal(rec.raw, "\"q, \"\"x\"\"\",2", rec.rawlen);
    assert_int_equal(csv_next(r, &rec), 0);
    assert_int_equal(csv_offset(r), strlen(input));
    csv_close(r);
}

static void records_larger_than_the_buffer(void **state)
{
    (void)state;
    /* a 300 KiB field spans several refills of the 256 KiB chunks */
    size_t n = 300 * 1024;
    char *big = malloc(n + 16);
    memset(big, 'x', n);
    memcpy(big + n, ",y\nz\n", 6);
    struct mem m = {big, n + 5, 0, 4096};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(rec.nfields, 2);
    assert_int_equal(rec.fields[0].len, n);
    assert_null(rec.error);
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(rec.line, 2);
    csv_close(r);
    free(big);
}

static void an_overlong_record_is_refused_and_reading_resumes(void **state)
{
    (void)state;
    /* an unterminated quote would otherwise swallow the rest of the file */
    size_t n = CSV_MAX_RECORD + 4096;
    char *in = malloc(n + 64);
    in[0] = '"';
    memset(in + 1, 'x', n);
    memcpy(in + n, "\nnext,row\n", 11);
    struct mem m = {in, n + 10, 0, 1 << 16};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_non_null(rec.error);
    assert_non_null(strstr(rec.error, "longer than"));
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(rec.nfields, 2);
    assert_memory_equal(rec.fields[0].p, "next", 4);
    assert_int_equal(csv_next(r, &rec), 0);
    csv_close(r);
    free(in);
}

/* The reader looks for a field's end sixteen bytes at a time: a comma, a
 * line end or a stray quote at every place in and after the first blocks
 * of a long field, with the field's bytes on either side, is where it is. */
static void a_field_ends_at_its_first_special_byte_wherever_it_falls(void **state)
{
    (void)state;
    for (size_t at = 0; at < 40; at++) {
        char field[41];
        memset(field, 'x', at);
        field[at] = '\0';
        struct buf in = BUF_INIT, want = BUF_INIT;
        buf_printf(&in, "%s,yy\nz", field);
        buf_printf(&want, "1:%s|yy\n2:z\n", field);
        expect(buf_str(&in), buf_str(&want));
        buf_reset(&in);
        buf_reset(&want);
        buf_printf(&in, "%s\nyy,z", field);
        buf_printf(&want, "1:%s\n2:yy|z\n", field);
        expect(buf_str(&in), buf_str(&want));
        buf_reset(&in);
        buf_reset(&want);
        if (at == 0) { /* a leading quote opens a quoted field */
            buf_free(&in);
            buf_free(&want);
            continue;
        }
        buf_printf(&in, "%s\"yy,z", field);
        buf_printf(&want, "1:%s\"yy|z!quote inside an unquoted field\n", field);
        expect(buf_str(&in), buf_str(&want));
        buf_free(&in);
        buf_free(&want);
    }
}

/* Line numbers count the line ends inside quoted fields, and only those:
 * the reader counts them field by field, not over the whole record. */
static void lines_are_counted_through_quoted_line_ends(void **state)
{
    (void)state;
    expect("a,\"b\nc\"\nd\n\"e\n\nf\",g\r\nh", "1:a|b\nc\n3:d\n4:e\n\nf|g\n7:h\n");
    expect("\"a\nb", "1:a\nb!unterminated quoted field\n");
    expect("\"a\"x\ny\nz", "1:a!text after a closing quote\n2:y\n3:z\n");
}

/* A record with no quote before its line end is split in one pass, sixteen
 * bytes at a time (csv.c's split_unquoted); any other field by field. Such
 * records, of every length around those blocks, give what splitting the
 * line at its commas gives, one CR before the line end being the line
 * end's; and a quote after any number of fields sends the record to the
 * field-by-field parse whole. */
static void a_record_splits_the_same_in_one_pass_or_field_by_field(void **state)
{
    (void)state;
    static const char alphabet[] = "ab \r";
    struct buf in = BUF_INIT, want = BUF_INIT;
    uint32_t x = 2463534242u;
    for (long line = 1; line <= 400; line++) {
        int fields = 1 + (int)(x % 24);
        buf_printf(&want, "%ld:", line);
        for (int f = 0; f < fields; f++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t len = x % 21, start = in.len;
            for (size_t i = 0; i < len; i++)
                buf_putc(&in, alphabet[(x >> (2 * (i % 16))) % 4]);
            size_t keep = in.len - start;
            if (f == fields - 1 && keep && in.p[in.len - 1] == '\r')
                keep--; /* the line end's */
            buf_printf(&want, "%s%.*s", f ? "|" : "", (int)keep, in.p + start);
            buf_putc(&in, f == fields - 1 ? '\n' : ',');
        }
        buf_putc(&want, '\n');
    }
    expect(buf_str(&in), buf_str(&want));
    for (int k = 0; k < 40; k++) {
        buf_reset(&in);
        buf_reset(&want);
        buf_puts(&want, "1:");
        for (int f = 0; f < k; f++) {
            buf_puts(&in, "ab,");
            buf_puts(&want, "ab|");
        }
        buf_puts(&in, "\"x,\"\"y\",z\r\nw\n");
        buf_puts(&want, "x,\"y|z\n2:w\n");
        expect(buf_str(&in), buf_str(&want));
    }
    buf_free(&in);
    buf_free(&want);
}

/* in_raw: whether every field is a view of the record's raw bytes, and the
 * record is well formed (an unterminated quote's field takes in the line
 * end that raw leaves out). */
static void a_record_says_whether_its_fields_are_its_raw_bytes(void **state)
{
    (void)state;
    static const char input[] = "a,b\n\"c\",d\n\"e\"\"f\",g\n\"h\r\n";
    struct mem m = {input, sizeof input - 1, 0, 1 << 20};
    struct csv_reader *r = csv_open(mem_read, &m);
    struct csv_record rec;
    const bool want[] = {true, true, false, false};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(csv_next(r, &rec), 1);
        assert_int_equal(rec.in_raw, want[i]);
    }
    assert_int_equal(csv_next(r, &rec), 0);
    csv_close(r);
}

static ssize_t failing_read(void *source, char *buf, size_t n)
{
    (void)source;
    (void)buf;
    (void)n;
    return -1;
}

static void read_errors_are_reported(void **state)
{
    (void)state;
    struct csv_reader *r = csv_open(failing_read, NULL);
    struct csv_record rec;
    assert_int_equal(csv_next(r, &rec), -1);
    csv_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crlf_and_lf),
        cmocka_unit_test(byte_order_mark_is_skipped),
        cmocka_unit_test(empty_fields),
        cmocka_unit_test(quoted_fields),
        cmocka_unit_test(malformed_records_are_returned_with_a_reason),
        cmocka_unit_test(blank_lines_are_records_of_one_empty_field),
        cmocka_unit_test(raw_bytes_are_kept_verbatim),
        cmocka_unit_test(records_larger_than_the_buffer),
        cmocka_unit_test(an_overlong_record_is_refused_and_reading_resumes),
        cmocka_unit_test(read_errors_are_reported),
        cmocka_unit_test(a_field_ends_at_its_first_special_byte_wherever_it_falls),
        cmocka_unit_test(lines_are_counted_through_quoted_line_ends),
        cmocka_unit_test(a_record_splits_the_same_in_one_pass_or_field_by_field),
        cmocka_unit_test(a_record_says_whether_its_fields_are_its_raw_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
