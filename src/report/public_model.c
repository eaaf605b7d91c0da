/*
 * public_model.c - what the public report shows, and why (see
 * public_internal.h).
 *
 * The rule that picks "the few numbers that matter", stated on the page:
 *   1. every exception, as `peel exceptions` orders them (concerns and
 *      missed targets first, then neutral signals, then improvements); a
 *      measure that is an exception twice is shown once;
 *   2. then for each mission, at most PUBLIC_PER_MISSION more of its
 *      measures with figures: those with a target first, then the others,
 *      each in the plan's order.
 * Nothing is chosen by hand, so the same store, plan and month always give
 * the same report.
 */
#include "assess/framework.h"
#include "assess/metric_icons.h"
#include "assess/metric_text.h"
#include "render/report_html.h"
#include "report/public_internal.h"
#include "store/plans.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void public_period_words(enum period_kind kind, int month, struct buf *out)
{
    if (kind == PERIOD_MONTH) {
        report_month_words(month, out);
        return;
    }
    char text[PERIOD_TEXT_SIZE];
    period_format(kind, month, text);
    buf_puts(out, text);
}

/* ---- the selection ------------------------------------------------------ */

static void map_missions(struct public_model *m)
{
    m->mission_of = xcalloc(m->statuses.n + 1, sizeof *m->mission_of);
    m->missions = xcalloc(m->p->nmissions + 1, sizeof *m->missions);
    size_t k = 0;
    for (size_t a = 0; a < m->p->nmissions; a++)
        for (size_t b = 0; b < m->p->missions[a].nstrategies; b++)
            for (size_t c = 0; c < m->p->missions[a].strategies[b].nmetrics; c++)
                m->mission_of[k++] = a;
    assert(k == m->statuses.n); /* plan_evaluate gives every metric, in plan order */
}

static size_t index_of(const struct public_model *m, const struct metric_status *st)
{
    return (size_t)(st - m->statuses.items);
}

static void add_item(struct public_model *m, const struct metric_status *st,
                     const struct plan_exception *e)
{
    m->items[m->nitems++] =
        (struct public_item){.st = st, .exception = e, .mission = m->mission_of[index_of(m, st)]};
}

static void pick_attention(struct public_model *m, bool *shown)
{
    for (size_t i = 0; i < m->nexceptions; i++) {
        const struct metric_status *st = m->exceptions[i].st;
        if (shown[index_of(m, st)])
            continue; /* both a signal and a missed target: one card says both */
        shown[index_of(m, st)] = true;
        add_item(m, st, &m->exceptions[i]);
        m->missions[m->mission_of[index_of(m, st)]].attention++;
    }
    m->nattention = m->nitems;
}

static void pick_mission(struct public_model *m, size_t a, bool *shown)
{
    struct public_mission *pm = &m->missions[a];
    pm->first = m->nitems;
    for (int pass = 0; pass < 2; pass++) /* targets first */
        for (size_t i = 0; i < m->statuses.n; i++) {
            const struct metric_status *st = &m->statuses.items[i];
            if (m->mission_of[i] != a || shown[i] || !st->has_data || st->has_target != !pass)
                continue;
            if (pm->n == PUBLIC_PER_MISSION) {
                pm->not_shown++;
                continue;
            }
            shown[i] = true;
            add_item(m, st, NULL);
            pm->n++;
        }
    for (size_t i = 0; i < m->statuses.n; i++)
        pm->no_figures += m->mission_of[i] == a && !m->statuses.items[i].has_data;
}

/* The value a year before the latest, when the series has one. */
static int year_earlier(struct public_model *m, struct public_item *it, struct buf *err)
{
    struct metric_series ser;
    if (metric_series_read(m->s, m->p, it->st->metric, m->info->period, &ser, err) < 0)
        return -1;
    it->year_month = it->st->latest_month - 12;
    it->has_year = metric_series_value_at(&ser, it->year_month, &it->year_value);
    metric_series_free(&ser);
    return 0;
}

static int select_items(struct public_model *m, struct buf *err)
{
    bool *shown = xcalloc(m->statuses.n + 1, sizeof *shown);
    m->items = xcalloc(m->statuses.n + 1, sizeof *m->items);
    pick_attention(m, shown);
    for (size_t a = 0; a < m->p->nmissions; a++)
        pick_mission(m, a, shown);
    free(shown);
    for (size_t i = 0; i < m->statuses.n; i++)
        m->with_data += m->statuses.items[i].has_data;
    for (size_t i = 0; i < m->nitems; i++)
        if (year_earlier(m, &m->items[i], err) < 0)
            return -1;
    return 0;
}

