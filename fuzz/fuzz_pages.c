/*
 * fuzz_pages.c - libFuzzer target for the public site's pages made from a
 * hostile store: whatever police.uk rows and area names an import lets in,
 * every page of the site renders them escaped and without a server error.
 *
 * The input is street-crime rows (the header is given), then optionally a
 * line "--" and rows of an area lookup (lsoa_code,district,csp). Each input
 * builds a store file from them and a fixed plan, opens the site on it
 * (server_open, no network) and asks web_handle() for one page of every
 * template, and for the first area and metric pages the area list and the
 * home page link to (their names come from the input). The oracle:
 *  - no page answers 500: what an import accepts, the site can show;
 *  - no HTML page holds an element or an event-handler attribute that the
 *    data could have put there (the seeds put them in every field): every
 *    tag is read, quoted values skipped, as a browser reads it;
 *  - every JSON answer is JSON (jansson reads it);
 *  - a streamed download reads to its end;
 *  - no crash, leak, or undefined behaviour (ASan, UBSan).
 * Slow (a store and a site per input, about 50 ms): it is steered by the
 * page code alone (web/, instrumented), not by the import.
 */
#include "assess/crime_rows.h"
#include "fuzz_check.h"
#include "ingest/import.h"
#include "ingest/lookup.h"
#include "ingest/plan_file.h"
#include "store/plans.h"
#include "web/app.h"
#include "web/server.h"
#include "web/stream.h"

#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char plan_yaml[] = "id: fuzz\n"
                                "title: Fuzz plan\n"
                                "force: leicestershire\n"
                                "period: {from: 2022-04, to: 2025-03}\n"
                                "vision: A vision\n"
                                "missions:\n"
                                "  - id: m1\n"
                                "    title: Mission\n"
                                "    summary: A summary\n"
                                "    strategies:\n"
                                "      - id: s1\n"
                                "        title: Strategy\n"
                                "        success: Success\n"
                                "        delivery: Delivery\n"
                                "        measure: Measure\n"
                                "        metrics:\n"
                                "          - id: burglary\n"
                                "            title: Burglary\n"
                                "            source: national-measures\n"
                                "            unit: count\n"
                                "            polarity: lower-is-better\n"
                                "            definition:\n"
                                "              crime-types: [Burglary]\n";

static const char street_header[] = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,"
                                    "Location,LSOA code,LSOA name,Crime type,Last outcome "
                                    "category,Context\n";

static void write_file(const char *path, const char *head, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fputs(head, f) >= 0 && fwrite(p, 1, n, f) == n && fclose(f) == 0);
}

static void on_file(const struct ingest_file_report *r, void *arg)
{
    (void)r;
    (void)arg;
}

/* The store the site will read: the plan, the rows, the lookup. */
static void build_store(const char *dir, const char *db, const uint8_t *data, size_t size)
{
    const uint8_t *cut = memmem(data, size, "\n--\n", 4);
    size_t crimes = cut ? (size_t)(cut - data) + 1 : size;
    char csv[256], areas[256];
    snprintf(csv, sizeof csv, "%s/2023-03-leicestershire-street.csv", dir);
    snprintf(areas, sizeof areas, "%s/areas.csv", dir);
    write_file(csv, street_header, data, crimes);
    struct buf err = BUF_INIT;
    struct store *s = store_open(db, STORE_READ_WRITE, &err);
    CHECK(s);
    struct plan p;
    if (!plan_parse_string("fuzz.yaml", plan_yaml, &p, &err)) {
        fprintf(stderr, "fuzz_pages: %s\n", buf_str(&err));
        abort();
    }
    struct plan_version v;
    bool unchanged;
    struct data_load file = {
        .path = "fuzz.yaml",
        .sha256 = "0000000000000000000000000000000000000000000000000000000000000000"};
    CHECK(store_plan_save(s, &p, "fuzz", &file, &v, &unchanged, &err) == 0);
    plan_free(&p);
    struct ingest_options opt = {.command = "fuzz", .user = "fuzz", .on_file = on_file};
    struct ingest_totals tot;
    char *paths[] = {csv};
    CHECK(ingest_paths(s, paths, 1, &opt, &tot, &err) != 1);
    if (cut) {
        write_file(areas, "lsoa_code,district,csp\n", cut + 4, size - crimes - 3);
        struct area_options aopt = {0};
        struct lookup_result res = {0};
        CHECK(lookup_import_areas(s, areas, &aopt, &res, &err) != 1);
        buf_free(&res.groupings);
    }
    long rendered;
    CHECK(export_refresh(s, &rendered, &err) == 0);
    store_close(s);
    buf_free(&err);
}

static void injected(const char *target, const char *what, const char *at)
{
    fprintf(stderr, "fuzz_pages: %s: %s at \"%.60s\"\n", target, what, at);
    abort();
}

