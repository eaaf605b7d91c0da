/*
 * annual_report_html.c - the annual report's crime statistics as one
 * self-contained HTML page (see annual_report.h).
 *
 * The page, in order (docs/reports.md):
 *   header    title, force, years, categories and why, generated; contents
 *   summary   the total's sentence and the positive outcome rate's
 *   crime     the table by offence group (`peel stats --fy`'s cells)
 *   findings  a sentence per line: signal or noise, and how decided
 *   outcomes  the positive outcome rate of each line, both years
 *   areas     crime per 1,000 residents by district
 *   sources   the files behind the figures
 *   methods   how each figure was made
 *
 * The style sheet is the one the reports share (render/report_html.h). Every
 * value goes through html_escape; only this file's markup is written as
 * is.
 */
#include "model/outcomes.h"
#include "render/report_html.h"
#include "render/table_html.h"
#include "report/annual_report.h"
#include "util/html.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

/* What the shared style sheet lacks: the total row, the verdict marks. */
/* clang-format off */
static const char annual_style[] =
"<style>\n"
"#crime-table,#outcome-table,#area-table{min-width:52rem}\n"
"#crime-table tbody th[scope=row],#outcome-table tbody th[scope=row]{min-width:14rem}\n"
"#source-table{min-width:60rem}\n"
"tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--text)}\n"
"tr.aside th,tr.aside td{color:var(--muted)}\n"
"ul.findings{list-style:none;padding:0}\n"
"ul.findings li{border-left:6px solid #9a9a9a;padding:.25rem .75rem;margin:.6rem 0}\n"
"ul.findings li.signal{border-left-color:#c25400;background:#fdf3ea}\n"
"ul.findings li.noise{border-left-color:#7f7f7f}\n"
".verdict{font-weight:700}\n"
"ul.notes{font-size:.85rem;color:var(--muted);padding-left:1.2rem}\n"
".warning{border:2px solid #c25400;padding:.5rem .75rem;background:#fdf3ea}\n"
"td.wrap{white-space:normal;word-break:break-all}\n"
"@media print{#crime-table,#outcome-table,#area-table,#source-table{min-width:0}#summary,#findings,#areas{break-inside:auto}ul.findings li{break-inside:avoid}"
"ul.findings li.signal{print-color-adjust:exact;-webkit-print-color-adjust:exact}}\n"
"</style>\n";
/* clang-format on */

static void raw(struct buf *out, const char *html)
{
    buf_puts(out, html);
}

static void text(struct buf *out, const char *open, const char *s, const char *close)
{
    buf_puts(out, open);
    html_escape(out, s);
    buf_puts(out, close);
}

/* ---- header ------------------------------------------------------------- */

static const char *where(const struct annual_report *r)
{
    return r->force;
}

