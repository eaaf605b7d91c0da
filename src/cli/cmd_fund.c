/*
 * cmd_fund.c - `peel fund`: the Commissioner's Safety Fund (store/fund.h,
 * assess/fund_tables.h).
 *
 *   peel fund programme KEY --title T --funder-id ID --funder-name N --prefix 360G-X
 *   peel fund year PROGRAMME FY --budget AMOUNT
 *   peel fund round KEY --programme P --fy FY --title T --theme T [--specialist]
 *                  --opens DATE --closes DATE --budget AMOUNT [--max-award AMOUNT]
 *                  [--threshold PCT] [--eligible TYPES] [--rules TEXT] [--missions KEYS]
 *   peel fund criterion ROUND KEY --title T --weight N [--max-score N]
 *   peel fund cofunder ROUND --funder NAME --share AMOUNT
 *   peel fund threshold ROUND PCT
 *   peel fund open ROUND
 *   peel fund award ROUND --to NAME --org-id ID --title T --description D --amount AMOUNT
 *                  [--district D] [--csp CODE] [--priority M] [--sensitive] [--conditions T]
 *                  [--on DATE] [--application REF]
 *   peel fund decision ROUND --as USER      drafts the round's awards as one decision
 *   peel fund rounds | awards [ROUND] [--public] | totals --by round|district|priority
 *   peel fund stats --by round|district|priority [--public]   assess/fund_stats.h
 *   peel fund open-data [--preview] [--format json|csv]   360Giving (assess/giving360.h)
 *   peel fund map [ROUND] [--district D] [--priority P] [--out FILE] [--width 800|380]
 *                  money awarded by district on a map (assess/fund_map.h)
 *
 * A change is audited as done by "cli:USER" with the command line (the
 * decision, as the account --as names, as `peel decision` does).
 */
#include "assess/fund_map.h"
#include "assess/fund_stats.h"
#include "assess/fund_tables.h"
#include "assess/giving360.h"
#include "cli/commands.h"
#include "model/money.h"
#include "store/decisions.h"
#include "store/fund.h"
#include "store/fund_apply.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    O_TITLE = 256,
    O_FUNDER_ID,
    O_FUNDER_NAME,
    O_PREFIX,
    O_BUDGET,
    O_PROGRAMME,
    O_FY,
    O_THEME,
    O_SPECIALIST,
    O_OPENS,
    O_CLOSES,
    O_MAX_AWARD,
    O_THRESHOLD,
    O_ELIGIBLE,
    O_RULES,
    O_MISSIONS,
    O_WEIGHT,
    O_MAX_SCORE,
    O_FUNDER,
    O_SHARE,
    O_TO,
    O_ORG_ID,
    O_DESCRIPTION,
    O_AMOUNT,
    O_DISTRICT,
    O_CSP,
    O_PRIORITY,
    O_SENSITIVE,
    O_CONDITIONS,
    O_ON,
    O_AS,
    O_PUBLIC,
    O_BY,
    O_FORMAT,
    O_PREVIEW,
    O_APPLICATION,
    O_OUT,
    O_WIDTH,
    O_COUNT
};

struct fargs {
    const char *verb, *arg[2];
    const char *o[O_COUNT - O_TITLE]; /* each option's text, NULL when not given */
    enum table_format format;
};

#define OPT(a, k) ((a)->o[(k)-O_TITLE])

