/*
 * register_form.c - the staff form for a register entry: read, checked
 * and written back (see register_form.h).
 */
#include "web/register_form.h"
#include "model/money.h"
#include "util/html.h"
#include "util/mem.h"
#include "web/form_html.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const slot_ids[REG_FORM_SLOTS] = {"ref",      "name",    "post",       "date",
                                                     "category", "details", "donor",      "value",
                                                     "outcome",  "salary",  "allowances", "reason"};

/* A field's label in register k. */
static const char *label(enum reg_kind k, size_t slot)
{
    static const char *const common[REG_FORM_SLOTS] = {
        [REG_F_REF] = "Reference",
        [REG_F_POST] = "Post (the office or job)",
        [REG_F_CATEGORY] = "Category",
        [REG_F_DONOR] = "Who offered it",
        [REG_F_VALUE] = "Its value, in pounds",
        [REG_F_OUTCOME] = "Accepted or declined",
        [REG_F_SALARY] = "Salary a year, in pounds",
        [REG_F_ALLOWANCES] = "Allowances a year, in pounds (optional)",
        [REG_FORM_REASON] = "Why it changes (shown on the public register)"};
    static const char *const by_kind[REG_KINDS][3] = {
        {"Name", "Declared on", "The interest"},
        {"Offered to", "Offered on", "What was offered"},
        {"Name (leave empty if they refuse consent to its publication)", "As at",
         "Responsibilities"}};
    switch (slot) {
    case REG_F_NAME:
        return by_kind[k][0];
    case REG_F_DATE:
        return by_kind[k][1];
    case REG_F_DETAILS:
        return by_kind[k][2];
    default:
        return common[slot];
    }
}

void register_form_problem(struct register_form *f, size_t slot, const char *message)
{
    assert(slot < REG_FORM_SLOTS);
    if (f->error[slot]) /* the first problem of a field is the one shown */
        return;
    struct buf b = BUF_INIT;
    html_escape(&b, label(f->kind, slot));
    buf_puts(&b, ": ");
    html_escape(&b, message);
    f->error[slot] = buf_detach(&b);
    f->summary[f->nerrors][0] = slot_ids[slot];
    f->summary[f->nerrors][1] = f->error[slot];
    f->nerrors++;
}

static void problem(void *arg, enum reg_field field, const char *message)
{
    register_form_problem(arg, (size_t)field, message);
}

void register_form_read(const struct web_form *wf, enum reg_kind k, const char *ref,
                        struct register_form *f)
{
    *f = (struct register_form){.kind = k};
    for (size_t i = 0; i < REG_FORM_SLOTS; i++) {
        const char *v = form_html_value(wf, slot_ids[i]);
        f->text[i] = v ? v : "";
    }
    if (ref)
        f->text[REG_F_REF] = ref;
    f->entry = (struct reg_entry){.ref = f->text[REG_F_REF]};
    reg_entry_check(k, f->text, &f->entry, &f->checked, problem, f);
    if (ref && !*f->text[REG_FORM_REASON])
        register_form_problem(f, REG_FORM_REASON,
                              "empty: say why, for the public register's readers");
    else if (strlen(f->text[REG_FORM_REASON]) > REG_TEXT_MAX)
        register_form_problem(f, REG_FORM_REASON, "too long: at most 2000 bytes");
}

static void own(struct register_form *f, size_t slot, const char *text)
{
    free(f->own[slot]); /* the money fields are filled twice */
    f->own[slot] = xstrdup(text ? text : "");
    f->text[slot] = f->own[slot];
}

void register_form_from(struct register_form *f, enum reg_kind k, const struct reg_entry *e)
{
    *f = (struct register_form){.kind = k};
    char money[MONEY_TEXT_SIZE] = "";
    bool withheld = k == REG_SALARIES && e->holder && strcmp(e->holder, REG_WITHHELD) == 0;
    const char *text[REG_FIELDS] = {
        e->ref, withheld ? "" : e->holder,   e->post, e->date, e->category, e->details, e->donor,
        NULL,   reg_outcome_word(e->outcome)};
    for (size_t i = 0; i < REG_FIELDS; i++)
        own(f, i, text[i]);
    if (k == REG_GIFTS && strcmp(e->category, REG_NIL) != 0) {
        money_format(e->value_pence, false, money);
        own(f, REG_F_VALUE, money);
    }
    if (k == REG_SALARIES) {
        money_format(e->value_pence, false, money);
        own(f, REG_F_SALARY, money);
        money_format(e->allowances_pence, false, money);
        own(f, REG_F_ALLOWANCES, e->allowances_pence ? money : "");
    }
    own(f, REG_FORM_REASON, "");
}

