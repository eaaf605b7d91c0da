/*
 * audit_table.c - the audit log as a table (see audit_table.h).
 */
#include "assess/audit_table.h"

static void add_entry(void *arg, const struct audit_entry *e)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_int(t, r, 0, e->seq);
    const char *text[] = {e->at,     e->by.actor, e->by.origin, e->action, e->object,
                          e->before, e->after,    e->prev_hash, e->hash};
    for (size_t c = 0; c < sizeof text / sizeof text[0]; c++)
        table_set_text(t, r, c + 1, text[c]);
}

int audit_table(struct store *s, int64_t after, int64_t limit, struct table *t, struct buf *err)
{
    static const char *const cols[] = {"seq",    "at",     "actor", "origin",    "action",
                                       "object", "before", "after", "prev_hash", "hash"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Audit log (oldest first)");
    return store_audit_list(s, after, limit, add_entry, t, err);
}
