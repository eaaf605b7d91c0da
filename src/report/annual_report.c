/*
 * annual_report.c - gathering the annual report's figures (see
 * annual_report.h): the table, a sentence per line, the positive outcomes,
 * crime per 1,000 residents by district and the source files.
 */
#include "report/annual_report.h"
#include "assess/map_build.h"
#include "assess/prc_common.h"
#include "model/forces.h"
#include "model/outcomes.h"
#include "render/table_share.h"
#include "store/boundaries.h"
#include "store/datasets.h"
#include "store/prc.h"
#include "store/query.h"
#include "store/source_files.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- a sentence per line ------------------------------------------------ */

static const char *verdict_word(enum annual_verdict v)
{
    return v == ANNUAL_SIGNAL ? "signal" : v == ANNUAL_NOISE ? "noise" : "nothing to compare";
}

static void gather_findings(struct annual_report *r)
{
    const struct table *t = &r->res.table;
    static const char *const cols[] = {"category", "verdict", "p_value", "sentence"};
    table_init(&r->findings, 4, cols);
    table_set_title(&r->findings, "Is each change real?");
    r->verdicts = xcalloc(t->nrows + 1, sizeof *r->verdicts);
    for (size_t i = 0; i < t->nrows; i++) {
        const struct annual_line *l = r->res.rows[i];
        struct buf sentence = BUF_INIT;
        r->verdicts[i] = annual_describe(l, r->previous, r->current, &sentence);
        size_t row = table_add_row(&r->findings);
        table_set_text(&r->findings, row, 0, l->category);
        table_set_text(&r->findings, row, 1, verdict_word(r->verdicts[i]));
        struct rate_comparison c;
        if (annual_compare(l, &c))
            table_set_real(&r->findings, row, 2, c.p_value, 4, NULL);
        table_set_text(&r->findings, row, 3, buf_str(&sentence));
        buf_free(&sentence);
    }
    table_add_note(&r->findings,
                   "A signal is a change more than chance would explain: the exact Poisson test "
                   "of the two years' counts (conditional binomial, two-sided) gives p < 0.05. "
                   "Otherwise the change is noise, within normal variation.");
}

/* ---- positive outcomes -------------------------------------------------- */

static void outcome_row(struct annual_report *r, const struct annual_line *l)
{
    struct table *t = &r->outcomes;
    size_t row = table_add_row(t);
    table_set_text(t, row, ANNUAL_O_CATEGORY, l->category);
    table_set_int(t, row, ANNUAL_O_POSITIVE_PREVIOUS, l->positive_previous);
    table_set_int(t, row, ANNUAL_O_POSITIVE_CURRENT, l->positive);
    table_set_share(t, row, ANNUAL_O_PCT_PREVIOUS, l->positive_previous, l->known_previous, 1);
    table_set_share(t, row, ANNUAL_O_PCT_CURRENT, l->positive, l->known, 1);
    struct proportion_comparison c;
    if (annual_compare_positive(l, &c)) {
        table_set_text(t, row, ANNUAL_O_CHANGE_IS, proportion_verdict(&c));
        table_set_real(t, row, ANNUAL_O_P_VALUE, c.p_value, 4, NULL);
    }
}

