/*
 * cmd_contracts.c - `peel contracts`: the contracts register
 * (store/contracts.h, ingest/contract_file.h, assess/contract_tables.h).
 *
 *   peel contracts import FILE --as USER [--body pcc|force] [--sheet NAME]
 *                        (FILE: the Code's CSV, .xlsx, or an OCDS package .json)
 *                        [--reason TEXT] [--ocid-prefix P] [--today DATE] [--dry-run]
 *   peel contracts list [--part copies|list] [--all] [--format text|csv|json]
 *   peel contracts show REF [--format text|csv|json]   every version of one
 *   peel contracts ocds [--public-url URL]              the OCDS release package
 *   peel contracts sample FILE [--revised]              a SYNTHETIC file
 *   peel contracts attach REF FILE.pdf --as USER (--redacted-file STRINGS.txt |
 *                        --nothing-redacted)            the redacted copy
 *
 * An import or a copy is made as the staff account --as names, which must
 * hold a finance role (cli/staff_args.h), and audited with that username.
 * An import starts the clock of each new end date (store/contracts.h),
 * counted against --today (default: today).
 */
#include "assess/contract_copy.h"
#include "assess/contract_tables.h"
#include "cli/commands.h"
#include "cli/date_args.h"
#include "cli/staff_args.h"
#include "ingest/contract_file.h"
#include "model/calendar.h"
#include "synth/contracts.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct contracts_args {
    const char *operand[2]; /* the action's: REF and FILE for attach */
    const char *arg;        /* operand[0] */
    const char *as, *redacted, *public_url;
    bool nothing_redacted;
    struct contract_file_options o;
    enum contracts_part part;
    bool all, revised;
    enum table_format format;
};

