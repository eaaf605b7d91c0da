/*
 * annual_funding.c - the annual report's Commissioning and Grants
 * sections (issue 18 part 3; see annual_report.h): the commissioned
 * services running in the year with their value, people supported and
 * unit cost (assess/service_tables.h), the year's grants received by
 * funder, and the Safety Fund's published awards of the year's rounds,
 * each table ending in its total; then the fund's statistics of those
 * rounds by district and by priority (assess/fund_stats.h, with its rule
 * for small numbers). Read once; the page, the PDF and the workbook are
 * written from the same tables.
 *
 * A table with no rows means the store holds none for the year: the page
 * and the PDF say so in a sentence; the workbook leaves its sheet out.
 */
#include "assess/fund_stats.h"
#include "assess/fund_tables.h"
#include "assess/service_tables.h"
#include "model/money.h"
#include "render/pdf.h"
#include "render/table_html.h"
#include "report/annual_report.h"
#include "store/plans.h"
#include "util/html.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const annual_commissioning_headings[] = {"Service",
                                                     "Provider",
                                                     "Annual value",
                                                     "People supported",
                                                     "Cost of the year's quarters",
                                                     "Unit cost",
                                                     "How the unit cost was worked out"};
const char *const annual_received_headings[] = {
    "Year", "Funder", "Purpose", "Amount", "Conditions", "Report by", "Clock", "File", "Line"};
const char *const annual_awards_headings[] = {"Round", "Title", "Awards", "Awarded"};
#define STATS_HEADINGS(first)                                                                      \
    {                                                                                              \
        first, "Applications", "Eligible", "Awarded", "Success rate (%)", "Asked for",             \
            "Awarded (\xc2\xa3)", "Note"                                                           \
    }
const char *const annual_district_stats_headings[] = STATS_HEADINGS("District");
const char *const annual_priority_stats_headings[] = STATS_HEADINGS("Priority");

/* The Safety Fund's published awards of the year, by round. */
struct rounds {
    const char *fy;
    struct table *t;
    int64_t total;
    int awards;
};

static void add_award(void *arg, const struct fund_award_view *a)
{
    struct rounds *r = arg;
    if (strcmp(a->fy, r->fy) != 0)
        return;
    size_t row = 0;
    while (row < r->t->nrows && strcmp(table_cell(r->t, row, 0)->text, a->round) != 0)
        row++;
    if (row == r->t->nrows) {
        row = table_add_row(r->t);
        table_set_text(r->t, row, 0, a->round);
        table_set_text(r->t, row, 1, a->round_title);
        table_set_int(r->t, row, 2, 0);
        table_set_int(r->t, row, 3, 0); /* pence, written as money below */
    }
    table_set_int(r->t, row, 2, table_cell(r->t, row, 2)->i + 1);
    table_set_int(r->t, row, 3, table_cell(r->t, row, 3)->i + a->amount_pence);
    r->total += a->amount_pence;
    r->awards++;
}

static int gather_awards(struct store *s, struct annual_report *r, struct buf *err)
{
    static const char *const cols[] = {"round", "title", "awards", "awarded"};
    struct annual_funding *f = &r->funding;
    table_init(&f->awards, 4, cols);
    struct rounds rounds = {r->current, &f->awards, 0, 0};
    if (store_fund_awards(s, NULL, true, add_award, &rounds, err) < 0)
        return -1;
    for (size_t i = 0; i < f->awards.nrows; i++)
        table_set_money(&f->awards, i, 3, table_cell(&f->awards, i, 3)->i, true);
    f->awards_total = rounds.total;
    if (f->awards.nrows) {
        size_t row = table_add_row(&f->awards);
        table_set_text(&f->awards, row, 0, "Total");
        table_set_int(&f->awards, row, 2, rounds.awards);
        table_set_money(&f->awards, row, 3, rounds.total, true);
    }
    return 0;
}

static void add_received(void *arg, const struct grant_received_view *g)
{
    *(int64_t *)arg += g->amount_pence;
}

