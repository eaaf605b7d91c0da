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

static int cannot_group(struct store *s, const char *name, struct buf *err)
{
    struct buf loaded = BUF_INIT, why = BUF_INIT;
    if (s && store_groupings(s, &loaded, &why) < 0)
        buf_reset(&loaded); /* the sentence still names the fixed dimensions */
    buf_printf(err, "group_by: cannot group by '%s': use %s%s%s%s", name, stats_dim_names(),
               loaded.len ? " (loaded: " : "", buf_str(&loaded), loaded.len ? ")" : "");
    buf_free(&loaded);
    buf_free(&why);
    return 400;
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
            if (!stats_dim_parse(s, name, &q->dims[q->ndims]))
                return cannot_group(s, name, err);
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

/* A grouping named like one of the explorer's own parameters, or with
 * the underscore that marks them, would be read as that parameter: it
 * cannot be a filter here (peel stats --area still takes it). */
bool explore_is_area(struct store *s, const char *name)
{
    if (strcmp(name, "district") == 0 || strcmp(name, "lsoa") == 0)
        return true;
    return !known(name) && name[0] != '_' && s && store_has_grouping(s, name);
}

void explore_each_area(struct store *s, void (*fn)(void *arg, const char *name), void *arg)
{
    fn(arg, "district");
    struct buf loaded = BUF_INIT, err = BUF_INIT;
    if (s && store_groupings(s, &loaded, &err) < 0) /* then district and lsoa only */
        fprintf(stderr, "peel serve: explore: %s\n", buf_str(&err));
    /* store_groupings joins the names with ", " */
    for (char *name = loaded.p; name && *name;) {
        char *end = strstr(name, ", ");
        if (end)
            *end = '\0';
        if (strcmp(name, "district") != 0 && strcmp(name, "lsoa") != 0 && explore_is_area(s, name))
            fn(arg, name);
        name = end ? end + 2 : NULL;
    }
    fn(arg, "lsoa");
    buf_free(&loaded);
    buf_free(&err);
}

static void list_name(void *arg, const char *name)
{
    struct buf *b = arg;
    buf_printf(b, "%s%s", b->len ? ", " : "", name);
}

static int unknown(struct store *s, const char *name, struct buf *err)
{
    struct buf areas = BUF_INIT;
    explore_each_area(s, list_name, &areas);
    buf_printf(err,
               "%s: no such parameter: use from, to, force, crime_type, outcome, group_by, "
               "_size or _next, or one area: %s",
               name, buf_str(&areas));
    buf_free(&areas);
    return 400;
}

/* The query holds one area; a second is refused rather than one of them
 * silently dropped. */
static int set_area(struct stats_query *q, const char *name, const char *v, struct buf *err)
{
    if (q->area_key && strcmp(q->area_key, name) == 0) {
        buf_printf(err,
                   "%s: one value at a time (got '%s' and '%s'); group_by=%s counts each of "
                   "them",
                   name, q->area_value, v, name);
        return 400;
    }
    if (q->area_key) {
        buf_printf(err,
                   "%s: one area at a time, and %s=%s is chosen too: the counts are of one "
                   "area, so choose %s or %s (group_by splits the result by either)",
                   name, q->area_key, q->area_value, q->area_key, name);
        return 400;
    }
    q->area_key = name;
    q->area_value = v;
    return 200;
}

static int read_param(struct explore_query *x, struct store *s, const struct web_param *pm,
                      struct buf *err)
{
    const char *name = pm->name, *v = pm->value;
    struct stats_query *q = &x->q;
    long long n = 0;
    int rc = 200;
    bool area = explore_is_area(s, name);
    if (!area && !known(name))
        return unknown(s, name, err);
    if (!*v)
        return 200; /* an empty form field filters nothing */
    if (area)
        return set_area(q, name, v, err);
    if (strcmp(name, "from") == 0) {
        rc = read_month(name, v, &q->month_from, &x->from, err);
    } else if (strcmp(name, "to") == 0) {
        rc = read_month(name, v, &q->month_to, &x->to, err);
    } else if (strcmp(name, "force") == 0) {
        q->force = v;
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
    if (q->area_key)
        put_param(out, start, q->area_key, q->area_value);
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
