/*
 * test_application_form.c - the public grant application form's checks
 * (web/application_form.h): a draft saves with fields left empty but
 * nothing malformed; sending needs every field the eligibility check reads
 * and a contact person, unless one is kept from an earlier save; each
 * error names its field once; what was typed comes back, escaped, with
 * the error summary linking to each field wrong; the round's
 * organisation types are offered as choices; the district, partnership
 * and priorities are choices of the lists given, a value not among them
 * (a crafted POST) an error of its field, the priorities ticked kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "web/application_form.h"

#define URLENC "application/x-www-form-urlencoded"

static const char full[] =
    "org_name=Safe+Homes&org_type=charity&org_id=GB-CHC-1234567&project=Outreach"
    "&amount=%C2%A39%2C500&district=Charnwood&contact_name=Jo&contact_email=jo%40example.org";

static char *districts[] = {"Blaby", "Charnwood"}, *csps[] = {"Leicestershire"};
static char *csp_codes[] = {"E22900002"}; /* SYNTHETIC */
static char *keys[] = {"m1", "m2.s1"}, *titles[] = {"Safer streets", "Victims <first>"};
static const struct fund_choices choices = {districts, csps, csp_codes, keys, titles, 2, 1, 2};

static void read_body(const char *body, bool kept, struct web_form *wf, struct application_form *f)
{
    assert_int_equal(web_form_parse(URLENC, body, strlen(body), wf), 200);
    application_form_read(wf, &choices, 1000000, kept, f);
}

static bool has_error(const struct application_form *f, const char *id)
{
    for (size_t i = 0; i < f->nerrors; i++)
        if (strcmp(f->errors[i][0], id) == 0)
            return true;
    return false;
}

static void a_draft_saves_half_done_but_well_formed(void **state)
{
    (void)state;
    struct web_form wf;
    struct application_form f;
    read_body("action=save&org_name=Safe+Homes&amount=", false, &wf, &f);
    assert_int_equal(f.nerrors, 0);
    assert_false(f.send);
    assert_int_equal(f.amount_pence, -1);
    assert_null(f.v[AF_PROJECT]);
    web_form_free(&wf);
    /* what is given must be well formed, saved or sent */
    read_body("action=save&amount=ten+pounds&contact_email=nobody&contact_phone=call+me", false,
              &wf, &f);
    assert_int_equal(f.nerrors, 3);
    assert_true(has_error(&f, "amount"));
    assert_true(has_error(&f, "contact_email"));
    assert_true(has_error(&f, "contact_phone"));
    web_form_free(&wf);
    read_body("action=save&amount=-5", false, &wf, &f);
    assert_true(has_error(&f, "amount"));
    web_form_free(&wf);
    /* over the round's largest grant: put right before it is sent */
    read_body("action=save&amount=10000.01", false, &wf, &f);
    assert_true(has_error(&f, "amount"));
    assert_int_equal(f.amount_pence, -1);
    web_form_free(&wf);
    /* a field over its length */
    char body[7000] = "action=save&project=";
    memset(body + strlen(body), 'x', APPLICATION_TEXT_MAX + 1);
    read_body(body, false, &wf, &f);
    assert_int_equal(f.nerrors, 1);
    assert_true(has_error(&f, "project"));
    web_form_free(&wf);
}

static void sending_needs_what_the_check_reads_and_a_contact(void **state)
{
    (void)state;
    struct web_form wf;
    struct application_form f;
    char body[1024];
    snprintf(body, sizeof body, "action=send&%s", full);
    read_body(body, false, &wf, &f);
    assert_int_equal(f.nerrors, 0);
    assert_true(f.send);
    assert_int_equal(f.amount_pence, 950000);
    struct fund_application a;
    application_form_to(&f, "R1", &a);
    assert_string_equal(a.round, "R1");
    assert_string_equal(a.org_id, "GB-CHC-1234567");
    assert_string_equal(a.contact_email, "jo@example.org");
    assert_null(a.contact_phone); /* not typed: what the vault holds is kept */
    web_form_free(&wf);
    /* nothing given: every needed field, and the contact, once each */
    read_body("action=send&amount=x", false, &wf, &f);
    const char *const needed[] = {"org_name", "org_type", "org_id",       "project",
                                  "amount",   "district", "contact_name", "contact_email"};
    assert_int_equal(f.nerrors, sizeof needed / sizeof needed[0]);
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        assert_true(has_error(&f, needed[i]));
    web_form_free(&wf);
    /* a contact kept from an earlier save need not be typed again; blanks are none */
    read_body("action=send&org_name=A&org_type=cic&org_id=GB-COH-01234567&project=P&amount=100"
              "&district=Blaby&contact_name=+++",
              true, &wf, &f);
    assert_int_equal(f.nerrors, 0);
    assert_null(f.v[AF_CONTACT_NAME]);
    web_form_free(&wf);
    /* a telephone number does instead of an email address */
    read_body("action=send&org_name=A&org_type=cic&org_id=GB-COH-01234567&project=P&amount=100"
              "&district=Blaby&contact_name=Jo&contact_phone=0116+222+2222",
              false, &wf, &f);
    assert_int_equal(f.nerrors, 0);
    web_form_free(&wf);
}

