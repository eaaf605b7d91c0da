/*
 * test_concerns.c - the casework register (store/concerns.h) on a tiny
 * store: a review recorded with its window, clocks and sealed details; the
 * events and their refusals; allegation categories as data; destruction
 * at the end of retention leaves the published statistics unchanged and
 * nothing of the person readable; the subject-access export finds one
 * person's cases and no one else's; no personal field reaches the audit
 * log or the case tables; letters drafted from templates have their
 * placeholders filled from the case and the vault (each read audited), are
 * recorded without their text, and refuse what a case cannot fill.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/concern_stats.h"
#include "fixtures.h"
#include "store/concerns.h"
#include "store/letters.h"

static const struct audit_origin by = {"cli:tester", "peel concern ..."};
#define MARKER "Qv9-CASE-MARKER-3Lp"

static int D(const char *text)
{
    int d = DATE_NONE;
    if (!date_parse(text, strlen(text), &d))
        fail_msg("not a date: %s", text);
    return d;
}

struct fx {
    char *dir;
    struct store *s;
    sqlite3 *peek;
    struct vault *v;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    f->s = fixture_store_open(f->dir, &f->peek);
    struct buf err = BUF_INIT;
    f->v = vault_open(f->s, NULL, &by, &err);
    assert_non_null(f->v);
    buf_free(&err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    vault_close(f->v);
    fixture_store_close(f->s, f->peek, f->dir);
    free(f);
    return 0;
}

static struct concern_made add(struct fx *f, enum concern_kind k, const char *received,
                               const char *outcome, const char *email)
{
    struct concern_new c = {k,
                            "web",
                            D(received),
                            outcome ? D(outcome) : DATE_NONE,
                            {DATE_NONE, DATE_NONE},
                            {"A " MARKER, email, NULL, NULL, "What happened: " MARKER, NULL},
                            NULL};
    struct concern_made m;
    struct buf err = BUF_INIT;
    if (store_concern_add(f->s, f->v, &c, &by, &m, &err) != 0)
        fail_msg("add: %s", buf_str(&err));
    buf_free(&err);
    return m;
}

static int event(struct fx *f, const char *ref, const char *kind, const char *on, const char *note)
{
    struct buf err = BUF_INIT;
    int rc = store_concern_event(f->s, ref, kind, D(on), note, &by, &err);
    buf_free(&err);
    return rc;
}

/* The statistics table as CSV text. */
static char *stats_csv(struct fx *f)
{
    struct table t;
    struct buf err = BUF_INIT;
    assert_int_equal(concern_stats_table(f->s, &t, &err), 0);
    char *text = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&text, &n);
    table_render(&t, TABLE_CSV, out);
    fclose(out);
    table_free(&t);
    buf_free(&err);
    return text;
}

