/*
 * public_explain.c - the sections of the public report that explain: what
 * the icons mean, how to read a chart (on a real chart of the plan) and
 * where to find all the numbers (see public_internal.h).
 *
 * The icons and their words come from report_html.c, the tables the
 * governance report uses, so a resident and a Board member see the same
 * icon with the same words. The example chart is drawn by the same code as
 * `peel chart`; its callouts quote the analysis's own figures.
 */
#include "assess/metric_icons.h"
#include "assess/metric_text.h"
#include "assess/metric_xmr.h"
#include "render/report_html.h"
#include "assess/framework.h"
#include "report/public_internal.h"
#include "util/html.h"
#include "util/numfmt.h"

#include <stdint.h>
#include <string.h>

/* ---- what the icons mean ------------------------------------------------- */

size_t public_legends(struct public_legend *l)
{
    l[0] = (struct public_legend){
        "icons-change-h",
        "Is it a real change?",
        "Figures go up and down a little every month by chance. We use a chart to tell a real "
        "change from chance. Analysts call a real change &#8220;special cause&#8221;. They call "
        "the normal ups and downs &#8220;common cause&#8221;.",
        {{report_variation(SPC_COMMON_CAUSE, 0),
          "Within the normal ups and downs. It is not a real change."},
         {report_variation(SPC_CONCERN, 1),
          "A real change, not chance, for the worse. H means the figure is high."},
         {report_variation(SPC_CONCERN, -1),
          "A real change, not chance, for the worse. L means the figure is low."},
         {report_variation(SPC_IMPROVEMENT, -1),
          "A real change, not chance, for the better. L means low, H means high."},
         {report_variation(SPC_NEUTRAL_HIGH, 1),
          "A real change, not chance. The plan does not say if high is better."},
         {report_variation(SPC_NEUTRAL_LOW, -1),
          "A real change, not chance. The plan does not say if low is better."},
         {report_variation_of(&(struct metric_status){.points = 0}),
          "There are too few figures to draw a chart yet."}},
        7};
    l[1] = (struct public_legend){
        "icons-target-h",
        "Is it meeting its target?",
        "A figure can miss a target by a little just by chance. So we only say a target is met "
        "or missed when chance cannot explain it.",
        {{report_target(TARGET_MET, 0), "The target is met, and not by chance."},
         {report_target(TARGET_NOT_MET, 0), "The target is missed, and not by chance."},
         {report_target(TARGET_TOO_CLOSE_TO_CALL, 0),
          "Too close to call. It could be chance either way."},
         {report_target(TARGET_MET, 1), "The year is not over. So far it is doing better than "
                                        "the year it is compared with."},
         {report_target(TARGET_NOT_MET, 1), "The year is not over. So far it is doing worse "
                                            "than the year it is compared with."},
         {report_target_of(&(struct metric_status){.has_target = false}),
          "The plan sets no number to reach."}},
        6};
    l[2] = (struct public_legend){
        "icons-assurance-h",
        "Will it keep meeting its target?",
        "The full tables and the Board&#39;s report also show these icons. They say what will "
        "happen if nothing changes.",
        {{report_assurance(SPC_ASSURANCE_PASS),
          "It will meet its target every month if nothing changes."},
         {report_assurance(SPC_ASSURANCE_FAIL),
          "It will not meet its target unless something changes."},
         {report_assurance(SPC_ASSURANCE_HIT_AND_MISS),
          "It will meet its target in some months and miss it in others, by chance."},
         {report_assurance(SPC_ASSURANCE_NONE), "There is no target to check."}},
        4};
    return PUBLIC_LEGENDS;
}

