/*
 * application_form.c - the public grant application form's fields: read
 * and checked, and written back with their errors (see
 * application_form.h).
 */
#include "web/application_form.h"
#include "model/money.h"
#include "util/html.h"
#include "web/form_html.h"

#include <string.h>

/* Each field: its id, how it is typed, its label, hint (HTML) and extra
 * attributes, its largest length, whether sending needs it, and the one
 * message for it missing or wrong. */
static const struct field {
    const char *id, *type, *label, *hint, *extra;
    size_t max;
    bool needed;
    const char *message;
} fields[AF_FIELDS] = {
    [AF_ORG_NAME] = {"org_name", "text", "Your organisation's name", NULL,
                     "autocomplete=\"organization\" maxlength=\"200\"", 200, true,
                     "Give your organisation's name (at most 200 characters)"},
    [AF_ORG_TYPE] = {"org_type", "text", "What kind of organisation it is",
                     "For example charity, cio, cic, company or community-group.",
                     "maxlength=\"40\"", 40, true,
                     "Choose what kind of organisation it is (at most 40 characters)"},
    [AF_ORG_ID] = {"org_id", "text", "Its registered number, as an organisation identifier",
                   "GB-CHC- and the charity number (GB-CHC-1234567), GB-COH- and the company "
                   "number (GB-COH-01234567), or another scheme of org-id.guide.",
                   "maxlength=\"60\" spellcheck=\"false\" autocapitalize=\"characters\"", 60, true,
                   "Give the registered number, such as GB-CHC-1234567 (at most 60 characters)"},
    [AF_PROJECT] = {"project", "textarea", "Your project",
                    "What you will do, for whom, where and when.", "maxlength=\"5000\"",
                    APPLICATION_TEXT_MAX, true, "Describe your project (at most 5,000 characters)"},
    [AF_AMOUNT] = {"amount", "text", "The amount you are asking for, in pounds", NULL,
                   "inputmode=\"decimal\" maxlength=\"20\"", 20, true,
                   "Give the amount in pounds, at most the round's largest grant, for "
                   "example 9,500"},
    [AF_DISTRICT] = {"district", "text", "The district or borough the project serves", NULL,
                     "maxlength=\"100\"", 100, true,
                     "Give the district the project serves (at most 100 characters)"},
    [AF_CSP_CODE] = {"csp_code", "text", "Its community safety partnership's code (optional)",
                     "Leave this empty if you do not know it.", "maxlength=\"20\"", 20, false,
                     "The partnership code is at most 20 characters"},
    [AF_PRIORITIES] = {"priorities", "textarea",
                       "Which of the Commissioner's priorities it serves, and how", NULL,
                       "maxlength=\"5000\"", APPLICATION_TEXT_MAX, false,
                       "Say which priorities it serves in at most 5,000 characters"},
    [AF_OUTCOMES] = {"outcomes", "textarea", "The outcomes you expect",
                     "What will be different, for whom, and how you will know.",
                     "maxlength=\"5000\"", APPLICATION_TEXT_MAX, false,
                     "Say what outcomes you expect in at most 5,000 characters"},
    [AF_BUDGET_LINES] = {"budget_lines", "textarea", "How the money will be spent",
                         "One line for each cost: what it is and how much.", "maxlength=\"5000\"",
                         APPLICATION_TEXT_MAX, false, "Give the costs in at most 5,000 characters"},
    [AF_CONTACT_NAME] = {"contact_name", "text", "Your name", NULL,
                         "autocomplete=\"name\" maxlength=\"200\"", 200, false,
                         "Give the name of the person we should contact (at most 200 "
                         "characters)"},
    [AF_CONTACT_EMAIL] = {"contact_email", "email", "Your email address",
                          "Give an email address or a telephone number, so that we can "
                          "reply.",
                          "autocomplete=\"email\" maxlength=\"254\" spellcheck=\"false\"", 254,
                          false, "Give an email address like name@example.org"},
    [AF_CONTACT_PHONE] = {"contact_phone", "tel", "Your telephone number", NULL,
                          "autocomplete=\"tel\" maxlength=\"40\"", 40, false,
                          "Give a telephone number of digits, spaces and + ( ) -"},
};

const char *application_field_id(enum application_field i)
{
    return fields[i].id;
}

static const char *field_error(const struct application_form *f, enum application_field i)
{
    for (size_t k = 0; k < f->nerrors; k++)
        if (f->errors[k][0] == fields[i].id)
            return f->errors[k][1];
    return NULL;
}

/* One message a field: there are as many places as fields. */
static void error(struct application_form *f, enum application_field i)
{
    if (field_error(f, i) || f->nerrors >= APPLICATION_FORM_ERRORS)
        return;
    f->errors[f->nerrors][0] = fields[i].id;
    f->errors[f->nerrors][1] = fields[i].message;
    f->nerrors++;
}

/* What is given must be well formed, whether saved or sent. */
static void check_given(struct application_form *f)
{
    for (int i = 0; i < AF_FIELDS; i++)
        if (f->v[i] && strlen(f->v[i]) > fields[i].max)
            error(f, (enum application_field)i);
    f->amount_pence = -1;
    int64_t pence;
    if (f->v[AF_AMOUNT] && money_parse(f->v[AF_AMOUNT], &pence) && pence > 0)
        f->amount_pence = pence;
    else if (f->v[AF_AMOUNT])
        error(f, AF_AMOUNT);
    if (f->v[AF_CONTACT_EMAIL] && !form_email_ok(f->v[AF_CONTACT_EMAIL]))
        error(f, AF_CONTACT_EMAIL);
    if (f->v[AF_CONTACT_PHONE] && !form_phone_ok(f->v[AF_CONTACT_PHONE]))
        error(f, AF_CONTACT_PHONE);
}

