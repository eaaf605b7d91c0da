/*
 * governance_stops.c - the governance report's stop-and-search section,
 * on the page and in the PDF: the twelve months to the report's month,
 * what searches were for and what they found, who was searched, and (when
 * a population by ethnic group is loaded) how often people of each group
 * were searched against the White group's rate. The figures are
 * assess/stop_search.h's, the same as `peel stop-search` and the site's
 * /stop-and-search give; they are read once (gather) and written by the
 * page and the PDF in the same words.
 */
#include "assess/stop_search.h"
#include "render/pdf.h"
#include "render/table_html.h"
#include "report/governance_internal.h"
#include "util/html.h"
#include "util/mem.h"

#include <stdlib.h>

#define OBJECTS_CAPTION "Searches by what was searched for, and what they found"
#define GROUPS_CAPTION  "Searches by ethnic group (as the person described themselves)"
#define RATES_HEADING   "How often people of each ethnic group were searched"
#define RATES_CAPTION   "Searches per 1,000 people, by ethnic group"

/* The section's figures. */
struct stops {
    struct buf intro, lead; /* plain text */
    struct table objects, groups, rates;
    struct buf rates_note; /* why there are no rates (plain text), or "" */
    char **sentences;      /* a ratio each, for the rates' rows after the first */
    size_t nsentences;
    int64_t total;
};

static void stops_free(struct stops *st)
{
    buf_free(&st->intro);
    buf_free(&st->lead);
    buf_free(&st->rates_note);
    table_free(&st->objects); /* a table never made is all zeros: nothing to free */
    table_free(&st->groups);
    table_free(&st->rates);
    for (size_t i = 0; i < st->nsentences; i++)
        free(st->sentences[i]);
    free(st->sentences);
}

static void counts_headings(const char *by, const char *headers[STOP_COLS])
{
    for (size_t c = 0; c < STOP_COLS; c++)
        headers[c] = c == 0 ? stop_by_heading(by) : stop_col_headings[c];
}

static void lead_words(struct stops *st)
{
    const struct table *t = &st->objects;
    size_t last = t->nrows - 1;
    int64_t finds = table_cell(t, last, STOP_COL_FINDS)->i;
    int64_t further = table_cell(t, last, STOP_COL_FURTHER)->i;
    char n[32];
    buf_printf(&st->lead, "%s searches", table_thousands(st->total, n, sizeof n));
    if (st->total > 0)
        buf_printf(&st->lead,
                   ": %.1f%% led to further action (an arrest, a summons, a caution, a "
                   "warning or a community resolution) and %.1f%% found what the officer "
                   "was looking for (a find: further action the officer linked to the object "
                   "of the search)",
                   100.0 * (double)further / (double)st->total,
                   100.0 * (double)finds / (double)st->total);
    buf_puts(&st->lead, ".");
}

static int gather_rates(struct report *r, const struct stop_query *q, struct stops *st,
                        struct buf *err)
{
    struct stop_disparity d;
    int rc = stop_disparity_table(r->s, q, &st->rates, &d, err);
    if (rc == 1) { /* several forces held: the section says so, the report goes on */
        buf_printf(&st->rates_note, "%s.", buf_str(err));
        buf_reset(err);
        rc = 0;
    } else if (rc == 0 && !d.have_population) {
        buf_puts(&st->rates_note,
                 "No population by ethnic group is loaded for the force area, so rates per "
                 "1,000 people of each group, and how they compare, cannot be given.");
    } else if (rc == 0) {
        const struct table *t = &st->rates;
        st->sentences = xcalloc(t->nrows + 1, sizeof *st->sentences);
        for (size_t row = 1; row < t->nrows; row++) {
            struct buf s = BUF_INIT;
            stop_disparity_sentence(t, row, &s);
            buf_puts(&s, ".");
            st->sentences[st->nsentences++] = buf_detach(&s);
        }
    }
    stop_disparity_free(&d);
    return rc;
}

