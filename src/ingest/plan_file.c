/*
 * plan_file.c - reading plan files (see plan_file.h and docs/plans.md).
 *
 * libfyaml builds the document; this file walks it, checks every key and
 * value, and keeps going after an error so that one run reports every
 * mistake in the file, each with its line and column. Unknown keys are
 * errors too: a misspelt "polarty" must not silently mean "the default".
 */
#include "ingest/plan_file.h"
#include "model/iopc.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"
#include "util/utf8.h"

#include <assert.h>
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *file;
    struct buf *err;
    int errors;
};

/* ---- positions and messages --------------------------------------------- */

/* The 1-based line and column where a node starts. Collections have no
 * token of their own: their first key or item stands for them. */
static void node_mark(struct fy_node *n, int *line, int *col)
{
    *line = *col = 0;
    while (n) {
        if (fy_node_is_scalar(n) || fy_node_is_alias(n)) {
            struct fy_token *t = fy_node_get_scalar_token(n);
            const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
            if (m) {
                *line = m->line + 1;
                *col = m->column + 1;
            }
            return;
        }
        void *it = NULL;
        if (fy_node_is_mapping(n)) {
            struct fy_node_pair *pair = fy_node_mapping_iterate(n, &it);
            n = pair ? fy_node_pair_key(pair) : NULL;
        } else {
            n = fy_node_sequence_iterate(n, &it);
        }
    }
}

