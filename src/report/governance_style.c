/*
 * governance_style.c - how the governance report looks and how it explains
 * itself: the writing helpers, the icons, the style sheets and the methods
 * section (see governance_internal.h).
 *
 * The icons follow NHS Making Data Count's colours, which Board members who
 * read NHS and police packs already know, but never by colour alone: each
 * icon is a letter in a ring and always its words (WCAG 1.4.1). Text on the
 * tinted backgrounds is near-black, above 4.5:1 contrast (WCAG 1.4.3).
 */
#include "report/governance_internal.h"
#include "report/style.h"
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

/* An icon: class, letter (read by no screen reader: the words say it) and
 * words. */
static void icon(struct report *r, const char *cls, const char *letter, const char *words)
{
    gv_text(r, "<span class=\"icon ", cls, "\">");
    gv_text(r, "<span class=\"glyph\" aria-hidden=\"true\">", letter, "</span> ");
    gv_text(r, "<span class=\"words\">", words, "</span></span>");
}

void gv_variation_icon(struct report *r, const struct metric_status *st)
{
    if (!st->points) {
        icon(r, "none", "\xe2\x80\x93", gv_variation_words(st)); /* en dash */
        return;
    }
    static const char *const classes[] = {
        [SPC_MISSING] = "none",    [SPC_COMMON_CAUSE] = "common",  [SPC_IMPROVEMENT] = "improve",
        [SPC_CONCERN] = "concern", [SPC_NEUTRAL_HIGH] = "neutral", [SPC_NEUTRAL_LOW] = "neutral"};
    /* MDC's icons carry H or L for a special cause above or below the
     * mean; a flat line for common cause. */
    const char *letter = st->variation == SPC_COMMON_CAUSE ? "~"
                         : st->variation == SPC_MISSING    ? "?"
                         : st->direction > 0               ? "H"
                                                           : "L";
    icon(r, classes[st->variation], letter, gv_variation_words(st));
}

void gv_assurance_icon(struct report *r, const struct metric_status *st)
{
    if (!st->points) {
        icon(r, "none", "\xe2\x80\x93", gv_assurance_words(st));
        return;
    }
    static const char *const classes[] = {[SPC_ASSURANCE_NONE] = "none",
                                          [SPC_ASSURANCE_PASS] = "improve",
                                          [SPC_ASSURANCE_FAIL] = "concern",
                                          [SPC_ASSURANCE_HIT_AND_MISS] = "neutral"};
    static const char *const letters[] = {[SPC_ASSURANCE_NONE] = "\xe2\x80\x93",
                                          [SPC_ASSURANCE_PASS] = "P",
                                          [SPC_ASSURANCE_FAIL] = "F",
                                          [SPC_ASSURANCE_HIT_AND_MISS] = "?"};
    icon(r, classes[st->assurance], letters[st->assurance], gv_assurance_words(st));
}

void gv_target_icon(struct report *r, const struct metric_status *st)
{
    if (!st->has_target) {
        icon(r, "none", "\xe2\x80\x93", gv_target_words(st));
        return;
    }
    static const char *const classes[] = {[TARGET_NO_DATA] = "none",
                                          [TARGET_MET] = "improve",
                                          [TARGET_NOT_MET] = "concern",
                                          [TARGET_TOO_CLOSE_TO_CALL] = "neutral"};
    static const char *const letters[] = {[TARGET_NO_DATA] = "?",
                                          [TARGET_MET] = "\xe2\x9c\x93",     /* check mark */
                                          [TARGET_NOT_MET] = "\xe2\x9c\x97", /* ballot x */
                                          [TARGET_TOO_CLOSE_TO_CALL] = "="};
    icon(r, classes[st->target.verdict], letters[st->target.verdict], gv_target_words(st));
}

const char *gv_variation_words(const struct metric_status *st)
{
    return st->points ? spc_point_type_name(st->variation) : "not charted";
}

const char *gv_assurance_words(const struct metric_status *st)
{
    return st->points ? spc_assurance_name(st->assurance) : "not charted";
}

const char *gv_target_words(const struct metric_status *st)
{
    return st->has_target ? target_verdict_name(&st->target) : "no target";
}

const char *gv_source_label(enum metric_source s)
{
    static const char *const labels[] = {
        [SOURCE_NATIONAL_MEASURES] = "National Crime and Policing Measures",
        [SOURCE_CRIME_SURVEY] = "Crime Survey for England and Wales",
        [SOURCE_LOCAL_DATA] = "Local data",
        [SOURCE_NATIONAL_STATISTICS] = "National statistics",
        [SOURCE_PARTNERSHIP_DATA] = "Partnership data"};
    return labels[s];
}

void gv_month_words(int month, struct buf *out)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    buf_printf(out, "%s %d", names[month_of_year(month) - 1], month_year(month));
}

