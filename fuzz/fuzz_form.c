/*
 * fuzz_form.c - libFuzzer target for the staff side's form bodies
 * (src/web/form.c): url-encoded and multipart/form-data, what a stranger
 * can POST to /staff before any session or token is checked.
 *
 * The input is a Content-Type line, a newline, then the body: any bytes.
 *
 * The oracle:
 *   - the status is 200, 400 or 415, and a refusal says why;
 *   - an accepted form has at most WEB_FORM_MAX_FIELDS fields; every name
 *     is 1 to WEB_FORM_MAX_NAME bytes of [a-z0-9_-]; every string lies in
 *     the form's own buffer, NUL-terminated at its length; a text field is
 *     UTF-8 with no control character but tab and newline (no '\r': line
 *     ends are made "\n"); a file field has a filename;
 *   - round trip: an accepted url-encoded form's text fields, encoded
 *     again and re-parsed, give the same fields.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   make -C build-fuzz fuzz_form
 *   build-fuzz/fuzz/fuzz_form -max_total_time=60 /tmp/fuzzform fuzz/corpus/form
 */
#include "fuzz_check.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/form.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const struct web_form *f, const struct web_field *x, size_t cap)
{
    size_t n = strlen(x->name);
    CHECK(n >= 1 && n <= WEB_FORM_MAX_NAME);
    CHECK(strspn(x->name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n);
    CHECK(x->value >= f->text && x->value + x->len < f->text + cap);
    CHECK(x->value[x->len] == '\0');
    if (x->filename)
        return;
    CHECK(strlen(x->value) == x->len);
    long line, column;
    CHECK(utf8_valid(x->value, x->len, &line, &column));
    for (size_t i = 0; i < x->len; i++) {
        unsigned char c = (unsigned char)x->value[i];
        CHECK((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n');
    }
}

static void encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

/* The text fields again, encoded and parsed: the same fields. */
static void round_trip(const struct web_form *f)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < f->n; i++) {
        buf_puts(&b, i ? "&" : "");
        encode(&b, f->fields[i].name);
        buf_putc(&b, '=');
        encode(&b, f->fields[i].value);
    }
    struct web_form g;
    CHECK(web_form_parse("application/x-www-form-urlencoded", b.p ? b.p : "", b.len, &g) == 200);
    CHECK(g.n == f->n);
    for (size_t i = 0; i < f->n; i++) {
        CHECK(strcmp(g.fields[i].name, f->fields[i].name) == 0);
        CHECK(strcmp(g.fields[i].value, f->fields[i].value) == 0);
    }
    web_form_free(&g);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    if (!nl || nl - in > 200)
        return 0;
    char type[201];
    memcpy(type, in, (size_t)(nl - in));
    type[nl - in] = '\0';
    const char *body = nl + 1;
    size_t n = size - (size_t)(body - in);
    struct web_form f;
    int status = web_form_parse(strlen(type) == (size_t)(nl - in) ? type : NULL, body, n, &f);
    CHECK(status == 200 || status == 400 || status == 415);
    CHECK((status == 200) == (f.error == NULL));
    if (status == 200) {
        CHECK(f.n <= WEB_FORM_MAX_FIELDS);
        size_t cap = n + 3 * (WEB_FORM_MAX_FIELDS + 1) + 1;
        bool files = false;
        for (size_t i = 0; i < f.n; i++) {
            check_field(&f, &f.fields[i], cap);
            files |= f.fields[i].filename != NULL;
        }
        if (!files && strncmp(type, "application/x-www-form-urlencoded", 33) == 0)
            round_trip(&f);
    }
    web_form_free(&f);
    return 0;
}
