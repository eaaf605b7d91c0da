/*
 * public_pdf.c - the residents' report as a PDF (see public_internal.h):
 * the page's sections in the page's order, from the same model and the
 * same words.
 *
 * Nothing here is worked out afresh: the measures, figures and sentences
 * are the model's (public_model.c), and the prose is the page's own
 * template HTML (public_internal.h) read as plain text, so the PDF and the
 * page cannot say different things. render/pdf.h sets plan text as text,
 * never as markup.
 */
#include "assess/metric_icons.h"
#include "assess/metric_xmr.h"
#include "render/pdf.h"
#include "assess/metric_text.h"
#include "assess/framework.h"
#include "report/public_internal.h"
#include "util/mem.h"

#include <stdint.h>
#include <stdlib.h>

/* A paragraph of the page's template HTML. */
static void para_html(struct pdf_doc *d, enum pdf_style style, const char *html)
{
    struct buf text = BUF_INIT;
    report_plain_text(html, &text);
    pdf_paragraph(d, style, buf_str(&text));
    buf_free(&text);
}

/* A paragraph written into a buffer by one of the page's builders. */
static void para_built(struct pdf_doc *d, struct buf *html)
{
    para_html(d, PDF_TEXT, buf_str(html));
    buf_reset(html);
}

static void put_front(const struct public_model *m, struct pdf_doc *d, const char *month)
{
    struct buf text = BUF_INIT;
    pdf_paragraph(d, PDF_KICKER, m->p->title);
    buf_printf(&text, PUBLIC_TITLE " Police and crime figures to %s", month);
    pdf_paragraph(d, PDF_TITLE, buf_str(&text));
    pdf_contents(d);
    pdf_heading(d, 1, "What this is");
    pdf_paragraph(d, PDF_TEXT, PUBLIC_ABOUT_LEAD);
    buf_reset(&text);
    public_about_html(m, &text);
    para_built(d, &text);
    if (m->p->vision && *m->p->vision)
        pdf_lead(d, "The plan's aim:", m->p->vision);
    buf_puts(&text, m->p->title);
    if (m->info->version)
        buf_printf(&text, " (version %d)", m->info->version->version);
    pdf_lead(d, "Plan:", buf_str(&text));
    pdf_lead(d, "Figures to:", month);
    pdf_lead(d, "Made on:", m->info->generated ? m->info->generated : "");
    buf_free(&text);
}

static void put_measure(const struct public_model *m, const struct public_item *it,
                        struct pdf_doc *d)
{
    const struct metric_status *st = it->st;
    struct buf html = BUF_INIT, text = BUF_INIT;
    pdf_heading(d, 3, st->metric->title);
    if (it->exception) {
        public_why_html(m, it, &html);
        para_built(d, &html);
    }
    public_latest_html(it, &html);
    para_built(d, &html);
    public_year_html(it, &html);
    para_built(d, &html);
    buf_printf(&text, "%s. %s", report_variation_of(st).words, public_real_words(st));
    pdf_lead(d, "Is it a real change?", buf_str(&text));
    buf_reset(&text);
    metric_sentence(st, &text);
    buf_puts(&text, ".");
    pdf_lead(d, "What the analysis says:", buf_str(&text));
    if (st->has_target) {
        pdf_lead(d, "Target:", report_target_of(st).words);
        buf_reset(&text);
        buf_printf(&text, "%s.", st->target_sentence);
        pdf_paragraph(d, PDF_SMALL, buf_str(&text));
    } else {
        pdf_lead(d, "Target:", "the plan sets no number to reach for this measure.");
    }
    buf_reset(&text);
    metric_source_text(st->metric, &text);
    buf_putc(&text, '.');
    pdf_lead(d, "Source:", buf_str(&text));
    buf_free(&html);
    buf_free(&text);
}

static void put_numbers(const struct public_model *m, struct pdf_doc *d)
{
    struct buf html = BUF_INIT;
    pdf_heading(d, 1, "The few numbers that matter");
    if (m->with_data == 0) {
        public_no_data_html(m, &html);
        para_built(d, &html);
        buf_free(&html);
        return;
    }
    public_rule_html(&html);
    para_built(d, &html);
    pdf_heading(d, 2, "What needs attention");
    if (m->nattention == 0)
        pdf_paragraph(d, PDF_TEXT, PUBLIC_NOTHING);
    for (size_t i = 0; i < m->nattention; i++)
        put_measure(m, &m->items[i], d);
    for (size_t a = 0; a < m->p->nmissions; a++) {
        const struct public_mission *pm = &m->missions[a];
        buf_printf(&html, "Mission %zu: %s", a + 1, m->p->missions[a].title);
        pdf_heading(d, 2, buf_str(&html));
        buf_reset(&html);
        for (size_t i = 0; i < pm->n; i++)
            put_measure(m, &m->items[pm->first + i], d);
        public_more_html(pm, &html);
        para_built(d, &html);
    }
    buf_free(&html);
}

