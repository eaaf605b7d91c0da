/*
 * compare_args.c - options shared by `peel compare` and `peel chart
 * --funnel` (see compare_args.h).
 */
#include "cli/compare_args.h"
#include "assess/compare.h"
#include "assess/evaluate.h"
#include "store/plans.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct raw_args {
    const char *metric, *plan, *fy, *method;
    int from, to;
};

static int parse_options(const struct peel_cmd *cmd, int argc, char **argv, bool with_out,
                         struct raw_args *r, struct compare_args *a)
{
    static const struct option longopts[] = {{"metric", required_argument, NULL, 'M'},
                                             {"by", required_argument, NULL, 'b'},
                                             {"fy", required_argument, NULL, 'y'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"to", required_argument, NULL, 't'},
                                             {"plan", required_argument, NULL, 'p'},
                                             {"no-adjust", no_argument, NULL, 'n'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"funnel", no_argument, NULL, 'u'},
                                             {"timings", no_argument, NULL, 'T'},
                                             {"method", required_argument, NULL, 'm'},
                                             {NULL, 0, NULL, 0}};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        bool ok = true;
        switch (c) {
        case 'M':
            r->metric = optarg;
            break;
        case 'b':
            a->by_name = optarg;
            break;
        case 'y':
            r->fy = optarg;
            break;
        case 'f':
            ok = month_parse(optarg, strlen(optarg), &r->from);
            break;
        case 't':
            ok = month_parse(optarg, strlen(optarg), &r->to);
            break;
        case 'p':
            r->plan = optarg;
            break;
        case 'n':
            a->adjust = false;
            break;
        case 'F':
            ok = cli_parse_format(optarg, &a->fmt);
            break;
        case 'o':
            ok = with_out;
            a->out = optarg;
            break;
        case 'T':
            a->timings = true;
            break;
        case 'm':
            r->method = optarg;
            if (!funnel_method_parse(optarg, &a->method))
                return cli_usage_error(cmd, "--method must be spiegelhalter or phe, not '%s'",
                                       optarg);
            break;
        case 'u':
            ok = with_out;
            break;
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
        if (!ok)
            return cli_usage_error(cmd, "bad option or value: %s", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!r->metric)
        return cli_usage_error(cmd, "give --metric ID");
    if (r->fy && (r->from >= 0 || r->to >= 0))
        return cli_usage_error(cmd, "give --fy or --from/--to, not both");
    if ((r->from >= 0) != (r->to >= 0) || r->from > r->to)
        return cli_usage_error(cmd, "--from and --to go together, --from first");
    if (with_out && !a->out)
        return cli_usage_error(cmd, "give --out FILE.svg, .png or .pdf");
    return 0;
}

/* The months compared: --fy, --from/--to, or the latest financial year
 * with data (its months so far, if it is under way). */
static bool months(struct compare_args *a, const struct raw_args *r)
{
    int fy;
    if (r->fy) {
        if (!fy_parse(r->fy, &fy))
            return false;
        a->from = fy_first_month(fy);
        a->to = a->from + 11;
        return true;
    }
    if (r->from >= 0) {
        a->from = r->from;
        a->to = r->to;
        return true;
    }
    int first, last;
    if (!store_street_months(a->store, a->plan.force, -1, &first, &last))
        return false;
    a->from = fy_first_month(fy_of_month(last));
    a->to = last;
    return true;
}

static int open_plan(const struct peel_cmd *cmd, struct peel_ctx *ctx, const struct raw_args *r,
                     struct compare_args *a)
{
    if (!(a->store = cli_store(ctx)))
        return 1;
    struct buf err = BUF_INIT;
    struct plan_version which;
    int rc = store_plan_read(a->store, r->plan, 0, &a->plan, &which, &err);
    if (rc != 0) {
        fprintf(stderr, "peel %s: %s\n", cmd->name,
                rc == 1 ? "no plan loaded (peel plan load FILE)" : err.p);
        buf_free(&err);
        return 1;
    }
    buf_free(&err);
    a->has_plan = true;
    if (!(a->metric = plan_find_metric(&a->plan, r->metric, NULL))) {
        fprintf(stderr, "peel %s: plan %s has no metric '%s'\n", cmd->name, a->plan.id, r->metric);
        return 1;
    }
    const char *why = metric_not_comparable(a->metric);
    if (why) {
        fprintf(stderr, "peel %s: metric %s %s\n", cmd->name, a->metric->id, why);
        return 1;
    }
    return 0;
}

int compare_args_parse(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                       bool with_out, struct compare_args *a)
{
    *a = (struct compare_args){.by_name = "district", .adjust = true, .fmt = TABLE_AUTO};
    struct raw_args r = {.from = -1, .to = -1};
    int rc = parse_options(cmd, argc, argv, with_out, &r, a);
    if (rc == 0)
        rc = open_plan(cmd, ctx, &r, a);
    if (rc != 0)
        return rc;
    if (!r.method && a->metric->charts.funnel) /* the plan's choice, unless --method */
        a->method = (enum funnel_method)(a->metric->charts.funnel - 1);
    if ((rc = cli_dim(cmd, a->store, a->by_name, true, &a->by)) != 0)
        return rc;
    if (!months(a, &r)) {
        fprintf(stderr, "peel %s: %s\n", cmd->name,
                r.fy ? "--fy must be a financial year, YYYY-YY" : "no recorded crime imported");
        return r.fy ? EXIT_USAGE : 1;
    }
    return 0;
}

void compare_args_title(const struct compare_args *a, struct buf *out)
{
    char from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE], fy[FY_TEXT_SIZE];
    month_format(a->from, from);
    month_format(a->to, to);
    buf_printf(out, "%s by %s, ", a->metric->title, a->by_name);
    if (a->from == fy_first_month(fy_of_month(a->from)) && a->to == a->from + 11) {
        fy_format(fy_of_month(a->from), fy);
        buf_printf(out, "%s (%s to %s)", fy, from, to);
    } else {
        buf_printf(out, "%s to %s", from, to);
    }
}

void compare_args_free(struct compare_args *a)
{
    if (a->has_plan)
        plan_free(&a->plan);
    a->has_plan = false;
}
