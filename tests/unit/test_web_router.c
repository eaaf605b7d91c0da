/*
 * test_web_router.c - paths matched to routes: literal segments,
 * arguments, the .csv / .json suffix only where a route allows it, and no
 * match for empty, extra or oversized segments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/router.h"

static void home(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}
static void mission(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}
static void strategy(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}
static void metric(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}
static void api(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    (void)rs;
}

static const struct web_route routes[] = {
    {"/", WEB_HTML, 0, false, 0, home},
    {"/plan/:mission", WEB_HTML, 0, false, 0, mission},
    {"/plan/:mission/:strategy", WEB_HTML, 0, false, 0, strategy},
    {"/metric/:id", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, metric},
    {"/api/metrics.json", WEB_JSON, 0, false, 0, api},
};

static struct web_match m;

/* The handler the path routes to, or NULL. */
static web_handler route(const char *path)
{
    struct web_target t;
    assert_int_equal(web_parse_target(path, strlen(path), &t), 200);
    return web_route_find(routes, sizeof routes / sizeof routes[0], &t, &m) ? m.route->handler
                                                                            : NULL;
}

static void literal_and_arguments(void **state)
{
    (void)state;
    assert_ptr_equal(route("/"), home);
    assert_int_equal(m.nargs, 0);
    assert_ptr_equal(route("/plan/victims"), mission);
    assert_string_equal(m.args[0], "victims");
    assert_ptr_equal(route("/plan/victims/justice"), strategy);
    assert_int_equal(m.nargs, 2);
    assert_string_equal(m.args[1], "justice");
    assert_ptr_equal(route("/api/metrics.json"), api);
    assert_int_equal(m.format, WEB_JSON);
    assert_ptr_equal(route("/plan/a%2Fb"), mission); /* an encoded slash stays in its segment */
    assert_string_equal(m.args[0], "a/b");
}

static void suffixes(void **state)
{
    (void)state;
    assert_ptr_equal(route("/metric/burglary"), metric);
    assert_int_equal(m.format, WEB_HTML);
    assert_ptr_equal(route("/metric/burglary.csv"), metric);
    assert_int_equal(m.format, WEB_CSV);
    assert_string_equal(m.args[0], "burglary");
    assert_ptr_equal(route("/metric/burglary.json"), metric);
    assert_int_equal(m.format, WEB_JSON);
    assert_string_equal(m.args[0], "burglary");
    assert_ptr_equal(route("/metric/.csv"), metric); /* nothing before it: an id, not a suffix */
    assert_int_equal(m.format, WEB_HTML);
    assert_string_equal(m.args[0], ".csv");
    assert_ptr_equal(route("/plan/victims.csv"), mission); /* no data form for this route */
    assert_int_equal(m.format, WEB_HTML);
    assert_string_equal(m.args[0], "victims.csv");
    assert_ptr_equal(route("/metric/a.json.csv"), metric);
    assert_string_equal(m.args[0], "a.json");
}

static void no_match(void **state)
{
    (void)state;
    assert_null(route("/metric"));
    assert_null(route("/metric/"));    /* an empty argument */
    assert_null(route("/metric/a/b")); /* one segment too many */
    assert_null(route("/plan/a/b/c"));
    assert_null(route("/Metric/burglary")); /* literals are exact */
    assert_null(route("/api/metrics.csv"));
    assert_null(route("/static/peel.css"));
    assert_null(route("//"));
    char path[300] = "/metric/";
    memset(path + 8, 'x', 257);
    path[8 + 257] = '\0';
    assert_null(route(path)); /* longer than any id can be */
    path[8 + 256] = '\0';
    assert_ptr_equal(route(path), metric);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literal_and_arguments),
        cmocka_unit_test(suffixes),
        cmocka_unit_test(no_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