/* 0, or -1 with err; st is to be freed either way. */
static int stops_gather(struct report *r, struct stops *st, struct buf *err)
{
    *st = (struct stops){.intro = BUF_INIT, .lead = BUF_INIT, .rates_note = BUF_INIT};
    struct stop_query q = {.month_from = r->info->period - GOVERNANCE_STOP_MONTHS + 1,
                           .month_to = r->info->period};
    struct buf from = BUF_INIT, to = BUF_INIT;
    report_month_words(q.month_from, &from);
    report_month_words(q.month_to, &to);
    buf_printf(&st->intro,
               "Searches recorded from %s to %s, from the force's police.uk stop-and-search "
               "files.",
               buf_str(&from), buf_str(&to));
    buf_free(&from);
    buf_free(&to);
    int rc = stop_search_table(r->s, "object", &q, &st->objects, err);
    if (rc == 0 && st->objects.nrows > 0)
        st->total = table_cell(&st->objects, st->objects.nrows - 1, STOP_COL_SEARCHES)->i;
    if (rc < 0 || st->total == 0)
        return rc;
    lead_words(st);
    rc = stop_search_table(r->s, "ethnic_group", &q, &st->groups, err);
    return rc == 0 ? gather_rates(r, &q, st, err) : rc;
}

/* ---- the page ------------------------------------------------------------ */

static void counts_html(struct report *r, const struct table *t, const char *by,
                        const char *caption)
{
    const char *headers[STOP_COLS];
    counts_headings(by, headers);
    if (t->nrows > 0)
        table_html(
            r->out, t,
            &(struct table_html){.caption = caption, .headers = headers, .join_intervals = true});
}

static void rates_html(struct report *r, const struct stops *st)
{
    gv_raw(r, "<h3>" RATES_HEADING "</h3>\n");
    if (st->rates_note.len) {
        gv_text(r, "<p>", buf_str(&st->rates_note), "</p>\n");
        return;
    }
    gv_raw(r, "<ul>\n");
    for (size_t i = 0; i < st->nsentences; i++)
        gv_text(r, "<li>", st->sentences[i], "</li>\n");
    gv_raw(r, "</ul>\n");
    table_html(r->out, &st->rates,
               &(struct table_html){.caption = RATES_CAPTION, .headers = disparity_col_headings});
}

int gv_stop_search(struct report *r, struct buf *err)
{
    struct stops st;
    int rc = stops_gather(r, &st, err);
    gv_raw(r, "<section id=\"stop-search\" aria-labelledby=\"stop-search-h\">\n"
              "<h2 id=\"stop-search-h\">Stop and search</h2>\n");
    gv_text(r, "<p>", buf_str(&st.intro), "</p>\n");
    if (rc == 0 && st.total == 0)
        gv_raw(r, "<p>No stop-and-search records are held for these months.</p>\n");
    if (rc == 0 && st.total > 0) {
        gv_text(r, "<p>", buf_str(&st.lead), "</p>\n");
        counts_html(r, &st.objects, "object", OBJECTS_CAPTION);
        counts_html(r, &st.groups, "ethnic_group", GROUPS_CAPTION);
        rates_html(r, &st);
    }
    gv_raw(r, "</section>\n");
    stops_free(&st);
    return rc;
}

/* ---- the PDF ------------------------------------------------------------- */

static void counts_pdf(struct pdf_doc *d, const struct table *t, const char *by,
                       const char *caption)
{
    const char *headers[STOP_COLS];
    counts_headings(by, headers);
    if (t->nrows > 0) {
        pdf_table(d, t, caption, headers);
        pdf_table_notes(d, t);
    }
}

int gv_stop_search_pdf(struct report *r, struct pdf_doc *d, struct buf *err)
{
    struct stops st;
    int rc = stops_gather(r, &st, err);
    if (rc == 0) {
        pdf_page_break(d);
        pdf_heading(d, 1, "Stop and search");
        pdf_paragraph(d, PDF_TEXT, buf_str(&st.intro));
        if (st.total == 0)
            pdf_paragraph(d, PDF_TEXT, "No stop-and-search records are held for these months.");
    }
    if (rc == 0 && st.total > 0) {
        pdf_paragraph(d, PDF_TEXT, buf_str(&st.lead));
        counts_pdf(d, &st.objects, "object", OBJECTS_CAPTION);
        counts_pdf(d, &st.groups, "ethnic_group", GROUPS_CAPTION);
        pdf_heading(d, 2, RATES_HEADING);
        if (st.rates_note.len)
            pdf_paragraph(d, PDF_TEXT, buf_str(&st.rates_note));
        else {
            pdf_bullets(d, (const char *const *)st.sentences, st.nsentences, false);
            pdf_table(d, &st.rates, RATES_CAPTION, disparity_col_headings);
            pdf_table_notes(d, &st.rates);
        }
    }
    stops_free(&st);
    return rc;
}
