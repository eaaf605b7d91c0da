/*
 * cmd_audit.c - `peel audit`: the audit log of the Office's changes
 * (store/audit.h).
 *
 *   peel audit list [--after SEQ] [--format table|csv|json]
 *   peel audit verify
 */
#include "cli/commands.h"
#include "assess/audit_table.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int audit_list(struct store *s, int64_t after, enum table_format fmt)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = audit_table(s, after, -1, &t, &err);
    if (rc == 0)
        table_render(&t, fmt, stdout);
    else
        fprintf(stderr, "peel audit: %s\n", buf_str(&err));
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void say_problem(void *arg, int64_t seq, const char *what)
{
    (void)arg;
    printf("row %" PRId64 ": %s\n", seq, what);
}

static int audit_verify(struct store *s)
{
    struct audit_head head;
    struct buf err = BUF_INIT;
    long problems = store_audit_verify(s, say_problem, NULL, &head, &err);
    if (problems < 0) {
        fprintf(stderr, "peel audit: %s\n", buf_str(&err));
        buf_free(&err);
        return 1;
    }
    buf_free(&err);
    if (problems) {
        fprintf(stderr, "peel audit verify: %ld problem%s in %" PRId64 " rows\n", problems,
                problems == 1 ? "" : "s", head.rows);
        return 1;
    }
    printf("audit log: %" PRId64 " rows, the chain is whole; head: row %" PRId64 " %s\n", head.rows,
           head.seq, head.hash);
    return 0;
}

/* Runs action i (list, verify); neither changes anything, so by is unused. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    (void)by;
    static const struct option longopts[] = {{"after", required_argument, NULL, 'a'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    bool list = i == 0;
    enum table_format fmt = TABLE_AUTO;
    long long after = 0;
    int c;
    cli_reset_getopt();
    argc--, argv++; /* from the action on */
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end = NULL;
        if (c == 'a' && list)
            after = strtoll(optarg, &end, 10);
        if (c == 'a' && list && end && !*end && *optarg && after >= 0)
            continue;
        if (c == 'F' && list && cli_parse_format(optarg, &fmt))
            continue;
        return cli_usage_error(&cmd_audit, "'%s' %s", argv[optind - 1],
                               c == 'a' || c == 'F' ? "is not right here" : "is not an option");
    }
    if (optind < argc)
        return cli_usage_error(&cmd_audit, "unexpected argument '%s'", argv[optind]);
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    return list ? audit_list(s, after, fmt) : audit_verify(s);
}

static int run_audit(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"list", "verify"};
    return cli_run_action(&cmd_audit, argc, argv, ctx, actions, 2, act);
}

const struct peel_cmd cmd_audit = {
    "audit",
    run_audit,
    "list the audit log of the Office's changes, or check its hash chain",
    "peel audit list [--after SEQ] [--format table|csv|json]\n"
    "       peel audit verify",
    "Every change the Office's staff make (an account added, disabled or reset, and\n"
    "later decisions, grants and cases) is one row of the audit log: its sequence\n"
    "number, when (UTC), who (an account, or cli:USER for the command line), from where\n"
    "(the command line, or the client's address), the action, the object, and the object\n"
    "before and after as JSON. Rows are never changed or removed (the store refuses it).\n"
    "\n"
    "Each row's hash is the SHA-256 of the row before's hash and of its own fields, so\n"
    "a row rewritten or removed behind peel's back breaks the chain from there.\n"
    "verify recomputes every hash, names each row that breaks the chain and exits 1;\n"
    "all well, it prints the chain's head (the last row and its hash), which the Office\n"
    "publishes so outsiders can keep it. docs/staff.md says how the hash is made.\n"
    "\n"
    "Examples:\n"
    "  peel audit list\n"
    "  peel audit list --after 120 --format csv > audit.csv\n"
    "  peel audit verify\n",
};
