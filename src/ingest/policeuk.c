/*
 * policeuk.c - recognising and checking data.police.uk rows (see policeuk.h).
 */
#include "ingest/policeuk.h"
#include "util/coord.h"
#include "util/month.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const street_header[PU_STREET_COLUMNS] = {"Crime ID",
                                                             "Month",
                                                             "Reported by",
                                                             "Falls within",
                                                             "Longitude",
                                                             "Latitude",
                                                             "Location",
                                                             "LSOA code",
                                                             "LSOA name",
                                                             "Crime type",
                                                             "Last outcome category",
                                                             "Context"};

static const char *const outcomes_header[PU_OUTCOMES_COLUMNS] = {
    "Crime ID", "Month",    "Reported by", "Falls within", "Longitude",
    "Latitude", "Location", "LSOA code",   "LSOA name",    "Outcome type"};

static const char *const stop_search_header[PU_STOP_SEARCH_COLUMNS] = {
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing"};

static const char *const *header_of(enum pu_kind kind)
{
    switch (kind) {
    case PU_STREET:
        return street_header;
    case PU_OUTCOMES:
        return outcomes_header;
    case PU_STOP_SEARCH:
        return stop_search_header;
    case PU_UNKNOWN:
        break;
    }
    return NULL;
}

size_t pu_kind_columns(enum pu_kind kind)
{
    switch (kind) {
    case PU_STREET:
        return PU_STREET_COLUMNS;
    case PU_OUTCOMES:
        return PU_OUTCOMES_COLUMNS;
    case PU_STOP_SEARCH:
        return PU_STOP_SEARCH_COLUMNS;
    case PU_UNKNOWN:
        break;
    }
    return 0;
}

const char *pu_kind_name(enum pu_kind kind)
{
    switch (kind) {
    case PU_STREET:
        return "street";
    case PU_OUTCOMES:
        return "outcomes";
    case PU_STOP_SEARCH:
        return "stop-and-search";
    case PU_UNKNOWN:
        break;
    }
    return "unknown";
}

const char *pu_kind_header(enum pu_kind kind)
{
    switch (kind) {
    case PU_STREET:
        return "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
               "LSOA name,Crime type,Last outcome category,Context";
    case PU_OUTCOMES:
        return "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
               "LSOA name,Outcome type";
    case PU_STOP_SEARCH:
        return "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,"
               "Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,"
               "Object of search,Outcome,Outcome linked to object of search,"
               "Removal of more than just outer clothing";
    case PU_UNKNOWN:
        break;
    }
    return "";
}

/* Header names compare without regard to case or surrounding blanks:
 * spreadsheet round-trips sometimes change either. */
static bool name_is(const struct csv_field *f, const char *name)
{
    const char *p = f->p, *e = f->p + f->len;
    while (p < e && isspace((unsigned char)*p))
        p++;
    while (e > p && isspace((unsigned char)e[-1]))
        e--;
    size_t n = strlen(name);
    return (size_t)(e - p) == n && strncasecmp(p, name, n) == 0;
}

enum pu_kind pu_recognise(const struct csv_record *header)
{
    static const enum pu_kind kinds[] = {PU_STREET, PU_OUTCOMES, PU_STOP_SEARCH};
    if (header->error)
        return PU_UNKNOWN;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const char *const *names = header_of(kinds[k]);
        size_t n = pu_kind_columns(kinds[k]);
        if (header->nfields != n)
            continue;
        size_t i = 0;
        while (i < n && name_is(&header->fields[i], names[i]))
            i++;
        if (i == n)
            return kinds[k];
    }
    return PU_UNKNOWN;
}

bool pu_blank_record(const struct csv_record *rec)
{
    return rec->nfields == 1 && rec->fields[0].len == 0 && !rec->error;
}

#define T(f) ((struct text){(f).p, (f).len})

