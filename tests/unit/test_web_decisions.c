/*
 * test_web_decisions.c - the decision register on the public site, driven
 * through web_handle on a store whose decisions were made through the
 * store's API with hostile text (a script, an attribute break-out, a
 * CDATA end, a javascript: document link) and an exempt marker in every
 * exempt place: an exempt part, a withheld decision's whole text and a
 * draft never decided.
 *
 * Checks status codes (200; 400 for a bad filter; 404 for an unknown,
 * malformed or unpublished slug or version), that nothing reaches a page
 * or the feed unescaped, that the marker reaches nothing, that a withheld
 * decision is only its stub, the CSV and JSON shapes, and that the Atom
 * feed is well-formed XML with absolute links from --public-url.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fixtures.h"
#include "store/accounts.h"
#include "store/decisions.h"
#include "web/app.h"
#include "web/server.h"

#define MARKER  "EXEMPT-7f3a9c"
#define HOSTILE "<script>alert(1)</script> \"><img src=x onerror=alert(1)> ]]> &amp;"

static const char plan_yaml[] = "id: p\n"
                                "title: \"<script>alert(1)</script> plan\"\n"
                                "force: leicestershire\n"
                                "period: {from: 2024-05, to: 2029-03}\n"
                                "vision: v\n"
                                "missions:\n"
                                "  - id: m1\n"
                                "    title: M\n"
                                "    summary: S\n"
                                "    strategies:\n"
                                "      - id: s1\n"
                                "        title: S\n"
                                "        success: S\n"
                                "        delivery: D\n"
                                "        measure: M\n"
                                "        metrics:\n"
                                "          - id: burglary\n"
                                "            title: Burglary\n"
                                "            source: national-measures\n"
                                "            unit: count\n"
                                "            polarity: lower-is-better\n"
                                "            definition:\n"
                                "              crime-types: [Burglary]\n";

static const struct audit_origin as_off = {"off", "test"}, as_cfo = {"cfo", "test"},
                                 as_mo = {"mo", "test"}, as_pcc = {"pcc", "test"};

struct fixture {
    char *dir, *db;
    struct server_ctx server;
};

static void staff(struct store *s)
{
    static const char *const who[][2] = {{"off", "officer"},
                                         {"cfo", "finance-officer"},
                                         {"mo", "monitoring-officer"},
                                         {"pcc", "commissioner"}};
    struct buf err = BUF_INIT;
    for (size_t i = 0; i < 4; i++) {
        struct account a = {.username = who[i][0], .name = "N", .role = who[i][1]};
        assert_int_equal(store_account_add(s, &a, "$argon2id$x", &as_off, &err), 0);
    }
    buf_free(&err);
}

/* Drafted with this text and signed off; decided on `on` unless NULL. */
static void drafted(struct store *s, const char *ref, const struct decision_text *t, const char *on)
{
    struct buf err = BUF_INIT;
    struct decision_new d = {ref, "Subject " HOSTILE, DECISION_CONTRACT, NULL};
    assert_int_equal(store_decision_add(s, &d, t, &as_off, &err), 0);
    if (on) {
        assert_int_equal(store_decision_signoff(s, ref, SIGNOFF_FINANCE, NULL, &as_cfo, &err), 0);
        assert_int_equal(store_decision_signoff(s, ref, SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
        assert_int_equal(store_decision_decide(s, ref, on, &as_pcc, &err), 0);
    }
    buf_free(&err);
}

static void register_of(struct store *s)
{
    struct buf err = BUF_INIT;
    struct decision_text open = {.title = "Title " HOSTILE,
                                 .summary = "Summary " HOSTILE,
                                 .decision = "Award",
                                 .financial = "Within budget",
                                 .amount_pence = 1234567},
                         secret = {MARKER, MARKER, MARKER, MARKER, MARKER, MARKER, MARKER,
                                   999,    MARKER, MARKER, MARKER, MARKER, MARKER};
    drafted(s, "PCC/2026/001", &open, NULL);
    assert_int_equal(store_decision_exempt(s, "PCC/2026/001", "financial", MARKER " unit prices",
                                           "s.43", NULL, &as_mo, &err),
                     0);
    assert_int_equal(
        store_decision_signoff(s, "PCC/2026/001", SIGNOFF_FINANCE, NULL, &as_cfo, &err), 0);
    assert_int_equal(
        store_decision_signoff(s, "PCC/2026/001", SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
    assert_int_equal(store_decision_decide(s, "PCC/2026/001", "2026-01-10", &as_pcc, &err), 0);
    assert_int_equal(store_decision_publish(s, "PCC/2026/001", &as_off, &err), 0);
    /* a second part, released at its review: public from then on */
    assert_int_equal(store_decision_exempt(s, "PCC/2026/001", "legal", "Counsel " HOSTILE, "s.42",
                                           "2026-06-01", &as_mo, &err),
                     0);
    assert_int_equal(store_decision_review(s, "PCC/2026/001", "legal", true, NULL,
                                           "Advice waived " HOSTILE, &as_mo, &err),
                     0);
    assert_int_equal(store_decision_document(s, "PCC/2026/001", "Bad " HOSTILE,
                                             "javascript:alert(1)", NULL, true, &as_off, &err),
                     0);
    assert_int_equal(store_decision_document(s, "PCC/2026/001", "Record",
                                             "https://opcc.example/r.pdf", NULL, true, &as_off,
                                             &err),
                     0);
    open.amount_pence = 1500000;
    assert_int_equal(
        store_decision_correct(s, "PCC/2026/001", &open, "Typo " HOSTILE, &as_pcc, &err), 0);
    drafted(s, "PCC/2026/002", &secret, "2026-02-01"); /* withheld whole */
    assert_int_equal(store_decision_withhold(s, "PCC/2026/002", "s.40", NULL, MARKER, &as_mo, &err),
                     0);
    drafted(s, "PCC/2026/003", &secret, NULL); /* a draft, never decided */
    open.amount_pence = 50000;
    drafted(s, "A-1/2", &open, "2025-06-01"); /* published, then rescinded */
    assert_int_equal(store_decision_publish(s, "A-1/2", &as_off, &err), 0);
    assert_int_equal(store_decision_rescind(s, "A-1/2", "Superseded", &as_pcc, &err), 0);
    buf_free(&err);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/peel.db", f->dir);
    f->db = buf_detach(&path);
    struct store *s = fixture_plan_store(f->db, plan_yaml);
    staff(s);
    register_of(s);
    store_close(s);
    fixture_server_open(
        &f->server, (struct server_options){
                        .db_path = f->db, .threads = 2, .public_url = "https://pcc.example.org/"});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    server_close(&f->server);
    fixture_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static struct web_response rs;

static int get(void **state, const char *target)
{
    struct fixture *f = *state;
    struct web_in in = {
        .method = "GET", .target = target, .target_len = strlen(target), .client = "test"};
    web_response_free(&rs);
    web_handle(&f->server, &in, &rs);
    return rs.status;
}

static const char *body(void)
{
    return buf_str(&rs.body);
}

static const char *header(const char *name)
{
    const char *v = web_response_header(&rs, name);
    return v ? v : "";
}

/* No exempt text in any format; in HTML and XML nothing hostile as markup
 * (CSV and JSON carry the text as it is: they are data, sent as such). */
static void check_clean(void)
{
    assert_null(strstr(body(), MARKER));
    const char *type = header("Content-Type");
    if (strncmp(type, "text/html", 9) != 0 && strncmp(type, "application/atom+xml", 20) != 0)
        return;
    assert_null(strcasestr(body(), "<script"));
    assert_null(strstr(body(), "<img src=x"));
    assert_null(strstr(body(), "\"><img"));
    assert_null(strstr(body(), "javascript:"));
}

static void status_codes(void **state)
{
    static const char *const ok[] = {"/decisions",
                                     ("/decisions?q=award&year=2026&status=published&type=contract"
                                      "&min=10%2C000&max=%C2%A339%2C305.40&page=1&size=100"),
                                     "/decisions?year=&min=&utm_source=x",
                                     "/decisions.csv",
                                     "/decisions.json?year=2026",
                                     "/decisions.atom",
                                     "/decisions/PCC-2026-001",
                                     "/decisions/PCC-2026-001.csv",
                                     "/decisions/PCC-2026-001.json",
                                     "/decisions/PCC-2026-001/version/1",
                                     "/decisions/PCC-2026-001/version/2.json",
                                     "/decisions/PCC-2026-002",
                                     "/decisions/A--1-2",
                                     "/decisions/forward-plan",
                                     "/decisions/forward-plan.csv",
                                     "/decisions/forward-plan.json",
                                     "/open-data"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(get(state, ok[i]), 200);
        check_clean();
    }
    static const char *const bad[] = {"/decisions?min=abc",       "/decisions?max=1,00",
                                      "/decisions?min=-5",        "/decisions?year=20x6",
                                      "/decisions?status=draft",  "/decisions?type=nope",
                                      "/decisions?size=101",      "/decisions?page=0",
                                      "/decisions?min=20&max=10", "/decisions.csv?min=x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(get(state, bad[i]), 400);
        check_clean();
    }
    assert_int_equal(get(state, "/decisions?min=abc"), 400);
    assert_non_null(strstr(body(), "The lowest value must be an amount in pounds"));
    static const char *const missing[] = {"/decisions/PCC-2026-009",
                                          "/decisions/PCC-2026-003", /* a draft */
                                          "/decisions/A---1",
                                          "/decisions/%3Cscript%3E",
                                          "/decisions/PCC-2026-001/version/3",
                                          "/decisions/PCC-2026-001/version/0",
                                          "/decisions/PCC-2026-001/version/x",
                                          "/decisions/PCC-2026-001.xml"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
        assert_int_equal(get(state, missing[i]), 404);
}

static void register_page(void **state)
{
    assert_int_equal(get(state, "/decisions"), 200);
    assert_non_null(strstr(body(), "3 decisions match."));
    assert_non_null(strstr(body(), "aria-current=\"page\">Decisions</a>"));
    assert_non_null(strstr(body(), "<link rel=\"alternate\" type=\"application/atom+xml\""));
    assert_non_null(strstr(body(), "<label for=\"min\">"));
    assert_non_null(strstr(body(), "<a href=\"/decisions/PCC-2026-001\">PCC/2026/001</a>"));
    assert_non_null(strstr(body(), "Title &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(body(), "exempt (s.40 Personal information)"));
    assert_non_null(strstr(body(), "\xc2\xa3"
                                   "15,000.00"));
    /* newest first */
    assert_true(strstr(body(), "PCC/2026/002") < strstr(body(), "PCC/2026/001"));
    assert_true(strstr(body(), "PCC/2026/001") < strstr(body(), "A-1/2"));
    /* filters: value in pounds as typed; a stub has no value to match */
    assert_int_equal(get(state, "/decisions?min=%C2%A31%2C000&max=15%2C000"), 200);
    assert_non_null(strstr(body(), "1 decision match."));
    assert_int_equal(get(state, "/decisions?status=withheld"), 200);
    assert_non_null(strstr(body(), "1 decision match."));
    /* the exempt text is not searchable, operators typed are only words */
    assert_int_equal(get(state, "/decisions?q=EXEMPT+7f3a9c"), 200);
    assert_non_null(strstr(body(), "0 decisions match."));
    assert_int_equal(get(state, "/decisions?q=%22award%22+OR+NEAR(x*"), 200);
    /* paging keeps the filters */
    assert_int_equal(get(state, "/decisions?size=1&year=2026&q=%3Cb%3E"), 200);
    assert_int_equal(get(state, "/decisions?size=1&status=withheld&page=1"), 200);
    assert_int_equal(get(state, "/decisions?size=1"), 200);
    assert_non_null(strstr(body(), "Page 1 of 3"));
    assert_non_null(strstr(body(), "rel=\"next\" href=\"/decisions?size=1&amp;page=2\""));
}

static void one_decision(void **state)
{
    assert_int_equal(get(state, "/decisions/PCC-2026-001"), 200);
    assert_non_null(strstr(body(), "<h2>Reasons for the decision</h2>"));
    assert_non_null(strstr(body(), "<h2>Conflicts of interest and dispensations</h2>"));
    assert_non_null(strstr(body(), "Parts of the financial implications (s.43, Commercial "
                                   "interests) are exempt"));
    assert_non_null(strstr(body(), "<h2>Released after review</h2>"));
    assert_non_null(strstr(body(), "<p>Counsel &lt;script&gt;"));
    assert_non_null(strstr(body(), "Why: Advice waived &lt;script&gt;"));
    assert_non_null(strstr(body(), "Version 2</a> corrects version 1: Typo &lt;script&gt;"));
    assert_non_null(strstr(body(), "href=\"/decisions/PCC-2026-001/version/1\""));
    assert_non_null(
        strstr(body(), "rel=\"noopener noreferrer\" href=\"https://opcc.example/r.pdf\""));
    assert_non_null(strstr(body(), "Bad &lt;script&gt;")); /* named, not linked */
    assert_int_equal(get(state, "/decisions/PCC-2026-001/version/1"), 200);
    assert_non_null(strstr(body(), "This is version 1. The current version is 2"));
    assert_non_null(strstr(body(), "\xc2\xa3"
                                   "12,345.67"));
    /* a withheld decision: its stub and nothing more */
    assert_int_equal(get(state, "/decisions/PCC-2026-002"), 200);
    assert_non_null(strstr(body(), "Exempt under s.40 Personal information: only this record is "
                                   "published."));
    assert_null(strstr(body(), "<h2>Summary</h2>"));
    assert_null(strstr(body(), "Documents"));
    assert_int_equal(get(state, "/decisions/A--1-2"), 200);
    assert_non_null(strstr(body(), "This decision was rescinded.</strong> Why: Superseded"));
    assert_non_null(strstr(body(), "rescinds version 1: Superseded"));
}

static void data_forms(void **state)
{
    assert_int_equal(get(state, "/decisions.csv"), 200);
    assert_string_equal(header("Content-Type"), "text/csv; charset=utf-8; header=present");
    assert_int_equal(strncmp(body(), "reference,date,status,type,subject,title,", 41), 0);
    assert_non_null(strstr(body(), ",1500000,15000.00,"));
    assert_int_equal(get(state, "/decisions.json"), 200);
    assert_int_equal(body()[0], '[');
    assert_non_null(strstr(body(), "\"amount_pence\": 1500000"));
    assert_non_null(strstr(body(), "\"amount_pounds\": \"15000.00\""));
    assert_non_null(strstr(body(), "\"exempt_ground\": \"s.40 Personal information\""));
    assert_non_null(strstr(body(), "\"exempt_fields\": \"financial:s.43\""));
    assert_int_equal(get(state, "/decisions/PCC-2026-001/version/1.json"), 200);
    assert_non_null(strstr(body(), "\"amount_pence\": 1234567"));
    assert_non_null(strstr(body(), "\"amount_pounds\": \"12345.67\""));
    assert_int_equal(get(state, "/decisions/forward-plan.csv"), 200);
    assert_int_equal(strncmp(body(), "planned_for,reference,subject,taken_on,outcome", 46), 0);
    assert_int_equal(get(state, "/open-data"), 200);
    assert_non_null(strstr(body(), "href=\"/decisions.atom\""));
}

/* Well-formed enough to parse: every tag closed in order, every '&' an
 * entity, no '<' in text, no control characters. (The integration test
 * also parses the feed with Python's XML parser.) */
static bool well_formed(const char *x)
{
    const char *stack[64];
    size_t depth = 0;
    if (strncmp(x, "<?xml ", 6) != 0 || !(x = strstr(x, "?>")))
        return false;
    for (const char *p = x + 2; *p; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
            return false;
        if (*p == '&' && strspn(p + 1, "abcdefghijklmnopqrstuvwxyz#0123456789") == 0)
            return false;
        if (*p != '<')
            continue;
        const char *end = strchr(p, '>');
        if (!end || memchr(p + 1, '<', (size_t)(end - p - 1)))
            return false;
        size_t n = strcspn(p + 1, " />");
        if (p[1] == '/') {
            n = strcspn(p + 2, ">");
            if (!depth || strncmp(stack[--depth], p + 2, n) != 0)
                return false;
        } else if (end[-1] != '/') {
            if (depth == 64)
                return false;
            stack[depth++] = p + 1;
        }
        (void)n;
        p = end;
    }
    return depth == 0;
}

static void feed(void **state)
{
    assert_int_equal(get(state, "/decisions.atom"), 200);
    assert_string_equal(header("Content-Type"), "application/atom+xml; charset=utf-8");
    check_clean();
    assert_true(well_formed(body()));
    assert_non_null(strstr(body(), "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert_non_null(strstr(body(), "<link rel=\"self\" type=\"application/atom+xml\" "
                                   "href=\"https://pcc.example.org/decisions.atom\"/>"));
    assert_non_null(
        strstr(body(), "<id>https://pcc.example.org/decisions/PCC-2026-001/version/2</id>"));
    /* published: the decision's date; updated: when it changed, a time that is
     * not the decision's date (the store records changes as they happen) */
    assert_non_null(strstr(body(), "<published>2026-02-01T00:00:00Z</published>"));
    const char *upd = strstr(body(), "</id>\n<link rel=\"alternate\"");
    assert_non_null(upd = upd ? strstr(upd, "<updated>") : NULL);
    assert_int_equal(strcspn(upd + 9, "<"), 20);
    assert_memory_not_equal(upd + 9, "2026-02-01T00:00:00Z", 20);
    assert_non_null(strstr(body(), "PCC/2026/002: exempt (s.40 Personal information)"));
    assert_non_null(strstr(body(), "]]&gt;"));
    size_t entries = 0;
    for (const char *p = body(); (p = strstr(p, "<entry>")); p++)
        entries++;
    assert_int_equal(entries, 3);
    /* the checker itself refuses what is not well-formed */
    assert_false(well_formed("<?xml version=\"1.0\"?><a><b></a></b>"));
    assert_false(well_formed("<?xml version=\"1.0\"?><a>x & y</a>"));
    assert_true(well_formed("<?xml version=\"1.0\"?><a><b/>x &amp; y</a>"));
}

static void forward_plan(void **state)
{
    assert_int_equal(get(state, "/decisions/forward-plan"), 200);
    assert_non_null(strstr(body(), "<h2 id=\"unplanned\">Taken without being on the forward plan"));
    /* taken and public: linked; the draft is not on the plan at all */
    assert_non_null(strstr(body(), "<a href=\"/decisions/PCC-2026-001\">"));
    assert_null(strstr(body(), "PCC/2026/003"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_codes), cmocka_unit_test(register_page),
        cmocka_unit_test(one_decision), cmocka_unit_test(data_forms),
        cmocka_unit_test(feed),         cmocka_unit_test(forward_plan),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    web_response_free(&rs);
    return rc;
}