/* ---- the example chart -------------------------------------------------- */

static size_t last_signal(const struct spc_result *r)
{
    for (size_t i = r->n; i-- > 0;)
        if (!r->points[i].missing && r->points[i].rule != SPC_RULE_NONE)
            return i;
    return SIZE_MAX;
}

/* Reads the chart of st into the model; 1 if it has one, 0 if not. */
static int try_example(struct public_model *m, const struct metric_status *st, struct buf *err)
{
    if (!st->has_data || st->points == 0)
        return 0;
    if (metric_series_read(m->s, m->p, st->metric, m->info->period, &m->ser, err) < 0)
        return -1;
    if (m->ser.n == 0 || !metric_chart(m->p, st->metric, &m->ser, &m->spc)) {
        metric_series_free(&m->ser);
        return 0;
    }
    m->example = st;
    m->signal = last_signal(&m->spc);
    return 1;
}

static void drop_example(struct public_model *m)
{
    if (!m->example)
        return;
    spc_result_free(&m->spc);
    metric_series_free(&m->ser);
    m->example = NULL;
}

/* The first exception that is a signal; else the first charted measure
 * with a signal anywhere on its chart; else the first charted measure. */
static int choose_example(struct public_model *m, struct buf *err)
{
    m->signal = SIZE_MAX;
    for (size_t i = 0; i < m->nexceptions; i++)
        if (!m->exceptions[i].target)
            return try_example(m, m->exceptions[i].st, err) < 0 ? -1 : 0;
    const struct metric_status *first = NULL;
    for (size_t i = 0; i < m->statuses.n; i++) {
        const struct metric_status *st = &m->statuses.items[i];
        int rc = try_example(m, st, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            continue;
        if (m->signal != SIZE_MAX)
            return 0;
        if (!first)
            first = st;
        drop_example(m);
    }
    return first ? (try_example(m, first, err) < 0 ? -1 : 0) : 0;
}

/* ---- sources ------------------------------------------------------------ */

static int gather_sources(struct public_model *m, struct buf *err)
{
    for (size_t i = 0; i < m->statuses.n; i++) {
        const struct metric_status *st = &m->statuses.items[i];
        if (st->metric->loaded) {
            m->loaded_metrics++;
            m->loaded_with_data += st->has_data;
        } else if (st->metric->def.measure == MEASURE_HOME_OFFICE_OFFENCES) {
            m->home_office_metrics++;
        } else {
            m->street_metrics++;
        }
    }
    m->has_street =
        store_street_months(m->s, m->p->force, m->info->period, &m->street_first, &m->street_last);
    return store_last_update(m->s, m->updated, err);
}

/* ---- the tables --------------------------------------------------------- */

static void number_row(struct public_model *m, const struct public_item *it, struct buf *text)
{
    enum { C_SECTION, C_METRIC, C_TITLE, C_PERIOD, C_LATEST, C_YEAR_PERIOD, C_YEAR, C_VARIATION };
    enum { C_TARGET = C_VARIATION + 1, C_TARGET_STATUS, C_SENTENCE, C_TARGET_SENTENCE };
    struct table *t = &m->numbers;
    const struct metric_status *st = it->st;
    size_t row = table_add_row(t);
    char period[PERIOD_TEXT_SIZE], target[96];
    buf_reset(text);
    if (it->exception)
        buf_puts(text, "needs attention");
    else
        buf_printf(text, "mission %zu", it->mission + 1);
    table_set_text(t, row, C_SECTION, buf_str(text));
    table_set_text(t, row, C_METRIC, st->metric->id);
    table_set_text(t, row, C_TITLE, st->metric->title);
    period_format(st->kind, st->latest_month, period);
    table_set_text(t, row, C_PERIOD, period);
    metric_value_cell(t, row, C_LATEST, st->metric, st->latest);
    if (it->has_year) {
        period_format(st->kind, it->year_month, period);
        table_set_text(t, row, C_YEAR_PERIOD, period);
        metric_value_cell(t, row, C_YEAR, st->metric, it->year_value);
    }
    table_set_text(t, row, C_VARIATION, report_variation_of(st).words);
    table_set_text(t, row, C_TARGET,
                   metric_target_describe(&st->metric->target, target, sizeof target));
    if (st->has_target) {
        table_set_text(t, row, C_TARGET_STATUS, target_verdict_name(&st->target));
        table_set_text(t, row, C_TARGET_SENTENCE, st->target_sentence);
    }
    buf_reset(text);
    metric_sentence(st, text);
    table_set_text(t, row, C_SENTENCE, buf_str(text));
}

static void numbers_table(struct public_model *m)
{
    static const char *const cols[] = {
        "section",      "metric",    "title",  "latest_period", "latest",   "year_earlier_period",
        "year_earlier", "variation", "target", "target_status", "sentence", "target_sentence"};
    table_init(&m->numbers, sizeof cols / sizeof cols[0], cols);
    struct buf text = BUF_INIT;
    for (size_t i = 0; i < m->nitems; i++)
        number_row(m, &m->items[i], &text);
    buf_free(&text);
    table_set_title(&m->numbers, "The numbers in this report");
    table_add_note(&m->numbers,
                   "Chosen by rule: every exception (a real change or a missed target), then at "
                   "most %d more measures with figures per mission, those with a target first, "
                   "in the plan's order. variation: the latest period on the measure's XmR "
                   "chart (NHS Making Data Count rules); target_status: allowing for chance "
                   "(95%% intervals). Each sentence is the analysis's own.",
                   PUBLIC_PER_MISSION);
}

static void source_row(struct table *t, const char *name, const char *periods, size_t measures)
{
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, name);
    table_set_text(t, row, 1, periods);
    table_set_int(t, row, 2, (int64_t)measures);
}

