/*
 * fund_facts.c - the sent applications of the Safety Fund as its
 * statistics count them (see fund_apply.h): one row each, with the award
 * that answers it, if any. The counting is assess/fund_stats.c's.
 */
#include "store/fund_apply.h"
#include "store/store_internal.h"

int store_fund_application_facts(struct store *s, const char *round, bool public_only,
                                 fund_fact_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT r.key, p.district, p.priorities, p.amount_pence, p.eligible,"
                      " w.amount_pence IS NOT NULL, coalesce(w.amount_pence, 0)"
                      " FROM fund_application p JOIN fund_round r ON r.id = p.round_id"
                      " LEFT JOIN fund_award w ON w.application_id = p.id"
                      " WHERE p.submitted_on IS NOT NULL AND (?1 IS NULL OR r.key = ?1)"
                      " AND (?2 = 0 OR (SELECT e.to_state FROM decision d JOIN decision_event e"
                      "   ON e.decision_id = d.id WHERE d.ref = '" FUND_DECISION_PREFIX "' || r.key"
                      "   ORDER BY e.id DESC LIMIT 1) = 'published')"
                      " ORDER BY r.opens_on, r.key, p.id",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, public_only);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_application_fact f = {.round = store_column_text(st, 0),
                                          .district = store_column_text(st, 1),
                                          .priorities = store_column_text(st, 2),
                                          .requested_pence = sqlite3_column_int64(st, 3),
                                          .eligible = sqlite3_column_int(st, 4) == 1,
                                          .awarded = sqlite3_column_int(st, 5) != 0,
                                          .awarded_pence = sqlite3_column_int64(st, 6)};
        fn(arg, &f);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading applications");
    sqlite3_finalize(st);
    return out;
}
