/*
 * service_tables.c - the commissioned services as tables, and unit costs
 * (see service_tables.h).
 */
#include "assess/service_tables.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- unit cost ------------------------------------------------------------ */

/* The quarters returned (and people in each), gathered before the spend
 * register is read for each. */
struct quarters {
    int fy; /* -1: every year */
    char (*name)[PERIOD_TEXT_SIZE];
    int64_t *people, *referrals;
    size_t n;
};

static void take_quarter(void *arg, const struct service_return_row *r)
{
    struct quarters *q = arg;
    int start;
    if (!period_parse(r->r.quarter, PERIOD_QUARTER, &start) ||
        (q->fy >= 0 && fy_of_month(start) != q->fy))
        return;
    q->name = xrealloc(q->name, (q->n + 1) * sizeof *q->name);
    q->people = xrealloc(q->people, (q->n + 1) * sizeof *q->people);
    q->referrals = xrealloc(q->referrals, (q->n + 1) * sizeof *q->referrals);
    snprintf(q->name[q->n], PERIOD_TEXT_SIZE, "%s", r->r.quarter);
    q->people[q->n] = r->r.people;
    q->referrals[q->n++] = r->r.referrals;
}

static void quarters_free(struct quarters *q)
{
    free(q->name);
    free(q->people);
    free(q->referrals);
}

/* The first and last days of a quarter, within the service's dates. */
static void quarter_days(const struct service *v, const char *quarter, char from[DATE_TEXT_SIZE],
                         char to[DATE_TEXT_SIZE])
{
    int m = 0, first, last;
    period_parse(quarter, PERIOD_QUARTER, &m);
    date_months_span(m, 3, &first, &last);
    date_format(first, from);
    date_format(last, to);
    if (strcmp(v->start_on, from) > 0)
        snprintf(from, DATE_TEXT_SIZE, "%s", v->start_on);
    if (*v->end_on && strcmp(v->end_on, to) < 0)
        snprintf(to, DATE_TEXT_SIZE, "%s", v->end_on);
}

/* A quarter's cost: the linked spend when the spend register holds each
 * of the quarter's months (within the service's dates) and some line is
 * linked, else a quarter of the annual value (to the penny, half up). 1
 * from spend, 0 from the value, -1 on error. */
static int quarter_cost(struct store *s, const struct service *v, const char *quarter,
                        int64_t *pence, long *lines, struct buf *err)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    quarter_days(v, quarter, from, to);
    struct service_spend sp = {0, 0, 0};
    if (strcmp(from, to) <= 0) {
        int others = store_services_of_provider(s, v, from, to, err), m0 = 0, m1 = 0;
        if (others < 0 || store_service_spend(s, v, from, to, others <= 1, &sp, err) < 0)
            return -1;
        month_parse_date(from, 10, &m0);
        month_parse_date(to, 10, &m1);
        if (sp.months < m1 - m0 + 1) /* the register lacks a month: its spend is partial */
            sp.lines = 0;
    }
    *lines = sp.lines;
    *pence = sp.lines ? sp.pence : (v->annual_value_pence + 2) / 4;
    return sp.lines > 0;
}

static void cost_method(struct unit_cost *u)
{
    if (u->quarters == 0) {
        snprintf(u->method, sizeof u->method, "No quarterly return yet: no unit cost");
        return;
    }
    if (!u->known) {
        snprintf(u->method, sizeof u->method,
                 "No people supported in the %d quarters returned: no unit cost", u->quarters);
        return;
    }
    char spend[96] = "", value[96] = ""; /* each under 80; method[] holds both */
    if (u->from_spend)
        snprintf(spend, sizeof spend, "%d quarter%s from %ld linked spend line%s", u->from_spend,
                 u->from_spend == 1 ? "" : "s", u->spend_lines, u->spend_lines == 1 ? "" : "s");
    if (u->from_value)
        snprintf(value, sizeof value, "%d quarter%s as a quarter of the annual value",
                 u->from_value, u->from_value == 1 ? "" : "s");
    snprintf(u->method, sizeof u->method,
             "Cost over people supported, %d quarter%s returned; the cost of %s%s%s", u->quarters,
             u->quarters == 1 ? "" : "s", spend, *spend && *value ? ", of " : "", value);
}

