/*
 * governance_style.c - how the governance report looks and how it explains
 * itself: the writing helpers, the icons, the style sheets and the methods
 * section (see governance_internal.h).
 *
 * The icons, their words and the base style sheet are shared with the
 * other reports (report_html.h); this file adds the pack's own rules.
 */
#include "assess/metric_icons.h"
#include "assess/metric_text.h"
#include "render/report_html.h"
#include "report/governance_internal.h"
#include "util/html.h"

#include <math.h>

void gv_raw(struct report *r, const char *html)
{
    buf_puts(r->out, html);
}

void gv_text(struct report *r, const char *open, const char *text, const char *close)
{
    buf_puts(r->out, open);
    html_escape(r->out, text);
    buf_puts(r->out, close);
}

void gv_value(struct report *r, const struct plan_metric *m, double v)
{
    struct buf text = BUF_INIT;
    metric_value_text(m, v, &text);
    html_escape(r->out, buf_str(&text));
    buf_free(&text);
}

void gv_variation_icon(struct report *r, const struct metric_status *st)
{
    report_icon_html(r->out, report_variation_of(st));
}

void gv_assurance_icon(struct report *r, const struct metric_status *st)
{
    report_icon_html(r->out, report_assurance_of(st));
}

void gv_target_icon(struct report *r, const struct metric_status *st)
{
    report_icon_html(r->out, report_target_of(st));
}

/* clang-format off */
static const char style_sheet[] =
"#matrix{min-width:48rem}\n"
"#matrix td.period{white-space:nowrap}\n"
"#matrix tbody th[scope=row]{min-width:12rem}\n"
".icons .pair{display:inline-block;margin-right:1rem}\n"
"table.data th[scope=row]{white-space:nowrap}\n"
"ol.exceptions{padding-left:1.5rem}\n"
"ol.exceptions li{margin-bottom:1rem}\n"
"ol.exceptions p{margin:.2rem 0}\n"
".mission{margin-top:3rem}\n"
".metric{border-top:1px solid var(--rule);padding-top:1rem;margin-top:1.5rem}\n";

static const char print_sheet[] =
".mission,#appendix,#methods{break-before:page}\n"
".metric{break-inside:avoid}\n"
"#matrix{min-width:0}\n";
/* clang-format on */

void gv_style(struct report *r)
{
    report_style(r->out, style_sheet, print_sheet);
}

/* ---- Appendix B: how to read this report --------------------------------
 *
 * Written once, as template text with a little inline markup (<b>, <i>,
 * entities: never a value), and walked by the page and by the PDF. */

static void methods_xmr(const struct gv_methods_sink *k, void *ctx)
{
    k->heading(ctx, "method-xmr", "Is a change real? XmR charts");
    k->para(ctx,
            "Each metric is charted period by period with the XmR (individuals and moving range) "
            "chart of NHS England&#39;s <i>Making Data Count</i>, as the NHS-R reference "
            "implementation NHSRplotthedots computes it. The centre line is the mean; the process "
            "limits are the mean plus or minus 2.66 times the mean moving range (moving ranges of "
            "3.267 times their mean or more are screened out first); the 2-sigma lines are two "
            "thirds of the way to the limits.");
    k->para(ctx, "The latest period is <b>special cause</b>, a change that chance alone does not "
                 "explain, when one of these rules fires (strongest first):");
    static const char *const rules[] = {
        "a point beyond a process limit;",
        "a trend of 7 points each rising (or falling) on the one before;",
        "two of three points beyond the same 2-sigma line;",
        "a run of 7 points on one side of the mean."};
    k->list(ctx, rules, sizeof rules / sizeof rules[0]);
    k->para(ctx,
            "Anything else is <b>common cause</b>: the usual variation of the process. A period "
            "with no data is a gap and breaks moving ranges, trends and runs. A new plan is a new "
            "process: when a series runs across the plan&#39;s first month with at least 12 points "
            "on each side, the plan&#39;s months get their own mean and limits.");
}

static void methods_icons(const struct gv_methods_sink *k, void *ctx)
{
    /* The icons come from report_html.h, as the pages draw them. */
    const struct gv_legend_entry legend[] = {
        {report_variation(SPC_CONCERN, 1),
         "The latest period is special cause in the direction the plan does not want "
         "(H: high, L: low)."},
        {report_variation(SPC_IMPROVEMENT, -1),
         "The latest period is special cause in the direction the plan wants."},
        {report_variation(SPC_NEUTRAL_HIGH, 1),
         "Special cause in a metric with no better direction (high or low)."},
        {report_variation(SPC_COMMON_CAUSE, 0),
         "The latest period is within the usual variation: no change to explain."},
        {report_assurance(SPC_ASSURANCE_PASS),
         "Assurance: both process limits are on the right side of the level target; it "
         "will be met every period unless the process changes."},
        {report_assurance(SPC_ASSURANCE_FAIL),
         "Assurance: both limits are on the wrong side; the target will not be met "
         "unless the process changes."},
        {report_assurance(SPC_ASSURANCE_HIT_AND_MISS),
         "Assurance: the target lies between the limits; it will be met in some "
         "periods and missed in others by chance."},
        {report_assurance(SPC_ASSURANCE_NONE),
         "Assurance: no level target to compare the limits with."},
    };
    k->heading(ctx, "method-icons", "The icons");
    k->legend(ctx, legend, sizeof legend / sizeof legend[0]);
}

