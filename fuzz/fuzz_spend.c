/*
 * fuzz_spend.c - libFuzzer target for the spend importer
 * (src/ingest/spend_file.c, `peel spend import`) on an in-memory store
 * kept across inputs, so that later inputs meet published months. The
 * first byte chooses whether a reason is given (odd: yes); the rest is the
 * file, as CSV (the .xlsx path under it is fuzz_xlsx's). The oracle:
 *  - the importer never crashes, leaks or reads out of bounds (ASan,
 *    UBSan), and the store never fails;
 *  - a refusal says why, every line naming the file, and stores nothing
 *    (no version is added);
 *  - an import stores exactly the month versions it reports, each with
 *    the items and total it reports;
 *  - every stored version is whole: its items add up to its total, each
 *    dated in its month, and each item redacted as an individual's has
 *    the redaction text in place of the name, as many as the version
 *    counts (a name redacted by rule is never stored).
 */
#include "fuzz_check.h"
#include "ingest/spend_file.h"

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
        fprintf(stderr, "fuzz_spend: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

/* The items of one version, as counted from its rows. */
struct tally {
    const char *month;
    long items, redacted;
    int64_t total_pence;
};

static void count_item(void *arg, enum spend_body body, int version, const struct spend_item *it)
{
    (void)body, (void)version;
    struct tally *t = arg;
    t->items++;
    t->total_pence += it->amount_pence;
    CHECK(strncmp(it->date, t->month, 7) == 0 && *it->txn);
    if (it->redacted) {
        t->redacted++;
        CHECK(strcmp(it->supplier, SPEND_REDACTED) == 0);
    }
}

/* Each version checked against its items; the count of versions. */
struct versions {
    struct store *s;
    size_t n;
    const struct spend_file_report *rep; /* the import's, or NULL */
    size_t reported;                     /* of rep's months found stored as reported */
};

static void check_version(void *arg, const struct spend_version_row *v)
{
    struct versions *vs = arg;
    vs->n++;
    struct spend_filter f;
    spend_filter_default(&f);
    f.body = (int)v->body;
    f.month = v->month;
    f.version = v->version;
    struct tally t = {v->month, 0, 0, 0};
    struct buf err = BUF_INIT;
    if (store_spend_items(vs->s, &f, count_item, &t, &err) < 0)
        abort();
    buf_free(&err);
    CHECK(t.items == v->items && t.total_pence == v->total_pence && t.redacted == v->redacted);
    for (size_t i = 0; vs->rep && i < vs->rep->nmonths; i++) {
        const struct spend_file_month *m = &vs->rep->months[i];
        if (m->outcome.version == v->version && m->body == v->body &&
            strcmp(m->month, v->month) == 0) {
            CHECK((long)m->items == v->items && m->total_pence == v->total_pence);
            vs->reported++;
        }
    }
}

static size_t versions(struct store *s, const struct spend_file_report *rep, size_t *reported)
{
    struct versions vs = {s, 0, rep, 0};
    struct buf err = BUF_INIT;
    if (store_spend_versions(s, check_version, &vs, &err) < 0)
        abort();
    buf_free(&err);
    if (reported)
        *reported = vs.reported;
    return vs.n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_spend.%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1 || fclose(f) != 0)
        abort();
    struct store *s = fuzz_store();
    struct spend_file_options o = {.body = SPEND_PCC, .reason = (data[0] & 1) ? "fuzz" : NULL};
    struct spend_file_report rep;
    struct buf err = BUF_INIT;
    size_t before = versions(s, NULL, NULL);
    int rc = spend_file_import(s, path, &o, &(struct audit_origin){"fuzz", "fuzz"}, &rep, &err);
    CHECK(rc != 1); /* the store itself failed */
    if (rc == 2)
        check_refusal_names(path, buf_str(&err));
    size_t published = 0, reported;
    for (size_t i = 0; i < rep.nmonths; i++)
        published += rep.months[i].outcome.version != 0;
    /* stored what was reported (a refusal reports none), as reported */
    CHECK(versions(s, &rep, &reported) == before + published && reported == published);
    spend_file_report_free(&rep);
    buf_free(&err);
    unlink(path);
    return 0;
}
