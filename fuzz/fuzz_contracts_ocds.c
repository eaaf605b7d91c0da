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
 *    two contracts' (a process's buyer, method, funding and missions are
 *    one for all its contracts: contracts of one ocid that differ in
 *    them do not read back as they were).
 * The store, the import and the checks both contracts fuzzers share are
 * fuzz_contracts.h's.
 */
#include "assess/contract_tables.h"
#include "fuzz_contracts.h"

#include <unistd.h>

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

static void keys_checked(const struct contract_row *r)
{
    CHECK(keys_stored_form(r->c.serves));
}

/* Whether an ocid is given to two contracts (a process of several, or a
 * later input gave a published contract's ocid to another). */
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

/* Imports bytes as the package at path, the first byte's choices (see
 * the top) in how. */
static int import(struct store *s, const char *path, const uint8_t *p, size_t n, uint8_t how,
                  size_t *published, struct buf *err)
{
    return fuzz_contracts_import(s, path, p, n, (how & 2) ? CONTRACT_PCC : -1,
                                 (how & 1) ? "fuzz" : NULL, published, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_contracts_ocds.%ld.json", (long)getpid());
    struct store *s = fuzz_contracts_store("fuzz_contracts_ocds");
    struct buf err = BUF_INIT;
    size_t before = fuzz_contract_versions(s, keys_checked), published = 0;
    int rc = import(s, path, data + 1, size - 1, data[0], &published, &err);
    fuzz_contracts_check_import(path, rc, &err, before, published,
                                fuzz_contract_versions(s, keys_checked));
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