static void methods_targets(const struct gv_methods_sink *k, void *ctx)
{
    k->heading(ctx, "method-targets", "Targets");
    k->para(ctx,
            "An observed figure is one draw from an underlying rate, so a target is judged on "
            "the 95% confidence interval of the underlying figure (an exact Poisson interval for "
            "a count, a Wilson interval for a proportion): <b>met</b> when the whole interval is "
            "on the right side of the target, <b>not met</b> when it is wholly on the wrong side, "
            "<b>too close to call</b> when it straddles the target. A plain value with no "
            "denominator has no measure of uncertainty and is met or not on the value alone. "
            "While a year is under way its months so far are compared with the same months of "
            "the baseline year: <b>on track</b> or <b>off track</b>.");
    k->heading(ctx, "method-exceptions", "Exceptions");
    k->para(ctx, "An exception is a metric whose latest period is special cause on its XmR chart, "
                 "or whose latest financial year misses its target beyond chance. Concerns come "
                 "first, then missed targets, then neutral signals, then improvements; within "
                 "each, the strongest rule first.");
}

static void methods_freshness(const struct gv_methods_sink *k, void *ctx)
{
    struct buf text = BUF_INIT;
    k->heading(ctx, "method-freshness", "Freshness and outcome lag");
    buf_printf(&text,
               "A metric is <b>current</b> when its latest period is no older than its "
               "frequency allows at the report&#39;s month, and <b>stale</b> otherwise: %d months "
               "for a monthly metric (data.police.uk publishes about two months behind), %d for a "
               "quarterly one, %d for an annual one.",
               metric_allowed_age(FREQUENCY_MONTHLY), metric_allowed_age(FREQUENCY_QUARTERLY),
               metric_allowed_age(FREQUENCY_ANNUAL));
    k->para(ctx, buf_str(&text));
    buf_reset(&text);
    buf_printf(&text,
               "police.uk records a crime&#39;s outcome when it happens, often months after "
               "the crime, so the newest months&#39; outcomes are still arriving. Outcome "
               "measures are therefore judged only on months at least %d months older than "
               "the newest month of police.uk data (the age from which, between two real "
               "downloads a month apart, a month&#39;s figures moved by less than their own "
               "chance variation); younger months are drawn on the chart as provisional and "
               "named in the metric&#39;s sentence, never judged. A positive outcome rate "
               "counts only crimes with an outcome: those still under investigation, or "
               "whose status police.uk has not been given, are left out of it.",
               METRIC_OUTCOME_SETTLE_MONTHS);
    k->para(ctx, buf_str(&text));
    buf_free(&text);
}

void gv_methods_walk(const struct gv_methods_sink *k, void *ctx)
{
    methods_xmr(k, ctx);
    methods_icons(k, ctx);
    methods_targets(k, ctx);
    methods_freshness(k, ctx);
    k->para(ctx, "Every method is set out in full, with its references, in the methods guide "
                 "published with Peel, from which this wording is taken.");
}

/* The page's sink: the template text as it is. */
static void html_heading(void *ctx, const char *id, const char *text)
{
    struct report *r = ctx;
    buf_printf(r->out, "<h3 id=\"%s\">", id);
    gv_text(r, "", text, "</h3>\n");
}

static void html_para(void *ctx, const char *html)
{
    struct report *r = ctx;
    gv_raw(r, "<p>");
    gv_raw(r, html);
    gv_raw(r, "</p>\n");
}

static void html_list(void *ctx, const char *const *items, size_t n)
{
    struct report *r = ctx;
    gv_raw(r, "<ol>\n");
    for (size_t i = 0; i < n; i++) {
        gv_raw(r, "<li>");
        gv_raw(r, items[i]);
        gv_raw(r, "</li>\n");
    }
    gv_raw(r, "</ol>\n");
}

static void html_legend(void *ctx, const struct gv_legend_entry *e, size_t n)
{
    struct report *r = ctx;
    gv_raw(r, "<dl class=\"facts legend\">\n");
    for (size_t i = 0; i < n; i++) {
        gv_raw(r, "<dt>");
        report_icon_html(r->out, e[i].icon);
        gv_text(r, "</dt><dd>", e[i].meaning, "</dd>\n");
    }
    gv_raw(r, "</dl>\n");
}

void gv_methods(struct report *r)
{
    static const struct gv_methods_sink html = {html_heading, html_para, html_list, html_legend};
    gv_raw(r, "<section id=\"methods\" aria-labelledby=\"methods-h\">\n"
              "<h2 id=\"methods-h\">Appendix B: how to read this report</h2>\n");
    gv_methods_walk(&html, r);
    gv_raw(r, "</section>\n");
}