static const struct option longopts[] = {{"title", required_argument, NULL, O_TITLE},
                                         {"funder-id", required_argument, NULL, O_FUNDER_ID},
                                         {"funder-name", required_argument, NULL, O_FUNDER_NAME},
                                         {"prefix", required_argument, NULL, O_PREFIX},
                                         {"budget", required_argument, NULL, O_BUDGET},
                                         {"programme", required_argument, NULL, O_PROGRAMME},
                                         {"fy", required_argument, NULL, O_FY},
                                         {"theme", required_argument, NULL, O_THEME},
                                         {"specialist", no_argument, NULL, O_SPECIALIST},
                                         {"opens", required_argument, NULL, O_OPENS},
                                         {"closes", required_argument, NULL, O_CLOSES},
                                         {"max-award", required_argument, NULL, O_MAX_AWARD},
                                         {"threshold", required_argument, NULL, O_THRESHOLD},
                                         {"eligible", required_argument, NULL, O_ELIGIBLE},
                                         {"rules", required_argument, NULL, O_RULES},
                                         {"missions", required_argument, NULL, O_MISSIONS},
                                         {"weight", required_argument, NULL, O_WEIGHT},
                                         {"max-score", required_argument, NULL, O_MAX_SCORE},
                                         {"funder", required_argument, NULL, O_FUNDER},
                                         {"share", required_argument, NULL, O_SHARE},
                                         {"to", required_argument, NULL, O_TO},
                                         {"org-id", required_argument, NULL, O_ORG_ID},
                                         {"description", required_argument, NULL, O_DESCRIPTION},
                                         {"amount", required_argument, NULL, O_AMOUNT},
                                         {"district", required_argument, NULL, O_DISTRICT},
                                         {"csp", required_argument, NULL, O_CSP},
                                         {"priority", required_argument, NULL, O_PRIORITY},
                                         {"sensitive", no_argument, NULL, O_SENSITIVE},
                                         {"conditions", required_argument, NULL, O_CONDITIONS},
                                         {"on", required_argument, NULL, O_ON},
                                         {"as", required_argument, NULL, O_AS},
                                         {"public", no_argument, NULL, O_PUBLIC},
                                         {"by", required_argument, NULL, O_BY},
                                         {"format", required_argument, NULL, O_FORMAT},
                                         {"preview", no_argument, NULL, O_PREVIEW},
                                         {"application", required_argument, NULL, O_APPLICATION},
                                         {"out", required_argument, NULL, O_OUT},
                                         {"width", required_argument, NULL, O_WIDTH},
                                         {NULL, 0, NULL, 0}};

static int parse(int argc, char **argv, struct fargs *a)
{
    *a = (struct fargs){.verb = argv[1], .format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        OPT(a, c) = optarg ? optarg : "yes";
        if (c == O_FORMAT && optarg && !cli_parse_format(optarg, &a->format) &&
            strcmp(optarg, "text") != 0)
            return cli_usage_error(&cmd_fund, "--format must be text, csv or json");
    }
    for (int i = 0; optind < argc; i++, optind++)
        if (i == 2)
            return cli_usage_error(&cmd_fund, "unexpected argument '%s'", argv[optind]);
        else
            a->arg[i] = argv[optind];
    if (a->format == TABLE_AUTO && OPT(a, O_FORMAT) && strcmp(OPT(a, O_FORMAT), "text") == 0)
        a->format = TABLE_TEXT;
    return 0;
}

/* An amount option into pence: 0, or 2 after saying why. */
static int money_opt(const struct fargs *a, int k, const char *name, bool required, int64_t *out)
{
    const char *text = OPT(a, k);
    if (!text && !required)
        return 0;
    if (!text)
        return cli_usage_error(&cmd_fund, "%s: --%s AMOUNT is required", a->verb, name);
    if (!money_parse(text, out) || *out <= 0)
        return cli_usage_error(&cmd_fund, "--%s: '%s' is not an amount in pounds over nothing",
                               name, text);
    return 0;
}

/* "65", "65.5" or "65%" into hundredths of a percent; -1 when not one. */
static int percent_bp(const char *text)
{
    int64_t pence;
    char copy[32];
    snprintf(copy, sizeof copy, "%s", text);
    size_t n = strlen(copy);
    if (n && copy[n - 1] == '%')
        copy[n - 1] = '\0';
    /* a percentage has the shape of an amount: two decimals at most */
    if (!money_parse(copy, &pence) || pence < 0 || pence > 10000 || strchr(copy, ','))
        return -1;
    return (int)pence;
}

static int int_opt(const struct fargs *a, int k, int dflt)
{
    const char *t = OPT(a, k);
    char *end;
    long v = t ? strtol(t, &end, 10) : dflt;
    return t && (*end || end == t) ? -1 : (int)v;
}

static int say(int rc, const char *done, struct buf *err)
{
    if (rc == 0)
        printf("%s\n", done);
    else
        fprintf(stderr, "peel fund: %s\n", buf_str(err));
    buf_free(err);
    return rc == 0 ? 0 : rc < 0 ? 1 : 2;
}

static int need(const struct fargs *a, int nargs, const char *what)
{
    for (int i = 0; i < nargs; i++)
        if (!a->arg[i])
            return cli_usage_error(&cmd_fund, "%s: %s", a->verb, what);
    return 0;
}

