/*
 * contract_ocds_file.c - an Open Contracting Data Standard 1.1 release
 * package or record package read into the contracts register (see
 * contract_file.h): the import of what `peel contracts ocds` exports, and
 * of what Find a Tender and other OCDS publishers give.
 *
 * Each contracting process (ocid) is compiled as OCDS compiles it: its
 * releases merged in date order into an empty object (an object's fields
 * merged one by one, a field set to null removed; an array of objects
 * that each have an id merged by id, an object of a new id appended, one
 * of a known id merged into it; any other value, and the schema's
 * whole-list arrays additionalIdentifiers and additionalClassifications,
 * replaced by the later release's), or a record's compiledRelease. The
 * same id twice in one release's contracts, awards, tender.lots or
 * parties is refused (which object would it be?); elsewhere the later
 * object's fields win, as OCDS's reference merge keeps the last.
 *
 * Each contract of the compiled release is one contract of the register
 * (a process with no contract: each award; with neither: the tender). The
 * whole package is checked before anything is stored; each problem names
 * the file and the JSON path it is at ("/releases/4/contracts/1/value/
 * amount").
 *
 * What the register holds, for a contract K of the compiled release, its
 * award A (awards[].id = K.awardID) and A's lot L (tender.lots[].id =
 * A.relatedLots[0]):
 *   reference       a process's only contract: K.id, else tender.id (a
 *                   tender, or an award with no contract); one of
 *                   several: the ocid less its ocds-PREFIX-, '-', K.id
 *                   (contract ids are the process's own), unless the
 *                   register already holds K.id under this ocid (its
 *                   own package read back). A contract in two processes
 *                   (its ocid changed) is the one released last's
 *   kind            contract when the process has a contract or an award
 *   party           buyer.id (Peel's buyer-pcc, buyer-chief-constable),
 *                   else buyer.name, else --body
 *   title           K.title, A.title, L.title, tender.title
 *   description     K.description, else tender.description
 *   supplier        the party A.suppliers[0].id names, else (a process's
 *                   only contract) the party in the supplier (or
 *                   tenderer) role, else A.suppliers[0].name; its
 *                   identifier scheme-id is the org-id
 *   value           K.value, A.value, L.value, or a process's only
 *                   contract's tender.value (GBP)
 *   dates           K.period, else tender.tenderPeriod
 *   method          tender.procurementMethod (and its Details)
 *   funding source  planning.budget.description
 *   missions served planning.x_planMissions (Peel's: the plan's keys)
 *   copy url        the document with id "copy", else the first of K's
 *                   (a process's only contract's: else the tender's)
 *                   documents with an http(s) url that is not Peel's
 *                   served copy
 */
#include "ingest/contract_file.h"
#include "ingest/table_file.h"
#include "model/plan.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED_ERRORS 50
#define MONEY_MAX_POUNDS    1e12 /* model/money.h's cap */
#define CONTRACT_PATH_MAX   256  /* a JSON path under a release, for messages */

/* One contracting process, compiled. */
struct process {
    const char *ocid;
    json_t *release;  /* the compiled release, owned */
    char at[96];      /* the JSON path of its last release, for messages */
    long index;       /* that release's position, from 1 */
    const char *date; /* that release's date */
};

/* One contract of a process: what the register holds of it. */
struct unit {
    struct process *p;
    char k[40];      /* its contract ("contracts/3"), or "" */
    char a[40];      /* its award ("awards/1"), or "" */
    char l[48];      /* its award's lot ("tender/lots/0"), or "" */
    bool alone;      /* the process's only one */
    bool superseded; /* its contract is another process's, released later */
    struct contract c;
    char ref[CONTRACT_REF_MAX_BYTES + 1];
    char start[11], end[11];
    char *supplier_id, *serves; /* owned */
    json_t *kept;               /* the published version's fields OCDS lacks, owned */
};

struct reader {
    const char *path;
    const struct contract_file_options *o;
    struct store *s;
    struct buf *err;
    int nerrors;
    struct process *p;
    size_t n;
    struct unit *u;
    size_t nu;
};

