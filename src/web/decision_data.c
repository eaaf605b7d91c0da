/*
 * decision_data.c - the public decision pages' shared pieces (see
 * decision_data.h).
 */
#include "web/decision_data.h"
#include "web/page.h"
#include "model/money.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    C_REF,
    C_DATE,
    C_STATUS,
    C_TYPE,
    C_SUBJECT,
    C_TITLE,
    C_SUMMARY,
    C_BACKGROUND,
    C_DECISION,
    C_REASONS,
    C_ALTERNATIVES,
    C_CONFLICTS,
    C_PENCE,
    C_POUNDS,
    C_BUDGET,
    C_FINANCIAL,
    C_LEGAL,
    C_EQUALITY,
    C_LEAD,
    C_MAKER,
    C_ROLE,
    C_VERSION,
    C_IN_FULL,
    C_GROUND,
    C_EXEMPT_FIELDS,
    C_REASON,
    C_PATH,
    NCOLS
};

static const char *const columns[NCOLS] = {"reference",
                                           "date",
                                           "status",
                                           "type",
                                           "subject",
                                           "title",
                                           "summary",
                                           "background",
                                           "decision",
                                           "reasons",
                                           "alternatives",
                                           "conflicts",
                                           "amount_pence",
                                           "amount_pounds",
                                           "budget_line",
                                           "financial",
                                           "legal",
                                           "equality",
                                           "lead_officer",
                                           "decision_maker",
                                           "decision_maker_role",
                                           "version",
                                           "exempt_in_full",
                                           "exempt_ground",
                                           "exempt_fields",
                                           "correction_reason",
                                           "path"};

void decision_table_init(struct table *t)
{
    table_init(t, NCOLS, columns);
}

void decision_table_row(struct table *t, const struct decision_public *d)
{
    size_t r = table_add_row(t);
    const struct decision_text *x = &d->text;
    const char *text[NCOLS] = {[C_REF] = d->ref,
                               [C_DATE] = d->decided_on,
                               [C_STATUS] = d->state,
                               [C_TYPE] = d->type,
                               [C_SUBJECT] = d->subject,
                               [C_TITLE] = x->title,
                               [C_SUMMARY] = x->summary,
                               [C_BACKGROUND] = x->background,
                               [C_DECISION] = x->decision,
                               [C_REASONS] = x->reasons,
                               [C_ALTERNATIVES] = x->alternatives,
                               [C_CONFLICTS] = x->conflicts,
                               [C_BUDGET] = x->budget_line,
                               [C_FINANCIAL] = x->financial,
                               [C_LEGAL] = x->legal,
                               [C_EQUALITY] = x->equality,
                               [C_LEAD] = x->lead_officer,
                               [C_MAKER] = d->decided_by,
                               [C_ROLE] = d->decided_role,
                               [C_GROUND] = d->ground,
                               [C_EXEMPT_FIELDS] = d->exempt_fields,
                               [C_REASON] = d->corrects_reason};
    for (size_t c = 0; c < NCOLS; c++)
        if (text[c])
            table_set_text(t, r, c, text[c]);
    if (x->amount_pence >= 0) {
        char pounds[48];
        decision_pounds(x->amount_pence, false, pounds, sizeof pounds);
        table_set_int(t, r, C_PENCE, x->amount_pence);
        table_set_text(t, r, C_POUNDS, pounds); /* text: a double would round */
    }
    table_set_int(t, r, C_VERSION, d->version);
    table_set_int(t, r, C_IN_FULL, d->stub ? 1 : 0);
    char slug[DECISION_SLUG_SIZE], path[DECISION_SLUG_SIZE + 16];
    if (decision_ref_slug(d->ref, slug)) {
        snprintf(path, sizeof path, "/decisions/%s", slug);
        table_set_text(t, r, C_PATH, path);
    }
}

void decision_pounds(int64_t pence, bool human, char *out, size_t n)
{
    if (human) /* the site's one way of writing money for people */
        page_pounds_text(pence, out, n);
    else if (pence < 0)
        snprintf(out, n, "%s", "");
    else {
        char text[MONEY_TEXT_SIZE];
        money_format(pence, false, text);
        snprintf(out, n, "%s", text);
    }
}

