/*
 * fuzz_grants_received.c - libFuzzer target for `peel grants-received
 * import`'s reader (src/ingest/grants_received_file.c): a table of grants
 * received and its stated total, CSV (or .xlsx by its bytes).
 *
 * One in-memory store for every input. The first byte says whether a
 * --total is given as well (odd: "100"). The oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refused file (2) says why, every line naming the file, and stores
 *    nothing; the store never fails (1);
 *  - an accepted file adds exactly one load, whose lines add up to the
 *    total it stated, as the database then holds them.
 */
#include "ingest/grants_received_file.h"
#include "store/grants_received.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct store *fuzz_store(void)
{
    static struct store *s;
    struct buf err = BUF_INIT;
    if (!s && !(s = store_open(":memory:", STORE_READ_WRITE, &err))) {
        fprintf(stderr, "fuzz_grants_received: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

struct sums {
    int64_t pence;
    long lines;
};

static void add(void *arg, const struct grant_received_view *g)
{
    struct sums *t = arg;
    t->pence += g->amount_pence;
    t->lines++;
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
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_grants_received.%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1 || fclose(f) != 0)
        abort();
    struct store *s = fuzz_store();
    struct grants_file_options o = {.fy = "2021-22", .total = (data[0] & 1) ? "100" : NULL};
    struct grants_file_report rep;
    struct buf err = BUF_INIT;
    struct sums before = {0, 0}, after = {0, 0};
    if (store_grants_received(s, "2021-22", add, &before, &err) != 0)
        abort();
    int rc = grants_received_file_import(s, path, &o, &(struct audit_origin){"fuzz", "fuzz"}, &rep,
                                         &err);
    if (rc == 1)
        abort(); /* the store itself failed */
    if (rc == 2)
        check_refusal(path, &err);
    if (store_grants_received(s, "2021-22", add, &after, &err) != 0)
        abort();
    if (rc == 2 && (after.pence != before.pence || after.lines != before.lines))
        abort(); /* a refused file changed what is stored */
    if (rc == 0 && (after.pence != rep.total_pence || after.lines != (long)rep.lines ||
                    (o.total && rep.total_pence != 10000)))
        abort(); /* the load is not what was stated */
    buf_free(&err);
    unlink(path);
    return 0;
}