static void fail(struct parser *p, struct fy_node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Messages quote the file's own text: it is escaped, so that a key holding
 * a newline cannot start a line of output that does not say where it comes
 * from (found by fuzz_plan). */
static void fail(struct parser *p, struct fy_node *at, const char *fmt, ...)
{
    int line, col;
    node_mark(at, &line, &col);
    buf_printf(p->err, "%s:%d:%d: ", p->file, line, col);
    struct buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    buf_put_escaped(p->err, buf_str(&msg));
    buf_free(&msg);
    buf_putc(p->err, '\n');
    p->errors++;
}

/* ---- scalars ------------------------------------------------------------ */

static char *scalar_dup(struct fy_node *n)
{
    size_t len = 0;
    const char *s = fy_node_get_scalar(n, &len);
    return s ? xstrndup(s, len) : NULL;
}

/* A key given twice. libfyaml's own check compares each new key with every
 * earlier one (20,000 keys took 15.1 s), so it is switched off
 * (FYPCF_ALLOW_DUPLICATE_KEYS: 0.09 s) and done here, in one pass with a
 * hash map. Every mapping of an accepted plan goes through only_keys, so
 * none can hold a key twice. */
static bool repeated_key(struct parser *p, struct hmap *seen, struct fy_node *key, const char *what)
{
    size_t len = 0;
    const char *k = fy_node_is_scalar(key) ? fy_node_get_scalar(key, &len) : NULL;
    if (!k)
        return false; /* not text: refused as an unknown key */
    int fresh, line, col;
    int64_t *first = hmap_put(seen, k, len, &fresh);
    node_mark(key, &line, &col);
    if (fresh) {
        *first = line;
        return false;
    }
    fail(p, key, "%s: '%.*s' is given twice (first on line %lld)", what, (int)len, k,
         (long long)*first);
    return true;
}

static bool only_keys(struct parser *p, struct fy_node *map, const char *what,
                      const char *const *allowed)
{
    bool ok = true;
    void *it = NULL;
    struct fy_node_pair *pair;
    struct hmap seen; /* key -> line of its first use */
    hmap_init(&seen);
    while ((pair = fy_node_mapping_iterate(map, &it)) != NULL) {
        struct fy_node *key = fy_node_pair_key(pair);
        if (repeated_key(p, &seen, key, what))
            ok = false;
        const char *k = fy_node_get_scalar0(key);
        const char *const *a = allowed;
        while (*a && (!k || strcmp(*a, k) != 0))
            a++;
        if (!*a) {
            fail(p, key, "%s: unknown key '%s'", what, k ? k : "?");
            ok = false;
        }
    }
    hmap_free(&seen);
    return ok;
}

/* A text value; NULL (with an error if required) when absent. */
static char *text(struct parser *p, struct fy_node *map, const char *key, const char *what,
                  bool required)
{
    struct fy_node *v = fy_node_mapping_lookup_by_string(map, key, FY_NT);
    if (!v) {
        if (required)
            fail(p, map, "%s: '%s' is required", what, key);
        return NULL;
    }
    if (!fy_node_is_scalar(v)) {
        fail(p, v, "%s: '%s' must be text", what, key);
        return NULL;
    }
    return scalar_dup(v);
}

/* One of a fixed list of words; def when absent and not required. */
static int word(struct parser *p, struct fy_node *map, const char *key, const char *what,
                const char *const *words, int def, bool required)
{
    struct fy_node *v = fy_node_mapping_lookup_by_string(map, key, FY_NT);
    if (!v) {
        if (required)
            fail(p, map, "%s: '%s' is required", what, key);
        return def;
    }
    const char *s = fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
    for (int i = 0; s && words[i]; i++)
        if (strcmp(words[i], s) == 0)
            return i;
    struct buf choices = BUF_INIT;
    for (int i = 0; words[i]; i++)
        buf_printf(&choices, "%s%s", i ? ", " : "", words[i]);
    fail(p, v, "%s: '%s' must be one of %s", what, key, choices.p);
    buf_free(&choices);
    return def;
}

static bool number(struct parser *p, struct fy_node *v, const char *what, double *out)
{
    const char *s = v && fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
    char *end = NULL;
    double d = s ? strtod(s, &end) : NAN;
    if (!s || end == s || *end || !isfinite(d)) {
        fail(p, v, "%s: '%s' is not a number", what, s ? s : "(not text)");
        return false;
    }
    *out = d;
    return true;
}

static bool boolean(struct parser *p, struct fy_node *map, const char *key, const char *what)
{
    static const char *const words[] = {"false", "true", NULL};
    return word(p, map, key, what, words, 0, false) == 1;
}

/* ---- the tree ------------------------------------------------------------ */

/* target: exactly one of reduction, increase (each with a baseline financial
 * year), at-least or at-most; optionally by (a month) and text. */
static void parse_target(struct parser *p, struct fy_node *t, struct metric_target *out,
                         const char *what)
{
    static const char *const keys[] = {"reduction", "increase", "at-least", "at-most",
                                       "baseline",  "by",       "text",     NULL};
    static const char *const forms[] = {"reduction", "increase", "at-least", "at-most"};
    static const enum target_kind kinds[] = {TARGET_REDUCTION, TARGET_INCREASE, TARGET_LEVEL,
                                             TARGET_LEVEL};
    if (!fy_node_is_mapping(t)) {
        fail(p, t, "%s: 'target' must be a mapping (reduction:, increase:, at-least: or at-most:)",
             what);
        return;
    }
    only_keys(p, t, what, keys);
    struct fy_node *form = NULL;
    int which = -1, nforms = 0;
    for (int i = 0; i < 4; i++) {
        struct fy_node *v = fy_node_mapping_lookup_by_string(t, forms[i], FY_NT);
        if (v) {
            form = v;
            which = i;
            nforms++;
        }
    }
    if (nforms != 1) {
        fail(p, t, "%s: a target has exactly one of reduction, increase, at-least or at-most",
             what);
        return;
    }
    out->kind = kinds[which];
    out->at_most = which == 3;
    number(p, form, what, &out->value);
    out->text = text(p, t, "text", what, false);
    if (out->kind == TARGET_LEVEL) {
        struct fy_node *b = fy_node_mapping_lookup_by_string(t, "baseline", FY_NT);
        if (b)
            fail(p, b, "%s: 'baseline' is for a reduction or an increase, not a level", what);
    } else {
        out->baseline = text(p, t, "baseline", what, true);
        int fy;
        if (out->baseline && !fy_parse(out->baseline, &fy))
            fail(p, fy_node_mapping_lookup_by_string(t, "baseline", FY_NT),
                 "%s: 'baseline' must be a financial year, e.g. 2012-13", what);
    }
    struct fy_node *by = fy_node_mapping_lookup_by_string(t, "by", FY_NT);
    if (by) {
        size_t len = 0;
        const char *s = fy_node_is_scalar(by) ? fy_node_get_scalar(by, &len) : NULL;
        int month;
        if (!s || !month_parse(s, len, &month))
            fail(p, by, "%s: 'by' must be a month, YYYY-MM", what);
        else
            out->by = xstrndup(s, len);
    }
}

/* An optional list of text under `key`, NULL-terminated; *n gets its length. */
static char **text_list(struct parser *p, struct fy_node *d, const char *key, const char *one,
                        const char *what, size_t *n)
{
    struct fy_node *list = fy_node_mapping_lookup_by_string(d, key, FY_NT);
    *n = 0;
    if (!list)
        return NULL;
    if (!fy_node_is_sequence(list)) {
        fail(p, list, "%s: '%s' must be a list", what, key);
        return NULL;
    }
    char **out = xcalloc((size_t)fy_node_sequence_item_count(list) + 1, sizeof(char *));
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(list, &it)) != NULL) {
        if (!fy_node_is_scalar(item))
            fail(p, item, "%s: a%s %s must be text", what, one[0] == 'o' ? "n" : "", one);
        else
            out[(*n)++] = scalar_dup(item);
    }
    return out;
}

