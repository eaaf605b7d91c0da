/*
 * letter.c - the placeholders, the shipped templates and filling one in
 * (see letter.h).
 */
#include "model/letter.h"

#include <assert.h>
#include <string.h>

static const struct letter_placeholder placeholders[] = {
    {"reference", LETTER_CASE, "the case's reference (C-2026-0001)"},
    {"today", LETTER_CASE, "the letter's date"},
    {"received", LETTER_CASE, "the date the Office received the case"},
    {"kind", LETTER_CASE, "what the case is about, in words"},
    {"ack_by", LETTER_CASE, "the date it is to be acknowledged by (5 working days)"},
    {"reply_by", LETTER_CASE,
     "the date it is to be decided or answered by (its standard, in working days)"},
    {"outcome_given", LETTER_CASE, "a review: the date the force gave its outcome"},
    {"review_limit", LETTER_CASE, "a review: the last day an application was in time"},
    {"decided_on", LETTER_CASE, "a review: the date it was decided"},
    {"misdirected_days", LETTER_CASE,
     "a review: the days it spent with other bodies, left out of the 28 (a day with two once)"},
    {"time_elsewhere", LETTER_CASE,
     "a review: a sentence, starting with a space, saying which bodies it spent those days "
     "with and when; empty when none"},
    {"name", LETTER_PERSON, "the person's name (the vault)"},
    {"address", LETTER_PERSON, "the person's address (the vault)"},
    {"force_ref", LETTER_PERSON, "the force's complaint reference (the vault)"},
};
#define NPLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])
static_assert(NPLACEHOLDERS == LETTER_PLACEHOLDERS, "LETTER_PLACEHOLDERS counts the list");

size_t letter_placeholder_index(const struct letter_placeholder *p)
{
    assert(p >= placeholders && p < placeholders + NPLACEHOLDERS);
    return (size_t)(p - placeholders);
}

const struct letter_placeholder *letter_placeholder_find(const char *name, size_t n)
{
    for (size_t i = 0; i < NPLACEHOLDERS; i++)
        if (strlen(placeholders[i].name) == n && memcmp(placeholders[i].name, name, n) == 0)
            return &placeholders[i];
    return NULL;
}

const struct letter_placeholder *letter_placeholder_at(size_t i)
{
    return i < NPLACEHOLDERS ? &placeholders[i] : NULL;
}

/* The Office's letters as shipped: plain, short, and saying what happens
 * next and by when. */