void public_icons(struct buf *out)
{
    pub_raw(out, "<section id=\"icons\" aria-labelledby=\"icons-h\">\n"
                 "<h2 id=\"icons-h\">What the icons mean</h2>\n<p>" PUBLIC_ICONS_INTRO "</p>\n");
    struct public_legend l[PUBLIC_LEGENDS];
    size_t n = public_legends(l);
    for (size_t i = 0; i < n; i++) {
        pub_text(out, "<h3 id=\"", l[i].id, "\">");
        pub_text(out, "", l[i].title, "</h3>\n<p>");
        pub_raw(out, l[i].intro);
        pub_raw(out, "</p>\n<dl class=\"facts legend\">\n");
        for (size_t k = 0; k < l[i].n; k++) {
            pub_raw(out, "<dt>");
            report_icon_html(out, l[i].e[k].icon);
            pub_text(out, "</dt><dd>", l[i].e[k].meaning, "</dd>\n");
        }
        pub_raw(out, "</dl>\n");
    }
    pub_raw(out, "</section>\n");
}

/* ---- how to read a chart -------------------------------------------------- */

void public_table(struct buf *out, const struct table *t, const char *id, const char *caption,
                  const char *const *headings)
{
    pub_text(out, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"", id,
             "-caption\">\n");
    pub_text(out, "<table class=\"data\" id=\"", id, "\">\n");
    pub_text(out, "<caption id=\"", id, "-caption\">");
    pub_text(out, "", caption, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++)
        pub_text(out, t->right[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">",
                 headings[c], "</th>");
    pub_raw(out, "</tr></thead>\n<tbody>\n");
    struct buf text = BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        pub_raw(out, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *cl = table_cell(t, r, c);
            buf_reset(&text);
            if (cl->type == CELL_TEXT)
                buf_puts(&text, cl->text);
            else if (cl->type == CELL_INT)
                buf_put_count(&text, cl->i);
            else if (cl->type == CELL_REAL)
                buf_put_number(&text, cl->r, cl->decimals);
            const char *open = c == 0        ? "<th scope=\"row\">"
                               : t->right[c] ? "<td class=\"num\">"
                                             : "<td>";
            pub_text(out, open, buf_str(&text), c == 0 ? "</th>" : "</td>");
        }
        pub_raw(out, "</tr>\n");
    }
    buf_free(&text);
    pub_raw(out, "</tbody>\n</table>\n</div>\n");
}

static void value_words(const struct plan_metric *pm, double v, struct buf *out)
{
    struct buf text = BUF_INIT;
    metric_value_text(pm, v, &text);
    html_escape(out, buf_str(&text));
    buf_free(&text);
}

static void signal_words(const struct public_model *m, struct buf *out)
{
    pub_raw(out, "<b>A signal.</b> ");
    if (m->signal == SIZE_MAX) {
        pub_raw(out, "There is no signal on this chart. Every figure is within the normal ups "
                     "and downs. A signal would be a coloured dot.");
        return;
    }
    const struct spc_point *pt = &m->spc.points[m->signal];
    struct buf when = BUF_INIT;
    public_period_words(m->ser.kind, metric_series_period(&m->ser, m->signal), &when);
    pub_raw(out, "A coloured dot is a signal: a real change, not chance. ");
    pub_text(out, "Look at ", buf_str(&when), ": ");
    value_words(m->example->metric, pt->value, out);
    pub_text(out, ". It is a <span class=\"signal-type\">", spc_point_type_name(pt->type),
             "</span>, because of a <span class=\"signal-rule\">");
    pub_text(out, "", spc_rule_name(pt->rule), "</span>.");
    buf_free(&when);
}

bool public_callout_html(const struct public_model *m, size_t i, struct buf *out)
{
    const struct metric_status *st = m->example;
    const struct plan_metric *pm = st->metric;
    static const char *const per[] = {"month", "quarter", "year"};
    switch (i) {
    case 0:
        buf_printf(out,
                   "<b>The line.</b> Each dot is the figure for one %s. A grey line joins them.",
                   per[m->ser.kind]);
        return true;
    case 1:
        pub_raw(out, "<b>The average.</b> The solid dark line across the chart is the average: ");
        value_words(pm, st->mean, out);
        pub_raw(out, ".");
        return true;
    case 2:
        pub_raw(out, "<b>The limits.</b> The two dashed lines are the process limits: ");
        value_words(pm, st->lpl, out);
        pub_raw(out, " and ");
        value_words(pm, st->upl, out);
        pub_raw(out, ". When nothing has changed, the figures stay between them. That is the "
                     "normal ups and downs. The dotted lines nearer the average help spot smaller "
                     "changes.");
        return true;
    case 3:
        signal_words(m, out);
        return true;
    case 4:
        pub_raw(out, "<b>The target.</b> A red line with long dashes, when there is one, is the "
                     "target.");
        return true;
    default:
        return false;
    }
}

