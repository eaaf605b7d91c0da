/*
 * cmd_stats.c - `peel stats`: counts grouped any way, and the annual table.
 */
#include "analysis/annual.h"
#include "cli/commands.h"
#include "cli/prc_common.h"
#include "ingest/forces.h"
#include "store/areas.h"
#include "store/prc.h"
#include "store/query.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATS_MAX_CRIME_TYPES 20

/* Where the annual table's counts come from (--source). */
enum stats_source {
    SOURCE_AUTO,      /* the Home Office tables when they cover both years, else police.uk */
    SOURCE_POLICE_UK, /* police.uk crime types, mapped for --categories home-office */
    SOURCE_PRC,       /* the Home Office tables, or an error */
};

struct stats_args {
    struct stats_query q;
    enum stats_source source;
    char *group_by;
    int fy; /* -1: not the annual table */
    enum annual_scheme scheme;
    enum table_format fmt;
    char *area; /* "key=value", split into q.area_key / q.area_value */
    const char *crime_types[STATS_MAX_CRIME_TYPES];
};

/* ---- grouped counts ----------------------------------------------------- */

/* Grouped by an area, each row also gets the area's population and its
 * rate per 1,000 residents, so that areas can be compared. */
struct grouped {
    struct table *t;
    int ndims;
    int area_dim;    /* index of the area dimension, or -1 */
    struct hmap pop; /* area value -> population */
};

static void remember_population(void *arg, const char *value, int64_t population)
{
    struct grouped *g = arg;
    *hmap_put(&g->pop, value, strlen(value), NULL) = population;
}

static void add_grouped_row(void *arg, const char *const *keys, int64_t count)
{
    struct grouped *g = arg;
    size_t row = table_add_row(g->t);
    for (int i = 0; i < g->ndims; i++)
        table_set_text(g->t, row, (size_t)i, keys[i]);
    table_set_int(g->t, row, (size_t)g->ndims, count);
    if (g->area_dim < 0)
        return;
    const char *area = keys[g->area_dim];
    int64_t *pop = hmap_get(&g->pop, area, strlen(area));
    if (pop && *pop > 0) {
        table_set_int(g->t, row, (size_t)g->ndims + 1, *pop);
        table_set_real(g->t, row, (size_t)g->ndims + 2, 1000.0 * (double)count / (double)*pop, 2,
                       NULL);
    }
}

/* The one area dimension whose populations are loaded, or -1. */
static int find_area_dim(struct store *s, const struct stats_query *q, struct grouped *g)
{
    int found = -1;
    for (int i = 0; i < q->ndims; i++) {
        if (!stats_dim_is_area(&q->dims[i]))
            continue;
        if (found >= 0)
            return -1; /* two areas: a rate per what? */
        found = i;
    }
    if (found < 0)
        return -1;
    struct buf err = BUF_INIT;
    int rc = store_population_by(s, &q->dims[found], q->area_key, q->area_value,
                                 remember_population, g, &err);
    buf_free(&err);
    return rc == 0 && g->pop.count > 0 ? found : -1;
}

static int parse_group_by(struct store *s, char *list, struct stats_query *q)
{
    char *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        if (q->ndims == STATS_MAX_DIMS)
            return cli_usage_error(&cmd_stats, "at most %d --group-by dimensions", STATS_MAX_DIMS);
        if (!stats_dim_parse(s, name, &q->dims[q->ndims])) {
            struct buf groupings = BUF_INIT, err = BUF_INIT;
            store_groupings(s, &groupings, &err);
            int rc = cli_usage_error(&cmd_stats, "cannot group by '%s': use %s%s%s%s", name,
                                     stats_dim_names(), groupings.len ? " (loaded: " : "",
                                     groupings.len ? groupings.p : "", groupings.len ? ")" : "");
            buf_free(&groupings);
            buf_free(&err);
            return rc;
        }
        q->ndims++;
    }
    return 0;
}

