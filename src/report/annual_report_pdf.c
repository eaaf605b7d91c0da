/*
 * annual_report_pdf.c - the annual report as an A4 PDF (see
 * annual_report.h), with render/pdf.h: the same sections, tables,
 * sentences and map as the page, in the same order and words.
 */
#include "model/outcomes.h"
#include "render/pdf.h"
#include "report/annual_report.h"
#include "util/mem.h"

#include <stdlib.h>

static void put_title(struct pdf_doc *d, const struct annual_report *r, const char *generated)
{
    struct buf b = BUF_INIT;
    pdf_paragraph(d, PDF_KICKER, "Annual report: crime statistics");
    buf_printf(&b, "Recorded crime in %s, %s", r->force, r->current);
    pdf_paragraph(d, PDF_TITLE, b.p);
    buf_reset(&b);
    buf_printf(&b, "financial year %s (April %d to March %d) against %s", r->current, r->req.fy,
               r->req.fy + 1, r->previous);
    pdf_lead(d, "Years: ", b.p);
    buf_reset(&b);
    if (r->req.scheme == SCHEME_POLICE_UK)
        buf_puts(&b, "the 14 police.uk crime types, as data.police.uk publishes them.");
    else if (r->res.prc_key)
        buf_puts(&b, "Home Office offence groups, from the Home Office Police Recorded Crime "
                     "tables, which hold all eight quarters of both years: nothing is combined.");
    else
        buf_printf(&b,
                   "Home Office offence groups, made from police.uk crime types (the Home "
                   "Office tables were not used: %s).",
                   buf_str(&r->res.why_not_prc));
    pdf_lead(d, "Categories: ", b.p);
    pdf_lead(d, "Generated: ", generated ? generated : "");
    pdf_contents(d);
    buf_free(&b);
}

static void put_summary(struct pdf_doc *d, const struct annual_report *r)
{
    pdf_heading(d, 1, "Summary");
    for (size_t i = 0; i < r->res.table.nrows; i++)
        if (r->res.rows[i] == &r->res.t.total)
            pdf_paragraph(d, PDF_TEXT, table_cell(&r->findings, i, 3)->text);
    if (r->outcome_sentence.len) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "The positive outcome rate of all recorded crime: %s.",
                   r->outcome_sentence.p);
        pdf_paragraph(d, PDF_TEXT, b.p);
        buf_free(&b);
    }
}

static void put_findings(struct pdf_doc *d, const struct annual_report *r)
{
    pdf_heading(d, 1, "Is each change real?");
    pdf_paragraph(d, PDF_TEXT,
                  "A change is a signal when it is more than chance would explain, and noise "
                  "when it is within the normal variation of counts this size (exact Poisson "
                  "test at the 5% level; see Methods).");
    size_t n = r->findings.nrows;
    const char **items = xcalloc(n + 1, sizeof *items);
    struct buf *texts = xcalloc(n + 1, sizeof *texts);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&texts[i], "%s. %s", table_cell(&r->findings, i, 1)->text,
                   table_cell(&r->findings, i, 3)->text);
        items[i] = texts[i].p;
    }
    pdf_bullets(d, items, n, false);
    for (size_t i = 0; i < n; i++)
        buf_free(&texts[i]);
    free(texts);
    free(items);
}

static void map_draw_fn(const void *arg, cairo_t *cr, double w, double h)
{
    map_draw(arg, cr, 0, 0, w, h);
}

static void put_areas(struct pdf_doc *d, const struct annual_report *r)
{
    pdf_heading(d, 1, "Crime per 1,000 residents by area");
    if (r->has_map) {
        pdf_figure(d, MAP_WIDTH, MAP_HEIGHT, map_draw_fn, &r->map);
        pdf_paragraph(d, PDF_SMALL, r->map.description);
    } else {
        pdf_paragraph(d, PDF_TEXT, buf_str(&r->no_map));
    }
    const char *headers[ANNUAL_AREA_COLUMNS];
    annual_area_headings(r, headers);
    pdf_table(d, &r->areas, "Table 3: recorded crime per 1,000 residents by district", headers);
    pdf_table_notes(d, &r->areas);
}

static void put_methods(struct pdf_doc *d)
{
    pdf_heading(d, 1, "Methods");
    pdf_heading(d, 2, "Is a change real?");
    pdf_paragraph(d, PDF_TEXT,
                  "Each year's count is taken as a Poisson count over twelve months. Given the "
                  "two years' total, this year's count is binomial with probability one half "
                  "when the underlying rate has not changed, which gives an exact two-sided test "
                  "(the conditional binomial test) with no approximation however small the "
                  "counts. A change with p below 0.05 is a signal; otherwise it is noise. With "
                  "few crimes only a large change can be told from chance, and the sentence says "
                  "so. More than chance is not the same as a change in performance: recorded "
                  "crime also moves with recording practice and reporting.");
    pdf_heading(d, 2, "Positive outcomes");
    struct buf b = BUF_INIT;
    buf_printf(&b,
               "The positive outcome rate is the share of the year's recorded crimes with an "
               "outcome whose latest police.uk outcome is positive. %s The two years' shares are "
               "compared with a pooled two-proportion z-test and a Newcombe interval for the "
               "difference. Outcomes are recorded months after the crime, so the later year's "
               "rate can be lower for no reason but time until its outcomes settle.",
               outcome_rate_method);
    pdf_paragraph(d, PDF_TEXT, b.p);
    buf_free(&b);
    pdf_heading(d, 2, "Categories and rates");
    pdf_paragraph(d, PDF_TEXT,
                  "police.uk publishes 14 crime types, coarser than the Home Office offence "
                  "groups; anti-social behaviour is an incident, not a crime, and is never in "
                  "the total. A district's rate is its crimes in the year per 1,000 residents "
                  "(ONS mid-year estimates by LSOA, as loaded). Every method is set out in full "
                  "in the methods guide published with Peel.");
}

int annual_report_pdf(const struct annual_report *r, const char *generated, const char *date,
                      const char *notice, const char *path, struct buf *err)
{
    struct buf title = BUF_INIT;
    buf_printf(&title, "Crime statistics %s: annual report", r->current);
    struct pdf_doc *d = pdf_open(path, title.p);
    if (date)
        pdf_set_date(d, date);
    pdf_set_notice(d, notice);
    put_title(d, r, generated);
    put_summary(d, r);
    pdf_heading(d, 1, "Recorded crime by offence group");
    pdf_paragraph(d, PDF_TEXT, r->res.table.title);
    const char *headers[ANNUAL_NCOLS];
    annual_headings(r->req.scheme == SCHEME_POLICE_UK, r->previous, r->current, headers);
    pdf_table(d, &r->res.table, "Table 1: recorded crime", headers);
    pdf_table_notes(d, &r->res.table);
    put_findings(d, r);
    pdf_heading(d, 1, "Positive outcome rate");
    const char *oheaders[ANNUAL_OUTCOME_COLUMNS];
    annual_outcome_headings(r, oheaders);
    if (r->outcomes.nrows)
        pdf_table(d, &r->outcomes, "Table 2: positive outcome rate", oheaders);
    pdf_table_notes(d, &r->outcomes);
    put_areas(d, r);
    pdf_heading(d, 1, "Sources");
    pdf_table(d, &r->sources, "Table 4: source files", annual_source_headings);
    pdf_table_notes(d, &r->sources);
    annual_funding_pdf(d, r);
    put_methods(d);
    buf_free(&title);
    return pdf_close(d, NULL, err);
}
