/*
 * test_web_app.c - the whole site as a function (web_handle), on a store
 * holding a hostile plan: every title a script or an attribute break-out.
 *
 * Checks status codes (200, 304, 400, 404, 405, 414), the headers every
 * response carries, that no value reaches a page unescaped, that ids are
 * percent-encoded in links and found again from them, that the data
 * forms are bare JSON arrays with snake_case keys, and that a client over
 * its budget of pages made afresh is refused them (429) but not the pages
 * already made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fixtures.h"
#include "ingest/plan_file.h"
#include "store/plans.h"
#include "web/app.h"
#include "web/server.h"

static const char hostile_plan[] =
    "id: hostile\n"
    "title: \"<script>alert(1)</script> plan\"\n"
    "force: leicestershire\n"
    "period: {from: 2024-05, to: 2029-03}\n"
    "vision: \"\\\" onmouseover=\\\"x <b>vision</b>\"\n"
    "missions:\n"
    "  - id: m1\n"
    "    title: \"<script>alert(1)</script> mission\"\n"
    "    summary: \"\\\" onmouseover=\\\"x\"\n"
    "    strategies:\n"
    "      - id: s1\n"
    "        title: \"\\\" onmouseover=\\\"x strategy\"\n"
    "        success: \"<img src=x onerror=alert(1)>\"\n"
    "        delivery: \"&amp; <i>\"\n"
    "        measure: \"'single' \\\"double\\\"\"\n"
    "        metrics:\n"
    "          - id: burglary\n"
    "            title: \"<script>alert(1)</script> burglary\"\n"
    "            source: national-measures\n"
    "            unit: count\n"
    "            polarity: lower-is-better\n"
    "            definition:\n"
    "              crime-types: [Burglary]\n"
    "          - id: \"odd id\\\"<x>\"\n"
    "            title: \"Loaded \\\" onmouseover=\\\"x\"\n"
    "            source: local-data\n"
    "            unit: percent\n"
    "            polarity: higher-is-better\n"
    "            target: {at-least: 90, text: \"<script>alert(1)</script>\"}\n"
    "            loaded: true\n";

struct fixture {
    char *dir, *db;
    struct server_ctx server;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = fixture_tmpdir();
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/peel.db", f->dir);
    f->db = buf_detach(&path);
    struct store *s = fixture_plan_store(f->db, hostile_plan);
    store_close(s);
    fixture_server_open(&f->server, (struct server_options){.db_path = f->db, .threads = 2});
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

/* GETs target (with If-None-Match / If-Modified-Since, when given). */
static int request(void **state, const char *method, const char *target, const char *inm,
                   const char *ims)
{
    struct fixture *f = *state;
    struct web_in in = {.method = method,
                        .target = target,
                        .target_len = target ? strlen(target) : 0,
                        .if_none_match = inm,
                        .if_modified_since = ims,
                        .client = "test"};
    web_response_free(&rs);
    web_handle(&f->server, &in, &rs);
    return rs.status;
}

static int get(void **state, const char *target)
{
    return request(state, "GET", target, NULL, NULL);
}

static const char *header(const char *name)
{
    return web_response_header(&rs, name);
}

static const char *body(void)
{
    return buf_str(&rs.body);
}