static void put_head(const struct annual_report *r, struct buf *out)
{
    raw(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<meta name=\"generator\" content=\"Peel\">\n<title>");
    html_printf(out, "Crime statistics %s: annual report", r->current);
    raw(out, "</title>\n");
    report_style(out, NULL, NULL);
    raw(out, annual_style);
    raw(out, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
}

/* Which categories and why: the reader must know whether the groups are
 * the Home Office's own or made from police.uk's. */
static void put_scheme(const struct annual_report *r, struct buf *out)
{
    raw(out, "<dt>Categories</dt><dd>");
    if (r->req.scheme == SCHEME_POLICE_UK)
        raw(out, "the 14 police.uk crime types, as data.police.uk publishes them.");
    else if (r->res.prc_key)
        raw(out, "Home Office offence groups, from the Home Office Police Recorded Crime "
                 "tables, which hold all eight quarters of both years for this force: nothing "
                 "is combined.");
    else
        text(out,
             "Home Office offence groups, made from police.uk crime types (the Home Office "
             "tables were not used: ",
             buf_str(&r->res.why_not_prc), ").");
    raw(out, "</dd>\n");
}

static void put_meta(const struct annual_report *r, const char *generated, struct buf *out)
{
    raw(out, "<dl class=\"meta\">\n");
    text(out, "<dt>Force</dt><dd>", where(r), "</dd>\n");
    if (r->req.q.area_key) {
        raw(out, "<dt>Area</dt><dd>");
        html_printf(out, "%s %s", r->req.q.area_key, r->req.q.area_value);
        raw(out, "</dd>\n");
    }
    raw(out, "<dt>Years</dt><dd>");
    html_printf(out, "financial year %s (April %d to March %d) against %s", r->current, r->req.fy,
                r->req.fy + 1, r->previous);
    raw(out, "</dd>\n");
    put_scheme(r, out);
    text(out, "<dt>Generated</dt><dd>", generated ? generated : "", "</dd>\n");
    raw(out, "</dl>\n");
}

static void put_header(const struct annual_report *r, const char *generated, struct buf *out)
{
    raw(out, "<header>\n<p class=\"kicker\">Annual report: crime statistics</p>\n<h1>");
    html_printf(out, "Recorded crime in %s, %s", where(r), r->current);
    raw(out, "</h1>\n");
    put_meta(r, generated, out);
    raw(out, "<nav aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">Contents</h2>\n<ol>\n"
             "<li><a href=\"#summary\">Summary</a></li>\n"
             "<li><a href=\"#crime\">Recorded crime by offence group</a></li>\n"
             "<li><a href=\"#findings\">Is each change real?</a></li>\n"
             "<li><a href=\"#outcomes\">Positive outcome rate</a></li>\n"
             "<li><a href=\"#areas\">Crime per 1,000 residents by area</a></li>\n"
             "<li><a href=\"#sources\">Sources</a></li>\n"
             "<li><a href=\"#methods\">Methods</a></li>\n</ol>\n</nav>\n</header>\n");
}

/* ---- summary ------------------------------------------------------------ */

static size_t total_row(const struct annual_report *r)
{
    for (size_t i = 0; i < r->res.table.nrows; i++)
        if (r->res.rows[i] == &r->res.t.total)
            return i;
    abort(); /* annual_lines always adds the total */
}

static void put_incomplete(const struct annual_report *r, struct buf *out)
{
    int have[2] = {annual_months_present(&r->res, 0), annual_months_present(&r->res, 1)};
    if (have[0] == 12 && have[1] == 12)
        return;
    buf_printf(out,
               "<p class=\"warning\"><b>Incomplete.</b> The store holds police.uk street data "
               "for %d of the 12 months of %s and %d of %s: the two years are not comparable "
               "until the missing months are imported (the table&#39;s notes name them).</p>\n",
               have[0], r->previous, have[1], r->current);
}

static void put_summary(const struct annual_report *r, struct buf *out)
{
    raw(out, "<section id=\"summary\" aria-labelledby=\"summary-h\">\n"
             "<h2 id=\"summary-h\">Summary</h2>\n");
    put_incomplete(r, out);
    size_t total = total_row(r);
    text(out, "<p>", table_cell(&r->findings, total, 3)->text, "</p>\n");
    size_t signals = 0, lines = 0;
    for (size_t i = 0; i < r->res.table.nrows; i++)
        if (r->res.rows[i]->in_total && i != total) {
            lines++;
            signals += r->verdicts[i] == ANNUAL_SIGNAL;
        }
    buf_printf(out,
               "<p>Of the %zu offence categories in the total, %zu changed by more than chance "
               "would explain; the rest are within normal variation.</p>\n",
               lines, signals);
    if (r->outcome_sentence.len)
        text(out,
             "<p>The positive outcome rate of all recorded crime: ", buf_str(&r->outcome_sentence),
             ".</p>\n");
    raw(out, "</section>\n");
}

/* ---- the table and the sentences ---------------------------------------- */

static void put_crime_table(const struct annual_report *r, struct buf *out)
{
    const struct table *t = &r->res.table;
    const char *headers[ANNUAL_NCOLS];
    annual_headings(r->req.scheme == SCHEME_POLICE_UK, r->previous, r->current, headers);
    const char **classes = xcalloc(t->nrows + 1, sizeof *classes);
    for (size_t i = 0; i < t->nrows; i++)
        classes[i] = r->res.rows[i] == &r->res.t.total ? "total"
                     : !r->res.rows[i]->in_total       ? "aside"
                                                       : NULL;
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "Table 1: recorded crime, %s against %s", r->current, r->previous);
    raw(out, "<section id=\"crime\" aria-labelledby=\"crime-h\">\n"
             "<h2 id=\"crime-h\">Recorded crime by offence group</h2>\n");
    text(out, "<p>", t->title, "</p>\n");
    table_html(out, t,
               &(struct table_html){.id = "crime-table",
                                    .caption = buf_str(&caption),
                                    .headers = headers,
                                    .row_classes = classes});
    raw(out, "</section>\n");
    buf_free(&caption);
    free(classes);
}

