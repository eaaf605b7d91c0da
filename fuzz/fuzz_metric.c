/*
 * fuzz_metric.c - libFuzzer target for `peel metric load`'s reader
 * (src/ingest/metric_file.c): CSV files of metric values from partners,
 * surveys and spreadsheets.
 *
 * A fresh in-memory store holds a small plan with one loaded metric of
 * each frequency and unit that matter. Each input is written to a file and
 * loaded. The oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refused file (2) says why, every line naming the file, and stores
 *    nothing; a store failure (1) never happens on a healthy store;
 *  - an accepted file, loaded a second time, changes nothing: every value
 *    is unchanged (a load is idempotent).
 */
#include "ingest/metric_file.h"
#include "ingest/plan_file.h"
#include "store/plans.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The plan is loaded from memory: its load records no real file's hash. */
#define FUZZ_PLAN_SHA256 "0000000000000000000000000000000000000000000000000000000000000000"

static const char plan_yaml[] =
    "id: fuzz\ntitle: t\nvision: v\nperiod: {from: 2020-04, to: 2025-03}\n"
    "missions:\n- id: m\n  title: M\n  strategies:\n  - id: s\n    title: S\n"
    "    success: a\n    delivery: b\n    measure: c\n    metrics:\n"
    "    - {id: pct, title: P, source: local-data, unit: percent, polarity: higher-is-better,"
    " frequency: quarterly, loaded: true}\n"
    "    - {id: cnt, title: C, source: local-data, unit: count, polarity: lower-is-better,"
    " frequency: monthly, loaded: true}\n"
    "    - {id: yn, title: Y, source: local-data, unit: yes-no, polarity: higher-is-better,"
    " frequency: annual, loaded: true}\n"
    "    - {id: rate, title: R, source: local-data, unit: rate-per-1000,"
    " polarity: lower-is-better, frequency: annual, loaded: true}\n"
    "    - {id: crime, title: X, source: local-data, unit: count, polarity: lower-is-better,"
    " definition: {crime-types: [Burglary]}}\n";

/* Opened once: a store with the plan, each input's load undone by making a
 * new store would cost more than the load itself. Values accumulate, which
 * exercises revisions too. */
static struct store *fuzz_store(void)
{
    static struct store *s;
    if (s)
        return s;
    struct buf err = BUF_INIT;
    struct plan p;
    struct plan_version v;
    bool unchanged;
    s = store_open(":memory:", STORE_READ_WRITE, &err);
    if (!s || !plan_parse_string("fuzz.yaml", plan_yaml, &p, &err) ||
        store_plan_save(s, &p, "0",
                        &(struct data_load){.path = "fuzz.yaml", .sha256 = FUZZ_PLAN_SHA256}, &v,
                        &unchanged, &err) != 0) {
        fprintf(stderr, "fuzz_metric: setup failed: %s\n", buf_str(&err));
        abort();
    }
    plan_free(&p);
    buf_free(&err);
    return s;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

static void check_refusal(const char *path, const struct buf *err)
{
    const char *line = buf_str(err);
    if (!*line)
        abort();
    while (*line) {
        if (strncmp(line, path, strlen(path)) != 0)
            abort(); /* a message that does not name the file */
        const char *next = strchr(line, '\n');
        line = next ? next + 1 : line + strlen(line);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_metric.%ld.csv", (long)getpid());
    write_input(path, data, size);
    struct store *s = fuzz_store();
    struct metric_load_counts first, again;
    struct buf err = BUF_INIT;
    int rc = metric_file_load(s, path, NULL, &first, &err);
    if (rc == 1)
        abort(); /* the store itself failed */
    if (rc == 2)
        check_refusal(path, &err);
    buf_reset(&err);
    if (rc == 0 && (metric_file_load(s, path, NULL, &again, &err) != 0 || again.added != 0 ||
                    again.revised != 0 || again.unchanged != first.read))
        abort(); /* loading the same file twice changed something */
    buf_free(&err);
    unlink(path);
    return 0;
}
