/*
 * fund_map.c - the map of published grants by district (see fund_map.h).
 */
#include "assess/fund_map.h"
#include "assess/map_build.h"
#include "model/money.h"
#include "store/plans.h"
#include "util/mem.h"

#include <stdlib.h>

/* The months of street crime that draw the districts without boundaries:
 * the latest six. Where crime is recorded moves little in a year, and the
 * map is read on every uncached /grants page: six months of the demo's
 * crimes cost half of twelve's 0.25 s of CPU, for the same districts. */
#define FUND_MAP_MONTHS 6
#include <string.h>

struct sums {
    const struct fund_award_filter *f;
    struct map_amount *v;
    size_t n;
    int64_t withheld, withheld_pence, nowhere, nowhere_pence;
};

static void add_award(void *arg, const struct fund_award_view *a)
{
    struct sums *s = arg;
    if (!fund_award_picked(s->f, a, true))
        return;
    if (a->sensitive) {
        s->withheld++;
        s->withheld_pence += a->amount_pence;
        return;
    }
    if (!a->district || !*a->district) {
        s->nowhere++;
        s->nowhere_pence += a->amount_pence;
        return;
    }
    size_t i = 0;
    while (i < s->n && strcmp(s->v[i].area, a->district) != 0)
        i++;
    if (i == s->n) {
        s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
        s->v[s->n++] = (struct map_amount){xstrdup(a->district), 0, 0};
    }
    s->v[i].count++;
    s->v[i].pence += a->amount_pence;
}

/* "1 grant (£9,850.00) ... is not on the map." */
static void left_off(struct buf *note, int64_t n, int64_t pence, const char *why)
{
    if (n == 0)
        return;
    char amount[MONEY_TEXT_SIZE];
    money_format(pence, true, amount);
    buf_printf(note, "%s%lld grant%s (%s) %s %s not on the map.", note->len ? " " : "",
               (long long)n, n == 1 ? "" : "s", amount, why, n == 1 ? "is" : "are");
}

int fund_map_build(struct store *s, const struct fund_award_filter *f, const char *force,
                   const char *title, struct map *m, struct buf *err)
{
    memset(m, 0, sizeof *m);
    struct sums sums = {.f = f};
    int rc = store_fund_awards(s, f ? f->round : NULL, true, add_award, &sums, err);
    struct buf note = BUF_INIT;
    left_off(&note, sums.withheld, sums.withheld_pence,
             "to places that are not published, such as a refuge,");
    left_off(&note, sums.nowhere, sums.nowhere_pence, "naming no district");
    struct stats_query q = {.month_from = -1, .month_to = -1, .force = force, .exclude_asb = true};
    int first, last;
    if (store_street_months(s, force, -1, &first, &last)) {
        q.month_to = last;
        q.month_from = last - (FUND_MAP_MONTHS - 1) > first ? last - (FUND_MAP_MONTHS - 1) : first;
    }
    if (rc == 0)
        rc = map_build_money(s, &q, "district", sums.v, sums.n, title, buf_str(&note), m, err);
    for (size_t i = 0; i < sums.n; i++)
        free((char *)sums.v[i].area);
    free(sums.v);
    buf_free(&note);
    return rc;
}
