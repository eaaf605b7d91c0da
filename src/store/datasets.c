/*
 * datasets.c - listing what the store holds, with its provenance (see
 * datasets.h).
 */
#include "store/datasets.h"
#include "store/store_internal.h"

#include <string.h>

static const char *text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static int64_t int_or(sqlite3_stmt *st, int col, int64_t none)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? none : sqlite3_column_int64(st, col);
}

/* Columns: kind, name, path, sha256, loaded_at, loaded_by, rows,
 * quarantined, bytes, first_month, last_month. */
static int each_file(struct store *s, const char *sql, dataset_file_fn fn, void *arg,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct dataset_file f = {.kind = text(st, 0),
                                 .name = text(st, 1),
                                 .path = text(st, 2),
                                 .sha256 = text(st, 3),
                                 .loaded_at = text(st, 4),
                                 .loaded_by = text(st, 5),
                                 .rows = int_or(st, 6, 0),
                                 .quarantined = int_or(st, 7, -1),
                                 .bytes = int_or(st, 8, -1),
                                 .first_month = (int)int_or(st, 9, -1),
                                 .last_month = (int)int_or(st, 10, -1)};
        fn(arg, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing datasets");
}

const char *dataset_kind_words(const char *kind)
{
    static const char *const words[][2] = {
        {"street", "police.uk street-level crime"},
        {"outcomes", "police.uk outcomes"},
        {"stop-and-search", "police.uk stop and search"},
        {"prc", "Home Office Police Recorded Crime tables"},
        {"metric values", "Metric values"},
        {"plan", "Police and Crime Plan"},
        {"areas", "Area lookup"},
        {"population", "Populations of LSOAs"},
        {"force-population", "Populations of police force areas"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(kind, words[i][0]) == 0)
            return words[i][1];
    return kind;
}

int store_dataset_imports(struct store *s, dataset_file_fn fn, void *arg, struct buf *err)
{
    return each_file(
        s,
        "SELECT f.kind, f.name, coalesce(l.path, f.path), coalesce(l.sha256, f.sha256), "
        "f.imported_at,"
        " coalesce(l.loaded_by, r.user), coalesce(l.rows_stored, f.rows_stored),"
        " coalesce(l.rows_quarantined, f.rows_quarantined), coalesce(l.bytes, f.bytes),"
        " (SELECT min(month) FROM slice WHERE file_id = f.id),"
        " (SELECT max(month) FROM slice WHERE file_id = f.id)"
        " FROM source_file f LEFT JOIN import_run r ON r.id = f.import_id"
        " LEFT JOIN prc_load l ON l.id = (SELECT max(id) FROM prc_load WHERE file_id = f.id)"
        " ORDER BY f.imported_at DESC, f.name",
        fn, arg, err);
}

/* Loads since migration 9 come from data_load, with the SHA-256 of the
 * file; a load made before it (before the first data_load row of its kind:
 * an older peel cannot write a newer store) from metric_load and plan,
 * whose content_hash is no SHA-256, so none is shown. */
int store_dataset_loads(struct store *s, dataset_file_fn fn, void *arg, struct buf *err)
{
    return each_file(
        s,
        "SELECT CASE kind WHEN 'plan' THEN 'plan' ELSE 'metric values' END,"
        " CASE kind WHEN 'plan' THEN detail ELSE path END, path, sha256, loaded_at, loaded_by,"
        " rows, NULL, bytes, NULL, NULL FROM data_load WHERE kind IN ('plan', 'metric-values')"
        " UNION ALL SELECT 'metric values', path, path, NULL, loaded_at, loaded_by, rows_read,"
        " NULL, NULL, NULL, NULL FROM metric_load WHERE loaded_at < coalesce((SELECT"
        " min(loaded_at) FROM data_load WHERE kind = 'metric-values'), '9')"
        " UNION ALL SELECT 'plan', plan_key || ' version ' || version, source_path,"
        " NULL, loaded_at, loaded_by, NULL, NULL, NULL, NULL, NULL FROM plan"
        " WHERE loaded_at < coalesce((SELECT min(loaded_at) FROM data_load WHERE kind = 'plan'),"
        " '9') ORDER BY 5 DESC, 2",
        fn, arg, err);
}

int store_dataset_lookup_loads(struct store *s, dataset_file_fn fn, void *arg, struct buf *err)
{
    return each_file(s,
                     /* the name: what follows the path's last '/' */
                     "SELECT kind, replace(path, rtrim(path, replace(path, '/', '')), ''), path,"
                     " sha256, loaded_at, loaded_by, rows, NULL, bytes, NULL, NULL FROM data_load"
                     " WHERE kind IN ('areas', 'population', 'force-population')"
                     " ORDER BY id DESC",
                     fn, arg, err);
}

int store_dataset_lookups(struct store *s, dataset_lookup_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT grouping, count(*), count(DISTINCT value) FROM area"
                                     " GROUP BY grouping ORDER BY grouping",
                                     err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing area lookups");
}

int store_dataset_populations(struct store *s, dataset_population_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT 'LSOAs', source, count(*), sum(population) FROM population GROUP BY source"
        " UNION ALL SELECT 'police force areas', source, count(*), sum(population)"
        " FROM force_population GROUP BY source ORDER BY 1, 2",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, text(st, 0), text(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing populations");
}
