/*
 * metric_text.c - a metric's values and label written (see metric_text.h).
 */
#include "assess/metric_text.h"
#include "assess/prc_common.h"
#include "assess/series.h"
#include "model/forces.h"
#include "render/report_html.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdint.h>

int metric_unit_decimals(enum metric_unit u)
{
    static const int decimals[] = {[UNIT_COUNT] = 0, [UNIT_RATE_PER_1000] = 2, [UNIT_PERCENT] = 1,
                                   [UNIT_HOURS] = 1, [UNIT_NUMBER] = 1,        [UNIT_YES_NO] = 0};
    return decimals[u];
}

void metric_value_text(const struct plan_metric *m, double v, struct buf *out)
{
    switch (m->unit) {
    case UNIT_PERCENT:
        buf_printf(out, "%.1f%%", v);
        break;
    case UNIT_RATE_PER_1000:
        buf_printf(out, "%.2f per 1,000", v);
        break;
    case UNIT_HOURS:
        buf_printf(out, "%.1f hours", v);
        break;
    case UNIT_YES_NO:
        buf_puts(out, v >= 0.5 ? "yes" : "no");
        break;
    case UNIT_NUMBER:
        buf_printf(out, "%.*f", v == floor(v) ? 0 : 1, v);
        break;
    case UNIT_COUNT:
        buf_put_number(out, v, 0);
        break;
    }
}

void metric_value_raw(const struct plan_metric *m, double v, struct buf *out)
{
    if (m->unit == UNIT_YES_NO)
        buf_puts(out, v >= 0.5 ? "yes" : "no");
    else if (isfinite(v))
        buf_put_exact(out, v, metric_unit_decimals(m->unit));
}

bool metric_change_text(const struct plan_metric *m, double change, struct buf *out)
{
    if (m->unit == UNIT_YES_NO)
        return false;
    buf_puts(out, change > 0 ? "+" : "");
    buf_put_number(out, change, metric_unit_decimals(m->unit));
    if (m->unit == UNIT_PERCENT)
        buf_puts(out, " points");
    return true;
}

/* A count is a whole number in JSON too: 812, not 812.0. */
static bool whole_count(const struct plan_metric *m, double v)
{
    return m->unit == UNIT_COUNT && v == floor(v) && fabs(v) < 1e15;
}

void metric_value_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                       double v)
{
    if (isnan(v))
        return;
    if (m->unit == UNIT_YES_NO)
        table_set_text(t, row, col, v >= 0.5 ? "yes" : "no");
    else if (whole_count(m, v))
        table_set_int(t, row, col, (int64_t)v);
    else
        table_set_real(t, row, col, v, metric_unit_decimals(m->unit), NULL);
}

void metric_stat_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                      double v)
{
    if (isnan(v))
        return;
    table_set_real(t, row, col, v, m->unit == UNIT_YES_NO ? 2 : metric_unit_decimals(m->unit),
                   NULL);
}

void metric_stat_text(const struct plan_metric *m, double v, struct buf *out)
{
    if (isnan(v))
        return;
    if (m->unit == UNIT_YES_NO)
        buf_printf(out, "%.2f", v);
    else
        metric_value_text(m, v, out);
}

void metric_y_label(const struct plan_metric *m, enum period_kind kind, struct buf *out)
{
    static const char *const per[] = {"month", "quarter", "year"};
    static const char *const units[] = {
        [UNIT_COUNT] = NULL,         [UNIT_RATE_PER_1000] = "Per 1,000 residents",
        [UNIT_PERCENT] = "Per cent", [UNIT_HOURS] = "Hours",
        [UNIT_NUMBER] = "Number",    [UNIT_YES_NO] = "1 = yes, 0 = no"};
    if (units[m->unit])
        buf_puts(out, units[m->unit]);
    else
        buf_printf(out, "%s per %s", m->loaded ? "Count" : "Crimes", per[kind]);
}

void metric_chart_title(const struct plan_metric *m, const struct spc_result *r, struct buf *out)
{
    buf_printf(out, "%s, %s", m->title, metric_frequency_name(m->frequency));
    if (!metric_chart_judged(r))
        buf_printf(out, " (not judged: %zu points, fewer than the %d an XmR chart needs)",
                   r->n - r->missing, r->min_points);
}

void metric_source_text(const struct plan_metric *m, struct buf *out)
{
    if (m->loaded)
        buf_puts(out, "Figures supplied by the Office");
    else if (m->def.measure == MEASURE_HOME_OFFICE_OFFENCES)
        buf_puts(out, "Home Office Police Recorded Crime tables, as published. " PRC_POLICE_UK_GAP);
    else
        buf_puts(out, "Computed from data.police.uk street-level crime, as the police publish it");
    buf_printf(out, " (listed in the plan under %s)", report_source_label(m->source));
}

void area_grouping_words(const char *key, struct buf *out)
{
    for (const char *p = key; *p; p++)
        buf_putc(out, *p == '_' ? ' ' : *p);
}

void area_words(const char *key, const char *value, struct buf *out)
{
    buf_printf(out, "%s (", value ? value : "");
    area_grouping_words(key, out);
    buf_putc(out, ')');
}

const char *force_words(const char *force)
{
    const struct police_force *f = force ? force_lookup(force) : NULL;
    return f ? f->name : force ? force : "";
}