static bool fail(struct pu_problem *why, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(struct pu_problem *why, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    why->column = column;
    vsnprintf(why->reason, sizeof why->reason, fmt, ap);
    va_end(ap);
    return false;
}

/* Printable excerpt of a field for messages (at most 40 bytes). */
#define SHOW(f) (int)((f).len > 40 ? 40 : (f).len), (f).p

/* A NUL byte would be stored, but every reader of the text (SQLite's
 * text functions, C strings, the pages) stops at it, so the field would
 * read back cut short: the row is quarantined instead, naming the column.
 * One memchr over the record's raw bytes finds whether to look. */
static bool check_no_nul(const struct csv_record *rec, enum pu_kind kind, struct pu_problem *why)
{
    if (!memchr(rec->raw, '\0', rec->rawlen))
        return true;
    const char *const *names = header_of(kind);
    for (size_t i = 0; i < rec->nfields; i++)
        if (memchr(rec->fields[i].p, '\0', rec->fields[i].len))
            return fail(why, names[i], "a NUL byte (0x00) in the field");
    return fail(why, NULL, "a NUL byte (0x00)"); /* between fields: cannot happen */
}

static bool check_shape(const struct csv_record *rec, enum pu_kind kind, struct pu_problem *why)
{
    if (rec->error)
        return fail(why, NULL, "malformed CSV: %s", rec->error);
    size_t want = pu_kind_columns(kind);
    if (rec->nfields != want)
        return fail(why, NULL, "wrong number of columns: expected %zu, found %zu", want,
                    rec->nfields);
    return check_no_nul(rec, kind, why);
}

/* A coordinate is either empty or a finite decimal number within range;
 * *read says whether it was coord_parse_micro's form, and its value. */
static bool check_coordinate(const struct csv_field *f, const char *column, double limit,
                             struct coord_read *read, struct pu_problem *why)
{
    read->micro = false;
    if (f->len == 0)
        return true;
    /* the published form, checked without floating point */
    if (coord_parse_micro(f->p, f->len, &read->v)) {
        if (read->v < -limit * 1e6 || read->v > limit * 1e6)
            return fail(why, column, "%.*s is out of range (-%g to %g)", SHOW(*f), limit, limit);
        read->micro = true;
        return true;
    }
    char tmp[48];
    if (f->len >= sizeof tmp)
        return fail(why, column, "'%.*s' is not a number", SHOW(*f));
    memcpy(tmp, f->p, f->len);
    tmp[f->len] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    /* end must reach the field's end: strtod stops early at a NUL byte */
    if (end != tmp + f->len || f->len == 0 || !isfinite(v) || isspace((unsigned char)tmp[0]))
        return fail(why, column, "'%.*s' is not a number", SHOW(*f));
    if (v < -limit || v > limit)
        return fail(why, column, "%s is out of range (-%g to %g)", tmp, limit, limit);
    return true;
}

static bool check_location(const struct csv_field *lon, const struct csv_field *lat,
                           struct coord_read *lon_read, struct coord_read *lat_read,
                           struct pu_problem *why)
{
    if (!check_coordinate(lon, "Longitude", 180, lon_read, why) ||
        !check_coordinate(lat, "Latitude", 90, lat_read, why))
        return false;
    if ((lon->len == 0) != (lat->len == 0))
        return fail(why, lon->len ? "Latitude" : "Longitude",
                    "empty while the other coordinate is given");
    return true;
}

static bool check_month(const struct csv_field *f, int *month, struct pu_problem *why)
{
    if (!month_parse(f->p, f->len, month))
        return fail(why, "Month", "'%.*s' is not a month (YYYY-MM)", SHOW(*f));
    return true;
}

static bool require(const struct csv_field *f, const char *column, struct pu_problem *why)
{
    return f->len > 0 || fail(why, column, "empty");
}

/* The bytes of a street record up to its last column (Context), when every
 * field before it was read as it stands: each then starts one byte (its
 * comma) after the one before ends. A quoted field starts two bytes on (its
 * quote), an unescaped one in the reader's scratch buffer. */
static struct text source_head(const struct csv_record *rec)
{
    const struct csv_field *f = rec->fields;
    if (f[0].p != rec->raw)
        return (struct text){NULL, 0};
    for (size_t i = 1; i < PU_STREET_COLUMNS; i++)
        if (f[i].p != f[i - 1].p + f[i - 1].len + 1)
            return (struct text){NULL, 0};
    return (struct text){rec->raw, (size_t)(f[PU_STREET_COLUMNS - 1].p - rec->raw)};
}

bool pu_parse_street(const struct csv_record *rec, struct street_row *out, struct pu_problem *why)
{
    if (!check_shape(rec, PU_STREET, why))
        return false;
    const struct csv_field *f = rec->fields;
    *out = (struct street_row){.crime_id = T(f[0]),
                               .reported_by = T(f[2]),
                               .falls_within = T(f[3]),
                               .longitude = T(f[4]),
                               .latitude = T(f[5]),
                               .location = T(f[6]),
                               .lsoa_code = T(f[7]),
                               .lsoa_name = T(f[8]),
                               .crime_type = T(f[9]),
                               .outcome = T(f[10]),
                               .context = T(f[11]),
                               .source = source_head(rec)};
    return check_month(&f[1], &out->month, why) && require(&f[2], "Reported by", why) &&
           require(&f[3], "Falls within", why) &&
           check_location(&f[4], &f[5], &out->longitude_read, &out->latitude_read, why) &&
           require(&f[9], "Crime type", why);
}

bool pu_parse_outcome(const struct csv_record *rec, struct outcome_row *out, struct pu_problem *why)
{
    if (!check_shape(rec, PU_OUTCOMES, why))
        return false;
    const struct csv_field *f = rec->fields;
    *out = (struct outcome_row){.crime_id = T(f[0]),
                                .reported_by = T(f[2]),
                                .falls_within = T(f[3]),
                                .longitude = T(f[4]),
                                .latitude = T(f[5]),
                                .location = T(f[6]),
                                .lsoa_code = T(f[7]),
                                .lsoa_name = T(f[8]),
                                .outcome_type = T(f[9])};
    return require(&f[0], "Crime ID", why) && check_month(&f[1], &out->month, why) &&
           require(&f[2], "Reported by", why) && require(&f[3], "Falls within", why) &&
           check_location(&f[4], &f[5], &out->longitude_read, &out->latitude_read, why) &&
           require(&f[9], "Outcome type", why);
}

bool pu_parse_stop_search(const struct csv_record *rec, struct stop_search_row *out,
                          struct pu_problem *why)
{
    if (!check_shape(rec, PU_STOP_SEARCH, why))
        return false;
    for (size_t i = 0; i < PU_STOP_SEARCH_COLUMNS; i++)
        out->col[i] = T(rec->fields[i]);
    const struct csv_field *date = &rec->fields[1];
    if (!month_parse_date(date->p, date->len, &out->month))
        return fail(why, "Date", "'%.*s' is not an ISO 8601 date", SHOW(*date));
    struct coord_read ignored; /* the store keeps a search's coordinates as read */
    return check_coordinate(&rec->fields[4], "Latitude", 90, &ignored, why) &&
           check_coordinate(&rec->fields[5], "Longitude", 180, &ignored, why);
}