static void parse_definition(struct parser *p, struct fy_node *d, struct metric_definition *out,
                             const char *what)
{
    static const char *const keys[] = {"crime-types", "offence-groups", "measure",
                                       "area",        "per-1000",       NULL};
    if (!fy_node_is_mapping(d)) {
        fail(p, d, "%s: 'definition' must be a mapping", what);
        return;
    }
    only_keys(p, d, what, keys);
    out->measure = (enum metric_measure)word(p, d, "measure", what, metric_measure_words, 0, false);
    out->per_1000 = boolean(p, d, "per-1000", what);
    out->crime_types = text_list(p, d, "crime-types", "crime type", what, &out->ncrime_types);
    out->offence_groups =
        text_list(p, d, "offence-groups", "offence group", what, &out->noffence_groups);
    bool home_office = out->measure == MEASURE_HOME_OFFICE_OFFENCES;
    if (out->measure == MEASURE_PUBLISHED_MTFS &&
        (out->ncrime_types || out->noffence_groups || out->per_1000 ||
         fy_node_mapping_lookup_by_string(d, "area", FY_NT)))
        fail(p, d,
             "%s: measure published-mtfs reads the budget register: it takes no crime "
             "types, offence groups, area or per-1000",
             what);
    struct fy_node *wrong =
        fy_node_mapping_lookup_by_string(d, home_office ? "crime-types" : "offence-groups", FY_NT);
    if (wrong)
        fail(p, wrong,
             home_office ? "%s: a home-office-offences measure counts 'offence-groups', not "
                           "police.uk 'crime-types'"
                         : "%s: 'offence-groups' go with measure: home-office-offences",
             what);
    struct fy_node *area = fy_node_mapping_lookup_by_string(d, "area", FY_NT);
    if (area) {
        const char *s = fy_node_is_scalar(area) ? fy_node_get_scalar0(area) : NULL;
        const char *eq = s ? strchr(s, '=') : NULL;
        if (!eq || eq == s || !eq[1]) {
            fail(p, area, "%s: 'area' must be KEY=VALUE, e.g. rural_urban=Rural", what);
        } else {
            out->area_key = xstrndup(s, (size_t)(eq - s));
            out->area_value = xstrdup(eq + 1);
        }
    }
}

/* A whole number under key, 0 when absent. */
static int whole(struct parser *p, struct fy_node *map, const char *key, const char *what)
{
    struct fy_node *v = fy_node_mapping_lookup_by_string(map, key, FY_NT);
    double d;
    if (!v || !number(p, v, what, &d))
        return 0;
    if (d != floor(d) || d < 1 || d > 100000) {
        fail(p, v, "%s: '%s' must be a whole number", what, key);
        return 0;
    }
    return (int)d;
}

