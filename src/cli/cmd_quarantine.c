/*
 * cmd_quarantine.c - `peel quarantine`: the rows an import could not read.
 */
#include "cli/commands.h"
#include "store/query.h"
#include "util/buf.h"

#include <getopt.h>
#include <stdio.h>

static void add_row(void *arg, const char *file, long line, const char *field, const char *reason,
                    const char *raw, size_t rawlen)
{
    struct table *t = arg;
    size_t row = table_add_row(t);
    struct buf text = BUF_INIT;
    /* raw is the file's bytes; show them as text, control bytes escaped */
    for (size_t i = 0; i < rawlen; i++) {
        unsigned char ch = (unsigned char)raw[i];
        if (ch < 0x20 || ch == 0x7f)
            buf_printf(&text, "\\x%02x", ch);
        else
            buf_putc(&text, (char)ch);
    }
    table_set_text(t, row, 0, file);
    table_set_int(t, row, 1, line);
    table_set_text(t, row, 2, field);
    table_set_text(t, row, 3, reason);
    table_set_text(t, row, 4, buf_str(&text));
    buf_free(&text);
}

static int run_quarantine(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"file", required_argument, NULL, 'f'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    enum table_format fmt = TABLE_AUTO;
    const char *file = NULL;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'f')
            file = optarg;
        else if (c != 'F' || !cli_parse_format(optarg, &fmt))
            return cli_usage_error(&cmd_quarantine,
                                   c == 'F' ? "--format must be table, csv or json"
                                            : "unknown option '%s'",
                                   argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_quarantine, "unexpected argument '%s'", argv[optind]);
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {"file", "line", "field", "reason", "row"};
    struct table t;
    table_init(&t, 5, cols);
    struct buf err = BUF_INIT;
    int rc = store_quarantine(s, file, add_row, &t, &err);
    if (rc == 0)
        table_render(&t, fmt, stdout);
    else
        fprintf(stderr, "peel quarantine: %s\n", err.p);
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

const struct peel_cmd cmd_quarantine = {
    "quarantine",
    run_quarantine,
    "list the rows an import kept aside, with file, line and reason",
    "peel quarantine [--file NAME] [--format table|csv|json]",
    "Every row `peel import` could not read is kept verbatim in quarantine, with the file it\n"
    "came from, its line and the column and reason it failed on. Re-importing a file replaces\n"
    "its quarantined rows.\n"
    "\n"
    "Options:\n"
    "  --file NAME    only rows of one file (its base name, as in the import summary)\n"
    "  --format FMT   table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel quarantine\n"
    "  peel quarantine --file 2022-01-leicestershire-street.csv --format csv\n",
};
