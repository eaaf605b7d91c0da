/*
 * public_report.c - the residents' report (see public_report.h): the page,
 * what it is, the few numbers that matter and where the figures come from.
 *
 * The page, in order (docs/reports.md):
 *   header   title, the month, the contents
 *   about    what this is, the plan's vision, when it was made
 *   numbers  the rule; what needs attention; each mission's measures
 *   icons    what the icons mean (public_explain.c)
 *   chart    how to read a chart, on a real one (public_explain.c)
 *   files    where to find all the numbers (public_explain.c)
 *   sources  where the figures come from and when they were updated
 *
 * Words for residents: short sentences, no jargon; where the analysis has
 * a term ("special cause"), the page says what it means ("a real change,
 * not chance"). Every value goes through html_escape.
 */
#include "assess/framework.h"
#include "assess/metric_icons.h"
#include "assess/metric_text.h"
#include "render/report_html.h"
#include "render/xlsx.h"
#include "report/public_internal.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/month.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void pub_raw(struct buf *out, const char *html)
{
    buf_puts(out, html);
}

void pub_text(struct buf *out, const char *open, const char *text, const char *close)
{
    buf_puts(out, open);
    html_escape(out, text);
    buf_puts(out, close);
}

/* clang-format off */
static const char style_sheet[] =
"body{font-size:1.05rem}\n"
"h1{font-size:1.8rem}\n"
".lead{font-size:1.15rem}\n"
".rule{background:var(--band);padding:.75rem 1rem;border-left:4px solid var(--text)}\n"
".measure{border:1px solid var(--rule);border-radius:.4rem;padding:1rem;margin:1rem 0}\n"
".measure h4{font-size:1.1rem}\n"
".measure p{margin:.4rem 0}\n"
".figure{font-size:1.05rem}\n"
".figure data{font-size:1.6rem;font-weight:700;margin-right:.25rem}\n"
".analysis{color:var(--muted);font-size:.9rem}\n"
".callouts li{margin-bottom:.4rem}\n"
"ul.files li{margin-bottom:.3rem}\n";

static const char print_sheet[] =
"html{font-size:11pt}\n"
".measure{break-inside:avoid}\n"
"#icons,#chart{break-before:page}\n";
/* clang-format on */

/* ---- header and about ---------------------------------------------------- */

