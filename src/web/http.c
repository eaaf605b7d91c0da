/*
 * http.c - entity tags, HTTP dates and conditional requests (see http.h).
 *
 * Dates are formatted and parsed by hand, not with strftime/strptime, whose
 * day and month names follow the locale: HTTP's are always English.
 */
#include "web/http.h"
#include "util/sha256.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void web_etag(const void *body, size_t n, char out[WEB_ETAG_SIZE])
{
    struct sha256 c;
    char hex[SHA256_HEX_SIZE];
    sha256_init(&c);
    sha256_update(&c, body, n);
    sha256_hex(&c, hex);
    snprintf(out, WEB_ETAG_SIZE, "\"%.32s\"", hex);
}

/* The next entity tag in a comma-separated list, W/ removed: its start and
 * length; false at the end. */
static bool next_tag(const char **p, const char **tag, size_t *len)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == ',')
        s++;
    if (!*s)
        return false;
    if (s[0] == 'W' && s[1] == '/')
        s += 2;
    const char *end = s;
    if (*end == '"') {
        const char *close = strchr(end + 1, '"');
        end = close ? close + 1 : end + strlen(end);
    } else {
        end += strcspn(end, ", \t");
    }
    *tag = s;
    *len = (size_t)(end - s);
    *p = end;
    return true;
}

bool web_etag_matches(const char *if_none_match, const char *etag)
{
    if (!if_none_match)
        return false;
    if (strncmp(etag, "W/", 2) == 0) /* weak comparison: W/ on either side is ignored */
        etag += 2;
    const char *p = if_none_match, *tag;
    size_t len;
    while (next_tag(&p, &tag, &len)) {
        if (len == 1 && tag[0] == '*')
            return true;
        if (len == strlen(etag) && memcmp(tag, etag, len) == 0)
            return true;
    }
    return false;
}

/* The value of n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Fields read into tm, checked for range; false if any is not a number. */
static bool fill_tm(struct tm *tm, int year, int mon, int mday, int hour, int min, int sec)
{
    if (year < 0 || mon < 1 || mon > 12 || mday < 1 || mday > 31 || hour < 0 || hour > 23 ||
        min < 0 || min > 59 || sec < 0 || sec > 60)
        return false;
    *tm = (struct tm){.tm_year = year - 1900,
                      .tm_mon = mon - 1,
                      .tm_mday = mday,
                      .tm_hour = hour,
                      .tm_min = min,
                      .tm_sec = sec};
    return true;
}

bool web_iso_time(const char *iso, struct tm *tm)
{
    /* YYYY-MM-DDTHH:MM:SSZ, as every loader stamps its rows */
    return iso && strlen(iso) == 20 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' &&
           iso[13] == ':' && iso[16] == ':' && iso[19] == 'Z' &&
           fill_tm(tm, digits(iso, 4), digits(iso + 5, 2), digits(iso + 8, 2), digits(iso + 11, 2),
                   digits(iso + 14, 2), digits(iso + 17, 2));
}

static bool parse_iso(const char *iso, time_t *out)
{
    struct tm tm;
    if (!web_iso_time(iso, &tm))
        return false;
    *out = timegm(&tm);
    return *out != (time_t)-1;
}

bool web_http_date(const char *iso, char out[WEB_DATE_SIZE])
{
    time_t t;
    struct tm tm;
    if (!parse_iso(iso, &t) || !gmtime_r(&t, &tm))
        return false;
    snprintf(out, WEB_DATE_SIZE, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return true;
}

static int month_number(const char *s)
{
    for (int i = 0; i < 12; i++)
        if (strncmp(s, months[i], 3) == 0)
            return i + 1;
    return -1;
}

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form a server
 * sends and the one browsers echo back; the obsolete forms are not
 * recognised (no 304 then). */
static bool parse_http_date(const char *s, time_t *out)
{
    struct tm tm;
    if (strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' || strcmp(s + 25, " GMT") != 0 ||
        !fill_tm(&tm, digits(s + 12, 4), month_number(s + 8), digits(s + 5, 2), digits(s + 17, 2),
                 digits(s + 20, 2), digits(s + 23, 2)))
        return false;
    *out = timegm(&tm);
    return *out != (time_t)-1;
}

bool web_not_modified_since(const char *if_modified_since, const char *iso)
{
    time_t since, modified;
    return if_modified_since && parse_http_date(if_modified_since, &since) &&
           parse_iso(iso, &modified) && modified <= since;
}