static int gather_received(struct store *s, struct annual_report *r, struct buf *err)
{
    struct annual_funding *f = &r->funding;
    if (grants_received_table(s, r->current, true, &f->received, err) < 0)
        return -1;
    if (store_grants_received(s, r->current, add_received, &f->received_total, err) < 0)
        return -1;
    f->received_lines = (int)f->received.nrows;
    if (f->received.nrows) {
        size_t row = table_add_row(&f->received);
        table_set_text(&f->received, row, 1, "Total");
        table_set_money(&f->received, row, 3, f->received_total, true);
    }
    return 0;
}

/* The statistics of the year's rounds, by district and by priority, the
 * priorities by the plan's titles (the latest plan loaded, if any). */
static int gather_stats(struct store *s, struct annual_report *r, struct buf *err)
{
    struct annual_funding *f = &r->funding;
    if (fund_stats_table_fy(s, FUND_BY_DISTRICT, true, r->current, true, &f->by_district, err) <
            0 ||
        fund_stats_table_fy(s, FUND_BY_PRIORITY, true, r->current, true, &f->by_priority, err) < 0)
        return -1;
    struct plan p;
    struct plan_version which;
    int have = store_plan_read(s, NULL, 0, &p, &which, err);
    if (have < 0)
        return -1;
    struct buf keys = BUF_INIT, names = BUF_INIT;
    for (size_t i = 0; have == 0 && i + 1 < f->by_priority.nrows; i++) {
        const struct cell *c = table_cell(&f->by_priority, i, 0);
        if (c->type != CELL_TEXT)
            continue;
        buf_reset(&keys);
        buf_reset(&names);
        buf_puts(&keys, c->text);
        plan_keys_describe(&p, buf_str(&keys), &names);
        table_set_text(&f->by_priority, i, 0, buf_str(&names));
    }
    buf_free(&keys);
    buf_free(&names);
    if (have == 0)
        plan_free(&p);
    return 0;
}

int annual_funding_gather(struct store *s, struct annual_report *r, struct buf *err)
{
    struct annual_funding *f = &r->funding;
    if (commissioning_table(s, r->req.fy, true, &f->commissioning, &f->services, err) < 0)
        return -1;
    return gather_received(s, r, err) < 0 || gather_awards(s, r, err) < 0 ||
                   gather_stats(s, r, err) < 0
               ? -1
               : 0;
}

void annual_funding_free(struct annual_funding *f)
{
    struct table *t[] = {&f->commissioning, &f->received, &f->awards, &f->by_district,
                         &f->by_priority};
    for (size_t i = 0; i < 5; i++)
        if (t[i]->names)
            table_free(t[i]);
}

/* ---- the page --------------------------------------------------------------- */

static void html_table(struct buf *out, const struct table *t, const char *id, const char *caption,
                       const char *const *headers)
{
    const char **classes = xcalloc(t->nrows + 1, sizeof *classes);
    if (t->nrows)
        classes[t->nrows - 1] = "total";
    table_html(out, t,
               &(struct table_html){
                   .id = id, .caption = caption, .headers = headers, .row_classes = classes});
    free(classes);
}

static void html_none(struct buf *out, const char *what, const char *fy)
{
    buf_puts(out, "<p>");
    html_escape(out, what);
    buf_puts(out, " ");
    html_escape(out, fy);
    buf_puts(out, ".</p>\n");
}

#define STATS_WORDS                                                                                \
    "Applications sent to the year's rounds whose decision is published, how many met the "        \
    "round's rules and how many were awarded a grant. An application serving several "             \
    "priorities counts under each. Where a row has one or two unsuccessful applications its "      \
    "application figures are withheld (and the total's, where only one row is), so that no "       \
    "applicant turned down can be told."

/* Tables 8 and 9, or a sentence when no application was sent. */
static void stats_html(struct buf *out, const struct annual_report *r)
{
    const struct annual_funding *f = &r->funding;
    if (f->by_district.nrows < 2) {
        html_none(out, "No application to the Safety Fund was sent to a published round of",
                  r->current);
        return;
    }
    buf_puts(out, "<h3>Applications and grants</h3>\n<p>");
    html_escape(out, STATS_WORDS);
    buf_puts(out, "</p>\n");
    struct buf caption = BUF_INIT;
    buf_printf(&caption, "Table 8: Safety Fund applications and grants by district, %s",
               r->current);
    html_table(out, &f->by_district, "fund-district-table", caption.p,
               annual_district_stats_headings);
    buf_reset(&caption);
    buf_printf(&caption, "Table 9: Safety Fund applications and grants by priority, %s",
               r->current);
    html_table(out, &f->by_priority, "fund-priority-table", caption.p,
               annual_priority_stats_headings);
    buf_free(&caption);
}