static void put_icons(struct pdf_doc *d)
{
    pdf_page_break(d);
    pdf_heading(d, 1, "What the icons mean");
    pdf_paragraph(d, PDF_TEXT, PUBLIC_ICONS_INTRO);
    struct public_legend l[PUBLIC_LEGENDS];
    size_t n = public_legends(l);
    for (size_t i = 0; i < n; i++) {
        pdf_heading(d, 2, l[i].title);
        para_html(d, PDF_TEXT, l[i].intro);
        for (size_t k = 0; k < l[i].n; k++) {
            struct buf lead = BUF_INIT;
            buf_printf(&lead, "%s %s:", l[i].e[k].icon.letter, l[i].e[k].icon.words);
            pdf_lead(d, buf_str(&lead), l[i].e[k].meaning);
            buf_free(&lead);
        }
    }
}

static void put_chart(const struct public_model *m, struct pdf_doc *d)
{
    pdf_page_break(d);
    pdf_heading(d, 1, "How to read a chart");
    if (!m->example) {
        pdf_paragraph(d, PDF_TEXT, PUBLIC_NO_EXAMPLE);
        return;
    }
    struct buf html = BUF_INIT;
    public_chart_intro_html(m, &html);
    para_built(d, &html);
    struct metric_xmr x;
    metric_xmr_init(&x, m->example->metric, &m->ser, m->example, &m->spc);
    pdf_chart_xmr(d, &x.chart);
    buf_printf(&html, "%s. The figures are in the table below.", buf_str(&x.title));
    pdf_paragraph(d, PDF_SMALL, buf_str(&html));
    buf_reset(&html);
    metric_xmr_free(&x);
    char *items[8] = {0};
    size_t n = 0;
    while (n < sizeof items / sizeof items[0] && public_callout_html(m, n, &html)) {
        struct buf text = BUF_INIT;
        report_plain_text(buf_str(&html), &text);
        items[n++] = buf_detach(&text);
        buf_reset(&html);
    }
    pdf_bullets(d, (const char *const *)items, n, true);
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    if (m->has_example_data) {
        pdf_table(d, &m->example_data, "The figures behind the chart", metric_values_headings);
    }
    buf_free(&html);
}

static void put_files(const struct public_model *m, struct pdf_doc *d)
{
    size_t n = 0;
    for (const char *const *f = m->info->files; f && *f; f++)
        n++;
    char **items = xcalloc(n + 1, sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const char *words = public_file_words(m->info->files[i]);
        struct buf text = BUF_INIT;
        buf_puts(&text, m->info->files[i]);
        if (words)
            buf_printf(&text, ": %s", words);
        items[i] = buf_detach(&text);
    }
    pdf_heading(d, 1, "Where to find all the numbers");
    para_html(d, PDF_TEXT, PUBLIC_FILES_INTRO);
    pdf_bullets(d, (const char *const *)items, n, false);
    para_html(d, PDF_TEXT, PUBLIC_FILES_BOARD);
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

static void put_sources(const struct public_model *m, struct pdf_doc *d)
{
    static const char *const headings[] = {"Source", "What this report uses", "Measures"};
    pdf_heading(d, 1, "Where the figures come from");
    pdf_paragraph(d, PDF_TEXT, PUBLIC_SOURCES_INTRO);
    struct buf text = BUF_INIT;
    if (m->updated[0]) {
        buf_puts(&text, "The data was last updated on ");
        report_time_words(m->updated, &text);
        buf_puts(&text, ".");
        pdf_paragraph(d, PDF_TEXT, buf_str(&text));
    } else {
        pdf_paragraph(d, PDF_TEXT, "No data has been loaded yet.");
    }
    buf_free(&text);
    pdf_table(d, &m->sources, "Where the figures come from", headings);
    pdf_paragraph(d, PDF_TEXT, PUBLIC_LICENCE);
    para_html(d, PDF_SMALL, PUBLIC_MADE_WITH);
}

int public_pdf(const struct public_model *m, const char *path, struct buf *err)
{
    struct buf month = BUF_INIT, title = BUF_INIT;
    report_month_words(m->info->period, &month);
    buf_printf(&title, PUBLIC_TITLE " %s: %s", buf_str(&month), m->p->title);
    struct pdf_doc *d = pdf_open(path, buf_str(&title));
    if (m->info->pdf_date)
        pdf_set_date(d, m->info->pdf_date);
    pdf_set_notice(d, m->info->pdf_notice);
    put_front(m, d, buf_str(&month));
    put_numbers(m, d);
    put_icons(d);
    put_chart(m, d);
    put_files(m, d);
    put_sources(m, d);
    int rc = pdf_close(d, NULL, err);
    buf_free(&month);
    buf_free(&title);
    return rc;
}
