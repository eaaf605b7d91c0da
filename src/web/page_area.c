/*
 * page_area.c - the area pages: the list of areas (/area) and each area's
 * profile (/area/GROUPING/VALUE, the force at /area/force/FORCE): crime by
 * type against the year before and whether each change is real, the
 * monthly trend on an XmR chart, crimes per 1,000 residents against the
 * force, and the area's place on the funnel of its grouping.
 *
 * Every figure comes from assess/area.h; this file only lays it out. Each
 * table is also data: the crime-by-type table at the page's address with
 * .csv or .json, the others at /area/GROUPING/VALUE/trend and /funnel
 * (CSV, or .json), each rendered from the same struct table as the page.
 */
#include "assess/area.h"
#include "assess/map_build.h"
#include "assess/metric_text.h"
#include "model/forces.h"
#include "render/funnel_plot.h"
#include "render/svg.h"
#include "util/html.h"
#include "util/month.h"
#include "util/numfmt.h"
#include "web/page.h"
#include "web/pages.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the tables ---------------------------------------------------------- */

/* Each change with its verdict and the evidence: the p-value, and the rate
 * ratio with its exact 95% interval (as `peel stats --fy` gives them). */
enum {
    T_TYPE,
    T_PREVIOUS,
    T_CURRENT,
    T_DIFF,
    T_PCT,
    T_CHANGE_IS,
    T_P,
    T_RATIO,
    T_RATIO_LOWER,
    T_RATIO_UPPER,
    T_NCOLS
};
static const char *const type_columns[T_NCOLS] = {
    "crime_type",          "previous_12_months", "latest_12_months", "difference",
    "change_pct",          "change_is",          "p_value",          "rate_ratio",
    "rate_ratio_lower_95", "rate_ratio_upper_95"};
static const char *const type_headings[T_NCOLS] = {"Crime type",
                                                   "12 months before",
                                                   "Latest 12 months",
                                                   "Difference",
                                                   "Change",
                                                   "Is the change real?",
                                                   "p-value",
                                                   "Rate ratio",
                                                   "Rate ratio, lower 95% limit",
                                                   "Rate ratio, upper 95% limit"};

static void type_row(struct table *t, const struct annual_line *l)
{
    size_t row = table_add_row(t);
    table_set_text(t, row, T_TYPE, l->category);
    table_set_int(t, row, T_PREVIOUS, l->previous);
    table_set_int(t, row, T_CURRENT, l->current);
    table_set_int(t, row, T_DIFF, l->current - l->previous);
    double pct;
    if (annual_change_pct(l, &pct))
        table_set_real(t, row, T_PCT, pct, 1, "%");
    struct rate_comparison cmp;
    if (annual_compare(l, &cmp)) {
        table_set_text(t, row, T_CHANGE_IS, comparison_verdict(&cmp));
        table_set_real(t, row, T_P, cmp.p_value, 4, NULL);
        const double ratio[] = {cmp.ratio, cmp.lower, cmp.upper};
        for (int k = 0; k < 3; k++)
            if (isfinite(ratio[k]))
                table_set_real(t, row, T_RATIO + k, ratio[k], 3, NULL);
    }
}

/* Lines in annual.h's order, the total before anti-social behaviour. */
static void types_table(const struct area_profile *a, struct table *t)
{
    table_init(t, T_NCOLS, type_columns);
    for (size_t i = 0; i < a->types.nlines; i++)
        if (a->types.lines[i].in_total)
            type_row(t, &a->types.lines[i]);
    type_row(t, &a->types.total);
    for (size_t i = 0; i < a->types.nlines; i++)
        if (!a->types.lines[i].in_total)
            type_row(t, &a->types.lines[i]);
}

enum { F_AREA, F_CRIMES, F_POP, F_RATE, F_L998, F_L95, F_U95, F_U998, F_POS, F_METHOD, F_NCOLS };
static const char *const funnel_columns[F_NCOLS] = {
    "area",     "crimes",   "population", "rate_per_1000", "lower_998",
    "lower_95", "upper_95", "upper_998",  "position",      "method"};