static void complain(struct reader *r, const char *at, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain(struct reader *r, const char *at, const char *field, const char *fmt, ...)
{
    if (r->nerrors++ >= MAX_REPORTED_ERRORS)
        return;
    buf_printf(r->err, "%s: ", r->path);
    if (*at || *field) /* the JSON path: /releases/4/tender/value */
        buf_printf(r->err, "%s%s%s: ", at, *field ? "/" : "", field);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(r->err, fmt, ap);
    va_end(ap);
    buf_putc(r->err, '\n');
}

/* The value at path ("tender/value/amount", "contracts/0/id") under v;
 * NULL when any step is missing, or path is "". */
static json_t *at(json_t *v, const char *path)
{
    char step[64];
    if (!*path) /* a unit's part it has not got (see UNDER) */
        return NULL;
    while (v && *path) {
        size_t n = strcspn(path, "/");
        snprintf(step, sizeof step, "%.*s", (int)n, path);
        if (json_is_array(v)) {
            char *end;
            unsigned long i = strtoul(step, &end, 10);
            v = *end ? NULL : json_array_get(v, i);
        } else {
            v = json_object_get(v, step);
        }
        path += n + (path[n] == '/');
    }
    return v;
}

/* A string at path: "" when absent or null; else complains (not a
 * string, too long) and gives "". */
static const char *text(struct reader *r, struct process *p, const char *path, size_t max)
{
    json_t *v = at(p->release, path);
    if (!v || json_is_null(v))
        return "";
    const char *s = json_string_value(v);
    if (!s)
        complain(r, p->at, path, "not a string");
    else if (strlen(s) > max)
        complain(r, p->at, path, "%zu bytes, over the limit of %zu", strlen(s), max);
    else
        return s;
    return "";
}

/* The first of the paths with a non-empty string. */
static const char *first_text(struct reader *r, struct process *p, const char *const *paths,
                              size_t max)
{
    for (; *paths; paths++) {
        const char *s = text(r, p, *paths, max);
        if (*s)
            return s;
    }
    return "";
}

/* ---- merging releases ------------------------------------------------------ */

/* A release being merged: where it is, for messages. */
struct merging {
    struct reader *r;
    const char *where;            /* "/releases/4" */
    char path[CONTRACT_PATH_MAX]; /* under it: "tender/lots/1" */
};

/* The key an object of an array is known by in an index: its id, a
 * string ("s...") or an integer ("n..."); false when it has none. */
static bool id_key(json_t *o, struct buf *key)
{
    json_t *id = json_object_get(o, "id");
    buf_reset(key);
    if (json_is_string(id))
        buf_printf(key, "s%s", json_string_value(id));
    else if (json_is_integer(id))
        buf_printf(key, "n%lld", (long long)json_integer_value(id));
    else
        return false;
    return true;
}

/* Whether OCDS merges the array at key by id: a list of objects that each
 * have one, and not one the schema says to replace whole. */
static bool by_id(const char *key, json_t *list)
{
    if (!json_is_array(list) || json_array_size(list) == 0 ||
        strcmp(key, "additionalIdentifiers") == 0 || strcmp(key, "additionalClassifications") == 0)
        return false;
    size_t i;
    json_t *o;
    json_array_foreach(list, i, o)
    {
        json_t *id = json_object_get(o, "id");
        if (!json_is_string(id) && !json_is_integer(id))
            return false;
    }
    return true;
}

/* The arrays the register reads an object of by its id: the same id twice
 * in one release is refused there. */
static bool read_by_id(const char *key)
{
    return strcmp(key, "contracts") == 0 || strcmp(key, "awards") == 0 ||
           strcmp(key, "lots") == 0 || strcmp(key, "parties") == 0;
}

/* m->path extended by "/step" (cut short, never overrun): its old length. */
static size_t step_in(struct merging *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static size_t step_in(struct merging *m, const char *fmt, ...)
{
    size_t len = strlen(m->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->path + len, sizeof m->path - len, fmt, ap);
    va_end(ap);
    return len;
}

static void merge(struct merging *m, json_t *into, json_t *later);

/* The key, beside an array merged by id, of its index (each id's
 * position): kept in the compiled release while it is merged, so that
 * each release costs what it holds, not what the process holds so far
 * (linear). A release's own keys that start so are not read (merge). */
#define INDEX_MARK '\x01'

static const char *index_key(struct buf *b, const char *key)
{
    buf_reset(b);
    buf_printf(b, "%c%s", INDEX_MARK, key);
    return buf_str(b);
}

/* later's objects into the array at key of into, by id. */
static void merge_list(struct merging *m, json_t *into, const char *key, json_t *later)
{
    struct buf k = BUF_INIT;
    json_t *list = json_object_get(into, key);
    json_t *place = json_object_get(into, index_key(&k, key));
    if (!place || !json_is_array(list)) { /* made together; replaced together (merge) */
        list = json_array();
        json_object_set_new(into, key, list);
        place = json_object();
        json_object_set_new(into, buf_str(&k), place);
    }
    json_t *seen = json_object(), *o;
    size_t i;
    json_array_foreach(later, i, o)
    {
        id_key(o, &k); /* by_id: every one has an id */
        size_t len = step_in(m, "/%zu", i);
        json_t *was = json_object_get(seen, buf_str(&k));
        if (was && read_by_id(key)) {
            complain(m->r, m->where, m->path, "id %s is item %lld's too: one id, one %s",
                     buf_str(&k) + 1, (long long)json_integer_value(was),
                     strcmp(key, "parties") == 0 ? "party" : "object");
        } else {
            json_t *at_i = json_object_get(place, buf_str(&k));
            json_t *target = at_i ? json_array_get(list, (size_t)json_integer_value(at_i)) : NULL;
            if (!target) {
                target = json_object();
                json_object_set_new(place, buf_str(&k),
                                    json_integer((json_int_t)json_array_size(list)));
                json_array_append_new(list, target);
            }
            if (!was)
                json_object_set_new(seen, buf_str(&k), json_integer((json_int_t)i));
            merge(m, target, o);
        }
        m->path[len] = '\0';
    }
    buf_free(&k);
    json_decref(seen);
}

/* later's fields into into, object by object (OCDS's merge). */
static void merge(struct merging *m, json_t *into, json_t *later)
{
    const char *key;
    json_t *v;
    struct buf index = BUF_INIT;
    json_object_foreach(later, key, v)
    {
        if (*key == INDEX_MARK) /* not OCDS's, and the mark of Peel's own */
            continue;
        size_t len = step_in(m, "%s%s", *m->path ? "/" : "", key);
        json_t *old = json_object_get(into, key);
        if (!by_id(key, v)) /* whatever was there is replaced: its index with it */
            json_object_del(into, index_key(&index, key));
        if (json_is_null(v)) { /* OCDS: a field set to null is removed */
            json_object_del(into, key);
        } else if (json_is_object(v)) {
            if (!json_is_object(old)) {
                old = json_object();
                json_object_set_new(into, key, old);
            }
            merge(m, old, v);
        } else if (by_id(key, v)) {
            merge_list(m, into, key, v);
        } else {
            json_object_set_new(into, key, json_deep_copy(v));
        }
        m->path[len] = '\0';
    }
    buf_free(&index);
}

/* A release (or compiledRelease) merged into a process's compiled one. */
static void merge_release(struct reader *r, struct process *p, json_t *release, const char *where)
{
    struct merging m = {.r = r, .where = where};
    merge(&m, p->release, release);
}

/* A release's place among the package's, to merge each ocid's in order. */
struct entry {
    const char *ocid, *date;
    json_t *release;
    size_t index;
};

static int by_ocid_date(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->ocid, y->ocid);
    if (!c)
        c = strcmp(x->date, y->date);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* A process for ocid, compiled from nothing yet. */
static struct process *add_process(struct reader *r, const char *ocid)
{
    struct process *p = &r->p[r->n++];
    *p = (struct process){.ocid = ocid, .release = json_object(), .date = ""};
    return p;
}

/* The release at where (index from 0) merged into p, the last so far. */
static void take_release(struct reader *r, struct process *p, json_t *release, const char *where,
                         size_t index)
{
    merge_release(r, p, release, where);
    snprintf(p->at, sizeof p->at, "%s", where);
    p->index = (long)index + 1;
    const char *date = json_string_value(json_object_get(release, "date"));
    p->date = date ? date : "";
}

/* Each release of a release package checked for its ocid and date, then
 * each ocid's merged. */
static void from_releases(struct reader *r, json_t *list)
{
    size_t n = json_array_size(list);
    struct entry *e = xcalloc(n ? n : 1, sizeof *e);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *rel = json_array_get(list, i);
        char where[48];
        snprintf(where, sizeof where, "/releases/%zu", i);
        const char *ocid = json_string_value(json_object_get(rel, "ocid"));
        const char *date = json_string_value(json_object_get(rel, "date"));
        if (!json_is_object(rel))
            complain(r, where, "", "not an object (a release)");
        else if (!ocid || strncmp(ocid, "ocds-", 5) != 0 || strlen(ocid) > 150)
            complain(r, where, "ocid", "missing, or not an ocid (ocds-PREFIX-ID)");
        else if (!date)
            complain(r, where, "date", "missing, or not a date-time");
        else
            e[m++] = (struct entry){ocid, date, rel, i};
    }
    if (m)
        qsort(e, m, sizeof *e, by_ocid_date);
    r->p = xcalloc(m ? m : 1, sizeof *r->p);
    for (size_t i = 0; i < m; i++) {
        char where[48];
        snprintf(where, sizeof where, "/releases/%zu", e[i].index);
        struct process *p = i > 0 && strcmp(e[i].ocid, e[i - 1].ocid) == 0
                                ? &r->p[r->n - 1]
                                : add_process(r, e[i].ocid);
        take_release(r, p, e[i].release, where, e[i].index);
    }
    free(e);
}

/* Each record: its compiledRelease, else its embedded releases merged in
 * date order (linked releases, a url alone, hold nothing to read). */
static void from_records(struct reader *r, json_t *list)
{
    size_t n = json_array_size(list);
    r->p = xcalloc(n ? n : 1, sizeof *r->p);
    for (size_t i = 0; i < n; i++) {
        json_t *rec = json_array_get(list, i), *compiled = json_object_get(rec, "compiledRelease");
        json_t *releases = json_object_get(rec, "releases");
        char where[64];
        snprintf(where, sizeof where, "/records/%zu", i);
        const char *ocid = json_string_value(json_object_get(rec, "ocid"));
        if (!json_is_object(rec)) {
            complain(r, where, "", "not an object (a record)");
        } else if (!ocid || strncmp(ocid, "ocds-", 5) != 0 || strlen(ocid) > 150) {
            complain(r, where, "ocid", "missing, or not an ocid (ocds-PREFIX-ID)");
        } else if (json_is_object(compiled)) {
            snprintf(where, sizeof where, "/records/%zu/compiledRelease", i);
            take_release(r, add_process(r, ocid), compiled, where, i);
        } else if (json_array_size(releases) > 0) {
            struct reader inner = {.path = r->path, .o = r->o, .err = r->err};
            from_releases(&inner, releases);
            r->nerrors += inner.nerrors;
            if (inner.n > 1)
                complain(r, where, "releases", "%zu processes: a record is one ocid's", inner.n);
            if (inner.n >= 1) {
                struct process *p = add_process(r, ocid);
                json_decref(p->release);
                *p = inner.p[0];
                p->ocid = ocid;
                p->index = (long)i + 1;
                snprintf(p->at, sizeof p->at, "/records/%zu%.40s", i, inner.p[0].at);
                inner.p[0].release = NULL;
            }
            for (size_t k = 0; k < inner.n; k++)
                json_decref(inner.p[k].release);
            free(inner.p);
        } else {
            complain(r, where, "", "neither a compiledRelease nor a release to read");
        }
    }
}

/* ---- one contract of a process into the register ------------------------- */

/* "base/field" into out, a path of the compiled release; "" (nothing
 * there) when base is (the unit has no contract, award or lot). */
#define UNDER(base, field) under((char[CONTRACT_PATH_MAX]){0}, base, field)

static const char *under(char *out, const char *base, const char *field)
{
    if (*base)
        snprintf(out, CONTRACT_PATH_MAX, "%s/%s", base, field);
    return out;
}

/* An amount of pounds at path (a number, GBP when a currency is given),
 * into *pence; false when there is none (true, having complained, when
 * there is one but it is not). */
static bool amount(struct reader *r, struct process *p, const char *value_path, int64_t *pence)
{
    json_t *value = *value_path ? at(p->release, value_path) : NULL;
    if (!value)
        return false;
    char path[CONTRACT_PATH_MAX + 8];
    snprintf(path, sizeof path, "%s/amount", value_path);
    json_t *a = json_object_get(value, "amount");
    const char *currency = json_string_value(json_object_get(value, "currency"));
    double x = json_number_value(a);
    if (!json_is_number(a))
        complain(r, p->at, path, "missing, or not a number");
    else if (currency && strcmp(currency, "GBP") != 0)
        complain(r, p->at, path, "in %s: the register is in pounds (GBP)", currency);
    else if (!(x >= 0 && x < MONEY_MAX_POUNDS))
        complain(r, p->at, path, "%g: a contract's value is nothing or more, under a trillion", x);
    else if (fabs(round(x * 100) - x * 100) > 1e-6 * fmax(1, x * 100))
        complain(r, p->at, path, "%.15g is not a whole number of pence", x);
    else
        return *pence = (int64_t)llround(x * 100), true;
    return true; /* a value there, but bad: said */
}

/* A date-time (or date) at path as YYYY-MM-DD into out; "" when absent. */
static void date_of(struct reader *r, struct process *p, const char *path, char out[11])
{
    const char *s = text(r, p, path, 64);
    *out = '\0';
    char day[11];
    snprintf(day, sizeof day, "%.10s", s);
    if (*s && ((strlen(s) > 10 && s[10] != 'T') || !table_date(day, 1990, out)))
        complain(r, p->at, path, "'%s' is not a date (YYYY-MM-DD or an ISO 8601 date-time)", s);
}

/* The party in role (supplier, tenderer), or NULL. */
static json_t *party_in(json_t *release, const char *role)
{
    size_t i, k;
    json_t *party, *r;
    json_array_foreach(json_object_get(release, "parties"), i, party)
    {
        json_array_foreach(json_object_get(party, "roles"), k, r)
        {
            const char *w = json_string_value(r);
            if (w && strcmp(w, role) == 0)
                return party;
        }
    }
    return NULL;
}

/* The position in the array at key of parent (one merged by id) of its
 * object whose id is id (a json string or integer), or -1: read from the
 * array's index (merge_list), not by a search, so that a process of many
 * contracts costs what it holds. */
static long position_of(json_t *parent, const char *key, json_t *id)
{
    struct buf k = BUF_INIT;
    json_t *index = json_object_get(parent, index_key(&k, key));
    json_t *holder = json_pack("{s:O?}", "id", id); /* id_key reads an object's */
    json_t *at_i =
        index && holder && id_key(holder, &k) ? json_object_get(index, buf_str(&k)) : NULL;
    json_decref(holder);
    buf_free(&k);
    return json_is_integer(at_i) ? (long)json_integer_value(at_i) : -1;
}

/* The party of id (a string or an integer, as an award's supplier names
 * it), or NULL. */
static json_t *party_of(json_t *release, json_t *id)
{
    long i = position_of(release, "parties", id);
    return i < 0 ? NULL : json_array_get(json_object_get(release, "parties"), (size_t)i);
}

/* The unit's supplier party: the one its award names, else a process's
 * only contract's party in the role. */
static json_t *supplier_party(struct unit *u)
{
    json_t *party = party_of(u->p->release, at(u->p->release, UNDER(u->a, "suppliers/0/id")));
    if (!party && u->alone)
        party = party_in(u->p->release, u->c.kind == CONTRACT_TENDER ? "tenderer" : "supplier");
    return party;
}

static void supplier_of(struct reader *r, struct unit *u)
{
    struct process *p = u->p;
    bool tender = u->c.kind == CONTRACT_TENDER;
    json_t *party = supplier_party(u);
    const char *name = json_string_value(json_object_get(party, "name"));
    if (!name)
        name = json_string_value(at(p->release, UNDER(u->a, "suppliers/0/name")));
    u->c.supplier = name && strlen(name) <= CONTRACT_FIELD_MAX_BYTES ? name : "";
    if (name && strlen(name) > CONTRACT_FIELD_MAX_BYTES)
        complain(r, p->at, "parties", "the supplier's name is over %d bytes",
                 CONTRACT_FIELD_MAX_BYTES);
    json_t *id = json_object_get(party, "identifier");
    const char *scheme = json_string_value(json_object_get(id, "scheme"));
    json_t *ident = json_object_get(id, "id");
    char number[64] = "";
    if (json_is_integer(ident))
        snprintf(number, sizeof number, "%lld", (long long)json_integer_value(ident));
    else if (json_string_value(ident))
        snprintf(number, sizeof number, "%.60s", json_string_value(ident));
    struct buf org = BUF_INIT;
    if (scheme && *number)
        buf_printf(&org, "%s-%s", scheme, number);
    u->supplier_id = org.p ? org.p : xstrdup("");
    if (*u->supplier_id && !table_org_id(u->supplier_id))
        complain(r, p->at, "parties",
                 "the supplier's identifier '%s' is not an org-id "
                 "(org-id.guide: scheme GB-COH, id 01234567)",
                 u->supplier_id);
    if (!*u->c.supplier && !tender)
        complain(r, p->at, *u->a ? u->a : "parties", "no supplier: a contract has one");
    else if (!*u->c.supplier && *u->supplier_id)
        complain(r, p->at, "parties", "the tenderer has an identifier but no name");
}

static void body_of(struct reader *r, struct unit *u)
{
    struct process *p = u->p;
    const char *id = json_string_value(at(p->release, "buyer/id"));
    const char *name = json_string_value(at(p->release, "buyer/name"));
    int party = -1;
    if (id && strcmp(id, "buyer-pcc") == 0)
        party = 0;
    else if (id && strcmp(id, "buyer-chief-constable") == 0)
        party = 1;
    else if (name) /* "The Chief Constable", "Police and Crime Commissioner" */
        party = table_party(strncmp(name, "The ", 4) == 0 ? name + 4 : name);
    if (party < 0 && r->o->body >= 0)
        party = r->o->body;
    if (party < 0)
        complain(r, p->at, "buyer",
                 "'%s': whose contract is it? Say with --body pcc or --body "
                 "force",
                 name ? name : "no buyer");
    u->c.body = party == 1 ? CONTRACT_FORCE : CONTRACT_PCC;
}

/* The address of the published copy (not the one Peel serves). */
static const char *copy_url(struct unit *u)
{
    const char *lists[] = {UNDER(u->k, "documents"), u->alone ? "tender/documents" : ""};
    for (size_t l = 0; l < 2; l++) {
        size_t i;
        json_t *d, *found = NULL;
        json_array_foreach(*lists[l] ? at(u->p->release, lists[l]) : NULL, i, d)
        {
            const char *id = json_string_value(json_object_get(d, "id"));
            const char *url = json_string_value(json_object_get(d, "url"));
            if (!url || !contract_url_valid(url) || (id && strcmp(id, "redacted-copy") == 0))
                continue;
            if (id && strcmp(id, "copy") == 0)
                return url;
            if (!found)
                found = d;
        }
        if (found)
            return json_string_value(json_object_get(found, "url"));
    }
    return "";
}

static void method_of(struct reader *r, struct unit *u)
{
    const char *m = text(r, u->p, "tender/procurementMethod", 64);
    if (!contract_method_parse(m, &u->c.method))
        complain(r, u->p->at, "tender/procurementMethod",
                 "'%s': open, selective, limited or direct", m);
    const char *details =
        text(r, u->p, "tender/procurementMethodDetails", CONTRACT_FIELD_MAX_BYTES);
    u->c.method_details = *details ? details : m;
}

static void serves_of(struct reader *r, struct unit *u)
{
    struct process *p = u->p;
    struct buf keys = BUF_INIT;
    json_t *list = at(p->release, "planning/x_planMissions"), *k;
    size_t i;
    if (list && !json_is_array(list))
        complain(r, p->at, "planning/x_planMissions", "not a list of the plan's keys");
    json_array_foreach(list, i, k)
    {
        char bad[64];
        const char *s = json_string_value(k);
        if (!s || strchr(s, ',') || strchr(s, ';') ||
            !plan_keys_normalise(s, &keys, bad, sizeof bad) || !*s)
            complain(r, p->at, "planning/x_planMissions",
                     "item %zu is not a key of the plan's "
                     "missions (m1, or m2.s3 for a strategy)",
                     i);
    }
    if (keys.len > CONTRACT_FUNDING_MAX_BYTES)
        complain(r, p->at, "planning/x_planMissions", "over %d bytes", CONTRACT_FUNDING_MAX_BYTES);
    u->serves = keys.p ? keys.p : xstrdup("");
}

/* The size of the supplier party, where it is said (OCDS's scale). */
static int sme_of(struct unit *u)
{
    const char *scale = json_string_value(at(supplier_party(u), "details/scale"));
    return !scale ? -1 : strcmp(scale, "sme") == 0 ? 1 : strcmp(scale, "large") == 0 ? 0 : -1;
}

/* Whether the register holds a contract ref under ocid: then a process
 * of several is its own package read back, its contracts' ids their
 * references. */
struct holds {
    const char *ocid;
    bool same;
};

static void same_ocid(void *arg, const struct contract_row *row)
{
    struct holds *h = arg;
    h->same |= strcmp(row->c.ocid, h->ocid) == 0;
}

static bool registered(struct reader *r, const char *ocid, const char *ref)
{
    struct holds h = {ocid, false};
    struct buf err = BUF_INIT;
    if (r->s && *ref && !contract_ref_problem(ref))
        (void)store_contracts(r->s, ref, false, same_ocid, &h, &err); /* a failure: not held */
    buf_free(&err);
    return h.same;
}

/* The unit's reference (see the header). */
static void ref_of(struct reader *r, struct unit *u)
{
    struct process *p = u->p;
    /* a process's only contract: its id, else the tender's (as before
     * several were read); one of several: its contract's or award's */
    const char *base = *u->k ? u->k : u->alone ? "" : u->a;
    char id_path[CONTRACT_PATH_MAX];
    snprintf(id_path, sizeof id_path, "%s", *base ? UNDER(base, "id") : "tender/id");
    if (u->alone && *base && !at(p->release, id_path))
        snprintf(id_path, sizeof id_path, "tender/id");
    json_t *v = at(p->release, id_path);
    char id[CONTRACT_REF_MAX_BYTES + 2] = "";
    if (json_is_integer(v))
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
    else
        snprintf(id, sizeof id, "%s", text(r, p, id_path, CONTRACT_REF_MAX_BYTES));
    if (u->alone || registered(r, p->ocid, id)) {
        snprintf(u->ref, sizeof u->ref, "%s", id);
    } else { /* ocds-PREFIX-ID: ID and the contract's */
        const char *dash = strchr(p->ocid + 5, '-');
        int n = snprintf(u->ref, sizeof u->ref, "%s-%s", dash ? dash + 1 : p->ocid + 5, id);
        if (n >= (int)sizeof u->ref) {
            complain(r, p->at, id_path, "'%s-%s' is over %d bytes: a reference is shorter",
                     dash ? dash + 1 : p->ocid + 5, id, CONTRACT_REF_MAX_BYTES);
            return;
        }
    }
    const char *why = contract_ref_problem(u->ref);
    if (why)
        complain(r, p->at, id_path, "'%s': %s", u->ref, why);
}

/* The value: the contract's, its award's, its lot's, or (a process's
 * only contract) the tender's. */
static void value_of(struct reader *r, struct unit *u)
{
    const char *values[] = {UNDER(u->k, "value"), UNDER(u->a, "value"), UNDER(u->l, "value"),
                            u->alone ? "tender/value" : ""};
    bool valued = false;
    for (size_t i = 0; i < 4 && !valued; i++)
        valued = amount(r, u->p, values[i], &u->c.value_pence);
    if (!valued)
        complain(r, u->p->at,
                 *u->k                          ? UNDER(u->k, "value")
                 : u->c.kind == CONTRACT_TENDER ? "tender/value"
                                                : UNDER(u->a, "value"),
                 "no value: the register holds what each contract is worth");
}

static void dates_of(struct reader *r, struct unit *u)
{
    bool contract = u->c.kind == CONTRACT_CONTRACT;
    const char *start =
        contract ? UNDER(u->k, "period/startDate") : "tender/tenderPeriod/startDate";
    const char *end = contract ? UNDER(u->k, "period/endDate") : "tender/tenderPeriod/endDate";
    date_of(r, u->p, start, u->start);
    date_of(r, u->p, end, u->end);
    if (!*u->start)
        complain(r, u->p->at, *start ? start : u->a, "no start date");
    else if (*u->end && strcmp(u->end, u->start) < 0)
        complain(r, u->p->at, end, "%s is before the start date, %s", u->end, u->start);
    u->c.start_on = u->start;
    u->c.end_on = u->end;
}

static void read_unit(struct reader *r, struct unit *u)
{
    struct process *p = u->p;
    struct contract *c = &u->c;
    bool contract = c->kind == CONTRACT_CONTRACT;
    c->ocid = p->ocid;
    ref_of(r, u);
    c->ref = u->ref;
    c->title = first_text(r, p,
                          (const char *[]){UNDER(u->k, "title"), UNDER(u->a, "title"),
                                           UNDER(u->l, "title"), "tender/title", NULL},
                          300);
    if (!*c->title)
        complain(r, p->at, contract && *u->k ? UNDER(u->k, "title") : "tender/title",
                 "empty: what is the contract for?");
    c->description =
        first_text(r, p, (const char *[]){UNDER(u->k, "description"), "tender/description", NULL},
                   CONTRACT_FIELD_MAX_BYTES);
    body_of(r, u);
    supplier_of(r, u);
    c->supplier_id = u->supplier_id;
    value_of(r, u);
    dates_of(r, u);
    c->review_on = "";
    method_of(r, u);
    c->funding = text(r, p, "planning/budget/description", CONTRACT_FUNDING_MAX_BYTES);
    serves_of(r, u);
    c->serves = u->serves;
    c->document_url = copy_url(u);
    c->department = "";
    c->sme = sme_of(u);
    c->vcse = -1;
    c->vat_pence = -1;
    c->line = p->index;
}

/* The number of a process's units: each contract; with no contract,
 * each award; with neither, the tender. */
static size_t units_in(const struct process *p)
{
    size_t ncontracts = json_array_size(json_object_get(p->release, "contracts"));
    size_t nawards = json_array_size(json_object_get(p->release, "awards"));
    return ncontracts ? ncontracts : nawards ? nawards : 1;
}

/* The package's, as many as add_units takes (its cap), at least one. */
static size_t units_of(const struct reader *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n && n <= CONTRACT_FILE_MAX_ROWS; i++)
        n += units_in(&r->p[i]);
    return (n < CONTRACT_FILE_MAX_ROWS ? n : CONTRACT_FILE_MAX_ROWS) + 1;
}