/* Anti-social behaviour has no outcomes to speak of: it is not a crime. */
static void gather_outcomes(struct annual_report *r)
{
    const char *cols[ANNUAL_OUTCOME_COLUMNS] = {
        [ANNUAL_O_CATEGORY] = "category",
        [ANNUAL_O_POSITIVE_PREVIOUS] = "positive_previous",
        [ANNUAL_O_PCT_PREVIOUS] = "positive_pct_previous",
        [ANNUAL_O_LOWER_PREVIOUS] = "positive_pct_previous_lower_95",
        [ANNUAL_O_UPPER_PREVIOUS] = "positive_pct_previous_upper_95",
        [ANNUAL_O_POSITIVE_CURRENT] = "positive_current",
        [ANNUAL_O_PCT_CURRENT] = "positive_pct_current",
        [ANNUAL_O_LOWER_CURRENT] = "positive_pct_current_lower_95",
        [ANNUAL_O_UPPER_CURRENT] = "positive_pct_current_upper_95",
        [ANNUAL_O_CHANGE_IS] = "change_is",
        [ANNUAL_O_P_VALUE] = "p_value"};
    table_init(&r->outcomes, ANNUAL_OUTCOME_COLUMNS, cols);
    table_set_title(&r->outcomes, "Positive outcome rate");
    if (r->res.t.total.no_outcomes) {
        table_add_note(&r->outcomes, "The Home Office tables hold no outcomes: no positive "
                                     "outcome rate can be given from them.");
        return;
    }
    for (size_t i = 0; i < r->res.table.nrows; i++)
        if (r->res.rows[i]->in_total)
            outcome_row(r, r->res.rows[i]);
    table_add_note(&r->outcomes,
                   "Positive outcomes: charge or summons, caution, penalty notice, drugs "
                   "warning, community resolution, taken into consideration, as the latest "
                   "police.uk outcome of each crime recorded in the year. %s",
                   outcome_rate_method);
    table_add_note(&r->outcomes,
                   "change_is: the two years' shares compared by a two-proportion z-test with a "
                   "Newcombe interval for the difference (95%%). The later year's outcomes have "
                   "had less time to be recorded, so a fall can be lag rather than change.");
    table_add_note(&r->outcomes,
                   "The lower and upper 95%% limits: the Wilson score interval of each rate.");
    struct proportion_comparison c;
    if (annual_compare_positive(&r->res.t.total, &c))
        describe_proportion_comparison(&c, &r->outcome_sentence);
}

/* ---- crime per 1,000 residents by district ------------------------------ */

struct area_acc {
    char *name;
    int64_t n[2]; /* crimes, previous year and this */
    int64_t population;
};

struct areas {
    struct area_acc *items;
    size_t n, cap;
    int fy;
};

static struct area_acc *area_named(struct areas *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i].name, name) == 0)
            return &a->items[i];
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 16;
        a->items = xrealloc(a->items, a->cap * sizeof *a->items);
    }
    a->items[a->n] = (struct area_acc){.name = xstrdup(name)};
    return &a->items[a->n++];
}

static void add_area_count(void *arg, const char *const *keys, int64_t count)
{
    struct areas *a = arg;
    int fy;
    if (fy_parse(keys[0], &fy))
        area_named(a, keys[1])->n[fy == a->fy ? 1 : 0] += count;
}

static void add_area_population(void *arg, const char *value, int64_t population)
{
    area_named(arg, value)->population = population;
}

static int by_area_name(const void *x, const void *y)
{
    return strcmp(((const struct area_acc *)x)->name, ((const struct area_acc *)y)->name);
}

static void set_rate(struct table *t, size_t row, size_t col, int64_t n, int64_t population)
{
    if (population > 0)
        table_set_real(t, row, col, 1000.0 * (double)n / (double)population, 2, NULL);
}

static void area_row(struct table *t, const struct area_acc *a)
{
    size_t row = table_add_row(t);
    struct annual_line l = {.category = a->name, .previous = a->n[0], .current = a->n[1]};
    table_set_text(t, row, 0, a->name);
    table_set_int(t, row, 1, a->n[0]);
    table_set_int(t, row, 2, a->n[1]);
    double pct;
    if (annual_change_pct(&l, &pct))
        table_set_real(t, row, 3, pct, 2, "%");
    struct rate_comparison c;
    if (annual_compare(&l, &c))
        table_set_text(t, row, 4, comparison_verdict(&c));
    if (a->population > 0)
        table_set_int(t, row, 5, a->population);
    set_rate(t, row, 6, a->n[0], a->population);
    set_rate(t, row, 7, a->n[1], a->population);
}