static bool option(int c, const char *arg, void *p)
{
    struct contracts_args *a = p;
    const struct peel_cmd *cmd = &cmd_contracts;
    enum contract_body b;
    switch (c) {
    case 'a':
        return (a->as = arg), true;
    case 'b':
        if (!contract_body_parse(arg, &b))
            return cli_usage_error(cmd, "--body must be pcc or force") == 0;
        return (a->o.body = (int)b), true;
    case 's':
        return (a->o.sheet = arg), true;
    case 'r':
        return (a->o.reason = arg), true;
    case 'o':
        if (strncmp(arg, "ocds-", 5) != 0 || strlen(arg) < 6 || strlen(arg) > 40)
            return cli_usage_error(cmd, "--ocid-prefix is ocds- and the registered prefix") == 0;
        return (a->o.ocid_prefix = arg), true;
    case 'n':
        return (a->o.dry_run = true), true;
    case 'T':
        return cli_date_arg(cmd, "--today", arg, &a->o.today);
    case 'A':
        return (a->all = true), true;
    case 'x':
        return (a->redacted = arg), true;
    case 'N':
        return (a->nothing_redacted = true), true;
    case 'u':
        return (a->public_url = arg), true;
    case 'R':
        return (a->revised = true), true;
    case 'p':
        a->part = strcmp(arg, "copies") == 0 ? CONTRACTS_COPIES
                  : strcmp(arg, "list") == 0 ? CONTRACTS_LIST
                                             : (enum contracts_part) - 1;
        return (int)a->part >= 0 || cli_usage_error(cmd, "--part must be copies or list") == 0;
    case 'F':
        if (strcmp(arg, "text") == 0)
            return (a->format = TABLE_TEXT), true;
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct contracts_args *a)
{
    static const struct option longopts[] = {{"as", required_argument, NULL, 'a'},
                                             {"body", required_argument, NULL, 'b'},
                                             {"sheet", required_argument, NULL, 's'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"ocid-prefix", required_argument, NULL, 'o'},
                                             {"dry-run", no_argument, NULL, 'n'},
                                             {"today", required_argument, NULL, 'T'},
                                             {"all", no_argument, NULL, 'A'},
                                             {"revised", no_argument, NULL, 'R'},
                                             {"part", required_argument, NULL, 'p'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"redacted-file", required_argument, NULL, 'x'},
                                             {"nothing-redacted", no_argument, NULL, 'N'},
                                             {"public-url", required_argument, NULL, 'u'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct contracts_args){
        .o = {.body = -1, .today = DATE_NONE}, .part = CONTRACTS_ALL, .format = TABLE_AUTO};
    int rc = cli_parse_options(&cmd_contracts, argc, argv, longopts, option, a, a->operand, 2);
    if (a->o.today == DATE_NONE)
        a->o.today = date_today();
    a->arg = a->operand[0];
    return rc;
}

static int contracts_import(struct store *s, const struct contracts_args *a,
                            const struct audit_origin *by)
{
    struct contract_file_report r;
    struct buf err = BUF_INIT;
    int rc = contract_file_import(s, a->arg, &a->o, by, &r, &err);
    size_t published = 0;
    for (size_t i = 0; rc == 0 && i < r.n; i++) {
        if (r.versions[i])
            printf("%-16s %s version %d\n", r.refs[i], a->o.dry_run ? "would publish" : "published",
                   r.versions[i]);
        published += r.versions[i] != 0;
    }
    if (rc == 0)
        printf("%s: %zu contracts, %zu versions %s, %zu unchanged\n", a->arg, r.n, published,
               a->o.dry_run ? "to publish (a dry run: nothing stored)" : "published",
               r.n - published);
    if (rc == 0 && r.ignored.len)
        printf("%s: columns not read: %s\n", a->arg, buf_str(&r.ignored));
    if (rc != 0)
        fprintf(stderr, "%speel contracts: nothing imported\n", buf_str(&err));
    contract_file_report_free(&r);
    buf_free(&err);
    return rc;
}

static int print_table(struct store *s, const struct contracts_args *a, const char *ref)
{
    struct table t;
    struct buf err = BUF_INIT;
    bool human = a->format == TABLE_TEXT || a->format == TABLE_AUTO;
    int rc = contracts_table(s, ref, a->part, a->all || ref, human, &t, &err);
    if (rc == 0 && ref)
        fprintf(stderr, "peel contracts: no contract %s is published\n", ref);
    else if (rc >= 0)
        table_render(&t, a->format, stdout);
    else
        fprintf(stderr, "peel contracts: %s\n", buf_str(&err));
    table_free(&t);
    buf_free(&err);
    return rc < 0 || (rc == 0 && ref) ? 1 : 0;
}

static int print_ocds(struct store *s, const char *public_url)
{
    struct buf out = BUF_INIT, err = BUF_INIT;
    int rc = contracts_ocds_json(s, public_url, &out, &err);
    if (rc == 0)
        fwrite(out.p, 1, out.len, stdout);
    else
        fprintf(stderr, "peel contracts: %s\n", buf_str(&err));
    buf_free(&out);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int contracts_sample(const struct contracts_args *a)
{
    if (!a->arg)
        return cli_usage_error(&cmd_contracts, "sample: a FILE to write");
    struct buf err = BUF_INIT;
    int rc = synth_contracts_file(a->arg, a->revised, &err);
    if (rc == 0)
        printf("%s: SYNTHETIC contracts and a tender%s\n", a->arg,
               a->revised ? ", one contract corrected" : "");
    else
        fprintf(stderr, "peel contracts: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* The redacted strings --redacted-file lists (none with --nothing-redacted):
 * 0, or 1 having said why. */
static int read_redactions(const struct contracts_args *a, struct redactions *r)
{
    *r = (struct redactions){NULL, 0};
    if (a->nothing_redacted)
        return 0;
    struct buf text = BUF_INIT, err = BUF_INIT;
    int rc = buf_read_file(&text, a->redacted, &err) &&
                     redactions_parse(a->redacted, text.p, text.len, r, &err) == 0
                 ? 0
                 : 1;
    if (rc)
        fprintf(stderr, "%s%speel contracts: nothing attached\n", buf_str(&err),
                err.len && err.p[err.len - 1] == '\n' ? "" : "\n");
    buf_free(&text);
    buf_free(&err);
    return rc;
}

static int contracts_attach(struct store *s, const struct contracts_args *a,
                            const struct audit_origin *by)
{
    struct redactions r;
    if (read_redactions(a, &r) != 0)
        return 1;
    struct buf pdf = BUF_INIT, err = BUF_INIT;
    const char *slash = strrchr(a->operand[1], '/');
    const char *name = slash ? slash + 1 : a->operand[1]; /* folders are not public */
    struct contract_copy_outcome o;
    int rc = buf_read_file(&pdf, a->operand[1], &err)
                 ? contract_copy_attach(s, a->arg, name, pdf.p, pdf.len, &r, by, &o, &err)
                 : -1;
    if (rc == 0)
        printf("%s: %s published as its copy: %ld page%s, none of %zu redacted strings in its"
               " text\n%s: /documents/%s\n",
               a->arg, name, o.pages, o.pages == 1 ? "" : "s", r.n, a->arg, o.sha256);
    else
        fprintf(stderr, "peel contracts: %s\n", buf_str(&err));
    redactions_free(&r);
    buf_free(&pdf);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

enum { IMPORT, LIST, SHOW, OCDS, SAMPLE, ATTACH, NACTIONS };

static int act(struct store *s, int i, const struct contracts_args *a,
               const struct audit_origin *by)
{
    if (i == IMPORT) {
        if (cli_staff_as(&cmd_contracts, s, a->as, CLI_FINANCE, "an import of contracts") != 0)
            return a->as ? 1 : EXIT_USAGE;
        return contracts_import(s, a, by);
    }
    if (i == ATTACH) {
        if (cli_staff_as(&cmd_contracts, s, a->as, CLI_FINANCE, "attaching a contract's copy") != 0)
            return a->as ? 1 : EXIT_USAGE;
        return contracts_attach(s, a, by);
    }
    if (i == OCDS)
        return print_ocds(s, a->public_url);
    return print_table(s, a, i == SHOW ? a->arg : NULL);
}

static int run_contracts(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[NACTIONS] = {"import", "list",   "show",
                                                  "ocds",   "sample", "attach"};
    int i = cli_action_of(&cmd_contracts, argc, argv, actions, (int)NACTIONS);
    if (i < 0)
        return EXIT_USAGE;
    struct contracts_args a;
    int rc = parse(argc, argv, &a);
    if (rc || i == SAMPLE)
        return rc ? rc : contracts_sample(&a);
    if ((i == IMPORT || i == SHOW) && !a.arg) /* before a store is opened */
        return cli_usage_error(&cmd_contracts, i == IMPORT ? "import: a FILE (CSV, .xlsx or OCDS)"
                                                           : "show: a contract's REF");
    if (i != ATTACH && a.operand[1])
        return cli_usage_error(&cmd_contracts, "unexpected argument '%s'", a.operand[1]);
    if (i == ATTACH && (!a.operand[1] || !a.redacted == !a.nothing_redacted))
        return cli_usage_error(&cmd_contracts, "attach: a contract's REF, its copy FILE.pdf, and"
                                               " --redacted-file STRINGS.txt or"
                                               " --nothing-redacted");
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct store *s = cli_store(ctx);
    struct audit_origin by = {a.as, command};
    rc = s ? act(s, i, &a, &by) : 1;
    free(command);
    return rc;
}

const struct peel_cmd cmd_contracts = {
    "contracts",
    run_contracts,
    "the contracts register: contracts and invitations to tender, OCDS and the Code's CSV",
    "peel contracts import FILE --as USER [--body pcc|force] [--sheet NAME]\n"
    "                      [--reason TEXT] [--ocid-prefix PREFIX] [--today DATE] [--dry-run]\n"
    "       peel contracts list [--part copies|list] [--all] [--format text|csv|json]\n"
    "       peel contracts show REF [--format text|csv|json]\n"
    "       peel contracts ocds [--public-url URL]\n"
    "       peel contracts sample FILE [--revised]   (a SYNTHETIC file to import, for demos)\n"
    "       peel contracts attach REF FILE.pdf --as USER\n"
    "                      (--redacted-file STRINGS.txt | --nothing-redacted)",
    "Contracts and invitations to tender of the Commissioner or the chief constable\n"
    "(Specified Information Order 2011, Sch. 1 para 4(b)-(d)): a copy of each over\n"
    "£10,000 is published, and a list of those of £10,000 or less.\n"
    "\n"
    "import reads the Local Government Transparency Code's contracts layout, CSV or the\n"
    "first sheet (--sheet: another) of an .xlsx workbook: reference, title, supplier,\n"
    "value, start date and procurement method, and optionally type (contract or tender),\n"
    "spent by (or --body), supplier id (an org-id such as GB-COH-01234567), description,\n"
    "department, end and review dates, irrecoverable VAT, SME, VCSE, ocid and the copy's\n"
    "address, the funding source and the plan's missions served (keys: m1, m2.s3)\n"
    "(docs/contracts.md). Every row is checked first: any problem and nothing is\n"
    "stored, each listed as FILE:LINE: field: reason. A FILE ending .json (or starting\n"
    "with '{') is an Open Contracting Data Standard release or record package, such as\n"
    "peel contracts ocds writes: each ocid's releases merged, one contract each, checked\n"
    "whole, each problem as FILE: /JSON/PATH: reason. Each contract is published as a\n"
    "version that never changes; a file that changes a published contract publishes its\n"
    "next version and needs --reason. Without an ocid column each ocid is --ocid-prefix\n"
    "(default " CONTRACT_OCID_PREFIX ", a placeholder: register one with the Open\n"
    "Contracting Partnership) and the reference. A contract whose end date is --today\n"
    "(default: today) or later gets a clock due on that date (peel clock list, and the\n"
    "staff home page's deadlines); a version that moves the date moves the clock.\n"
    "\n"
    "list prints the current version of each (--all: every version; --part copies: over\n"
    "£10,000, list: the rest) in the Code's columns; its CSV imports again. ocds prints\n"
    "the Open Contracting Data Standard 1.1 release package: a release per version\n"
    "(--public-url: the site's address, https://pcc.example.org, for the address of\n"
    "each redacted copy Peel serves; without it their documents have none).\n"
    "\n"
    "attach publishes FILE.pdf as the redacted copy of contract REF, after pdftotext\n"
    "(Debian's poppler-utils) has read its text and found none of the strings that\n"
    "STRINGS.txt lists, one a line, as redacted from it: case and runs of white space\n"
    "ignored, so a name broken over two lines still counts. A copy holding one is\n"
    "refused, naming the string by its number (never its text), and nothing is stored;\n"
    "so is a copy with no text to check (a scan). The strings are kept in the store,\n"
    "private: no page, download or export shows them. --nothing-redacted says there are\n"
    "none. The copy is served at /documents/SHA256, linked from /contracts/REF.\n"
    "\n"
    "Imports and copies are made as a staff account (--as) of the finance-officer or\n"
    "commissioner role, and audited (peel audit list).\n"
    "\n"
    "Examples:\n"
    "  peel contracts import contracts-2025-26.csv --as cfo --ocid-prefix ocds-abc123\n"
    "  peel contracts import find-a-tender-releases.json --as cfo --body force\n"
    "  peel contracts list --part copies --format csv\n"
    "  peel contracts show C-2025-003\n"
    "  peel contracts ocds > contracts-ocds.json\n"
    "  peel contracts attach C-2025-003 c-2025-003.pdf --as cfo --redacted-file names.txt\n",
};