int service_unit_cost(struct store *s, const struct service *v, int fy, struct unit_cost *out,
                      struct buf *err)
{
    *out = (struct unit_cost){0};
    struct quarters q = {.fy = fy};
    int rc = store_service_returns(s, v->ref, take_quarter, &q, err) < 0 ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < q.n; i++) {
        int64_t pence;
        long lines;
        int from = quarter_cost(s, v, q.name[i], &pence, &lines, err);
        if (from < 0) {
            rc = -1;
            break;
        }
        out->cost_pence += pence;
        out->people += q.people[i];
        out->referrals += q.referrals[i];
        out->quarters++;
        out->spend_lines += lines;
        *(from ? &out->from_spend : &out->from_value) += 1;
    }
    out->known = out->people > 0;
    if (out->known)
        out->unit_pence = (double)out->cost_pence / (double)out->people;
    cost_method(out);
    quarters_free(&q);
    return rc;
}

/* The unit cost into a table's cell: pounds to the penny for people, full
 * precision for machines. */
static void set_unit(struct table *t, size_t row, size_t col, const struct unit_cost *u, bool human)
{
    if (!u->known)
        return;
    if (human)
        table_set_money_unrounded(t, row, col, u->unit_pence, true);
    else
        table_set_real(t, row, col, u->unit_pence / 100.0, 6, NULL);
}

/* The i-th pair of "measure = n; measure = n", as the files write them. */
static void pairs_text(struct buf *b, size_t i, const char *measure, int64_t n)
{
    buf_printf(b, "%s%s = %lld", i ? "; " : "", measure, (long long)n);
}

/* ---- the list --------------------------------------------------------------- */

static const char *const service_columns[] = {
    "reference",
    "service",
    "provider",
    "provider_id",
    "contract_reference",
    "funding_source",
    "serves",
    "start_date",
    "end_date",
    "annual_value",
    "outcomes",
    "quarters",
    "referrals",
    "people_supported",
    "cost",
    "unit_cost",
    "unit_cost_method",
    "version",
    "current",
    "reason",
    "published",
    "file",
    "file_sha256",
};
#define SERVICE_NCOLS (sizeof service_columns / sizeof service_columns[0])

struct filling {
    struct store *s;
    struct table *t;
    bool human;
    int fy; /* the commissioning table's year; -1 */
    struct services_totals *totals;
    struct buf *err;
    int rc, n;
};

static void add_totals(struct services_totals *t, const struct service *v,
                       const struct unit_cost *u)
{
    t->services++;
    t->annual_value_pence += v->annual_value_pence;
    t->people += u->people;
    t->cost_pence += u->cost_pence;
}

static void add_service(void *arg, const struct service_row *r)
{
    struct filling *f = arg;
    const struct service *v = &r->v;
    struct unit_cost u;
    if (f->rc < 0 || service_unit_cost(f->s, v, -1, &u, f->err) < 0) {
        f->rc = -1;
        return;
    }
    struct table *t = f->t;
    size_t row = table_add_row(t), k = 0;
    const char *text[] = {v->ref,     v->name,   v->provider, v->provider_id, v->contract_ref,
                          v->funding, v->serves, v->start_on, v->end_on};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        table_set_text(t, row, k++, text[i]);
    table_set_money(t, row, k++, v->annual_value_pence, f->human);
    struct buf o = BUF_INIT;
    for (size_t i = 0; i < v->noutcomes; i++)
        pairs_text(&o, i, v->outcomes[i].measure, v->outcomes[i].target);
    table_set_text(t, row, k++, buf_str(&o));
    buf_free(&o);
    table_set_int(t, row, k++, u.quarters);
    table_set_int(t, row, k++, u.referrals);
    table_set_int(t, row, k++, u.people);
    table_set_money(t, row, k++, u.cost_pence, f->human);
    set_unit(t, row, k++, &u, f->human);
    table_set_text(t, row, k++, u.method);
    table_set_int(t, row, k++, r->version);
    table_set_text(t, row, k++, r->current ? "yes" : "no");
    const char *last[] = {r->reason, r->published_at, r->file_name, r->file_sha256};
    for (size_t i = 0; i < 4; i++)
        table_set_text(t, row, k++, last[i]);
    if (f->totals && r->current)
        add_totals(f->totals, v, &u);
    f->n++;
}