static int grouped_counts(struct store *s, struct stats_args *a)
{
    char *list = xstrdup(a->group_by ? a->group_by : "fy");
    int rc = parse_group_by(s, list, &a->q);
    if (rc) {
        free(list);
        return rc;
    }
    const char *names[STATS_MAX_DIMS + 3];
    for (int i = 0; i < a->q.ndims; i++)
        names[i] = a->q.dims[i].label;
    names[a->q.ndims] = "count";
    names[a->q.ndims + 1] = "population";
    names[a->q.ndims + 2] = "rate_per_1000";
    struct grouped g = {NULL, a->q.ndims, -1, {0}};
    hmap_init(&g.pop);
    g.area_dim = find_area_dim(s, &a->q, &g);
    struct table t;
    table_init(&t, (size_t)a->q.ndims + (g.area_dim >= 0 ? 3 : 1), names);
    g.t = &t;
    if (g.area_dim >= 0)
        table_add_note(&t,
                       "rate_per_1000: count per 1,000 residents of the %s (loaded LSOA "
                       "populations; docs/methods.md).",
                       a->q.dims[g.area_dim].label);
    struct buf err = BUF_INIT;
    rc = store_stats(s, &a->q, add_grouped_row, &g, &err);
    if (rc == 0)
        table_render(&t, a->fmt, stdout);
    else
        fprintf(stderr, "peel stats: %s\n", err.p);
    table_free(&t);
    hmap_free(&g.pop);
    buf_free(&err);
    free(list);
    return rc == 0 ? 0 : 1;
}

/* ---- the annual table --------------------------------------------------- */

struct annual_feed {
    struct annual_table *t;
    int fy;
};

static void feed_annual(void *arg, const char *const *keys, int64_t count)
{
    struct annual_feed *f = arg;
    int fy;
    if (!fy_parse(keys[0], &fy))
        return;
    annual_add(f->t, keys[1], fy == f->fy ? 1 : 0, strcmp(keys[2], "yes") == 0, count);
}

static int collect_annual(struct store *s, struct stats_args *a, struct annual_table *t,
                          struct buf *err)
{
    struct stats_query q = a->q;
    q.month_from = fy_first_month(a->fy - 1);
    q.month_to = fy_first_month(a->fy) + 11;
    q.ndims = 3;
    q.dims[0] = (struct stats_dim_spec){DIM_FY, NULL, "fy"};
    q.dims[1] = (struct stats_dim_spec){DIM_CRIME_TYPE, NULL, "crime_type"};
    q.dims[2] = (struct stats_dim_spec){DIM_POSITIVE_OUTCOME, NULL, "positive_outcome"};
    struct annual_feed feed = {t, a->fy};
    if (store_stats(s, &q, feed_annual, &feed, err) < 0)
        return -1;
    annual_finish(t);
    return 0;
}

static void set_rate(struct table *tab, size_t row, size_t col, int64_t n, int64_t population)
{
    if (population > 0)
        table_set_real(tab, row, col, 1000.0 * (double)n / (double)population, 2, NULL);
}

static void annual_row(struct table *tab, const struct annual_line *l, int64_t population)
{
    size_t row = table_add_row(tab);
    double v;
    table_set_text(tab, row, 0, l->category);
    table_set_int(tab, row, 1, l->previous);
    table_set_int(tab, row, 2, l->current);
    table_set_int(tab, row, 3, l->current - l->previous);
    if (annual_change_pct(l, &v))
        table_set_real(tab, row, 4, v, 2, "%");
    if (annual_positive_rate(l, &v))
        table_set_real(tab, row, 5, v, 1, "%");
    struct rate_comparison cmp;
    if (annual_compare(l, &cmp)) {
        table_set_text(tab, row, 6, comparison_verdict(&cmp));
        table_set_real(tab, row, 7, cmp.p_value, 4, NULL);
    }
    if (population > 0) {
        set_rate(tab, row, 8, l->previous, population);
        set_rate(tab, row, 9, l->current, population);
    }
}

/* Says which months of the two years have no data: a total over an
 * incomplete year is not comparable, and the reader must be told. */