static void areas_table(struct annual_report *r, struct areas *a)
{
    const char *cols[] = {"district",
                          "previous",
                          "current",
                          "change_pct",
                          "change_is",
                          "population",
                          "rate_per_1000_previous",
                          "rate_per_1000_current"};
    cols[1] = r->previous;
    cols[2] = r->current;
    table_init(&r->areas, sizeof cols / sizeof cols[0], cols);
    table_set_title(&r->areas, "Recorded crime per 1,000 residents by district");
    if (a->n > 0)
        qsort(a->items, a->n, sizeof *a->items, by_area_name);
    struct area_acc all = {.name = "All districts"};
    for (size_t i = 0; i < a->n; i++) {
        if (a->items[i].n[0] == 0 && a->items[i].n[1] == 0)
            continue; /* a populated district with no crimes in the force's data: not ours */
        if (!stats_area_is_own(a->items[i].name))
            continue; /* after the total */
        area_row(&r->areas, &a->items[i]);
        all.n[0] += a->items[i].n[0];
        all.n[1] += a->items[i].n[1];
        all.population += a->items[i].population;
        r->areas_have_population = r->areas_have_population || a->items[i].population > 0;
    }
    r->areas_total = r->areas.nrows;
    area_row(&r->areas, &all);
    /* Crimes in no district of the force: counted, neither tested nor in
     * the total (areas_notes says why) */
    for (size_t i = 0; i < a->n; i++) {
        if (stats_area_is_own(a->items[i].name))
            continue;
        size_t row = table_add_row(&r->areas);
        table_set_text(&r->areas, row, 0, a->items[i].name);
        table_set_int(&r->areas, row, 1, a->items[i].n[0]);
        table_set_int(&r->areas, row, 2, a->items[i].n[1]);
        r->areas_elsewhere = true;
    }
}

static void areas_notes(struct annual_report *r)
{
    struct table *t = &r->areas;
    table_add_note(t, "Crimes recorded in each district in each financial year (police.uk street "
                      "data, anti-social behaviour left out); the district of a crime is that of "
                      "its LSOA.");
    if (r->areas_have_population)
        table_add_note(t, "Rates per 1,000 residents: crimes divided by the district's resident "
                          "population (the ONS estimates of its LSOAs' residents). The same "
                          "population is used for both years.");
    else
        table_add_note(t, "No rates per 1,000 residents: no resident populations are "
                          "loaded.");
    table_add_note(t, "change_is: the exact Poisson test of the district's two counts, as for "
                      "the offence groups.");
    if (r->areas_elsewhere)
        table_add_note(t, "Below the total, crimes in no district of the force: those the force "
                          "recorded outside its own area, and those recorded with no location "
                          "(a measure of how well locations are recorded, not a place). Neither "
                          "is in the total or tested.");
    if (r->res.prc_key)
        table_add_note(t,
                       "The offence groups above come from the Home Office tables, which are "
                       "by whole force; districts can come only from police.uk, so these "
                       "counts differ from them. %s",
                       PRC_POLICE_UK_GAP);
}

static int gather_areas(struct store *s, struct annual_report *r, struct buf *err)
{
    struct stats_query q = r->req.q;
    q.month_from = fy_first_month(r->req.fy - 1);
    q.month_to = fy_first_month(r->req.fy) + 11;
    q.exclude_asb = true;
    q.ndims = 2;
    q.dims[0] = (struct stats_dim_spec){DIM_FY, NULL, "fy"};
    q.dims[1] = (struct stats_dim_spec){DIM_DISTRICT, NULL, "district"};
    struct areas a = {.fy = r->req.fy};
    int rc = store_stats(s, &q, add_area_count, &a, err);
    if (rc == 0)
        rc = store_population_by(s, &q.dims[1], q.area_key, q.area_value, add_area_population, &a,
                                 err);
    if (rc == 0) {
        areas_table(r, &a);
        areas_notes(r);
    }
    for (size_t i = 0; i < a.n; i++)
        free(a.items[i].name);
    free(a.items);
    return rc;
}

/* ---- the map ------------------------------------------------------------ */

/* A map that cannot be drawn (no coordinates, say) leaves the report
 * without one and says why: the district table still has the rates. */
