/*
 * complaints_report.c - `peel report complaints`: the Commissioner's
 * annual complaints report (the Order's item 7C(b)) as one self-contained
 * HTML page, an A4 PDF and its figures as CSV and JSON, from the year
 * gathered by assess/complaints_report.h. Every format is made in memory
 * from the same gathered year, so the four cannot differ, and so that the
 * staff side can publish it without a folder (report_build).
 *
 * The sections the Office's staff wrote are plain text: a blank line ends
 * a paragraph; nothing in them is markup. Every figure is counted from
 * case data and clocks, never the vault, small numbers suppressed.
 */
#include "assess/complaints_report.h"
#include "assess/concern_stats.h"
#include "model/synthetic.h"
#include "render/pdf.h"
#include "render/report_html.h"
#include "render/table_html.h"
#include "report/report_kind.h"
#include "util/html.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static const char *const review_heads[] = {"Measure", "Code", "Figure", "Unit"};
static const char *const quarter_heads[] = {"Quarter",    "Received",        "In time",
                                            "Late",       "Decided",         "Upheld",
                                            "Not upheld", "Within standard", "Outside it"};
static const char *const theme_heads[] = {"Code", "Allegation category", "Reviews received",
                                          "Of which upheld"};
static const char *const iopc_heads[] = {"Measure",
                                         "Code",
                                         "The force",
                                         "Same period last year",
                                         "Most similar forces",
                                         "England and Wales",
                                         "Against England and Wales",
                                         "Unit"};

static const char explain_reviews[] =
    "The complaint reviews the Office received and decided in the year, counted from its own "
    "case records. A review is upheld when the Office finds that the outcome of the force's "
    "handling was not reasonable and proportionate. The standard is the Office's: decide within "
    "28 working days of receipt.";
static const char explain_themes[] =
    "The allegation categories of the reviews received in the year (a review may have more than "
    "one), and how many of them were upheld.";
static const char explain_iopc[] =
    "The IOPC's figures for the force's complaints handling, beside the same period a year "
    "before, the force's most similar forces and England and Wales: what the Commissioner holds "
    "the chief constable to account for. Higher is not always worse: read each measure by its "
    "unit.";

/* ---- the page ------------------------------------------------------------ */

/* Each paragraph of a section's plain text, trimmed, to fn: a blank line
 * (LF or CRLF) ends one. The page and the PDF split it alike. */