static void note_missing_months(struct store *s, const struct stats_args *a, struct table *tab)
{
    int from = fy_first_month(a->fy - 1), to = fy_first_month(a->fy) + 11;
    bool present[24];
    struct buf err = BUF_INIT, missing = BUF_INIT;
    if (store_months_present(s, a->q.force, from, to, present, &err) == 0) {
        int nmissing = 0;
        for (int m = from; m <= to; m++) {
            if (present[m - from])
                continue;
            char text[MONTH_TEXT_SIZE];
            month_format(m, text);
            buf_printf(&missing, "%s%s", nmissing++ ? ", " : "", text);
        }
        if (nmissing)
            table_add_note(tab,
                           "INCOMPLETE: no street data for %d of the 24 months (%s); the years "
                           "are not comparable until these are imported.",
                           nmissing, missing.p);
    }
    buf_free(&err);
    buf_free(&missing);
}

static void note_change_is(struct table *tab)
{
    table_add_note(tab,
                   "change_is: whether the two years' counts differ by more than chance, by an "
                   "exact Poisson test of the counts (conditional binomial, two-sided, 5%% "
                   "level; docs/methods.md). \"Beyond chance\" is not the same as a change in "
                   "performance: recorded crime also moves with recording practice and "
                   "reporting, and varies more than Poisson from month to month.");
}

static void annual_notes(struct store *s, const struct stats_args *a, struct table *tab,
                         const struct annual_table *t, int64_t population, int64_t nlsoas,
                         const char *prc_why)
{
    note_missing_months(s, a, tab);
    for (size_t i = 0; i < t->nlines; i++)
        if (t->lines[i].combines[0])
            table_add_note(tab, "%s: %s.", t->lines[i].category, t->lines[i].combines);
    table_add_note(tab, "Anti-social behaviour is an incident, not a crime: it is not in the "
                        "total.");
    note_change_is(tab);
    table_add_note(tab, "positive_outcome_pct: share of this year's crimes whose latest police.uk "
                        "outcome is a charge/summons, caution, penalty notice, drugs warning, "
                        "community resolution or taken into consideration (docs/outcomes.md). "
                        "Outcomes of recent months are still being updated.");
    struct proportion_comparison pc;
    if (annual_compare_positive(&t->total, &pc)) {
        struct buf b = BUF_INIT;
        describe_proportion_comparison(&pc, &b);
        table_add_note(tab,
                       "Positive outcome rate of the total, last year against this: %s. The "
                       "later year's outcomes have had less time to be recorded, so a fall can "
                       "be lag (docs/methods.md, Outcome lag).",
                       b.p);
        buf_free(&b);
    }
    if (population > 0)
        table_add_note(tab,
                       "Rates per 1,000 residents: crimes in the table divided by the %s "
                       "resident population of %s (%lld LSOAs with a loaded population%s).",
                       table_thousands(population, (char[32]){0}, 32),
                       a->q.area_key ? "the area" : "the force area", (long long)nlsoas,
                       a->q.area_key ? ""
                       : store_lsoa_lookup_loaded(s)
                           ? ", in the loaded area lookup"
                           : "; with no area lookup loaded, the LSOAs where "
                             "these crimes were recorded");
    else
        table_add_note(tab, "No rates per 1,000 residents: load populations with "
                            "peel import-population.");
    if (prc_why)
        table_add_note(tab,
                       "Home Office Police Recorded Crime tables not used: %s. The Home "
                       "Office offence groups are made from police.uk crime types "
                       "(docs/methods.md, Categories).",
                       prc_why);
    table_add_note(tab, "Source: data.police.uk street-level crime as imported (peel import); "
                        "counts are crimes recorded in each month of the financial year.");
}

static void annual_title(const struct stats_args *a, struct table *tab, const char *force,
                         const char *source)
{
    char prev[FY_TEXT_SIZE], cur[FY_TEXT_SIZE];
    fy_format(a->fy - 1, prev);
    fy_format(a->fy, cur);
    struct buf title = BUF_INIT;
    buf_printf(&title, "Recorded crime, %s%s%s%s%s: financial year %s against %s (%s%s%s)",
               force ? force : "all forces in the store", a->q.area_key ? ", " : "",
               a->q.area_key ? a->q.area_key : "", a->q.area_key ? " " : "",
               a->q.area_key ? a->q.area_value : "", cur, prev,
               a->scheme == SCHEME_HOME_OFFICE ? "Home Office offence groups"
                                               : "police.uk crime types",
               source ? ", " : "", source ? source : "");
    table_set_title(tab, title.p);
    buf_free(&title);
}

