/*
 * application_form.c - the public grant application form's fields: read
 * and checked, and written back with their errors (see
 * application_form.h).
 */
#include "web/application_form.h"
#include "model/money.h"
#include "util/html.h"
#include "web/form_html.h"

#include <stdio.h>
#include <string.h>

/* Each field: its id, how it is typed, its label, hint (HTML) and extra
 * attributes, its largest length, whether sending needs it, and the one
 * message for it missing or wrong (chosen_message: when it is a choice). */
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
    [AF_CSP_CODE] = {"csp_code", "text", "Its community safety partnership (optional)",
                     "Leave this empty if you do not know it.", "maxlength=\"20\"", 20, false,
                     "The partnership code is at most 20 characters"},
    [AF_PRIORITIES] = {"priorities", "checkbox", "Which of the Commissioner's priorities it serves",
                       "Tick each that your project serves.", NULL, APPLICATION_PRIORITIES - 1,
                       false, "Tick only the priorities listed"},
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

/* The message of a field that is a choice, given what is not among them. */
static const char *const chosen_message[AF_FIELDS] = {
    [AF_DISTRICT] = "Choose the district or borough the project serves from the list",
    [AF_CSP_CODE] = "Choose the community safety partnership from the list, or leave it empty",
    [AF_PRIORITIES] = "Tick only the priorities listed",
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
static void error_say(struct application_form *f, enum application_field i, const char *message)
{
    if (field_error(f, i) || f->nerrors >= APPLICATION_FORM_ERRORS)
        return;
    f->errors[f->nerrors][0] = fields[i].id;
    f->errors[f->nerrors][1] = message;
    f->nerrors++;
}

static void error(struct application_form *f, enum application_field i)
{
    error_say(f, i, fields[i].message);
}

static bool listed(const char *word, char *const *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(word, v[k]) == 0)
            return true;
    return false;
}

/* The district and the partnership, when there are lists, among them. */
static void check_chosen(struct application_form *f, const struct fund_choices *c)
{
    if (f->v[AF_DISTRICT] && c->ndistricts &&
        !listed(f->v[AF_DISTRICT], c->districts, c->ndistricts))
        error_say(f, AF_DISTRICT, chosen_message[AF_DISTRICT]);
    if (f->v[AF_CSP_CODE] && c->ncsps && !fund_choices_csp(c, f->v[AF_CSP_CODE]))
        error_say(f, AF_CSP_CODE, chosen_message[AF_CSP_CODE]);
}

/* The priorities ticked, each once, joined by ", " into f->priorities:
 * each must be one of c's keys. */