/* The process's units (units_in), each contract with its award and lot. */
static void add_units(struct reader *r, struct process *p)
{
    json_t *rel = p->release;
    size_t ncontracts = json_array_size(json_object_get(rel, "contracts"));
    size_t nawards = json_array_size(json_object_get(rel, "awards"));
    size_t n = units_in(p);
    if (r->nu + n > CONTRACT_FILE_MAX_ROWS) {
        complain(r, p->at, ncontracts ? "contracts" : "awards",
                 "%zu contracts, with the package's others over %d: split the package", n,
                 CONTRACT_FILE_MAX_ROWS);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        struct unit *u = &r->u[r->nu++];
        *u = (struct unit){.p = p, .alone = n == 1};
        long award = (long)i;
        if (ncontracts) {
            snprintf(u->k, sizeof u->k, "contracts/%zu", i);
            award = position_of(rel, "awards", at(rel, UNDER(u->k, "awardID")));
            if (award < 0 && n == 1 && nawards == 1)
                award = 0; /* a process's only contract, its only award */
        }
        if (award >= 0 && (size_t)award < nawards)
            snprintf(u->a, sizeof u->a, "awards/%ld", award);
        long lot =
            *u->a ? position_of(at(rel, "tender"), "lots", at(rel, UNDER(u->a, "relatedLots/0")))
                  : -1;
        if (lot >= 0)
            snprintf(u->l, sizeof u->l, "tender/lots/%ld", lot);
        u->c.kind = ncontracts || nawards ? CONTRACT_CONTRACT : CONTRACT_TENDER;
        read_unit(r, u);
    }
}