/* The table's columns: the two rate columns come last and only with
 * populations. */
static void annual_columns(const struct stats_args *a, struct table *tab, int64_t population)
{
    char prev[FY_TEXT_SIZE], cur[FY_TEXT_SIZE];
    fy_format(a->fy - 1, prev);
    fy_format(a->fy, cur);
    const char *names[] = {"category",
                           "previous",
                           "current",
                           "difference",
                           "change_pct",
                           "positive_outcome_pct",
                           "change_is",
                           "p_value",
                           "rate_per_1000_previous",
                           "rate_per_1000_current"};
    names[1] = prev;
    names[2] = cur;
    size_t ncols = sizeof names / sizeof names[0];
    table_init(tab, population > 0 ? ncols : ncols - 2, names);
}

/* The categories in the total, the total, then anti-social behaviour. */
static void annual_lines(struct table *tab, const struct annual_table *t, int64_t population)
{
    for (size_t i = 0; i < t->nlines; i++)
        if (t->lines[i].in_total)
            annual_row(tab, &t->lines[i], population);
    annual_row(tab, &t->total, population);
    for (size_t i = 0; i < t->nlines; i++)
        if (!t->lines[i].in_total)
            annual_row(tab, &t->lines[i], population);
}

static int annual_police_uk(struct store *s, struct stats_args *a, const char *prc_why)
{
    struct buf err = BUF_INIT;
    int64_t population = 0, nlsoas = 0;
    if (store_population(s, a->q.area_key, a->q.area_value, &population, &nlsoas, &err) < 0) {
        fprintf(stderr, "peel stats: %s\n", err.p);
        buf_free(&err);
        return 1;
    }
    struct annual_table t;
    annual_init(&t, a->scheme, a->fy);
    if (collect_annual(s, a, &t, &err) < 0) {
        fprintf(stderr, "peel stats: %s\n", err.p);
        annual_free(&t);
        buf_free(&err);
        return 1;
    }
    struct table tab;
    annual_columns(a, &tab, population);
    annual_title(a, &tab, a->q.force, NULL);
    annual_lines(&tab, &t, population);
    annual_notes(s, a, &tab, &t, population, nlsoas, prc_why);
    table_render(&tab, a->fmt, stdout);
    table_free(&tab);
    annual_free(&t);
    buf_free(&err);
    return 0;
}

/* ---- the annual table from the Home Office recorded-crime tables -------- */

struct force_names {
    int n;
    struct buf first;
};

static void count_force(void *arg, const char *const *keys, int64_t count)
{
    (void)count;
    struct force_names *f = arg;
    if (f->n++ == 0)
        buf_puts(&f->first, keys[0]);
}

/* Without --force, the table is for "all forces in the store": the Home
 * Office tables can stand in only when that is one force. */
static const char *only_police_uk_force(struct store *s, const struct stats_args *a)
{
    struct stats_query q = {.month_from = fy_first_month(a->fy - 1),
                            .month_to = fy_first_month(a->fy) + 11,
                            .ndims = 1,
                            .dims = {{DIM_FORCE, NULL, "force"}}};
    struct force_names f = {0, BUF_INIT};
    struct buf err = BUF_INIT;
    const struct police_force *force = NULL;
    if (store_stats(s, &q, count_force, &f, &err) == 0 && f.n == 1)
        force = force_lookup(f.first.p);
    buf_free(&f.first);
    buf_free(&err);
    return force ? force->slug : NULL;
}

/* Whether the Home Office tables can make this table: 1 with *key set, 0
 * with why (a clause) set, -1 on error. */