int services_table(struct store *s, bool all, bool human, struct table *t,
                   struct services_totals *totals, struct buf *err)
{
    table_init(t, SERVICE_NCOLS, service_columns);
    table_set_title(t, "Commissioned services");
    if (totals)
        *totals = (struct services_totals){0};
    struct filling f = {s, t, human, -1, totals, err, 0, 0};
    int rc = store_services(s, NULL, all, add_service, &f, err);
    return rc < 0 || f.rc < 0 ? -1 : f.n;
}

/* ---- one service ------------------------------------------------------------- */

struct detail {
    struct store *s;
    struct table *outcomes, *returns;
    struct service current; /* its strings copied, outcomes too */
    char *text[9];
    struct service_outcome *outcome;
    int64_t *achieved; /* per outcome, in all */
    bool human, found;
    struct buf *err;
    int rc;
};

static void keep_current(void *arg, const struct service_row *r)
{
    struct detail *d = arg;
    const struct service *v = &r->v;
    const char *src[9] = {v->ref,     v->name,   v->provider, v->provider_id, v->contract_ref,
                          v->funding, v->serves, v->start_on, v->end_on};
    for (int i = 0; i < 9; i++)
        d->text[i] = xstrdup(src[i]);
    d->outcome = xcalloc(v->noutcomes + 1, sizeof *d->outcome);
    d->achieved = xcalloc(v->noutcomes + 1, sizeof *d->achieved);
    for (size_t i = 0; i < v->noutcomes; i++)
        d->outcome[i] =
            (struct service_outcome){xstrdup(v->outcomes[i].measure), v->outcomes[i].target};
    d->current =
        (struct service){d->text[0], d->text[1],   d->text[2], d->text[3], d->text[4],
                         d->text[5], d->text[6],   d->text[7], d->text[8], v->annual_value_pence,
                         d->outcome, v->noutcomes, v->line};
    d->found = true;
}

static void add_return(void *arg, const struct service_return_row *r)
{
    struct detail *d = arg;
    int64_t pence;
    long lines;
    int from =
        d->rc < 0 ? -1 : quarter_cost(d->s, &d->current, r->r.quarter, &pence, &lines, d->err);
    if (from < 0) {
        d->rc = -1;
        return;
    }
    struct table *t = d->returns;
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, r->r.quarter);
    table_set_int(t, row, 1, r->r.referrals);
    table_set_int(t, row, 2, r->r.people);
    struct buf o = BUF_INIT;
    for (size_t i = 0; i < r->r.nachieved; i++) {
        pairs_text(&o, i, r->r.achieved[i].measure, r->r.achieved[i].achieved);
        for (size_t k = 0; k < d->current.noutcomes; k++)
            if (strcmp(d->outcome[k].measure, r->r.achieved[i].measure) == 0)
                d->achieved[k] += r->r.achieved[i].achieved;
    }
    table_set_text(t, row, 3, buf_str(&o));
    buf_free(&o);
    table_set_money(t, row, 4, pence, d->human);
    char method[80];
    if (from)
        snprintf(method, sizeof method, "linked spend, %ld line%s", lines, lines == 1 ? "" : "s");
    else
        snprintf(method, sizeof method, "a quarter of the annual value");
    table_set_text(t, row, 5, method);
    struct unit_cost u = {.known = r->r.people > 0,
                          .unit_pence = r->r.people ? (double)pence / (double)r->r.people : 0};
    set_unit(t, row, 6, &u, d->human);
    table_set_int(t, row, 7, r->version);
}