/* By reference, then the last released last (date, then place). */
static int by_ref(const void *a, const void *b)
{
    const struct unit *x = a, *y = b;
    int c = strcmp(x->c.ref, y->c.ref);
    if (!c)
        c = strcmp(x->p->date, y->p->date);
    return c ? c : (x->p->index > y->p->index) - (x->p->index < y->p->index);
}

/* A contract in two processes: its ocid changed (an office that registers
 * its own prefix in place of the placeholder publishes each contract
 * again under it), so the process released last is the contract's now,
 * and the others are superseded. Two contracts of one process named
 * alike is a mistake, said. */
static void supersede(struct reader *r)
{
    if (r->nu)
        qsort(r->u, r->nu, sizeof *r->u, by_ref);
    for (size_t i = 0; i < r->nu; i++) { /* its own arrays, moved by the sort */
        r->u[i].c.ref = r->u[i].ref;
        r->u[i].c.start_on = r->u[i].start;
        r->u[i].c.end_on = r->u[i].end;
    }
    for (size_t i = 1; i < r->nu; i++) {
        if (strcmp(r->u[i].c.ref, r->u[i - 1].c.ref) != 0)
            continue;
        if (r->u[i].p == r->u[i - 1].p)
            complain(r, r->u[i].p->at, "contracts",
                     "two contracts given the reference '%s': one contract a reference",
                     r->u[i].c.ref);
        r->u[i - 1].superseded = true;
    }
}

