/*
 * test_web_cache.c - the page cache: a page is kept and given back whole,
 * emptied when the data changes, and a page made before a change is never
 * kept after it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "web/cache.h"

static bool get(struct web_cache *c, const char *key, const char *want_body)
{
    char *body = NULL, etag[WEB_ETAG_SIZE], updated[STORE_TIME_SIZE];
    size_t len;
    enum web_format f;
    if (!web_cache_get(c, key, &body, &len, &f, etag, updated))
        return false;
    assert_int_equal(len, strlen(want_body));
    assert_memory_equal(body, want_body, len);
    assert_int_equal(f, WEB_JSON);
    assert_string_equal(etag, "\"tag\"");
    assert_string_equal(updated, "2024-03-01T09:30:00Z");
    free(body);
    return true;
}

static void put(struct web_cache *c, uint64_t g, const char *key, const char *body)
{
    web_cache_put(c, g, key, body, strlen(body), WEB_JSON, "\"tag\"", "2024-03-01T09:30:00Z");
}

static void kept_until_invalidated(void **state)
{
    (void)state;
    struct web_cache c;
    web_cache_init(&c);
    uint64_t g = web_cache_generation(&c);
    assert_false(get(&c, "a", ""));
    put(&c, g, "a", "[1]");
    put(&c, g, "b", "[2, 3]");
    put(&c, g, "a", "[changed]"); /* the first stays: same data, same page */
    assert_true(get(&c, "a", "[1]"));
    assert_true(get(&c, "b", "[2, 3]"));
    web_cache_invalidate(&c);
    assert_false(get(&c, "a", ""));
    assert_int_equal(c.bytes, 0);
    web_cache_free(&c);
}

static void stale_pages_are_not_kept(void **state)
{
    (void)state;
    struct web_cache c;
    web_cache_init(&c);
    uint64_t before = web_cache_generation(&c);
    web_cache_invalidate(&c); /* the data changed while the page was being made */
    put(&c, before, "a", "[old]");
    assert_false(get(&c, "a", ""));
    put(&c, web_cache_generation(&c), "a", "[new]");
    assert_true(get(&c, "a", "[new]"));
    web_cache_free(&c);
}

static void keys(void **state)
{
    (void)state;
    struct web_route r = {"/metric/:id", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, NULL};
    struct web_match m = {.route = &r, .nargs = 1, .format = WEB_CSV};
    m.args[0] = "burglary";
    char key[128];
    web_cache_key(&m, key, sizeof key);
    assert_string_equal(key, "/metric/:id|2|burglary");
    char tiny[8];
    web_cache_key(&m, tiny, sizeof tiny); /* truncated, never overrun */
    assert_int_equal(strlen(tiny), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_until_invalidated),
        cmocka_unit_test(stale_pages_are_not_kept),
        cmocka_unit_test(keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
