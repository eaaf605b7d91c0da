/*
 * cmd_loads.c - `peel loads`: every file loaded into the lookups,
 * populations, plans and metric values, with its SHA-256, who, when and by
 * which command (store/loads.h).
 */
#include "cli/commands.h"
#include "store/loads.h"

#include <getopt.h>
#include <stdio.h>

static void add_row(void *arg, const struct data_load *l)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, l->loaded_at);
    table_set_text(t, r, 1, l->kind);
    table_set_text(t, r, 2, l->path);
    table_set_int(t, r, 3, l->rows);
    table_set_int(t, r, 4, l->bytes);
    table_set_text(t, r, 5, l->sha256);
    table_set_text(t, r, 6, l->origin.user);
    table_set_text(t, r, 7, l->origin.command);
    table_set_text(t, r, 8, l->detail);
}

static int run_loads(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    enum table_format fmt = TABLE_AUTO;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
        if (c != 'F' || !cli_parse_format(optarg, &fmt))
            return cli_usage_error(&cmd_loads,
                                   c == 'F' ? "--format must be table, csv or json"
                                            : "unknown option '%s'",
                                   argv[optind - 1]);
    if (optind < argc)
        return cli_usage_error(&cmd_loads, "unexpected argument '%s'", argv[optind]);
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {"loaded_at", "kind",      "path",    "rows",  "bytes",
                                       "sha256",    "loaded_by", "command", "detail"};
    struct table t;
    table_init(&t, sizeof cols / sizeof cols[0], cols);
    struct buf err = BUF_INIT;
    int rc = store_data_loads(s, add_row, &t, &err);
    if (rc == 0) {
        table_set_title(&t, "Files loaded into lookups, populations, plans and metric values "
                            "(newest first)");
        table_render(&t, fmt, stdout);
    } else {
        fprintf(stderr, "peel loads: %s\n", err.p);
    }
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

const struct peel_cmd cmd_loads = {
    "loads",
    run_loads,
    "list every lookup, population, plan and metric file loaded, with its SHA-256",
    "peel loads [--format table|csv|json]",
    "Lists every load of an area lookup (peel import-areas), a population file (peel\n"
    "import-population), a plan (peel plan load) and a metric values file (peel metric\n"
    "load), newest first: when, the kind of file, its path, the rows it gave, its size and\n"
    "the SHA-256 of its bytes (as sha256sum prints it), who loaded it and the command they\n"
    "ran, and what it loaded (the groupings; the plan's version, or that it was unchanged;\n"
    "the values new, revised and unchanged). Every rate per 1,000 residents rests on a\n"
    "lookup and a population file: this says which. The records never change (the store\n"
    "refuses it). police.uk files and Home Office tables are listed on the site's open data\n"
    "page, with their own SHA-256.\n"
    "\n"
    "Examples:\n"
    "  peel loads\n"
    "  peel loads --format csv > loads.csv\n",
};