/* rebase: none, or a list of months YYYY-MM. */
static void parse_rebase(struct parser *p, struct fy_node *v, struct chart_options *out,
                         const char *what)
{
    out->rebase_set = true;
    if (fy_node_is_scalar(v) && strcmp(fy_node_get_scalar0(v), "none") == 0)
        return;
    if (!fy_node_is_sequence(v)) {
        fail(p, v, "%s: 'rebase' must be a list of months YYYY-MM, or none", what);
        return;
    }
    out->rebase = xcalloc((size_t)fy_node_sequence_item_count(v) + 1, sizeof *out->rebase);
    void *it = NULL;
    for (struct fy_node *m; (m = fy_node_sequence_iterate(v, &it)) != NULL;) {
        const char *s = fy_node_is_scalar(m) ? fy_node_get_scalar0(m) : NULL;
        if (!s || !month_parse(s, strlen(s), &out->rebase[out->nrebase]))
            fail(p, m, "%s: rebase month '%s' is not YYYY-MM", what, s ? s : "(not text)");
        else
            out->nrebase++;
    }
}

/* charts: the metric's chart options (model/chart_options.h). */
static void parse_charts(struct parser *p, struct fy_node *c, struct chart_options *out,
                         const char *what)
{
    static const char *const keys[] = {"screen-outliers", "baseline",   "rebase", "run-length",
                                       "trend-length",    "min-points", "funnel", NULL};
    if (!fy_node_is_mapping(c)) {
        fail(p, c, "%s: 'charts' must be a mapping", what);
        return;
    }
    only_keys(p, c, what, keys);
    if (fy_node_mapping_lookup_by_string(c, "screen-outliers", FY_NT))
        out->screen = boolean(p, c, "screen-outliers", what) ? 1 : -1;
    out->baseline = whole(p, c, "baseline", what);
    out->run_length = whole(p, c, "run-length", what);
    out->trend_length = whole(p, c, "trend-length", what);
    out->min_points = whole(p, c, "min-points", what);
    struct fy_node *rebase = fy_node_mapping_lookup_by_string(c, "rebase", FY_NT);
    if (rebase)
        parse_rebase(p, rebase, out, what);
    if (fy_node_mapping_lookup_by_string(c, "funnel", FY_NT))
        out->funnel = 1 + word(p, c, "funnel", what, chart_funnel_words, -1, false);
    const char *why = chart_options_check(out);
    if (why)
        fail(p, c, "%s: charts: %s", what, why);
}

/* The unit a metric must have to take an IOPC measure's figures: a count
 * or a number, a rate per 1,000, a percentage (0..100, as the IOPC writes
 * it); an average of days is a number. */
static bool iopc_unit_fits(enum iopc_unit u, enum metric_unit m)
{
    switch (u) {
    case IOPC_COUNT:
        return m == UNIT_COUNT || m == UNIT_NUMBER;
    case IOPC_RATE:
        return m == UNIT_RATE_PER_1000;
    case IOPC_PERCENT:
        return m == UNIT_PERCENT;
    case IOPC_DAYS:
    case IOPC_DAYS_STATED:
        return m == UNIT_NUMBER;
    }
    return false;
}

/* iopc: a measure of model/iopc.h (its code, or the IOPC's heading) whose
 * figure for the force is the metric's value (docs/plans.md): only for a
 * loaded metric, of a unit that fits the measure's. */
static void parse_iopc(struct parser *p, struct fy_node *m, struct plan_metric *out,
                       const char *what)
{
    struct fy_node *v = fy_node_mapping_lookup_by_string(m, "iopc", FY_NT);
    char *code = text(p, m, "iopc", what, false);
    if (!code)
        return;
    const struct iopc_measure *measure = iopc_measure_named(code);
    if (!measure)
        fail(p, v, "%s: iopc: '%s' is not an IOPC measure (docs/complaints-data.md)", what, code);
    else if (!out->loaded)
        fail(p, v, "%s: iopc: the IOPC's figures are loaded values: give 'loaded: true'", what);
    else if (!iopc_unit_fits(measure->unit, out->unit))
        fail(p, v, "%s: iopc: %s is in %s, which a metric in %s cannot hold", what, measure->code,
             iopc_unit_name(measure->unit), metric_unit_name(out->unit));
    else
        out->iopc = measure->code;
    free(code);
}

