/*
 * cmd_application.c - `peel application`: applications to a Safety Fund
 * round and their assessment (store/fund_apply.h).
 *
 *   peel application save ROUND|REF [--org N --org-type T --org-id ID --project P
 *                   --amount A --district D --csp CODE --priorities P --outcomes O
 *                   --budget-lines B --contact-name N --contact-email E --contact-phone P]
 *   peel application submit REF [--on DATE]
 *   peel application conflict REF --assessor USER --nature TEXT
 *   peel application score REF --assessor USER --criterion KEY --score N [--comment T]
 *   peel application moderate REF --criterion KEY --score N --reason TEXT
 *   peel application list ROUND [--format text|csv|json]
 *   peel application allocate ROUND --assessors USER,USER,... --per N
 *   peel application allocations ROUND|all [--assessor USER] [--format text|csv|json]
 *
 * save with a round's key starts a draft and prints its reference; with a
 * reference (A-...) it changes that draft. The contact person's details
 * go to the vault (DB.keys beside the database), never to the fund's
 * tables. Changes are audited as "cli:USER" with the command line.
 */
#include "cli/commands.h"
#include "model/money.h"
#include "store/fund_allocate.h"
#include "store/fund_apply.h"
#include "store/vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    A_ORG = 256,
    A_TYPE,
    A_ORG_ID,
    A_PROJECT,
    A_AMOUNT,
    A_DISTRICT,
    A_CSP,
    A_PRIORITIES,
    A_OUTCOMES,
    A_BUDGET,
    A_NAME,
    A_EMAIL,
    A_PHONE,
    A_ON,
    A_ASSESSOR,
    A_NATURE,
    A_CRITERION,
    A_SCORE,
    A_COMMENT,
    A_REASON,
    A_FORMAT,
    A_ASSESSORS,
    A_PER,
    A_END
};

struct aargs {
    const char *verb, *arg;
    const char *o[A_END - A_ORG];
    enum table_format format;
};
#define AOPT(a, k) ((a)->o[(k)-A_ORG])

static int parse(int argc, char **argv, struct aargs *a)
{
    static const struct option longopts[] = {{"org", required_argument, NULL, A_ORG},
                                             {"org-type", required_argument, NULL, A_TYPE},
                                             {"org-id", required_argument, NULL, A_ORG_ID},
                                             {"project", required_argument, NULL, A_PROJECT},
                                             {"amount", required_argument, NULL, A_AMOUNT},
                                             {"district", required_argument, NULL, A_DISTRICT},
                                             {"csp", required_argument, NULL, A_CSP},
                                             {"priorities", required_argument, NULL, A_PRIORITIES},
                                             {"outcomes", required_argument, NULL, A_OUTCOMES},
                                             {"budget-lines", required_argument, NULL, A_BUDGET},
                                             {"contact-name", required_argument, NULL, A_NAME},
                                             {"contact-email", required_argument, NULL, A_EMAIL},
                                             {"contact-phone", required_argument, NULL, A_PHONE},
                                             {"on", required_argument, NULL, A_ON},
                                             {"assessor", required_argument, NULL, A_ASSESSOR},
                                             {"nature", required_argument, NULL, A_NATURE},
                                             {"criterion", required_argument, NULL, A_CRITERION},
                                             {"score", required_argument, NULL, A_SCORE},
                                             {"comment", required_argument, NULL, A_COMMENT},
                                             {"reason", required_argument, NULL, A_REASON},
                                             {"format", required_argument, NULL, A_FORMAT},
                                             {"assessors", required_argument, NULL, A_ASSESSORS},
                                             {"per", required_argument, NULL, A_PER},
                                             {NULL, 0, NULL, 0}};
    *a = (struct aargs){.verb = argv[1], .format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        AOPT(a, c) = optarg;
    }
    if (AOPT(a, A_FORMAT) && strcmp(AOPT(a, A_FORMAT), "text") == 0)
        a->format = TABLE_TEXT;
    else if (AOPT(a, A_FORMAT) && !cli_parse_format(AOPT(a, A_FORMAT), &a->format))
        return cli_usage_error(&cmd_application, "--format must be text, csv or json");
    if (optind < argc)
        a->arg = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_application, "unexpected argument '%s'", argv[optind]);
    if (!a->arg)
        return cli_usage_error(&cmd_application, "%s: a ROUND or a REF", a->verb);
    return 0;
}

static int done(int rc, const char *what, struct buf *err)
{
    if (rc != 0)
        fprintf(stderr, "peel application: %s\n", buf_str(err));
    else if (*what) /* "": the verb printed its own answer */
        printf("%s\n", what);
    buf_free(err);
    return rc == 0 ? 0 : rc < 0 ? 1 : 2;
}