static int gather_map(struct store *s, struct annual_report *r, struct buf *err)
{
    struct stats_query q = r->req.q;
    q.month_from = fy_first_month(r->req.fy);
    q.month_to = q.month_from + 11;
    q.exclude_asb = true;
    q.ndims = 0;
    struct buf title = BUF_INIT, why = BUF_INIT;
    buf_printf(&title, "Recorded crime per 1,000 residents, %s, %s", r->force, r->current);
    struct map_options o = {.title = title.p};
    struct boundary_info info;
    int have = store_boundary_info(s, "district", &info, err);
    if (have < 0) {
        buf_free(&title);
        return -1;
    }
    int rc = have == 0 ? map_build_areas(s, &q, "district", &o, &r->map, &why)
                       : map_build_hex(s, &q, &o, &r->map, &why);
    if (have == 0)
        boundary_info_free(&info);
    if (rc == 0) {
        r->has_map = true;
        map_table(&r->map, &r->map_table);
    } else {
        buf_printf(&r->no_map, "No map: %s.", buf_str(&why));
    }
    buf_free(&title);
    buf_free(&why);
    return 0;
}

/* ---- sources ------------------------------------------------------------ */

static void add_police_uk_file(void *arg, const struct source_file_info *f)
{
    struct table *t = arg;
    char first[MONTH_TEXT_SIZE], last[MONTH_TEXT_SIZE];
    month_format(f->first_month, first);
    month_format(f->last_month, last);
    struct buf covers = BUF_INIT;
    buf_printf(&covers, f->first_month == f->last_month ? "%s" : "%s to %s", first, last);
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, f->name);
    table_set_text(t, row, 1, dataset_kind_words(f->kind));
    table_set_text(t, row, 2, buf_str(&covers));
    table_set_int(t, row, 3, f->rows);
    table_set_text(t, row, 4, f->imported_at);
    if (f->sha256)
        table_set_text(t, row, 5, f->sha256);
    buf_free(&covers);
}

static void add_prc_file(void *arg, const struct prc_load_info *l)
{
    struct table *t = arg;
    const char *base = strrchr(l->path, '/') ? strrchr(l->path, '/') + 1 : l->path;
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, base);
    table_set_text(t, row, 1, dataset_kind_words("prc"));
    table_set_int(t, row, 3, l->rows);
    table_set_text(t, row, 4, l->loaded_at);
    if (l->sha256)
        table_set_text(t, row, 5, l->sha256);
}

static int gather_sources(struct store *s, struct annual_report *r, struct buf *err)
{
    /* no path: where the files sat on the machine that made the report is
     * no reader's business, and the SHA-256 identifies each file exactly */
    static const char *const cols[] = {"file", "what", "covers", "rows", "imported", "sha256"};
    struct table *t = &r->sources;
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Sources");
    int from = fy_first_month(r->req.fy - 1), to = fy_first_month(r->req.fy) + 11;
    if (r->res.prc_key && store_prc_sources(s, r->res.prc_key, PRC_PERIOD(r->req.fy - 1, 1),
                                            PRC_PERIOD(r->req.fy, 4), add_prc_file, t, err) < 0)
        return -1;
    if (store_source_files(s, "street", r->req.q.force, from, to, add_police_uk_file, t, err) < 0 ||
        store_source_files(s, "outcomes", r->req.q.force, from, to, add_police_uk_file, t, err) < 0)
        return -1;
    table_add_note(t, "rows: of the file's rows, those for the months the report covers. "
                      "imported: when the file was read into the store (UTC).");
    table_add_note(t, "sha256: of the file's bytes as read (for a CSV inside a zip archive, of "
                      "the CSV itself), to compare with sha256sum. Blank for a file imported "
                      "before Peel kept it: import it again to record it.");
    return 0;
}

/* ---- the whole report --------------------------------------------------- */

/* The force by its name when the data is one force's, whether or not the
 * command named it. */
static void name_force(struct store *s, struct annual_report *r)
{
    const char *slug = r->req.q.force ? r->req.q.force : annual_only_force(s, &r->req);
    const struct police_force *f = slug ? force_lookup(slug) : NULL;
    r->force = f ? f->name : slug ? slug : "all forces in the store";
}