static void parse_metric(struct parser *p, struct fy_node *m, struct plan_metric *out)
{
    static const char *const keys[] = {"id",         "title",     "source", "unit",
                                       "polarity",   "frequency", "target", "loaded",
                                       "definition", "charts",    "iopc",   NULL};
    char what[160];
    out->id = text(p, m, "id", "metric", true);
    snprintf(what, sizeof what, "metric '%s'", out->id ? out->id : "?");
    int col;
    node_mark(m, &out->line, &col);
    only_keys(p, m, what, keys);
    out->title = text(p, m, "title", what, true);
    out->source = (enum metric_source)word(p, m, "source", what, metric_source_words, 0, true);
    out->unit = (enum metric_unit)word(p, m, "unit", what, metric_unit_words, 0, true);
    out->polarity =
        (enum metric_polarity)word(p, m, "polarity", what, metric_polarity_words, 0, true);
    out->frequency =
        (enum metric_frequency)word(p, m, "frequency", what, metric_frequency_words, 0, false);
    out->loaded = boolean(p, m, "loaded", what);
    struct fy_node *target = fy_node_mapping_lookup_by_string(m, "target", FY_NT);
    if (target)
        parse_target(p, target, &out->target, what);
    struct fy_node *def = fy_node_mapping_lookup_by_string(m, "definition", FY_NT);
    if (def)
        parse_definition(p, def, &out->def, what);
    if (!def == !out->loaded)
        fail(p, m, "%s: give either a 'definition' over recorded crime or 'loaded: true'", what);
    struct fy_node *charts = fy_node_mapping_lookup_by_string(m, "charts", FY_NT);
    if (charts)
        parse_charts(p, charts, &out->charts, what);
    parse_iopc(p, m, out, what);
}

/* Parses the list under key into an array of n items of size bytes. */
static void *list(struct parser *p, struct fy_node *map, const char *key, const char *what,
                  size_t size, size_t *n, bool required)
{
    struct fy_node *seq = fy_node_mapping_lookup_by_string(map, key, FY_NT);
    *n = 0;
    if (!seq) {
        if (required)
            fail(p, map, "%s: '%s' is required", what, key);
        return NULL;
    }
    if (!fy_node_is_sequence(seq)) {
        fail(p, seq, "%s: '%s' must be a list", what, key);
        return NULL;
    }
    int count = fy_node_sequence_item_count(seq);
    return xcalloc(count > 0 ? (size_t)count : 1, size);
}

static struct fy_node *item_at(struct fy_node *map, const char *key, void **it)
{
    return fy_node_sequence_iterate(fy_node_mapping_lookup_by_string(map, key, FY_NT), it);
}

static void parse_strategy(struct parser *p, struct fy_node *s, struct plan_strategy *out)
{
    static const char *const keys[] = {"id",      "title",   "success", "delivery",
                                       "measure", "metrics", NULL};
    char what[160];
    out->id = text(p, s, "id", "strategy", true);
    snprintf(what, sizeof what, "strategy '%s'", out->id ? out->id : "?");
    only_keys(p, s, what, keys);
    out->title = text(p, s, "title", what, true);
    out->success = text(p, s, "success", what, true);
    out->delivery = text(p, s, "delivery", what, true);
    out->measure = text(p, s, "measure", what, true);
    size_t n;
    out->metrics = list(p, s, "metrics", what, sizeof *out->metrics, &n, false);
    void *it = NULL;
    struct fy_node *m;
    while (out->metrics && (m = item_at(s, "metrics", &it)) != NULL) {
        if (!fy_node_is_mapping(m)) {
            fail(p, m, "%s: each metric must be a mapping", what);
            continue;
        }
        parse_metric(p, m, &out->metrics[out->nmetrics++]);
    }
}