static int do_save(struct store *s, const struct aargs *a, const struct audit_origin *by)
{
    struct fund_application f = {.round = a->arg,
                                 .org_name = AOPT(a, A_ORG),
                                 .org_type = AOPT(a, A_TYPE),
                                 .org_id = AOPT(a, A_ORG_ID),
                                 .project = AOPT(a, A_PROJECT),
                                 .district = AOPT(a, A_DISTRICT),
                                 .csp_code = AOPT(a, A_CSP),
                                 .priorities = AOPT(a, A_PRIORITIES),
                                 .outcomes = AOPT(a, A_OUTCOMES),
                                 .budget_lines = AOPT(a, A_BUDGET),
                                 .contact_name = AOPT(a, A_NAME),
                                 .contact_email = AOPT(a, A_EMAIL),
                                 .contact_phone = AOPT(a, A_PHONE)};
    if (AOPT(a, A_AMOUNT) && !money_parse(AOPT(a, A_AMOUNT), &f.amount_pence))
        return cli_usage_error(&cmd_application, "--amount: an amount in pounds");
    bool existing = a->arg && strncmp(a->arg, "A-", 2) == 0;
    struct buf err = BUF_INIT;
    /* The round and the choices first: a refused save opens (and so
     * makes) no vault, and writes nothing. */
    struct fund_choices c;
    int checked = store_fund_choices(s, a->arg, &c, &err);
    if (checked == FUND_OK)
        checked = fund_choices_check(&c, &f, &err);
    fund_choices_free(&c);
    if (checked != FUND_OK)
        return done(checked, "", &err);
    struct vault *v = NULL;
    if ((f.contact_name || f.contact_email || f.contact_phone) &&
        !(v = vault_open(s, NULL, by, &err)))
        return done(-1, "", &err);
    char ref[FUND_REF_SIZE], said[96];
    int rc = store_fund_apply(s, v, existing ? a->arg : NULL, &f, by, ref, &err);
    vault_close(v);
    snprintf(said, sizeof said, "draft %s saved: come back to it with this reference", ref);
    return done(rc, said, &err);
}

static void result_row(void *arg, const struct fund_result *r)
{
    struct table *t = arg;
    size_t i = table_add_row(t);
    table_set_text(t, i, 0, r->ref);
    table_set_text(t, i, 1, r->org_name);
    table_set_text(t, i, 2, r->project);
    table_set_money(t, i, 3, r->amount_pence, false);
    table_set_text(t, i, 4, *r->submitted_on ? r->submitted_on : "draft");
    table_set_text(t, i, 5, r->eligible < 0 ? "" : r->eligible ? "yes" : "no");
    table_set_int(t, i, 6, r->scores);
    table_set_int(t, i, 7, r->moderated);
    if (r->percent >= 0)
        table_set_real(t, i, 8, r->percent, 2, "%");
    table_set_text(t, i, 9,
                   r->percent < 0 ? "not fully scored"
                   : r->final     ? "final"
                                  : "provisional");
    /* the threshold is applied to agreed scores only */
    table_set_text(t, i, 10,
                   r->percent < 0 || !r->final ? "after moderation"
                   : r->meets                  ? "yes"
                                               : "no");
}