static void test_review_recorded(void **state)
{
    struct fx *f = *state;
    struct concern_made m = add(f, CONCERN_REVIEW, "2026-04-01", "2026-03-02", "a@example.org");
    assert_string_equal(m.ref, "C-2026-0001");
    assert_true(m.has_window);
    assert_false(m.window.in_time); /* 28 days from 3 March ended 30 March */
    assert_int_equal(m.ack_due, D("2026-04-10"));
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM clock WHERE subject LIKE"
                                            " '%:C-2026-0001'"),
                     2);
    /* refusals: a decision that is not one of the two, on a contact, twice */
    assert_int_equal(event(f, m.ref, "decided", "2026-04-20", "maybe"), CONCERN_REFUSED);
    assert_int_equal(event(f, m.ref, "decided", "2026-04-20", "reasonable"), 0);
    assert_int_equal(event(f, m.ref, "decided", "2026-04-21", "reasonable"), CONCERN_REFUSED);
    assert_int_equal(event(f, m.ref, "assigned", "2026-04-02", " "), CONCERN_REFUSED);
    assert_int_equal(event(f, m.ref, "shredded", "2026-04-02", NULL), CONCERN_REFUSED);
    assert_int_equal(event(f, m.ref, "closed", "2026-03-01", NULL), CONCERN_REFUSED);
    assert_int_equal(event(f, "C-2026-0999", "closed", "2026-04-01", NULL), CONCERN_UNKNOWN);
    struct concern_made o = add(f, CONCERN_OTHER, "2026-04-02", NULL, "b@example.org");
    assert_int_equal(event(f, o.ref, "decided", "2026-04-20", "reasonable"), CONCERN_REFUSED);
    /* the answer clock of the review is completed by the decision */
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM clock_event e JOIN clock c"
                                            " ON c.id = e.clock_id WHERE c.subject ="
                                            " 'concern:C-2026-0001' AND e.kind = 'complete'"),
                     1);
    /* categories are data */
    struct buf err = BUF_INIT;
    assert_int_equal(store_concern_categorise(f->s, m.ref, "ZZ", &by, &err), CONCERN_REFUSED);
    assert_int_equal(store_allegation_category_put(f->s, "ZZ", "A test category", &by, &err), 0);
    assert_int_equal(store_concern_categorise(f->s, m.ref, "ZZ", &by, &err), 0);
    buf_free(&err);
    /* nothing personal outside the vault: not in the cases, events or audit */
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE coalesce(after, '')"
                                            " || origin LIKE '%" MARKER "%'"
                                            " OR coalesce(after, '') LIKE '%example.org%'"),
                     0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM concern_event WHERE note"
                                            " LIKE '%" MARKER "%'"),
                     0);
}