static void put_callouts(const struct public_model *m, struct buf *out)
{
    static const char *const cls[] = {"line", "mean", "limits", "signal", "target"};
    pub_raw(out, "<ol class=\"callouts\">\n");
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        pub_text(out, "<li class=\"callout-", cls[i], "\">");
        public_callout_html(m, i, out);
        pub_raw(out, "</li>\n");
    }
    pub_raw(out, "</ol>\n");
}

void public_chart_intro_html(const struct public_model *m, struct buf *out)
{
    pub_text(out,
             "This is a real chart from the plan. It shows <span class=\"example-metric\" "
             "data-metric=\"",
             m->example->metric->id, "\">");
    html_escape(out, m->example->metric->title);
    pub_raw(out, "</span>. We chose it by rule: the first measure with a real change, or else "
                 "the first with a chart.");
}

int public_chart(const struct public_model *m, struct buf *out, struct buf *err)
{
    pub_raw(out, "<section id=\"chart\" aria-labelledby=\"chart-h\">\n"
                 "<h2 id=\"chart-h\">How to read a chart</h2>\n");
    if (!m->example) {
        pub_raw(out, "<p class=\"nodata\">" PUBLIC_NO_EXAMPLE "</p>\n</section>\n");
        return 0;
    }
    pub_raw(out, "<p>");
    public_chart_intro_html(m, out);
    pub_raw(out, "</p>\n<figure>\n");
    struct metric_xmr x;
    metric_xmr_init(&x, m->example->metric, &m->ser, m->example, &m->spc);
    int rc = chart_xmr_svg(&x.chart, out, err);
    pub_text(out, "<figcaption>", buf_str(&x.title),
             ". The figures are in the table below.</figcaption>\n</figure>\n");
    metric_xmr_free(&x);
    put_callouts(m, out);
    if (m->has_example_data) {
        public_table(out, &m->example_data, "example-data", "The figures behind the chart",
                     metric_values_headings);
    }
    pub_raw(out, "</section>\n");
    return rc;
}

/* ---- where to find all the numbers ---------------------------------------- */

const char *public_file_words(const char *name)
{
    static const struct {
        const char *name, *words;
    } known[] = {
        {"index.html", "this report, as a web page"},
        {"report.pdf", "this report, to print or share"},
        {"tables.xlsx", "every table in this report, and every measure's latest figures, for a "
                        "spreadsheet"},
        {"numbers.csv", "the numbers in this report, one row for each measure"},
        {"report.json", "a list of these files, for computers"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i].name) == 0)
            return known[i].words;
    return NULL;
}

void public_files(const struct public_model *m, struct buf *out)
{
    pub_raw(out, "<section id=\"files\" aria-labelledby=\"files-h\">\n"
                 "<h2 id=\"files-h\">Where to find all the numbers</h2>\n"
                 "<p>" PUBLIC_FILES_INTRO "</p>\n<ul class=\"files\">\n");
    for (const char *const *f = m->info->files; f && *f; f++) {
        const char *words = public_file_words(*f);
        pub_text(out, "<li><code>", *f, "</code>");
        if (words)
            pub_text(out, ": ", words, "");
        pub_raw(out, "</li>\n");
    }
    pub_raw(out, "</ul>\n<p>" PUBLIC_FILES_BOARD "</p>\n</section>\n");
}
