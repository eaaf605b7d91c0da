/*
 * peel.c - the `peel` command: global options, then dispatch to a subcommand.
 *
 *   peel [--db FILE] COMMAND [options] [args]
 *
 * As in git, each subcommand is one file (cmd_*.c) and one entry in the
 * table below; this file knows nothing of what they do.
 *
 * It is built twice. `peel-draw` has every command. `peel` itself (built
 * with PEEL_FRONT) leaves out the commands that draw (charts, maps, PDF,
 * XLSX, and the web server, which draws) and the help, and runs peel-draw
 * in its place for them (execv, the same process and arguments), as git
 * runs git-foo: so a command that does not draw never loads cairo, pango,
 * libxlsxwriter or libmicrohttpd and the 40-odd libraries they pull in,
 * about 20 ms of the dynamic loader's work on every run (bench/README.md).
 */
#include "cli/commands.h"
#include "store/store.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PEEL_VERSION "0.1.0"

/* A command that draws: in peel itself a gap (NULL), run by peel-draw. */
#ifdef PEEL_FRONT
#define DRAWS(cmd) NULL
#else
#define DRAWS(cmd) cmd
#endif

static const struct peel_cmd *const commands[] = {
    &cmd_import,
    &cmd_import_areas,
    &cmd_import_population,
    &cmd_import_prc,
    &cmd_stats,
    &cmd_prc,
    &cmd_quarantine,
    &cmd_outcomes,
    &cmd_plan,
    DRAWS(&cmd_metrics),
    DRAWS(&cmd_exceptions),
    &cmd_metric,
    &cmd_scan,
    &cmd_compare,
    DRAWS(&cmd_chart),
    DRAWS(&cmd_publish),
    DRAWS(&cmd_report),
    DRAWS(&cmd_serve),
    &cmd_generate,
    DRAWS(&cmd_map),
    &cmd_import_boundaries,
    &cmd_loads,
    &cmd_verify,
    &cmd_user,
    &cmd_audit,
    &cmd_calendar,
    &cmd_clock,
    &cmd_decision,
    &cmd_transparency,
    &cmd_hmicfrs,
    &cmd_spend,
    &cmd_stop_search,
    &cmd_budget,
    &cmd_concern,
    DRAWS(&cmd_fund),
    &cmd_award,
    &cmd_grants_received,
    &cmd_application,
    &cmd_registers,
    &cmd_iopc,
    &cmd_investigation,
    &cmd_contracts,
    &cmd_services,
    DRAWS(&cmd_letter),
    &cmd_victims_code,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct peel_cmd *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (commands[i] && strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static void print_overview(FILE *out)
{
    fprintf(out, "usage: peel [--db FILE] COMMAND [options] [args]\n\n"
                 "Peel tracks a Police and Crime Plan against police recorded crime.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (commands[i])
            fprintf(out, "  %-18s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "  %-18s %s\n", "help [COMMAND]", "explain a command, with examples");
    fprintf(out, "\nGlobal options:\n"
                 "  --db FILE          the database (default: $PEEL_DB, else ./peel.db)\n"
                 "  --version          print the version\n"
                 "  -h, --help         this overview\n");
}

static void print_help(const struct peel_cmd *cmd)
{
    printf("usage: %s\n\n%s\n\n%s", cmd->usage, cmd->summary, cmd->help);
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    const struct peel_cmd *cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "peel help: no command '%s'\n", argv[1]);
        print_overview(stderr);
        return EXIT_USAGE;
    }
    print_help(cmd);
    return 0;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

static int run(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx)
{
    if (wants_help(argc, argv)) {
        print_help(cmd);
        return 0;
    }
    int rc = cmd->run(argc, argv, ctx);
    store_close(ctx->store);
    ctx->store = NULL;
    if (fflush(stdout) != 0 && rc == 0) {
        perror("peel: writing output");
        rc = 1;
    }
    return rc;
}

#ifdef PEEL_FRONT
/* Replaces this process by peel-draw with the same arguments: the one in
 * this binary's folder (a build tree), else the installed one
 * (PEEL_DRAW_FROM_BIN, e.g. ../libexec/peel/peel-draw, from the same folder).
 * Returns 1 only when neither runs. */
static int run_peel_draw(char **argv)
{
    static const char *const tries[] = {"peel-draw", PEEL_DRAW_FROM_BIN};
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path);
    char *slash = n > 0 && n < (ssize_t)sizeof path ? memrchr(path, '/', (size_t)n) : NULL;
    if (!slash) {
        perror("peel: finding peel-draw: /proc/self/exe");
        return 1;
    }
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        size_t len = strlen(tries[i]);
        if ((size_t)(slash + 1 - path) + len >= sizeof path)
            continue;
        memcpy(slash + 1, tries[i], len + 1);
        execv(path, argv);
    }
    *slash = '\0';
    fprintf(stderr,
            "peel: cannot run peel-draw, which draws and explains (looked for %s/peel-draw and "
            "%s/%s: %s)\n",
            path, path, PEEL_DRAW_FROM_BIN, strerror(errno));
    return 1;
}
#endif

int main(int argc, char **argv)
{
    store_library_init();
    struct peel_ctx ctx = {.db_path = getenv("PEEL_DB"), .argv0 = argv[0]};
    if (!ctx.db_path || !*ctx.db_path)
        ctx.db_path = "peel.db";
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            ctx.db_path = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            ctx.db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
#ifdef PEEL_FRONT
            return run_peel_draw(argv);
#endif
            print_overview(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("peel %s\n", PEEL_VERSION);
            return 0;
        } else {
#ifdef PEEL_FRONT
            return run_peel_draw(argv);
#endif
            fprintf(stderr, "peel: unknown option '%s'\n\n", argv[i]);
            print_overview(stderr);
            return EXIT_USAGE;
        }
    }
    const struct peel_cmd *cmd = i < argc ? find_command(argv[i]) : NULL;
#ifdef PEEL_FRONT
    /* the commands that draw, the help and the usage errors (which list every command) */
    if (!cmd)
        return run_peel_draw(argv);
#endif
    if (i == argc) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0)
        return help(argc - i, argv + i);
    if (!cmd) {
        fprintf(stderr, "peel: '%s' is not a peel command\n\n", argv[i]);
        print_overview(stderr);
        return EXIT_USAGE;
    }
    return run(cmd, argc - i, argv + i, &ctx);
}