static void test_retention_keeps_statistics(void **state)
{
    struct fx *f = *state;
    struct concern_made a = add(f, CONCERN_FOI, "2026-04-01", NULL, "same@example.org");
    struct concern_made b = add(f, CONCERN_OTHER, "2026-04-02", NULL, "Same@Example.org ");
    add(f, CONCERN_OTHER, "2026-04-03", NULL, "other@example.org");
    /* a case note with the marker (staff should not, but may): in the case's
     * events until retention, never in the audit log */
    assert_int_equal(event(f, a.ref, "acknowledged", "2026-04-02", "Rang " MARKER), 0);
    assert_int_equal(event(f, a.ref, "closed", "2026-04-20", NULL), 0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM concern_event WHERE note LIKE"
                                            " '%" MARKER "%'"),
                     1);
    assert_int_equal(fixture_count(f->peek,
                                   "SELECT count(*) FROM audit WHERE action ="
                                   " 'concern.event' AND json_extract(after, '$.note_bytes') = 24"),
                     1);
    assert_int_equal(event(f, b.ref, "closed", "2026-04-21", NULL), 0);
    assert_int_equal(event(f, a.ref, "recommended", "2026-04-22", "x"), CONCERN_REFUSED);
    char *before = stats_csv(f);

    /* the subject-access export finds the two cases of one person only */
    struct buf err = BUF_INIT;
    char *doc =
        store_concern_subject_access(f->s, f->v, "SAME@example.org", NULL, "SAR 1", &by, &err);
    assert_non_null(doc);
    assert_non_null(strstr(doc, a.ref));
    assert_non_null(strstr(doc, b.ref));
    assert_null(strstr(doc, "C-2026-0003"));
    assert_non_null(strstr(doc, MARKER));
    free(doc);

    /* a year on, the FOI request (3 years) is kept; the contact (2 years)
     * too; three years on, the FOI request's details go; the contact's too */
    int n = -1;
    assert_int_equal(store_concern_retention(f->s, f->v, D("2027-04-21"), &by, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_concern_retention(f->s, f->v, D("2029-04-21"), &by, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_concern_retention(f->s, f->v, D("2029-04-22"), &by, &n, &err), 0);
    assert_int_equal(n, 0);
    char *after = stats_csv(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM vault_value WHERE subject IN"
                                            " ('concern:C-2026-0001', 'concern:C-2026-0002')"),
                     0);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM concern_event WHERE kind ="
                                            " 'destroyed'"),
                     2);
    /* the note went with the person; nothing else of an event may change */
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM concern_event WHERE note LIKE"
                                            " '%" MARKER "%'"),
                     0);
    assert_int_equal(fixture_count(f->peek,
                                   "SELECT count(*) FROM audit WHERE coalesce(after, '')"
                                   " || coalesce(before, '') || origin LIKE '%" MARKER "%'"),
                     0);
    assert_int_equal(sqlite3_exec(f->peek,
                                  "UPDATE concern_event SET on_date = '2026-04-03' WHERE kind ="
                                  " 'acknowledged'",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    assert_int_equal(sqlite3_exec(f->peek, "UPDATE concern_event SET note = 'x' WHERE note = ''",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    doc = store_concern_subject_access(f->s, f->v, "same@example.org", NULL, "SAR 2", &by, &err);
    assert_non_null(doc);
    assert_null(strstr(doc, MARKER));
    assert_null(strstr(doc, "C-2026-0001"));
    free(doc);
    /* a destroyed case takes no more events */
    assert_int_equal(event(f, a.ref, "responded", "2029-05-01", "late"), CONCERN_REFUSED);
    buf_free(&err);
}

/* Whether the file at dir/name holds the bytes of text (an absent file
 * holds nothing). */
static bool file_holds(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    bool held = buf_read_file(&bytes, path, &err) && bytes.len > 0 &&
                memmem(bytes.p, bytes.len, text, strlen(text)) != NULL;
    buf_free(&bytes);
    buf_free(&err);
    return held;
}

/* Destruction leaves no copy of a note in the database file's pages (live
 * or free) nor in its WAL: the raw bytes are scanned for the marker. */
static void test_retention_leaves_no_copy(void **state)
{
    struct fx *f = *state;
    static const char note_marker[] = "Wq4-RAW-BYTES-MARKER-8Tz";
    struct concern_made a = add(f, CONCERN_OTHER, "2026-04-01", NULL, "raw@example.org");
    assert_int_equal(event(f, a.ref, "acknowledged", "2026-04-02", note_marker), 0);
    assert_int_equal(event(f, a.ref, "closed", "2026-04-20", NULL), 0);
    /* the scan finds it while it is kept */
    assert_true(file_holds(f->dir, "peel.db", note_marker) ||
                file_holds(f->dir, "peel.db-wal", note_marker));
    int n = -1;
    struct buf err = BUF_INIT;
    if (store_concern_retention(f->s, f->v, D("2029-04-21"), &by, &n, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(n, 1);
    assert_false(file_holds(f->dir, "peel.db", note_marker));
    assert_false(file_holds(f->dir, "peel.db-wal", note_marker));
    buf_free(&err);
}

/* The vault reads audited with this reason. */
static int64_t reads(struct fx *f, const char *why)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE action = 'vault.read' AND after LIKE '%%%s%%'", why);
    return fixture_count(f->peek, sql);
}

static int draft(struct fx *f, const char *ref, const char *name, const char *why, struct buf *text,
                 struct buf *err)
{
    struct buf title = BUF_INIT;
    struct letter_request rq = {ref, name, "text", why, D("2026-04-02")};
    buf_reset(err);
    int rc = store_letter_draft(f->s, f->v, &rq, &by, &title, text, err);
    if (rc == 0)
        assert_non_null(strstr(buf_str(&title), ref));
    buf_free(&title);
    return rc;
}

static int spell(struct fx *f, const char *ref, const char *sent, const char *fwd, const char *body,
                 struct review_window *w, struct buf *err)
{
    struct concern_spell_change c = {{D(sent), fwd ? D(fwd) : DATE_NONE}, body, 0, NULL};
    buf_reset(err);
    return store_concern_misdirected(f->s, ref, &c, &by, w, err);
}

static void view_window(void *arg, const struct concern_view *v)
{
    struct review_window *w = arg;
    *w = (struct review_window){v->review_due, v->left_out, v->in_time == 1};
}

/* Spells with wrong bodies recorded one by one: overlapping ones counted
 * once, each audited with the window after it, one withdrawn with a
 * reason; the case and its letter use the sum. */
static void test_misdirected_spells(void **state)
{
    struct fx *f = *state;
    struct concern_new c = {CONCERN_REVIEW,
                            "letter",
                            D("2026-04-15"),
                            D("2026-03-02"),
                            {D("2026-03-10"), D("2026-03-15")},
                            {"Ann " MARKER, NULL, NULL, NULL, NULL, NULL},
                            "Leicestershire Police"};
    struct concern_made m;
    struct buf err = BUF_INIT, text = BUF_INIT;
    assert_int_equal(store_concern_add(f->s, f->v, &c, &by, &m, &err), 0);
    assert_int_equal(m.window.left_out, 5);
    assert_false(m.window.in_time);
    struct review_window w, seen;
    assert_int_equal(spell(f, m.ref, "2026-03-31", "2026-04-07", "the IOPC", &w, &err), 0);
    assert_int_equal(spell(f, m.ref, "2026-04-03", "2026-04-10", "an office", &w, &err), 0);
    assert_int_equal(w.left_out, 15); /* 5 + the union of 31 March to 9 April */
    assert_int_equal(w.due, D("2026-04-14"));
    assert_int_equal(store_concern_get(f->s, m.ref, view_window, &seen, &err), 0);
    assert_int_equal(seen.due, D("2026-04-14"));
    assert_int_equal(seen.left_out, 15);
    assert_false(seen.in_time);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'concern.misdirected'"),
                     3);
    /* refused: before the outcome, no body, another kind of case */
    assert_int_equal(spell(f, m.ref, "2026-02-01", NULL, "x", &w, &err), CONCERN_REFUSED);
    assert_int_equal(spell(f, m.ref, "2026-03-20", NULL, " ", &w, &err), CONCERN_REFUSED);
    struct concern_made other = add(f, CONCERN_OTHER, "2026-04-01", NULL, NULL);
    assert_int_equal(spell(f, other.ref, "2026-03-20", NULL, "x", &w, &err), CONCERN_REFUSED);
    /* the third withdrawn: 5 + 7 again; withdrawing it twice is refused */
    int64_t third = fixture_count(f->peek, "SELECT max(id) FROM concern_misdirected");
    struct concern_spell_change wd = {{DATE_NONE, DATE_NONE}, NULL, third, "typed in error"};
    assert_int_equal(store_concern_misdirected(f->s, m.ref, &wd, &by, &w, &err), 0);
    assert_int_equal(w.left_out, 12);
    assert_int_equal(w.due, D("2026-04-11"));
    assert_int_equal(store_concern_misdirected(f->s, m.ref, &wd, &by, &w, &err), CONCERN_REFUSED);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'concern.misdirected-withdrawn'"),
                     1);
    /* the letter explains the limit with the days left out */
    assert_int_equal(draft(f, m.ref, "review-out-of-time", "reply", &text, &err), 0);
    assert_non_null(strstr(buf_str(&text), "spent 12 days with other bodies (Leicestershire "
                                           "Police, 10 March 2026 to 15 March 2026; the IOPC, "
                                           "31 March 2026 to 7 April 2026)"));
    assert_non_null(strstr(buf_str(&text), "The last day for an application was 11 April 2026."));
    buf_free(&text);
    buf_free(&err);
}

static void test_letters(void **state)
{
    struct fx *f = *state;
    for (size_t i = 0; letter_shipped_at(i); i++) {
        struct buf e = BUF_INIT;
        if (letter_check(letter_shipped_at(i), &e) != 0)
            fail_msg("shipped template: %s", buf_str(&e));
        buf_free(&e);
    }
    struct concern_new c = {CONCERN_REVIEW,
                            "letter",
                            D("2026-04-01"),
                            D("2026-03-02"),
                            {DATE_NONE, DATE_NONE},
                            {"Ann " MARKER, NULL, NULL, "2 Mill Lane " MARKER, NULL, "CO/7/26"},
                            NULL};
    struct concern_made m;
    struct buf text = BUF_INIT, err = BUF_INIT;
    assert_int_equal(store_concern_add(f->s, f->v, &c, &by, &m, &err), 0);
    assert_int_equal(draft(f, m.ref, "review-out-of-time", "reply one", &text, &err), 0);
    const char *t = buf_str(&text);
    assert_non_null(strstr(t, "Ann " MARKER "\n2 Mill Lane " MARKER "\n\n2 April 2026\n"));
    assert_non_null(strstr(t, "Our reference: C-2026-0001\nForce complaint reference: CO/7/26"));
    assert_non_null(strstr(t, "outcome on 2 March 2026. The last day for an application was "
                              "30 March 2026"));
    /* 5 working days from 1 April 2026, Good Friday and Easter Monday left out */
    assert_non_null(strstr(t, "by 10 April 2026"));
    assert_null(strstr(t, "{{"));
    assert_int_equal(reads(f, "reply one"), 3); /* name, address, force_ref */
    /* recorded: which template, by whom; never the letter */
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM letter_draft WHERE template ="
                                            " 'review-out-of-time' AND template_version = 0"
                                            " AND drafted_by = 'cli:tester'"),
                     1);
    assert_int_equal(fixture_count(f->peek, "SELECT count(*) FROM audit WHERE action ="
                                            " 'letter.draft' AND after NOT LIKE '%" MARKER "%'"),
                     1);
    /* what the case cannot fill is refused before the vault is read */
    assert_int_equal(draft(f, m.ref, "review-upheld", "reply two", &text, &err), LETTER_REFUSED);
    assert_non_null(strstr(buf_str(&err), "template review-upheld: {{decided_on}}"));
    assert_int_equal(reads(f, "reply two"), 0);
    assert_int_equal(draft(f, m.ref, "no-such", "x", &text, &err), LETTER_UNKNOWN);
    assert_int_equal(draft(f, "C-2026-0999", "acknowledgement", "x", &text, &err), LETTER_NO_CASE);
    assert_int_equal(draft(f, m.ref, "acknowledgement", " ", &text, &err), LETTER_REFUSED);
    /* a template as data: an unknown placeholder is named; a good one used */
    int version = 0;
    struct letter_template bad = {"acknowledgement", "Re {{reference}}",
                                  "Dear {{name}},\n{{nmae}}"};
    assert_int_equal(store_letter_template_put(f->s, &bad, &by, &version, &err), LETTER_REFUSED);
    assert_non_null(strstr(buf_str(&err),
                           "template acknowledgement, line 2 of its body: unknown placeholder "
                           "{{nmae}}"));
    struct letter_template good = {"acknowledgement", "Re {{reference}}", "By {{reply_by}}."};
    assert_int_equal(store_letter_template_put(f->s, &good, &by, &version, &err), 0);
    assert_int_equal(version, 1);
    assert_int_equal(draft(f, m.ref, "acknowledgement", "reply three", &text, &err), 0);
    /* 28 working days: Easter and the early May bank holiday left out */
    assert_string_equal(buf_str(&text), "By 14 May 2026.");
    assert_int_equal(m.answer_due, D("2026-05-14"));
    assert_int_equal(reads(f, "reply three"), 0); /* no personal placeholder, no read */
    buf_free(&text);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_review_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retention_keeps_statistics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retention_leaves_no_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_letters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misdirected_spells, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
