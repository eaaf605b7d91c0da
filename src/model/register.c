/*
 * register.c - the registers' words and the rules an entry keeps (see
 * register.h): one check for a file's row and a staff form alike, so the
 * two front ends cannot come to disagree on what an entry may be.
 */
#include "model/register.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/utf8.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const kind_words[REG_KINDS] = {"interests", "gifts", "salaries"};
static const char *const kind_titles[REG_KINDS] = {"Register of interests", "Gifts and hospitality",
                                                   "Senior salaries"};
static const char *const outcome_words[] = {"", "accepted", "declined"};
static const char *const field_words[REG_FIELDS] = {"ref",      "name",    "post",      "date",
                                                    "category", "details", "donor",     "value",
                                                    "outcome",  "salary",  "allowances"};

const char *reg_kind_word(enum reg_kind k)
{
    assert(k >= 0 && k < REG_KINDS);
    return kind_words[k];
}

const char *reg_kind_title(enum reg_kind k)
{
    assert(k >= 0 && k < REG_KINDS);
    return kind_titles[k];
}

bool reg_kind_parse(const char *w, enum reg_kind *k)
{
    for (int i = 0; w && i < REG_KINDS; i++)
        if (strcmp(w, kind_words[i]) == 0) {
            *k = (enum reg_kind)i;
            return true;
        }
    return false;
}

const char *reg_outcome_word(enum reg_outcome o)
{
    assert(o >= REG_NO_OUTCOME && o <= REG_DECLINED);
    return outcome_words[o];
}

const char *reg_field_word(enum reg_field f)
{
    assert(f >= 0 && f < REG_FIELDS);
    return field_words[f];
}

#define I_ (1u << REG_INTERESTS)
#define G_ (1u << REG_GIFTS)
#define S_ (1u << REG_SALARIES)
/* Which registers use each field, and which require it. */
static const unsigned used[REG_FIELDS] = {
    I_ | G_ | S_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_, I_ | G_ | S_,
    G_,           G_,           G_,           S_,           S_};
static const unsigned required[REG_FIELDS] = {
    I_ | G_ | S_, I_ | G_, I_ | G_ | S_, I_ | G_ | S_, I_ | G_, I_ | G_ | S_, G_, G_, G_, S_, 0};

bool reg_field_used(enum reg_kind k, enum reg_field f)
{
    assert(k >= 0 && k < REG_KINDS && f >= 0 && f < REG_FIELDS);
    return (used[f] & (1u << k)) != 0;
}

bool reg_field_required(enum reg_kind k, enum reg_field f)
{
    assert(k >= 0 && k < REG_KINDS && f >= 0 && f < REG_FIELDS);
    return (required[f] & (1u << k)) != 0;
}

static const char *const interest_categories[] = {
    "employment", "office", "business", "land", "shares", "membership", "other", REG_NIL, NULL};
static const char *const gift_categories[] = {"gift", "hospitality", REG_NIL, NULL};

const char *const *reg_categories(enum reg_kind k)
{
    return k == REG_INTERESTS ? interest_categories : k == REG_GIFTS ? gift_categories : NULL;
}

/* ---- the check ------------------------------------------------------------ */

struct check {
    enum reg_kind kind;
    const char *const *text;
    reg_problem_fn fn;
    void *arg;
    int problems;
};

static void complain(struct check *c, enum reg_field f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void complain(struct check *c, enum reg_field f, const char *fmt, ...)
{
    char message[REG_TEXT_MAX + 200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    c->fn(c->arg, f, message);
    c->problems++;
}

static bool ref_ok(const char *ref)
{
    size_t n = strlen(ref);
    if (n < 1 || n > REG_REF_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)ref[i]) && !strchr("./_-", ref[i]))
            return false;
    return true;
}

/* The category as stored (lower case) into out, or false. */
static bool category_of(enum reg_kind k, const char *text, char out[16])
{
    const char *const *known = reg_categories(k);
    for (int i = 0; known[i]; i++)
        if (strcasecmp(text, known[i]) == 0) {
            snprintf(out, 16, "%s", known[i]);
            return true;
        }
    return false;
}

