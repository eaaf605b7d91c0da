/*
 * spend_tables.c - the spend register's tables (see spend_tables.h).
 */
#include "assess/spend_tables.h"
#include "model/money.h"

#include <stdio.h>
#include <string.h>

struct filling {
    struct table *t;
    bool human;
};

static void set_money(struct filling *f, size_t row, size_t col, int64_t pence)
{
    table_set_money(f->t, row, col, pence, f->human);
}

/* Who spent: named for people, the register's word in the data. */
static const char *body_text(const struct filling *f, enum spend_body b)
{
    return f->human ? spend_body_name(b) : spend_body_word(b);
}

static void version_row(void *arg, const struct spend_version_row *v)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    table_set_text(f->t, r, 0, v->month);
    table_set_text(f->t, r, 1, body_text(f, v->body));
    table_set_int(f->t, r, 2, v->version);
    table_set_text(f->t, r, 3, v->current ? "yes" : "no");
    table_set_int(f->t, r, 4, v->items);
    set_money(f, r, 5, v->total_pence);
    table_set_int(f->t, r, 6, v->added);
    table_set_int(f->t, r, 7, v->removed);
    table_set_int(f->t, r, 8, v->changed);
    table_set_int(f->t, r, 9, v->redacted);
    table_set_text(f->t, r, 10, v->reason);
    table_set_text(f->t, r, 11, v->published_at);
    table_set_text(f->t, r, 12, v->file_name);
    table_set_text(f->t, r, 13, v->file_sha256);
}

int spend_versions_table(struct store *s, bool human, struct table *t, struct buf *err)
{
    static const char *const cols[] = {
        "month",   "spent_by", "version",  "current", "items",        "total", "added",
        "removed", "changed",  "redacted", "reason",  "published_at", "file",  "file_sha256"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Spend: every month's published versions");
    struct filling f = {t, human};
    return store_spend_versions(s, version_row, &f, err);
}

static void item_row(void *arg, enum spend_body body, int version, const struct spend_item *it)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    table_set_text(f->t, r, 0, it->date);
    table_set_text(f->t, r, 1, body_text(f, body));
    table_set_text(f->t, r, 2, it->body_name);
    table_set_text(f->t, r, 3, it->txn);
    table_set_text(f->t, r, 4, it->supplier);
    set_money(f, r, 5, it->amount_pence);
    table_set_text(f->t, r, 6, it->expense_type);
    table_set_text(f->t, r, 7, it->service_area);
    table_set_text(f->t, r, 8, it->purpose);
    table_set_text(f->t, r, 9, it->vfm);
    table_set_int(f->t, r, 10, version);
    table_set_text(f->t, r, 11, it->office_holder ? "yes" : "no");
}

int spend_items_table(struct store *s, const struct spend_filter *flt, bool human, struct table *t,
                      struct buf *err)
{
    static const char *const cols[] = {
        "date",     "spent_by",        "body",         "transaction_number",
        "supplier", "amount",          "expense_type", "service_area",
        "purpose",  "value_for_money", "version",      "office_holder"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Spend: items of the current versions");
    struct filling f = {t, human};
    return store_spend_items(s, flt, item_row, &f, err);
}

static void total_row(void *arg, const struct spend_total *tot)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    table_set_text(f->t, r, 0, tot->key);
    table_set_int(f->t, r, 1, tot->items);
    set_money(f, r, 2, tot->total_pence);
}

int spend_totals_table(struct store *s, const struct spend_filter *flt, enum spend_group g,
                       bool human, struct table *t, struct buf *err)
{
    static const char *const keys[] = {"month", "supplier", "expense_type"};
    static const char *const titles[] = {"Spend by month", "Spend by supplier",
                                         "Spend by expense type"};
    const char *cols[] = {keys[g], "items", "total"};
    table_init(t, 3, cols);
    table_set_title(t, titles[g]);
    struct filling f = {t, human};
    return store_spend_totals(s, flt, g, total_row, &f, err);
}

static void change_row(void *arg, const struct spend_change_row *c)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, c->txn);
    table_set_text(t, r, 1, c->kind);
    table_set_text(t, r, 2, c->fields);
}

int spend_changes_table(struct store *s, enum spend_body body, const char *month, int version,
                        struct table *t, struct buf *err)
{
    static const char *const cols[] = {"transaction_number", "change", "fields"};
    table_init(t, 3, cols);
    char title[96];
    snprintf(title, sizeof title, "What version %d of %s (%s) changed", version, month,
             spend_body_name(body));
    table_set_title(t, title);
    return store_spend_changes(s, body, month, version, change_row, t, err);
}
