/*
 * bank_holidays_file.c - gov.uk's bank-holidays.json read and checked
 * (see bank_holidays_file.h).
 */
#include "ingest/bank_holidays_file.h"
#include "util/sha256.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_PROBLEMS 20

struct check {
    const char *name;
    struct buf *err;
    int problems;
};

/* Notes one problem as "NAME: FIELD: what", one a line. */
static void problem(struct check *ck, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct check *ck, const char *field, const char *fmt, ...)
{
    if (ck->problems++ >= MAX_PROBLEMS)
        return;
    if (ck->err->len)
        buf_putc(ck->err, '\n');
    buf_printf(ck->err, "%s: %s: ", ck->name, field);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(ck->err, fmt, ap);
    va_end(ap);
}

/* A string member of ev, or NULL after noting why not. */
static const char *text(struct check *ck, json_t *ev, const char *key, const char *at,
                        bool empty_ok)
{
    char field[96];
    snprintf(field, sizeof field, "%s.%s", at, key);
    const char *s = json_string_value(json_object_get(ev, key));
    if (!s)
        problem(ck, field, "missing, or not a string");
    else if (!empty_ok && !*s)
        problem(ck, field, "empty");
    else if (strlen(s) > HOLIDAY_TEXT_MAX)
        problem(ck, field, "longer than %d bytes", HOLIDAY_TEXT_MAX);
    else
        return s;
    return NULL;
}

/* One event, added to out when it is good. */
static void read_event(struct check *ck, json_t *ev, size_t i, struct holiday_list *out)
{
    char at[64], field[96];
    snprintf(at, sizeof at, HOLIDAYS_DIVISION ".events[%zu]", i);
    if (!json_is_object(ev)) {
        problem(ck, at, "not an object");
        return;
    }
    const char *title = text(ck, ev, "title", at, false);
    const char *notes = text(ck, ev, "notes", at, true);
    const char *date_text = text(ck, ev, "date", at, false);
    json_t *bunting = json_object_get(ev, "bunting");
    int date = DATE_NONE;
    snprintf(field, sizeof field, "%s.date", at);
    if (date_text && !date_parse(date_text, strlen(date_text), &date))
        problem(ck, field, "'%s' is not a date YYYY-MM-DD of 1900 to 2999", date_text);
    else if (date_text && date_weekday(date) >= 6)
        problem(ck, field,
                "%s is a %s: a bank holiday is a weekday (gov.uk lists the substitute "
                "day instead)",
                date_text, date_weekday(date) == 6 ? "Saturday" : "Sunday");
    snprintf(field, sizeof field, "%s.bunting", at);
    if (!json_is_boolean(bunting))
        problem(ck, field, "missing, or not true or false");
    if (!title || !notes || date == DATE_NONE || date_weekday(date) >= 6 ||
        !json_is_boolean(bunting))
        return;
    const char *why = holiday_list_add(out, date, title, notes, json_is_true(bunting));
    if (why)
        problem(ck, at, "%s", why);
}

/* The events of the division, or NULL after noting why there are none. */
static json_t *division_events(struct check *ck, json_t *root)
{
    json_t *div = json_object_get(root, HOLIDAYS_DIVISION);
    const char *name = json_string_value(json_object_get(div, "division"));
    json_t *events = json_object_get(div, "events");
    if (!json_is_object(div)) {
        problem(ck, HOLIDAYS_DIVISION, "missing: this is not gov.uk's bank-holidays.json");
        return NULL;
    }
    if (!name || strcmp(name, HOLIDAYS_DIVISION) != 0)
        problem(ck, HOLIDAYS_DIVISION ".division", "must be '" HOLIDAYS_DIVISION "'");
    if (!json_is_array(events) || json_array_size(events) == 0)
        problem(ck, HOLIDAYS_DIVISION ".events", "missing, or not a non-empty array");
    else if (json_array_size(events) > HOLIDAYS_MAX)
        problem(ck, HOLIDAYS_DIVISION ".events", "more than %d events", HOLIDAYS_MAX);
    else
        return events;
    return NULL;
}

static void read_division(struct check *ck, json_t *root, struct holiday_list *out)
{
    json_t *events = division_events(ck, root);
    size_t i;
    if (!events)
        return;
    for (i = 0; i < json_array_size(events); i++)
        read_event(ck, json_array_get(events, i), i, out);
    if (ck->problems == 0) {
        const char *why = holiday_list_finish(out);
        if (why)
            problem(ck, HOLIDAYS_DIVISION ".events", "%s", why);
    }
}

int bank_holidays_parse(const char *name, const char *data, size_t n, struct holiday_list *out,
                        struct buf *err)
{
    struct check ck = {.name = name, .err = err};
    json_error_t je;
    json_t *root = NULL;
    if (n > BANK_HOLIDAYS_FILE_MAX)
        problem(&ck, "size", "larger than %u bytes", BANK_HOLIDAYS_FILE_MAX);
    else if (!(root = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je)))
        problem(&ck, "not JSON", "line %d, column %d: %s", je.line, je.column, je.text);
    else
        read_division(&ck, root, out);
    json_decref(root);
    if (ck.problems > MAX_PROBLEMS)
        buf_printf(err, "\n%s: %d more problems", name, ck.problems - MAX_PROBLEMS);
    if (ck.problems == 0) {
        sha256_of(data, n, out->sha256);
        return 0;
    }
    holiday_list_free(out);
    return -1;
}

int bank_holidays_read(const char *path, struct holiday_list *out, struct buf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct buf data = BUF_INIT;
    buf_grow(&data, BANK_HOLIDAYS_FILE_MAX + 1);
    size_t n = fread(data.p, 1, BANK_HOLIDAYS_FILE_MAX + 1, f);
    bool bad = ferror(f);
    fclose(f);
    int rc = -1;
    if (bad)
        buf_printf(err, "%s: cannot read: %s", path, strerror(errno));
    else
        rc = bank_holidays_parse(path, data.p, n, out, err);
    buf_free(&data);
    return rc;
}