const char *decision_field_title(const char *field)
{
    static const char *const names[][2] = {
        {"title", "title"},
        {"summary", "summary"},
        {"background", "background"},
        {"decision", "decision"},
        {"reasons", "reasons for the decision"},
        {"alternatives", "alternative options considered and rejected"},
        {"conflicts", "conflicts of interest and dispensations"},
        {"amount", "amount"},
        {"budget_line", "budget line"},
        {"financial", "financial implications"},
        {"legal", "legal implications"},
        {"equality", "equality implications"},
        {"lead_officer", "lead officer"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(field, names[i][0]) == 0)
            return names[i][1];
    return "other fields";
}

/* ---- the filters ---------------------------------------------------------- */

/* The parameter's value, or NULL when absent or empty (a form sends every
 * field, the unused ones empty). */
static const char *given(const struct web_target *t, const char *name)
{
    const char *v = web_param(t, name);
    return v && *v ? v : NULL;
}

/* A whole number from lo to hi, digits only. */
static bool whole_number(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
        return false;
    *out = strtol(s, NULL, 10);
    return *out >= lo && *out <= hi;
}

/* An amount as people type it, spaces around it allowed. */
static bool money(const char *s, int64_t *pence)
{
    char text[WEB_MAX_PARAM_LEN + 1];
    while (*s == ' ')
        s++;
    snprintf(text, sizeof text, "%s", s);
    for (size_t n = strlen(text); n > 0 && text[n - 1] == ' '; n--)
        text[n - 1] = '\0';
    long long p;
    if (!decision_parse_pounds(text, &p))
        return false;
    *pence = p;
    return true;
}

static bool state_word(const char *s)
{
    return strcmp(s, "published") == 0 || strcmp(s, "withheld") == 0 || strcmp(s, "rescinded") == 0;
}

/* The number filters: year, page, size, min, max. */
static bool read_numbers(const struct web_target *t, struct decision_query *dq, char *why,
                         size_t nwhy)
{
    struct decision_filter *f = &dq->f;
    long v;
    const char *page = given(t, "page"), *size = given(t, "size");
    if (dq->year && !whole_number(dq->year, 1900, 2199, &v))
        return snprintf(why, nwhy, "The year must be four digits, such as 2025."), false;
    f->year = dq->year ? (int)v : 0;
    if (page && !whole_number(page, 1, 100000, &v))
        return snprintf(why, nwhy, "The page must be a whole number from 1."), false;
    f->page = page ? (int)v : 1;
    if (size && !whole_number(size, 1, DECISION_PAGE_MAX, &v))
        return snprintf(why, nwhy, "The page size must be a whole number from 1 to %d.",
                        DECISION_PAGE_MAX),
               false;
    f->page_size = size ? (int)v : DECISION_PAGE_DEFAULT;
    dq->sized = size != NULL;
    const char *what[2] = {"lowest", "highest"}, *text[2] = {dq->min, dq->max};
    int64_t *bound[2] = {&f->min_pence, &f->max_pence};
    for (int i = 0; i < 2; i++)
        if (text[i] && !money(text[i], bound[i]))
            return snprintf(why, nwhy,
                            "The %s value must be an amount in pounds, such as 10,000 or "
                            "\xc2\xa3"
                            "39,305.40.",
                            what[i]),
                   false;
    if (f->min_pence >= 0 && f->max_pence >= 0 && f->min_pence > f->max_pence)
        return snprintf(why, nwhy, "The lowest value is more than the highest."), false;
    return true;
}

bool decision_query_read(const struct web_target *t, struct decision_query *dq, char *why,
                         size_t nwhy)
{
    *dq = (struct decision_query){0};
    decision_filter_default(&dq->f);
    dq->q = given(t, "q"), dq->year = given(t, "year"), dq->status = given(t, "status");
    dq->type = given(t, "type"), dq->subject = given(t, "subject");
    dq->min = given(t, "min"), dq->max = given(t, "max");
    if (dq->status && !state_word(dq->status))
        return snprintf(why, nwhy, "The status must be published, withheld or rescinded."), false;
    enum decision_type type;
    if (dq->type && !decision_type_parse(dq->type, &type))
        return snprintf(why, nwhy,
                        "There is no decision type of that name: choose one from "
                        "the list on the register's page."),
               false;
    dq->f.state = dq->status;
    dq->f.type = dq->type ? decision_type_word(type) : NULL;
    dq->f.subject = dq->subject;
    dq->f.text = dq->q;
    return read_numbers(t, dq, why, nwhy);
}

static void param(struct buf *out, const char *name, const char *value)
{
    if (!value)
        return;
    buf_puts(out, out->len ? "&" : "");
    buf_puts(out, name);
    buf_putc(out, '=');
    page_percent_encode(out, value);
}

void decision_query_string(const struct decision_query *dq, int page, struct buf *out)
{
    struct buf q = BUF_INIT;
    param(&q, "q", dq->q);
    param(&q, "year", dq->year);
    param(&q, "status", dq->status);
    param(&q, "type", dq->type);
    param(&q, "subject", dq->subject);
    param(&q, "min", dq->min);
    param(&q, "max", dq->max);
    if (dq->sized)
        buf_printf(&q, "%ssize=%d", q.len ? "&" : "", dq->f.page_size);
    if (page > 0)
        buf_printf(&q, "%spage=%d", q.len ? "&" : "", page);
    buf_puts(out, buf_str(&q));
    buf_free(&q);
}
