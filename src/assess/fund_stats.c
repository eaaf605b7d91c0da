/*
 * fund_stats.c - the Safety Fund's statistics and the rule that withholds
 * small numbers (see fund_stats.h).
 */
#include "assess/fund_stats.h"
#include "store/fund.h"
#include "store/fund_apply.h"
#include "util/list.h"
#include "util/mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_GIVEN "(not given)"

struct counting {
    struct fund_stats *st;
    enum fund_group g;
    char **rounds; /* only these rounds' applications, when not NULL */
    size_t nrounds;
    struct fund_stat *total;
};

static bool counted(const struct counting *c, const struct fund_application_fact *f)
{
    for (size_t i = 0; c->rounds && i < c->nrounds; i++)
        if (strcmp(c->rounds[i], f->round) == 0)
            return true;
    return !c->rounds;
}

static struct fund_stat *group(struct fund_stats *st, const char *key, size_t len)
{
    for (size_t i = 0; i < st->n; i++)
        if (strlen(st->v[i].key) == len && strncmp(st->v[i].key, key, len) == 0)
            return &st->v[i];
    st->v = xrealloc(st->v, (st->n + 1) * sizeof *st->v);
    char *copy = xmalloc(len + 1);
    memcpy(copy, key, len);
    copy[len] = '\0';
    st->v[st->n] = (struct fund_stat){.key = copy};
    return &st->v[st->n++];
}

static void add(struct fund_stat *row, const struct fund_application_fact *f)
{
    row->applications++;
    row->eligible += f->eligible;
    row->awarded += f->awarded;
    row->requested_pence += f->requested_pence;
    row->awarded_pence += f->awarded_pence;
}

/* Each priority of "m1, m2" (list.h's rule); NOT_GIVEN when there is none. */
static void add_priorities(struct fund_stats *st, const struct fund_application_fact *f)
{
    bool any = false;
    const char *cursor = f->priorities, *key;
    size_t n;
    while (list_next(&cursor, ",", &key, &n)) {
        add(group(st, key, n), f);
        any = true;
    }
    if (!any)
        add(group(st, NOT_GIVEN, strlen(NOT_GIVEN)), f);
}

static void count(void *arg, const struct fund_application_fact *f)
{
    struct counting *c = arg;
    if (!counted(c, f))
        return;
    add(c->total, f);
    if (c->g == FUND_BY_PRIORITY) {
        add_priorities(c->st, f);
        return;
    }
    const char *key = c->g == FUND_BY_ROUND ? f->round : *f->district ? f->district : NOT_GIVEN;
    add(group(c->st, key, strlen(key)), f);
}

static bool small(const struct fund_stat *r)
{
    long unsuccessful = r->applications - r->awarded;
    return unsuccessful > 0 && unsuccessful < FUND_STATS_MIN_UNSUCCESSFUL;
}

void fund_stats_withhold(struct fund_stats *st)
{
    assert(st->n >= 1); /* the total is always there */
    size_t withheld = 0;
    for (size_t i = 0; i < st->n; i++) {
        st->v[i].withheld = small(&st->v[i]);
        withheld += i + 1 < st->n && st->v[i].withheld;
    }
    if (withheld == 1)
        st->v[st->n - 1].withheld = true;
}

struct year_rounds {
    const char *fy;
    struct counting *c;
};

static void round_of_year(void *arg, const struct fund_round_view *v)
{
    struct year_rounds *y = arg;
    if (strcmp(v->r.fy, y->fy) != 0)
        return;
    y->c->rounds = xrealloc(y->c->rounds, (y->c->nrounds + 1) * sizeof *y->c->rounds);
    y->c->rounds[y->c->nrounds++] = xstrdup(v->r.key);
}

int fund_stats_compute_fy(struct store *s, enum fund_group g, bool public_only, const char *fy,
                          struct fund_stats *out, struct buf *err)
{
    *out = (struct fund_stats){NULL, 0};
    struct fund_stat total = {.key = xstrdup(FUND_STATS_TOTAL)};
    struct counting c = {out, g, NULL, 0, &total};
    int rc = 0;
    if (fy) {
        struct year_rounds y = {fy, &c};
        c.rounds = xcalloc(1, sizeof *c.rounds); /* none yet, but not NULL: count none */
        rc = store_fund_rounds(s, NULL, round_of_year, &y, err);
    }
    if (rc == 0)
        rc = store_fund_application_facts(s, NULL, public_only, count, &c, err);
    for (size_t i = 0; i < c.nrounds; i++)
        free(c.rounds[i]);
    free(c.rounds);
    out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
    out->v[out->n++] = total;
    fund_stats_withhold(out);
    return rc;
}

int fund_stats_compute(struct store *s, enum fund_group g, bool public_only, struct fund_stats *out,
                       struct buf *err)
{
    return fund_stats_compute_fy(s, g, public_only, NULL, out, err);
}

void fund_stats_free(struct fund_stats *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->v[i].key);
    free(st->v);
    *st = (struct fund_stats){NULL, 0};
}

static void stat_row(struct table *t, const struct fund_stat *r, bool human)
{
    size_t i = table_add_row(t);
    table_set_text(t, i, 0, r->key);
    if (!r->withheld) {
        table_set_int(t, i, 1, r->applications);
        table_set_int(t, i, 2, r->eligible);
    }
    table_set_int(t, i, 3, r->awarded);
    if (!r->withheld && r->applications)
        table_set_real(t, i, 4, 100.0 * (double)r->awarded / (double)r->applications, 1, "%");
    if (!r->withheld)
        table_set_money(t, i, 5, r->requested_pence, human);
    table_set_money(t, i, 6, r->awarded_pence, human);
    if (r->withheld)
        table_set_text(t, i, 7, "withheld: one or two unsuccessful applications");
}

int fund_stats_table_fy(struct store *s, enum fund_group g, bool public_only, const char *fy,
                        bool human, struct table *t, struct buf *err)
{
    static const char *const keys[] = {"round", "district", "priority"};
    const char *cols[] = {keys[g],     "applications",   "eligible", "awarded", "success_rate_pct",
                          "requested", "awarded_amount", "note"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, public_only ? "Safety Fund statistics (rounds decided and published)"
                                   : "Safety Fund statistics (every round)");
    table_add_note(t, "Success rate: awards as a share of applications sent. Application figures "
                      "are withheld where a row has one or two unsuccessful applications (and the "
                      "total where only one row is), so that no applicant turned down can be "
                      "told.");
    struct fund_stats st;
    int rc = fund_stats_compute_fy(s, g, public_only, fy, &st, err);
    for (size_t i = 0; rc == 0 && i < st.n; i++)
        stat_row(t, &st.v[i], human);
    fund_stats_free(&st);
    return rc;
}

int fund_stats_table(struct store *s, enum fund_group g, bool public_only, bool human,
                     struct table *t, struct buf *err)
{
    return fund_stats_table_fy(s, g, public_only, NULL, human, t, err);
}