void annual_funding_html(const struct annual_report *r, struct buf *out)
{
    const struct annual_funding *f = &r->funding;
    struct buf caption = BUF_INIT;
    buf_puts(out, "<section id=\"commissioning\" aria-labelledby=\"commissioning-h\">\n"
                  "<h2 id=\"commissioning-h\">Commissioning</h2>\n<p>The services the "
                  "Commissioner paid others to run in the year. A service&#39;s unit cost is the "
                  "cost of the quarters it reported in the year over the people it supported in "
                  "them; a quarter&#39;s cost is the spend linked to it in the spend register, or "
                  "else a quarter of its annual value, as the last column says.</p>\n");
    buf_printf(&caption, "Table 5: commissioned services, %s", r->current);
    if (f->commissioning.nrows)
        html_table(out, &f->commissioning, "commissioning-table", caption.p,
                   annual_commissioning_headings);
    else
        html_none(out, "No commissioned service is recorded as running in", r->current);
    buf_puts(out, "</section>\n<section id=\"grants\" aria-labelledby=\"grants-h\">\n"
                  "<h2 id=\"grants-h\">Grants</h2>\n<h3>Grants received</h3>\n");
    buf_reset(&caption);
    buf_printf(&caption, "Table 6: grants received by funder, %s", r->current);
    if (f->received.nrows)
        html_table(out, &f->received, "received-table", caption.p, annual_received_headings);
    else
        html_none(out, "No table of grants received is loaded for", r->current);
    buf_puts(out, "<h3>The Commissioner&#39;s Safety Fund</h3>\n");
    buf_reset(&caption);
    buf_printf(&caption, "Table 7: Safety Fund awards by round, %s (published decisions)",
               r->current);
    if (f->awards.nrows)
        html_table(out, &f->awards, "awards-table", caption.p, annual_awards_headings);
    else
        html_none(out, "No Safety Fund award is published for a round of", r->current);
    stats_html(out, r);
    buf_puts(out, "</section>\n");
    buf_free(&caption);
}

/* ---- the PDF ----------------------------------------------------------------- */

static void pdf_section(struct pdf_doc *d, const struct table *t, const char *caption,
                        const char *const *headers, const char *none, const char *fy)
{
    if (t->nrows) {
        pdf_table(d, t, caption, headers);
        return;
    }
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s %s.", none, fy);
    pdf_paragraph(d, PDF_TEXT, b.p);
    buf_free(&b);
}

void annual_funding_pdf(struct pdf_doc *d, const struct annual_report *r)
{
    const struct annual_funding *f = &r->funding;
    pdf_heading(d, 1, "Commissioning");
    pdf_paragraph(d, PDF_TEXT,
                  "The services the Commissioner paid others to run in the year. A service's "
                  "unit cost is the cost of the quarters it reported in the year over the people "
                  "it supported in them; a quarter's cost is the spend linked to it in the spend "
                  "register, or else a quarter of its annual value.");
    pdf_section(d, &f->commissioning, "Table 5: commissioned services",
                annual_commissioning_headings, "No commissioned service is recorded as running in",
                r->current);
    pdf_heading(d, 1, "Grants");
    pdf_section(d, &f->received, "Table 6: grants received by funder", annual_received_headings,
                "No table of grants received is loaded for", r->current);
    pdf_section(d, &f->awards, "Table 7: Safety Fund awards by round", annual_awards_headings,
                "No Safety Fund award is published for a round of", r->current);
    if (f->by_district.nrows < 2) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "No application to the Safety Fund was sent to a published round of %s.",
                   r->current);
        pdf_paragraph(d, PDF_TEXT, b.p);
        buf_free(&b);
        return;
    }
    pdf_paragraph(d, PDF_TEXT, STATS_WORDS);
    pdf_table(d, &f->by_district, "Table 8: Safety Fund applications and grants by district",
              annual_district_stats_headings);
    pdf_table(d, &f->by_priority, "Table 9: Safety Fund applications and grants by priority",
              annual_priority_stats_headings);
}