static const struct letter_template shipped[] = {
    {"acknowledgement", "We have received your contact ({{reference}})",
     "{{name}}\n{{address}}\n\n{{today}}\n\nOur reference: {{reference}}\n\nDear {{name}},\n\n"
     "Thank you for contacting the Office of the Police and Crime Commissioner. We received "
     "your contact on {{received}} and have recorded it as: {{kind}}.\n\n"
     "We will reply to you by {{reply_by}}. If we need more time we will tell you why, and "
     "when you can expect our reply.\n\nPlease quote {{reference}} if you contact us about "
     "this.\n\nYours sincerely,\n\nThe Office of the Police and Crime Commissioner\n"},
    {"review-acknowledgement", "Your application for a review ({{reference}})",
     "{{name}}\n{{address}}\n\n{{today}}\n\nOur reference: {{reference}}\n"
     "Force complaint reference: {{force_ref}}\n\nDear {{name}},\n\n"
     "Thank you for your application for a review of how the police dealt with your "
     "complaint. We received it on {{received}}. The force gave its outcome on "
     "{{outcome_given}}.{{time_elsewhere}} An application was in time up to "
     "{{review_limit}}.\n\n"
     "A reviewer who has had no part in your complaint will look at whether the outcome was "
     "reasonable and proportionate. We aim to tell you the result by {{reply_by}}.\n\n"
     "Yours sincerely,\n\nThe Office of the Police and Crime Commissioner\n"},
    {"review-upheld", "The outcome of your review ({{reference}})",
     "{{name}}\n{{address}}\n\n{{today}}\n\nOur reference: {{reference}}\n"
     "Force complaint reference: {{force_ref}}\n\nDear {{name}},\n\n"
     "We have completed the review you applied for on {{received}}. On {{decided_on}} we "
     "decided that the outcome of your complaint was not reasonable and proportionate, and "
     "your review is upheld.\n\nWe have made recommendations to the force. The force must "
     "tell us, and you, how it responds to them.\n\n"
     "Yours sincerely,\n\nThe Office of the Police and Crime Commissioner\n"},
    {"review-not-upheld", "The outcome of your review ({{reference}})",
     "{{name}}\n{{address}}\n\n{{today}}\n\nOur reference: {{reference}}\n"
     "Force complaint reference: {{force_ref}}\n\nDear {{name}},\n\n"
     "We have completed the review you applied for on {{received}}. On {{decided_on}} we "
     "decided that the outcome of your complaint was reasonable and proportionate, and your "
     "review is not upheld.\n\nThis is the end of the police complaints process for your "
     "complaint. If you think our decision is wrong in law you may seek advice about a "
     "judicial review.\n\n"
     "Yours sincerely,\n\nThe Office of the Police and Crime Commissioner\n"},
    {"review-out-of-time", "Your application for a review ({{reference}})",
     "{{name}}\n{{address}}\n\n{{today}}\n\nOur reference: {{reference}}\n"
     "Force complaint reference: {{force_ref}}\n\nDear {{name}},\n\n"
     "Thank you for your application for a review, which we received on {{received}}. An "
     "application must be made within 28 days starting with the day after the outcome was "
     "given, leaving out any time it spent with the wrong body. The force gave its outcome on "
     "{{outcome_given}}.{{time_elsewhere}} The last day for an application was "
     "{{review_limit}}.\n\n"
     "Your application arrived after that. If there were special circumstances that kept "
     "you from applying in time, please tell us about them by {{ack_by}} and we will "
     "consider them.\n\n"
     "Yours sincerely,\n\nThe Office of the Police and Crime Commissioner\n"},
};
#define NSHIPPED (sizeof shipped / sizeof shipped[0])

const struct letter_template *letter_shipped_at(size_t i)
{
    return i < NSHIPPED ? &shipped[i] : NULL;
}

const struct letter_template *letter_shipped(const char *name)
{
    for (size_t i = 0; name && i < NSHIPPED; i++)
        if (strcmp(shipped[i].name, name) == 0)
            return &shipped[i];
    return NULL;
}

bool letter_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 1 && n <= LETTER_NAME_MAX &&
           strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* Walks text's placeholders: fn(arg, p, name, n) for each, where p is
 * NULL for an unknown name and w->line the line it is on; the text
 * between them to lit (when not NULL). -1 at the first fn that says stop
 * (returns non-zero) or at an unclosed "{{"; else 0. */
typedef int (*walk_fn)(void *arg, const struct letter_placeholder *p, const char *name, size_t n);
struct walk {
    walk_fn fn;
    void *arg;
    struct buf *lit;
    int line;
};

static int walk(const char *text, struct walk *w)
{
    w->line = 1;
    for (const char *p = text; *p;) {
        const char *open = strstr(p, "{{");
        const char *stop = open ? open : p + strlen(p);
        for (const char *q = p; q < stop; q++)
            w->line += *q == '\n';
        if (w->lit)
            buf_append(w->lit, p, (size_t)(stop - p));
        if (!open)
            break;
        const char *close = strstr(open + 2, "}}");
        const char *nl = strchr(open + 2, '\n');
        if (!close || (nl && nl < close))
            return -1;
        size_t n = (size_t)(close - open - 2);
        if (w->fn(w->arg, letter_placeholder_find(open + 2, n), open + 2, n))
            return -1;
        p = close + 2;
    }
    return 0;
}