static void put_findings(const struct annual_report *r, struct buf *out)
{
    raw(out, "<section id=\"findings\" aria-labelledby=\"findings-h\">\n"
             "<h2 id=\"findings-h\">Is each change real?</h2>\n"
             "<p>A change is a <b>signal</b> when it is more than chance would explain, and "
             "<b>noise</b> when it is within the normal variation of counts this size (exact "
             "Poisson test at the 5% level; see <a href=\"#methods\">Methods</a>).</p>\n"
             "<ul class=\"findings\">\n");
    for (size_t i = 0; i < r->findings.nrows; i++) {
        const char *verdict = table_cell(&r->findings, i, 1)->text;
        const char *cls = r->verdicts[i] == ANNUAL_SIGNAL  ? "signal"
                          : r->verdicts[i] == ANNUAL_NOISE ? "noise"
                                                           : "none";
        buf_printf(out, "<li class=\"%s\" data-verdict=\"%s\" data-category=\"", cls, cls);
        html_escape(out, table_cell(&r->findings, i, 0)->text);
        raw(out, "\"><span class=\"verdict\">");
        html_escape(out, verdict);
        raw(out, ".</span> ");
        html_escape(out, table_cell(&r->findings, i, 3)->text);
        raw(out, "</li>\n");
    }
    raw(out, "</ul>\n</section>\n");
}

static void put_outcomes(const struct annual_report *r, struct buf *out)
{
    raw(out, "<section id=\"outcomes\" aria-labelledby=\"outcomes-h\">\n"
             "<h2 id=\"outcomes-h\">Positive outcome rate</h2>\n"
             "<p>The share of recorded crimes whose latest outcome is positive: a charge or "
             "summons, a caution, a penalty notice, a drugs warning, a community resolution, or "
             "an offence taken into consideration.</p>\n");
    const char *headers[ANNUAL_OUTCOME_COLUMNS];
    annual_outcome_headings(r, headers);
    const struct table *t = &r->outcomes;
    const char **classes = xcalloc(t->nrows + 1, sizeof *classes);
    if (t->nrows)
        classes[t->nrows - 1] = "total"; /* the lines in the total, then the total */
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "Table 2: positive outcome rate, %s against %s", r->current, r->previous);
    if (t->nrows)
        table_html(out, t,
                   &(struct table_html){.id = "outcome-table",
                                        .caption = buf_str(&caption),
                                        .headers = headers,
                                        .row_classes = classes});
    else
        for (size_t i = 0; i < t->nnotes; i++)
            text(out, "<p>", t->notes[i], "</p>\n");
    raw(out, "</section>\n");
    buf_free(&caption);
    free(classes);
}

/* The map is an inline SVG with its title and text alternative (from
 * map.h); its numbers are in the district table below it and, cell by
 * cell, in a table that opens under it (no script needed). */
static void put_map(const struct annual_report *r, struct buf *out)
{
    if (!r->has_map) {
        text(out, "<p class=\"nodata\">", buf_str(&r->no_map), "</p>\n");
        return;
    }
    struct buf svg = BUF_INIT, err = BUF_INIT;
    if (map_svg(&r->map, &svg, &err) < 0) {
        text(out, "<p class=\"nodata\">No map: ", buf_str(&err), ".</p>\n");
    } else {
        raw(out, "<figure id=\"map\">\n");
        buf_append(out, svg.p, svg.len); /* map_svg escapes every value */
        text(out, "<figcaption>", r->map.description, "");
        raw(out, " The rates by district are in Table 3; the map&#39;s own figures are in "
                 "the table below it.</figcaption>\n</figure>\n<details>\n<summary>The map&#39;s "
                 "data</summary>\n");
        table_html(out, &r->map_table,
                   &(struct table_html){.id = "map-table",
                                        .caption = r->map.title,
                                        .headers = map_table_headings(&r->map)});
        raw(out, "</details>\n");
    }
    buf_free(&svg);
    buf_free(&err);
}