/* A year with no data cannot be reported on, nor compared with. */
static int check_coverage(const struct annual_report *r, struct buf *err)
{
    const char *missing = annual_months_present(&r->res, 1) == 0   ? r->current
                          : annual_months_present(&r->res, 0) == 0 ? r->previous
                                                                   : NULL;
    if (!missing)
        return 0;
    buf_printf(err,
               "no police.uk street data for any month of %s%s%s, so there is no %s to report "
               "(peel import the data.police.uk files for April %d to March %d)",
               missing, r->req.q.force ? " for " : "", r->req.q.force ? r->req.q.force : "",
               missing == r->current ? "year" : "previous year to compare it with",
               (missing == r->current ? r->req.fy : r->req.fy - 1),
               (missing == r->current ? r->req.fy : r->req.fy - 1) + 1);
    return -1;
}

void annual_area_headings(const struct annual_report *r, const char *out[ANNUAL_AREA_COLUMNS])
{
    const char *h[ANNUAL_AREA_COLUMNS] = {"District",
                                          r->previous,
                                          r->current,
                                          "% change",
                                          "Change is",
                                          "Residents",
                                          "Per 1,000, previous",
                                          "Per 1,000, this year"};
    memcpy(out, h, sizeof h);
}

void annual_outcome_headings(const struct annual_report *r, const char *out[ANNUAL_OUTCOME_COLUMNS])
{
    const char *h[ANNUAL_OUTCOME_COLUMNS] = {
        [ANNUAL_O_CATEGORY] = r->req.scheme == SCHEME_POLICE_UK ? "Crime type" : "Offence group",
        [ANNUAL_O_POSITIVE_PREVIOUS] = "Positive outcomes, previous",
        [ANNUAL_O_PCT_PREVIOUS] = "Rate, previous",
        [ANNUAL_O_LOWER_PREVIOUS] = "Lower 95% limit",
        [ANNUAL_O_UPPER_PREVIOUS] = "Upper 95% limit",
        [ANNUAL_O_POSITIVE_CURRENT] = "Positive outcomes, this year",
        [ANNUAL_O_PCT_CURRENT] = "Rate, this year",
        [ANNUAL_O_LOWER_CURRENT] = "Lower 95% limit",
        [ANNUAL_O_UPPER_CURRENT] = "Upper 95% limit",
        [ANNUAL_O_CHANGE_IS] = "Change is",
        [ANNUAL_O_P_VALUE] = "p-value"};
    memcpy(out, h, sizeof h);
}

const char *const annual_source_headings[] = {"File", "What",     "Covers",
                                              "Rows", "Imported", "SHA-256"};

int annual_report_gather(struct store *s, const struct annual_request *req,
                         struct annual_report *out, struct buf *err)
{
    *out = (struct annual_report){.req = *req, .outcome_sentence = BUF_INIT, .no_map = BUF_INIT};
    fy_format(req->fy - 1, out->previous);
    fy_format(req->fy, out->current);
    if (annual_build(s, req, &out->res, err) < 0 || check_coverage(out, err) < 0)
        return -1;
    name_force(s, out);
    gather_findings(out);
    gather_outcomes(out);
    if (gather_areas(s, out, err) < 0 || gather_map(s, out, err) < 0 ||
        gather_sources(s, out, err) < 0 || annual_funding_gather(s, out, err) < 0)
        return -1;
    return 0;
}

void annual_report_free(struct annual_report *r)
{
    struct table *tables[] = {&r->findings, &r->outcomes, &r->areas, &r->sources, &r->map_table};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (tables[i]->names)
            table_free(tables[i]);
    annual_result_free(&r->res);
    free(r->verdicts);
    if (r->has_map)
        map_free(&r->map);
    buf_free(&r->no_map);
    buf_free(&r->outcome_sentence);
    annual_funding_free(&r->funding);
    *r = (struct annual_report){0};
}
