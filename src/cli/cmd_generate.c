/*
 * cmd_generate.c - `peel generate`: write synthetic data.police.uk files.
 *
 * Parses the options into a struct synth_options, lets synth_generate do
 * the work and prints what was written. Demos, tests and benchmarks all
 * start here, so the defaults make the Leicestershire demo data set.
 */
#include "cli/cli.h"
#include "model/forces.h"
#include "synth/generate.h"
#include "util/mem.h"
#include "util/month.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_generate(int argc, char **argv, struct peel_ctx *ctx);

const struct peel_cmd cmd_generate = {
    "generate",
    run_generate,
    "write synthetic police.uk CSV files for demos, tests and benchmarks",
    "peel generate [options]",
    "Writes SYNTHETIC data.police.uk-format files - street, outcomes and\n"
    "stop-and-search CSVs in the archive layout (DIR/police-uk/YYYY-MM/YYYY-MM-<force>-*.csv),\n"
    "LSOA lookups (DIR/lookups/) and DIR/README.txt. None of it is real crime data.\n"
    "The same seed and options always give byte-identical files.\n"
    "\n"
    "Options:\n"
    "  --out DIR         output folder, created if missing (default demo/data)\n"
    "  --from YYYY-MM    first month (default 2019-04)\n"
    "  --to YYYY-MM      last month (default 2023-03)\n"
    "  --forces LIST     comma-separated force slugs (default leicestershire)\n"
    "  --all-forces      the 43 territorial forces of England and Wales\n"
    "  --rows N          approximate street rows per force per month (default 9000);\n"
    "                    stop and search is scaled to match (300 at 9000)\n"
    "  --seed N          random seed (default 1)\n"
    "  --kinds LIST      any of street,outcomes,stop-and-search (default all three)\n"
    "  --no-lookups      do not write the lookups (lsoa-areas.csv, lsoa-population.csv,\n"
    "                    ethnic-population.csv)\n"
    "  --shuffled        street rows in random order, not data.police.uk's (by LSOA\n"
    "                    name, then crime type, no location last): the same rows\n"
    "\n"
    "leicestershire gets the nine real districts of Leicester, Leicestershire and\n"
    "Rutland (611 LSOAs, synthetic codes E01900001..) and four deliberate shifts:\n"
    "  1. Burglary in Charnwood falls by 30% from 2021-10 onwards\n"
    "  2. Possession of weapons rises by 26% force-wide from 2021-04 onwards\n"
    "  3. Shoplifting rises by 20% force-wide from 2022-04 onwards\n"
    "  4. Criminal damage and arson in Leicester doubles in 2020-11 only\n"
    "Every force has seasonality (violence, ASB, public order +15% Jun-Aug;\n"
    "burglary +15% Nov-Jan) and Poisson noise; other forces get synthetic districts.\n"
    "\n"
    "Examples:\n"
    "  peel generate\n"
    "  peel generate --out /tmp/bench --all-forces --from 2022-04 --to 2023-03 \\\n"
    "      --rows 10000 --kinds street\n"
    "  peel generate --out /tmp/small --forces leicestershire,kent --rows 900 --seed 7\n",
};

enum {
    OPT_OUT = 256,
    OPT_FROM,
    OPT_TO,
    OPT_FORCES,
    OPT_ALL,
    OPT_ROWS,
    OPT_SEED,
    OPT_KINDS,
    OPT_NOLK,
    OPT_SHUFFLED
};

static const struct option long_options[] = {
    {"out", required_argument, NULL, OPT_OUT},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"forces", required_argument, NULL, OPT_FORCES},
    {"all-forces", no_argument, NULL, OPT_ALL},
    {"rows", required_argument, NULL, OPT_ROWS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"kinds", required_argument, NULL, OPT_KINDS},
    {"no-lookups", no_argument, NULL, OPT_NOLK},
    {"shuffled", no_argument, NULL, OPT_SHUFFLED},
    {NULL, 0, NULL, 0},
};

/* What parsing owns, so that every exit path frees it. */
struct parsed {
    struct synth_options o;
    char *force_text;   /* --forces, split in place */
    const char **slugs; /* pointers into force_text */
    bool forces_given;
};

static bool parse_month(const char *s, int *month)
{
    return month_parse(s, strlen(s), month);
}

static const char *parse_kinds(const char *s, unsigned *kinds)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"street", SYNTH_STREET},
                 {"outcomes", SYNTH_OUTCOMES},
                 {"stop-and-search", SYNTH_STOP_SEARCH}};
    *kinds = 0;
    while (*s) {
        size_t n = strcspn(s, ","), i = 0;
        while (i < 3 && (strlen(names[i].name) != n || strncmp(s, names[i].name, n) != 0))
            i++;
        if (i == 3)
            return "--kinds takes street, outcomes and stop-and-search";
        *kinds |= names[i].bit;
        s += n + (s[n] == ',');
    }
    return *kinds ? NULL : "--kinds needs at least one kind";
}

/* Splits the list in place and checks each slug now, so that a typo is a
 * usage error rather than a failure after half the files are written. */