/* Sending needs what the eligibility check reads, and someone to reply to. */
static void check_sent(struct application_form *f, bool contact_kept)
{
    for (int i = 0; i < AF_FIELDS; i++)
        if (fields[i].needed && !f->v[i])
            error(f, (enum application_field)i);
    if (contact_kept)
        return;
    if (!f->v[AF_CONTACT_NAME])
        error(f, AF_CONTACT_NAME);
    if (!f->v[AF_CONTACT_EMAIL] && !f->v[AF_CONTACT_PHONE])
        error(f, AF_CONTACT_EMAIL);
}

void application_form_read(const struct web_form *wf, int64_t max_pence, bool contact_kept,
                           struct application_form *f)
{
    *f = (struct application_form){0};
    for (int i = 0; i < AF_FIELDS; i++)
        f->v[i] = form_html_value(wf, fields[i].id);
    const char *action = web_form_value(wf, "action");
    f->send = action && strcmp(action, "send") == 0;
    check_given(f);
    if (f->amount_pence > max_pence) {
        f->amount_pence = -1;
        error(f, AF_AMOUNT);
    }
    if (f->send)
        check_sent(f, contact_kept);
}

void application_form_to(const struct application_form *f, const char *round,
                         struct fund_application *a)
{
    *a = (struct fund_application){
        .round = round,
        .org_name = f->v[AF_ORG_NAME],
        .org_type = f->v[AF_ORG_TYPE],
        .org_id = f->v[AF_ORG_ID],
        .project = f->v[AF_PROJECT],
        .amount_pence = f->amount_pence < 0 ? 0 : f->amount_pence,
        .district = f->v[AF_DISTRICT],
        .csp_code = f->v[AF_CSP_CODE],
        .priorities = f->v[AF_PRIORITIES],
        .outcomes = f->v[AF_OUTCOMES],
        .budget_lines = f->v[AF_BUDGET_LINES],
        .contact_name = f->v[AF_CONTACT_NAME],
        .contact_email = f->v[AF_CONTACT_EMAIL],
        .contact_phone = f->v[AF_CONTACT_PHONE],
    };
}

void application_form_errors(struct buf *b, const struct application_form *f)
{
    form_html_errors(b, f->errors, f->nerrors);
}

/* The round's organisation types as choices, the one given chosen (kept
 * as a choice of its own when it is not one of them). */
static void type_choices(struct buf *b, const struct application_form *f, const char *types)
{
    const char *given = f->v[AF_ORG_TYPE], *e = field_error(f, AF_ORG_TYPE);
    bool listed = false;
    buf_puts(b, "<p><label for=\"org_type\">");
    html_escape(b, fields[AF_ORG_TYPE].label);
    buf_puts(b, "</label>\n");
    if (e)
        buf_printf(b, "<span class=\"field-error\" id=\"org_type-error\">%s</span>\n", e);
    buf_printf(b,
               "<select id=\"org_type\" name=\"org_type\"%s>\n<option value=\"\">Choose"
               "</option>\n",
               e ? " aria-describedby=\"org_type-error\" aria-invalid=\"true\"" : "");
    for (const char *p = types; *p;) {
        size_t n = strcspn(p, ",");
        bool chosen = given && strlen(given) == n && strncmp(given, p, n) == 0;
        listed = listed || chosen;
        buf_puts(b, "<option value=\"");
        html_printf(b, "%.*s", (int)n, p);
        buf_puts(b, chosen ? "\" selected>" : "\">");
        html_printf(b, "%.*s", (int)n, p);
        buf_puts(b, "</option>\n");
        p += n + (p[n] == ',');
    }
    if (given && !listed) {
        buf_puts(b, "<option selected>");
        html_escape(b, given);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></p>\n");
}

static void field(struct buf *b, const struct application_form *f, enum application_field i,
                  const char *hint)
{
    struct form_input in = {fields[i].id,      fields[i].type, fields[i].label, hint,
                            field_error(f, i), f->v[i],        fields[i].extra};
    form_html_input(b, &in);
}

void application_form_fields(struct buf *b, const struct application_form *f, const char *types,
                             int64_t max_pence, bool contact_kept)
{
    buf_puts(b, "<fieldset><legend>Your organisation</legend>\n");
    field(b, f, AF_ORG_NAME, NULL);
    if (types && *types)
        type_choices(b, f, types);
    else
        field(b, f, AF_ORG_TYPE, fields[AF_ORG_TYPE].hint);
    field(b, f, AF_ORG_ID, fields[AF_ORG_ID].hint);
    buf_puts(b, "</fieldset>\n<fieldset><legend>Your project</legend>\n");
    char max[MONEY_TEXT_SIZE];
    money_format(max_pence, true, max);
    struct buf hint = BUF_INIT;
    buf_printf(&hint, "Up to %s.", max);
    for (int i = AF_PROJECT; i <= AF_BUDGET_LINES; i++)
        field(b, f, (enum application_field)i, i == AF_AMOUNT ? buf_str(&hint) : fields[i].hint);
    buf_free(&hint);
    buf_puts(b, "</fieldset>\n<fieldset><legend>Who we should contact</legend>\n");
    if (contact_kept)
        buf_puts(b, "<p class=\"hint\">We have the contact details you gave before. We do not "
                    "show them again here: leave these empty to keep them, or type new "
                    "ones.</p>\n");
    for (int i = AF_CONTACT_NAME; i <= AF_CONTACT_PHONE; i++)
        field(b, f, (enum application_field)i, fields[i].hint);
    buf_puts(b, "</fieldset>\n");
}