static const char *const funnel_headings[F_NCOLS] = {"Area",
                                                     "Crimes",
                                                     "Residents",
                                                     "Per 1,000 residents",
                                                     "Lower 99.8% limit",
                                                     "Lower 95% limit",
                                                     "Upper 95% limit",
                                                     "Upper 99.8% limit",
                                                     "Position",
                                                     "Method"};

/* The columns the page shows: the method is the same in every row, and the
 * paragraph above the table says it in words; the data keep it. */
static const char *const funnel_shown[] = {"area",      "crimes",   "population", "rate_per_1000",
                                           "lower_998", "lower_95", "upper_95",   "upper_998",
                                           "position",  NULL};

/* A position as the page says it: the words the area's own sentence uses
 * (area_funnel_words), up to their colon ("within the limits"). */
static void set_position_words(struct table *t, size_t row, enum funnel_position pos)
{
    const char *words = area_funnel_words(pos);
    char cell[96];
    snprintf(cell, sizeof cell, "%.*s", (int)strcspn(words, ":"), words);
    table_set_text(t, row, F_POS, cell);
}

/* As `peel compare` lays out its rows (src/cli/cmd_compare.c), its codes
 * ("within", "spiegelhalter") for the data; words, for the page. */
static void funnel_table(const struct area_profile *a, struct table *t, bool words)
{
    table_init(t, F_NCOLS, funnel_columns);
    for (size_t i = 0; a->has_funnel && i < a->funnel.n; i++) {
        const struct funnel_point *pt = &a->funnel.points[i];
        size_t row = table_add_row(t);
        table_set_text(t, row, F_AREA, pt->name);
        table_set_int(t, row, F_CRIMES, pt->observed);
        table_set_real(t, row, F_POP, pt->denominator, 0, NULL);
        table_set_text(t, row, F_METHOD, funnel_method_word(a->funnel.method));
        if (pt->excluded) {
            table_set_text(t, row, F_POS, pt->excluded);
            continue;
        }
        table_set_real(t, row, F_RATE, pt->value, 2, NULL);
        table_set_real(t, row, F_L998, pt->limits.lower998, 2, NULL);
        table_set_real(t, row, F_L95, pt->limits.lower95, 2, NULL);
        table_set_real(t, row, F_U95, pt->limits.upper95, 2, NULL);
        table_set_real(t, row, F_U998, pt->limits.upper998, 2, NULL);
        if (words)
            set_position_words(t, row, pt->position);
        else
            table_set_text(t, row, F_POS, funnel_position_name(pt->position));
    }
}

/* ---- the page -------------------------------------------------------------- */

static void area_name(struct buf *out, const struct area_profile *a)
{
    /* The URL carries the data's own name for the force (a slug, for
     * police.uk's files); people read the force's proper name. */
    const struct police_force *f = a->is_force ? force_lookup(a->value) : NULL;
    if (a->is_force)
        buf_printf(out, "The force area (%s)", f ? f->name : a->value);
    else
        area_words(a->grouping, a->value, out);
}

static void window_text(int from, int to, struct buf *out)
{
    char f[MONTH_TEXT_SIZE], t[MONTH_TEXT_SIZE];
    month_format(from, f);
    month_format(to, t);
    buf_printf(out, "%s to %s", f, t);
}

static void data_links(struct buf *b, const struct area_profile *a, const char *table)
{
    const char *ids[] = {a->grouping, a->value, table};
    size_t n = table ? 3 : 2;
    buf_puts(b, "<p>This table as data: <a href=\"");
    page_href(b, "/area/", ids, n, ".csv");
    buf_puts(b, "\">CSV</a>, <a href=\"");
    page_href(b, "/area/", ids, n, ".json");
    buf_puts(b, "\">JSON</a>.</p>\n");
}

