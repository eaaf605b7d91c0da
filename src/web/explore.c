/*
 * explore.c - the explorer's parameters checked (see explore.h).
 *
 * Each parameter name has one reader; a name with none is refused, so a
 * mistyped filter ("crimetype=") is an error rather than a silently
 * unfiltered result.
 */
#include "web/explore.h"
#include "util/month.h"
#include "web/page.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(struct buf *err, const char *name, const char *why, const char *value)
{
    buf_printf(err, "%s: %s", name, why);
    if (value)
        buf_printf(err, " (got '%s')", value);
    return 400;
}

static int read_month(const char *name, const char *v, int *month, const char **text,
                      struct buf *err)
{
    if (!month_parse(v, strlen(v), month))
        return refuse(err, name, "a month is written YYYY-MM, e.g. 2021-04", v);
    *text = v;
    return 200;
}

static int add_value(const char *name, const char *v, const char **list, int *n, struct buf *err)
{
    if (*n == EXPLORE_MAX_VALUES)
        return refuse(err, name, "at most 8 values", NULL);
    list[(*n)++] = v;
    return 200;
}

static int read_int(const char *name, const char *v, long long lo, long long hi, long long *out,
                    struct buf *err)
{
    char *end;
    errno = 0;
    long long n = v[0] >= '0' && v[0] <= '9' ? strtoll(v, &end, 10) : -1;
    if (n < lo || n > hi || errno || *end)
        return refuse(err, name,
                      hi == EXPLORE_MAX_SIZE ? "a whole number from 1 to 1000"
                                             : "a row id, as the page's links give",
                      v);
    *out = n;
    return 200;
}

/* One group_by value: names separated by commas, each a dimension. */
static int add_dims(struct explore_query *x, struct store *s, const char *v, struct buf *err)
{
    struct stats_query *q = &x->q;
    for (const char *p = v; *p;) {
        size_t n = strcspn(p, ",");
        if (n > 0) {
            if (q->ndims == EXPLORE_MAX_GROUP)
                return refuse(err, "group_by", "at most 4 dimensions", v);
            char *name = x->group_text + (size_t)q->ndims * (WEB_MAX_PARAM_LEN + 1);
            memcpy(name, p, n); /* n <= WEB_MAX_PARAM_LEN: v is one parameter */
            name[n] = '\0';
            if (!stats_dim_parse(s, name, &q->dims[q->ndims])) {
                buf_printf(err, "group_by: cannot group by '%s': use %s", name, stats_dim_names());
                return 400;
            }
            q->ndims++;
        }
        p += n + (p[n] == ',');
    }
    return 200;
}

static bool known(const char *name)
{
    static const char *const names[] = {"from",    "to",       "force", "district", "crime_type",
                                        "outcome", "group_by", "_size", "_next"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static int read_param(struct explore_query *x, struct store *s, const struct web_param *pm,
                      struct buf *err)
{
    const char *name = pm->name, *v = pm->value;
    struct stats_query *q = &x->q;
    long long n = 0;
    int rc = 200;
    if (!known(name))
        return refuse(err, name,
                      "no such parameter: use from, to, force, district, crime_type, outcome, "
                      "group_by, _size or _next",
                      NULL);
    if (!*v)
        return 200; /* an empty form field filters nothing */
    if (strcmp(name, "from") == 0) {
        rc = read_month(name, v, &q->month_from, &x->from, err);
    } else if (strcmp(name, "to") == 0) {
        rc = read_month(name, v, &q->month_to, &x->to, err);
    } else if (strcmp(name, "force") == 0) {
        q->force = v;
    } else if (strcmp(name, "district") == 0) {
        if (q->area_value)
            return refuse(err, name, "one district at a time", v);
        q->area_key = "district";
        q->area_value = v;
    } else if (strcmp(name, "crime_type") == 0) {
        rc = add_value(name, v, x->crime_types, &q->ncrime_types, err);
    } else if (strcmp(name, "outcome") == 0) {
        rc = add_value(name, v, x->outcomes, &q->noutcomes, err);
    } else if (strcmp(name, "group_by") == 0) {
        rc = add_dims(x, s, v, err);
    } else if (strcmp(name, "_size") == 0) {
        rc = read_int(name, v, 1, EXPLORE_MAX_SIZE, &n, err);
        x->size = (int)n;
    } else {
        rc = read_int(name, v, 0, INT64_MAX, &n, err);
        x->next = n;
    }
    return rc;
}

int explore_parse(const struct web_target *t, struct store *s, struct explore_query *x,
                  struct buf *err)
{
    *x = (struct explore_query){.q = {.month_from = -1, .month_to = -1}};
    x->q.crime_types = x->crime_types;
    x->q.outcomes = x->outcomes;
    for (size_t i = 0; i < t->nparams; i++) {
        int rc = read_param(x, s, &t->params[i], err);
        if (rc != 200)
            return rc;
    }
    if (x->q.month_from >= 0 && x->q.month_to >= 0 && x->q.month_from > x->q.month_to)
        return refuse(err, "to", "the last month is before the first (from)", x->to);
    return 200;
}

static void put_param(struct buf *out, size_t start, const char *name, const char *value)
{
    if (!value)
        return;
    buf_puts(out, out->len > start ? "&" : "");
    buf_puts(out, name);
    buf_putc(out, '=');
    page_percent_encode(out, value);
}

void explore_query_string(const struct explore_query *x, bool paging, int64_t next, struct buf *out)
{
    const struct stats_query *q = &x->q;
    size_t start = out->len;
    put_param(out, start, "from", x->from);
    put_param(out, start, "to", x->to);
    put_param(out, start, "force", q->force);
    put_param(out, start, "district", q->area_value);
    for (int i = 0; i < q->ncrime_types; i++)
        put_param(out, start, "crime_type", q->crime_types[i]);
    for (int i = 0; i < q->noutcomes; i++)
        put_param(out, start, "outcome", q->outcomes[i]);
    if (q->ndims > 0) {
        struct buf dims = BUF_INIT;
        for (int i = 0; i < q->ndims; i++)
            buf_printf(&dims, "%s%s", i ? "," : "", q->dims[i].label);
        put_param(out, start, "group_by", buf_str(&dims));
        buf_free(&dims);
    }
    if (!paging)
        return;
    char n[24];
    if (x->size) {
        snprintf(n, sizeof n, "%d", x->size);
        put_param(out, start, "_size", n);
    }
    if (next) {
        snprintf(n, sizeof n, "%lld", (long long)next);
        put_param(out, start, "_next", n);
    }
}