static void each_paragraph(const char *text, void (*fn)(void *arg, const char *para), void *arg)
{
    const char *p = text;
    while (*p) {
        while (*p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *end = strstr(p, "\n\n");
        const char *crlf = strstr(p, "\r\n\r\n");
        if (crlf && (!end || crlf < end))
            end = crlf;
        size_t n = end ? (size_t)(end - p) : strlen(p), len = n;
        while (len && (p[len - 1] == '\n' || p[len - 1] == '\r' || p[len - 1] == ' '))
            len--;
        char *para = xstrndup(p, len);
        fn(arg, para);
        free(para);
        p += n;
    }
}

static void paragraph_html(void *arg, const char *para)
{
    buf_puts(arg, "<p>");
    html_escape(arg, para);
    buf_puts(arg, "</p>\n");
}

static void section_html(struct buf *out, const struct complaints_year *y, size_t i)
{
    buf_printf(out, "<section id=\"%s\">\n<h2>", complaints_sections[i].code);
    html_escape(out, complaints_sections[i].heading);
    buf_puts(out, "</h2>\n");
    if (y->text[i])
        each_paragraph(y->text[i], paragraph_html, out);
    else
        buf_puts(out, "<p><em>Not written yet.</em></p>\n");
}

/* On the page, a measure by its name, without its code (the figures
 * keep it): the columns shown of a (label, measure, value, unit) table
 * and of the IOPC's. */
static const size_t count_columns[] = {0, 2, 3};
static const size_t iopc_columns[] = {0, 2, 3, 4, 5, 6, 7};

static void table_block(struct buf *out, const struct table *t, const char *caption,
                        const char *const *heads, const char *explain, const size_t *columns,
                        size_t ncolumns)
{
    buf_puts(out, "<p>");
    html_escape(out, explain);
    buf_puts(out, "</p>\n");
    table_html(out, t,
               &(struct table_html){
                   .caption = caption, .headers = heads, .columns = columns, .ncolumns = ncolumns});
}

static void page(const struct complaints_year *y, const char *generated, struct buf *out)
{
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"Peel\">\n"
                  /* an empty icon, or a browser asks the site for /favicon.ico */
                  "<link rel=\"icon\" href=\"data:,\">\n<title>");
    html_printf(out, "Complaints about the police, %s: the Commissioner's report", y->year);
    buf_puts(out, "</title>\n");
    report_style(out, NULL, NULL);
    buf_puts(out, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n"
                  "<header>\n<p class=\"kicker\">The Commissioner&#39;s report as review body "
                  "(Specified Information Order 2011, paragraph 7C)</p>\n<h1>");
    html_printf(out, "Complaints about the police, %s", y->year);
    buf_puts(out, "</h1>\n<p>Generated ");
    html_escape(out, generated);
    buf_puts(out, ".</p>\n<nav aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">Contents"
                  "</h2>\n<ol>\n");
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        buf_printf(out, "<li><a href=\"#%s\">", complaints_sections[i].code);
        html_escape(out, complaints_sections[i].heading);
        buf_puts(out, "</a></li>\n");
    }
    buf_puts(out, "<li><a href=\"#iopc\">The force against England and Wales</a></li>\n"
                  "</ol>\n</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        section_html(out, y, i);
        if (strcmp(complaints_sections[i].code, "review-body") == 0) {
            table_block(out, &y->reviews, "Complaint reviews by the Office in the year",
                        review_heads, explain_reviews, count_columns, 3);
            table_html(out, &y->quarters,
                       &(struct table_html){.caption = "Complaint reviews by quarter",
                                            .headers = quarter_heads});
        } else if (strcmp(complaints_sections[i].code, "learning") == 0) {
            table_block(out, &y->themes, "Reviews by allegation category", theme_heads,
                        explain_themes, NULL, 0);
            table_html(out, &y->recommendations,
                       &(struct table_html){.caption = "Recommendations to the force",
                                            .headers = review_heads,
                                            .columns = count_columns,
                                            .ncolumns = 3});
        }
        buf_puts(out, "</section>\n");
    }
    buf_puts(out, "<section id=\"iopc\">\n<h2>The force against England and Wales</h2>\n");
    if (y->iopc.nrows) {
        buf_puts(out, "<p>From the IOPC&#39;s figures for ");
        html_escape(out, y->iopc_source);
        buf_puts(out, ".</p>\n");
        table_block(out, &y->iopc, "The IOPC's figures for the force", iopc_heads, explain_iopc,
                    iopc_columns, 7);
    } else {
        buf_puts(out, "<p>No IOPC figures for the year have been loaded.</p>\n");
    }
    buf_puts(out, "</section>\n</main>\n<footer>\n<p>Made by Peel from the Office&#39;s case "
                  "records (never anyone&#39;s personal details) and the IOPC&#39;s figures as "
                  "loaded. Small numbers are suppressed: ");
    html_escape(out, concern_stats_rule);
    buf_puts(out, "</p>\n</footer>\n</body>\n</html>\n");
}

/* ---- the PDF ------------------------------------------------------------- */

static void paragraph_pdf(void *arg, const char *para)
{
    pdf_paragraph(arg, PDF_TEXT, para);
}

