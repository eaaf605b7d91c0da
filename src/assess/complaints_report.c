/*
 * complaints_report.c - the annual complaints report's figures and
 * sections gathered (see complaints_report.h).
 */
#include "assess/complaints_report.h"
#include "assess/complaints_data.h"
#include "assess/concern_stats.h"
#include "model/concern.h"
#include "store/complaints_report.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void take_text(void *arg, const struct complaints_text_view *v)
{
    struct complaints_year *y = arg;
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
        if (strcmp(complaints_sections[i].code, v->section) == 0 && !y->text[i]) {
            y->text[i] = xstrdup(v->text);
            y->text_by[i] = xstrdup(v->saved_by);
        }
}

/* A group of counts adding up to a total, into row r from column c. */
static void group_cells(struct table *t, size_t r, size_t c, const int64_t *v, size_t n)
{
    bool hide[2];
    concern_suppress(v, n, hide);
    for (size_t i = 0; i < n; i++)
        complaints_set_count(t, r, c + i, v[i], hide[i]);
}

static int quarters_table(struct store *s, struct complaints_year *y, struct buf *err)
{
    static const char *const cols[] = {"quarter",    "received",        "in_time",
                                       "late",       "decided",         "upheld",
                                       "not_upheld", "within_standard", "outside_standard"};
    table_init(&y->quarters, 9, cols);
    int rc = 0;
    for (int q = 0; rc == 0 && q < 4; q++) {
        int first = fy_first_month(y->fy) + 3 * q;
        struct review_assessment a;
        rc = store_review_assessment(s, first, &a, err);
        if (rc)
            break;
        size_t r = table_add_row(&y->quarters);
        char name[PERIOD_TEXT_SIZE];
        period_format(PERIOD_QUARTER, first, name);
        table_set_text(&y->quarters, r, 0, name);
        complaints_set_count(&y->quarters, r, 1, a.received, false);
        group_cells(&y->quarters, r, 2, (int64_t[]){a.in_time, a.late}, 2);
        complaints_set_count(&y->quarters, r, 4, a.decided, false);
        group_cells(&y->quarters, r, 5, (int64_t[]){a.upheld, a.not_upheld}, 2);
        group_cells(&y->quarters, r, 7, (int64_t[]){a.within, a.outside}, 2);
    }
    return rc;
}

static void recommendations_table(const struct review_year *ry, struct table *t)
{
    static const char *const cols[] = {"label", "measure", "value", "unit"};
    table_init(t, 4, cols);
    complaints_count_row(t, "Recommendations made to the force", "recommendations",
                         ry->recommendations, false, "count");
    complaints_count_row(t, "The force's responses received", "force_responses", ry->responses,
                         false, "count");
    complaints_count_row(t, "Reviews awaiting the force's response at the year's end",
                         "awaiting_response", ry->awaiting, false, "count");
}

static void add_theme(void *arg, const struct review_theme *th)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, th->code);
    table_set_text(t, r, 1, th->label);
    complaints_set_count(t, r, 2, th->received, false);
    complaints_set_count(t, r, 3, th->upheld, false);
}

/* "higher", "lower" or "the same" for the force's figure against England
 * and Wales (both numbers), else nothing. */
static void compare_cell(struct table *t, size_t r, const struct cell *force,
                         const struct cell *national)
{
    double v[2];
    const struct cell *c[2] = {force, national};
    for (int i = 0; i < 2; i++) {
        if (c[i]->type == CELL_INT)
            v[i] = (double)c[i]->i;
        else if (c[i]->type == CELL_REAL)
            v[i] = c[i]->r;
        else
            return;
    }
    table_set_text(t, r, 6, v[0] > v[1] ? "higher" : v[0] < v[1] ? "lower" : "the same");
}

/* The totals of an IOPC table (complaints_data.h's columns) into y->iopc. */
static void iopc_totals(const struct table *from, struct table *t)
{
    /* t's column of each of from's: label, measure, (breakdown), value,
     * last_year, similar_forces, england_and_wales, unit */
    static const int to[] = {0, 1, -1, 2, 3, 4, 5, 7};
    for (size_t r = 0; r < from->nrows; r++) {
        const struct cell *b = table_cell(from, r, 2);
        if (b->type == CELL_TEXT && b->text && *b->text)
            continue; /* a breakdown: the report gives the totals */
        size_t o = table_add_row(t);
        for (size_t c = 0; c < from->ncols; c++)
            if (to[c] >= 0)
                table_copy_cell(t, o, (size_t)to[c], table_cell(from, r, c));
        compare_cell(t, o, table_cell(from, r, 3), table_cell(from, r, 6));
    }
}

static void about_period(void *arg, const struct iopc_quarter_view *q)
{
    struct complaints_year *y = arg;
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(q->from, from);
    date_format(q->to, to);
    snprintf(y->iopc_source, sizeof y->iopc_source, "%s to %s, version %d%s%s", from, to,
             q->version, *q->url ? ", " : "", q->url);
}

/* The IOPC's annual statistics for the year if loaded, else its latest
 * quarterly figures ending in the year. */