static void what_was_typed_comes_back_escaped(void **state)
{
    (void)state;
    struct web_form wf;
    struct application_form f;
    read_body("action=send&org_name=%3Cb%3EHomes%22&amount=lots&org_type=cic", false, &wf, &f);
    struct buf html = BUF_INIT;
    application_form_errors(&html, &f);
    application_form_fields(&html, &f, &choices, "charity,cic", 1000000, false);
    const char *s = buf_str(&html);
    assert_non_null(strstr(s, "<a href=\"#amount\">Give the amount in pounds"));
    assert_non_null(strstr(s, "value=\"&lt;b&gt;Homes&quot;\""));
    assert_null(strstr(s, "<b>"));
    assert_non_null(strstr(s, "value=\"lots\""));
    assert_non_null(strstr(s, "aria-describedby=\"amount-hint amount-error\" aria-invalid"));
    assert_non_null(strstr(s, "Up to \xc2\xa3"
                              "10,000.00."));
    /* the round's types as choices, the one given chosen */
    assert_non_null(strstr(s, "<option value=\"cic\" selected>cic</option>"));
    assert_non_null(strstr(s, "<option value=\"charity\">charity</option>"));
    buf_free(&html);
    web_form_free(&wf);
    /* a type not among the round's is kept as a choice of its own */
    read_body("org_type=%3Cparish%3E", false, &wf, &f);
    application_form_fields(&html, &f, &choices, "charity", 1000000, true);
    assert_non_null(strstr(buf_str(&html), "<option selected>&lt;parish&gt;</option>"));
    assert_non_null(strstr(buf_str(&html), "We have the contact details you gave before"));
    buf_free(&html);
    web_form_free(&wf);
}

static void areas_and_priorities_are_choices(void **state)
{
    (void)state;
    struct web_form wf;
    struct application_form f;
    read_body("action=save&district=Charnwood&csp_code=Leicestershire&priorities=m2.s1"
              "&priorities=m1&priorities=m2.s1&priorities=",
              false, &wf, &f);
    assert_int_equal(f.nerrors, 0);
    assert_string_equal(f.v[AF_PRIORITIES], "m2.s1, m1"); /* each once, as ticked */
    struct buf html = BUF_INIT;
    application_form_fields(&html, &f, &choices, "", 1000000, false);
    const char *s = buf_str(&html);
    assert_non_null(strstr(s, "<option value=\"Charnwood\" selected>Charnwood</option>"));
    assert_non_null(strstr(s, "<option value=\"Leicestershire\" selected>"));
    assert_non_null(strstr(s, "id=\"priorities\" name=\"priorities\" value=\"m1\" checked"));
    assert_non_null(strstr(s, "value=\"m2.s1\" checked> <label for=\"priorities-2\""));
    assert_non_null(strstr(s, ">Victims &lt;first&gt;</label>")); /* by its title, escaped */
    assert_null(strstr(s, "<input type=\"text\" id=\"district\""));
    buf_free(&html);
    web_form_free(&wf);
    /* a draft's priorities as the store keeps them come back ticked */
    struct application_form d = {.v[AF_PRIORITIES] = "m1, m2.s1", .amount_pence = -1};
    application_form_fields(&html, &d, &choices, "", 1000000, false);
    assert_non_null(strstr(buf_str(&html), "value=\"m1\" checked"));
    assert_non_null(strstr(buf_str(&html), "value=\"m2.s1\" checked"));
    buf_free(&html);
    /* values not in the lists (a crafted POST): each its field's error */
    read_body("action=save&district=Charnwod&csp_code=E22000001&priorities=m9"
              "&priorities=%3Cscript%3E",
              false, &wf, &f);
    assert_int_equal(f.nerrors, 3);
    assert_true(has_error(&f, "district"));
    assert_true(has_error(&f, "csp_code"));
    assert_true(has_error(&f, "priorities"));
    application_form_errors(&html, &f);
    application_form_fields(&html, &f, &choices, "", 1000000, false);
    s = buf_str(&html);
    assert_non_null(strstr(s, "<a href=\"#district\">Choose the district or borough"));
    assert_non_null(strstr(s, "<a href=\"#priorities\">Tick only the priorities listed"));
    assert_null(strstr(s, "Charnwod"));
    assert_null(strstr(s, "<script>"));
    buf_free(&html);
    web_form_free(&wf);
    /* sending without a district says to choose one */
    read_body("action=send&org_name=A&org_type=cic&org_id=GB-COH-01234567&project=P&amount=100"
              "&contact_name=Jo&contact_phone=0116+222+2222",
              false, &wf, &f);
    assert_int_equal(f.nerrors, 1);
    assert_string_equal(f.errors[0][1],
                        "Choose the district or borough the project serves from the list");
    web_form_free(&wf);
    /* no lookup loaded: the district is typed, and any district does */
    const struct fund_choices none = {0};
    const char *body = "district=Anywhere&priorities=m1";
    assert_int_equal(web_form_parse(URLENC, body, strlen(body), &wf), 200);
    application_form_read(&wf, &none, 1000000, false, &f);
    assert_int_equal(f.nerrors, 1); /* but no priority when there is none to choose */
    assert_true(has_error(&f, "priorities"));
    application_form_fields(&html, &f, &none, "", 1000000, false);
    assert_non_null(strstr(buf_str(&html), "value=\"Anywhere\""));
    buf_free(&html);
    web_form_free(&wf);
}