void register_form_errors(struct buf *b, const struct register_form *f)
{
    form_html_errors(b, f->summary, f->nerrors);
}

/* The category as a list to choose from, or the outcome as two radio
 * buttons: what was typed chosen again. */
static void choice(struct buf *b, const struct register_form *f, size_t slot)
{
    const char *err = f->error[slot], *id = slot_ids[slot];
    const char *typed = f->text[slot] ? f->text[slot] : ""; /* NULL: a new form */
    bool radios = slot == REG_F_OUTCOME;
    buf_puts(b, radios ? "<fieldset><legend>" : "<p><label for=\"category\">");
    html_escape(b, label(f->kind, slot));
    buf_puts(b, radios ? "</legend>\n" : "</label>\n");
    if (err)
        buf_printf(b, "<span class=\"field-error\" id=\"%s-error\">%s</span>\n", id, err);
    static const char *const outcomes[] = {"accepted", "declined", NULL};
    const char *const *options = radios ? outcomes : reg_categories(f->kind);
    if (!radios)
        buf_printf(b, "<select id=\"%s\" name=\"%s\"%s%s>\n<option value=\"\">Choose</option>\n",
                   id, id, err ? " aria-describedby=\"category-error\"" : "",
                   err ? " aria-invalid=\"true\"" : "");
    for (int i = 0; options[i]; i++) {
        bool chosen = strcasecmp(typed, options[i]) == 0;
        if (radios)
            buf_printf(b,
                       "<p class=\"choice\"><input type=\"radio\" id=\"%s%s%s\" name=\"%s\" "
                       "value=\"%s\"%s> <label for=\"%s%s%s\">%c%s</label></p>\n",
                       id, i ? "-" : "", i ? options[i] : "", id, options[i],
                       chosen ? " checked" : "", id, i ? "-" : "", i ? options[i] : "",
                       options[i][0] - 'a' + 'A', options[i] + 1);
        else
            buf_printf(
                b, "<option value=\"%s\"%s>%s</option>\n", options[i], chosen ? " selected" : "",
                strcmp(options[i], REG_NIL) == 0 ? "nil return (nothing to declare)" : options[i]);
    }
    buf_puts(b, radios ? "</fieldset>\n" : "</select></p>\n");
}

static void input(struct buf *b, const struct register_form *f, size_t slot)
{
    bool money = slot == REG_F_VALUE || slot == REG_F_SALARY || slot == REG_F_ALLOWANCES;
    bool area = slot == REG_F_DETAILS || slot == REG_FORM_REASON;
    struct form_input in = {
        .id = slot_ids[slot],
        .type = area ? "textarea" : "text", /* a date too: what was typed is kept */
        .label = label(f->kind, slot),
        .hint = slot == REG_F_REF    ? "Letters, digits and . / _ -, unique in the register (for "
                                       "example GH-2026-014)."
                : money              ? "For example 1,234.56."
                : slot == REG_F_DATE ? "For example 2026-03-31 or 31/03/2026."
                                     : NULL,
        .error = f->error[slot],
        .value = f->text[slot],
        .extra = money ? "inputmode=\"decimal\" maxlength=\"20\"" : "maxlength=\"2000\"",
    };
    form_html_input(b, &in);
}

void register_form_fields(struct buf *b, const struct register_form *f, bool ref_fixed, bool reason)
{
    for (size_t i = ref_fixed ? 1 : 0; i < REG_FIELDS; i++) {
        if (!reg_field_used(f->kind, (enum reg_field)i))
            continue;
        if (i == REG_F_CATEGORY || i == REG_F_OUTCOME)
            choice(b, f, i);
        else
            input(b, f, i);
    }
    if (reason)
        input(b, f, REG_FORM_REASON);
}

void register_form_free(struct register_form *f)
{
    for (size_t i = 0; i < REG_FORM_SLOTS; i++) {
        free(f->error[i]);
        free(f->own[i]);
    }
    *f = (struct register_form){0};
}