static int iopc_table(struct store *s, struct complaints_year *y, struct buf *err)
{
    static const char *const cols[] = {"label",
                                       "measure",
                                       "value",
                                       "last_year",
                                       "similar_forces",
                                       "england_and_wales",
                                       "against_england_and_wales",
                                       "unit"};
    table_init(&y->iopc, 8, cols);
    int first = fy_first_month(y->fy);
    struct table t;
    int rc = complaints_year_table(s, first, &t, err);
    if (rc == 0) {
        rc = store_iopc_period(s, IOPC_ANNUAL, first, about_period, y, err);
        iopc_totals(&t, &y->iopc);
        table_free(&t);
        return rc < 0 ? -1 : 0;
    }
    table_free(&t);
    if (rc < 0)
        return -1;
    for (int q = 3; q >= 0; q--) {
        struct table iopc, own;
        rc = complaints_quarter_tables(s, first + 3 * q, &iopc, &own, err);
        if (rc == 0) {
            rc = store_iopc_quarter(s, first + 3 * q, about_period, y, err);
            iopc_totals(&iopc, &y->iopc);
        }
        table_free(&iopc);
        table_free(&own);
        if (rc != IOPC_UNKNOWN)
            return rc < 0 ? -1 : 0;
    }
    return 0;
}

int complaints_year_gather(struct store *s, int fy, struct complaints_year *y, struct buf *err)
{
    *y = (struct complaints_year){.fy = fy};
    fy_format(fy, y->year);
    static const char *const theme_cols[] = {"code", "category", "received", "upheld"};
    table_init(&y->themes, 4, theme_cols);
    struct review_year ry;
    int rc = store_review_year(s, fy, &ry, err);
    if (rc == 0) {
        complaints_assessment_table(&ry.a, &y->reviews);
        table_add_note(&y->reviews, "%s", complaints_assessment_rule);
        table_add_note(&y->reviews, "%s", concern_stats_rule);
        recommendations_table(&ry, &y->recommendations);
        rc = quarters_table(s, y, err);
    }
    if (rc == 0)
        rc = store_review_themes(s, fy, add_theme, &y->themes, err);
    if (rc == 0)
        rc = iopc_table(s, y, err);
    if (rc == 0)
        rc = store_complaints_texts(s, fy, take_text, y, err);
    return rc == 0 ? 0 : -1;
}

void complaints_year_free(struct complaints_year *y)
{
    table_free(&y->reviews);
    table_free(&y->quarters);
    table_free(&y->recommendations);
    table_free(&y->themes);
    table_free(&y->iopc);
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        free(y->text[i]);
        free(y->text_by[i]);
    }
    *y = (struct complaints_year){0};
}

size_t complaints_year_missing(const struct complaints_year *y, struct buf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
        if (!y->text[i])
            buf_printf(out, "%s%s", n++ ? ", " : "", complaints_sections[i].code);
    return n;
}

/* Rows of a (label, measure, value, unit) table into the figures. */
static void figures_from(struct table *out, const char *name, const struct table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        size_t o = table_add_row(out);
        table_set_text(out, o, 0, name);
        table_copy_cell(out, o, 1, table_cell(t, r, 1));
        table_copy_cell(out, o, 2, table_cell(t, r, 0));
        table_set_text(out, o, 3, "");
        table_copy_cell(out, o, 4, table_cell(t, r, 2));
        table_copy_cell(out, o, 6, table_cell(t, r, 3));
    }
}

void complaints_year_figures(const struct complaints_year *y, struct table *out)
{
    static const char *const cols[] = {"table", "measure",           "label", "breakdown",
                                       "value", "england_and_wales", "unit"};
    table_init(out, 7, cols);
    figures_from(out, "reviews", &y->reviews);
    for (size_t r = 0; r < y->quarters.nrows; r++)
        for (size_t c = 1; c < y->quarters.ncols; c++) {
            size_t o = table_add_row(out);
            table_set_text(out, o, 0, "reviews_by_quarter");
            table_set_text(out, o, 1, y->quarters.names[c]);
            table_set_text(out, o, 2, y->quarters.names[c]);
            table_copy_cell(out, o, 3, table_cell(&y->quarters, r, 0));
            table_copy_cell(out, o, 4, table_cell(&y->quarters, r, c));
            table_set_text(out, o, 6, "count");
        }
    figures_from(out, "recommendations", &y->recommendations);
    for (size_t r = 0; r < y->themes.nrows; r++)
        for (size_t c = 2; c < 4; c++) {
            size_t o = table_add_row(out);
            table_set_text(out, o, 0, "themes");
            table_set_text(out, o, 1, c == 2 ? "reviews_received" : "reviews_upheld");
            table_copy_cell(out, o, 2, table_cell(&y->themes, r, 1));
            table_copy_cell(out, o, 3, table_cell(&y->themes, r, 0));
            table_copy_cell(out, o, 4, table_cell(&y->themes, r, c));
            table_set_text(out, o, 6, "count");
        }
    for (size_t r = 0; r < y->iopc.nrows; r++) {
        size_t o = table_add_row(out);
        table_set_text(out, o, 0, "iopc");
        table_copy_cell(out, o, 1, table_cell(&y->iopc, r, 1));
        table_copy_cell(out, o, 2, table_cell(&y->iopc, r, 0));
        table_set_text(out, o, 3, "");
        table_copy_cell(out, o, 4, table_cell(&y->iopc, r, 2));
        table_copy_cell(out, o, 5, table_cell(&y->iopc, r, 5));
        table_copy_cell(out, o, 6, table_cell(&y->iopc, r, 7));
    }
}
