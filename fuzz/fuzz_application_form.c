/*
 * fuzz_application_form.c - libFuzzer target for the public grant
 * application form (src/web/application_form.c, over src/web/form.c and
 * src/web/form_html.c): what a stranger may POST to /grants/apply/ROUND
 * and /grants/application/REF.
 *
 * The input is a url-encoded body: any bytes. Its first byte, if any,
 * chooses whether a contact person is kept from an earlier save; its
 * second whether there are lists to choose the district, partnership and
 * priorities from (two districts, a partnership and two priorities, one
 * title with markup) or none (the district and partnership text boxes).
 *
 * The oracle:
 *   - at most APPLICATION_FORM_ERRORS errors, each naming one of the
 *     form's fields, and no field twice;
 *   - with lists, a form with no error has a district and partnership
 *     among them (or none) and each priority one of their keys;
 *   - every value given is within its field's length, and a form with no
 *     error has an amount (in pence, above nothing and at most the
 *     round's largest grant) exactly when it was given one; a form sent
 *     with no error has every field the eligibility check reads and,
 *     unless one is kept, a contact name and an email address (with '@')
 *     or a telephone number;
 *   - written back (with no organisation types, so that every field is an
 *     input or a textarea), the values add no markup: the HTML has as many
 *     '<' and '>' as the same form written with every value empty, and two
 *     more '"' for each input (not textarea, select or checkbox) given a
 *     value: so every value came back escaped.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   make -C build-fuzz fuzz_application_form
 *   build-fuzz/fuzz/fuzz_application_form -max_total_time=60 /tmp/faf fuzz/corpus/application_form
 */
#include "fuzz_check.h"
#include "util/buf.h"
#include "web/application_form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int field_of(const char *id)
{
    for (int i = 0; i < AF_FIELDS; i++)
        if (strcmp(id, application_field_id((enum application_field)i)) == 0)
            return i;
    return -1;
}

static char *districts[] = {"Charnwood", "Melton"}, *csps[] = {"Leicestershire"};
static char *csp_codes[] = {"E22900002"}; /* SYNTHETIC */
static char *keys[] = {"m1", "m2.s1"}, *titles[] = {"Safer <streets>", "Victims & \"care\""};
static const struct fund_choices lists = {districts, csps, csp_codes, keys, titles, 2, 1, 2},
                                 none = {0};

/* A field whose value adds no quotes when written back. */
static bool unquoted(int i, const struct fund_choices *c)
{
    return i == AF_PROJECT || i == AF_PRIORITIES || i == AF_OUTCOMES || i == AF_BUDGET_LINES ||
           (i == AF_DISTRICT && c->ndistricts) || (i == AF_CSP_CODE && c->ncsps);
}

static bool among(const char *v, char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, list[i]) == 0)
            return true;
    return false;
}

/* Each of "m1, m2.s1" one of c's keys. */
static void check_priorities(const char *v, const struct fund_choices *c)
{
    char copy[APPLICATION_PRIORITIES];
    CHECK(strlen(v) < sizeof copy);
    strcpy(copy, v);
    for (char *save = NULL, *k = strtok_r(copy, ", ", &save); k; k = strtok_r(NULL, ", ", &save))
        CHECK(among(k, c->keys, c->npriorities));
}

static void check_errors(const struct application_form *f)
{
    bool seen[AF_FIELDS] = {false};
    CHECK(f->nerrors <= APPLICATION_FORM_ERRORS);
    for (size_t i = 0; i < f->nerrors; i++) {
        int k = field_of(f->errors[i][0]);
        CHECK(k >= 0 && !seen[k] && f->errors[i][1] && *f->errors[i][1]);
        seen[k] = true;
    }
}

static void check_accepted(const struct application_form *f, const struct fund_choices *c,
                           bool kept)
{
    if (f->v[AF_DISTRICT] && c->ndistricts)
        CHECK(among(f->v[AF_DISTRICT], c->districts, c->ndistricts));
    if (f->v[AF_CSP_CODE] && c->ncsps)
        CHECK(among(f->v[AF_CSP_CODE], c->csps, c->ncsps));
    if (f->v[AF_PRIORITIES])
        check_priorities(f->v[AF_PRIORITIES], c);
    for (int i = 0; i < AF_FIELDS; i++)
        CHECK(!f->v[i] || strlen(f->v[i]) <= APPLICATION_TEXT_MAX);
    CHECK((f->amount_pence > 0) == (f->v[AF_AMOUNT] != NULL));
    CHECK(f->amount_pence <= 1000000);
    CHECK(!f->v[AF_CONTACT_EMAIL] || strchr(f->v[AF_CONTACT_EMAIL], '@'));
    if (!f->send)
        return;
    for (int i = AF_ORG_NAME; i <= AF_DISTRICT; i++)
        CHECK(f->v[i] != NULL);
    CHECK(kept || (f->v[AF_CONTACT_NAME] && (f->v[AF_CONTACT_EMAIL] || f->v[AF_CONTACT_PHONE])));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool kept = size > 0 && (data[0] & 1);
    const struct fund_choices *c = size > 1 && (data[1] & 1) ? &none : &lists;
    struct web_form wf;
    if (web_form_parse("application/x-www-form-urlencoded", (const char *)data, size, &wf) != 200) {
        web_form_free(&wf);
        return 0;
    }
    struct application_form f;
    application_form_read(&wf, c, 1000000, kept, &f);
    check_errors(&f);
    if (!f.nerrors)
        check_accepted(&f, c, kept);
    struct buf html = BUF_INIT, bare = BUF_INIT;
    application_form_errors(&html, &f);
    application_form_fields(&html, &f, c, "", 1000000, kept);
    struct application_form empty = f;
    size_t inputs = 0;
    for (int i = 0; i < AF_FIELDS; i++) {
        inputs += f.v[i] && !unquoted(i, c);
        empty.v[i] = NULL;
    }
    application_form_errors(&bare, &empty);
    application_form_fields(&bare, &empty, c, "", 1000000, kept);
    fuzz_check_escaped(html.p, html.len, bare.p, bare.len, inputs);
    buf_free(&html);
    buf_free(&bare);
    web_form_free(&wf);
    return 0;
}
