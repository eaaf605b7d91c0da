/*
 * budget_tables.c - the budget register's tables (see budget_tables.h).
 */
#include "assess/budget_tables.h"
#include "model/calendar.h"
#include "model/money.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdio.h>
#include <stdlib.h>

struct filling {
    struct table *t;
    bool human;
};

static void set_money(struct filling *f, size_t row, size_t col, int64_t pence)
{
    char text[MONEY_TEXT_SIZE];
    money_format(pence, f->human, text);
    table_set_text(f->t, row, col, text);
    f->t->right[col] = true;
}

static void set_fy(struct table *t, size_t row, size_t col, int fy)
{
    char text[FY_TEXT_SIZE];
    fy_format(fy, text);
    table_set_text(t, row, col, text);
}

static void version_row(void *arg, const struct budget_version_row *v)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    set_fy(f->t, r, 0, v->fy);
    table_set_int(f->t, r, 1, v->version);
    table_set_text(f->t, r, 2, v->current ? "yes" : "no");
    table_set_int(f->t, r, 3, v->lines);
    set_money(f, r, 4, v->total_pence);
    table_set_text(f->t, r, 5, v->reason);
    table_set_text(f->t, r, 6, v->published_at);
    table_set_text(f->t, r, 7, v->file_name);
    table_set_text(f->t, r, 8, v->file_sha256);
}

int budget_versions_table(struct store *s, bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"year",   "version",      "current", "lines",      "total",
                                       "reason", "published_at", "file",    "file_sha256"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Budget: every year's published versions");
    struct filling f = {t, human};
    return store_budget_versions(s, version_row, &f, err);
}

/* A year's lines, kept to work out each one's share of the total. */
struct lines {
    struct budget_line *l;
    char **heading;
    size_t n;
};

static void take_line(void *arg, const struct budget_line *l)
{
    struct lines *ls = arg;
    ls->l = xrealloc(ls->l, (ls->n + 1) * sizeof *ls->l);
    ls->heading = xrealloc(ls->heading, (ls->n + 1) * sizeof *ls->heading);
    ls->heading[ls->n] = xstrdup(l->heading);
    ls->l[ls->n] = *l;
    ls->l[ls->n].heading = ls->heading[ls->n];
    ls->n++;
}

/* Year fy's lines (of version, 0: current) appended to f's table; the
 * version read (0: none), or -1 with err. */
static int year_lines(struct store *s, int fy, int version, struct filling *f, struct buf *err)
{
    struct lines ls = {0};
    int read = store_budget_lines(s, fy, version, take_line, &ls, err);
    int64_t total = 0;
    for (size_t i = 0; i < ls.n; i++)
        total += ls.l[i].amount_pence;
    for (size_t i = 0; i < ls.n; i++) {
        size_t r = table_add_row(f->t);
        set_fy(f->t, r, 0, fy);
        table_set_int(f->t, r, 1, read);
        table_set_text(f->t, r, 2, ls.l[i].heading);
        set_money(f, r, 3, ls.l[i].amount_pence);
        if (total != 0)
            table_set_real(f->t, r, 4, 100.0 * (double)ls.l[i].amount_pence / (double)total, 2,
                           "%");
        table_set_int(f->t, r, 5, ls.l[i].line);
        free(ls.heading[i]);
    }
    if (read > 0 && f->t->nrows == ls.n) { /* one year: its title */
        char fyt[FY_TEXT_SIZE], sum[MONEY_TEXT_SIZE], title[160];
        fy_format(fy, fyt);
        money_format(total, true, sum);
        snprintf(title, sizeof title, "Budget %s, version %d: %s", fyt, read, sum);
        table_set_title(f->t, title);
    }
    free(ls.l);
    free(ls.heading);
    return read;
}

struct years {
    int *fy;
    size_t n;
};

static void current_year(void *arg, const struct budget_version_row *v)
{
    struct years *y = arg;
    if (!v->current)
        return;
    y->fy = xrealloc(y->fy, (y->n + 1) * sizeof *y->fy);
    y->fy[y->n++] = v->fy;
}

int budget_lines_table(struct store *s, int fy, int version, bool human, struct table *t,
                       struct buf *err)
{
    static const char *const cols[] = {"year",   "version",        "heading",
                                       "amount", "share_of_total", "line"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_add_note(t, "Each heading's share is its amount over its year's total, as a"
                      " percentage.");
    struct filling f = {t, human};
    if (fy > 0)
        return year_lines(s, fy, version, &f, err);
    struct years y = {0};
    int rc = store_budget_versions(s, current_year, &y, err);
    for (size_t i = 0; rc >= 0 && i < y.n; i++)
        if (year_lines(s, y.fy[i], 0, &f, err) < 0)
            rc = -1;
    if (rc >= 0)
        table_set_title(t, "Budget: every year's headings (current versions)");
    free(y.fy);
    return rc < 0 ? -1 : (int)y.n;
}

static void precept_row(void *arg, const struct precept_row *p)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    set_fy(f->t, r, 0, p->fy);
    table_set_text(f->t, r, 1, f->human ? precept_kind_text(p->kind) : precept_kind_word(p->kind));
    table_set_date(f->t, r, 2, p->on);
    if (p->band_d_pence > 0)
        set_money(f, r, 3, p->band_d_pence);
    if (p->precept_pence > 0)
        set_money(f, r, 4, p->precept_pence);
    if (p->veto >= 0)
        table_set_text(f->t, r, 5, p->veto ? "yes" : "no");
    table_set_text(f->t, r, 6, p->note);
    table_set_text(f->t, r, 7, p->recorded_at);
}

int precept_table(struct store *s, bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"year",    "step", "on",   "band_d",
                                       "precept", "veto", "note", "recorded_at"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "The precept: each year's steps");
    struct filling f = {t, human};
    return store_precept_steps(s, precept_row, &f, err);
}

static void mtfs_row(void *arg, const struct mtfs_row *m)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    char first[FY_TEXT_SIZE], last[FY_TEXT_SIZE], run[2 * FY_TEXT_SIZE + 4];
    fy_format(m->first_fy, first);
    fy_format(m->last_fy, last);
    snprintf(run, sizeof run, "%s to %s", first, last);
    table_set_text(f->t, r, 0, run);
    table_set_int(f->t, r, 1, m->version);
    table_set_text(f->t, r, 2, m->current ? "yes" : "no");
    table_set_text(f->t, r, 3, m->title);
    table_set_date(f->t, r, 4, m->published_on);
    set_fy(f->t, r, 5, m->fy);
    set_money(f, r, 6, m->requirement_pence);
    set_money(f, r, 7, m->funding_pence);
    set_money(f, r, 8, m->requirement_pence - m->funding_pence);
    table_set_text(f->t, r, 9, m->reason);
    table_set_text(f->t, r, 10, m->url);
    table_set_text(f->t, r, 11, m->file_sha256);
}

int mtfs_table(struct store *s, bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"strategy",     "version", "current",     "title",
                                       "published_on", "year",    "requirement", "funding",
                                       "gap",          "reason",  "url",         "file_sha256"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Medium-term financial strategies: each year of every version");
    table_add_note(t, "The gap is the budget requirement less the funding: the savings the"
                      " strategy must find (negative: a surplus).");
    struct filling f = {t, human};
    return store_mtfs_rows(s, mtfs_row, &f, err);
}
