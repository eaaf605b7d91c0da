/*
 * fund_tables.c - the Safety Fund's tables (see fund_tables.h).
 */
#include "assess/fund_tables.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct filling {
    struct table *t;
    bool human, public_;
    const struct fund_award_filter *f; /* NULL: every award */
};

static bool same(const char *want, const char *have)
{
    return !want || (have && strcmp(want, have) == 0);
}

const char *fund_award_district(const struct fund_award_view *a, bool public_)
{
    return public_ && a->sensitive ? FUND_PLACE_WITHHELD : a->district;
}

static const char *shown_district(const struct fund_award_view *a, bool public_)
{
    return fund_award_district(a, public_);
}

bool fund_award_picked(const struct fund_award_filter *f, const struct fund_award_view *a,
                       bool public_)
{
    return !f || (same(f->round, a->round) && same(f->district, shown_district(a, public_)) &&
                  same(f->priority, a->priority));
}

static void round_row(void *arg, const struct fund_round_view *v)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    char threshold[16] = "";
    if (v->r.threshold_bp >= 0)
        snprintf(threshold, sizeof threshold, "%d.%02d", v->r.threshold_bp / 100,
                 v->r.threshold_bp % 100);
    table_set_text(f->t, r, 0, v->r.key);
    table_set_text(f->t, r, 1, v->r.programme);
    table_set_text(f->t, r, 2, v->r.fy);
    table_set_text(f->t, r, 3, v->r.title);
    table_set_text(f->t, r, 4, v->r.theme);
    table_set_text(f->t, r, 5, v->r.specialist ? "specialist" : "non-specialist");
    table_set_text(f->t, r, 6, v->r.opens_on);
    table_set_text(f->t, r, 7, v->r.closes_on);
    table_set_text(f->t, r, 8, v->opened_at ? "open" : "being set up");
    table_set_money(f->t, r, 9, v->r.budget_pence, f->human);
    table_set_money(f->t, r, 10, v->r.max_award_pence, f->human);
    table_set_text(f->t, r, 11, threshold);
    table_set_int(f->t, r, 12, v->criteria);
    table_set_int(f->t, r, 13, v->awards);
    table_set_money(f->t, r, 14, v->awarded_pence, f->human);
    table_set_money(f->t, r, 15, v->year_budget_pence, f->human);
    table_set_money(f->t, r, 16, v->year_awarded_pence, f->human);
    table_set_text(f->t, r, 17, v->cofunders);
    table_set_text(f->t, r, 18, v->r.missions);
}