static void crumbs(struct buf *b, const char *here)
{
    buf_puts(b, "<nav aria-label=\"Breadcrumb\"><ol class=\"crumbs\">\n<li><a "
                "href=\"/\">Home</a></li>\n<li><a href=\"/area\">Areas</a></li>\n"
                "<li aria-current=\"page\">");
    html_escape(b, here);
    buf_puts(b, "</li>\n</ol></nav>\n");
}

static void fact(struct buf *b, const char *term, const char *text)
{
    buf_puts(b, "<dt>");
    html_escape(b, term);
    buf_puts(b, "</dt><dd>");
    html_escape(b, text);
    buf_puts(b, "</dd>\n");
}

static void rate_text(struct buf *out, int64_t crimes, int64_t population)
{
    char n[32], pop[32];
    if (population <= 0) {
        buf_printf(out, "%s crimes; no resident population is loaded",
                   table_thousands(crimes, n, sizeof n));
        return;
    }
    buf_printf(out, "%.2f per 1,000 residents (%s crimes, %s residents)",
               area_rate(crimes, population), table_thousands(crimes, n, sizeof n),
               table_thousands(population, pop, sizeof pop));
}

static void rates(struct buf *b, const struct area_profile *a)
{
    buf_puts(b, "<h2 id=\"rate\">Crimes per 1,000 residents</h2>\n<dl class=\"facts\">\n");
    struct buf text = BUF_INIT;
    rate_text(&text, a->crimes, a->population);
    fact(b, a->is_force ? "The force area" : "This area", buf_str(&text));
    buf_reset(&text);
    rate_text(&text, a->force_crimes, a->force_population);
    fact(b, "The whole force area", buf_str(&text));
    buf_free(&text);
    buf_puts(b, "</dl>\n<p>All crime except anti-social behaviour over the latest 12 months, "
                "divided by the residents of the LSOAs in the area (ONS mid-year "
                "estimates).</p>\n");
}

/* The funnel as a chart, the area ringed and named on it: the sentence
 * above says where it is, the table below gives every point. */
static void funnel_chart(struct buf *b, const struct area_profile *a)
{
    struct buf title = BUF_INIT, svg = BUF_INIT, narrow = BUF_INIT, err = BUF_INIT;
    buf_puts(&title, "Every ");
    area_grouping_words(a->grouping, &title);
    buf_puts(&title, " area: crimes per 1,000 residents against residents, ");
    window_text(a->from, a->to, &title);
    struct funnel_plot f;
    funnel_plot_init(&f, &a->funnel, a->values.proportion, buf_str(&title),
                     a->point ? a->value : NULL);
    buf_puts(b, "<figure class=\"chart\">\n");
    if (chart_funnel_svg(&f.chart, &svg, &err) == 0 &&
        chart_funnel_svg_sized(&f.chart, CHART_PHONE_WIDTH, CHART_PHONE_HEIGHT, &narrow, &err) == 0)
        page_chart(b, buf_str(&svg), buf_str(&narrow));
    else
        html_printf(b, "(The chart could not be drawn: %s.)", buf_str(&err));
    buf_puts(b, "\n<figcaption>");
    if (f.chart.has_highlight)
        html_printf(b, "%s is the point ringed in black and named in bold. ", a->value);
    buf_puts(b, "The solid black line is the all-area rate, the dashed curves the 95% limits "
                "and the solid grey curves the 99.8% limits. Every point is in the table "
                "below.</figcaption>\n</figure>\n");
    funnel_plot_free(&f);
    buf_free(&title);
    buf_free(&svg);
    buf_free(&narrow);
    buf_free(&err);
}

