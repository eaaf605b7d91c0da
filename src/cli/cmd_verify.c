/*
 * cmd_verify.c - `peel verify`: check the store whole (store/verify.h) and
 * exit non-zero naming every problem.
 *
 * The store is opened read-only: checking it must not change it (not even
 * by migrating it), and may run beside `peel serve`.
 */
#include "cli/commands.h"
#include "store/verify.h"
#include "render/table.h"
#include "store/store.h"

#include <stdio.h>

static void print_problem(void *arg, const char *check, const char *what)
{
    (void)arg;
    printf("%s: %s\n", check, what);
}

static int run_verify(int argc, char **argv, struct peel_ctx *ctx)
{
    (void)argv;
    if (argc != 1)
        return cli_usage_error(&cmd_verify, "takes no arguments");
    struct buf err = BUF_INIT;
    ctx->store = store_open(ctx->db_path, STORE_READ_ONLY, &err); /* closed by peel.c */
    struct verify_counts n;
    int rc = ctx->store ? store_verify(ctx->store, print_problem, NULL, &n, &err) : -1;
    if (rc < 0) {
        fprintf(stderr, "peel verify: %s\n", err.p);
        buf_free(&err);
        return 1;
    }
    char bytes[32];
    table_thousands(n.bytes, bytes, sizeof bytes);
    printf("%s: %ld published versions (%ld files, %s bytes) hashed again; integrity_check, "
           "foreign_key_check; %ld append-only triggers in place; the audit log's chain "
           "(%lld rows) hashed again\n",
           store_path(ctx->store), n.publications, n.files, bytes, n.triggers,
           (long long)n.audit_rows);
    if (n.problems)
        fprintf(stderr, "peel verify: %ld problem%s found (listed above)\n", n.problems,
                n.problems == 1 ? "" : "s");
    else
        printf("no problems found\n");
    buf_free(&err);
    return n.problems ? 1 : 0;
}

const struct peel_cmd cmd_verify = {
    "verify",
    run_verify,
    "check the store: published files' SHA-256, integrity, foreign keys, triggers, audit chain",
    "peel verify",
    "Checks that the store still holds what it says it holds, and exits 1 naming every\n"
    "problem (0 when there is none):\n"
    "\n"
    "  sha256             every published file's stored bytes hashed again against the\n"
    "                     SHA-256 recorded when it was published, and every published\n"
    "                     version's hash against its files' names and hashes\n"
    "  integrity_check    SQLite's own check of the file (PRAGMA integrity_check)\n"
    "  foreign_key_check  no row refers to a row that is not there\n"
    "  triggers           every append-only table (publications, withdrawals, plan\n"
    "                     versions, metric values, the records of loads and imports, the\n"
    "                     audit log) still has the triggers that refuse UPDATE, DELETE and\n"
    "                     REPLACE\n"
    "  audit              the audit log's hash chain, every row's hash recomputed (as\n"
    "                     peel audit verify)\n"
    "\n"
    "The store is opened read-only and never changed, so verify can run beside peel serve.\n"
    "A store of an older schema must be upgraded first (any write command does it). Each\n"
    "problem is one line, CHECK: what is wrong; the summary goes to stdout, the count of\n"
    "problems to stderr.\n"
    "\n"
    "Examples:\n"
    "  peel verify\n"
    "  peel --db /srv/peel/peel.db verify || mail -s 'peel store' ops@example.org\n",
};
