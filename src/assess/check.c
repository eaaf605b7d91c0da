/*
 * check.c - what a plan still lacks (see check.h).
 */
#include "assess/check.h"
#include "assess/evaluate.h"
#include "assess/series.h"
#include "store/plans.h"
#include "store/query.h"
#include "util/month.h"

#include <stdio.h>
#include <string.h>

const char *check_status_name(enum check_status st)
{
    switch (st) {
    case CHECK_OK:
        return "ok";
    case CHECK_NO_DATA:
        return "no data";
    case CHECK_STALE:
        return "stale";
    case CHECK_UNDEFINED:
        return "undefined reference";
    }
    return "?";
}

static void check_defined(struct store *s, const struct plan *p, const struct plan_metric *m,
                          int as_of, struct check_finding *f)
{
    for (size_t i = 0; i < m->def.ncrime_types; i++) {
        if (!store_has_crime_type(s, m->def.crime_types[i])) {
            f->status = CHECK_UNDEFINED;
            snprintf(f->detail, sizeof f->detail,
                     "crime type '%s' is in no imported data (police.uk spelling?)",
                     m->def.crime_types[i]);
            return;
        }
    }
    if (m->def.area_key && !plan_area_known(s, m->def.area_key)) {
        f->status = CHECK_UNDEFINED;
        snprintf(f->detail, sizeof f->detail,
                 "area grouping '%s' is not loaded: load a lookup with a %s column "
                 "(peel import-areas)",
                 m->def.area_key, m->def.area_key);
        return;
    }
    int first, latest;
    char text[MONTH_TEXT_SIZE];
    if (!store_street_months(s, p->force, -1, &first, &latest)) {
        f->status = CHECK_NO_DATA;
        snprintf(f->detail, sizeof f->detail, "no recorded crime imported for %s (peel import)",
                 p->force ? p->force : "any force");
        return;
    }
    month_format(latest, text);
    if (as_of - latest > metric_allowed_age(m->frequency)) {
        f->status = CHECK_STALE;
        snprintf(f->detail, sizeof f->detail, "latest recorded crime is for %s, %d months old",
                 text, as_of - latest);
        return;
    }
    snprintf(f->detail, sizeof f->detail, "computed from recorded crime, latest %s", text);
}

/* A loaded metric needs values, recent enough for its frequency. */
static void check_loaded(struct store *s, const struct plan *p, const struct plan_metric *m,
                         int as_of, struct check_finding *f)
{
    struct metric_series ser;
    struct buf err = BUF_INIT;
    if (metric_series_read(s, p, m, -1, &ser, &err) < 0 || ser.n == 0) {
        f->status = CHECK_NO_DATA;
        snprintf(f->detail, sizeof f->detail, "%s",
                 err.len     ? buf_str(&err)
                 : m->loaded ? "values come from files and none are loaded yet (peel metric load)"
                 : m->def.measure == MEASURE_PUBLISHED_MTFS
                     ? "no medium-term financial strategy is published yet (peel budget mtfs)"
                     : "no Home Office recorded crime tables for the force (peel import-prc)");
        buf_free(&err);
        return;
    }
    char period[PERIOD_TEXT_SIZE];
    int start = metric_series_period(&ser, ser.n - 1);
    int age = as_of - (start + period_months(ser.kind) - 1);
    period_format(ser.kind, start, period);
    if (age > metric_allowed_age(m->frequency)) {
        f->status = CHECK_STALE;
        snprintf(f->detail, sizeof f->detail, "latest value is for %s, %d months old", period, age);
    } else {
        snprintf(f->detail, sizeof f->detail, "%s, latest %s",
                 m->def.measure == MEASURE_PUBLISHED_MTFS && !m->loaded ? "from the budget register"
                                                                        : "loaded values",
                 period);
    }
    metric_series_free(&ser);
}

int plan_check(struct store *s, const struct plan *p, int as_of, check_fn fn, void *arg)
{
    int problems = 0;
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *sg = &p->missions[a].strategies[b];
            for (size_t c = 0; c < sg->nmetrics; c++) {
                struct check_finding f = {sg, &sg->metrics[c], CHECK_OK, ""};
                if (f.metric->loaded || f.metric->def.measure == MEASURE_HOME_OFFICE_OFFENCES ||
                    f.metric->def.measure == MEASURE_PUBLISHED_MTFS) {
                    check_loaded(s, p, f.metric, as_of, &f);
                } else {
                    check_defined(s, p, f.metric, as_of, &f);
                }
                problems += f.status != CHECK_OK;
                fn(arg, &f);
            }
        }
    return problems;
}