/* What every response must carry, whatever its status. */
static void check_security_headers(void)
{
    assert_string_equal(header("Content-Security-Policy"),
                        "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    assert_string_equal(header("X-Content-Type-Options"), "nosniff");
    assert_string_equal(header("Referrer-Policy"), "no-referrer");
    assert_non_null(strstr(header("Content-Type"), "charset=utf-8"));
}

/* No markup from the plan survives: no script element, no attribute
 * break-out, and the hostile text is there, escaped. */
static void check_escaped(void)
{
    assert_null(strcasestr(body(), "<script"));
    assert_null(strstr(body(), "\" onmouseover=\""));
    assert_null(strstr(body(), "<img src=x"));
    assert_null(strstr(body(), "<b>vision"));
    assert_null(strstr(body(), " style=\""));
}

static void pages_escape_everything(void **state)
{
    const char *pages[] = {"/", "/plan/m1", "/plan/m1/s1", "/metric/burglary",
                           "/metric/odd%20id%22%3Cx%3E"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        assert_int_equal(get(state, pages[i]), 200);
        assert_string_equal(header("Content-Type"), "text/html; charset=utf-8");
        check_security_headers();
        check_escaped();
        assert_non_null(strstr(body(), "<html lang=\"en\">"));
        assert_non_null(strstr(body(), "<main id=\"main\""));
    }
    get(state, "/");
    assert_non_null(strstr(body(), "&lt;script&gt;alert(1)&lt;/script&gt; plan"));
    assert_non_null(strstr(body(), "&quot; onmouseover=&quot;x &lt;b&gt;vision&lt;/b&gt;"));
    /* the odd id is encoded in its link, and found again from it */
    assert_non_null(strstr(body(), "href=\"/metric/odd%20id%22%3Cx%3E\""));
    get(state, "/plan/m1/s1");
    assert_non_null(strstr(body(), "&lt;img src=x onerror=alert(1)&gt;"));
    assert_non_null(strstr(body(), "&amp;amp; &lt;i&gt;"));
    assert_non_null(strstr(body(), "&#39;single&#39; &quot;double&quot;"));
}

static void one_h1(void **state)
{
    const char *pages[] = {"/", "/plan/m1", "/plan/m1/s1", "/metric/burglary", "/nowhere"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        get(state, pages[i]);
        const char *h1 = strstr(body(), "<h1>");
        assert_non_null(h1);
        assert_null(strstr(h1 + 1, "<h1"));
    }
}

static void errors(void **state)
{
    assert_int_equal(get(state, "/metric/no-such-metric"), 404);
    check_security_headers();
    check_escaped();
    assert_non_null(strstr(body(), "<h1>Page not found</h1>"));
    assert_string_equal(header("Cache-Control"), "no-store");
    assert_null(header("ETag"));
    assert_int_equal(get(state, "/no/such/page"), 404);
    assert_int_equal(get(state, "/plan/m1/nope"), 404);
    assert_int_equal(get(state, "/plan/nope"), 404);
    assert_int_equal(get(state, "/metric/%3Cscript%3E"), 404);
    check_escaped();
    assert_int_equal(get(state, "/metric/%zz"), 400);
    assert_non_null(strstr(body(), "<h1>Bad request</h1>"));
    check_security_headers();
    assert_int_equal(request(state, "POST", "/", NULL, NULL), 405);
    assert_string_equal(header("Allow"), "GET, HEAD");
    assert_int_equal(request(state, "DELETE", "/metric/burglary", NULL, NULL), 405);
    assert_int_equal(get(state, NULL), 414); /* too long to be kept */
    assert_int_equal(request(state, "HEAD", "/", NULL, NULL), 200);
}

static void bounded_parameters(void **state)
{
    struct buf t = BUF_INIT;
    buf_puts(&t, "/?");
    for (int i = 0; i < 21; i++)
        buf_printf(&t, "p%d=1&", i);
    assert_int_equal(get(state, t.p), 400);
    assert_non_null(strstr(body(), "more than 20 query parameters"));
    buf_reset(&t);
    buf_puts(&t, "/?q=");
    for (int i = 0; i < 300; i++)
        buf_putc(&t, 'x');
    assert_int_equal(get(state, t.p), 400);
    buf_reset(&t);
    buf_puts(&t, "/");
    for (int i = 0; i < 2100; i++)
        buf_putc(&t, 'x');
    assert_int_equal(get(state, t.p), 414);
    assert_int_equal(get(state, "/?utm_source=x"), 200); /* unknown parameters are ignored */
    buf_free(&t);
}

static void conditional_requests(void **state)
{
    assert_int_equal(get(state, "/metric/burglary"), 200);
    char etag[WEB_ETAG_SIZE], modified[WEB_DATE_SIZE];
    strcpy(etag, header("ETag"));
    strcpy(modified, header("Last-Modified"));
    assert_string_equal(header("Cache-Control"), "no-cache");
    assert_int_equal(request(state, "GET", "/metric/burglary", etag, NULL), 304);
    assert_int_equal(rs.body.len, 0);
    assert_string_equal(header("ETag"), etag);
    assert_int_equal(request(state, "GET", "/metric/burglary", "\"other\"", NULL), 200);
    assert_int_equal(request(state, "GET", "/metric/burglary", NULL, modified), 304);
    /* If-None-Match decides when both are sent */
    assert_int_equal(request(state, "GET", "/metric/burglary", "\"other\"", modified), 200);
    assert_int_equal(request(state, "GET", "/", etag, NULL), 200); /* another page's tag */
}

/* Every key snake_case, every element an object. */
static void check_bare_array(const char *text, size_t want)
{
    json_error_t e;
    json_t *root = json_loads(text, 0, &e);
    assert_non_null(root);
    assert_true(json_is_array(root));
    assert_int_equal(json_array_size(root), want);
    size_t i;
    json_t *row;
    json_array_foreach(root, i, row)
    {
        assert_true(json_is_object(row));
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v)
        {
            assert_true(strspn(key, "abcdefghijklmnopqrstuvwxyz_") == strlen(key));
        }
    }
    json_decref(root);
}