static void funnel_section(struct buf *b, const struct area_profile *a)
{
    buf_puts(b, "<h2 id=\"funnel\">Compared with the other areas</h2>\n");
    if (!a->point) {
        buf_puts(b, "<p>Not compared: ");
        html_escape(b, a->funnel_note);
        buf_puts(b, ".</p>\n");
        if (!a->has_funnel)
            return;
    } else {
        struct buf text = BUF_INIT, words = BUF_INIT;
        area_grouping_words(a->grouping, &words);
        buf_printf(&text,
                   "At %.2f crimes per 1,000 residents against %.2f for all the %s areas "
                   "together, %s is %s.",
                   a->point->value, a->funnel.target, buf_str(&words), a->value,
                   area_funnel_words(a->point->position));
        buf_free(&words);
        buf_puts(b, "<p class=\"lead\">");
        html_escape(b, buf_str(&text));
        buf_puts(b, "</p>\n");
        buf_free(&text);
    }
    buf_printf(b,
               "<p>Method: a funnel plot (Spiegelhalter 2005). Limits at 95%% and 99.8%% "
               "around the all-area rate, %s%s; an area outside them differs from the rest by "
               "more than chance. Over-dispersion phi = %.2f.</p>\n",
               funnel_limits_text(&a->funnel),
               a->funnel.adjusted ? ", as the areas vary more than chance explains" : "",
               a->funnel.phi);
    funnel_chart(b, a);
    struct table t;
    funnel_table(a, &t, true);
    struct buf caption = BUF_INIT;
    buf_puts(&caption, "Every ");
    area_grouping_words(a->grouping, &caption);
    buf_puts(&caption, " area: crimes per 1,000 residents, ");
    window_text(a->from, a->to, &caption);
    page_table_columns(b, &t, buf_str(&caption), funnel_headings, funnel_shown);
    buf_free(&caption);
    table_free(&t);
    data_links(b, a, "funnel");
}

static void trend_section(struct buf *b, const struct plan *p, const struct area_profile *a)
{
    buf_puts(b, "<h2 id=\"trend\">Month by month</h2>\n<p>");
    struct buf text = BUF_INIT;
    metric_sentence(&a->status, &text);
    html_escape(b, buf_str(&text));
    buf_puts(b, ". Method: an XmR chart of the monthly count of all crime except anti-social "
                "behaviour (NHS Making Data Count rules).</p>\n");
    if (a->charted)
        pages_xmr_chart(b, &a->status, &a->trend, &a->spc);
    struct table t;
    pages_series_table(&t, p, &a->metric, &a->trend, a->charted ? &a->spc : NULL);
    page_table(b, &t, a->metric.title, pages_series_headings);
    table_free(&t);
    buf_free(&text);
    data_links(b, a, "trend");
}

static void types_section(struct buf *b, const struct area_profile *a)
{
    buf_puts(b, "<h2 id=\"types\">Crime by type</h2>\n");
    struct buf caption = BUF_INIT;
    buf_puts(&caption, "Crimes by type, ");
    window_text(a->from, a->to, &caption);
    buf_puts(&caption, " against the 12 months before");
    struct table t;
    types_table(a, &t);
    page_table(b, &t, buf_str(&caption), type_headings);
    table_free(&t);
    buf_free(&caption);
    buf_puts(b, "<p>Is the change real? An exact Poisson test of the two years&#39; counts "
                "(conditional binomial, two-sided, 5% level): &ldquo;beyond chance&rdquo; or "
                "&ldquo;within normal variation&rdquo;. The rate ratio is the latest 12 "
                "months&#39; count over the 12 before, with its exact 95% confidence interval "
                "from the same test. Recorded crime also moves with recording "
                "practice and reporting. Anti-social behaviour is an incident, not a crime: it "
                "is not in the total.</p>\n");
    if (a->nmissing)
        buf_printf(b,
                   "<p><strong>Incomplete:</strong> %d of the 24 months have no street data "
                   "for the force; the two years are not comparable until they are "
                   "imported.</p>\n",
                   a->nmissing);
    data_links(b, a, NULL);
}

/* The hex map of the area's crimes over the window (render/map.h), with
 * its text alternative and its table. */
