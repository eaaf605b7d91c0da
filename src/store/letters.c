/*
 * letters.c - letter templates as data and the drafts made from them (see
 * letters.h).
 */
#include "store/letters.h"
#include "model/bank_holidays.h"
#include "store/concerns.h"
#include "store/concerns_internal.h"
#include "store/store_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE_SELECT                                                                            \
    "SELECT name, title, body, version, loaded_at, loaded_by FROM letter_template t"               \
    " WHERE version = (SELECT max(version) FROM letter_template u WHERE u.name = t.name)"

static void give_template(sqlite3_stmt *st, letter_template_fn fn, void *arg)
{
    struct letter_template_view v = {
        .t = {store_column_text(st, 0), store_column_text(st, 1), store_column_text(st, 2)},
        .version = sqlite3_column_int(st, 3),
        .loaded_at = store_column_text(st, 4),
        .loaded_by = store_column_text(st, 5),
    };
    fn(arg, &v);
}

static void give_shipped(const struct letter_template *t, letter_template_fn fn, void *arg)
{
    struct letter_template_view v = {.t = *t, .version = 0, .loaded_at = "", .loaded_by = ""};
    fn(arg, &v);
}

int store_letter_template(struct store *s, const char *name, letter_template_fn fn, void *arg,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, TEMPLATE_SELECT " AND name = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = 0;
    const struct letter_template *shipped = letter_shipped(name);
    if (step == SQLITE_ROW)
        give_template(st, fn, arg);
    else if (step != SQLITE_DONE)
        rc = store_fail(s, err, "reading a letter template");
    else if (shipped)
        give_shipped(shipped, fn, arg);
    else
        rc = LETTER_UNKNOWN;
    sqlite3_finalize(st);
    return rc;
}

int store_letter_templates(struct store *s, letter_template_fn fn, void *arg, struct buf *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && letter_shipped_at(i); i++)
        rc = store_letter_template(s, letter_shipped_at(i)->name, fn, arg, err);
    sqlite3_stmt *st = rc ? NULL : store_prepare(s, TEMPLATE_SELECT " ORDER BY name", err);
    if (!st)
        return -1;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (!letter_shipped(store_column_text(st, 0)))
            give_template(st, fn, arg);
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : store_fail(s, err, "listing letter templates");
}

static int insert_template(struct store *s, const struct letter_template *t,
                           const struct audit_origin *by, int *version, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO letter_template(name, version, title, body, loaded_at, loaded_by)"
        " SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3, " STORE_NOW ", ?4"
        " FROM letter_template WHERE name = ?1 RETURNING version",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, t->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, t->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, err, "storing a letter template");
    if (rc == 0)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int store_letter_template_put(struct store *s, const struct letter_template *t,
                              const struct audit_origin *by, int *version, struct buf *err)
{
    if (letter_check(t, err) < 0)
        return LETTER_REFUSED;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = insert_template(s, t, by, version, err);
    if (rc == 0)
        /* the body's length, not its words: a template is the Office's
         * text, kept whole in its own table */
        rc = store_audit_fact(s, "letter.template", "letter-template", t->name,
                              json_pack("{sisssI}", "version", *version, "title", t->title,
                                        "body_bytes", (json_int_t)strlen(t->body)),
                              by, err);
    return store_finish(s, rc, err);
}

/* ---- drafting ------------------------------------------------------------ */

/* What a letter is filled from: the case data, then the person's. */
struct letter_case {
    struct buf tname, ttitle, tbody;
    int version;
    bool found, destroyed;
    char ref[CONCERN_REF_SIZE], kind[16];
    int received, outcome, review_due, decided_on, left_out;
    bool review;          /* a review with the outcome's date */
    struct buf elsewhere; /* {{time_elsewhere}} */
    size_t nspells;
    char words[LETTER_PLACEHOLDERS][DATE_WORDS_SIZE + 200]; /* values by placeholder index */
    const char *values[LETTER_PLACEHOLDERS];
    struct buf person[3]; /* name, address, force_ref */
};

static void copy_template(void *arg, const struct letter_template_view *v)
{
    struct letter_case *c = arg;
    buf_puts(&c->tname, v->t.name);
    buf_puts(&c->ttitle, v->t.title);
    buf_puts(&c->tbody, v->t.body);
    c->version = v->version;
}

static void copy_case(void *arg, const struct concern_view *v)
{
    struct letter_case *c = arg;
    c->found = true;
    snprintf(c->ref, sizeof c->ref, "%s", v->ref);
    snprintf(c->kind, sizeof c->kind, "%s", v->kind);
    c->received = v->received;
    c->outcome = v->outcome;
    c->review_due = v->review_due;
    c->left_out = v->left_out;
    c->review = strcmp(v->kind, "review") == 0 && v->outcome != DATE_NONE;
    c->destroyed = v->destroyed;
}

static void find_decided(void *arg, const struct concern_event_view *e)
{
    if (strcmp(e->kind, "decided") == 0)
        ((struct letter_case *)arg)->decided_on = e->on;
}