static int do_programme(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    struct fund_programme p = {a->arg[0], OPT(a, O_TITLE), OPT(a, O_FUNDER_ID),
                               OPT(a, O_FUNDER_NAME), OPT(a, O_PREFIX)};
    struct buf err = BUF_INIT;
    return say(store_fund_programme_add(s, &p, by, &err), "programme added", &err);
}

static int do_year(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int64_t budget = 0;
    int rc = need(a, 2, "PROGRAMME FY (2024-25)");
    if (rc || (rc = money_opt(a, O_BUDGET, "budget", true, &budget)))
        return rc;
    struct buf err = BUF_INIT;
    return say(store_fund_year_add(s, a->arg[0], a->arg[1], budget, by, &err), "year added", &err);
}

static int do_round(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    struct fund_round r = {.key = a->arg[0],
                           .programme = OPT(a, O_PROGRAMME),
                           .fy = OPT(a, O_FY),
                           .title = OPT(a, O_TITLE),
                           .theme = OPT(a, O_THEME),
                           .specialist = OPT(a, O_SPECIALIST) != NULL,
                           .opens_on = OPT(a, O_OPENS),
                           .closes_on = OPT(a, O_CLOSES),
                           .max_award_pence = FUND_DEFAULT_MAX_AWARD_PENCE,
                           .threshold_bp = -1,
                           .eligible_types = OPT(a, O_ELIGIBLE),
                           .rules = OPT(a, O_RULES),
                           .missions = OPT(a, O_MISSIONS)};
    int rc = need(a, 1, "a round KEY");
    if (rc || (rc = money_opt(a, O_BUDGET, "budget", true, &r.budget_pence)) ||
        (rc = money_opt(a, O_MAX_AWARD, "max-award", false, &r.max_award_pence)))
        return rc;
    if (!r.programme || !r.fy)
        return cli_usage_error(&cmd_fund, "round: --programme and --fy are required");
    if (OPT(a, O_THRESHOLD) && (r.threshold_bp = percent_bp(OPT(a, O_THRESHOLD))) < 0)
        return cli_usage_error(&cmd_fund, "--threshold: a percentage from 0 to 100");
    struct buf err = BUF_INIT;
    return say(store_fund_round_add(s, &r, by, &err), "round added", &err);
}

static int do_criterion(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int rc = need(a, 2, "ROUND KEY");
    if (rc)
        return rc;
    struct buf err = BUF_INIT;
    return say(store_fund_criterion_add(s, a->arg[0], a->arg[1], OPT(a, O_TITLE),
                                        int_opt(a, O_WEIGHT, -1), int_opt(a, O_MAX_SCORE, 5), by,
                                        &err),
               "criterion added", &err);
}

static int do_cofunder(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int64_t share = 0;
    int rc = need(a, 1, "a ROUND");
    if (rc || (rc = money_opt(a, O_SHARE, "share", true, &share)))
        return rc;
    struct buf err = BUF_INIT;
    return say(store_fund_cofunder_add(s, a->arg[0], OPT(a, O_FUNDER), share, by, &err),
               "co-funder added", &err);
}

static int do_threshold(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int rc = need(a, 2, "ROUND PERCENT");
    int bp = rc ? 0 : percent_bp(a->arg[1]);
    if (rc || bp < 0)
        return rc ? rc : cli_usage_error(&cmd_fund, "threshold: a percentage from 0 to 100");
    struct buf err = BUF_INIT;
    return say(store_fund_round_threshold(s, a->arg[0], bp, by, &err), "threshold set", &err);
}

static int do_open(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int rc = need(a, 1, "a ROUND");
    if (rc)
        return rc;
    struct buf err = BUF_INIT;
    return say(store_fund_round_open(s, a->arg[0], by, &err),
               "round open: its rubric, threshold, budget and co-funders are now fixed", &err);
}

/* What an award leaves unsaid is its application's, when it names one:
 * the organisation, its identifier, the project, district, partnership
 * (each whole) and first priority (copied into a's buffers). */
struct from_application {
    struct fund_award_new *w;
    char recipient[256], org_id[128], title[256], district[128], csp[32], priority[64];
};

