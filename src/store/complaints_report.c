/*
 * complaints_report.c - the sections of the Commissioner's annual
 * complaints report and the year's review cases counted (see
 * complaints_report.h).
 */
#include "store/complaints_report.h"
#include "model/calendar.h"
#include "model/iopc.h"
#include "store/concerns_internal.h"
#include "store/store_internal.h"
#include "util/month.h"
#include "util/utf8.h"

#include <string.h>

/* Why text may not be a section's, or NULL. */
static const char *text_problem(const char *text)
{
    size_t n = strlen(text);
    if (strspn(text, " \t\r\n") == n)
        return "the text is blank";
    if (n > COMPLAINTS_TEXT_MAX)
        return "the text is longer than 20,000 bytes";
    long line, column;
    if (!utf8_valid(text, n, &line, &column))
        return "the text is not valid UTF-8";
    for (const char *c = text; *c; c++)
        if (((unsigned char)*c < 0x20 && *c != '\n' && *c != '\r' && *c != '\t') || *c == 0x7f)
            return "the text holds a control character";
    return NULL;
}

static int insert_text(struct store *s, const char *year, const char *section, const char *text,
                       const struct audit_origin *by, int *version, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO complaints_report_text(year, section, version, text, saved_at, saved_by)"
        " SELECT ?1, ?2, coalesce(max(version), 0) + 1, ?3, " STORE_NOW ", ?4"
        " FROM complaints_report_text WHERE year = ?1 AND section = ?2 RETURNING version",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, section, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, err, "storing a report's section");
    if (rc == 0)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int store_complaints_text_put(struct store *s, int fy, const char *section, const char *text,
                              const struct audit_origin *by, int *version, struct buf *err)
{
    const char *why = complaints_section_named(section) ? text_problem(text) : NULL;
    if (!complaints_section_named(section)) {
        buf_printf(err, "there is no section %s (", section);
        for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
            buf_printf(err, "%s%s", i ? ", " : "", complaints_sections[i].code);
        buf_puts(err, ")");
        return COMPLAINTS_REFUSED;
    }
    if (why) {
        buf_printf(err, "section %s: %s", section, why);
        return COMPLAINTS_REFUSED;
    }
    char year[FY_TEXT_SIZE], key[FY_TEXT_SIZE + 40];
    fy_format(fy, year);
    snprintf(key, sizeof key, "%s/%s", year, section);
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = insert_text(s, year, section, text, by, version, err);
    if (rc == 0) /* the text is kept whole in its own table; the log says how long */
        rc = store_audit_fact(s, "complaints-report.text", "complaints-report", key,
                              json_pack("{sisssssi}", "version", *version, "section", section,
                                        "year", year, "bytes", (int)strlen(text)),
                              by, err);
    return store_finish(s, rc, err);
}

int store_complaints_texts(struct store *s, int fy, complaints_text_fn fn, void *arg,
                           struct buf *err)
{
    char year[FY_TEXT_SIZE];
    fy_format(fy, year);
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT section, text, saved_at, saved_by, version FROM complaints_report_text t"
        " WHERE year = ?1 AND version = (SELECT max(version) FROM complaints_report_text u"
        "  WHERE u.year = t.year AND u.section = t.section) ORDER BY section",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct complaints_text_view v = {store_column_text(st, 0), store_column_text(st, 1),
                                         store_column_text(st, 2), store_column_text(st, 3),
                                         sqlite3_column_int(st, 4)};
        fn(arg, &v);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : store_fail(s, err, "reading a report's sections");
}

/* The year's first and last days as text, for SQL. */
static void year_span(int fy, char from[DATE_TEXT_SIZE], char to[DATE_TEXT_SIZE])
{
    int first, last;
    date_months_span(fy_first_month(fy), 12, &first, &last);
    date_format(first, from);
    date_format(last, to);
}

/* One count over the year's span (?1, ?2). */
static int count_in_year(struct store *s, const char *sql, const char *from, const char *to,
                         int64_t *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, err, "counting reviews");
    if (rc == 0)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

#define REVIEW_EVENTS(kind)                                                                        \
    "SELECT count(*) FROM concern_event e JOIN concern c ON c.id = e.concern_id"                   \
    " WHERE c.kind = 'review' AND e.kind = '" kind "' AND e.on_date BETWEEN ?1 AND ?2"

int store_review_year(struct store *s, int fy, struct review_year *out, struct buf *err)
{
    *out = (struct review_year){0};
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    year_span(fy, from, to);
    int rc = concern_review_assessment(s, fy_first_month(fy), 12, &out->a, err);
    if (rc == 0)
        rc = count_in_year(s, REVIEW_EVENTS("recommended"), from, to, &out->recommendations, err);
    if (rc == 0)
        rc = count_in_year(s, REVIEW_EVENTS("responded"), from, to, &out->responses, err);
    if (rc == 0) /* a recommendation by the year's end, no response by then */
        rc =
            count_in_year(s,
                          "SELECT count(*) FROM concern c WHERE c.kind = 'review'"
                          " AND EXISTS (SELECT 1 FROM concern_event e WHERE e.concern_id = c.id"
                          "  AND e.kind = 'recommended' AND e.on_date <= ?2)"
                          " AND NOT EXISTS (SELECT 1 FROM concern_event e WHERE e.concern_id = c.id"
                          "  AND e.kind = 'responded' AND e.on_date <= ?2)",
                          from, to, &out->awaiting, err);
    return rc;
}

int store_review_themes(struct store *s, int fy, review_theme_fn fn, void *arg, struct buf *err)
{
    return store_review_themes_span(s, fy_first_month(fy), 12, fn, arg, err);
}

int store_review_themes_span(struct store *s, int first, int months, review_theme_fn fn, void *arg,
                             struct buf *err)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    int a, b;
    date_months_span(first, months, &a, &b);
    date_format(a, from);
    date_format(b, to);
    /* each review received in the year, once per category it has (or once
     * with none), with whether it was decided upheld */
    sqlite3_stmt *st = store_prepare(
        s,
        "WITH r AS (SELECT c.id, EXISTS (SELECT 1 FROM concern_event e WHERE e.concern_id = c.id"
        "   AND e.kind = 'decided' AND e.note = 'not-reasonable') AS upheld"
        "  FROM concern c WHERE c.kind = 'review' AND c.received_on BETWEEN ?1 AND ?2)"
        " SELECT coalesce(k.code, ''), coalesce(g.label, 'Not categorised'), count(*),"
        "  sum(r.upheld) FROM r LEFT JOIN concern_category k ON k.concern_id = r.id"
        " LEFT JOIN allegation_category g ON g.code = k.code"
        " GROUP BY k.code ORDER BY k.code IS NULL, k.code",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct review_theme t = {store_column_text(st, 0), store_column_text(st, 1),
                                 sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)};
        fn(arg, &t);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : store_fail(s, err, "counting reviews by category");
}
