/*
 * test_form.c - form bodies (web/form.h): url-encoded and multipart
 * fields found with their values, line ends made "\n", files kept byte
 * for byte, and every malformed or oversized body refused with why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/form.h"

#define URLENC "application/x-www-form-urlencoded"

static int parse(const char *type, const char *body, size_t n, struct web_form *f)
{
    return web_form_parse(type, body, n, f);
}

static void urlencoded_fields(void **state)
{
    (void)state;
    struct web_form f;
    const char body[] = "csrf=ab12&title=Body+worn+video+%C2%A3328%2C075&reasons=one%0D%0Atwo"
                        "&empty=&bare&&x=%2B";
    assert_int_equal(parse(URLENC "; charset=UTF-8", body, strlen(body), &f), 200);
    assert_string_equal(web_form_value(&f, "csrf"), "ab12");
    assert_string_equal(web_form_value(&f, "title"), "Body worn video \xc2\xa3"
                                                     "328,075");
    assert_string_equal(web_form_value(&f, "reasons"), "one\ntwo");
    assert_string_equal(web_form_value(&f, "empty"), "");
    assert_string_equal(web_form_value(&f, "bare"), "");
    assert_string_equal(web_form_value(&f, "x"), "+");
    assert_null(web_form_value(&f, "missing"));
    assert_int_equal(f.n, 6);
    web_form_free(&f);
}

static void urlencoded_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *body;
        int status;
    } cases[] = {
        {"a=%zz", 400},     /* malformed escape */
        {"a=%4", 400},      /* cut short */
        {"a=%00", 400},     /* a NUL */
        {"a=%1B[31m", 400}, /* an escape character */
        {"a=%C3%28", 400},  /* not UTF-8 */
        {"Title=x", 400},   /* not a name this site uses */
        {"=x", 400},        /* no name */
        {"a%3Cb=x", 400},   /* nor this */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct web_form f;
        int got = parse(URLENC, cases[i].body, strlen(cases[i].body), &f);
        if (got != cases[i].status)
            fail_msg("%s: %d, not %d", cases[i].body, got, cases[i].status);
        assert_non_null(f.error);
        web_form_free(&f);
    }
    struct web_form f;
    assert_int_equal(parse(NULL, "a=1", 3, &f), 415);
    web_form_free(&f);
    assert_int_equal(parse("text/plain", "a=1", 3, &f), 415);
    web_form_free(&f);
    assert_int_equal(parse("application/x-www-form-urlencodedX", "a=1", 3, &f), 415);
    web_form_free(&f);
}

static void too_many_fields(void **state)
{
    (void)state;
    char body[1024] = "";
    for (int i = 0; i <= WEB_FORM_MAX_FIELDS; i++)
        strcat(body, "a=1&");
    struct web_form f;
    assert_int_equal(parse(URLENC, body, strlen(body), &f), 400);
    assert_non_null(strstr(f.error, "64"));
    web_form_free(&f);
    body[4 * WEB_FORM_MAX_FIELDS] = '\0'; /* exactly 64 */
    assert_int_equal(parse(URLENC, body, strlen(body), &f), 200);
    assert_int_equal(f.n, WEB_FORM_MAX_FIELDS);
    web_form_free(&f);
}

#define MP "multipart/form-data; boundary=----peelB0undary"

static void multipart_fields_and_file(void **state)
{
    (void)state;
    static const char body[] =
        "------peelB0undary\r\n"
        "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
        "tok\r\n"
        "------peelB0undary\r\n"
        "Content-Disposition: form-data; filename=\"a.txt\"; name=\"notes\"\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "line one\r\n------peelB0undar not the end\r\nline\x00two\r\n"
        "------peelB0undary\r\n"
        "content-disposition: form-data; name=\"summary\"\r\n\r\n"
        "one\r\ntwo\r\n"
        "------peelB0undary--\r\nepilogue";
    size_t n = sizeof body - 1;
    struct web_form f;
    assert_int_equal(parse(MP, body, n, &f), 200);
    assert_int_equal(f.n, 3);
    assert_string_equal(web_form_value(&f, "csrf"), "tok");
    assert_string_equal(web_form_value(&f, "summary"), "one\ntwo");
    assert_null(web_form_value(&f, "notes")); /* a file, not a text field */
    const struct web_field *file = web_form_file(&f, "notes");
    assert_non_null(file);
    assert_string_equal(file->filename, "a.txt"); /* not found inside "filename" as name */
    static const char want[] = "line one\r\n------peelB0undar not the end\r\nline\x00two";
    assert_int_equal(file->len, sizeof want - 1);
    assert_memory_equal(file->value, want, sizeof want - 1); /* bytes as sent */
    web_form_free(&f);
}

static void multipart_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *type, *body;
    } cases[] = {
        {"multipart/form-data", "--x\r\n\r\n--x--"},  /* no boundary */
        {"multipart/form-data; boundary=", "--\r\n"}, /* empty one */
        {MP, "no boundary first"},                    /* no start */
        {MP, "------peelB0undary\r\nContent-Disposition: form-data; "
             "name=\"a\"\r\n\r\nnever closed"}, /* no end */
        {MP, "------peelB0undary\r\nContent-Type: text/plain\r\n\r\nx\r\n"
             "------peelB0undary--"}, /* no name */
        {MP, "------peelB0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n"
             "x\r\n------peelB0undary--"}, /* no blank line */
        {MP, "------peelB0undaryXX"},      /* junk after */
        {MP, "------peelB0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
             "\x01\r\n------peelB0undary--"}, /* control char */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct web_form f;
        int got = parse(cases[i].type, cases[i].body, strlen(cases[i].body), &f);
        if (got != 400)
            fail_msg("case %zu: %d, not 400", i, got);
        assert_non_null(f.error);
        web_form_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(urlencoded_fields),  cmocka_unit_test(urlencoded_refusals),
        cmocka_unit_test(too_many_fields),    cmocka_unit_test(multipart_fields_and_file),
        cmocka_unit_test(multipart_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
