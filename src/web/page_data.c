/*
 * page_data.c - the site's data: every metric's status at
 * /api/metrics.json (and .csv), tables rendered as CSV or JSON, and the
 * stylesheet.
 *
 * JSON follows data.police.uk's conventions: a bare array of objects with
 * snake_case keys, months as YYYY-MM (render/table.c renders it, as for
 * `peel metrics --format json`).
 */
#include "assess/metric_text.h"
#include "util/mem.h"
#include "web/page.h"
#include "web/pages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pages_data(const struct table *t, enum web_format f, struct web_response *rs)
{
    char *text = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&text, &n);
    if (!mem)
        abort(); /* out of memory, as xmalloc would */
    table_render(t, f == WEB_CSV ? TABLE_CSV : TABLE_JSON, mem);
    fclose(mem);
    buf_append(&rs->body, text, n);
    free(text);
}

enum {
    C_MISSION,
    C_STRATEGY,
    C_METRIC,
    C_TITLE,
    C_UNIT,
    C_FREQUENCY,
    C_POLARITY,
    C_SOURCE,
    C_PERIOD,
    C_LATEST,
    C_PREVIOUS,
    C_VARIATION,
    C_ASSURANCE,
    C_RULE,
    C_TARGET,
    C_TARGET_STATUS,
    C_FRESHNESS,
    C_AGE,
    C_NOTE,
    C_LIMITS_NOTE,
    NCOLS
};

static const char *const columns[NCOLS] = {
    "mission", "strategy",      "metric",    "title",      "unit",      "frequency",  "polarity",
    "source",  "latest_period", "latest",    "previous",   "variation", "assurance",  "rule",
    "target",  "target_status", "freshness", "age_months", "note",      "limits_note"};

static void status_row(struct table *t, const struct plan *p, const struct metric_status *st)
{
    const struct plan_metric *m = st->metric;
    const struct plan_mission *mi = page_mission_of(p, st->strategy);
    size_t row = table_add_row(t);
    table_set_text(t, row, C_MISSION, mi ? mi->id : NULL);
    table_set_text(t, row, C_STRATEGY, st->strategy->id);
    table_set_text(t, row, C_METRIC, m->id);
    table_set_text(t, row, C_TITLE, m->title);
    table_set_text(t, row, C_UNIT, metric_unit_name(m->unit));
    table_set_text(t, row, C_FREQUENCY, metric_frequency_name(m->frequency));
    table_set_text(t, row, C_POLARITY, metric_polarity_name(m->polarity));
    table_set_text(t, row, C_SOURCE, metric_source_name(m->source));
    char target[96], period[PERIOD_TEXT_SIZE];
    table_set_text(t, row, C_TARGET, metric_target_describe(&m->target, target, sizeof target));
    if (st->has_target)
        table_set_text(t, row, C_TARGET_STATUS, target_verdict_name(&st->target));
    table_set_text(t, row, C_NOTE, st->note);
    table_set_text(t, row, C_LIMITS_NOTE, st->limits_note);
    if (!st->has_data)
        return;
    period_format(st->kind, st->latest_month, period);
    table_set_text(t, row, C_PERIOD, period);
    metric_value_cell(t, row, C_LATEST, m, st->latest);
    metric_value_cell(t, row, C_PREVIOUS, m, st->previous);
    if (st->points) {
        table_set_text(t, row, C_VARIATION, spc_point_type_name(st->variation));
        table_set_text(t, row, C_ASSURANCE, spc_assurance_name(st->assurance));
        table_set_text(t, row, C_RULE, st->rule == SPC_RULE_NONE ? "" : spc_rule_name(st->rule));
    }
    table_set_text(t, row, C_FRESHNESS, st->stale ? "stale" : "current");
    table_set_int(t, row, C_AGE, st->age_months);
}

