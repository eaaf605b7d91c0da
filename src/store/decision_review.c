/*
 * decision_review.c - the reads of the exempt parts' reviews (decisions.h):
 * the parts due for review, for the staff home page and `peel decision
 * reviews`, and the parts released at a review, for the public page.
 *
 * An exempt part is held until a review releases it (decision_exempt_held,
 * migration 16). The public read here is the only public query that names
 * decision_exempt.text, and it joins the release: a part not released
 * cannot be selected by it whatever the caller asks.
 */
#include "store/decision_internal.h"
#include "store/decisions.h"
#include "store/store_internal.h"

#include <assert.h>

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int store_decision_released_public(struct store *s, const char *ref, decision_released_fn fn,
                                   void *arg, struct buf *err)
{
    assert(fn);
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT x.field, x.text, x.ground, substr(r.at, 1, 10), r.why FROM decision d"
        " JOIN decision_exempt x ON x.decision_id = d.id AND x.field != '*'"
        " JOIN decision_exempt_review r ON r.exempt_id = x.id AND r.outcome = 'released'"
        " WHERE d.ref = ?1"
        "  AND (SELECT to_state FROM decision_event e WHERE e.decision_id = d.id"
        "   ORDER BY e.id DESC LIMIT 1) IN ('published', 'rescinded')"
        "  AND NOT EXISTS(SELECT 1 FROM decision_exempt_held h WHERE h.decision_id = d.id"
        "   AND h.field = '*')"
        " ORDER BY r.id",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct decision_released_row r = {col(st, 0), col(st, 1), col(st, 2), col(st, 3),
                                          col(st, 4)};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a decision's released parts");
}

int store_decision_reviews_due(struct store *s, const char *by_date, decision_review_fn fn,
                               void *arg, bool *more, struct buf *err)
{
    assert(fn && more);
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT d.ref, d.subject, x.field, x.ground, " CURRENT_REVIEW " AS due"
                      " FROM decision_exempt_held x JOIN decision d ON d.id = x.decision_id"
                      " WHERE due IS NOT NULL AND (?1 IS NULL OR due <= ?1)"
                      " ORDER BY due, d.ref, x.id LIMIT ?2",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, by_date, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, DECISION_REVIEWS_MAX + 1);
    int rc, n = 0;
    *more = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (++n > DECISION_REVIEWS_MAX) {
            *more = true;
            continue;
        }
        struct decision_review_row r = {col(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4)};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the exempt parts due for review");
}