/* A draft saved before these were choices (or since the lookup changed)
 * holds values no longer among them: each named beside its field, not a
 * silent blank; what is still a choice stays chosen. */
static void a_drafts_values_no_longer_choices_are_named(void **state)
{
    (void)state;
    struct application_form d = {.v[AF_DISTRICT] = "Leicester <City>",
                                 .v[AF_CSP_CODE] = "Leicestershire",
                                 .v[AF_PRIORITIES] = "m1, m3;safer streets",
                                 .amount_pence = -1};
    struct buf html = BUF_INIT;
    application_form_fields(&html, &d, &choices, "", 1000000, false);
    const char *s = buf_str(&html);
    assert_non_null(strstr(s, "<span class=\"field-error\" id=\"district-stale\">Your saved "
                              "application says \xe2\x80\x9cLeicester &lt;City&gt;\xe2\x80\x9d, "
                              "which is no longer one of the choices: choose again.</span>\n"
                              "<select id=\"district\" name=\"district\" "
                              "aria-describedby=\"district-stale\">"));
    assert_null(strstr(s, "value=\"Blaby\" selected")); /* the stale value is not kept */
    assert_null(strstr(s, "value=\"Charnwood\" selected"));
    assert_null(strstr(s, "csp_code-stale")); /* still a choice: chosen, no note */
    assert_non_null(strstr(s, "<option value=\"Leicestershire\" selected>"));
    assert_non_null(strstr(s, "id=\"priorities-stale\">Your saved application says "
                              "\xe2\x80\x9cm3, safer streets\xe2\x80\x9d, which is no longer one "
                              "of the choices: tick the priorities again."));
    assert_non_null(strstr(s, "value=\"m1\" checked aria-describedby=\"priorities-hint "
                              "priorities-stale\""));
    buf_free(&html);
    /* every value a choice: no note */
    struct application_form ok = {
        .v[AF_DISTRICT] = "Blaby", .v[AF_PRIORITIES] = "m2.s1", .amount_pence = -1};
    application_form_fields(&html, &ok, &choices, "", 1000000, false);
    assert_null(strstr(buf_str(&html), "-stale"));
    buf_free(&html);
}

/* The partnerships are offered and shown by name; a draft stored with a
 * partnership's code (as the demo's lookup once gave them) still chooses
 * it, and a submitted code is one of the choices; another code is not. */
static void a_partnership_by_its_code_is_its_name(void **state)
{
    (void)state;
    struct application_form d = {.v[AF_CSP_CODE] = "E22900002", .amount_pence = -1};
    struct buf html = BUF_INIT;
    application_form_fields(&html, &d, &choices, "", 1000000, false);
    const char *s = buf_str(&html);
    assert_non_null(strstr(s, "<option value=\"Leicestershire\" selected>Leicestershire</option>"));
    assert_null(strstr(s, ">E22900002<"));
    assert_null(strstr(s, "csp_code-stale"));
    buf_free(&html);
    struct web_form wf;
    struct application_form f;
    read_body("action=save&csp_code=E22900002", false, &wf, &f);
    assert_false(has_error(&f, "csp_code"));
    web_form_free(&wf);
    read_body("action=save&csp_code=E22900009", false, &wf, &f);
    assert_true(has_error(&f, "csp_code"));
    web_form_free(&wf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_draft_saves_half_done_but_well_formed),
        cmocka_unit_test(sending_needs_what_the_check_reads_and_a_contact),
        cmocka_unit_test(what_was_typed_comes_back_escaped),
        cmocka_unit_test(areas_and_priorities_are_choices),
        cmocka_unit_test(a_drafts_values_no_longer_choices_are_named),
        cmocka_unit_test(a_partnership_by_its_code_is_its_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