struct check {
    const struct letter_template *t;
    const char *what;
    const int *line; /* the walk's */
    struct buf *err;
};

static int check_one(void *arg, const struct letter_placeholder *p, const char *name, size_t n)
{
    struct check *c = arg;
    if (p)
        return 0;
    buf_printf(c->err, "template %s, line %d of its %s: unknown placeholder {{%.*s}}", c->t->name,
               *c->line, c->what, (int)n, name);
    return 1;
}

/* Checks one text of t; 0, or -1 with err (its line filled in). */
static int check_text(const struct letter_template *t, const char *what, const char *text,
                      struct buf *err)
{
    struct check c = {t, what, NULL, err};
    struct walk w = {check_one, &c, NULL, 0};
    c.line = &w.line;
    size_t before = err->len;
    int rc = walk(text, &w);
    if (rc < 0 && err->len == before)
        buf_printf(err, "template %s, line %d of its %s: a {{ is not closed by }} on its line",
                   t->name, w.line, what);
    return rc;
}

int letter_check(const struct letter_template *t, struct buf *err)
{
    assert(t);
    if (!letter_name_ok(t->name)) {
        buf_printf(err, "a template's name is 1 to %d of a-z, 0-9 and -", LETTER_NAME_MAX);
        return -1;
    }
    size_t title = t->title ? strlen(t->title) : 0;
    if (title == 0 || title > LETTER_TITLE_MAX || strchr(t->title, '\n')) {
        buf_printf(err, "template %s: the title is one line of 1 to %d bytes", t->name,
                   LETTER_TITLE_MAX);
        return -1;
    }
    size_t body = t->body ? strlen(t->body) : 0;
    if (body == 0 || body > LETTER_BODY_MAX) {
        buf_printf(err, "template %s: the body is 1 to %d bytes", t->name, LETTER_BODY_MAX);
        return -1;
    }
    if (check_text(t, "title", t->title, err) < 0)
        return -1;
    return check_text(t, "body", t->body, err);
}

struct used {
    bool seen[NPLACEHOLDERS];
};

static int mark_used(void *arg, const struct letter_placeholder *p, const char *name, size_t n)
{
    (void)name;
    (void)n;
    if (p)
        ((struct used *)arg)->seen[p - placeholders] = true;
    return 0;
}

void letter_uses(const struct letter_template *t, letter_use_fn fn, void *arg)
{
    struct used u = {{false}};
    struct walk w = {mark_used, &u, NULL, 0};
    walk(t->title, &w);
    walk(t->body, &w);
    for (size_t i = 0; i < NPLACEHOLDERS; i++)
        if (u.seen[i])
            fn(arg, &placeholders[i]);
}

struct fill {
    const struct letter_template *t;
    letter_value_fn fn;
    void *arg;
    struct buf *out, *err;
};

static int fill_one(void *arg, const struct letter_placeholder *p, const char *name, size_t n)
{
    struct fill *f = arg;
    const char *v = p ? f->fn(f->arg, p) : NULL;
    if (v) {
        buf_puts(f->out, v);
        return 0;
    }
    if (p)
        buf_printf(f->err, "template %s: {{%s}} has no value for this case", f->t->name, p->name);
    else
        buf_printf(f->err, "template %s: unknown placeholder {{%.*s}}", f->t->name, (int)n, name);
    return 1;
}

int letter_fill(const struct letter_template *t, const char *text, letter_value_fn fn, void *arg,
                struct buf *out, struct buf *err)
{
    struct fill f = {t, fn, arg, out, err};
    struct walk w = {fill_one, &f, out, 0};
    size_t before = err->len;
    int rc = walk(text, &w);
    if (rc < 0 && err->len == before)
        buf_printf(err, "template %s, line %d: a {{ is not closed by }} on its line", t->name,
                   w.line);
    return rc;
}
