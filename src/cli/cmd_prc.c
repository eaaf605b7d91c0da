/*
 * cmd_prc.c - `peel prc`: the Home Office recorded-crime tables by offence
 * group, by force (comparing forces, or a force with its most similar
 * group) and by quarter.
 */
#include "assess/prc_views.h"
#include "cli/commands.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct prc_args {
    struct prc_request rq;
    bool by_given;
    enum table_format fmt;
};

/* ---- options ------------------------------------------------------------ */

static int parse_by(const char *v, struct prc_args *a)
{
    static const char *const names[] = {
        [PRC_BY_GROUP] = "group", [PRC_BY_FORCE] = "force", [PRC_BY_QUARTER] = "quarter"};
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            a->rq.by = (enum prc_by)i;
            a->by_given = true;
            return 0;
        }
    return cli_usage_error(&cmd_prc, "--by must be group, force or quarter, not '%s'", v);
}

static int parse_option(int c, struct prc_args *a, char **argv)
{
    switch (c) {
    case 'y':
        return fy_parse(optarg, &a->rq.fy)
                   ? 0
                   : cli_usage_error(&cmd_prc, "--fy must be a financial year such as 2017-18");
    case 'q':
        if (strlen(optarg) == 1 && optarg[0] >= '1' && optarg[0] <= '4') {
            a->rq.quarter = optarg[0] - '0';
            return 0;
        }
        return cli_usage_error(&cmd_prc, "--quarter must be 1, 2, 3 or 4");
    case 'o':
        a->rq.force = optarg;
        return 0;
    case 'b':
        return parse_by(optarg, a);
    case 'g':
        a->rq.group = optarg;
        return 0;
    case 's':
        a->rq.similar = true;
        return 0;
    case 'A':
        a->rq.all_bodies = true;
        return 0;
    case 'F':
        return cli_parse_format(optarg, &a->fmt)
                   ? 0
                   : cli_usage_error(&cmd_prc, "--format must be table, csv or json");
    default:
        return cli_usage_error(&cmd_prc, "unknown option '%s'", argv[optind - 1]);
    }
}

/* Defaults and combinations: a force alone is broken down by group; no
 * force, or --similar, compares forces. */
static int check_args(struct prc_args *a)
{
    struct prc_request *rq = &a->rq;
    if (!a->by_given)
        rq->by = rq->force && !rq->similar ? PRC_BY_GROUP : PRC_BY_FORCE;
    if ((rq->by != PRC_BY_FORCE || rq->similar) && !rq->force)
        return cli_usage_error(&cmd_prc, "%s needs --force NAME",
                               rq->similar ? "--similar" : "--by group and --by quarter");
    if (rq->similar && rq->by != PRC_BY_FORCE)
        return cli_usage_error(&cmd_prc, "--similar compares forces: use it with --by force");
    if (rq->group && rq->by == PRC_BY_GROUP)
        return cli_usage_error(&cmd_prc, "--offence-group picks one group: use --by force or "
                                         "--by quarter");
    return 0;
}

static int print_view(struct store *s, const struct prc_args *a)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = prc_view_build(s, &a->rq, &t, &err);
    if (rc == 0)
        table_render(&t, a->fmt, stdout);
    else if (rc == PRC_VIEW_BAD_REQUEST)
        rc = cli_usage_error(&cmd_prc, "%s", buf_str(&err));
    else
        fprintf(stderr, "peel prc: %s\n", buf_str(&err));
    if (rc == 0)
        table_free(&t);
    buf_free(&err);
    return rc < 0 ? 1 : rc;
}

static int run_prc(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"quarter", required_argument, NULL, 'q'},
                                             {"force", required_argument, NULL, 'o'},
                                             {"by", required_argument, NULL, 'b'},
                                             {"offence-group", required_argument, NULL, 'g'},
                                             {"similar", no_argument, NULL, 's'},
                                             {"all-bodies", no_argument, NULL, 'A'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    struct prc_args a = {.rq = {.fy = -1}, .fmt = TABLE_AUTO};
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
        rc = parse_option(c, &a, argv);
    if (rc == 0 && optind < argc)
        rc = cli_usage_error(&cmd_prc, "unexpected argument '%s'", argv[optind]);
    if (rc == 0)
        rc = check_args(&a);
    struct store *s = rc == 0 ? cli_store(ctx) : NULL;
    if (rc == 0 && !s)
        rc = 1;
    if (rc == 0)
        rc = print_view(s, &a);
    return rc;
}

const struct peel_cmd cmd_prc = {
    "prc",
    run_prc,
    "Home Office recorded crime: a force by offence group, forces compared, by quarter",
    "peel prc [--fy YYYY-YY] [--quarter N] [--force NAME] [--by group|force|quarter]\n"
    "                [--offence-group NAME] [--similar] [--all-bodies] [--format table|csv|json]",
    "Asks the Home Office Police Recorded Crime tables loaded with peel import-prc: offences\n"
    "recorded by each police force, per financial quarter and Home Office offence group.\n"
    "\n"
    "  --fy YYYY-YY        the financial year (default: the latest loaded)\n"
    "  --quarter N         only its quarter N (1 = April to June)\n"
    "  --force NAME        a force: leicestershire, Leicestershire Police, \"London, City of\"\n"
    "  --by group          the force's offences per offence group, with each group's share\n"
    "                      (the default with --force)\n"
    "  --by force          offences per force, highest rate per 1,000 residents first when\n"
    "                      force populations are loaded (peel import-population --forces),\n"
    "                      else most offences first (the default without --force)\n"
    "  --by quarter        the force's offences per quarter\n"
    "  --offence-group G   only one offence group, e.g. \"Possession of weapons offences\"\n"
    "                      (--by force and --by quarter)\n"
    "  --similar           with --force: only the force and its most similar group (for\n"
    "                      Leicestershire: Nottinghamshire, Essex, Hertfordshire, Hampshire,\n"
    "                      Bedfordshire, Kent, Sussex, as the PCC's annual report lists them)\n"
    "  --all-bodies        --by force also lists British Transport Police and the bodies\n"
    "                      that record fraud nationally (Action Fraud, CIFAS, UK Finance)\n"
    "  --format FMT        table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel prc --fy 2017-18 --force leicestershire\n"
    "  peel prc --fy 2017-18 --force leicestershire --similar\n"
    "  peel prc --fy 2017-18 --force leicestershire --similar \\\n"
    "      --offence-group \"Possession of weapons offences\"\n"
    "  peel prc --fy 2017-18 --by force --format csv\n"
    "  peel prc --force leicestershire --by quarter\n",
};