/* The fields OCDS does not carry, kept from the published version. */
static void keep_published(void *arg, const struct contract_row *row)
{
    struct unit *u = arg;
    struct contract *c = &u->c;
    const struct contract *was = &row->c;
    /* the row's texts live only in this call: those kept are copied to
     * json strings the unit owns */
    json_decref(u->kept);
    u->kept = json_pack("{s:s, s:s}", "department", was->department, "review_on", was->review_on);
    c->department = json_string_value(json_object_get(u->kept, "department"));
    c->review_on = json_string_value(json_object_get(u->kept, "review_on"));
    c->vat_pence = was->vat_pence;
    c->vcse = was->vcse;
    if (c->sme < 0)
        c->sme = was->sme;
}

/* "line N: ..." from the store as "FILE: /releases/N-1: ..." */
static void store_lines(struct reader *r, const struct buf *why)
{
    for (const char *l = buf_str(why); *l;) {
        const char *end = strchr(l, '\n');
        size_t len = end ? (size_t)(end - l) : strlen(l);
        long index = 0;
        int used = 0;
        const char *where = "";
        if (strncmp(l, "line ", 5) == 0) {
            char *e;
            long v = strtol(l + 5, &e, 10);
            if (e > l + 5 && *e == ':') {
                for (e++; *e == ' ' || *e == '\t'; e++)
                    ;
                index = v;
                used = (int)(e - l);
            }
        }
        if (used > 0)
            for (size_t i = 0; i < r->n; i++)
                if (r->p[i].index == index)
                    where = r->p[i].at;
        buf_printf(r->err, "%s: %s%s%.*s\n", r->path, where, *where ? ": " : "",
                   (int)(len - (size_t)used), l + used);
        l += len + (end != NULL);
    }
}

