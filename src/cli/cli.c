/*
 * cli.c - helpers shared by the subcommands (see cli.h).
 */
#include "cli/cli.h"
#include "assess/crime_rows.h"
#include "assess/query_check.h"
#include "store/audit.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

#include <assert.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const struct peel_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "peel %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\nTry 'peel help %s' for more.\n", cmd->usage, cmd->name);
    return EXIT_USAGE;
}

int cli_action_of(const struct peel_cmd *cmd, int argc, char **argv, const char *const *actions,
                  int n)
{
    assert(n >= 2);
    for (int i = 0; argc > 1 && i < n; i++)
        if (strcmp(argv[1], actions[i]) == 0)
            return i;
    struct buf list = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&list, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", actions[i]);
    cli_usage_error(cmd, "an action: %s", buf_str(&list));
    buf_free(&list);
    return -1;
}

static struct store *open_store(struct peel_ctx *ctx, bool create)
{
    if (ctx->store)
        return ctx->store;
    if (!create && access(ctx->db_path, F_OK) != 0) {
        fprintf(stderr,
                "peel: no store at %s: only the commands that import or load data create one "
                "(peel import, import-areas, plan load, ...); --db FILE or $PEEL_DB names "
                "another\n",
                ctx->db_path);
        return NULL;
    }
    struct buf err = BUF_INIT;
    ctx->store = store_open(ctx->db_path, STORE_READ_WRITE, &err);
    if (!ctx->store)
        fprintf(stderr, "peel: %s\n", err.p);
    buf_free(&err);
    return ctx->store;
}

struct store *cli_store(struct peel_ctx *ctx)
{
    return open_store(ctx, false);
}

struct store *cli_store_create(struct peel_ctx *ctx)
{
    return open_store(ctx, true);
}

/* rc of query_check or query_dim as a command's exit status. */
static int checked(const struct peel_cmd *cmd, int rc, struct buf *err)
{
    if (rc > 0)
        rc = cli_usage_error(cmd, "%s", err->p);
    else if (rc < 0)
        fprintf(stderr, "peel %s: %s\n", cmd->name, err->p);
    buf_free(err);
    return rc < 0 ? 1 : rc;
}

int cli_check_query(const struct peel_cmd *cmd, struct store *s, const struct stats_query *q)
{
    struct buf err = BUF_INIT;
    return checked(cmd, query_check(s, q, &err), &err);
}

int cli_dim(const struct peel_cmd *cmd, struct store *s, const char *name, bool area_only,
            struct stats_dim_spec *out)
{
    struct buf err = BUF_INIT;
    return checked(cmd, query_dim(s, name, area_only, out, &err), &err);
}

void cli_refresh_exports(struct store *s, const char *command)
{
    struct buf err = BUF_INIT;
    if (export_refresh(s, NULL, &err) < 0)
        fprintf(stderr,
                "peel %s: warning: the CSV export was not brought up to date (%s); "
                "downloads are made row by row until the next import\n",
                command, buf_str(&err));
    buf_free(&err);
}

bool cli_parse_format(const char *s, enum table_format *out)
{
    if (strcmp(s, "table") == 0 || strcmp(s, "text") == 0)
        *out = TABLE_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = TABLE_CSV;
    else if (strcmp(s, "json") == 0)
        *out = TABLE_JSON;
    else
        return false;
    return true;
}

bool cli_parse_unsigned(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false; /* strtoull would accept "-1", "+1" and " 1" */
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

void cli_reset_getopt(void)
{
    /* glibc re-initialises getopt when optind is 0 */
    optind = 0;
    opterr = 0;
}

int cli_parse_options(const struct peel_cmd *cmd, int argc, char **argv,
                      const struct option *longopts, bool (*take)(int, const char *, void *),
                      void *arg, const char **operand, int noperands)
{
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?')
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        if (!take(c, optarg, arg))
            return EXIT_USAGE;
    }
    for (int k = 0; k < noperands && optind < argc; k++)
        operand[k] = argv[optind++];
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return 0;
}

const char *cli_user_name(void)
{
    const struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : getenv("USER");
}

char *cli_command_line(int argc, char **argv)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "peel");
    for (int i = 0; i < argc; i++)
        buf_printf(&b, " %s", argv[i]);
    return buf_detach(&b);
}

int cli_print_table(const struct peel_cmd *cmd, int rc, struct table *t, enum table_format format,
                    struct buf *err)
{
    if (rc >= 0)
        table_render(t, format, stdout);
    else
        fprintf(stderr, "peel %s: %s\n", cmd->name, buf_str(err));
    table_free(t);
    buf_free(err);
    return rc < 0 ? 1 : 0;
}

char *cli_command_line_withheld(int argc, char **argv, const char *const *withheld, size_t n)
{
    char **copy = xcalloc((size_t)argc + 1, sizeof *copy);
    bool hide_next = false;
    for (int i = 0; i < argc; i++) {
        bool hide = hide_next;
        hide_next = false;
        for (size_t k = 0; k < n; k++) {
            size_t len = strlen(withheld[k]);
            if (strncmp(argv[i], withheld[k], len) == 0 && argv[i][len] == '=')
                hide = true;
            else if (strcmp(argv[i], withheld[k]) == 0)
                hide_next = true;
        }
        copy[i] = hide ? "(withheld)" : argv[i];
    }
    char *line = cli_command_line(argc, copy);
    free(copy);
    return line;
}

void cli_audit_origin(int argc, char **argv, char *actor, size_t n, struct audit_origin *by)
{
    const char *user = cli_user_name();
    snprintf(actor, n, "cli:%s", user ? user : "unknown");
    *by = (struct audit_origin){actor, cli_command_line(argc, argv)};
}

int cli_run_action_as(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                      const char *const *actions, int n, cli_action_fn *act, cli_line_fn *line)
{
    int i = cli_action_of(cmd, argc, argv, actions, n);
    if (i < 0)
        return EXIT_USAGE;
    char actor[128];
    struct audit_origin by;
    cli_audit_origin(argc, argv, actor, sizeof actor, &by);
    if (line) {
        free((char *)by.origin);
        by.origin = line(argc, argv);
    }
    int rc = act(i, argc, argv, ctx, &by);
    free((char *)by.origin);
    return rc;
}

int cli_run_action(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                   const char *const *actions, int n, cli_action_fn *act)
{
    return cli_run_action_as(cmd, argc, argv, ctx, actions, n, act, NULL);
}
