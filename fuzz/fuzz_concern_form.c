/*
 * fuzz_concern_form.c - libFuzzer target for the public concerns form
 * (src/web/concern_form.c, over src/web/form.c): what a stranger may POST
 * to /concerns, the one public page that writes.
 *
 * The input is a url-encoded body: any bytes.
 *
 * The oracle:
 *   - at most CONCERN_FORM_ERRORS errors, each naming one of the form's
 *     fields;
 *   - a form with no error has a route, a name of at most 200 bytes, an
 *     email address (with '@') or a telephone number, a description of at
 *     most CONCERN_TEXT_MAX bytes, and an outcome date only for a review,
 *     not after the day given;
 *   - written back, the values add no markup: the HTML has as many '<' and
 *     '>' as the same form written with every value empty, and two more '"'
 *     for each input given a value (its value="..." attribute): so every
 *     value came back escaped.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   make -C build-fuzz fuzz_concern_form
 *   build-fuzz/fuzz/fuzz_concern_form -max_total_time=60 /tmp/fcf fuzz/corpus/concern_form
 */
#include "fuzz_check.h"
#include "model/calendar.h"
#include "util/buf.h"
#include "web/concern_form.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool field_known(const char *id)
{
    static const char *const ids[] = {"about", "outcome", "name",   "email",
                                      "phone", "address", "details"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(id, ids[i]) == 0)
            return true;
    return false;
}

static void check_accepted(const struct concern_form *f, const struct concern_route *r, int outcome,
                           int today)
{
    CHECK(r != NULL);
    CHECK(f->name && strlen(f->name) <= 200);
    CHECK(f->email || f->phone);
    CHECK(!f->email || strchr(f->email, '@'));
    CHECK(f->details && strlen(f->details) <= CONCERN_TEXT_MAX);
    CHECK((outcome != DATE_NONE) == (f->outcome != NULL));
    CHECK(outcome == DATE_NONE || (r->kind == CONCERN_REVIEW && outcome <= today));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct web_form wf;
    int today; /* a fixed day, so that a run is repeatable */
    CHECK(date_from_ymd(2026, 5, 26, &today));
    if (web_form_parse("application/x-www-form-urlencoded", (const char *)data, size, &wf) != 200) {
        web_form_free(&wf);
        return 0;
    }
    struct concern_form f;
    int outcome;
    const struct concern_route *r = concern_form_read(&wf, today, &f, &outcome);
    CHECK(f.nerrors <= CONCERN_FORM_ERRORS);
    for (size_t i = 0; i < f.nerrors; i++)
        CHECK(field_known(f.errors[i][0]) && f.errors[i][1] && *f.errors[i][1]);
    if (!f.nerrors)
        check_accepted(&f, r, outcome, today);
    struct buf html = BUF_INIT, bare = BUF_INIT;
    concern_form_errors(&html, &f);
    concern_form_fields(&html, &f);
    struct concern_form empty = f;
    empty.outcome = empty.name = empty.email = empty.phone = empty.address = empty.details = NULL;
    concern_form_errors(&bare, &empty);
    concern_form_fields(&bare, &empty);
    /* a value adds ' value=""' to an input: two '"' per non-empty input */
    size_t inputs = (f.outcome != NULL) + (f.name != NULL) + (f.email != NULL) + (f.phone != NULL) +
                    (f.address != NULL);
    fuzz_check_escaped(html.p, html.len, bare.p, bare.len, inputs);
    buf_free(&html);
    buf_free(&bare);
    web_form_free(&wf);
    return 0;
}
