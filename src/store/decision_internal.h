/*
 * decision_internal.h - what the decision register's store files share
 * (decisions.c, decision_import.c, decision_read.c); not for other modules.
 */
#ifndef PEEL_STORE_DECISION_INTERNAL_H
#define PEEL_STORE_DECISION_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/decisions.h"

/* The columns of struct decision_text, in the order decision_bind_text
 * binds them. */
#define DECISION_TEXT_COLUMNS                                                                      \
    "title, summary, background, decision, reasons, alternatives, conflicts, amount_pence,"        \
    " budget_line, financial, legal, equality, lead_officer"

/* An exempt part x's date to be reviewed: its last review's, else its own. */
#define CURRENT_REVIEW                                                                             \
    "coalesce((SELECT r.review_on FROM decision_exempt_review r WHERE r.exempt_id = x.id"          \
    " ORDER BY r.id DESC LIMIT 1), x.review_on)"

struct decision_exempt_arg {
    const char *field, *text, *ground, *review_on, *why;
};

void decision_bind_text(sqlite3_stmt *st, int first, const struct decision_text *t);
int decision_actor_role(struct store *s, const char *username, char role[64], struct buf *err);
int decision_run(struct store *s, const char *sql, int64_t id, const char *const *texts, int n,
                 struct buf *err);
int decision_event(struct store *s, int64_t id, const char *from, enum decision_state to,
                   const char *actor, const char *why, struct buf *err);
int decision_fts_sync(struct store *s, int64_t id, struct buf *err);
int decision_json(struct store *s, int64_t id, char **out, struct buf *err);
int decision_audit(struct store *s, const char *action, const char *ref, const char *before,
                   const char *after, const struct audit_origin *by, struct buf *err);
bool decision_date_ok(const char *d);
int decision_text_check(const struct decision_text *t, bool to_decide, struct buf *err);
int decision_insert(struct store *s, const struct decision_new *d, const char *actor, int64_t *id,
                    struct buf *err);
int decision_exempt_insert(struct store *s, int64_t id, const struct decision_exempt_arg *a,
                           const char *actor, struct buf *err);
int decision_document_insert(struct store *s, int64_t id, const char *name, const char *url,
                             const char *sha256, bool public_, struct buf *err);

#endif