/* The value's place of the case placeholder named name. */
static size_t slot(const char *name)
{
    const struct letter_placeholder *p = letter_placeholder_find(name, strlen(name));
    assert(p && p->source == LETTER_CASE);
    return letter_placeholder_index(p);
}

/* Sets placeholder name's value to the date in words (none for DATE_NONE). */
static void set_date(struct letter_case *c, const char *name, int date)
{
    size_t i = slot(name);
    if (date == DATE_NONE)
        return;
    date_words(date, c->words[i]);
    c->values[i] = c->words[i];
}

static void set_text(struct letter_case *c, const char *name, const char *text)
{
    size_t i = slot(name);
    snprintf(c->words[i], sizeof c->words[i], "%s", text);
    c->values[i] = c->words[i];
}

/* The case's values: its reference, kind and dates, the deadlines by the
 * store's working-day calendar. */
static int case_values(struct store *s, struct letter_case *c, int today, struct buf *err)
{
    struct holiday_list l;
    if (concern_calendar(s, &l, err) < 0)
        return -1;
    struct calendar cal = holiday_list_calendar(&l);
    const struct concern_route *r = concern_route_named(c->kind);
    struct clock_spec ack = concern_ack_spec(c->received), answer;
    set_text(c, "reference", c->ref);
    set_text(c, "kind", r ? r->label : c->kind);
    set_date(c, "today", today);
    set_date(c, "received", c->received);
    if (r && r->here)
        set_date(c, "ack_by", clock_due_simple(&cal, ack.basis, ack.rule, ack.start, ack.days));
    if (r && concern_answer_spec(r->kind, c->received, &answer))
        set_date(c, "reply_by",
                 clock_due_simple(&cal, answer.basis, answer.rule, answer.start, answer.days));
    set_date(c, "outcome_given", c->outcome);
    set_date(c, "review_limit", c->review_due);
    set_date(c, "decided_on", c->decided_on);
    holiday_list_free(&l);
    if (c->review) {
        char days[16];
        snprintf(days, sizeof days, "%d", c->left_out);
        set_text(c, "misdirected_days", days);
        c->values[slot("time_elsewhere")] = buf_str(&c->elsewhere);
    }
    return 0;
}

/* One spell into {{time_elsewhere}}: "BODY, DATE to DATE" (the day sent
 * there and the day forwarded on; "BODY, from DATE" if never forwarded). */
static void add_spell(void *arg, const struct concern_spell_view *v)
{
    struct letter_case *c = arg;
    char sent[DATE_WORDS_SIZE], fwd[DATE_WORDS_SIZE];
    date_words(v->sent, sent);
    buf_puts(&c->elsewhere, c->nspells++ ? "; " : " (");
    buf_printf(&c->elsewhere, "%s, %s%s", v->body, v->forwarded == DATE_NONE ? "from " : "", sent);
    if (v->forwarded != DATE_NONE) {
        date_words(v->forwarded, fwd);
        buf_printf(&c->elsewhere, " to %s", fwd);
    }
}

/* {{time_elsewhere}}: the days left out and the spells, as a sentence
 * that follows another, or nothing when there were none. */
static int elsewhere_sentence(struct store *s, struct letter_case *c, struct buf *err)
{
    if (!c->review || c->left_out == 0)
        return 0;
    struct buf spells = BUF_INIT;
    int rc = store_concern_spells(s, c->ref, add_spell, c, err);
    buf_append(&spells, c->elsewhere.p, c->elsewhere.len);
    buf_reset(&c->elsewhere);
    buf_printf(&c->elsewhere,
               " Before it reached us, your application spent %d %s with %s%s%s, and %s left "
               "out of the 28 days%s.",
               c->left_out, c->left_out == 1 ? "day" : "days",
               c->nspells == 1 ? "another body" : "other bodies", buf_str(&spells),
               c->nspells ? ")" : "", c->left_out == 1 ? "that day is" : "those days are",
               c->nspells > 1 ? " (a day spent with two bodies is counted once)" : "");
    buf_free(&spells);
    return rc;
}

struct person_read {
    struct letter_case *c;
    struct vault *v;
    const char *why;
    const struct audit_origin *by;
    struct buf *err;
    int rc;
};

/* Reads one personal placeholder the template uses from the vault (an
 * audited read); a field the person did not give is left blank. */
static void read_person(void *arg, const struct letter_placeholder *p)
{
    struct person_read *pr = arg;
    if (pr->rc || p->source != LETTER_PERSON)
        return;
    static const char *const fields[] = {"name", "address", "force_ref"};
    size_t k = 0;
    while (k < 2 && strcmp(fields[k], p->name) != 0)
        k++;
    assert(strcmp(fields[k], p->name) == 0); /* the person placeholders are these three */
    char subject[40];
    snprintf(subject, sizeof subject, "concern:%s", pr->c->ref);
    int rc = vault_get(pr->v, subject, p->name, pr->why, pr->by, &pr->c->person[k], pr->err);
    if (rc < 0)
        pr->rc = -1;
    pr->c->values[letter_placeholder_index(p)] = buf_str(&pr->c->person[k]);
}

