/*
 * complaints_data.c - the 7C tables (see complaints_data.h).
 */
#include "assess/complaints_data.h"
#include "assess/concern_stats.h"
#include "model/concern.h"
#include "model/iopc.h"
#include "store/iopc.h"
#include "util/month.h"

#include <string.h>

const char complaints_assessment_rule[] =
    "Reviews decided within the Office's standard of 28 working days from receipt. The median "
    "is shown only when at least 5 reviews were decided.";

static const char *const iopc_cols[] = {"label",     "measure",        "breakdown",         "value",
                                        "last_year", "similar_forces", "england_and_wales", "unit"};
static const char *const own_cols[] = {"label", "measure", "value", "unit"};

/* A figure as the file wrote it, with its decimals; empty for none. */
static void put_figure(struct table *t, size_t r, size_t c, const char *text,
                       const struct iopc_measure *m)
{
    double v;
    int decimals;
    if (!text || !*text || iopc_figure_parse(text, m, (enum iopc_column)(c - 3), &v, &decimals))
        return;
    if (decimals == 0) /* a whole number: JSON writes it as one */
        table_set_int(t, r, c, (int64_t)v);
    else
        table_set_real(t, r, c, v, decimals, NULL);
}

static void add_figure(void *arg, const struct iopc_figure_view *f)
{
    struct table *t = arg;
    const struct iopc_measure unknown = {f->measure, f->measure, IOPC_DAYS, true};
    const struct iopc_measure *m = iopc_measure_named(f->measure);
    if (!m) /* a measure a newer peel loaded: shown by its code */
        m = &unknown;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, m->label);
    table_set_text(t, r, 1, m->code);
    table_set_text(t, r, 2, f->breakdown);
    const char *v[] = {f->value, f->last_year, f->similar_forces, f->england_and_wales};
    for (size_t i = 0; i < 4; i++)
        put_figure(t, r, 3 + i, v[i], m);
    table_set_text(t, r, 7, iopc_unit_name(m->unit));
}

void complaints_set_count(struct table *t, size_t r, size_t c, int64_t v, bool hide)
{
    if (hide || (v > 0 && v < CONCERN_SUPPRESS_BELOW))
        table_set_text(t, r, c, "<5");
    else
        table_set_int(t, r, c, v);
}

void complaints_count_row(struct table *t, const char *label, const char *code, int64_t v,
                          bool hide, const char *unit)
{
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, label);
    table_set_text(t, r, 1, code);
    complaints_set_count(t, r, 2, v, hide);
    table_set_text(t, r, 3, unit);
}

/* A group of counts adding up to a total, suppressed by the rule. */
static void own_group(struct table *t, const char *const *labels, const char *const *codes,
                      const int64_t *v, size_t n)
{
    bool hide[2];
    concern_suppress(v, n, hide);
    for (size_t i = 0; i < n; i++)
        complaints_count_row(t, labels[i], codes[i], v[i], hide[i], "count");
}

void complaints_assessment_table(const struct review_assessment *a, struct table *t)
{
    table_init(t, 4, own_cols);
    complaints_count_row(t, "Review applications received", "reviews_received", a->received, false,
                         "count");
    own_group(t, (const char *const[]){"Received in time", "Received late"},
              (const char *const[]){"reviews_in_time", "reviews_late"},
              (int64_t[]){a->in_time, a->late}, 2);
    complaints_count_row(t, "Reviews decided", "reviews_decided", a->decided, false, "count");
    own_group(
        t, (const char *const[]){"Upheld (outcome not reasonable and proportionate)", "Not upheld"},
        (const char *const[]){"reviews_upheld", "reviews_not_upheld"},
        (int64_t[]){a->upheld, a->not_upheld}, 2);
    own_group(t, (const char *const[]){"Decided within the standard", "Decided after it"},
              (const char *const[]){"decided_within_standard", "decided_outside_standard"},
              (int64_t[]){a->within, a->outside}, 2);
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, "Median working days from receipt to decision");
    table_set_text(t, r, 1, "median_working_days_to_decide");
    if (a->decided >= CONCERN_SUPPRESS_BELOW)
        table_set_real(t, r, 2, a->median_days, a->median_days == (int64_t)a->median_days ? 0 : 1,
                       NULL);
    table_set_text(t, r, 3, "working days");
}