static void put_areas(const struct annual_report *r, struct buf *out)
{
    raw(out, "<section id=\"areas\" aria-labelledby=\"areas-h\">\n"
             "<h2 id=\"areas-h\">Crime per 1,000 residents by area</h2>\n");
    const char *headers[ANNUAL_AREA_COLUMNS];
    annual_area_headings(r, headers);
    const struct table *t = &r->areas;
    const char **classes = xcalloc(t->nrows + 1, sizeof *classes);
    classes[r->areas_total] = "total";
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "Table 3: recorded crime per 1,000 residents by district, %s", r->current);
    put_map(r, out);
    table_html(out, t,
               &(struct table_html){.id = "area-table",
                                    .caption = buf_str(&caption),
                                    .headers = headers,
                                    .row_classes = classes});
    raw(out, "</section>\n");
    buf_free(&caption);
    free(classes);
}

static void put_sources(const struct annual_report *r, struct buf *out)
{
    raw(out, "<section id=\"sources\" aria-labelledby=\"sources-h\">\n"
             "<h2 id=\"sources-h\">Sources</h2>\n"
             "<p>Every figure in this report is counted from these files as imported into "
             "Peel&#39;s store. data.police.uk publishes under the Open Government Licence "
             "v3.0.</p>\n");
    table_html(out, &r->sources,
               &(struct table_html){.id = "source-table",
                                    .caption = "Table 4: source files",
                                    .headers = annual_source_headings});
    raw(out, "</section>\n");
}

static void put_methods(struct buf *out)
{
    raw(out,
        "<section id=\"methods\" aria-labelledby=\"methods-h\">\n"
        "<h2 id=\"methods-h\">Methods</h2>\n"
        "<h3>Is a change real?</h3>\n"
        "<p>Each year&#39;s count is taken as a Poisson count over twelve months. Given the two "
        "years&#39; total, this year&#39;s count is binomial with probability one half when the "
        "underlying rate has not changed, which gives an exact two-sided test (the conditional "
        "binomial test; Armitage, Berry and Matthews, <i>Statistical Methods in Medical "
        "Research</i>, 5.3) with no approximation however small the counts. A change with p "
        "below 0.05 is a <b>signal</b>; otherwise it is <b>noise</b>. With few crimes only a "
        "large change can be told from chance, and the sentence says so.</p>\n"
        "<p>&ldquo;More than chance&rdquo; is not the same as a change in performance: "
        "recorded crime also moves with recording practice and with how often people report, "
        "and varies more from month to month than a Poisson count does, so a signal is a "
        "question to ask, not an answer.</p>\n"
        "<h3>Positive outcomes</h3>\n"
        "<p>The positive outcome rate is the share of the year&#39;s recorded crimes with an "
        "outcome whose latest police.uk outcome is positive.");
    text(out, " ", outcome_rate_method, "");
    raw(out,
        " The two years&#39; shares are compared with a "
        "pooled two-proportion z-test and a Newcombe interval for the difference. Outcomes are "
        "recorded months after the crime, so the later year&#39;s rate can be lower for no "
        "reason but time until its outcomes settle.</p>\n"
        "<h3>Categories</h3>\n"
        "<p>police.uk publishes 14 crime types, coarser than the Home Office offence groups: "
        "made from police.uk, violence against the person and sexual offences are one line, "
        "and &ldquo;Other crime&rdquo; stands for miscellaneous crimes against society. When "
        "the Home Office&#39;s own Police Recorded Crime tables cover both years for the "
        "force, the offence groups come from them instead, and nothing is combined; those "
        "tables hold no outcomes. Anti-social behaviour is an incident, not a crime: it is "
        "shown on its own line and is never in the total.</p>\n"
        "<h3>Rates per 1,000 residents</h3>\n"
        "<p>A district&#39;s rate is its crimes in the year divided by its resident population "
        "(ONS mid-year estimates by LSOA, as loaded), times 1,000; a crime&#39;s district is "
        "that of the LSOA police.uk places it in. The same population is used for both "
        "years.</p>\n"
        "<p>Every method is set out in full in the methods guide published with "
        "Peel.</p>\n</section>\n");
}

void annual_report_html(const struct annual_report *r, const char *generated, struct buf *out)
{
    put_head(r, out);
    put_header(r, generated, out);
    raw(out, "<main id=\"main\">\n");
    put_summary(r, out);
    put_crime_table(r, out);
    put_findings(r, out);
    put_outcomes(r, out);
    put_areas(r, out);
    put_sources(r, out);
    annual_funding_html(r, out);
    put_methods(out);
    raw(out, "</main>\n<footer>\n<p>Made by Peel from the files listed under Sources. Every "
             "number is the one Peel gives for the same year from the same files.</p>\n"
             "</footer>\n</body>\n</html>\n");
}