static int pdf(const struct complaints_year *y, const char *generated, const char *iso,
               const char *notice, struct buf *out, struct buf *err)
{
    struct buf title = BUF_INIT;
    buf_printf(&title, "Complaints about the police, %s", y->year);
    struct pdf_doc *d = pdf_open("report.pdf", buf_str(&title));
    if (iso)
        pdf_set_date(d, iso);
    pdf_set_notice(d, notice);
    pdf_paragraph(d, PDF_KICKER, "The Commissioner's report as review body (Order 7C)");
    pdf_paragraph(d, PDF_TITLE, buf_str(&title));
    pdf_lead(d, "Generated: ", generated);
    pdf_contents(d);
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        pdf_heading(d, 1, complaints_sections[i].heading);
        if (y->text[i])
            each_paragraph(y->text[i], paragraph_pdf, d);
        else
            pdf_paragraph(d, PDF_SMALL, "Not written yet.");
        if (strcmp(complaints_sections[i].code, "review-body") == 0) {
            pdf_paragraph(d, PDF_TEXT, explain_reviews);
            pdf_table(d, &y->reviews, "Complaint reviews by the Office in the year", review_heads);
            pdf_table_notes(d, &y->reviews);
            pdf_table(d, &y->quarters, "Complaint reviews by quarter", quarter_heads);
        } else if (strcmp(complaints_sections[i].code, "learning") == 0) {
            pdf_paragraph(d, PDF_TEXT, explain_themes);
            pdf_table(d, &y->themes, "Reviews by allegation category", theme_heads);
            pdf_table(d, &y->recommendations, "Recommendations to the force", review_heads);
        }
    }
    pdf_heading(d, 1, "The force against England and Wales");
    if (y->iopc.nrows) {
        struct buf src = BUF_INIT;
        buf_printf(&src, "From the IOPC's figures for %s.", y->iopc_source);
        pdf_paragraph(d, PDF_TEXT, buf_str(&src));
        buf_free(&src);
        pdf_paragraph(d, PDF_TEXT, explain_iopc);
        pdf_table(d, &y->iopc, "The IOPC's figures for the force", iopc_heads);
    } else {
        pdf_paragraph(d, PDF_TEXT, "No IOPC figures for the year have been loaded.");
    }
    buf_free(&title);
    return pdf_close_buf(d, out, NULL, err);
}

/* ---- the kind -------------------------------------------------------------- */

static void model_free(void *model)
{
    if (!model)
        return;
    complaints_year_free(model);
    free(model);
}

static int gather(struct report_job *j, struct buf *err)
{
    struct complaints_year *y = xcalloc(1, sizeof *y);
    int rc = complaints_year_gather(j->s, j->req->complaints_fy, y, err);
    struct buf missing = BUF_INIT;
    if (rc == 0 && complaints_year_missing(y, &missing)) {
        buf_printf(err,
                   "the report for %s is not written: no text yet for %s (peel iopc text %s "
                   "SECTION FILE, or the staff page /staff/complaints-report/%s)",
                   y->year, buf_str(&missing), y->year, y->year);
        rc = -1;
    }
    buf_free(&missing);
    if (rc != 0) {
        model_free(y);
        y = NULL;
    }
    j->model = y;
    return rc;
}

static int html_file(struct report_job *j, struct buf *out, struct buf *err)
{
    (void)err;
    page(j->model, j->generated, out);
    return 0;
}

static int pdf_file(struct report_job *j, struct buf *out, struct buf *err)
{
    return pdf(j->model, j->generated, j->iso[0] ? j->iso : NULL,
               j->synthetic ? synthetic_banner() : NULL, out, err);
}

static int figures(struct report_job *j, struct buf *out, enum table_format f)
{
    struct table t;
    complaints_year_figures(j->model, &t);
    struct table_stream ts;
    table_stream_begin(&ts, f, t.ncols, (const char *const *)t.names, out);
    for (size_t r = 0; r < t.nrows; r++)
        table_stream_row(&ts, table_cell(&t, r, 0), out);
    table_stream_end(&ts, out);
    table_free(&t);
    return 0;
}

static int csv_file(struct report_job *j, struct buf *out, struct buf *err)
{
    (void)err;
    return figures(j, out, TABLE_CSV);
}

static int json_file(struct report_job *j, struct buf *out, struct buf *err)
{
    (void)err;
    return figures(j, out, TABLE_JSON);
}

static int describe(const struct report_job *j, json_t *m)
{
    const struct complaints_year *y = j->model;
    return json_object_set_new(m, "period", json_string(y->year)) |
           json_object_set_new(m, "iopc_figures", json_string(y->iopc_source));
}

static void summary(const struct report_job *j, struct buf *out)
{
    const struct complaints_year *y = j->model;
    const char *dir = j->req->out ? j->req->out : ".";
    buf_printf(out,
               "%s/index.html: the Commissioner's complaints report for %s (%zu IOPC figures); "
               "as PDF in %s/report.pdf, its figures in %s/figures.csv and %s/figures.json",
               dir, y->year, y->iopc.nrows, dir, dir, dir);
}

const struct report_kind report_complaints = {
    .name = "complaints",
    .formats = {{.file = "index.html", .text = html_file},
                {.file = "report.pdf", .text = pdf_file},
                {.file = "figures.csv", .text = csv_file},
                {.file = "figures.json", .text = json_file}},
    .gather = gather,
    .describe = describe,
    .summary = summary,
    .free = model_free,
};