int complaints_quarter_tables(struct store *s, int quarter, struct table *iopc, struct table *own,
                              struct buf *err)
{
    table_init(iopc, 8, iopc_cols);
    table_init(own, 4, own_cols);
    int rc = store_iopc_figures(s, quarter, add_figure, iopc, err);
    if (rc == 0 && iopc->nrows == 0)
        return IOPC_UNKNOWN;
    struct review_assessment a;
    if (rc == 0)
        rc = store_review_assessment(s, quarter, &a, err);
    if (rc == 0) {
        table_free(own);
        complaints_assessment_table(&a, own);
        table_add_note(own, "%s", complaints_assessment_rule);
        table_add_note(own, "%s", concern_stats_rule);
    }
    return rc;
}

void complaints_quarter_data(const struct table *iopc, const struct table *own, struct table *out)
{
    static const char *const cols[] = {"source",    "measure",        "label",
                                       "breakdown", "unit",           "value",
                                       "last_year", "similar_forces", "england_and_wales"};
    table_init(out, 9, cols);
    /* out's column of each of iopc's, and of own's */
    static const size_t from_iopc[] = {2, 1, 3, 5, 6, 7, 8, 4};
    static const size_t from_own[] = {2, 1, 5, 4};
    for (size_t r = 0; r < iopc->nrows; r++) {
        size_t o = table_add_row(out);
        table_set_text(out, o, 0, "iopc");
        for (size_t c = 0; c < iopc->ncols; c++)
            table_copy_cell(out, o, from_iopc[c], table_cell(iopc, r, c));
    }
    for (size_t r = 0; r < own->nrows; r++) {
        size_t o = table_add_row(out);
        table_set_text(out, o, 0, "commissioner");
        table_set_text(out, o, 3, "");
        for (size_t c = 0; c < own->ncols; c++)
            table_copy_cell(out, o, from_own[c], table_cell(own, r, c));
    }
}

struct period_rows {
    struct table *t;
    enum period_kind kind;
};

static void add_period(void *arg, const struct iopc_quarter_view *q)
{
    const struct period_rows *p = arg;
    struct table *t = p->t;
    size_t r = table_add_row(t);
    char name[PERIOD_TEXT_SIZE];
    period_format(p->kind, q->quarter, name);
    table_set_text(t, r, 0, name);
    table_set_date(t, r, 1, q->from);
    table_set_date(t, r, 2, q->to);
    table_set_int(t, r, 3, q->version);
    table_set_int(t, r, 4, q->figures);
    table_set_text(t, r, 5, q->loaded_at);
    table_set_text(t, r, 6, q->url);
    table_set_text(t, r, 7, q->reason);
}

int complaints_quarters_table(struct store *s, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"quarter", "from",      "to",         "version",
                                       "figures", "loaded_at", "source_url", "reason"};
    table_init(t, 8, cols);
    struct period_rows p = {t, PERIOD_QUARTER};
    return store_iopc_quarters(s, add_period, &p, err);
}

int complaints_years_table(struct store *s, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"year",    "from",      "to",         "version",
                                       "figures", "loaded_at", "source_url", "reason"};
    table_init(t, 8, cols);
    struct period_rows p = {t, PERIOD_YEAR};
    return store_iopc_periods(s, IOPC_ANNUAL, add_period, &p, err);
}

int complaints_year_table(struct store *s, int year, struct table *t, struct buf *err)
{
    table_init(t, 8, iopc_cols);
    int rc = store_iopc_period_figures(s, IOPC_ANNUAL, year, add_figure, t, err);
    return rc == 0 && t->nrows == 0 ? IOPC_UNKNOWN : rc;
}
