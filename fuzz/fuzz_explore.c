/*
 * fuzz_explore.c - libFuzzer target for the crime data explorer's
 * parameters (src/web/explore.c): what a stranger puts after /explore?.
 *
 * The input is a raw request target. The oracle, for every target the
 * bounded parser (web/params.h) accepts:
 *   - explore_parse() answers 200 or 400; a 400 has a reason that begins
 *     with a parameter's name and ':'; a 200 none;
 *   - an accepted query is within bounds: at most EXPLORE_MAX_VALUES crime
 *     types and outcomes, EXPLORE_MAX_GROUP dimensions, _size 0 (not given)
 *     or 1..EXPLORE_MAX_SIZE, _next >= 0, from <= to;
 *   - round trip: its canonical query string (explore_query_string, which
 *     the page links to) parses back to the same canonical string.
 *
 * Build and run (see fuzz/README.md):
 *   CC=clang cmake -S . -B build-fuzz -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
 *   make -C build-fuzz fuzz_explore
 *   build-fuzz/fuzz/fuzz_explore -max_total_time=60 /tmp/fuzzexplore fuzz/corpus/explore
 */
#include "fuzz_check.h"
#include "util/buf.h"
#include "web/explore.h"
#include "web/params.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct web_target t, again;
static struct explore_query x, y;

static void check_bounds(const struct explore_query *q)
{
    CHECK(q->q.ncrime_types >= 0 && q->q.ncrime_types <= EXPLORE_MAX_VALUES);
    CHECK(q->q.noutcomes >= 0 && q->q.noutcomes <= EXPLORE_MAX_VALUES);
    CHECK(q->q.ndims >= 0 && q->q.ndims <= EXPLORE_MAX_GROUP);
    CHECK(q->size >= 0 && q->size <= EXPLORE_MAX_SIZE);
    CHECK(q->next >= 0);
    CHECK(q->q.month_from < 0 || q->q.month_to < 0 || q->q.month_from <= q->q.month_to);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (web_parse_target((const char *)data, size, &t) != 200)
        return 0;
    struct buf err = BUF_INIT, q1 = BUF_INIT, q2 = BUF_INIT;
    int rc = explore_parse(&t, NULL, &x, &err);
    CHECK(rc == 200 || rc == 400);
    CHECK((rc == 400) == (err.len > 0));
    if (rc == 400)
        CHECK(strchr(buf_str(&err), ':') != NULL);
    if (rc == 200) {
        check_bounds(&x);
        buf_puts(&q1, "/explore?");
        explore_query_string(&x, true, x.next, &q1);
        /* the canonical string may exceed the bounds only if the input did */
        if (web_parse_target(q1.p, q1.len, &again) == 200) {
            CHECK(explore_parse(&again, NULL, &y, &err) == 200);
            buf_puts(&q2, "/explore?");
            explore_query_string(&y, true, y.next, &q2);
            CHECK(strcmp(q1.p, q2.p) == 0);
        }
    }
    buf_free(&err);
    buf_free(&q1);
    buf_free(&q2);
    return 0;
}
