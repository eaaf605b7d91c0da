/*
 * concern_form.c - the public concerns form's fields: read and checked, and
 * written back with their errors (see concern_form.h).
 */
#include "web/concern_form.h"
#include "util/html.h"
#include "web/form_html.h"

#include <string.h>

static void error(struct concern_form *f, const char *id, const char *message)
{
    if (f->nerrors < sizeof f->errors / sizeof f->errors[0]) {
        f->errors[f->nerrors][0] = id;
        f->errors[f->nerrors][1] = message;
        f->nerrors++;
    }
}

static const char *field_error(const struct concern_form *f, const char *id)
{
    for (size_t i = 0; i < f->nerrors; i++)
        if (strcmp(f->errors[i][0], id) == 0)
            return f->errors[i][1];
    return NULL;
}

static void input(struct buf *b, const struct concern_form *f, const char *id, const char *type,
                  const char *label, const char *hint, const char *value, const char *extra)
{
    struct form_input in = {id, type, label, hint, field_error(f, id), value, extra};
    form_html_input(b, &in);
}

static void about_choices(struct buf *b, const struct concern_form *f)
{
    const char *e = field_error(f, "about");
    buf_puts(b, "<fieldset id=\"about\"");
    if (e)
        buf_puts(b, " aria-describedby=\"about-error\"");
    buf_puts(b, "><legend>What is it about?</legend>\n");
    if (e)
        buf_printf(b, "<span class=\"field-error\" id=\"about-error\">%s</span>\n", e);
    for (int k = 0; k < CONCERN_KINDS; k++) {
        const struct concern_route *r = concern_route((enum concern_kind)k);
        buf_printf(b,
                   "<div class=\"field\"><input type=\"radio\" name=\"about\" id=\"about-%s\" "
                   "value=\"%s\" required%s><label for=\"about-%s\">",
                   r->name, r->name, f->about && strcmp(f->about, r->name) == 0 ? " checked" : "",
                   r->name);
        html_escape(b, r->label);
        buf_puts(b, "</label></div>\n");
    }
    buf_puts(b, "</fieldset>\n");
}

static const char *value(const struct web_form *wf, const char *name)
{
    return form_html_value(wf, name);
}

static void check(struct concern_form *f, const struct concern_route *r, int today, int *outcome)
{
    *outcome = DATE_NONE;
    if (!r)
        error(f, "about", "Choose what it is about");
    if (f->outcome && (!date_parse(f->outcome, strlen(f->outcome), outcome) || *outcome > today ||
                       *outcome < today - 3660))
        error(f, "outcome",
              "Give the outcome date as a date in the past, for example "
              "2026-03-02");
    if (f->outcome && r && r->kind != CONCERN_REVIEW)
        error(f, "outcome",
              "Only a review has an outcome date: leave it empty, or choose a "
              "review");
    if (!f->name || strlen(f->name) > 200)
        error(f, "name", "Give your name (at most 200 characters)");
    if (!f->email && !f->phone)
        error(f, "email", "Give an email address or a telephone number");
    if (f->email && !form_email_ok(f->email))
        error(f, "email", "Give an email address like name@example.org");
    if (f->phone && !form_phone_ok(f->phone))
        error(f, "phone", "Give a telephone number of digits, spaces and + ( ) -");
    if (f->address && strlen(f->address) > 500)
        error(f, "address", "The address is longer than 500 characters");
    if (!f->details || strlen(f->details) > CONCERN_TEXT_MAX)
        error(f, "details", "Tell us what happened (at most 5,000 characters)");
}

const struct concern_route *concern_form_read(const struct web_form *wf, int today,
                                              struct concern_form *f, int *outcome)
{
    *f = (struct concern_form){
        .about = value(wf, "about"),
        .outcome = value(wf, "outcome"),
        .name = value(wf, "name"),
        .email = value(wf, "email"),
        .phone = value(wf, "phone"),
        .address = value(wf, "address"),
        .details = value(wf, "details"),
    };
    const struct concern_route *r = concern_route_named(f->about);
    check(f, r, today, outcome);
    return r;
}

void concern_form_fields(struct buf *b, const struct concern_form *f)
{
    about_choices(b, f);
    input(b, f, "outcome", "date",
          "If you are asking for a review: the date the force gave you its outcome",
          "Leave this empty for anything else.", f->outcome, "");
    input(b, f, "name", "text", "Your name", NULL, f->name,
          "autocomplete=\"name\" required maxlength=\"200\"");
    input(b, f, "email", "email", "Your email address",
          "Give an email address or a telephone number, so that we can reply.", f->email,
          "autocomplete=\"email\" maxlength=\"254\" spellcheck=\"false\"");
    input(b, f, "phone", "tel", "Your telephone number", NULL, f->phone,
          "autocomplete=\"tel\" maxlength=\"40\"");
    input(b, f, "address", "text", "Your postal address (optional)", NULL, f->address,
          "autocomplete=\"street-address\" maxlength=\"500\"");
    input(b, f, "details", "textarea", "What happened, and what would you like to happen?",
          "For a review, include the force&#39;s complaint reference if you have it.", f->details,
          "required maxlength=\"5000\"");
}

void concern_form_errors(struct buf *b, const struct concern_form *f)
{
    form_html_errors(b, f->errors, f->nerrors);
}