/* Markup the data could have brought: none may reach a page. Each tag is
 * read as a browser would (quoted attribute values skipped): no element
 * that runs or fetches, none Peel never writes, no event handler. Text
 * between tags may say anything: it is escaped. */
static void check_html(const char *target, const char *body)
{
    static const char *const never[] = {"script", "img", "iframe", "object", "embed", "x-"};
    for (const char *p = body; (p = strchr(p, '<')) != NULL;) {
        const char *tag = ++p;
        if (!isalpha((unsigned char)*tag))
            continue;
        for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
            if (strncasecmp(tag, never[i], strlen(never[i])) == 0)
                injected(target, "an element the data brought", tag - 1);
        char quote = 0;
        for (; *p && (quote || *p != '>'); p++) {
            if (quote) {
                quote = *p == quote ? 0 : quote;
            } else if (*p == '"' || *p == '\'') {
                quote = *p;
            } else if (isspace((unsigned char)p[0]) && strncasecmp(p + 1, "on", 2) == 0) {
                const char *q = p + 3;
                while (isalpha((unsigned char)*q))
                    q++;
                if (*q == '=' && q > p + 3)
                    injected(target, "an event handler", tag - 1);
            }
        }
    }
}

/* GETs target and checks the answer; the body is kept in *out (freed by
 * the caller) when keep is set. */
static void get(struct server_ctx *ctx, const char *target, struct buf *keep)
{
    struct web_in in = {
        .method = "GET", .target = target, .target_len = strlen(target), .client = "fuzz"};
    struct web_response rs;
    web_handle(ctx, &in, &rs);
    if (rs.status >= 500 && rs.status != 503) {
        fprintf(stderr, "fuzz_pages: %s answered %d\n", target, rs.status);
        abort();
    }
    if (rs.stream) {
        char part[65536];
        ssize_t n;
        while ((n = web_stream_read(rs.stream, part, sizeof part)) > 0)
            buf_append(&rs.body, part, (size_t)n);
        CHECK(n == 0);
    }
    if (rs.status == 200 && rs.format == WEB_JSON) {
        json_error_t e;
        json_t *j = json_loadb(rs.body.p ? rs.body.p : "", rs.body.len, 0, &e);
        if (!j) {
            fprintf(stderr, "fuzz_pages: %s: not JSON: %s\n", target, e.text);
            abort();
        }
        json_decref(j);
    }
    if (rs.format == WEB_HTML)
        check_html(target, buf_str(&rs.body));
    if (keep)
        buf_append(keep, buf_str(&rs.body), rs.body.len);
    web_response_free(&rs);
}

/* Follows the first few links to pages under prefix on a page. */
static void follow(struct server_ctx *ctx, const char *page, const char *prefix, int most)
{
    struct buf body = BUF_INIT, link = BUF_INIT;
    get(ctx, page, &body);
    char pat[64];
    snprintf(pat, sizeof pat, "href=\"%s", prefix);
    const char *at = buf_str(&body);
    for (int n = 0; n < most && (at = strstr(at, pat)) != NULL; n++) {
        at += 6;
        const char *end = strchr(at, '"');
        if (!end)
            break;
        buf_reset(&link);
        buf_append(&link, at, (size_t)(end - at));
        /* the link is HTML-escaped: &amp; is the only entity an address holds */
        for (char *amp; (amp = strstr(link.p, "&amp;")) != NULL;)
            memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
        get(ctx, buf_str(&link), NULL);
        at = end;
    }
    buf_free(&body);
    buf_free(&link);
}

static const char *const pages[] = {
    "/",
    "/plan/m1",
    "/plan/m1/s1",
    "/metric/burglary",
    "/metric/burglary.csv",
    "/metric/burglary.json",
    "/api/metrics.json",
    "/explore",
    "/explore?group_by=crime_type&from=2023-03&to=2023-03",
    "/explore.json?group_by=lsoa_name,district",
    "/explore.csv?from=2023-03&to=2023-03",
    "/explore.json?from=2023-03&to=2023-03",
    "/open-data",
    "/reports",
    /* the districts (the input's names) as the crimes' hexagons; the data, not
     * the drawing, whose fonts (fontconfig) live until exit */
    "/grants/map.json",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[64], db[96];
    snprintf(dir, sizeof dir, "/tmp/fuzz_pages.%ld", (long)getpid());
    mkdir(dir, 0700);
    snprintf(db, sizeof db, "%s/peel.db", dir);
    unlink(db);
    build_store(dir, db, data, size);

    struct server_ctx ctx;
    struct server_options o = {.db_path = db, .threads = 1};
    struct buf err = BUF_INIT;
    CHECK(server_open(&ctx, &o, &err) == 0);
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        get(&ctx, pages[i], NULL);
    follow(&ctx, "/area", "/area/", 4);
    follow(&ctx, "/metric/burglary", "/area/", 2);
    server_close(&ctx);
    buf_free(&err);
    return 0;
}