static int parse_forces(struct parsed *p, const char *arg)
{
    size_t most = 1;
    for (const char *s = arg; *s; s++)
        most += *s == ',';
    free(p->force_text);
    free(p->slugs);
    p->force_text = xstrdup(arg);
    p->slugs = xmalloc(most * sizeof *p->slugs);
    p->o.nforces = 0;
    for (char *s = p->force_text, *next; s; s = next) {
        next = strchr(s, ',');
        if (next)
            *next++ = '\0';
        if (!*s)
            continue;
        if (!force_by_slug(s, strlen(s)))
            return cli_usage_error(&cmd_generate,
                                   "unknown force '%s' (use data.police.uk slugs, e.g. "
                                   "leicestershire,kent)",
                                   s);
        p->slugs[p->o.nforces++] = s;
    }
    p->o.forces = p->slugs;
    p->forces_given = true;
    return p->o.nforces ? 0 : cli_usage_error(&cmd_generate, "--forces needs at least one slug");
}

static int parse_option(struct parsed *p, int c, const char *arg)
{
    unsigned long long v;
    const char *why;
    switch (c) {
    case OPT_OUT:
        p->o.out_dir = arg;
        return 0;
    case OPT_FROM:
    case OPT_TO:
        if (!parse_month(arg, c == OPT_FROM ? &p->o.from : &p->o.to))
            return cli_usage_error(&cmd_generate, "bad month '%s' (expected YYYY-MM)", arg);
        return 0;
    case OPT_FORCES:
        return parse_forces(p, arg);
    case OPT_ALL:
        p->o.all_forces = true;
        return 0;
    case OPT_ROWS:
        if (!cli_parse_unsigned(arg, 1000000, &v))
            return cli_usage_error(&cmd_generate, "--rows takes a number from 0 to 1000000");
        p->o.rows = (long)v;
        return 0;
    case OPT_SEED:
        if (!cli_parse_unsigned(arg, UINT64_MAX, &v))
            return cli_usage_error(&cmd_generate, "--seed takes a non-negative integer");
        p->o.seed = v;
        return 0;
    case OPT_KINDS:
        if ((why = parse_kinds(arg, &p->o.kinds)))
            return cli_usage_error(&cmd_generate, "%s", why);
        return 0;
    case OPT_NOLK:
        p->o.lookups = false;
        return 0;
    case OPT_SHUFFLED:
        p->o.shuffled = true;
        return 0;
    default:
        return cli_usage_error(&cmd_generate, "unexpected option");
    }
}

static int parse_args(int argc, char **argv, struct parsed *p)
{
    int c;
    cli_reset_getopt();
    opterr = 0; /* we word the errors ourselves */
    while ((c = getopt_long(argc, argv, "+:", long_options, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error(&cmd_generate, "%s needs a value", argv[optind - 1]);
        if (c == '?' && optopt > 0 && optopt < 256)
            return cli_usage_error(&cmd_generate, "unknown option '-%c'", optopt);
        if (c == '?')
            return cli_usage_error(&cmd_generate, "unknown option '%s'", argv[optind - 1]);
        int rc = parse_option(p, c, optarg);
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error(&cmd_generate, "unexpected argument '%s'", argv[optind]);
    if (p->forces_given && p->o.all_forces)
        return cli_usage_error(&cmd_generate, "use --forces or --all-forces, not both");
    if (p->o.from > p->o.to)
        return cli_usage_error(&cmd_generate, "--from must not be after --to");
    return 0;
}

/* 1234567 -> "1,234,567": row counts are read at a glance. */
static const char *grouped(uint64_t v, char out[32])
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, v), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return out;
}

static void print_summary(const struct synth_options *o, const struct synth_summary *s)
{
    char a[32], from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE];
    month_format(o->from, from);
    month_format(o->to, to);
    printf("Wrote %zu files of SYNTHETIC data to %s (seed %" PRIu64 ", %s..%s, %zu month%s, "
           "%zu force%s)\n",
           s->files, o->out_dir, o->seed, from, to, s->months, s->months == 1 ? "" : "s", s->forces,
           s->forces == 1 ? "" : "s");
    if (o->kinds & SYNTH_STREET)
        printf("  street rows           %12s\n", grouped(s->street_rows, a));
    if (o->kinds & SYNTH_OUTCOMES)
        printf("  outcomes rows         %12s\n", grouped(s->outcome_rows, a));
    if (o->kinds & SYNTH_STOP_SEARCH)
        printf("  stop-and-search rows  %12s\n", grouped(s->search_rows, a));
    if (o->lookups)
        printf("  LSOAs in lookups      %12s\n", grouped(s->lsoas, a));
    printf("These are not real crimes: see %s/README.txt.\n", o->out_dir);
}

static int run_generate(int argc, char **argv, struct peel_ctx *ctx)
{
    struct parsed p = {0};
    struct synth_summary summary;
    (void)ctx; /* no database: generate only writes files */
    synth_options_default(&p.o);
    int rc = parse_args(argc, argv, &p);
    if (rc == 0) {
        rc = synth_generate(&p.o, &summary, stderr) ? 1 : 0;
        if (rc == 0)
            print_summary(&p.o, &summary);
    }
    free(p.force_text);
    free(p.slugs);
    return rc;
}