static void put_head(const struct public_model *m, struct buf *out)
{
    struct buf month = BUF_INIT;
    report_month_words(m->info->period, &month);
    pub_raw(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"Peel\">\n<title>");
    html_printf(out, PUBLIC_TITLE " %s: %s", buf_str(&month), m->p->title);
    pub_raw(out, "</title>\n");
    report_style(out, style_sheet, print_sheet);
    pub_raw(out, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    buf_free(&month);
}

static void put_header(const struct public_model *m, struct buf *out)
{
    struct buf month = BUF_INIT;
    report_month_words(m->info->period, &month);
    pub_text(out, "<header>\n<p class=\"kicker\">", m->p->title, "</p>\n<h1>");
    html_printf(out, PUBLIC_TITLE " Police and crime figures to %s", buf_str(&month));
    pub_raw(out, "</h1>\n<nav aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">In this "
                 "report</h2>\n<ol>\n"
                 "<li><a href=\"#about\">What this is</a></li>\n"
                 "<li><a href=\"#numbers\">The few numbers that matter</a></li>\n"
                 "<li><a href=\"#icons\">What the icons mean</a></li>\n"
                 "<li><a href=\"#chart\">How to read a chart</a></li>\n"
                 "<li><a href=\"#files\">Where to find all the numbers</a></li>\n"
                 "<li><a href=\"#sources\">Where the figures come from</a></li>\n"
                 "</ol>\n</nav>\n</header>\n");
    buf_free(&month);
}

void public_about_html(const struct public_model *m, struct buf *out)
{
    struct buf month = BUF_INIT;
    report_month_words(m->info->period, &month);
    html_printf(out, "It uses figures up to the end of %s. ", buf_str(&month));
    html_printf(out, "The plan has %zu measures. ", m->statuses.n);
    html_printf(out, "%zu of them have figures so far.", m->with_data);
    buf_free(&month);
}

static void put_about(const struct public_model *m, struct buf *out)
{
    struct buf month = BUF_INIT;
    report_month_words(m->info->period, &month);
    pub_raw(out, "<section id=\"about\" aria-labelledby=\"about-h\">\n"
                 "<h2 id=\"about-h\">What this is</h2>\n<p class=\"lead\">");
    pub_raw(out, PUBLIC_ABOUT_LEAD "</p>\n<p>");
    public_about_html(m, out);
    pub_raw(out, "</p>\n");
    if (m->p->vision && *m->p->vision)
        pub_text(out, "<p><b>The plan&#39;s aim:</b> ", m->p->vision, "</p>\n");
    pub_raw(out, "<dl class=\"meta\">\n");
    pub_text(out, "<dt>Plan</dt><dd>", m->p->title, "");
    if (m->info->version)
        html_printf(out, " (version %d)", m->info->version->version);
    pub_raw(out, "</dd>\n");
    pub_text(out, "<dt>Figures to</dt><dd>", buf_str(&month), "</dd>\n");
    pub_text(out, "<dt>Made on</dt><dd>", m->info->generated ? m->info->generated : "",
             "</dd>\n</dl>\n</section>\n");
    buf_free(&month);
}

/* ---- a measure ----------------------------------------------------------- */

/* What the variation means, for a resident. */
const char *public_real_words(const struct metric_status *st)
{
    if (st->points == 0)
        return "We cannot tell yet. There are too few figures to draw a chart.";
    switch (st->variation) {
    case SPC_COMMON_CAUSE:
        return "No. This is within the normal ups and downs. It is not a real change.";
    case SPC_IMPROVEMENT:
        return "Yes. This is a real change, not chance. It is a change for the better.";
    case SPC_CONCERN:
        return "Yes. This is a real change, not chance. It is a change for the worse.";
    case SPC_NEUTRAL_HIGH:
    case SPC_NEUTRAL_LOW:
        return "Yes. This is a real change, not chance. The plan does not say which way is "
               "better.";
    case SPC_MISSING:
        break;
    }
    return "We cannot tell. The latest period has no figure.";
}

/* A value, machine-readable as `peel metrics --format csv` gives it in
 * <data value>, shown as the reader reads it. */
static void put_value(struct buf *out, const struct plan_metric *pm, double v, const char *cls)
{
    struct buf raw = BUF_INIT, shown = BUF_INIT;
    metric_value_raw(pm, v, &raw);
    metric_value_text(pm, v, &shown);
    pub_text(out, "<data class=\"", cls, "\" value=\"");
    pub_text(out, "", buf_str(&raw), "\">");
    pub_text(out, "", buf_str(&shown), "</data>");
    buf_free(&raw);
    buf_free(&shown);
}

void public_latest_html(const struct public_item *it, struct buf *out)
{
    const struct metric_status *st = it->st;
    struct buf when = BUF_INIT;
    public_period_words(st->kind, st->latest_month, &when);
    put_value(out, st->metric, st->latest, "latest");
    pub_text(out, " in ", buf_str(&when), ", the latest figure.");
    buf_free(&when);
}

void public_year_html(const struct public_item *it, struct buf *out)
{
    const struct metric_status *st = it->st;
    struct buf when = BUF_INIT;
    public_period_words(st->kind, it->year_month, &when);
    if (it->has_year) {
        pub_text(out, "A year earlier, in ", buf_str(&when), ", it was ");
        put_value(out, st->metric, it->year_value, "year");
        pub_raw(out, ".");
    } else {
        pub_text(out, "There is no figure for a year earlier (", buf_str(&when), ").");
    }
    buf_free(&when);
}

static void put_figures(const struct public_item *it, struct buf *out)
{
    pub_raw(out, "<p class=\"figure\">");
    public_latest_html(it, out);
    pub_raw(out, "</p>\n<p class=\"year\">");
    public_year_html(it, out);
    pub_raw(out, "</p>\n");
}

static void put_real(const struct metric_status *st, struct buf *out)
{
    pub_raw(out, "<p class=\"real\"><b>Is it a real change?</b> ");
    report_icon_html(out, report_variation_of(st));
    pub_text(out, " ", public_real_words(st), "</p>\n");
    struct buf sentence = BUF_INIT;
    metric_sentence(st, &sentence);
    pub_text(out, "<p class=\"analysis sentence\">What the analysis says: ", buf_str(&sentence),
             ".</p>\n");
    buf_free(&sentence);
}

static void put_target(const struct metric_status *st, struct buf *out)
{
    pub_raw(out, "<p class=\"target\"><b>Target:</b> ");
    if (!st->has_target) {
        pub_raw(out, "the plan sets no number to reach for this measure.</p>\n");
        return;
    }
    report_icon_html(out, report_target_of(st));
    pub_text(out, "</p>\n<p class=\"analysis target-sentence\">", st->target_sentence, ".</p>\n");
}

void public_why_html(const struct public_model *m, const struct public_item *it, struct buf *out)
{
    html_printf(out, "Mission %zu: %s. ", it->mission + 1, m->p->missions[it->mission].title);
    pub_raw(out, it->exception->target ? "It is listed because it misses its target."
                                       : "It is listed because of a real change.");
}

static void put_measure(const struct public_model *m, const struct public_item *it, struct buf *out)
{
    const struct metric_status *st = it->st;
    pub_text(out, "<article class=\"measure\" data-metric=\"", st->metric->id, "\">\n<h4>");
    html_escape(out, st->metric->title);
    pub_raw(out, "</h4>\n");
    if (it->exception) {
        pub_raw(out, "<p class=\"why\">");
        public_why_html(m, it, out);
        pub_raw(out, "</p>\n");
    }
    put_figures(it, out);
    put_real(st, out);
    put_target(st, out);
    struct buf source = BUF_INIT;
    metric_source_text(st->metric, &source);
    pub_text(out, "<p class=\"analysis source\">Source: ", buf_str(&source), ".</p>\n</article>\n");
    buf_free(&source);
}

/* ---- the few numbers that matter ---------------------------------------- */

void public_rule_html(struct buf *out)
{
    buf_printf(out,
               "<b>How we chose these numbers.</b> The rule is "
               "fixed; nobody picks by hand. First come the measures that need attention: a "
               "real change, or a target that is missed. Changes for the worse and missed "
               "targets come first. Then, for each mission, come at most %d more measures with "
               "figures. Those with a target come first, in the plan&#39;s order.",
               PUBLIC_PER_MISSION);
}

static void put_rule(struct buf *out)
{
    pub_raw(out, "<p class=\"rule\" id=\"rule\">");
    public_rule_html(out);
    pub_raw(out, "</p>\n");
}

static void put_attention(const struct public_model *m, struct buf *out)
{
    pub_raw(out, "<section id=\"attention\" aria-labelledby=\"attention-h\">\n"
                 "<h3 id=\"attention-h\">What needs attention</h3>\n");
    if (m->nattention == 0)
        pub_raw(out, "<p>" PUBLIC_NOTHING "</p>\n");
    for (size_t i = 0; i < m->nattention; i++)
        put_measure(m, &m->items[i], out);
    pub_raw(out, "</section>\n");
}

static void put_mission(const struct public_model *m, size_t a, struct buf *out)
{
    const struct public_mission *pm = &m->missions[a];
    buf_printf(out,
               "<section class=\"mission-picks\" id=\"mission-%zu\" "
               "aria-labelledby=\"mission-%zu-h\" data-shown=\"%zu\">\n<h3 id=\"mission-%zu-h\">",
               a + 1, a + 1, pm->n, a + 1);
    html_printf(out, "Mission %zu: %s", a + 1, m->p->missions[a].title);
    pub_raw(out, "</h3>\n");
    for (size_t i = 0; i < pm->n; i++)
        put_measure(m, &m->items[pm->first + i], out);
    pub_raw(out, "<p class=\"more\">");
    public_more_html(pm, out);
    pub_raw(out, "</p>\n</section>\n");
}

void public_more_html(const struct public_mission *pm, struct buf *out)
{
    if (pm->n == 0 && pm->attention == 0)
        pub_raw(out, "None of this mission&#39;s measures has figures yet. ");
    if (pm->attention)
        buf_printf(out, "%zu more %s listed above, under what needs attention. ", pm->attention,
                   pm->attention == 1 ? "is" : "are");
    if (pm->not_shown)
        buf_printf(out, "%zu more %s figures, in tables.xlsx. ", pm->not_shown,
                   pm->not_shown == 1 ? "has" : "have");
    if (pm->no_figures)
        buf_printf(out, "%zu %s no figures yet.", pm->no_figures,
                   pm->no_figures == 1 ? "measure has" : "measures have");
}

void public_no_data_html(const struct public_model *m, struct buf *out)
{
    struct buf month = BUF_INIT;
    report_month_words(m->info->period, &month);
    html_printf(out,
                "There are no figures for %s. None of the plan's measures has data up "
                "to the end of that month.",
                buf_str(&month));
    buf_free(&month);
}

static void put_numbers(const struct public_model *m, struct buf *out)
{
    pub_raw(out, "<section id=\"numbers\" aria-labelledby=\"numbers-h\">\n"
                 "<h2 id=\"numbers-h\">The few numbers that matter</h2>\n");
    if (m->with_data == 0) {
        pub_raw(out, "<p class=\"nodata\" id=\"no-data\">");
        public_no_data_html(m, out);
        pub_raw(out, "</p>\n</section>\n");
        return;
    }
    put_rule(out);
    put_attention(m, out);
    for (size_t a = 0; a < m->p->nmissions; a++)
        put_mission(m, a, out);
    pub_raw(out, "</section>\n");
}

/* ---- sources -------------------------------------------------------------- */

static void put_sources(const struct public_model *m, struct buf *out)
{
    static const char *const headings[] = {"Source", "What this report uses", "Measures"};
    pub_raw(out, "<section id=\"sources\" aria-labelledby=\"sources-h\">\n"
                 "<h2 id=\"sources-h\">Where the figures come from</h2>\n"
                 "<p>" PUBLIC_SOURCES_INTRO "</p>\n<p>");
    if (m->updated[0]) {
        struct buf when = BUF_INIT;
        report_time_words(m->updated, &when);
        pub_text(out, "The data was last updated on <time datetime=\"", m->updated, "\">");
        pub_text(out, "", buf_str(&when), "</time>.</p>\n");
        buf_free(&when);
    } else {
        pub_raw(out, "No data has been loaded yet.</p>\n");
    }
    public_table(out, &m->sources, "sources-table", "Where the figures come from", headings);
    pub_raw(out, "<p>" PUBLIC_LICENCE "</p>\n</section>\n");
}

static void put_footer(struct buf *out)
{
    pub_raw(out, "<footer>\n<p>" PUBLIC_MADE_WITH "</p>\n</footer>\n</body>\n</html>\n");
}

/* ---- the page and its files ----------------------------------------------- */

int public_report_html(const struct public_model *m, struct buf *out, struct buf *err)
{
    put_head(m, out);
    put_header(m, out);
    pub_raw(out, "<main id=\"main\">\n");
    put_about(m, out);
    put_numbers(m, out);
    public_icons(out);
    if (public_chart(m, out, err) < 0)
        return -1;
    public_files(m, out);
    put_sources(m, out);
    pub_raw(out, "</main>\n");
    put_footer(out);
    return 0;
}

int public_report_csv(const struct public_model *m, struct buf *out, struct buf *err)
{
    char *text = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&text, &n);
    if (!mem) {
        buf_puts(err, "cannot write the CSV (out of memory)");
        return -1;
    }
    table_render(&m->numbers, TABLE_CSV, mem);
    int rc = fclose(mem) == 0 ? 0 : -1;
    if (rc == 0)
        buf_append(out, text, n);
    else
        buf_puts(err, "cannot write the CSV (out of memory)");
    free(text);
    return rc;
}