static bool outcome_of(const char *text, enum reg_outcome *o)
{
    static const char *const words[][2] = {
        {"accepted", "declined"}, {"accept", "decline"}, {"yes", "refused"}, {"", "no"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        for (int k = 0; k < 2; k++)
            if (*words[i][k] && strcasecmp(text, words[i][k]) == 0) {
                *o = k == 0 ? REG_ACCEPTED : REG_DECLINED;
                return true;
            }
    return false;
}

static void check_pounds(struct check *c, enum reg_field f, bool positive, int64_t *pence)
{
    const char *text = c->text[f];
    if (!money_parse(text, pence) || *pence < 0 || (positive && *pence == 0))
        complain(c, f, "'%s' is not an amount in pounds%s (e.g. 1,234.56)", text,
                 positive ? " over nothing" : " of nothing or more");
}

/* A gift's donor, value and outcome; a nil return has none of them. */
static void check_gift(struct check *c, struct reg_entry *e, bool nil)
{
    for (int f = REG_F_DONOR; nil && f <= REG_F_OUTCOME; f++)
        if (*c->text[f])
            complain(c, (enum reg_field)f, "a nil return (nothing to declare) has no %s",
                     field_words[f]);
    if (nil)
        return;
    if (!*c->text[REG_F_DONOR])
        complain(c, REG_F_DONOR, "empty: who offered it?");
    check_pounds(c, REG_F_VALUE, false, &e->value_pence);
    if (!*c->text[REG_F_OUTCOME])
        complain(c, REG_F_OUTCOME, "empty: was it accepted or declined?");
    else if (!outcome_of(c->text[REG_F_OUTCOME], &e->outcome))
        complain(c, REG_F_OUTCOME, "'%s' is not accepted or declined", c->text[REG_F_OUTCOME]);
}

/* Each field UTF-8 and within REG_TEXT_MAX. */
static void check_text(struct check *c)
{
    for (int f = 0; f < REG_FIELDS; f++) {
        long l, col;
        size_t n = strlen(c->text[f]);
        if (!reg_field_used(c->kind, (enum reg_field)f))
            continue;
        if (!utf8_valid(c->text[f], n, &l, &col))
            complain(c, (enum reg_field)f, "not UTF-8 text (at character %ld)", col);
        else if (n > REG_TEXT_MAX)
            complain(c, (enum reg_field)f, "%zu bytes, over the limit of %d", n, REG_TEXT_MAX);
    }
}

/* Whose entry, and when: the fields every register has. */
static void check_who(struct check *c, struct reg_entry *e, struct reg_checked *out)
{
    const char *const *t = c->text;
    if (!ref_ok(t[REG_F_REF]))
        complain(c, REG_F_REF,
                 "'%s' is not a reference: 1 to %d letters, digits, '.', '/', '_' or '-'",
                 t[REG_F_REF], REG_REF_MAX);
    if (!*t[REG_F_NAME] && c->kind != REG_SALARIES)
        complain(c, REG_F_NAME, "empty: whose entry is it?");
    if (!*t[REG_F_NAME] && c->kind == REG_SALARIES)
        e->holder = REG_WITHHELD; /* 2(d): named only with consent */
    if (!*t[REG_F_POST])
        complain(c, REG_F_POST, "empty: the office or job (Police and Crime Commissioner)");
    if (!date_text_iso(t[REG_F_DATE], 2000, out->date))
        complain(c, REG_F_DATE, "'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)", t[REG_F_DATE]);
}

int reg_entry_check(enum reg_kind k, const char *const text[REG_FIELDS], struct reg_entry *e,
                    struct reg_checked *out, reg_problem_fn fn, void *arg)
{
    assert(k >= 0 && k < REG_KINDS);
    struct check c = {k, text, fn, arg, 0};
    out->date[0] = out->category[0] = '\0';
    e->holder = text[REG_F_NAME];
    e->post = text[REG_F_POST];
    e->date = out->date;
    e->category = out->category;
    e->details = text[REG_F_DETAILS];
    e->donor = text[REG_F_DONOR];
    check_text(&c);
    check_who(&c, e, out);
    bool nil = false;
    if (k != REG_SALARIES && !category_of(k, text[REG_F_CATEGORY], out->category))
        complain(&c, REG_F_CATEGORY, "'%s' is not a category of the %s register (%s)",
                 text[REG_F_CATEGORY], kind_words[k],
                 k == REG_INTERESTS ? "employment, office, business, land, shares, "
                                      "membership, other or nil"
                                    : "gift, hospitality or nil");
    else
        nil = strcmp(out->category, REG_NIL) == 0;
    if (!*text[REG_F_DETAILS] && !nil)
        complain(&c, REG_F_DETAILS, "empty: %s",
                 k == REG_SALARIES ? "what the post does" : "what is declared");
    if (k == REG_GIFTS)
        check_gift(&c, e, nil);
    if (k == REG_SALARIES) {
        check_pounds(&c, REG_F_SALARY, true, &e->value_pence);
        if (*text[REG_F_ALLOWANCES])
            check_pounds(&c, REG_F_ALLOWANCES, false, &e->allowances_pence);
    }
    return c.problems;
}