static int publish(struct store *s, struct reader *r, const struct buf *bytes,
                   const struct audit_origin *by, struct contract_file_report *rep)
{
    struct buf why = BUF_INIT;
    struct contract *list = xcalloc(r->nu ? r->nu : 1, sizeof *list);
    int *out = xcalloc(r->nu ? r->nu : 1, sizeof *out);
    int rc = 0;
    size_t n = 0;
    for (size_t i = 0; rc == 0 && i < r->nu; i++)
        if (!r->u[i].superseded)
            rc = store_contracts(s, r->u[i].c.ref, false, keep_published, &r->u[i], &why) < 0;
    for (size_t i = 0; i < r->nu; i++)
        if (!r->u[i].superseded)
            list[n++] = r->u[i].c;
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes->p, bytes->len, sha);
    const char *slash = strrchr(r->path, '/');
    struct contract_source src = {slash ? slash + 1 : r->path, sha};
    if (rc == 0)
        rc = store_contracts_publish(s, list, n, r->o->reason, &src, by, r->o->today, r->o->dry_run,
                                     out, &why);
    else
        rc = -1;
    if (rc == CONTRACT_NEEDS_REASON)
        store_lines(r, &why);
    else if (rc < 0)
        buf_printf(r->err, "%s: %s\n", r->path, buf_str(&why));
    if (rc == 0) {
        rep->n = n;
        rep->refs = xcalloc(n ? n : 1, sizeof *rep->refs);
        rep->versions = out;
        out = NULL;
        for (size_t i = 0; i < n; i++)
            rep->refs[i] = xstrdup(list[i].ref);
    }
    buf_free(&why);
    free(out);
    free(list);
    return rc == 0 ? 0 : rc == CONTRACT_NEEDS_REASON ? 2 : 1;
}