void page_api_metrics(const struct web_request *rq, struct web_response *rs)
{
    const struct plan *p = &rq->ctx->plan;
    struct metric_statuses l;
    struct buf err = BUF_INIT;
    if (plan_evaluate_all(rq->store, p, -1, &l, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    struct table t;
    table_init(&t, NCOLS, columns);
    for (size_t i = 0; i < l.n; i++)
        status_row(&t, p, &l.items[i]);
    pages_data(&t, rs->format, rs);
    table_free(&t);
    metric_statuses_free(&l);
}

/* Works from 360 pixels wide; text and icons meet WCAG AA contrast on
 * their backgrounds; focus is always visible. */
static const char stylesheet[] =
    ":root{--ink:#1b1b1b;--muted:#4b4b4b;--link:#0b4f9c;--focus:#ffbf47;--line:#b1b4b6;"
    "--panel:#f3f2f1;--brand:#1d3557}\n"
    "*,*::before,*::after{box-sizing:border-box}\n"
    "html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;"
    "line-height:1.5;color:var(--ink);background:#fff;-webkit-text-size-adjust:100%}\n"
    "body{margin:0;font-size:1rem}\n"
    ".wrap{max-width:64rem;margin:0 auto;padding:0 1rem}\n"
    ".skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:var(--focus);"
    "color:#000;z-index:1}\n"
    ".skip:focus{left:0}\n"
    "header.site{background:var(--brand);color:#fff;padding:.75rem 0}\n"
    "header.site a{color:#fff}\n"
    ".site-name{margin:0 0 .5rem;font-weight:bold;font-size:1.1rem}\n"
    "nav ul,nav ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;"
    "gap:.25rem 1.25rem}\n"
    "header.site nav a[aria-current]{text-decoration-thickness:3px}\n"
    ".crumbs{margin:1rem 0 0;font-size:.95rem}\n"
    ".crumbs li+li::before{content:\"\\203A\";margin-right:.5rem;color:var(--muted)}\n"
    "main{display:block;padding:0 0 2rem}\n"
    "h1{font-size:1.75rem;line-height:1.2;margin:1.25rem 0 .75rem}\n"
    "h2{font-size:1.35rem;margin:2rem 0 .5rem}\n"
    ".lead{font-size:1.1rem}\n"
    ".synthetic{background:#fff3cd;border:2px solid #7a5c00;color:#2b2000;padding:.5rem .75rem}\n"
    "a{color:var(--link);text-underline-offset:.15em}\n"
    "a:hover{text-decoration-thickness:2px}\n"
    "a:focus,[tabindex]:focus{outline:3px solid var(--focus);outline-offset:0}\n"
    "a:focus{background:var(--focus);color:#000;box-shadow:0 3px #000;text-decoration:none}\n"
    "dl.facts,dl.statements{display:grid;grid-template-columns:1fr;gap:.25rem 1rem}\n"
    "dt{font-weight:bold}\n"
    "dd{margin:0 0 .5rem}\n"
    "@media (min-width:40rem){dl.facts{grid-template-columns:12rem 1fr}dd{margin:0}}\n"
    ".scroll{overflow-x:auto;margin:1rem 0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "caption{text-align:left;font-weight:bold;padding:.25rem 0 .5rem}\n"
    /* On a phone a wide table scrolls sideways; its caption stays in view,
     * wrapped to the screen, instead of running off with the table. */
    "@media (max-width:40rem){.scroll caption{position:sticky;left:0;"
    "width:calc(100vw - 2rem)}}\n"
    "th,td{text-align:left;padding:.4rem .35rem;border-bottom:1px solid var(--line);"
    "vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink)}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    /* a number never breaks; its heading may, or a table of eleven
     * columns headed "Lower process limit" is wider than a desktop */
    "thead th.num{white-space:normal}\n"
    /* a row's heading wraps rather than widen the table ("Total recorded
     * crime (excluding anti-social behaviour)"), but not a month's */
    "table.data th[scope=row]{min-width:6em}\n"
    /* A fieldset is as wide as its widest control by default: on a phone
     * that is wider than the screen. */
    "fieldset{min-width:0}\n"
    "select,input{max-width:100%}\n"
    "figure.chart{margin:1.5rem 0}\n"
    "figure.chart svg{display:block;max-width:100%;height:auto}\n"
    /* a chart's phone rendition below the width its desktop one is drawn
     * (page_chart): there the other's text would be too small to read */
    ".chart-narrow{display:none}\n"
    "@media (max-width:50rem){.chart-wide{display:none}.chart-narrow{display:block}}\n"
    "figcaption{color:var(--muted);font-size:.95rem;margin-top:.5rem}\n"
    ".v{display:inline-block;min-width:1.2em;text-align:center;font-weight:bold}\n"
    ".v-worse{color:#b35200}\n"
    ".v-better{color:#0a5fa8}\n"
    ".v-neutral{color:#6a2c91}\n"
    ".v-common,.v-none{color:#595959}\n"
    "ol.exceptions li{margin-bottom:.75rem}\n"
    "ul.key{padding-left:1.25rem}\n"
    "form.explore fieldset{border:1px solid var(--line);margin:0 0 1rem;padding:.5rem 1rem}\n"
    "form.explore legend{font-weight:bold;padding:0 .25rem}\n"
    ".field{margin:.25rem 0}\n"
    /* a SHA-256 is 64 characters with no break: wider than a phone, and
     * in a table wider than its share of a desktop (page_table) */
    "code.hash,td.token{overflow-wrap:anywhere}\n"
    "td.token{min-width:5em}\n"
    "ul.checks,ul.pages{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;"
    "gap:.25rem 1.25rem}\n"
    "input,select,button,textarea{font:inherit;max-width:100%}\n"
    ".staff-form label{display:block;font-weight:bold;margin-top:.5rem}\n"
    ".staff-form input:not([type=hidden]),.staff-form textarea,.staff-form select{width:100%;"
    "max-width:40rem}\n"
    ".hint{display:block;color:var(--muted)}\n"
    ".staff-form fieldset{border:1px solid var(--line);margin:1rem 0;padding:.5rem 1rem}\n"
    ".staff-form fieldset label{display:inline;font-weight:normal;margin:0}\n"
    ".staff-form input[type=radio]{width:auto;margin:.5rem .5rem 0 0}\n"
    ".error-summary{border:4px solid #b00020;padding:.25rem 1rem;margin:1rem 0}\n"
    ".field-error{display:block;color:#b00020;font-weight:bold}\n"
    ".notice{border-left:6px solid var(--brand);background:var(--panel);padding:.25rem 1rem;"
    "margin:1rem 0}\n"
    "form.signed-in p{margin:.5rem 0 0}\n"
    "form.signed-in button{margin-left:.5rem}\n"
    "p.text{white-space:pre-line}\n"
    "ul.exempt>li{border:2px dashed var(--muted);padding:.5rem 1rem;margin:.5rem 0;"
    "list-style:none}\n"
    "dl.facts dt,dl.audit-head dt{font-weight:bold}\n"
    "button{padding:.4rem 1rem}\n"
    "footer.site{border-top:4px solid var(--brand);background:var(--panel);padding:1rem 0;"
    "font-size:.95rem}\n"
    "@media print{header.site,footer.site,.skip{display:none}a{color:var(--ink)}}\n";

void page_stylesheet(const struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    buf_append(&rs->body, stylesheet, sizeof stylesheet - 1);
}
