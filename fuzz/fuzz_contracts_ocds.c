/*
 * fuzz_contracts_ocds.c - libFuzzer target for the contracts register's
 * import of Open Contracting Data Standard packages
 * (src/ingest/contract_ocds_file.c) on an in-memory store kept across
 * inputs, so that later inputs meet published contracts. The first byte
 * chooses whether a reason is given (bit 0) and --body pcc (bit 1); the
 * rest is the package's JSON. The oracle:
 *  - the importer never crashes, leaks or reads out of bounds (ASan,
 *    UBSan), and the store never fails;
 *  - a refusal says why, every line naming the file, and stores nothing;
 *  - an import stores exactly the versions it reports, and every stored
 *    version is whole (as fuzz_contracts checks), its plan keys in the
 *    stored form: m and a number, optionally .s and a number, ", " between;
 *  - the register's own OCDS package then imports into it publishing
 *    nothing (what it exported it reads back the same), while no ocid is
 *    two contracts'.
 */
#include "assess/contract_tables.h"
#include "fuzz_check.h"
#include "ingest/contract_file.h"
#include "model/calendar.h"

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
        fprintf(stderr, "fuzz_contracts_ocds: %s\n", buf_str(&err));
        abort();
    }
    buf_free(&err);
    return s;
}

/* The stored form of a list of plan keys. */
static bool keys_stored_form(const char *k)
{
    while (*k) {
        if (*k++ != 'm' || *k < '1' || *k > '9')
            return false;
        while (*k >= '0' && *k <= '9')
            k++;
        if (k[0] == '.' && k[1] == 's' && k[2] >= '1' && k[2] <= '9')
            for (k += 2; *k >= '0' && *k <= '9';)
                k++;
        if (*k && strncmp(k, ", ", 2) != 0)
            return false;
        k += *k ? 2 : 0;
    }
    return true;
}

static void check_version(void *arg, const struct contract_row *r)
{
    const struct contract *c = &r->c;
    (*(size_t *)arg)++;
    CHECK(*c->ref && strncmp(c->ocid, "ocds-", 5) == 0 && *c->title && c->value_pence >= 0);
    CHECK(strlen(c->start_on) == 10 && (!*c->end_on || strcmp(c->end_on, c->start_on) >= 0));
    CHECK(c->kind == CONTRACT_TENDER || *c->supplier);
    CHECK(r->version == 1 || *r->reason);
    CHECK(keys_stored_form(c->serves));
}

/* Whether an ocid is given to two contracts (a later input gave a
 * published contract's ocid to another): their releases do not read back
 * as one contract a process, and the import says so. */
struct pair {
    char *ocid, *ref;
};
struct pairs {
    struct pair *p; /* of each version */
    size_t n, cap;
};

static char *text_copy(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static void take_pair(void *arg, const struct contract_row *r)
{
    struct pairs *p = arg;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->p = realloc(p->p, p->cap * sizeof *p->p);
        if (!p->p)
            abort();
    }
    p->p[p->n++] = (struct pair){text_copy(r->c.ocid), text_copy(r->c.ref)};
}

static int by_ocid_ref(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = strcmp(x->ocid, y->ocid);
    return c ? c : strcmp(x->ref, y->ref);
}

static bool ocid_shared(struct store *s)
{
    struct pairs p = {NULL, 0, 0};
    struct buf err = BUF_INIT;
    if (store_contracts(s, NULL, true, take_pair, &p, &err) < 0)
        abort();
    buf_free(&err);
    if (p.n)
        qsort(p.p, p.n, sizeof *p.p, by_ocid_ref);
    bool shared = false;
    for (size_t i = 1; i < p.n; i++)
        shared |=
            strcmp(p.p[i].ocid, p.p[i - 1].ocid) == 0 && strcmp(p.p[i].ref, p.p[i - 1].ref) != 0;
    for (size_t i = 0; i < p.n; i++) {
        free(p.p[i].ocid);
        free(p.p[i].ref);
    }
    free(p.p);
    return shared;
}

static size_t versions(struct store *s)
{
    size_t n = 0;
    struct buf err = BUF_INIT;
    if (store_contracts(s, NULL, true, check_version, &n, &err) < 0)
        abort();
    buf_free(&err);
    return n;
}

/* Imports bytes as the package at path: the exit status and the number of
 * versions published. */
static int import(struct store *s, const char *path, const uint8_t *p, size_t n, uint8_t how,
                  size_t *published, struct buf *err)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
        abort();
    int today; /* a fixed day, so that a run repeats */
    if (!date_from_ymd(2026, 1, 1, &today))
        abort();
    struct contract_file_options o = {
        .body = (how & 2) ? CONTRACT_PCC : -1, .reason = (how & 1) ? "fuzz" : NULL, .today = today};
    struct contract_file_report rep;
    int rc = contract_file_import(s, path, &o, &(struct audit_origin){"fuzz", "fuzz"}, &rep, err);
    *published = 0;
    for (size_t i = 0; i < rep.n; i++)
        *published += rep.versions[i] != 0;
    contract_file_report_free(&rep);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_contracts_ocds.%ld.json", (long)getpid());
    struct store *s = fuzz_store();
    struct buf err = BUF_INIT;
    size_t before = versions(s), published = 0;
    int rc = import(s, path, data + 1, size - 1, data[0], &published, &err);
    CHECK(rc != 1); /* the store itself failed */
    if (rc == 2)
        check_refusal_names(path, buf_str(&err));
    CHECK(versions(s) == before + published);
    if (rc == 0 && published && !ocid_shared(s)) { /* its own package reads back the same */
        struct buf pkg = BUF_INIT;
        buf_reset(&err);
        CHECK(contracts_ocds_json(s, NULL, &pkg, &err) == 0);
        rc = import(s, path, (const uint8_t *)pkg.p, pkg.len, 0, &published, &err);
        if (rc != 0 || published != 0)
            fprintf(stderr, "%s\n", buf_str(&err));
        CHECK(rc == 0 && published == 0);
        buf_free(&pkg);
    }
    buf_free(&err);
    unlink(path);
    return 0;
}