static void map_section(struct buf *b, struct store *s, const struct plan *p,
                        const struct area_profile *a)
{
    buf_puts(b, "<h2 id=\"map\">Where crime is recorded</h2>\n");
    struct stats_query q = {.month_from = a->from,
                            .month_to = a->to,
                            .force = p->force,
                            .exclude_asb = true,
                            .area_key = a->is_force ? NULL : a->grouping,
                            .area_value = a->is_force ? NULL : a->value};
    struct map m;
    struct buf err = BUF_INIT, svg = BUF_INIT, narrow = BUF_INIT;
    if (map_build_hex(s, &q, &(struct map_options){0}, &m, &err) < 0) {
        html_printf(b, "(No map: %s.)", buf_str(&err));
        buf_free(&err);
        return;
    }
    buf_puts(b, "<figure class=\"chart\">\n");
    if (map_svg(&m, &svg, &err) == 0 &&
        map_svg_sized(&m, CHART_PHONE_WIDTH, MAP_PHONE_HEIGHT, &narrow, &err) == 0)
        page_chart(b, buf_str(&svg), buf_str(&narrow));
    buf_puts(b, "\n<figcaption>");
    html_escape(b, m.description);
    buf_puts(b, " The map&#39;s cells are in the table below.</figcaption>\n</figure>\n");
    struct table t;
    map_table(&m, &t);
    page_table(b, &t, m.title, map_table_headings(&m));
    table_free(&t);
    map_free(&m);
    buf_free(&svg);
    buf_free(&narrow);
    buf_free(&err);
}

static void lead(struct buf *b, const struct area_profile *a)
{
    struct buf text = BUF_INIT;
    char n[32];
    buf_printf(&text, "%s crimes were recorded in ",
               table_thousands(a->types.total.current, n, sizeof n));
    window_text(a->from, a->to, &text);
    if (a->population > 0)
        buf_printf(&text, ": %.2f per 1,000 residents", area_rate(a->crimes, a->population));
    if (a->force_population > 0)
        buf_printf(&text, " (the force area: %.2f)",
                   area_rate(a->force_crimes, a->force_population));
    buf_puts(&text, ". Source: data.police.uk street-level crime, as imported.");
    buf_puts(b, "<p class=\"lead\">");
    html_escape(b, buf_str(&text));
    buf_puts(b, "</p>\n");
    buf_free(&text);
}

static void profile_html(const struct web_request *rq, struct web_response *rs,
                         const struct area_profile *a)
{
    struct buf *b = &rs->body, name = BUF_INIT;
    area_name(&name, a);
    page_begin(b, rq, buf_str(&name));
    crumbs(b, buf_str(&name));
    buf_puts(b, "<h1>");
    html_escape(b, buf_str(&name));
    buf_puts(b, "</h1>\n");
    buf_free(&name);
    if (!a->has_data) {
        buf_puts(b, "<p>No street-level crime has been imported yet.</p>\n");
        page_end(b, rq);
        return;
    }
    lead(b, a);
    types_section(b, a);
    trend_section(b, &rq->ctx->plan, a);
    rates(b, a);
    funnel_section(b, a);
    map_section(b, rq->store, &rq->ctx->plan, a);
    page_end(b, rq);
}

/* The table a data address asks for; false when it names none. */
static bool data_table(const struct plan *p, const struct area_profile *a, const char *which,
                       struct table *t)
{
    if (!which)
        types_table(a, t);
    else if (strcmp(which, "trend") == 0)
        pages_series_table(t, p, &a->metric, &a->trend, a->charted ? &a->spc : NULL);
    else if (strcmp(which, "funnel") == 0)
        funnel_table(a, t, false);
    else
        return false;
    return true;
}