static void data_forms(void **state)
{
    assert_int_equal(get(state, "/api/metrics.json"), 200);
    assert_string_equal(header("Content-Type"), "application/json; charset=utf-8");
    assert_string_equal(header("Access-Control-Allow-Origin"), "*");
    check_security_headers();
    check_bare_array(body(), 2);
    assert_non_null(strstr(body(), "\"metric\": \"odd id\\\"<x>\"")); /* JSON-escaped, as data */
    assert_int_equal(get(state, "/metric/burglary.json"), 200);
    check_bare_array(body(), 0); /* no crimes imported: no values */
    assert_int_equal(get(state, "/metric/burglary.csv"), 200);
    assert_string_equal(header("Content-Type"), "text/csv; charset=utf-8; header=present");
    assert_string_equal(body(),
                        "period,value,mean,lower_process_limit,upper_process_limit,"
                        "lower_2_sigma,upper_2_sigma,variation,rule,rebase_group,limits_note\r\n");
    assert_int_equal(get(state, "/api/metrics.csv"), 200);
    assert_int_equal(get(state, "/static/peel.css"), 200);
    assert_string_equal(header("Content-Type"), "text/css; charset=utf-8");
    assert_non_null(header("ETag"));
    assert_null(header("Last-Modified"));
}

/* The area pages, the archive and the open data page on a store with a
 * plan and nothing else: each page says there is nothing yet, unknown
 * areas, versions and files are 404, and every page escapes the plan. */
static void area_archive_open_data(void **state)
{
    static const char *const ok[] = {"/area", "/area/force/leicestershire", "/reports",
                                     "/open-data"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(get(state, ok[i]), 200);
        check_security_headers();
        check_escaped();
        assert_non_null(strstr(body(), "<a href=\"/open-data\""));
    }
    assert_int_equal(get(state, "/area"), 200);
    assert_non_null(strstr(body(), "No street-level crime has been imported yet."));
    assert_non_null(strstr(body(), "<a href=\"/area\" aria-current=\"page\">Areas</a>"));
    assert_int_equal(get(state, "/reports"), 200);
    assert_non_null(strstr(body(), "Nothing has been published yet."));
    assert_int_equal(get(state, "/open-data"), 200);
    assert_non_null(strstr(body(), "Open Government Licence v3.0"));
    assert_non_null(strstr(body(), "hostile version 1")); /* the plan, as loaded */
    /* the kind of file in words (store/datasets.h), not the store's code */
    assert_non_null(strstr(body(), ">Police and Crime Plan</th>"));
    assert_null(strstr(body(), ">plan</th>"));
    static const char *const missing[] = {
        "/area/district/Charnwood",          "/area/force/other",
        "/area/force/leicestershire/trend",  "/area/district/Charnwood.csv",
        "/area/nogrouping/x/funnel.json",    "/reports/governance/2023-03/v1/index.html",
        "/reports/governance/2023-03/1/x",   "/reports/governance/2023-03/v1/..%2Fx",
        "/reports/a/b/v99999999/index.html", "/area/%3Cscript%3E/x"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        assert_int_equal(get(state, missing[i]), 404);
        check_security_headers();
        assert_null(strcasestr(body(), "<script"));
    }
}

/* GETs target from client on site, the answer into r. */
static int get_as(struct server_ctx *site, const char *client, const char *target,
                  struct web_response *r)
{
    struct web_in in = {
        .method = "GET", .target = target, .target_len = strlen(target), .client = client};
    web_response_free(r);
    web_handle(site, &in, r);
    return r->status;
}

/* A client that has spent its budget of pages made afresh (web/guard.h) is
 * told 429 and when to come back; pages already made are still served to
 * it, and another client has a budget of its own. The budget is a
 * nanosecond of CPU, which any page made costs: this holds however fast the
 * build and however busy the machine, as a budget of seconds would not. */
static void a_client_over_its_budget_still_gets_pages_made(void **state)
{
    struct fixture *f = *state;
    struct server_ctx site;
    fixture_server_open(
        &site, (struct server_options){.db_path = f->db, .threads = 1, .guard = {.budget = 1e-9}});
    struct web_response r = {0};
    assert_int_equal(get_as(&site, "a", "/metric/burglary", &r), 200); /* made: over budget */
    assert_int_equal(get_as(&site, "a", "/plan/m1/s1", &r), 429);
    const char *retry = web_response_header(&r, "Retry-After");
    assert_non_null(retry);
    assert_in_range(strtol(retry, NULL, 10), 1, 60);
    assert_int_equal(get_as(&site, "a", "/metric/burglary", &r), 200); /* from the cache */
    assert_int_equal(get_as(&site, "b", "/plan/m1/s1", &r), 200);
    web_response_free(&r);
    server_close(&site);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pages_escape_everything),
        cmocka_unit_test(one_h1),
        cmocka_unit_test(errors),
        cmocka_unit_test(bounded_parameters),
        cmocka_unit_test(conditional_requests),
        cmocka_unit_test(data_forms),
        cmocka_unit_test(area_archive_open_data),
        cmocka_unit_test(a_client_over_its_budget_still_gets_pages_made),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    web_response_free(&rs);
    return rc;
}
