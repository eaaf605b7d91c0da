/*
 * calendar.c - the calendar in use, and loads of it (see calendar.h).
 */
#include "store/calendar.h"
#include "store/store_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy(char *dst, size_t n, const unsigned char *src)
{
    snprintf(dst, n, "%s", src ? (const char *)src : "");
}

/* The latest load into src (load_id 0 when there is none). 0, or -1. */
static int latest_load(struct store *s, struct calendar_source *src, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT id, sha256, path, loaded_at, loaded_by"
                                     " FROM calendar_load ORDER BY id DESC LIMIT 1",
                                     err);
    if (!st)
        return -1;
    *src = (struct calendar_source){0};
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        src->load_id = sqlite3_column_int64(st, 0);
        copy(src->sha256, sizeof src->sha256, sqlite3_column_text(st, 1));
        copy(src->path, sizeof src->path, sqlite3_column_text(st, 2));
        copy(src->loaded_at, sizeof src->loaded_at, sqlite3_column_text(st, 3));
        copy(src->loaded_by, sizeof src->loaded_by, sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the calendar");
}

/* The holidays of load `id` into out; 0, or -1 with err naming the row. */
static int load_holidays(struct store *s, int64_t id, struct holiday_list *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT date, title, notes, bunting FROM calendar_holiday"
                                     " WHERE load_id = ?1 ORDER BY date LIMIT 1025",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        int date;
        bad = !text || !date_parse(text, strlen(text), &date) ||
              holiday_list_add(out, date, (const char *)sqlite3_column_text(st, 1),
                               (const char *)sqlite3_column_text(st, 2),
                               sqlite3_column_int(st, 3)) != NULL;
        if (bad)
            buf_printf(err, "calendar load %lld: the holiday '%s' is not a date, or too long",
                       (long long)id, text ? text : "");
    }
    sqlite3_finalize(st);
    if (bad)
        return -1;
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "reading the bank holidays");
    const char *why = holiday_list_finish(out);
    if (why)
        buf_printf(err, "calendar load %lld: %s", (long long)id, why);
    return why ? -1 : 0;
}

int store_calendar_get(struct store *s, struct holiday_list *out, struct calendar_source *src,
                       struct buf *err)
{
    if (latest_load(s, src, err) < 0)
        return -1;
    if (src->load_id == 0) {
        holiday_list_shipped(out);
        memcpy(src->sha256, out->sha256, sizeof src->sha256);
        return 0;
    }
    if (load_holidays(s, src->load_id, out, err) < 0) {
        holiday_list_free(out);
        return -1;
    }
    memcpy(out->sha256, src->sha256, sizeof out->sha256);
    return 0;
}

/* The calendar as the audit log keeps it: where from, how many, the span. */
static char *calendar_json(const struct holiday_list *l, const struct calendar_source *src)
{
    char first[DATE_TEXT_SIZE] = "", last[DATE_TEXT_SIZE] = "";
    if (l->n) {
        date_format(l->dates[0], first);
        date_format(l->dates[l->n - 1], last);
    }
    json_t *j = json_object();
    json_object_set_new(j, "source", json_string(src->load_id ? "loaded" : "shipped"));
    json_object_set_new(j, "load", src->load_id ? json_integer(src->load_id) : json_null());
    json_object_set_new(j, "path", json_string(src->path));
    json_object_set_new(j, "sha256", json_string(src->sha256));
    json_object_set_new(j, "holidays", json_integer((json_int_t)l->n));
    json_object_set_new(j, "first", json_string(first));
    json_object_set_new(j, "last", json_string(last));
    char *out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return out;
}

/* The rows of a new load; its id into *id. */
static int insert_load(struct store *s, const char *path, const struct holiday_list *l,
                       const char *actor, int64_t *id, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO calendar_load(division, path, sha256, holidays,"
                      " loaded_at, loaded_by) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                      err);
    sqlite3_stmt *h = st ? store_prepare(s,
                                         "INSERT INTO calendar_holiday(load_id, date, title, notes,"
                                         " bunting) VALUES(?1, ?2, ?3, ?4, ?5)",
                                         err)
                         : NULL;
    int rc = st && h ? 0 : -1;
    if (rc == 0) {
        sqlite3_bind_text(st, 1, HOLIDAYS_DIVISION, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, l->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)l->n);
        sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a calendar load");
        *id = sqlite3_last_insert_rowid(s->db);
    }
    for (size_t i = 0; rc == 0 && i < l->n; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(l->items[i].date, date);
        sqlite3_bind_int64(h, 1, *id);
        sqlite3_bind_text(h, 2, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(h, 3, l->items[i].title, -1, SQLITE_STATIC);
        sqlite3_bind_text(h, 4, l->items[i].notes, -1, SQLITE_STATIC);
        sqlite3_bind_int(h, 5, l->items[i].bunting);
        if (sqlite3_step(h) != SQLITE_DONE)
            rc = store_fail(s, err, "storing a bank holiday");
        sqlite3_reset(h);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(h);
    return rc;
}

/* Inside the transaction: the load and its audit row, unless unchanged. */
static int load_audited(struct store *s, const char *path, const struct holiday_list *l,
                        const struct audit_origin *by, int64_t *load_id, struct buf *err)
{
    struct holiday_list now;
    struct calendar_source was, is;
    holiday_list_init(&now);
    if (store_calendar_get(s, &now, &was, err) < 0)
        return -1;
    int rc = strcmp(was.sha256, l->sha256) == 0 ? CALENDAR_UNCHANGED : 0;
    *load_id = was.load_id; /* the one in use, when unchanged */
    if (rc == 0)
        rc = insert_load(s, path, l, by->actor, load_id, err);
    if (rc == 0)
        rc = latest_load(s, &is, err);
    if (rc == 0) {
        char *before = calendar_json(&now, &was), *after = calendar_json(l, &is);
        struct audit_entry e = {.by = *by,
                                .action = "calendar.load",
                                .object = "calendar:" HOLIDAYS_DIVISION,
                                .before = before,
                                .after = after};
        rc = store_audit_append(s, &e, err);
        free(before);
        free(after);
    }
    holiday_list_free(&now);
    return rc;
}

int store_calendar_load(struct store *s, const char *path, const struct holiday_list *l,
                        const struct audit_origin *by, int64_t *load_id, struct buf *err)
{
    struct calendar c = holiday_list_calendar(l);
    const char *why = l->n == 0             ? "no events"
                      : l->n > HOLIDAYS_MAX ? "more than 1024 events"
                                            : calendar_check(&c);
    if (why) {
        buf_printf(err, "%s: not a calendar: %s", path, why);
        return -1;
    }
    *load_id = 0;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = load_audited(s, path, l, by, load_id, err);
    if (rc >= 0 && store_exec(s, rc == 0 ? "COMMIT" : "ROLLBACK", err) == 0)
        return rc;
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    return -1;
}
