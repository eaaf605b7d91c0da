/*
 * fund_choices.c - what an application may choose: the districts and
 * partnerships of the area lookup and the plan priorities a round serves,
 * and the check that an application chose among them (see fund_apply.h).
 * One rule for the public form, the CLI and the store itself, so that the
 * statistics by priority and the map group by values they know.
 */
#include "model/plan.h"
#include "store/query.h"
#include "store/fund_apply.h"
#include "store/areas.h"
#include "store/plans.h"
#include "store/store_internal.h"
#include "util/mem.h"
#include "util/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRIORITY_LIST 40 /* at most this many valid priorities are listed in a refusal */

static void push(char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = xstrdup(s);
}

/* A priority: its key and its title, at the same index. */
static void push_priority(struct fund_choices *c, const char *key, const char *title)
{
    size_t n = c->npriorities;
    push(&c->keys, &n, key);
    push(&c->titles, &c->npriorities, title);
}

/* The distinct values of an area grouping, in order (store_grouping_values),
 * kept in an array; an empty value is no choice. */
struct collected {
    char ***v;
    size_t *n;
};

static void collect(void *arg, const char *value)
{
    struct collected *c = arg;
    if (value && *value)
        push(c->v, c->n, value);
}

static int grouping_values(struct store *s, const char *grouping, char ***v, size_t *n,
                           struct buf *err)
{
    return store_grouping_values(s, grouping, collect, &(struct collected){v, n}, err);
}

/* The missions the round of key (or of the application of that
 * reference) serves, "m1, m2" ("" for none): 0 or FUND_UNKNOWN. */