/* clang-format off */
static const char style_sheet[] =
"<style>\n"
":root{--text:#1b1b1b;--muted:#4b4b4b;--rule:#c9c9c9;--band:#f2f4f6;--link:#0b57a4}\n"
"*{box-sizing:border-box}\n"
"html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;"
"line-height:1.5;color:var(--text);background:#fff;-webkit-text-size-adjust:100%}\n"
"body{margin:0 auto;max-width:64rem;padding:0 1rem 2rem}\n"
"p,li,dd,td,th,caption,figcaption{overflow-wrap:break-word}\n"
"a{color:var(--link)}\n"
"a:focus-visible,.scroll:focus-visible{outline:3px solid var(--text);outline-offset:2px}\n"
".skip{position:absolute;left:-10000px;top:auto}\n"
".skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;border:2px solid var(--text)}\n"
"h1{font-size:1.6rem;line-height:1.25;margin:1.5rem 0 .5rem}\n"
"h2{font-size:1.35rem;line-height:1.3;border-top:3px solid var(--text);padding-top:.5rem;margin-top:2.5rem}\n"
"h3{font-size:1.15rem;line-height:1.3;margin-top:2rem}\n"
"h4{font-size:1.05rem;line-height:1.3;margin:0 0 .5rem}\n"
".kicker{color:var(--muted);font-weight:600;margin:1.5rem 0 0}\n"
".statement{margin:.25rem 0 .75rem}\n"
"dl.meta,dl.facts{display:grid;grid-template-columns:1fr;gap:.1rem 1rem;margin:.5rem 0}\n"
"dl.meta dt,dl.facts dt{font-weight:600}\n"
"dl.meta dd,dl.facts dd{margin:0 0 .4rem}\n"
"@media (min-width:40rem){dl.meta,dl.facts{grid-template-columns:10rem 1fr}"
"dl.meta dd,dl.facts dd{margin:0}}\n"
".scroll{overflow-x:auto;margin:.75rem 0}\n"
"table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
"/* on a phone a wide table scrolls sideways rather than squeeze its columns */\n"
".scroll>table{min-width:36rem}\n"
"#matrix{min-width:48rem}\n"
"#matrix td.period{white-space:nowrap}\n"
"#matrix tbody th[scope=row]{min-width:12rem}\n"
"caption{text-align:left;font-weight:600;padding:.25rem 0}\n"
"th,td{border-bottom:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}\n"
"thead th{border-bottom:2px solid var(--text);vertical-align:bottom}\n"
"th[scope=rowgroup]{background:var(--band)}\n"
"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
".icon{display:inline-flex;align-items:center;gap:.3rem}\n"
".glyph{display:inline-block;width:1.5em;height:1.5em;line-height:1.25em;text-align:center;"
"font-weight:700;border:2px solid;border-radius:50%;font-size:.85em;flex:none}\n"
".icon.common .glyph{border-color:#7f7f7f;background:#ececec}\n"
".icon.improve .glyph{border-color:#0077b6;background:#d9f1fc}\n"
".icon.concern .glyph{border-color:#c25400;background:#fde8d7}\n"
".icon.neutral .glyph{border-color:#490092;background:#ece0f5}\n"
".icon.none .glyph{border-color:#9a9a9a;background:#fff}\n"
".icons .pair{display:inline-block;margin-right:1rem}\n"
"table.data th[scope=row]{white-space:nowrap}\n"
"dl.legend{grid-template-columns:1fr}\n"
"@media (min-width:40rem){dl.legend{grid-template-columns:17rem 1fr}}\n"
"ol.exceptions{padding-left:1.5rem}\n"
"ol.exceptions li{margin-bottom:1rem}\n"
"ol.exceptions p{margin:.2rem 0}\n"
".mission{margin-top:3rem}\n"
".metric{border-top:1px solid var(--rule);padding-top:1rem;margin-top:1.5rem}\n"
".nodata{color:var(--muted)}\n"
"figure{margin:1rem 0}\n"
"figure svg{display:block;width:100%;max-width:800px;height:auto}\n"
"figcaption{color:var(--muted);font-size:.9rem}\n"
"footer{margin-top:3rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.9rem}\n"
"@media print{\n"
"@page{size:A4;margin:15mm 12mm 18mm}\n"
"html{font-size:10pt}\n"
"body{max-width:none;padding:0}\n"
"nav,.skip{display:none}\n"
".mission,#appendix,#methods{break-before:page}\n"
".metric,figure,tr,li{break-inside:avoid}\n"
"h2,h3,h4,caption{break-after:avoid}\n"
"thead{display:table-header-group}\n"
".scroll>table,#matrix{min-width:0}\n"
".scroll{overflow:visible}\n"
"a{color:inherit;text-decoration:none}\n"
".glyph{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
"figure svg{max-width:100%}\n"
"}\n"
"</style>\n";
/* clang-format on */

void report_style_sheet(struct buf *out)
{
    buf_puts(out, style_sheet);
}

void gv_style(struct report *r)
{
    report_style_sheet(r->out);
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
    static const struct gv_legend_entry legend[] = {
        {"concern", "H", "special cause concern",
         "The latest period is special cause in the direction the plan does not want "
         "(H: high, L: low)."},
        {"improve", "L", "special cause improvement",
         "The latest period is special cause in the direction the plan wants."},
        {"neutral", "H", "special cause neutral (high)",
         "Special cause in a metric with no better direction (high or low)."},
        {"common", "~", "common cause",
         "The latest period is within the usual variation: no change to explain."},
        {"improve", "P", "consistently passing",
         "Assurance: both process limits are on the right side of the level target; it "
         "will be met every period unless the process changes."},
        {"concern", "F", "consistently failing",
         "Assurance: both limits are on the wrong side; the target will not be met "
         "unless the process changes."},
        {"neutral", "?", "hit and miss",
         "Assurance: the target lies between the limits; it will be met in some "
         "periods and missed in others by chance."},
        {"none", "\xe2\x80\x93", "none", "Assurance: no level target to compare the limits with."},
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
               "the crime, so the newest months&#39; outcome rates are low for no reason but "
               "time. Outcome measures are therefore judged only on months at least %d months "
               "older than the newest month of police.uk data; the months held back are named "
               "in the metric&#39;s sentence.",
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
    k->para(ctx, "Every method is set out in full, with its references, in "
                 "<i>docs/methods.md</i> of Peel&#39;s source, from which this wording is taken.");
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
        icon(r, e[i].cls, e[i].letter, e[i].words);
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