static void parse_mission(struct parser *p, struct fy_node *m, struct plan_mission *out)
{
    static const char *const keys[] = {"id", "title", "summary", "strategies", NULL};
    char what[160];
    out->id = text(p, m, "id", "mission", true);
    snprintf(what, sizeof what, "mission '%s'", out->id ? out->id : "?");
    only_keys(p, m, what, keys);
    out->title = text(p, m, "title", what, true);
    out->summary = text(p, m, "summary", what, false);
    size_t n;
    out->strategies = list(p, m, "strategies", what, sizeof *out->strategies, &n, true);
    void *it = NULL;
    struct fy_node *s;
    while (out->strategies && (s = item_at(m, "strategies", &it)) != NULL) {
        if (!fy_node_is_mapping(s)) {
            fail(p, s, "%s: each strategy must be a mapping", what);
            continue;
        }
        parse_strategy(p, s, &out->strategies[out->nstrategies++]);
    }
}

/* Metric ids must be unique across the plan: commands name a metric by its
 * id alone (peel chart burglary). */
static void check_unique_metric_ids(struct parser *p, const struct plan *plan)
{
    assert(plan->missions || plan->nmissions == 0);
    struct hmap seen; /* id -> line of first use */
    hmap_init(&seen);
    for (size_t a = 0; a < plan->nmissions; a++) {
        const struct plan_mission *mission = &plan->missions[a];
        assert(mission->strategies || mission->nstrategies == 0);
        for (size_t b = 0; b < mission->nstrategies; b++) {
            const struct plan_strategy *s = &mission->strategies[b];
            assert(s->metrics || s->nmetrics == 0);
            for (size_t c = 0; c < s->nmetrics; c++) {
                const struct plan_metric *m = &s->metrics[c];
                if (!m->id)
                    continue;
                int fresh;
                int64_t *first = hmap_put(&seen, m->id, strlen(m->id), &fresh);
                if (fresh) {
                    *first = m->line;
                    continue;
                }
                buf_printf(p->err, "%s:%d:1: metric id '%s' is used twice (first on line %lld)\n",
                           p->file, m->line, m->id, (long long)*first);
                p->errors++;
            }
        }
    }
    hmap_free(&seen);
}

static void parse_plan(struct parser *p, struct fy_node *root, struct plan *out)
{
    static const char *const keys[] = {"id",     "title",    "force", "period",
                                       "vision", "missions", NULL};
    if (!fy_node_is_mapping(root)) {
        fail(p, root, "a plan file is a mapping with id, title, period, vision and missions");
        return;
    }
    only_keys(p, root, "plan", keys);
    out->id = text(p, root, "id", "plan", true);
    out->title = text(p, root, "title", "plan", true);
    out->force = text(p, root, "force", "plan", false);
    out->vision = text(p, root, "vision", "plan", true);
    struct fy_node *period = fy_node_mapping_lookup_by_string(root, "period", FY_NT);
    if (!period || !fy_node_is_mapping(period)) {
        fail(p, period ? period : root, "plan: 'period' must be a mapping with from and to");
    } else {
        static const char *const pkeys[] = {"from", "to", NULL};
        only_keys(p, period, "plan period", pkeys);
        out->period_from = text(p, period, "from", "plan period", true);
        out->period_to = text(p, period, "to", "plan period", true);
    }
    size_t n;
    out->missions = list(p, root, "missions", "plan", sizeof *out->missions, &n, true);
    void *it = NULL;
    struct fy_node *m;
    while (out->missions && (m = item_at(root, "missions", &it)) != NULL) {
        if (!fy_node_is_mapping(m)) {
            fail(p, m, "plan: each mission must be a mapping");
            continue;
        }
        parse_mission(p, m, &out->missions[out->nmissions++]);
    }
    check_unique_metric_ids(p, out);
}

/* YAML syntax errors, collected by libfyaml's diagnostics. */
static void syntax_errors(struct parser *p, struct fy_diag *diag)
{
    void *it = NULL;
    struct fy_diag_error *e;
    while ((e = fy_diag_errors_iterate(diag, &it)) != NULL) {
        buf_printf(p->err, "%s:%d:%d: YAML: ", p->file, e->line + 1, e->column + 1);
        buf_put_escaped(p->err, e->msg);
        buf_putc(p->err, '\n');
        p->errors++;
    }
    if (p->errors == 0) {
        buf_printf(p->err, "%s: cannot read the file\n", p->file);
        p->errors++;
    }
}

