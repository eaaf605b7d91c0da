/*
 * annual_table.c - the annual crime table from the store (see
 * annual_table.h): police.uk street data or the Home Office tables, laid
 * out with its title and notes.
 */
#include "assess/annual_table.h"
#include "assess/prc_common.h"
#include "model/forces.h"
#include "store/areas.h"
#include "store/prc.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    annual_add(f->t, keys[1], fy == f->fy ? 1 : 0, stats_outcome_state(keys[2]), count);
}

static int collect_annual(struct store *s, const struct annual_request *a, struct annual_table *t,
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

/* A real cell when v is finite (a rate ratio from none is not): empty
 * otherwise, as CSV and JSON write a missing value. */
static void set_finite(struct table *tab, size_t row, size_t col, double v, int decimals,
                       const char *suffix)
{
    if (isfinite(v))
        table_set_real(tab, row, col, v, decimals, suffix);
}

static void annual_row(struct table *tab, const struct annual_line *l, int64_t population)
{
    size_t row = table_add_row(tab);
    double v, lower, upper;
    table_set_text(tab, row, ANNUAL_COL_CATEGORY, l->category);
    table_set_int(tab, row, ANNUAL_COL_PREVIOUS, l->previous);
    table_set_int(tab, row, ANNUAL_COL_CURRENT, l->current);
    table_set_int(tab, row, ANNUAL_COL_DIFFERENCE, l->current - l->previous);
    if (annual_change_pct(l, &v))
        table_set_real(tab, row, ANNUAL_COL_CHANGE_PCT, v, 2, "%");
    if (annual_positive_rate(l, &v))
        table_set_real(tab, row, ANNUAL_COL_POSITIVE_PCT, v, 1, "%");
    if (annual_positive_interval(l, &lower, &upper)) {
        table_set_real(tab, row, ANNUAL_COL_POSITIVE_LOWER, lower, 1, "%");
        table_set_real(tab, row, ANNUAL_COL_POSITIVE_UPPER, upper, 1, "%");
    }
    struct rate_comparison cmp;
    if (annual_compare(l, &cmp)) {
        table_set_text(tab, row, ANNUAL_COL_CHANGE_IS, comparison_verdict(&cmp));
        table_set_real(tab, row, ANNUAL_COL_P_VALUE, cmp.p_value, 4, NULL);
        set_finite(tab, row, ANNUAL_COL_RATE_RATIO, cmp.ratio, 3, NULL);
        set_finite(tab, row, ANNUAL_COL_RATIO_LOWER, cmp.lower, 3, NULL);
        set_finite(tab, row, ANNUAL_COL_RATIO_UPPER, cmp.upper, 3, NULL);
    }
    if (population > 0) {
        set_rate(tab, row, ANNUAL_COL_RATE_PREVIOUS, l->previous, population);
        set_rate(tab, row, ANNUAL_COL_RATE_CURRENT, l->current, population);
    }
}

/* Says which months of the two years have no data: a total over an
 * incomplete year is not comparable, and the reader must be told. */
static void note_missing_months(const struct annual_result *r, struct table *tab)
{
    struct buf missing = BUF_INIT;
    int nmissing = 0;
    for (int i = 0; i < 24; i++) {
        if (r->present[i])
            continue;
        char text[MONTH_TEXT_SIZE];
        month_format(r->first_month + i, text);
        buf_printf(&missing, "%s%s", nmissing++ ? ", " : "", text);
    }
    if (nmissing)
        table_add_note(tab,
                       "INCOMPLETE: no street data for %d of the 24 months (%s); the years "
                       "are not comparable until these are imported.",
                       nmissing, missing.p);
    buf_free(&missing);
}

static void note_change_is(struct table *tab)
{
    table_add_note(tab,
                   "change_is: whether the two years' counts differ by more than chance, by an "
                   "exact Poisson test of the counts (two-sided, at the 5%% level). \"Beyond "
                   "chance\" is not the same as a change in "
                   "performance: recorded crime also moves with recording practice and "
                   "reporting, and varies more than Poisson from month to month.");
    table_add_note(tab, "rate_ratio: this year's count over last year's, with its exact 95%% "
                        "confidence interval (Clopper-Pearson, from the same test; empty when last "
                        "year had none). positive_outcome_lower_95 and positive_outcome_upper_95: "
                        "the 95%% Wilson score interval of the positive outcome rate.");
}

/* What the positive outcome rate is, and how many of the year's crimes
 * its denominator leaves out for want of an outcome. */
static void note_positive_rate(struct table *tab, const struct annual_line *total)
{
    char pending[32], all[32];
    table_add_note(tab,
                   "Positive outcome rate: the share of this year's crimes with an outcome whose "
                   "latest police.uk outcome is a charge/summons, caution, penalty notice, drugs "
                   "warning, community resolution or taken into consideration. %s",
                   outcome_rate_method);
    table_add_note(tab,
                   "%s of this year's %s crimes in the total have no outcome yet and are out of "
                   "its rate; outcomes of recent months are still being recorded.",
                   table_thousands(total->current - total->known, pending, sizeof pending),
                   table_thousands(total->current, all, sizeof all));
}

static void annual_notes(struct store *s, const struct annual_request *a,
                         const struct annual_result *r, struct table *tab, int64_t nlsoas,
                         const char *prc_why)
{
    const struct annual_table *t = &r->t;
    int64_t population = r->population;
    note_missing_months(r, tab);
    for (size_t i = 0; i < t->nlines; i++)
        if (t->lines[i].combines[0])
            table_add_note(tab, "%s: %s.", t->lines[i].category, t->lines[i].combines);
    table_add_note(tab, "Anti-social behaviour is an incident, not a crime: it is not in the "
                        "total.");
    note_change_is(tab);
    note_positive_rate(tab, &t->total);
    struct proportion_comparison pc;
    if (annual_compare_positive(&t->total, &pc)) {
        struct buf b = BUF_INIT;
        describe_proportion_comparison(&pc, &b);
        table_add_note(tab,
                       "Positive outcome rate of the total, last year against this: %s. The "
                       "later year's outcomes have had less time to be recorded, so a fall can "
                       "be lag.",
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
        table_add_note(tab, "No rates per 1,000 residents: no resident populations are "
                            "loaded.");
    if (prc_why)
        table_add_note(tab,
                       "Home Office Police Recorded Crime tables not used: %s. The Home "
                       "Office offence groups are made from police.uk crime types.",
                       prc_why);
    table_add_note(tab, "Source: data.police.uk street-level crime, every file as published; "
                        "counts are crimes recorded in each month of the financial year.");
}

static void annual_title(const struct annual_request *a, struct table *tab, const char *force,
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
static void annual_columns(const struct annual_request *a, struct table *tab, int64_t population)
{
    char prev[FY_TEXT_SIZE], cur[FY_TEXT_SIZE];
    fy_format(a->fy - 1, prev);
    fy_format(a->fy, cur);
    const char *names[ANNUAL_NCOLS] = {[ANNUAL_COL_CATEGORY] = "category",
                                       [ANNUAL_COL_PREVIOUS] = prev,
                                       [ANNUAL_COL_CURRENT] = cur,
                                       [ANNUAL_COL_DIFFERENCE] = "difference",
                                       [ANNUAL_COL_CHANGE_PCT] = "change_pct",
                                       [ANNUAL_COL_POSITIVE_PCT] = "positive_outcome_pct",
                                       [ANNUAL_COL_POSITIVE_LOWER] = "positive_outcome_lower_95",
                                       [ANNUAL_COL_POSITIVE_UPPER] = "positive_outcome_upper_95",
                                       [ANNUAL_COL_CHANGE_IS] = "change_is",
                                       [ANNUAL_COL_P_VALUE] = "p_value",
                                       [ANNUAL_COL_RATE_RATIO] = "rate_ratio",
                                       [ANNUAL_COL_RATIO_LOWER] = "rate_ratio_lower_95",
                                       [ANNUAL_COL_RATIO_UPPER] = "rate_ratio_upper_95",
                                       [ANNUAL_COL_RATE_PREVIOUS] = "rate_per_1000_previous",
                                       [ANNUAL_COL_RATE_CURRENT] = "rate_per_1000_current"};
    table_init(tab, population > 0 ? ANNUAL_NCOLS : ANNUAL_COL_RATE_PREVIOUS, names);
}

void annual_headings(bool police_uk, const char *previous, const char *current,
                     const char *headings[ANNUAL_NCOLS])
{
    const char *const h[ANNUAL_NCOLS] = {
        [ANNUAL_COL_CATEGORY] = police_uk ? "Crime type" : "Offence group",
        [ANNUAL_COL_PREVIOUS] = previous,
        [ANNUAL_COL_CURRENT] = current,
        [ANNUAL_COL_DIFFERENCE] = "Difference",
        [ANNUAL_COL_CHANGE_PCT] = "% change",
        [ANNUAL_COL_POSITIVE_PCT] = "Positive outcome rate",
        [ANNUAL_COL_POSITIVE_LOWER] = "Positive outcome rate, lower 95% limit",
        [ANNUAL_COL_POSITIVE_UPPER] = "Positive outcome rate, upper 95% limit",
        [ANNUAL_COL_CHANGE_IS] = "Change is",
        [ANNUAL_COL_P_VALUE] = "p-value",
        [ANNUAL_COL_RATE_RATIO] = "Rate ratio",
        [ANNUAL_COL_RATIO_LOWER] = "Rate ratio, lower 95% limit",
        [ANNUAL_COL_RATIO_UPPER] = "Rate ratio, upper 95% limit",
        [ANNUAL_COL_RATE_PREVIOUS] = "Per 1,000 residents, previous",
        [ANNUAL_COL_RATE_CURRENT] = "Per 1,000 residents, this year"};
    memcpy(headings, h, sizeof h);
}

static void add_line(struct annual_result *r, const struct annual_line *l)
{
    r->rows[r->table.nrows] = l;
    annual_row(&r->table, l, r->population);
}

/* The categories in the total, the total, then anti-social behaviour. */
static void annual_lines(struct annual_result *r)
{
    const struct annual_table *t = &r->t;
    r->rows = xcalloc(t->nlines + 1, sizeof(const struct annual_line *));
    for (size_t i = 0; i < t->nlines; i++)
        if (t->lines[i].in_total)
            add_line(r, &t->lines[i]);
    add_line(r, &t->total);
    for (size_t i = 0; i < t->nlines; i++)
        if (!t->lines[i].in_total)
            add_line(r, &t->lines[i]);
}

/* ---- the annual table from the Home Office recorded-crime tables -------- */

struct force_names {
    int n;
    struct buf first;
};

static void count_force(void *arg, const char *name)
{
    struct force_names *f = arg;
    if (f->n++ == 0)
        buf_puts(&f->first, name);
}

/* Without --force, the table is for "all forces in the store": the Home
 * Office tables can stand in only when that is one force. */
const char *annual_only_force(struct store *s, const struct annual_request *a)
{
    struct force_names f = {0, BUF_INIT};
    struct buf err = BUF_INIT;
    const struct police_force *force = NULL;
    /* two are enough to know it is not one */
    if (store_forces_counted(s, fy_first_month(a->fy - 1), fy_first_month(a->fy) + 11, 2,
                             count_force, &f, &err) == 0 &&
        f.n == 1)
        force = force_lookup(f.first.p);
    buf_free(&f.first);
    buf_free(&err);
    return force ? force->slug : NULL;
}

/* Whether the Home Office tables can make this table: 1 with *key set, 0
 * with why (a clause) set, -1 on error. */
static int prc_usable(struct store *s, const struct annual_request *a, const char **key,
                      struct buf *why, struct buf *err)
{
    if (a->q.area_key) {
        buf_puts(why, "they are by whole force, and --area asks for part of one");
        return 0;
    }
    if (a->q.ncrime_types) {
        buf_puts(why, "--crime-type names police.uk crime types");
        return 0;
    }
    *key = a->q.force ? prc_force_key(a->q.force) : annual_only_force(s, a);
    if (!*key) {
        buf_puts(why, "the table is for all forces in the store; name one with --force");
        return 0;
    }
    struct buf missing = BUF_INIT;
    int n = prc_quarters_present(s, *key, PRC_PERIOD(a->fy - 1, 1), PRC_PERIOD(a->fy, 4), &missing,
                                 err);
    if (n == 0)
        buf_printf(why, "none are loaded for %s for these two years", *key);
    else if (n < 8)
        buf_printf(why, "they hold %d of the 8 quarters for %s (missing %s)", n, *key, missing.p);
    buf_free(&missing);
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

static int collect_prc(struct store *s, const struct annual_request *a, const char *key,
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

static void prc_notes(struct store *s, const struct annual_request *a, const char *key,
                      struct table *tab, int64_t population, const char *population_source)
{
    table_add_note(tab, "Offence groups as the Home Office publishes them: nothing is combined. "
                        "Fraud is recorded nationally (Action Fraud, CIFAS, UK Finance), not by "
                        "forces, and anti-social behaviour is not a crime: neither is here.");
    note_change_is(tab);
    table_add_note(tab, "positive_outcome_pct: empty, since these tables hold no outcomes.");
    table_add_note(tab, "Counts are as published, including quarters where cancellations "
                        "outnumber new records of an offence (negative counts).");
    table_add_note(tab, "%s", PRC_POLICE_UK_GAP);
    if (population > 0)
        table_add_note(tab,
                       "Rates per 1,000 residents: offences divided by the force area's %s "
                       "residents (%s).",
                       table_thousands(population, (char[32]){0}, 32), population_source);
    else
        table_add_note(tab, "No rates per 1,000 residents: no force area populations are "
                            "loaded.");
    prc_source_note(s, tab, key, PRC_PERIOD(a->fy - 1, 1), PRC_PERIOD(a->fy, 4));
}

static int annual_police_uk(struct store *s, const struct annual_request *a,
                            struct annual_result *r, struct buf *err)
{
    int64_t nlsoas = 0;
    if (store_population(s, a->q.area_key, a->q.area_value, &r->population, &nlsoas, err) < 0)
        return -1;
    annual_init(&r->t, a->scheme, a->fy);
    if (collect_annual(s, a, &r->t, err) < 0)
        return -1;
    if (store_months_present(s, a->q.force, r->first_month, r->first_month + 23, r->present, err) <
        0)
        return -1;
    annual_columns(a, &r->table, r->population);
    annual_title(a, &r->table, a->q.force, NULL);
    annual_lines(r);
    annual_notes(s, a, r, &r->table, nlsoas, r->why_not_prc.len ? r->why_not_prc.p : NULL);
    return 0;
}

static int annual_prc(struct store *s, const struct annual_request *a, struct annual_result *r,
                      struct buf *err)
{
    struct buf name = BUF_INIT, source = BUF_INIT, ignored = BUF_INIT;
    const char *key = r->prc_key;
    if (store_force_population(s, key, &r->population, &source, &ignored) != 0)
        r->population = 0;
    annual_init(&r->t, SCHEME_HOME_OFFICE, a->fy);
    for (int i = 0; i < 24; i++)
        r->present[i] = true;
    int rc = collect_prc(s, a, key, &r->t, err);
    if (rc == 0 && store_prc_force_name(s, key, &name, &ignored) != 0)
        buf_puts(&name, key);
    if (rc == 0) {
        annual_columns(a, &r->table, r->population);
        annual_title(a, &r->table, name.p, "Home Office Police Recorded Crime tables");
        annual_lines(r);
        prc_notes(s, a, key, &r->table, r->population, source.p);
    }
    buf_free(&name);
    buf_free(&source);
    buf_free(&ignored);
    return rc;
}

/* The Home Office offence groups come from the Home Office's own tables
 * when they cover both years for the force (unless ANNUAL_SOURCE_POLICE_UK),
 * and the table says why not when it falls back to mapping police.uk crime
 * types. */
int annual_build(struct store *s, const struct annual_request *a, struct annual_result *out,
                 struct buf *err)
{
    *out =
        (struct annual_result){.why_not_prc = BUF_INIT, .first_month = fy_first_month(a->fy - 1)};
    if (a->scheme != SCHEME_HOME_OFFICE || a->source == ANNUAL_SOURCE_POLICE_UK)
        return annual_police_uk(s, a, out, err);
    const char *key = NULL;
    int use = prc_usable(s, a, &key, &out->why_not_prc, err);
    if (use < 0)
        return -1;
    if (use == 1) {
        out->prc_key = key;
        return annual_prc(s, a, out, err);
    }
    if (a->source == ANNUAL_SOURCE_PRC) {
        buf_printf(err, "--source prc: the Home Office tables cannot make this table: %s",
                   out->why_not_prc.p);
        return -1;
    }
    return annual_police_uk(s, a, out, err);
}

void annual_result_free(struct annual_result *r)
{
    if (r->table.names)
        table_free(&r->table);
    annual_free(&r->t);
    free(r->rows);
    buf_free(&r->why_not_prc);
    *r = (struct annual_result){0};
}

int annual_months_present(const struct annual_result *r, int year)
{
    assert(year == 0 || year == 1);
    int n = 0;
    for (int i = 0; i < 12; i++)
        n += r->present[12 * year + i];
    return n;
}