int fund_rounds_table(struct store *s, bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {
        "round",         "programme",     "fy",        "title",   "theme",
        "kind",          "opens",         "closes",    "state",   "budget",
        "maximum_award", "threshold_pct", "criteria",  "awards",  "awarded",
        "year_budget",   "year_awarded",  "cofunders", "missions"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Safety Fund rounds: budgets and awards");
    struct filling f = {t, human, false, NULL};
    return store_fund_rounds(s, NULL, round_row, &f, err);
}

static void award_row(void *arg, const struct fund_award_view *a)
{
    struct filling *f = arg;
    if (!fund_award_picked(f->f, a, f->public_))
        return;
    size_t r = table_add_row(f->t);
    char ref[96];
    snprintf(ref, sizeof ref, "%s-%d", a->round, a->number);
    bool hide = f->public_ && a->sensitive;
    table_set_text(f->t, r, 0, ref);
    table_set_text(f->t, r, 1, a->round);
    table_set_text(f->t, r, 2, a->recipient);
    table_set_text(f->t, r, 3, a->org_id);
    table_set_text(f->t, r, 4, a->title);
    table_set_money(f->t, r, 5, a->amount_pence, f->human);
    table_set_text(f->t, r, 6, shown_district(a, f->public_));
    table_set_text(f->t, r, 7, hide ? NULL : a->csp_code);
    table_set_text(f->t, r, 8, a->priority);
    table_set_text(f->t, r, 9, a->conditions);
    table_set_text(f->t, r, 10, a->decided_on ? a->decided_on : a->awarded_on);
    table_set_text(f->t, r, 11, a->decision_ref);
    if (!f->public_)
        table_set_text(f->t, r, 12, a->published ? "published" : "not yet published");
}

int fund_awards_table(struct store *s, const char *round, bool public_, bool human, struct table *t,
                      struct buf *err)
{
    struct fund_award_filter f = {round, NULL, NULL};
    return fund_awards_table_where(s, &f, public_, human, t, err);
}

int fund_awards_table_where(struct store *s, const struct fund_award_filter *where, bool public_,
                            bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {
        "award",    "round",    "recipient",  "org_id",     "title",    "amount",        "district",
        "csp_code", "priority", "conditions", "award_date", "decision", "decision_state"};
    table_init(t, sizeof cols / sizeof cols[0] - (public_ ? 1 : 0), cols);
    table_set_title(t, public_ ? "Safety Fund awards (published decisions)" : "Safety Fund awards");
    struct filling f = {t, human, public_, where};
    return store_fund_awards(s, where ? where->round : NULL, public_, award_row, &f, err);
}

/* ---- totals -------------------------------------------------------------- */

struct total {
    char *key;
    long n;
    int64_t pence;
};
struct totals {
    enum fund_group g;
    const struct fund_award_filter *f;
    struct total *v;
    size_t n;
};

static void add_total(void *arg, const struct fund_award_view *a)
{
    struct totals *ts = arg;
    if (!fund_award_picked(ts->f, a, true))
        return;
    const char *key = ts->g == FUND_BY_ROUND      ? a->round
                      : ts->g == FUND_BY_PRIORITY ? a->priority
                                                  : shown_district(a, true);
    if (!key)
        key = "(not given)";
    size_t i = 0;
    while (i < ts->n && strcmp(ts->v[i].key, key) != 0)
        i++;
    if (i == ts->n) {
        ts->v = xrealloc(ts->v, (ts->n + 1) * sizeof *ts->v);
        ts->v[ts->n++] = (struct total){xstrdup(key), 0, 0};
    }
    ts->v[i].n++;
    ts->v[i].pence += a->amount_pence;
}

bool fund_group_parse(const char *word, enum fund_group *g)
{
    static const char *const words[] = {"round", "district", "priority"};
    for (int i = 0; i < 3; i++)
        if (word && strcmp(word, words[i]) == 0)
            return *g = (enum fund_group)i, true;
    return false;
}

int fund_totals_table(struct store *s, enum fund_group g, bool human, struct table *t,
                      struct buf *err)
{
    return fund_totals_table_where(s, NULL, g, human, t, err);
}

int fund_totals_table_where(struct store *s, const struct fund_award_filter *f, enum fund_group g,
                            bool human, struct table *t, struct buf *err)
{
    static const char *const names[] = {"round", "district", "priority"};
    const char *cols[] = {names[g], "awards", "awarded"};
    table_init(t, 3, cols);
    table_set_title(t, "Safety Fund awards (published decisions), in all");
    struct totals ts = {g, f, NULL, 0};
    int rc = store_fund_awards(s, f ? f->round : NULL, true, add_total, &ts, err);
    for (size_t i = 0; i < ts.n; i++) {
        size_t r = table_add_row(t);
        table_set_text(t, r, 0, ts.v[i].key);
        table_set_int(t, r, 1, ts.v[i].n);
        table_set_money(t, r, 2, ts.v[i].pence, human);
        free(ts.v[i].key);
    }
    free(ts.v);
    return rc;
}

/* ---- grants received ------------------------------------------------------ */

static void received_row(void *arg, const struct grant_received_view *g)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    table_set_text(f->t, r, 0, g->fy);
    table_set_text(f->t, r, 1, g->funder);
    table_set_text(f->t, r, 2, g->purpose);
    table_set_money(f->t, r, 3, g->amount_pence, f->human);
    table_set_text(f->t, r, 4, g->conditions);
    table_set_text(f->t, r, 5, g->report_on);
    if (g->clock_id)
        table_set_int(f->t, r, 6, g->clock_id);
    table_set_text(f->t, r, 7, g->file_name);
    table_set_int(f->t, r, 8, g->line);
}

int grants_received_table(struct store *s, const char *fy, bool human, struct table *t,
                          struct buf *err)
{
    static const char *const cols[] = {"fy",        "funder", "purpose", "amount", "conditions",
                                       "report_on", "clock",  "file",    "line"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Grants received (each year's latest table)");
    struct filling f = {t, human, false, NULL};
    return store_grants_received(s, fy, received_row, &f, err);
}