static void read_priorities(const struct web_form *wf, const struct fund_choices *c,
                            struct application_form *f)
{
    struct buf joined = BUF_INIT;
    bool bad = false;
    for (size_t i = 0; i < wf->n; i++) {
        const struct web_field *w = &wf->fields[i];
        if (w->filename || strcmp(w->name, fields[AF_PRIORITIES].id) != 0 || !*w->value)
            continue;
        if (!listed(w->value, c->keys, c->npriorities)) {
            bad = true;
            continue;
        }
        bool again = false; /* ticked twice (a crafted POST): counted once */
        for (size_t k = 0; k < i; k++)
            again = again || (!wf->fields[k].filename && strcmp(wf->fields[k].name, w->name) == 0 &&
                              strcmp(wf->fields[k].value, w->value) == 0);
        if (!again)
            buf_printf(&joined, "%s%s", joined.len ? ", " : "", w->value);
    }
    if (joined.len < sizeof f->priorities)
        snprintf(f->priorities, sizeof f->priorities, "%s", buf_str(&joined));
    else
        bad = true;
    f->v[AF_PRIORITIES] = *f->priorities ? f->priorities : NULL;
    if (bad)
        error_say(f, AF_PRIORITIES, chosen_message[AF_PRIORITIES]);
    buf_free(&joined);
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
static void check_sent(struct application_form *f, const struct fund_choices *c, bool contact_kept)
{
    for (int i = 0; i < AF_FIELDS; i++)
        if (fields[i].needed && !f->v[i])
            error_say(f, (enum application_field)i,
                      i == AF_DISTRICT && c->ndistricts ? chosen_message[i] : fields[i].message);
    if (contact_kept)
        return;
    if (!f->v[AF_CONTACT_NAME])
        error(f, AF_CONTACT_NAME);
    if (!f->v[AF_CONTACT_EMAIL] && !f->v[AF_CONTACT_PHONE])
        error(f, AF_CONTACT_EMAIL);
}

void application_form_read(const struct web_form *wf, const struct fund_choices *c,
                           int64_t max_pence, bool contact_kept, struct application_form *f)
{
    *f = (struct application_form){0};
    for (int i = 0; i < AF_FIELDS; i++)
        if (i != AF_PRIORITIES)
            f->v[i] = form_html_value(wf, fields[i].id);
    const char *action = web_form_value(wf, "action");
    f->send = action && strcmp(action, "send") == 0;
    check_chosen(f, c);
    read_priorities(wf, c, f);
    check_given(f);
    if (f->amount_pence > max_pence) {
        f->amount_pence = -1;
        error(f, AF_AMOUNT);
    }
    if (f->send)
        check_sent(f, c, contact_kept);
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

/* A saved draft's value (what, as stored) that is no longer among the
 * choices (the draft was saved before they were choices, or the lookup or
 * the round changed since): said beside the field with the value, so that
 * the applicant chooses again rather than finding the field silently
 * blank. Its id is the field's id and "-stale". */
static void stale_note(struct buf *b, const char *id, const char *what, const char *again)
{
    buf_printf(b, "<span class=\"field-error\" id=\"%s-stale\">Your saved application says ", id);
    buf_puts(b, "\xe2\x80\x9c");
    html_escape(b, what);
    buf_printf(b, "\xe2\x80\x9d, which is no longer one of the choices: %s.</span>\n", again);
}

/* A select of values (shown as they are), the one given chosen; a value
 * not among them is not kept: a posted one's error says to choose, a
 * saved draft's is named beside the field (stale_note). none: the label
 * of the empty choice. */
static void select_field(struct buf *b, const struct application_form *f, enum application_field i,
                         const char *given, char *const *values, size_t n, const char *none)
{
    const char *id = fields[i].id, *e = field_error(f, i);
    bool stale = !e && given && !listed(given, values, n);
    buf_printf(b, "<p><label for=\"%s\">", id);
    html_escape(b, fields[i].label);
    buf_puts(b, "</label>\n");
    if (e)
        buf_printf(b, "<span class=\"field-error\" id=\"%s-error\">%s</span>\n", id, e);
    if (stale)
        stale_note(b, id, given, "choose again");
    buf_printf(b, "<select id=\"%s\" name=\"%s\"", id, id);
    if (e)
        buf_printf(b, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", id);
    if (stale)
        buf_printf(b, " aria-describedby=\"%s-stale\"", id);
    buf_printf(b, ">\n<option value=\"\">%s</option>\n", none);
    for (size_t k = 0; k < n; k++) {
        buf_puts(b, "<option value=\"");
        html_escape(b, values[k]);
        buf_puts(b, given && strcmp(given, values[k]) == 0 ? "\" selected>" : "\">");
        html_escape(b, values[k]);
        buf_puts(b, "</option>\n");
    }
    buf_puts(b, "</select></p>\n");
}

/* Whether key is one of the list "m1, m2.s3". */
static bool ticked(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list ? list : ""; *p;) {
        p += strspn(p, ", ;");
        size_t len = strcspn(p, ",;");
        while (len && p[len - 1] == ' ')
            len--;
        if (len == n && strncmp(p, key, n) == 0)
            return true;
        p += strcspn(p, ",;");
    }
    return false;
}

/* The keys of list ("m1, m2.s3", as a draft keeps them) that are not
 * among c's, ", " between, into out. */
static void stale_keys(const char *list, const struct fund_choices *c, struct buf *out)
{
    char key[APPLICATION_PRIORITIES];
    for (const char *p = list ? list : ""; *p;) {
        p += strspn(p, ", ;");
        size_t len = strcspn(p, ",;");
        while (len && p[len - 1] == ' ')
            len--;
        if (len && len < sizeof key) {
            snprintf(key, sizeof key, "%.*s", (int)len, p);
            if (!listed(key, c->keys, c->npriorities))
                buf_printf(out, "%s%s", out->len ? ", " : "", key);
        }
        p += strcspn(p, ",;");
    }
}

/* A checkbox for each priority by its title, those given ticked; the
 * first box carries the id the error summary links to. A saved draft's
 * priorities no longer among them are named (stale_note). */
static void priority_boxes(struct buf *b, const struct application_form *f,
                           const struct fund_choices *c)
{
    const char *e = field_error(f, AF_PRIORITIES);
    buf_puts(b, "<fieldset><legend>");
    html_escape(b, fields[AF_PRIORITIES].label);
    buf_printf(b, " (optional)</legend>\n<span class=\"hint\" id=\"priorities-hint\">%s</span>\n",
               fields[AF_PRIORITIES].hint);
    if (e)
        buf_printf(b, "<span class=\"field-error\" id=\"priorities-error\">%s</span>\n", e);
    struct buf stale = BUF_INIT;
    if (!e)
        stale_keys(f->v[AF_PRIORITIES], c, &stale);
    bool was = stale.len > 0;
    if (was)
        stale_note(b, "priorities", buf_str(&stale), "tick the priorities again");
    buf_free(&stale);
    for (size_t k = 0; k < c->npriorities; k++) {
        char id[32];
        if (k)
            snprintf(id, sizeof id, "priorities-%zu", k + 1);
        else
            snprintf(id, sizeof id, "priorities");
        buf_printf(b, "<div><input type=\"checkbox\" id=\"%s\" name=\"priorities\" value=\"", id);
        html_escape(b, c->keys[k]);
        buf_printf(
            b, "\"%s%s> <label for=\"%s\" class=\"inline\">",
            ticked(f->v[AF_PRIORITIES], c->keys[k]) ? " checked" : "",
            k     ? ""
            : e   ? " aria-describedby=\"priorities-hint priorities-error\" aria-invalid=\"true\""
            : was ? " aria-describedby=\"priorities-hint priorities-stale\""
                  : " aria-describedby=\"priorities-hint\"",
            id);
        html_escape(b, c->titles[k]);
        buf_puts(b, "</label></div>\n");
    }
    if (!c->npriorities)
        buf_puts(b, "<p>This round names no priorities to choose.</p>\n");
    buf_puts(b, "</fieldset>\n");
}

static void field(struct buf *b, const struct application_form *f, enum application_field i,
                  const char *hint)
{
    struct form_input in = {fields[i].id,      fields[i].type, fields[i].label, hint,
                            field_error(f, i), f->v[i],        fields[i].extra};
    form_html_input(b, &in);
}

/* The district, the partnership and the priorities: choices where there
 * are lists. */
static void area_fields(struct buf *b, const struct application_form *f,
                        const struct fund_choices *c)
{
    if (c->ndistricts)
        select_field(b, f, AF_DISTRICT, f->v[AF_DISTRICT], c->districts, c->ndistricts, "Choose");
    else
        field(b, f, AF_DISTRICT, NULL);
    /* the partnerships by name; a draft stored with a code chooses its name */
    const char *csp = fund_choices_csp(c, f->v[AF_CSP_CODE]);
    if (c->ncsps)
        select_field(b, f, AF_CSP_CODE, csp ? csp : f->v[AF_CSP_CODE], c->csps, c->ncsps,
                     "I do not know");
    else
        field(b, f, AF_CSP_CODE, fields[AF_CSP_CODE].hint);
    priority_boxes(b, f, c);
}

void application_form_fields(struct buf *b, const struct application_form *f,
                             const struct fund_choices *c, const char *types, int64_t max_pence,
                             bool contact_kept)
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
    field(b, f, AF_PROJECT, fields[AF_PROJECT].hint);
    field(b, f, AF_AMOUNT, buf_str(&hint));
    area_fields(b, f, c);
    field(b, f, AF_OUTCOMES, fields[AF_OUTCOMES].hint);
    field(b, f, AF_BUDGET_LINES, fields[AF_BUDGET_LINES].hint);
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