/* Notes the first case placeholder t uses that has no value: a letter the
 * case cannot fill is refused before any personal field is read. */
static void find_missing(void *arg, const struct letter_placeholder *p)
{
    struct person_read *pr = arg;
    if (!pr->rc && p->source == LETTER_CASE && !pr->c->values[letter_placeholder_index(p)]) {
        buf_printf(pr->err, "template %s: {{%s}} has no value for this case",
                   buf_str(&pr->c->tname), p->name);
        pr->rc = LETTER_REFUSED;
    }
}

static const char *value_of(void *arg, const struct letter_placeholder *p)
{
    const struct letter_case *c = arg;
    return c->values[letter_placeholder_index(p)];
}

static int record_draft(struct store *s, const struct letter_case *c, const char *format,
                        const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO letter_draft(concern_id, template, template_version, format, drafted_at,"
        " drafted_by) SELECT id, ?2, ?3, ?4, " STORE_NOW ", ?5 FROM concern WHERE ref = ?1",
        err);
    int rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, c->ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, buf_str(&c->tname), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, c->version);
        sqlite3_bind_text(st, 4, format, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, by->actor, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a letter");
        sqlite3_finalize(st);
    }
    if (rc == 0)
        rc = store_audit_fact(s, "letter.draft", "concern", c->ref,
                              json_pack("{sssiss}", "template", buf_str(&c->tname), "version",
                                        c->version, "format", format),
                              by, err);
    return store_finish(s, rc, err);
}

static bool format_ok(const char *f)
{
    return f && (strcmp(f, "preview") == 0 || strcmp(f, "text") == 0 || strcmp(f, "html") == 0 ||
                 strcmp(f, "pdf") == 0);
}

/* Reads what the letter needs; 0, a LETTER_ answer, or -1 with err. */
static int gather(struct store *s, struct vault *v, const struct letter_request *rq,
                  const struct audit_origin *by, struct letter_case *c, struct buf *err)
{
    int rc = store_letter_template(s, rq->name, copy_template, c, err);
    if (rc == LETTER_UNKNOWN)
        buf_printf(err, "there is no letter template %s", rq->name);
    if (rc == 0 && (rc = store_concern_get(s, rq->ref, copy_case, c, err)) == CONCERN_UNKNOWN)
        return LETTER_NO_CASE;
    if (rc == 0)
        rc = store_concern_events(s, rq->ref, find_decided, c, err);
    if (rc == 0)
        rc = elsewhere_sentence(s, c, err);
    if (rc == 0)
        rc = case_values(s, c, rq->today, err);
    struct letter_template t = {buf_str(&c->tname), buf_str(&c->ttitle), buf_str(&c->tbody)};
    struct person_read pr = {c, v, rq->why, by, err, 0};
    if (rc == 0 && c->destroyed) {
        buf_printf(err, "the personal details of case %s were destroyed at the end of retention",
                   c->ref);
        return LETTER_REFUSED;
    }
    if (rc == 0)
        letter_uses(&t, find_missing, &pr);
    if (rc == 0 && pr.rc == 0)
        letter_uses(&t, read_person, &pr);
    return rc ? rc : pr.rc;
}

int store_letter_draft(struct store *s, struct vault *v, const struct letter_request *rq,
                       const struct audit_origin *by, struct buf *title, struct buf *text,
                       struct buf *err)
{
    if (!format_ok(rq->format) || !rq->why || !rq->why[strspn(rq->why, " \t")]) {
        buf_puts(err, rq->why && rq->why[strspn(rq->why, " \t")]
                          ? "the format is preview, text, html or pdf"
                          : "say why the person's details are read");
        return LETTER_REFUSED;
    }
    struct letter_case *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->decided_on = DATE_NONE;
    int rc = gather(s, v, rq, by, c, err);
    struct letter_template t = {buf_str(&c->tname), buf_str(&c->ttitle), buf_str(&c->tbody)};
    buf_reset(title);
    buf_reset(text);
    if (rc == 0 && (letter_fill(&t, t.title, value_of, c, title, err) < 0 ||
                    letter_fill(&t, t.body, value_of, c, text, err) < 0))
        rc = LETTER_REFUSED;
    if (rc == 0)
        rc = record_draft(s, c, rq->format, by, err);
    buf_free(&c->tname);
    buf_free(&c->ttitle);
    buf_free(&c->tbody);
    buf_free(&c->elsewhere);
    for (size_t i = 0; i < 3; i++)
        buf_free(&c->person[i]);
    free(c);
    return rc;
}

int store_letter_drafts(struct store *s, const char *ref, letter_draft_fn fn, void *arg,
                        struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT d.template, d.format, d.drafted_at, d.drafted_by, d.template_version"
                      " FROM letter_draft d JOIN concern c ON c.id = d.concern_id WHERE c.ref = ?1"
                      " ORDER BY d.id",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct letter_draft_view d = {store_column_text(st, 0), store_column_text(st, 1),
                                      store_column_text(st, 2), store_column_text(st, 3),
                                      sqlite3_column_int(st, 4)};
        fn(arg, &d);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : store_fail(s, err, "listing a case's letters");
}
