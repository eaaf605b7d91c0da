/*
 * governance_style.c - how the governance report looks and how it explains
 * itself: the writing helpers, the icons, the style sheets and the methods
 * section (see governance_internal.h).
 *
 * The icons, their words and the base style sheet are shared with the
 * other reports (report_html.h); this file adds the pack's own rules.
 */
#include "report/governance_internal.h"
#include "report/report_html.h"
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

/* The legend: each icon with what it means. */
static void legend_entry(struct report *r, struct report_icon ic, const char *meaning)
{
    gv_raw(r, "<dt>");
    report_icon_html(r->out, ic);
    gv_text(r, "</dt><dd>", meaning, "</dd>\n");
}

static void methods_xmr(struct report *r)
{
    gv_raw(r,
           "<h3 id=\"method-xmr\">Is a change real? XmR charts</h3>\n"
           "<p>Each metric is charted period by period with the XmR (individuals and moving range) "
           "chart of NHS England&#39;s <i>Making Data Count</i>, as the NHS-R reference "
           "implementation NHSRplotthedots computes it. The centre line is the mean; the process "
           "limits are the mean plus or minus 2.66 times the mean moving range (moving ranges of "
           "3.267 times their mean or more are screened out first); the 2-sigma lines are two "
           "thirds of the way to the limits.</p>\n"
           "<p>The latest period is <b>special cause</b>, a change that chance alone does not "
           "explain, when one of these rules fires (strongest first):</p>\n<ol>\n"
           "<li>a point beyond a process limit;</li>\n"
           "<li>a trend of 7 points each rising (or falling) on the one before;</li>\n"
           "<li>two of three points beyond the same 2-sigma line;</li>\n"
           "<li>a run of 7 points on one side of the mean.</li>\n</ol>\n"
           "<p>Anything else is <b>common cause</b>: the usual variation of the process. A period "
           "with no data is a gap and breaks moving ranges, trends and runs. A new plan is a new "
           "process: when a series runs across the plan&#39;s first month with at least 12 points "
           "on each side, the plan&#39;s months get their own mean and limits.</p>\n");
}

static void methods_icons(struct report *r)
{
    gv_raw(r, "<h3 id=\"method-icons\">The icons</h3>\n<dl class=\"facts legend\">\n");
    legend_entry(r, report_variation(SPC_CONCERN, 1),
                 "The latest period is special cause in the direction the plan does not want "
                 "(H: high, L: low).");
    legend_entry(r, report_variation(SPC_IMPROVEMENT, -1),
                 "The latest period is special cause in the direction the plan wants.");
    legend_entry(r, report_variation(SPC_NEUTRAL_HIGH, 1),
                 "Special cause in a metric with no better direction (high or low).");
    legend_entry(r, report_variation(SPC_COMMON_CAUSE, 0),
                 "The latest period is within the usual variation: no change to explain.");
    legend_entry(r, report_assurance(SPC_ASSURANCE_PASS),
                 "Assurance: both process limits are on the right side of the level target; it "
                 "will be met every period unless the process changes.");
    legend_entry(r, report_assurance(SPC_ASSURANCE_FAIL),
                 "Assurance: both limits are on the wrong side; the target will not be met "
                 "unless the process changes.");
    legend_entry(r, report_assurance(SPC_ASSURANCE_HIT_AND_MISS),
                 "Assurance: the target lies between the limits; it will be met in some "
                 "periods and missed in others by chance.");
    legend_entry(r, report_assurance(SPC_ASSURANCE_NONE),
                 "Assurance: no level target to compare the limits with.");
    gv_raw(r, "</dl>\n");
}

static void methods_targets(struct report *r)
{
    gv_raw(r,
           "<h3 id=\"method-targets\">Targets</h3>\n"
           "<p>An observed figure is one draw from an underlying rate, so a target is judged on "
           "the 95% confidence interval of the underlying figure (an exact Poisson interval for "
           "a count, a Wilson interval for a proportion): <b>met</b> when the whole interval is "
           "on the right side of the target, <b>not met</b> when it is wholly on the wrong side, "
           "<b>too close to call</b> when it straddles the target. A plain value with no "
           "denominator has no measure of uncertainty and is met or not on the value alone. "
           "While a year is under way its months so far are compared with the same months of "
           "the baseline year: <b>on track</b> or <b>off track</b>.</p>\n"
           "<h3 id=\"method-exceptions\">Exceptions</h3>\n"
           "<p>An exception is a metric whose latest period is special cause on its XmR chart, "
           "or whose latest financial year misses its target beyond chance. Concerns come "
           "first, then missed targets, then neutral signals, then improvements; within each, "
           "the strongest rule first.</p>\n");
}

static void methods_freshness(struct report *r)
{
    buf_printf(r->out,
               "<h3 id=\"method-freshness\">Freshness and outcome lag</h3>\n"
               "<p>A metric is <b>current</b> when its latest period is no older than its "
               "frequency allows at the report&#39;s month, and <b>stale</b> otherwise: %d months "
               "for a monthly metric (data.police.uk publishes about two months behind), %d for a "
               "quarterly one, %d for an annual one.</p>\n"
               "<p>police.uk records a crime&#39;s outcome when it happens, often months after "
               "the crime, so the newest months&#39; outcome rates are low for no reason but "
               "time. Outcome measures are therefore judged only on months at least %d months "
               "older than the newest month of police.uk data; the months held back are named "
               "in the metric&#39;s sentence.</p>\n",
               metric_allowed_age(FREQUENCY_MONTHLY), metric_allowed_age(FREQUENCY_QUARTERLY),
               metric_allowed_age(FREQUENCY_ANNUAL), METRIC_OUTCOME_SETTLE_MONTHS);
}

void gv_methods(struct report *r)
{
    gv_raw(r, "<section id=\"methods\" aria-labelledby=\"methods-h\">\n"
              "<h2 id=\"methods-h\">Appendix B: how to read this report</h2>\n");
    methods_xmr(r);
    methods_icons(r);
    methods_targets(r);
    methods_freshness(r);
    gv_raw(r, "<p>Every method is set out in full, with its references, in "
              "<i>docs/methods.md</i> of Peel&#39;s source, from which this wording is "
              "taken.</p>\n</section>\n");
}