static int prc_usable(struct store *s, const struct stats_args *a, const char **key,
                      struct buf *why)
{
    if (a->q.area_key) {
        buf_puts(why, "they are by whole force, and --area asks for part of one");
        return 0;
    }
    if (a->q.ncrime_types) {
        buf_puts(why, "--crime-type names police.uk crime types");
        return 0;
    }
    *key = a->q.force ? prc_force_key(a->q.force) : only_police_uk_force(s, a);
    if (!*key) {
        buf_puts(why, "the table is for all forces in the store; name one with --force");
        return 0;
    }
    struct buf missing = BUF_INIT, err = BUF_INIT;
    int n = prc_quarters_present(s, *key, PRC_PERIOD(a->fy - 1, 1), PRC_PERIOD(a->fy, 4), &missing,
                                 &err);
    if (n < 0)
        fprintf(stderr, "peel stats: %s\n", err.p);
    else if (n == 0)
        buf_printf(why, "none are loaded for %s for these two years (peel import-prc)", *key);
    else if (n < 8)
        buf_printf(why, "they hold %d of the 8 quarters for %s (missing %s)", n, *key, missing.p);
    buf_free(&missing);
    buf_free(&err);
    return n < 0 ? -1 : n == 8;
}

struct group_feed {
    struct annual_table *t;
    int year; /* 0 previous, 1 this */
};

static void feed_group(void *arg, const char *group, int64_t count)
{
    struct group_feed *f = arg;
    annual_add_group(f->t, group, f->year, count);
}

static int collect_prc(struct store *s, const struct stats_args *a, const char *key,
                       struct annual_table *t, struct buf *err)
{
    for (int year = 0; year < 2; year++) {
        int fy = a->fy - 1 + year;
        struct group_feed feed = {t, year};
        if (store_prc_by_group(s, key, PRC_PERIOD(fy, 1), PRC_PERIOD(fy, 4), feed_group, &feed,
                               err) < 0)
            return -1;
    }
    annual_finish(t);
    return 0;
}

static void prc_notes(struct store *s, const struct stats_args *a, const char *key,
                      struct table *tab, int64_t population, const char *population_source)
{
    table_add_note(tab, "Offence groups as the Home Office publishes them: nothing is combined. "
                        "Fraud is recorded nationally (Action Fraud, CIFAS, UK Finance), not by "
                        "forces, and anti-social behaviour is not a crime: neither is here.");
    note_change_is(tab);
    table_add_note(tab, "positive_outcome_pct: empty, since these tables hold no outcomes "
                        "(--source police-uk gives police.uk's).");
    table_add_note(tab, "Counts are as published, including quarters where cancellations "
                        "outnumber new records of an offence (negative counts; "
                        "docs/methods.md).");
    if (population > 0)
        table_add_note(tab,
                       "Rates per 1,000 residents: offences divided by the force area's %s "
                       "residents (%s).",
                       table_thousands(population, (char[32]){0}, 32), population_source);
    else
        table_add_note(tab, "No rates per 1,000 residents: load force area populations with "
                            "peel import-population --forces.");
    prc_source_note(s, tab, key, PRC_PERIOD(a->fy - 1, 1), PRC_PERIOD(a->fy, 4));
}

static int annual_prc(struct store *s, struct stats_args *a, const char *key)
{
    struct buf err = BUF_INIT, name = BUF_INIT, source = BUF_INIT;
    int64_t population = 0;
    if (store_force_population(s, key, &population, &source, &err) != 0)
        population = 0;
    struct annual_table t;
    annual_init(&t, SCHEME_HOME_OFFICE, a->fy);
    int rc = collect_prc(s, a, key, &t, &err) < 0 ? 1 : 0;
    if (rc == 0 && store_prc_force_name(s, key, &name, &err) != 0)
        buf_puts(&name, key);
    if (rc == 0) {
        struct table tab;
        annual_columns(a, &tab, population);
        annual_title(a, &tab, name.p, "Home Office Police Recorded Crime tables");
        annual_lines(&tab, &t, population);
        prc_notes(s, a, key, &tab, population, source.p);
        table_render(&tab, a->fmt, stdout);
        table_free(&tab);
    } else {
        fprintf(stderr, "peel stats: %s\n", err.p);
    }
    annual_free(&t);
    buf_free(&err);
    buf_free(&name);
    buf_free(&source);
    return rc;
}

/* --categories home-office uses the Home Office's own tables when they
 * cover both years for the force (unless --source police-uk), and says why
 * not when it falls back to mapping police.uk crime types. */