static void fill_from(void *arg, const struct fund_application_view *v)
{
    struct from_application *f = arg;
    struct fund_award_new *w = f->w;
    const struct {
        const char **field;
        char *to;
        size_t n;
        const char *value;
        const char *ends; /* where the value is cut: the priorities at their first key */
    } m[] = {{&w->recipient, f->recipient, sizeof f->recipient, v->a.org_name, ""},
             {&w->org_id, f->org_id, sizeof f->org_id, v->a.org_id, ""},
             {&w->title, f->title, sizeof f->title, v->a.project, ""},
             {&w->description, f->title, sizeof f->title, v->a.project, ""},
             {&w->district, f->district, sizeof f->district, v->a.district, ""},
             {&w->csp_code, f->csp, sizeof f->csp, v->a.csp_code, ""},
             {&w->priority, f->priority, sizeof f->priority, v->a.priorities, ",; "}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (!*m[i].field && m[i].value && *m[i].value) {
            snprintf(m[i].to, m[i].n, "%.*s", (int)strcspn(m[i].value, m[i].ends), m[i].value);
            *m[i].field = m[i].to;
        }
}

static int do_award(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    struct fund_award_new w = {.round = a->arg[0],
                               .recipient = OPT(a, O_TO),
                               .org_id = OPT(a, O_ORG_ID),
                               .title = OPT(a, O_TITLE),
                               .description = OPT(a, O_DESCRIPTION),
                               .district = OPT(a, O_DISTRICT),
                               .csp_code = OPT(a, O_CSP),
                               .priority = OPT(a, O_PRIORITY),
                               .sensitive = OPT(a, O_SENSITIVE) != NULL,
                               .conditions = OPT(a, O_CONDITIONS),
                               .awarded_on = OPT(a, O_ON),
                               .application = OPT(a, O_APPLICATION)};
    int rc = need(a, 1, "a ROUND");
    if (rc || (rc = money_opt(a, O_AMOUNT, "amount", true, &w.amount_pence)))
        return rc;
    struct buf err = BUF_INIT;
    struct from_application from = {.w = &w};
    if (w.application && store_fund_application(s, w.application, fill_from, &from, &err) != 0) {
        if (!err.len)
            buf_printf(&err, "no application %s", w.application);
        return say(2, "", &err);
    }
    int number = 0;
    rc = store_fund_award(s, &w, by, &number, &err);
    char done[128], amount[MONEY_TEXT_SIZE];
    money_format(w.amount_pence, true, amount);
    snprintf(done, sizeof done, "award %s-%d: %s", w.round, number, amount);
    return say(rc, done, &err);
}

static int do_decision(struct store *s, const struct fargs *a, const struct audit_origin *by)
{
    int rc = need(a, 1, "a ROUND");
    if (rc)
        return rc;
    if (!OPT(a, O_AS))
        return cli_usage_error(&cmd_fund, "decision: --as USER (the account that drafts it)");
    struct audit_origin as = {OPT(a, O_AS), by->origin};
    struct buf err = BUF_INIT;
    rc = store_fund_decision_draft(s, a->arg[0], &as, &err);
    char done[96];
    snprintf(done, sizeof done, "drafted decision " FUND_DECISION_PREFIX "%s (peel decision show)",
             a->arg[0]);
    if (rc > 0 && rc <= DECISION_BAD_INPUT && !err.len)
        buf_puts(&err, decision_status_text(rc));
    return say(rc, done, &err);
}

static int do_table(struct store *s, const struct fargs *a, int verb)
{
    bool human = a->format == TABLE_TEXT || a->format == TABLE_AUTO;
    enum fund_group g = FUND_BY_ROUND;
    if (verb >= 2 && !fund_group_parse(OPT(a, O_BY), &g))
        return cli_usage_error(&cmd_fund, "%s: --by round, district or priority", a->verb);
    struct table t;
    struct buf err = BUF_INIT;
    bool public_ = OPT(a, O_PUBLIC) != NULL;
    int rc = verb == 0   ? fund_rounds_table(s, human, &t, &err)
             : verb == 1 ? fund_awards_table(s, a->arg[0], public_, human, &t, &err)
             : verb == 2 ? fund_totals_table(s, g, human, &t, &err)
                         : fund_stats_table(s, g, public_, human, &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fprintf(stderr, "peel fund: %s\n", buf_str(&err));
    table_free(&t);
    buf_free(&err);
    return rc ? 1 : 0;
}

/* The 360Giving package (JSON, the default) or its CSV. */
static int do_open_data(struct store *s, const struct fargs *a)
{
    bool preview = OPT(a, O_PREVIEW) != NULL;
    struct buf out = BUF_INIT, err = BUF_INIT;
    struct table t;
    int rc = 0;
    if (a->format == TABLE_CSV) {
        rc = giving360_table(s, preview, &t, &err);
        if (rc == 0)
            table_render(&t, TABLE_CSV, stdout);
        table_free(&t);
    } else if (a->format == TABLE_AUTO || a->format == TABLE_JSON) {
        rc = giving360_json(s, preview, &out, &err);
        fputs(buf_str(&out), stdout);
    } else {
        rc = cli_usage_error(&cmd_fund, "open-data: --format json or csv");
    }
    if (rc < 0)
        fprintf(stderr, "peel fund: %s\n", buf_str(&err));
    buf_free(&out);
    buf_free(&err);
    return rc < 0 ? 1 : rc;
}

/* The map of the published awards by district (assess/fund_map.h), drawn
 * to --out at the site's widths, and its table. */
static int do_map(struct store *s, const struct fargs *a)
{
    struct fund_award_filter f = {a->arg[0], OPT(a, O_DISTRICT), OPT(a, O_PRIORITY)};
    enum chart_format cf = CHART_SVG;
    const char *out = OPT(a, O_OUT);
    if (out && !chart_format_from_path(out, &cf))
        return cli_usage_error(&cmd_fund, "map: --out must end in .svg, .png or .pdf");
    int width = int_opt(a, O_WIDTH, MAP_WIDTH);
    if (width != MAP_WIDTH && width != CHART_PHONE_WIDTH)
        return cli_usage_error(&cmd_fund, "map: --width %d (the site's) or %d (a phone's)",
                               MAP_WIDTH, CHART_PHONE_WIDTH);
    struct map m;
    struct buf err = BUF_INIT;
    int rc = fund_map_build(s, &f, NULL, FUND_MAP_TITLE, &m, &err);
    if (rc == 0 && out)
        rc = map_write_sized(&m, cf, width, width == MAP_WIDTH ? MAP_HEIGHT : MAP_PHONE_HEIGHT, out,
                             &err);
    if (rc == 0) {
        struct table t;
        map_table_money(&m, a->format == TABLE_TEXT || a->format == TABLE_AUTO, &t);
        table_render(&t, a->format, stdout);
        table_free(&t);
    } else {
        fprintf(stderr, "peel fund: %s\n", buf_str(&err));
    }
    map_free(&m);
    buf_free(&err);
    return rc < 0 ? 1 : 0;
}

typedef int (*change_fn)(struct store *s, const struct fargs *a, const struct audit_origin *by);

/* Runs action i; by names the command line as typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    static const change_fn changes[] = {do_programme, do_year, do_round, do_criterion, do_cofunder,
                                        do_threshold, do_open, do_award, do_decision};
    struct fargs a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = i < 2 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    if (i == 13)
        return do_open_data(s, &a);
    if (i == 14)
        return do_map(s, &a);
    if (i >= 9)
        return do_table(s, &a, i - 9);
    return changes[i](s, &a, by);
}

static int run_fund(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const verbs[] = {"programme", "year",   "round", "criterion", "cofunder",
                                        "threshold", "open",   "award", "decision",  "rounds",
                                        "awards",    "totals", "stats", "open-data", "map"};
    return cli_run_action(&cmd_fund, argc, argv, ctx, verbs, 15, act);
}

const struct peel_cmd cmd_fund = {
    "fund",
    run_fund,
    "the Commissioner's Safety Fund: programmes, rounds, rubrics, awards within budget",
    "peel fund programme KEY --title T --funder-id ORG-ID --funder-name N --prefix 360G-X\n"
    "       peel fund year PROGRAMME FY --budget AMOUNT\n"
    "       peel fund round KEY --programme P --fy FY --title T --theme T [--specialist]\n"
    "                       --opens DATE --closes DATE --budget AMOUNT [--max-award AMOUNT]\n"
    "                       [--threshold PCT] [--eligible TYPES] [--rules TEXT] [--missions KEYS]\n"
    "       peel fund criterion ROUND KEY --title T --weight N [--max-score N]\n"
    "       peel fund cofunder ROUND --funder NAME --share AMOUNT\n"
    "       peel fund threshold ROUND PCT\n"
    "       peel fund open ROUND\n"
    "       peel fund award ROUND --to NAME --org-id ID --title T --description D --amount AMOUNT\n"
    "                       [--district D] [--csp CODE] [--priority MISSION] [--sensitive]\n"
    "                       [--conditions TEXT] [--on DATE] [--application REF]\n"
    "       peel fund decision ROUND --as USER\n"
    "       peel fund rounds | awards [ROUND] [--public] | totals --by round|district|priority\n"
    "       peel fund stats --by round|district|priority [--public]\n"
    "                       [--format text|csv|json]\n"
    "       peel fund open-data [--preview] [--format json|csv]\n"
    "       peel fund map [ROUND] [--district D] [--priority P] [--out FILE] [--width 800|380]\n"
    "                       [--format text|csv|json]",
    "The Safety Fund as the Office runs it: programmes (the Safety Fund, People Zones),\n"
    "their budget for each financial year, and rounds within a year, each with a theme\n"
    "(specialist or not), opening and closing dates, a budget, the most one award may be\n"
    "(£10,000 unless --max-award says otherwise), who may apply, the plan missions it\n"
    "serves and the partners who co-fund it.\n"
    "\n"
    "A round is scored against its rubric (weighted criteria) and awards need its\n"
    "threshold; both are set before the round opens, and once it is open the round, its\n"
    "rubric, threshold, budget and co-funders never change (the database refuses it).\n"
    "\n"
    "An award is refused, with the figures, when it is over the round's maximum or would\n"
    "take the round's or the year's awards over budget: checked and written in one\n"
    "transaction, so awards made at the same moment are counted one after the other.\n"
    "decision drafts the round's awards as one decision of the register (FUND/ROUND),\n"
    "which then goes through the register's sign-offs; the awards are public (awards\n"
    "--public, the site's /grants, the 360Giving data) once that decision is published.\n"
    "Amounts are pounds (10,000 or 9999.50). Every change is audited.\n"
    "award --application REF records the award as the answer to an eligible application\n"
    "of the round (one award each); what the award does not say (recipient, org-id,\n"
    "title, district, partnership, priority) is taken from the application. Payments and\n"
    "monitoring returns after an award: peel award.\n"
    "\n"
    "stats counts, by round, district or plan priority, the applications sent, the\n"
    "eligible, the awarded, the success rate (awards as a share of applications sent) and\n"
    "the amounts asked for and awarded; --public: only rounds whose decision is\n"
    "published, as the site's /grants/statistics shows them. A row with one or two\n"
    "unsuccessful applications has its application figures withheld (and the total,\n"
    "when only one row is), so that no applicant turned down can be told.\n"
    "\n"
    "open-data writes the published awards as 360Giving open data: the standard's JSON\n"
    "package (schema 1.4), or with --format csv its flat table with the standard's column\n"
    "titles; --preview includes awards not yet published, to check them first. A\n"
    "sensitive award (--sensitive: a refuge) never has a beneficiary location.\n"
    "\n"
    "map prints, and with --out draws (.svg, .png or .pdf; --width 800, or 380 for a\n"
    "phone), the money the published awards give each district and how many grants, as\n"
    "the site's /grants/map: on the district boundaries where they are loaded (peel\n"
    "import-boundaries), else on hexagons drawn where each district's crimes are recorded.\n"
    "A sensitive award is on no map; the notes say how many and how much are left off.\n"
    "\n"
    "Examples:\n"
    "  peel fund programme safety-fund --title \"Commissioner's Safety Fund\" \\\n"
    "      --funder-id GB-GOV-XXXX --funder-name 'PCC for LLR' --prefix 360G-llrpcc\n"
    "  peel fund year safety-fund 2024-25 --budget 400,000\n"
    "  peel fund round SF-2024-R1 --programme safety-fund --fy 2024-25 --title 'Round 1' \\\n"
    "      --theme 'Violence against women and girls' --specialist --opens 2024-05-01 \\\n"
    "      --closes 2024-05-31 --budget 200,000 --threshold 65\n"
    "  peel fund criterion SF-2024-R1 need --title 'Need and evidence' --weight 30\n"
    "  peel fund open SF-2024-R1\n"
    "  peel fund award SF-2024-R1 --to 'Safe Homes' --org-id GB-CHC-1234567 --title ... \\\n"
    "      --description ... --amount 9,850 --district Charnwood --priority m2\n"
    "  peel fund decision SF-2024-R1 --as officer\n"
    "  peel fund totals --by district --format csv\n"
    "  peel fund stats --by priority --public\n"
    "  peel fund open-data > grants.json\n"
    "  peel fund map --out grants-map.png --width 380\n",
};
