/*
 * updated.c - when the data last changed (see updated.h).
 */
#include "store/updated.h"
#include "model/synthetic.h"
#include "store/store_internal.h"

#include <stdio.h>

int store_last_update(struct store *s, char out[STORE_TIME_SIZE], struct buf *err)
{
    /* Every loader stamps its rows with strftime('%Y-%m-%dT%H:%M:%SZ'), so
     * the text's order is time order. */
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT max(t) FROM ("
                                     " SELECT max(coalesce(finished_at, started_at)) AS t"
                                     " FROM import_run"
                                     " UNION ALL SELECT max(imported_at) FROM source_file"
                                     " UNION ALL SELECT max(loaded_at) FROM plan"
                                     " UNION ALL SELECT max(loaded_at) FROM metric_load"
                                     " UNION ALL SELECT max(loaded_at) FROM prc_load)",
                                     err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    const unsigned char *t = rc == 0 ? sqlite3_column_text(st, 0) : NULL;
    snprintf(out, STORE_TIME_SIZE, "%s", t ? (const char *)t : "");
    if (rc < 0)
        store_fail(s, err, "reading when the data last changed");
    sqlite3_finalize(st);
    return rc;
}

long long store_data_version(struct store *s)
{
    struct buf err = BUF_INIT;
    sqlite3_stmt *st = store_prepare(s, "PRAGMA data_version", &err);
    buf_free(&err);
    long long v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

bool store_holds_generated(struct store *s)
{
    struct buf err = BUF_INIT;
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT EXISTS (SELECT 1 FROM lsoa WHERE code BETWEEN"
                      " '" SYNTH_LSOA_LOW_E "' AND '" SYNTH_LSOA_HIGH_E "'"
                      " OR code BETWEEN '" SYNTH_LSOA_LOW_W "' AND '" SYNTH_LSOA_HIGH_W "')",
                      &err);
    buf_free(&err);
    bool yes = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    return yes;
}