static int annual_report(struct store *s, struct stats_args *a)
{
    if (a->scheme != SCHEME_HOME_OFFICE || a->source == SOURCE_POLICE_UK)
        return annual_police_uk(s, a, NULL);
    const char *key = NULL;
    struct buf why = BUF_INIT;
    int use = prc_usable(s, a, &key, &why);
    int rc = 1;
    if (use == 1)
        rc = annual_prc(s, a, key);
    else if (use == 0 && a->source == SOURCE_PRC)
        fprintf(stderr,
                "peel stats: --source prc: the Home Office tables cannot make this "
                "table: %s\n",
                why.p);
    else if (use == 0)
        rc = annual_police_uk(s, a, why.p);
    buf_free(&why);
    return rc;
}

/* ---- options ------------------------------------------------------------ */

static int parse_month_option(const char *opt, const char *value, int *month)
{
    if (!month_parse(value, strlen(value), month))
        return cli_usage_error(&cmd_stats, "%s must be a month as YYYY-MM, not '%s'", opt, value);
    return 0;
}

static int parse_crime_types(char *list, struct stats_args *a)
{
    char *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (a->q.ncrime_types == STATS_MAX_CRIME_TYPES)
            return cli_usage_error(&cmd_stats, "too many crime types");
        a->crime_types[a->q.ncrime_types++] = t;
    }
    a->q.crime_types = a->crime_types;
    return 0;
}

static int parse_area(char *area, struct stats_query *q)
{
    char *eq = strchr(area, '=');
    if (!eq || eq == area || !eq[1])
        return cli_usage_error(&cmd_stats, "--area must be KEY=VALUE, e.g. district=Charnwood");
    *eq = '\0';
    q->area_key = area;
    q->area_value = eq + 1;
    return 0;
}

static int parse_source(const char *v, struct stats_args *a)
{
    if (strcmp(v, "auto") == 0)
        a->source = SOURCE_AUTO;
    else if (strcmp(v, "police-uk") == 0)
        a->source = SOURCE_POLICE_UK;
    else if (strcmp(v, "prc") == 0)
        a->source = SOURCE_PRC;
    else
        return cli_usage_error(&cmd_stats, "--source must be auto, police-uk or prc");
    return 0;
}