int public_report_workbook(const struct public_model *m, const char *path, struct buf *err)
{
    struct table every;
    framework_table(m->p, &m->statuses, &every);
    struct xlsx_sheet sheets[4] = {{"Numbers", &m->numbers, NULL},
                                   {"Every measure", &every, NULL},
                                   {"Sources", &m->sources, NULL}};
    size_t n = 3;
    if (m->has_example_data)
        sheets[n++] = (struct xlsx_sheet){"Example chart", &m->example_data, &metric_values_chart};
    int rc = xlsx_write(path, sheets, n, err);
    table_free(&every);
    return rc;
}

int public_report_build(struct store *s, const struct plan *p, const struct public_info *info,
                        struct public_model **out, struct buf *err)
{
    struct public_model *m = xcalloc(1, sizeof *m);
    int rc = public_model_build(s, p, info, m, err);
    if (rc != 0) {
        public_report_free(m);
        m = NULL;
    }
    *out = m;
    return rc;
}

void public_report_totals(const struct public_model *m, struct public_totals *t)
{
    *t = (struct public_totals){.metrics = m->statuses.n,
                                .with_data = m->with_data,
                                .shown = m->nitems,
                                .exceptions = m->nexceptions};
}

void public_report_free(struct public_model *m)
{
    if (!m)
        return;
    public_model_free(m);
    free(m);
}
