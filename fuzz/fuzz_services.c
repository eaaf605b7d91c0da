/*
 * fuzz_services.c - libFuzzer target for `peel services import`'s reader
 * (src/ingest/service_file.c): a file of commissioned services, or of
 * their quarterly returns (--returns), CSV (or .xlsx by its bytes).
 *
 * One in-memory store for every input, holding from the start one service
 * (SV-1, with one outcome) that a returns file can report on. The first
 * byte chooses: bit 0 a returns file, bit 1 a --total of "100" as well,
 * bit 2 a --reason (so that a changed record may be published again).
 * The oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refused file (2) says why, every line naming the file, and stores
 *    nothing; the store never fails (1);
 *  - an accepted file publishes exactly the versions it reports, and a
 *    stated total it accepts is the one given.
 */
#include "fuzz_check.h"
#include "ingest/service_file.h"
#include "model/calendar.h"
#include "store/services.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct audit_origin fuzz_origin = {"fuzz", "fuzz"};

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

/* The store, with SV-1 published once. */
static struct store *fuzz_store(int today)
{
    static struct store *s;
    if (s)
        return s;
    static const char seed[] = "reference,service,provider,start date,annual value,outcomes\n"
                               "SV-1,Victims,Example CIC,2024-04-01,40000,Women supported = 100\n";
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_services.%ld.seed.csv", (long)getpid());
    write_file(path, (const uint8_t *)seed, sizeof seed - 1);
    struct buf err = BUF_INIT;
    struct service_file_report rep;
    struct service_file_options o = {.today = today};
    if (!(s = store_open(":memory:", STORE_READ_WRITE, &err)) ||
        service_file_import(s, SERVICE_FILE_SERVICES, path, &o, &fuzz_origin, &rep, &err) != 0) {
        fprintf(stderr, "fuzz_services: %s\n", buf_str(&err));
        abort();
    }
    service_file_report_free(&rep);
    unlink(path);
    buf_free(&err);
    return s;
}

static void count(void *arg, const void *row)
{
    (void)row;
    ++*(long *)arg;
}

static void count_service(void *arg, const struct service_row *r)
{
    count(arg, r);
}

static void count_return(void *arg, const struct service_return_row *r)
{
    count(arg, r);
}

/* Every version of every service, and the current returns. */
static long stored(struct store *s, enum service_file_kind kind)
{
    long n = 0;
    struct buf err = BUF_INIT;
    int rc = kind == SERVICE_FILE_SERVICES ? store_services(s, NULL, true, count_service, &n, &err)
                                           : store_service_returns(s, NULL, count_return, &n, &err);
    CHECK(rc >= 0);
    buf_free(&err);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int today = DATE_NONE;
    CHECK(date_parse("2026-01-01", 10, &today));
    struct store *s = fuzz_store(today);
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_services.%ld.csv", (long)getpid());
    write_file(path, data + 1, size - 1);
    enum service_file_kind kind = (data[0] & 1) ? SERVICE_FILE_RETURNS : SERVICE_FILE_SERVICES;
    struct service_file_options o = {.total = (data[0] & 2) ? "100" : NULL,
                                     .reason = (data[0] & 4) ? "corrected" : NULL,
                                     .today = today};
    struct service_file_report rep;
    struct buf err = BUF_INIT;
    long before = stored(s, kind);
    int rc = service_file_import(s, kind, path, &o, &fuzz_origin, &rep, &err);
    CHECK(rc != 1); /* the store itself failed */
    if (rc == 2)
        check_refusal_names(path, buf_str(&err));
    long after = stored(s, kind), published = 0;
    if (rc == 0) {
        for (size_t i = 0; i < rep.n; i++)
            published += rep.versions[i] != 0;
        /* what is stored is what the report says: a new version of a
         * service adds a row; of a return replaces it */
        CHECK(kind == SERVICE_FILE_SERVICES ? after - before == published : after >= before);
        /* a total accepted is the one given */
        CHECK(kind != SERVICE_FILE_SERVICES || !o.total ||
              (rep.stated && rep.total_pence == 10000));
        service_file_report_free(&rep);
    }
    CHECK(rc != 2 || after == before); /* a refused file stores nothing */
    buf_free(&err);
    unlink(path);
    return 0;
}