static void detail_free(struct detail *d)
{
    if (!d->found)
        return;
    for (int i = 0; i < 9; i++)
        free(d->text[i]);
    for (size_t i = 0; i < d->current.noutcomes; i++)
        free((char *)d->outcome[i].measure);
    free(d->outcome);
    free(d->achieved);
}

int service_tables(struct store *s, const char *ref, bool human, struct table *service,
                   struct table *outcomes, struct table *returns, struct buf *err)
{
    static const char *const ocols[] = {"measure", "target_a_year", "achieved", "quarters"};
    static const char *const rcols[] = {"quarter",           "referrals", "people_supported",
                                        "outcomes_achieved", "cost",      "cost_method",
                                        "unit_cost",         "version"};
    table_init(service, SERVICE_NCOLS, service_columns);
    table_init(outcomes, 4, ocols);
    table_init(returns, sizeof rcols / sizeof rcols[0], rcols);
    table_set_title(returns, "Quarterly returns");
    struct filling f = {s, service, human, -1, NULL, err, 0, 0};
    int n = store_services(s, ref, false, add_service, &f, err);
    if (n <= 0 || f.rc < 0)
        return n < 0 || f.rc < 0 ? -1 : 0;
    struct detail d = {
        .s = s, .outcomes = outcomes, .returns = returns, .human = human, .err = err};
    int rc = store_services(s, ref, false, keep_current, &d, err);
    if (rc > 0 && store_service_returns(s, ref, add_return, &d, err) < 0)
        rc = -1;
    for (size_t i = 0; rc > 0 && i < d.current.noutcomes; i++) {
        size_t row = table_add_row(outcomes);
        table_set_text(outcomes, row, 0, d.outcome[i].measure);
        table_set_int(outcomes, row, 1, d.outcome[i].target);
        table_set_int(outcomes, row, 2, d.achieved[i]);
        table_set_int(outcomes, row, 3, (int64_t)returns->nrows);
    }
    detail_free(&d);
    return rc < 0 || d.rc < 0 ? -1 : rc;
}

/* ---- the annual report's table ----------------------------------------------- */

static void add_commissioned(void *arg, const struct service_row *r)
{
    struct filling *f = arg;
    const struct service *v = &r->v;
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    int from, to;
    date_months_span(fy_first_month(f->fy), 12, &from, &to);
    date_format(from, first);
    date_format(to, last);
    if (f->rc < 0 || strcmp(v->start_on, last) > 0 || (*v->end_on && strcmp(v->end_on, first) < 0))
        return;
    struct unit_cost u;
    if (service_unit_cost(f->s, v, f->fy, &u, f->err) < 0) {
        f->rc = -1;
        return;
    }
    struct table *t = f->t;
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, v->name);
    table_set_text(t, row, 1, v->provider);
    table_set_money(t, row, 2, v->annual_value_pence, f->human);
    table_set_int(t, row, 3, u.people);
    table_set_money(t, row, 4, u.cost_pence, f->human);
    set_unit(t, row, 5, &u, f->human);
    table_set_text(t, row, 6, u.method);
    add_totals(f->totals, v, &u);
    f->n++;
}

int commissioning_table(struct store *s, int fy, bool human, struct table *t,
                        struct services_totals *totals, struct buf *err)
{
    static const char *const cols[] = {"service",          "provider", "annual_value",
                                       "people_supported", "cost",     "unit_cost",
                                       "unit_cost_method"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    char fytext[FY_TEXT_SIZE];
    fy_format(fy, fytext);
    struct buf title = BUF_INIT;
    buf_printf(&title, "Commissioned services running in %s", fytext);
    table_set_title(t, title.p);
    buf_free(&title);
    *totals = (struct services_totals){0};
    struct filling f = {s, t, human, fy, totals, err, 0, 0};
    if (store_services(s, NULL, false, add_commissioned, &f, err) < 0 || f.rc < 0)
        return -1;
    if (f.n) {
        size_t row = table_add_row(t);
        table_set_text(t, row, 0, "Total");
        table_set_money(t, row, 2, totals->annual_value_pence, human);
        table_set_int(t, row, 3, totals->people);
        table_set_money(t, row, 4, totals->cost_pence, human);
    }
    return f.n;
}