static int round_missions(struct store *s, const char *key, struct buf *missions, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT missions FROM fund_round WHERE key = ?1"
                                     " UNION ALL SELECT r.missions FROM fund_application a"
                                     " JOIN fund_round r ON r.id = a.round_id WHERE a.ref = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = FUND_UNKNOWN;
    if (step == SQLITE_ROW) {
        buf_puts(missions, store_column_text(st, 0));
        rc = FUND_OK;
    } else if (step != SQLITE_DONE) {
        rc = store_fail(s, err, "reading a round");
    } else {
        buf_printf(err, "no round or application %s", key);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The next key of a list as plan_keys_normalise stores it ("m1, m2.s3"):
 * its start in *k, its length returned, *k moved past it; 0 at the end. */
static size_t next_key(const char **k, const char **key)
{
    *key = *k;
    size_t n = strcspn(*k, ",");
    *k += n + ((*k)[n] != '\0');
    *k += **k == ' ';
    return n;
}

/* The round's keys (as plan_keys_normalise stores them: a round's missions
 * are checked when it is added) with their titles in plan p (NULL: none
 * loaded); every mission of p when the round names none. */
static void priorities(struct fund_choices *c, const char *missions, const struct plan *p)
{
    char key[32], bad[32];
    struct buf keys = BUF_INIT;
    /* a round stored before its missions were checked: the keys before the
     * first that is not one */
    (void)plan_keys_normalise(missions, &keys, bad, sizeof bad);
    const char *a;
    for (const char *k = buf_str(&keys); *k;) {
        size_t n = next_key(&k, &a);
        if (n < sizeof key) {
            snprintf(key, sizeof key, "%.*s", (int)n, a);
            const char *title = p ? plan_key_title(p, a, n) : NULL;
            push_priority(c, key, title ? title : key);
        }
    }
    buf_free(&keys);
    for (size_t m = 0; !*missions && p && m < p->nmissions; m++) {
        snprintf(key, sizeof key, "m%zu", m + 1);
        push_priority(c, key, p->missions[m].title);
    }
}

/* The code of each of c's partnerships, "" for none. */
static int csp_codes(struct store *s, struct fund_choices *c, struct buf *err)
{
    c->csp_codes = xcalloc(c->ncsps ? c->ncsps : 1, sizeof *c->csp_codes);
    struct buf code = BUF_INIT;
    int rc = FUND_OK;
    for (size_t i = 0; rc == FUND_OK && i < c->ncsps; i++) {
        int found = store_area_code(s, "csp", c->csps[i], &code, err);
        if (found < 0)
            rc = -1;
        c->csp_codes[i] = xstrdup(found == 0 ? buf_str(&code) : "");
    }
    buf_free(&code);
    return rc;
}

int store_fund_choices(struct store *s, const char *round, struct fund_choices *c, struct buf *err)
{
    *c = (struct fund_choices){0};
    struct buf missions = BUF_INIT;
    int rc = round_missions(s, round, &missions, err);
    if (rc == FUND_OK)
        rc = grouping_values(s, "district", &c->districts, &c->ndistricts, err);
    if (rc == FUND_OK)
        rc = grouping_values(s, "csp", &c->csps, &c->ncsps, err);
    if (rc == FUND_OK)
        rc = csp_codes(s, c, err);
    struct plan p = {0};
    struct plan_version which;
    int read = rc == FUND_OK ? store_plan_read(s, NULL, 0, &p, &which, err) : 1;
    if (read < 0)
        rc = -1;
    if (rc == FUND_OK)
        priorities(c, buf_str(&missions), read == 0 ? &p : NULL);
    if (read == 0)
        plan_free(&p);
    buf_free(&missions);
    return rc;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void fund_choices_free(struct fund_choices *c)
{
    free_list(c->districts, c->ndistricts);
    if (c->csp_codes)
        free_list(c->csp_codes, c->ncsps);
    free_list(c->csps, c->ncsps);
    free_list(c->keys, c->npriorities);
    free_list(c->titles, c->npriorities);
    *c = (struct fund_choices){0};
}

static bool listed(const char *word, char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, v[i]) == 0)
            return true;
    return false;
}

const char *fund_choices_csp(const struct fund_choices *c, const char *value)
{
    for (size_t i = 0; value && i < c->ncsps; i++)
        if (strcmp(value, c->csps[i]) == 0 ||
            (c->csp_codes && *c->csp_codes[i] && strcmp(value, c->csp_codes[i]) == 0))
            return c->csps[i];
    return NULL;
}

/* FUND_BAD naming field and value, with the nearest or the valid ones. */
static int refuse(const char *field, const char *value, char *const *v, size_t n, size_t list,
                  struct buf *err)
{
    buf_printf(err, "%s: '%s' is not one of the round's choices", field, value);
    suggest_append(err, value, (const char *const *)v, n, list);
    return FUND_BAD;
}

int fund_choices_check(const struct fund_choices *c, const struct fund_application *a,
                       struct buf *err)
{
    if (a->district && *a->district && c->ndistricts &&
        !listed(a->district, c->districts, c->ndistricts))
        return refuse("district", a->district, c->districts, c->ndistricts, 20, err);
    if (a->csp_code && *a->csp_code && c->ncsps && !fund_choices_csp(c, a->csp_code))
        return refuse("community safety partnership", a->csp_code, c->csps, c->ncsps, 20, err);
    /* the keys in the order written: those before the first not well
     * formed (plan_keys_normalise stops there), then that one */
    char key[SUGGEST_MAX_LEN], bad[SUGGEST_MAX_LEN];
    struct buf keys = BUF_INIT;
    bool formed = plan_keys_normalise(a->priorities ? a->priorities : "", &keys, bad, sizeof bad);
    int rc = FUND_OK;
    const char *p;
    for (const char *k = buf_str(&keys); rc == FUND_OK && *k;) {
        size_t n = next_key(&k, &p);
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        if (!listed(key, c->keys, c->npriorities))
            rc = refuse("priorities", key, c->keys, c->npriorities, PRIORITY_LIST, err);
    }
    if (rc == FUND_OK && !formed)
        rc = refuse("priorities", bad, c->keys, c->npriorities, PRIORITY_LIST, err);
    buf_free(&keys);
    return rc;
}