/* The first tab's line and column (1-based); false when there is none. */
static bool find_tab(const char *yaml, long *line, long *column)
{
    *line = 1;
    const char *start = yaml;
    for (const char *c = yaml; *c; c++) {
        if (*c == '\t') {
            *column = (long)(c - start) + 1;
            return true;
        }
        if (*c == '\n') {
            ++*line;
            start = c + 1;
        }
    }
    return false;
}

/* What libfyaml is never given. Text that is not UTF-8 hung it (fuzz_plan,
 * corpus/plan/hang-directive-not-utf8.yaml); a tab after an explicit key
 * makes libfyaml 0.7.12 dereference NULL as it cleans up after the error
 * (corpus/plan/segv-tab-explicit-key.yaml: "? x:<TAB>:"). YAML forbids tabs
 * in indentation, and a plan needs none anywhere, so a tab is refused with
 * its place. */
static bool plain_text(const char *name, const char *yaml, struct buf *err)
{
    long line, column;
    if (!utf8_valid(yaml, strlen(yaml), &line, &column)) {
        buf_printf(err, "%s:%ld:%ld: not UTF-8 text (save the plan as UTF-8)", name, line, column);
        return false;
    }
    if (find_tab(yaml, &line, &column)) {
        buf_printf(err, "%s:%ld:%ld: a tab character: indent and separate with spaces", name, line,
                   column);
        return false;
    }
    return true;
}

static bool parse(const char *name, const char *yaml, struct plan *out, struct buf *err)
{
    *out = (struct plan){0};
    struct parser p = {name, err, 0};
    if (strlen(yaml) > PLAN_MAX_BYTES) {
        buf_printf(err, "%s: larger than the %d bytes a plan file may be", name, PLAN_MAX_BYTES);
        return false;
    }
    if (!plain_text(name, yaml, err))
        return false;
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_ALLOW_DUPLICATE_KEYS, .diag = diag};
    struct fy_document *doc = fy_document_build_from_string(&cfg, yaml, FY_NT);
    if (!doc)
        syntax_errors(&p, diag);
    else if (!fy_document_root(doc))
        fail(&p, NULL, "empty plan file");
    else
        parse_plan(&p, fy_document_root(doc), out);
    fy_document_destroy(doc);
    fy_diag_destroy(diag);
    if (p.errors) {
        if (err->len && err->p[err->len - 1] == '\n')
            err->p[--err->len] = '\0';
        plan_free(out);
    }
    return p.errors == 0;
}

/* The line and column of the first NUL byte. */
static void nul_position(const char *text, size_t at, long *line, long *column)
{
    const char *start = text;
    *line = 1;
    for (const char *c = text; c < text + at; c++)
        if (*c == '\n') {
            ++*line;
            start = c + 1;
        }
    *column = (long)(text + at - start) + 1;
}

bool plan_read_file(const char *path, struct buf *text, struct buf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    size_t start = text->len, n;
    char chunk[65536];
    /* one byte past the cap is enough to know the file is over it */
    while (text->len - start <= PLAN_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(text, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        buf_printf(err, "%s: read error", path);
        return false;
    }
    if (text->len - start > PLAN_MAX_BYTES) {
        buf_printf(err, "%s: larger than the %d bytes a plan file may be", path, PLAN_MAX_BYTES);
        return false;
    }
    const char *nul = text->len > start ? memchr(text->p + start, '\0', text->len - start) : NULL;
    if (nul) {
        long line, column;
        nul_position(text->p + start, (size_t)(nul - text->p) - start, &line, &column);
        buf_printf(err, "%s:%ld:%ld: a NUL byte: a plan file is text", path, line, column);
        return false;
    }
    return true;
}

/* Read here, not by libfyaml, so that every file passes the UTF-8 check. */
bool plan_parse_file(const char *path, struct plan *out, struct buf *err)
{
    struct buf text = BUF_INIT;
    bool ok = plan_read_file(path, &text, err) && parse(path, buf_str(&text), out, err);
    buf_free(&text);
    return ok;
}

bool plan_parse_string(const char *name, const char *yaml, struct plan *out, struct buf *err)
{
    return parse(name, yaml, out, err);
}