static int do_list(struct store *s, const struct aargs *a)
{
    static const char *const cols[] = {"application", "organisation", "project",        "amount",
                                       "submitted",   "eligible",     "scores",         "moderated",
                                       "score_pct",   "score_state",  "meets_threshold"};
    struct table t;
    table_init(&t, sizeof cols / sizeof cols[0], cols);
    table_set_title(&t, "Applications: eligibility and weighted scores (moderated where agreed)");
    struct buf err = BUF_INIT;
    int rc = store_fund_results(s, a->arg, result_row, &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fprintf(stderr, "peel application: %s\n", buf_str(&err));
    table_free(&t);
    buf_free(&err);
    return rc ? 1 : 0;
}

static int do_change(struct store *s, int verb, const struct aargs *a,
                     const struct audit_origin *by)
{
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    char *end = NULL;
    int score = AOPT(a, A_SCORE) ? (int)strtol(AOPT(a, A_SCORE), &end, 10) : -1;
    if ((verb == 3 || verb == 4) && (!end || *end || score < 0))
        return cli_usage_error(&cmd_application, "--score: a whole number from 0");
    bool eligible = false;
    int rc = verb == 1 ? store_fund_submit(s, a->arg, AOPT(a, A_ON), by, &eligible, &reasons, &err)
             : verb == 2
                 ? store_fund_conflict(s, a->arg, AOPT(a, A_ASSESSOR), AOPT(a, A_NATURE), by, &err)
             : verb == 3 ? store_fund_score(s, a->arg, AOPT(a, A_ASSESSOR), AOPT(a, A_CRITERION),
                                            score, AOPT(a, A_COMMENT), by, &err)
                         : store_fund_moderate(s, a->arg, AOPT(a, A_CRITERION), score,
                                               AOPT(a, A_REASON), by, &err);
    if (rc == 0 && verb == 1)
        printf("%s submitted: %s\n%s", a->arg, eligible ? "eligible" : "not eligible",
               buf_str(&reasons));
    buf_free(&reasons);
    return done(rc, verb == 1 ? "" : "recorded", &err);
}

/* allocate ROUND --assessors a,b,c --per N */
static int do_allocate(struct store *s, const struct aargs *a, const struct audit_origin *by)
{
    char *end = NULL, *list = AOPT(a, A_ASSESSORS) ? strdup(AOPT(a, A_ASSESSORS)) : NULL;
    long per = AOPT(a, A_PER) ? strtol(AOPT(a, A_PER), &end, 10) : 0;
    const char *who[FUND_ALLOCATE_MAX_ASSESSORS];
    size_t n = 0;
    bool fits = true;
    for (char *save = NULL, *w = list ? strtok_r(list, ", ", &save) : NULL; w;
         w = strtok_r(NULL, ", ", &save))
        if (n < FUND_ALLOCATE_MAX_ASSESSORS)
            who[n++] = w;
        else
            fits = false;
    if (!list || n == 0 || !fits || !end || *end || per < 1 || (size_t)per > n) {
        free(list);
        return cli_usage_error(&cmd_application,
                               "allocate: --assessors USER,USER,... (at most %d) and --per N, "
                               "from 1 to the number of assessors",
                               FUND_ALLOCATE_MAX_ASSESSORS);
    }
    struct buf err = BUF_INIT;
    int made = 0;
    int rc = store_fund_allocate(s, a->arg, who, n, (int)per, by, &made, &err);
    char said[160];
    snprintf(said, sizeof said,
             "%d allocation%s made: each eligible application of %s has %ld "
             "assessors",
             made, made == 1 ? "" : "s", a->arg, per);
    free(list);
    return done(rc, said, &err);
}

static void allocation_row(void *arg, const struct fund_allocation_view *v)
{
    struct table *t = arg;
    size_t i = table_add_row(t);
    const char *cells[] = {v->round, v->ref, v->org_name, v->project, v->assessor};
    for (size_t k = 0; k < 5; k++)
        table_set_text(t, i, k, cells[k]);
    table_set_int(t, i, 5, v->scored);
    table_set_int(t, i, 6, v->criteria);
    table_set_text(t, i, 7,
                   v->conflicted              ? "conflict declared since"
                   : v->scored >= v->criteria ? "marked"
                                              : "to mark");
    table_set_text(t, i, 8, v->allocated_at);
}

static int do_allocations(struct store *s, const struct aargs *a)
{
    static const char *const cols[] = {"round",    "application", "organisation",
                                       "project",  "assessor",    "criteria_scored",
                                       "criteria", "state",       "allocated_at"};
    struct table t;
    table_init(&t, sizeof cols / sizeof cols[0], cols);
    table_set_title(&t, "Applications allocated to assessors");
    struct buf err = BUF_INIT;
    const char *round = !a->arg || strcmp(a->arg, "all") == 0 ? NULL : a->arg;
    int rc = store_fund_allocations(s, round, AOPT(a, A_ASSESSOR), allocation_row, &t, &err);
    return cli_print_table(&cmd_application, rc, &t, a->format, &err);
}

/* The command line for the audit log, with the contact person's details
 * replaced: they are personal data, kept only in the vault. */
static char *command_line_without_contact(int argc, char **argv)
{
    static const char *const personal[] = {"--contact-name", "--contact-email", "--contact-phone"};
    char **copy = calloc((size_t)argc + 1, sizeof *copy);
    if (!copy)
        abort();
    for (int i = 0; i < argc; i++) {
        copy[i] = argv[i];
        for (size_t k = 0; k < 3; k++) {
            size_t n = strlen(personal[k]);
            if (strncmp(argv[i], personal[k], n) == 0 && argv[i][n] == '=')
                copy[i] = (char *)"--contact=[in the vault]";
            else if (i > 0 && strcmp(argv[i - 1], personal[k]) == 0)
                copy[i] = (char *)"[in the vault]";
        }
    }
    char *line = cli_command_line(argc, copy);
    free(copy);
    return line;
}

/* Runs action i; by names the command line as typed, the contact
 * person's details replaced. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    struct aargs a;
    int rc = parse(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store(ctx);
    if (rc || !s)
        return rc ? rc : 1;
    if (i == 5 || i == 7)
        return i == 5 ? do_list(s, &a) : do_allocations(s, &a);
    return i == 0 ? do_save(s, &a, by) : i == 6 ? do_allocate(s, &a, by) : do_change(s, i, &a, by);
}

static int run_application(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const verbs[] = {"save",     "submit", "conflict", "score",
                                        "moderate", "list",   "allocate", "allocations"};
    return cli_run_action_as(&cmd_application, argc, argv, ctx, verbs, 8, act,
                             command_line_without_contact);
}

const struct peel_cmd cmd_application = {
    "application",
    run_application,
    "applications to a Safety Fund round: drafts, eligibility, scores, conflicts, moderation",
    "peel application save ROUND|REF [--org N] [--org-type T] [--org-id ID] [--project P]\n"
    "                       [--amount A] [--district D] [--csp CODE] [--priorities P]\n"
    "                       [--outcomes O] [--budget-lines B] [--contact-name N]\n"
    "                       [--contact-email E] [--contact-phone P]\n"
    "       peel application submit REF [--on DATE]\n"
    "       peel application conflict REF --assessor USER --nature TEXT\n"
    "       peel application score REF --assessor USER --criterion KEY --score N [--comment T]\n"
    "       peel application moderate REF --criterion KEY --score N --reason TEXT\n"
    "       peel application list ROUND [--format text|csv|json]\n"
    "       peel application allocate ROUND --assessors USER,USER,... --per N\n"
    "       peel application allocations ROUND|all [--assessor USER]\n"
    "                       [--format text|csv|json]",
    "An application to an open round of the Safety Fund (peel fund), as offices ask for\n"
    "it: the organisation, its type (charity, cio, cic, company, school, parish-council,\n"
    "community-group, individual ...) and registered number as an org-id\n"
    "(GB-CHC-1234567), the project, the amount, the district and community safety\n"
    "partnership, the priorities, expected outcomes and budget lines.\n"
    "\n"
    "--district and --csp must be values of the loaded area lookup (groupings district\n"
    "and csp, as `peel import-areas` loaded them), and --priorities keys of the plan\n"
    "missions or strategies the round serves (m1, m2.s3: every mission of the latest\n"
    "plan when the round names none); anything else is refused, the nearest valid\n"
    "value or the valid ones suggested. Nothing is written when a save is refused.\n"
    "\n"
    "save ROUND starts a draft and prints its reference (A-...); save REF changes it\n"
    "until it is submitted. submit checks it against the round's rules and says why it\n"
    "is or is not eligible. The contact person's name, email and phone are personal\n"
    "data: they are sealed in the vault (docs/vault.md), never in the fund's tables.\n"
    "\n"
    "Each assessor scores every criterion of the round's rubric; an assessor who declared\n"
    "a conflict with an application cannot score it (the database refuses it).\n"
    "moderate records the agreed score of a criterion and why it moved. list shows each\n"
    "application's weighted score (moderated scores where agreed, else the assessors'\n"
    "mean) against the round's threshold, fixed when the round opened: provisional until\n"
    "every criterion is moderated, and compared with the threshold only then.\n"
    "\n"
    "A conflict is with the organisation: declared with one application, it bars the\n"
    "assessor from every application of the same org-id or name. allocate gives each\n"
    "eligible application of the round to --per of the assessors named (accounts that\n"
    "mark: officer, finance-officer, monitoring-officer), the least loaded first, never\n"
    "to one conflicted with its organisation; run again, it only tops up (an assessor who\n"
    "declares a conflict after allocation no longer counts). Nothing is allocated when an\n"
    "application cannot have --per; every such application is named. Once allocated, an\n"
    "application is scored by its assessors only. allocations lists them, with how many\n"
    "criteria each assessor has scored (the staff side's \"your applications to mark\").\n"
    "\n"
    "Examples:\n"
    "  peel application save SF-R1 --org 'Safe Homes' --org-type charity \\\n"
    "      --org-id GB-CHC-1234567 --project 'Refuge outreach' --amount 9,500 \\\n"
    "      --district Charnwood --contact-email jo@example.org\n"
    "  peel application submit A-7KQ2M9XH4P\n"
    "  peel application conflict A-7KQ2M9XH4P --assessor bob --nature 'Trustee'\n"
    "  peel application score A-7KQ2M9XH4P --assessor amy --criterion need --score 4\n"
    "  peel application moderate A-7KQ2M9XH4P --criterion need --score 3 --reason '...'\n"
    "  peel application list SF-R1\n"
    "  peel application allocate SF-R1 --assessors amy,bob,cat --per 2\n"
    "  peel application allocations SF-R1 --assessor amy\n",
};
