/*
 * cmd_registers.c - `peel registers`: the registers of interests, gifts
 * and hospitality, and senior salaries (store/registers.h,
 * ingest/register_file.h).
 *
 *   peel registers import KIND FILE --as USER [--sheet NAME] [--reason TEXT] [--dry-run]
 *   peel registers list KIND [--format text|csv|json]      entries as they stand
 *   peel registers history KIND [REF] --as USER [--format ...]   every version
 *   peel registers withdraw KIND REF --as USER --reason TEXT
 *   peel registers sample DIR                               SYNTHETIC demo files
 *
 * KIND is interests, gifts or salaries. A change is made as the staff
 * account --as names, which must hold a role of CLI_REGISTERS
 * (cli/staff_args.h), and audited with that username; history shows a
 * withdrawn entry's earlier text, so it needs the account too.
 */
#include "assess/register_tables.h"
#include "cli/commands.h"
#include "cli/staff_args.h"
#include "ingest/register_file.h"
#include "model/calendar.h"
#include "synth/registers.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct registers_args {
    const char *operand[2]; /* KIND, then FILE or REF (sample: DIR) */
    const char *as;
    struct reg_file_options o;
    enum table_format format;
};

static bool option(int c, const char *arg, void *p)
{
    struct registers_args *a = p;
    switch (c) {
    case 'a':
        return (a->as = arg), true;
    case 's':
        return (a->o.sheet = arg), true;
    case 'r':
        return (a->o.reason = arg), true;
    case 'n':
        return (a->o.dry_run = true), true;
    case 'F':
        if (strcmp(arg, "text") == 0)
            return (a->format = TABLE_TEXT), true;
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(&cmd_registers, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int reg_import(struct store *s, enum reg_kind k, const struct registers_args *a,
                      const struct audit_origin *by)
{
    const char *path = a->operand[1];
    struct reg_file f;
    int *versions;
    struct buf err = BUF_INIT;
    int rc = reg_file_import(s, k, path, &a->o, by, &f, &versions, &err);
    size_t recorded = 0;
    for (size_t i = 0; rc == 0 && i < f.n; i++) {
        if (versions[i])
            printf("%-20s %s version %d\n", f.entries[i].ref,
                   a->o.dry_run ? "would record" : "recorded", versions[i]);
        recorded += versions[i] != 0;
    }
    if (rc == 0)
        printf("%s: %zu entries, %zu %s, %zu unchanged%s\n", path, f.n, recorded,
               a->o.dry_run ? "would be recorded" : "recorded", f.n - recorded,
               a->o.dry_run ? ": a dry run, nothing stored" : "");
    else
        fprintf(stderr, "%speel registers: nothing imported\n", buf_str(&err));
    reg_file_free(&f);
    free(versions);
    buf_free(&err);
    return rc;
}

static int reg_withdraw(struct store *s, enum reg_kind k, const struct registers_args *a,
                        const struct audit_origin *by)
{
    const char *ref = a->operand[1];
    if (!ref || !a->o.reason || !*a->o.reason)
        return cli_usage_error(&cmd_registers, "withdraw: KIND REF and --reason (it is public)");
    struct buf err = BUF_INIT;
    int rc = store_reg_withdraw(s, k, ref, a->o.reason, by, &err);
    if (rc == 0)
        printf("%s %s: withdrawn; its stub and the reason stay public\n", reg_kind_word(k), ref);
    else
        fprintf(stderr, "peel registers: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int reg_sample(const struct registers_args *a)
{
    const char *dir = a->operand[0];
    if (!dir)
        return cli_usage_error(&cmd_registers, "sample: a DIR to write into");
    struct buf err = BUF_INIT;
    int rc = synth_register_files(dir, date_today(), &err);
    if (rc == 0)
        printf("%s: interests.csv, interests-corrected.csv, gifts.csv and salaries.csv:"
               " SYNTHETIC\n",
               dir);
    else
        fprintf(stderr, "peel registers: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

enum { IMPORT, LIST, HISTORY, WITHDRAW, SAMPLE, NACTIONS };

static int act(struct store *s, int i, enum reg_kind k, const struct registers_args *a,
               const struct audit_origin *by)
{
    struct table t;
    struct buf err = BUF_INIT;
    bool human = a->format == TABLE_TEXT || a->format == TABLE_AUTO;
    if (i != LIST &&
        cli_staff_as(&cmd_registers, s, a->as, CLI_REGISTERS, "a change of the registers") != 0)
        return a->as ? 1 : EXIT_USAGE;
    if (i == IMPORT)
        return reg_import(s, k, a, by);
    if (i == WITHDRAW)
        return reg_withdraw(s, k, a, by);
    int rc = i == LIST ? reg_current_table(s, k, human, &t, &err)
                       : reg_versions_table(s, k, a->operand[1], true, human, &t, &err);
    return cli_print_table(&cmd_registers, rc, &t, a->format, &err);
}

static int run_registers(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[NACTIONS] = {"import", "list", "history", "withdraw",
                                                  "sample"};
    static const struct option longopts[] = {
        {"as", required_argument, NULL, 'a'},     {"sheet", required_argument, NULL, 's'},
        {"reason", required_argument, NULL, 'r'}, {"dry-run", no_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'F'}, {NULL, 0, NULL, 0}};
    struct registers_args a = {.format = TABLE_AUTO};
    int i = cli_action_of(&cmd_registers, argc, argv, actions, (int)NACTIONS);
    if (i < 0)
        return EXIT_USAGE;
    /* argv[1], the action, is the option parser's argv[0] */
    int rc = cli_parse_options(&cmd_registers, argc, argv, longopts, option, &a, a.operand, 2);
    if (rc)
        return rc;
    if (i == SAMPLE)
        return reg_sample(&a);
    enum reg_kind k;
    if (!reg_kind_parse(a.operand[0], &k))
        return cli_usage_error(&cmd_registers, "%s: KIND is interests, gifts or salaries",
                               actions[i]);
    if (i == IMPORT && !a.operand[1]) /* before a store is opened */
        return cli_usage_error(&cmd_registers, "import: KIND and a FILE (CSV or .xlsx)");
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct store *s = cli_store(ctx);
    struct audit_origin by = {a.as, command};
    rc = s ? act(s, i, k, &a, &by) : 1;
    free(command);
    return rc;
}

const struct peel_cmd cmd_registers = {
    "registers",
    run_registers,
    "the registers of interests, gifts and hospitality, and senior salaries",
    "peel registers import KIND FILE --as USER [--sheet NAME] [--reason TEXT] [--dry-run]\n"
    "       peel registers list KIND [--format text|csv|json]\n"
    "       peel registers history KIND [REF] --as USER [--format text|csv|json]\n"
    "       peel registers withdraw KIND REF --as USER --reason TEXT\n"
    "       peel registers sample DIR   (SYNTHETIC files to import, for demos)",
    "The registers the Specified Information Order 2011 asks a Commissioner to publish:\n"
    "KIND is interests (the Commissioner's and any Deputy's, para 1(e)), gifts (each\n"
    "offer of a gift or hospitality and whether it was accepted, para 2) or salaries\n"
    "(the office-holders' and senior staff's, paras 1(a)-(c) and 2(d)).\n"
    "\n"
    "import reads CSV or the first sheet (--sheet: another) of an .xlsx workbook, a row an\n"
    "entry with a reference unique in its register (docs/registers.md lists the columns).\n"
    "A category of 'nil' is a nil return: nothing to declare. Every row is checked first:\n"
    "any problem and nothing is stored, each listed as FILE:LINE: field: reason. A new\n"
    "reference is version 1; an entry the file changes is corrected as its next version,\n"
    "which needs --reason; an entry the file leaves as it was, or leaves out, is unchanged.\n"
    "\n"
    "withdraw takes an entry off the register: its stub (the reference, the date and the\n"
    "reason) stays public, what it said is kept in the store and shown by history.\n"
    "Nothing recorded ever changes. Changes are made as a staff account (--as) of the\n"
    "monitoring-officer, finance-officer or commissioner role, and audited.\n"
    "\n"
    "Examples:\n"
    "  peel registers import gifts gifts-2026.xlsx --as mo\n"
    "  peel registers import interests interests.csv --as mo --reason 'INT-002: treasurer too'\n"
    "  peel registers withdraw gifts GH-003 --as mo --reason 'Recorded against the wrong person'\n"
    "  peel registers list salaries --format csv\n",
};