/* The package's releases or records read into r->p (each bad one said):
 * -1 when it is not a package (said). */
static int read_package(struct reader *r, const struct buf *bytes, json_t **root)
{
    const char *text = buf_str(bytes); /* "" for an empty file */
    size_t skip = bytes->len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_error_t je;
    *root = json_loadb(text + skip, bytes->len - skip, JSON_REJECT_DUPLICATES, &je);
    if (!*root) {
        buf_printf(r->err, "%s:%d:%d: not JSON: %s\n", r->path, je.line, je.column, je.text);
        r->nerrors++;
        return -1;
    }
    json_t *releases = json_object_get(*root, "releases");
    json_t *records = json_object_get(*root, "records");
    size_t n = json_array_size(releases) + json_array_size(records);
    if (!json_is_object(*root) || (json_is_array(releases) == json_is_array(records)))
        complain(r, "", "",
                 "neither a release package (releases) nor a record package "
                 "(records) of the Open Contracting Data Standard");
    else if (n == 0)
        complain(r, "", json_is_array(releases) ? "releases" : "records", "empty: no contracts");
    else if (n > CONTRACT_FILE_MAX_ROWS)
        complain(r, "", json_is_array(releases) ? "releases" : "records",
                 "%zu, over %d: split the package", n, CONTRACT_FILE_MAX_ROWS);
    else if (json_is_array(releases))
        return from_releases(r, releases), 0;
    else
        return from_records(r, records), 0;
    return -1;
}

int contract_ocds_import(struct store *s, const char *path, const struct buf *bytes,
                         const struct contract_file_options *o, const struct audit_origin *by,
                         struct contract_file_report *rep, struct buf *err)
{
    *rep = (struct contract_file_report){0};
    struct reader r = {.path = path, .o = o, .s = s, .err = err};
    json_t *root = NULL;
    if (read_package(&r, bytes, &root) == 0) {
        r.u = xcalloc(units_of(&r), sizeof *r.u);
        for (size_t i = 0; i < r.n; i++)
            add_units(&r, &r.p[i]);
        supersede(&r);
    }
    int rc = r.nerrors ? 2 : publish(s, &r, bytes, by, rep);
    if (r.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, r.nerrors - MAX_REPORTED_ERRORS);
    for (size_t i = 0; i < r.nu; i++) {
        free(r.u[i].supplier_id);
        free(r.u[i].serves);
        json_decref(r.u[i].kept);
    }
    for (size_t i = 0; i < r.n; i++)
        json_decref(r.p[i].release);
    free(r.u);
    free(r.p);
    json_decref(root);
    return rc;
}