static int parse_args(int argc, char **argv, struct stats_args *a)
{
    static const struct option longopts[] = {
        {"group-by", required_argument, NULL, 'g'},   {"area", required_argument, NULL, 'a'},
        {"from", required_argument, NULL, 'f'},       {"to", required_argument, NULL, 't'},
        {"fy", required_argument, NULL, 'y'},         {"force", required_argument, NULL, 'o'},
        {"categories", required_argument, NULL, 'c'}, {"format", required_argument, NULL, 'F'},
        {"crime-type", required_argument, NULL, 'T'}, {"exclude-asb", no_argument, NULL, 'x'},
        {"source", required_argument, NULL, 'S'},     {NULL, 0, NULL, 0}};
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            a->group_by = optarg;
            break;
        case 'a':
            a->area = optarg;
            break;
        case 'f':
            rc = parse_month_option("--from", optarg, &a->q.month_from);
            break;
        case 't':
            rc = parse_month_option("--to", optarg, &a->q.month_to);
            break;
        case 'o':
            a->q.force = optarg;
            break;
        case 'T':
            rc = parse_crime_types(optarg, a);
            break;
        case 'x':
            a->q.exclude_asb = true;
            break;
        case 'y':
            if (!fy_parse(optarg, &a->fy))
                rc = cli_usage_error(&cmd_stats, "--fy must be a financial year such as 2021-22");
            break;
        case 'c':
            if (strcmp(optarg, "police-uk") == 0)
                a->scheme = SCHEME_POLICE_UK;
            else if (strcmp(optarg, "home-office") == 0)
                a->scheme = SCHEME_HOME_OFFICE;
            else
                rc = cli_usage_error(&cmd_stats, "--categories must be police-uk or home-office");
            break;
        case 'F':
            if (!cli_parse_format(optarg, &a->fmt))
                rc = cli_usage_error(&cmd_stats, "--format must be table, csv or json");
            break;
        case 'S':
            rc = parse_source(optarg, a);
            break;
        default:
            rc = cli_usage_error(&cmd_stats, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (rc == 0 && optind < argc)
        rc = cli_usage_error(&cmd_stats, "unexpected argument '%s'", argv[optind]);
    if (rc == 0 && a->fy >= 0 && (a->group_by || a->q.month_from >= 0 || a->q.month_to >= 0))
        rc = cli_usage_error(&cmd_stats, "--fy makes its own table: it cannot be combined with "
                                         "--group-by, --from or --to");
    if (rc == 0 && a->source != SOURCE_AUTO && a->fy < 0)
        rc = cli_usage_error(&cmd_stats, "--source chooses where the --fy table comes from");
    if (rc == 0 && a->source == SOURCE_PRC && a->scheme != SCHEME_HOME_OFFICE)
        rc = cli_usage_error(&cmd_stats, "--source prc gives Home Office offence groups: it "
                                         "cannot be combined with --categories police-uk");
    if (rc == 0 && a->area)
        rc = parse_area(a->area, &a->q);
    return rc;
}

static int run_stats(int argc, char **argv, struct peel_ctx *ctx)
{
    struct stats_args a = {.fy = -1, .scheme = SCHEME_HOME_OFFICE, .fmt = TABLE_AUTO};
    a.q.month_from = a.q.month_to = -1;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    return a.fy >= 0 ? annual_report(s, &a) : grouped_counts(s, &a);
}

const struct peel_cmd cmd_stats = {
    "stats",
    run_stats,
    "count recorded crime by month, area, type and outcome; the annual table",
    "peel stats [--group-by DIMS] [--area KEY=VALUE] [--from YYYY-MM] [--to YYYY-MM]\n"
    "                  [--force NAME] [--crime-type LIST] [--exclude-asb]\n"
    "                  [--format table|csv|json]\n"
    "       peel stats --fy YYYY-YY [--categories home-office|police-uk] [--area KEY=VALUE]\n"
    "                  [--force NAME] [--source auto|police-uk|prc] [--format table|csv|json]",
    "Counts come from the rollup kept at import time, so any question is answered at once.\n"
    "\n"
    "Grouped counts:\n"
    "  --group-by DIMS   comma-separated, in the order wanted (default: fy): month, quarter\n"
    "                    (financial, \"2021-22 Q1\"), fy, crime_type, outcome, outcome_group,\n"
    "                    positive_outcome, force, district, lsoa, lsoa_name, and any grouping\n"
    "                    loaded with peel import-areas (csp, beat, rural_urban, ...)\n"
    "  --from, --to      first and last month, inclusive\n"
    "\n"
    "The annual table (as in the PCC's annual report):\n"
    "  --fy YYYY-YY      this financial year (April to March) against the one before: each\n"
    "                    category, both years, difference, % change, positive outcome rate,\n"
    "                    rate per 1,000 residents when populations are loaded, and a total\n"
    "  --categories      home-office (default: the annual report's offence groups) or\n"
    "                    police-uk (the 14 police.uk crime types)\n"
    "  --source SRC      for home-office: auto (default) takes the Home Office Police\n"
    "                    Recorded Crime tables (peel import-prc) when they hold all 8\n"
    "                    quarters of both years for the force (--force, or the one force\n"
    "                    in the store), else maps police.uk crime types and says why;\n"
    "                    prc insists on the Home Office tables; police-uk never uses them\n"
    "\n"
    "Either way:\n"
    "  --area KEY=VALUE  only crimes in an area: district=Charnwood, lsoa=E01025631,\n"
    "                    force=leicestershire, or any imported grouping (csp=..., beat=...)\n"
    "  --force NAME      only one force's crimes (name or data.police.uk id)\n"
    "  --crime-type LIST only these police.uk crime types (comma-separated)\n"
    "  --exclude-asb     leave out anti-social behaviour, which is not a crime\n"
    "  --format FMT      table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel stats --fy 2021-22\n"
    "  peel stats --fy 2021-22 --categories police-uk --area district=Charnwood\n"
    "  peel stats --fy 2018-19 --force leicestershire --source prc\n"
    "  peel stats --group-by month,crime_type --from 2021-04 --to 2022-03 --format csv\n"
    "  peel stats --group-by district --from 2021-04 --to 2022-03 --exclude-asb\n"
    "  peel stats --group-by month --crime-type Burglary --area district=Charnwood\n"
    "  peel stats --group-by quarter,outcome_group --area csp=Leicester --format json\n",
};
