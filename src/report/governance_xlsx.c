/*
 * governance_xlsx.c - the governance report's tables as a workbook (see
 * governance.h): the exceptions, the performance framework and each
 * metric's values with its chart's limits, one sheet each (named by the
 * metric's title, cut to a word where Excel's 31 bytes are too few; the
 * whole title and id in A1) and charted (value, mean and process
 * limits), built by the same functions as `peel metrics` and `peel
 * exceptions`; then the stop-and-search section's tables.
 */
#include "assess/framework.h"
#include "assess/stop_search.h"
#include "render/xlsx.h"
#include "report/governance.h"
#include "util/mem.h"

#include <stdlib.h>

/* The tables to write, owned here. */
struct sheets {
    struct table *tables;
    struct xlsx_sheet *list;
    size_t n;
};

static struct table *next_table(struct sheets *sh, const char *name)
{
    struct table *t = &sh->tables[sh->n];
    sh->list[sh->n].name = name;
    sh->list[sh->n].table = t;
    sh->n++;
    return t;
}

static int metric_sheets(struct store *s, const struct plan *p, int period,
                         const struct metric_statuses *all, struct sheets *sh, struct buf *err)
{
    for (size_t i = 0; i < all->n && sh->n < XLSX_MAX_SHEETS; i++) {
        const struct metric_status *st = &all->items[i];
        if (!st->has_data)
            continue;
        struct table *t = &sh->tables[sh->n];
        int rc = metric_values_table(s, p, st, period, t, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            sh->list[sh->n].chart = &metric_values_chart;
        if (rc == 0)
            next_table(sh, st->metric->title);
    }
    return 0;
}

/* The stop-and-search section's tables (governance_stops.c), when any
 * searches are held for its months. */
static int stop_sheets(struct store *s, int period, struct sheets *sh, struct buf *err)
{
    static const char *const bys[][2] = {{"object", "Stop and search by object"},
                                         {"ethnic_group", "Stop and search by ethnic group"}};
    struct stop_query q = {.month_from = period - GOVERNANCE_STOP_MONTHS + 1, .month_to = period};
    for (size_t i = 0; i < 2 && sh->n < XLSX_MAX_SHEETS; i++) {
        struct table *t = &sh->tables[sh->n];
        if (stop_search_table(s, bys[i][0], &q, t, err) < 0) {
            table_free(t);
            return -1;
        }
        if (t->nrows == 0) {
            table_free(t);
            break;
        }
        next_table(sh, bys[i][1]);
    }
    return 0;
}

int governance_workbook(struct store *s, const struct plan *p, int period, const char *path,
                        struct buf *err)
{
    struct metric_statuses all = {0};
    if (plan_evaluate_all(s, p, period, &all, err) < 0)
        return -1;
    struct sheets sh = {xcalloc(XLSX_MAX_SHEETS, sizeof(struct table)),
                        xcalloc(XLSX_MAX_SHEETS, sizeof(struct xlsx_sheet)), 0};
    exceptions_table(p, &all, next_table(&sh, "Exceptions"));
    framework_table(p, &all, next_table(&sh, "Performance framework"));
    int rc = metric_sheets(s, p, period, &all, &sh, err);
    if (rc == 0)
        rc = stop_sheets(s, period, &sh, err);
    if (rc == 0)
        rc = xlsx_write(path, sh.list, sh.n, err);
    for (size_t i = 0; i < sh.n; i++)
        table_free(&sh.tables[i]);
    free(sh.tables);
    free(sh.list);
    metric_statuses_free(&all);
    return rc;
}