static void sources_table(struct public_model *m)
{
    static const char *const cols[] = {"source", "used", "measures"};
    table_init(&m->sources, 3, cols);
    struct buf text = BUF_INIT;
    if (m->has_street) {
        char a[MONTH_TEXT_SIZE], b[MONTH_TEXT_SIZE];
        month_format(m->street_first, a);
        month_format(m->street_last, b);
        buf_printf(&text, "%s to %s", a, b);
    } else {
        buf_puts(&text, "none up to the report's month");
    }
    source_row(&m->sources, "data.police.uk street-level crime", buf_str(&text), m->street_metrics);
    if (m->home_office_metrics)
        source_row(&m->sources, "Home Office police recorded crime tables",
                   "financial quarters up to the report's month", m->home_office_metrics);
    buf_reset(&text);
    buf_printf(&text, "figures for %zu of these measures", m->loaded_with_data);
    source_row(&m->sources, "Figures loaded from the force's and partners' files", buf_str(&text),
               m->loaded_metrics);
    buf_free(&text);
    table_set_title(&m->sources, "Where the figures come from");
    table_add_note(&m->sources, "Data last updated: %s.", m->updated[0] ? m->updated : "never");
}

/* ---- the model ---------------------------------------------------------- */

int public_model_build(struct store *s, const struct plan *p, const struct public_info *info,
                       struct public_model *m, struct buf *err)
{
    *m = (struct public_model){.s = s, .p = p, .info = info, .signal = SIZE_MAX};
    if (plan_evaluate_all(s, p, info->period, &m->statuses, err) < 0)
        return -1;
    map_missions(m);
    m->nexceptions = plan_exceptions(&m->statuses, &m->exceptions);
    if (select_items(m, err) < 0 || choose_example(m, err) < 0 || gather_sources(m, err) < 0)
        return -1;
    numbers_table(m);
    sources_table(m);
    if (m->example) {
        int rc = metric_values_table(s, p, m->example, info->period, &m->example_data, err);
        if (rc < 0)
            return -1;
        m->has_example_data = rc == 0;
    }
    return 0;
}

void public_model_free(struct public_model *m)
{
    drop_example(m);
    if (m->numbers.names)
        table_free(&m->numbers);
    if (m->sources.names)
        table_free(&m->sources);
    if (m->has_example_data)
        table_free(&m->example_data);
    free(m->items);
    free(m->missions);
    free(m->mission_of);
    free(m->exceptions);
    metric_statuses_free(&m->statuses);
    *m = (struct public_model){0};
}