static void area_page(const struct web_request *rq, struct web_response *rs, const char *which)
{
    struct area_profile a;
    struct buf err = BUF_INIT;
    const char *const *args = rq->match->args;
    int rc = area_profile_read(rq->store, &rq->ctx->plan, args[0], args[1], &a, &err);
    struct table t;
    if (rc == 1)
        web_error(rq, rs, 404, "There is no such area. The list of areas is at /area.");
    else if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (!which && rs->format == WEB_HTML)
        profile_html(rq, rs, &a);
    else if (!a.has_data || !data_table(&rq->ctx->plan, &a, which, &t))
        web_error(rq, rs, 404, "An area's tables are its page (.csv, .json), trend and funnel.");
    else {
        pages_data(&t, rs->format, rs);
        table_free(&t);
    }
    area_profile_free(&a);
    buf_free(&err);
}

void page_area(const struct web_request *rq, struct web_response *rs)
{
    area_page(rq, rs, NULL);
}

void page_area_table(const struct web_request *rq, struct web_response *rs)
{
    area_page(rq, rs, rq->match->args[2]);
}

/* ---- the list ---------------------------------------------------------------- */

/* Crimes in none of the grouping's areas: said once, not listed as areas
 * (docs/methods.md, "The force area"). */
static void elsewhere_text(struct buf *b, const struct area_grouping *g)
{
    const struct {
        int64_t n;
        const char *what;
    } parts[] = {
        {g->outside, "crimes the force recorded outside its own area"},
        {g->not_in_lookup, "crimes in places this grouping does not cover"},
        {g->no_location, "crimes recorded with no location (a measure of how well locations "
                         "are recorded, not a place)"},
    };
    const char *sep = "<p>Not in any of these areas: ";
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i].n)
            continue;
        char n[32];
        buf_puts(b, sep);
        html_printf(b, "%s %s", table_thousands(parts[i].n, n, sizeof n), parts[i].what);
        sep = "; ";
    }
    if (*sep == ';')
        buf_puts(b, ".</p>\n");
}

static void grouping_list(struct buf *b, const struct area_grouping *g)
{
    buf_puts(b, "<h2>");
    struct buf words = BUF_INIT;
    area_grouping_words(g->name, &words);
    html_printf(b, "By %s", buf_str(&words));
    buf_free(&words);
    buf_puts(b, "</h2>\n<ul class=\"areas\">\n");
    for (size_t i = 0; i < g->n; i++) {
        const char *ids[] = {g->name, g->items[i].value};
        buf_puts(b, "<li>");
        page_link(b, "/area/", ids, 2, g->items[i].value);
        char n[32];
        html_printf(b, ": %s crimes", table_thousands(g->items[i].crimes, n, sizeof n));
        if (g->items[i].population > 0)
            html_printf(b, ", %.2f per 1,000 residents",
                        area_rate(g->items[i].crimes, g->items[i].population));
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
    elsewhere_text(b, g);
}

void page_areas(const struct web_request *rq, struct web_response *rs)
{
    const struct plan *p = &rq->ctx->plan;
    struct area_index ix;
    struct buf err = BUF_INIT;
    if (area_index_read(rq->store, p, &ix, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    struct buf *b = &rs->body;
    page_begin(b, rq, "Areas");
    buf_puts(b, "<h1>Areas</h1>\n");
    if (p->force) {
        const char *ids[] = {AREA_FORCE, p->force};
        buf_puts(b, "<p>");
        page_link(b, "/area/", ids, 2, "The whole force area");
        buf_puts(b, "</p>\n");
    }
    if (!ix.has_data) {
        buf_puts(b, "<p>No street-level crime has been imported yet.</p>\n");
    } else {
        struct buf text = BUF_INIT;
        buf_puts(&text, "All crime except anti-social behaviour, ");
        window_text(ix.from, ix.to, &text);
        buf_puts(&text, ". Each area's page compares it with the year before, charts it month "
                        "by month and places it among the other areas.");
        buf_puts(b, "<p>");
        html_escape(b, buf_str(&text));
        buf_puts(b, "</p>\n");
        buf_free(&text);
        for (size_t i = 0; i < ix.n; i++)
            grouping_list(b, &ix.groupings[i]);
    }
    page_end(b, rq);
    area_index_free(&ix);
    buf_free(&err);
}
