/*
 * contract_ocds_file.c - an Open Contracting Data Standard 1.1 release
 * package or record package read into the contracts register (see
 * contract_file.h): the import of what `peel contracts ocds` exports, and
 * of what Find a Tender and other OCDS publishers give.
 *
 * Each contracting process (ocid) is one contract: its releases merged in
 * date order, as OCDS compiles them (an object's fields merged one by one,
 * a field set to null removed, any other value replaced by the later
 * release's; arrays are replaced whole, not merged by id: Peel's own releases are each whole, and a
 * record's compiledRelease is taken as it is). The whole package is
 * checked before anything is stored; each problem names the file and the
 * JSON path of the release it is in ("/releases/4/tender/value/amount").
 *
 * What the register holds, from where in the compiled release:
 *   reference       contracts[0].id, else tender.id (a tender); a
 *                   contract in two processes (its ocid changed) is the
 *                   one released last's
 *   kind            contract when it has a contract or an award
 *   party           buyer.id (Peel's buyer-pcc, buyer-chief-constable),
 *                   else buyer.name, else --body
 *   title           contracts[0].title, awards[0].title, tender.title
 *   supplier        the party in the supplier (or tenderer) role, else
 *                   awards[0].suppliers[0]; its identifier scheme-id is
 *                   the org-id
 *   value           contracts[0].value, awards[0].value, tender.value (GBP)
 *   dates           contracts[0].period, else tender.tenderPeriod
 *   method          tender.procurementMethod (and its Details)
 *   funding source  planning.budget.description
 *   missions served planning.x_planMissions (Peel's: the plan's keys)
 *   copy url        the document with id "copy", else the first of
 *                   the contract's (or tender's) documents with an
 *                   http(s) url that is not Peel's served copy
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

/* One contracting process, compiled. */
struct process {
    const char *ocid;
    json_t *release;  /* the compiled release, owned */
    char at[96];      /* the JSON path of its last release, for messages */
    long index;       /* that release's position, from 1 */
    const char *date; /* that release's date */
    bool superseded;  /* its contract is another process's, released later */
    struct contract c;
    char start[11], end[11];
    char *supplier_id, *serves; /* owned */
};

struct reader {
    const char *path;
    const struct contract_file_options *o;
    struct buf *err;
    int nerrors;
    struct process *p;
    size_t n;
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
 * NULL when any step is missing. */
static json_t *at(json_t *v, const char *path)
{
    char step[64];
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

/* later's fields into into (owned), object by object. */
static void merge(json_t *into, json_t *later)
{
    const char *key;
    json_t *v;
    json_object_foreach(later, key, v)
    {
        json_t *old = json_object_get(into, key);
        if (json_is_null(v)) /* OCDS: a field set to null is removed */
            json_object_del(into, key);
        else if (json_is_object(old) && json_is_object(v))
            merge(old, v);
        else
            json_object_set_new(into, key, json_deep_copy(v));
    }
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

static struct process *add_process(struct reader *r, const char *ocid, json_t *release,
                                   const char *path, size_t index)
{
    struct process *p = &r->p[r->n++];
    const char *date = json_string_value(json_object_get(release, "date"));
    *p = (struct process){
        .ocid = ocid, .release = release, .index = (long)index + 1, .date = date ? date : ""};
    snprintf(p->at, sizeof p->at, "%s/%zu", path, index);
    return p;
}

/* A later release of p's process naming another contract: the register
 * holds one contract a process (Peel's own package gives contracts that
 * share an ocid, call-offs of one process, a release each: they do not
 * read back). */
static void one_contract(struct reader *r, struct process *p, json_t *later, size_t index)
{
    const char *was = json_string_value(at(p->release, "contracts/0/id"));
    const char *now = json_string_value(at(later, "contracts/0/id"));
    if (was && now && strcmp(was, now) != 0) {
        char where[48];
        snprintf(where, sizeof where, "/releases/%zu", index);
        complain(r, where, "contracts/0/id",
                 "'%s', where an earlier release of %s has '%s': the register holds one "
                 "contract a process",
                 now, p->ocid, was);
    }
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
        if (i > 0 && strcmp(e[i].ocid, e[i - 1].ocid) == 0) {
            struct process *p = &r->p[r->n - 1];
            one_contract(r, p, e[i].release, e[i].index);
            merge(p->release, e[i].release);
            snprintf(p->at, sizeof p->at, "/releases/%zu", e[i].index);
            p->index = (long)e[i].index + 1;
            p->date = e[i].date;
        } else {
            add_process(r, e[i].ocid, json_deep_copy(e[i].release), "/releases", e[i].index);
        }
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
        char where[48];
        snprintf(where, sizeof where, "/records/%zu", i);
        const char *ocid = json_string_value(json_object_get(rec, "ocid"));
        if (!json_is_object(rec)) {
            complain(r, where, "", "not an object (a record)");
        } else if (!ocid || strncmp(ocid, "ocds-", 5) != 0 || strlen(ocid) > 150) {
            complain(r, where, "ocid", "missing, or not an ocid (ocds-PREFIX-ID)");
        } else if (json_is_object(compiled)) {
            struct process *p = add_process(r, ocid, json_deep_copy(compiled), "/records", i);
            snprintf(p->at, sizeof p->at, "/records/%zu/compiledRelease", i);
        } else if (json_array_size(releases) > 0) {
            struct reader inner = {.path = r->path, .o = r->o, .err = r->err};
            from_releases(&inner, releases);
            r->nerrors += inner.nerrors;
            if (inner.n > 1)
                complain(r, where, "releases", "%zu processes: a record is one ocid's", inner.n);
            if (inner.n >= 1) {
                struct process *p = add_process(r, ocid, inner.p[0].release, "/records", i);
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

/* ---- one process into a contract ------------------------------------------ */

/* An amount of pounds at path (a number, GBP when a currency is given),
 * into *pence; false (having complained) when there is none or it is not. */
static bool amount(struct reader *r, struct process *p, const char *value_path, int64_t *pence)
{
    json_t *value = at(p->release, value_path);
    if (!value)
        return false;
    char path[64];
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

static void supplier_of(struct reader *r, struct process *p)
{
    bool tender = p->c.kind == CONTRACT_TENDER;
    json_t *party = party_in(p->release, tender ? "tenderer" : "supplier");
    const char *name = json_string_value(json_object_get(party, "name"));
    if (!name)
        name = json_string_value(at(p->release, "awards/0/suppliers/0/name"));
    p->c.supplier = name && strlen(name) <= CONTRACT_FIELD_MAX_BYTES ? name : "";
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
    p->supplier_id = org.p ? org.p : xstrdup("");
    if (*p->supplier_id && !table_org_id(p->supplier_id))
        complain(r, p->at, "parties",
                 "the supplier's identifier '%s' is not an org-id "
                 "(org-id.guide: scheme GB-COH, id 01234567)",
                 p->supplier_id);
    if (!*p->c.supplier && !tender)
        complain(r, p->at, "parties", "no supplier: a contract has one");
    else if (!*p->c.supplier && *p->supplier_id)
        complain(r, p->at, "parties", "the tenderer has an identifier but no name");
}

static void body_of(struct reader *r, struct process *p)
{
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
    p->c.body = party == 1 ? CONTRACT_FORCE : CONTRACT_PCC;
}

/* The address of the published copy (not the one Peel serves). */
static const char *copy_url(struct process *p)
{
    const char *lists[] = {"contracts/0/documents", "tender/documents"};
    for (size_t l = 0; l < 2; l++) {
        size_t i;
        json_t *d, *found = NULL;
        json_array_foreach(at(p->release, lists[l]), i, d)
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

static void method_of(struct reader *r, struct process *p)
{
    const char *m = text(r, p, "tender/procurementMethod", 64);
    if (!contract_method_parse(m, &p->c.method))
        complain(r, p->at, "tender/procurementMethod", "'%s': open, selective, limited or direct",
                 m);
    const char *details = text(r, p, "tender/procurementMethodDetails", CONTRACT_FIELD_MAX_BYTES);
    p->c.method_details = *details ? details : m;
}

static void serves_of(struct reader *r, struct process *p)
{
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
    p->serves = keys.p ? keys.p : xstrdup("");
}

/* The size of the supplier party, where it is said (OCDS's scale). */
static int sme_of(struct process *p)
{
    json_t *party = party_in(p->release, p->c.kind == CONTRACT_TENDER ? "tenderer" : "supplier");
    const char *scale = json_string_value(at(party, "details/scale"));
    return !scale ? -1 : strcmp(scale, "sme") == 0 ? 1 : strcmp(scale, "large") == 0 ? 0 : -1;
}

static void read_process(struct reader *r, struct process *p)
{
    struct contract *c = &p->c;
    bool contract = json_array_size(at(p->release, "contracts")) > 0 ||
                    json_array_size(at(p->release, "awards")) > 0;
    if (json_array_size(at(p->release, "contracts")) > 1)
        complain(r, p->at, "contracts", "%zu contracts: the register holds one a process",
                 json_array_size(at(p->release, "contracts")));
    c->kind = contract ? CONTRACT_CONTRACT : CONTRACT_TENDER;
    c->ocid = p->ocid;
    c->ref = first_text(r, p, (const char *[]){"contracts/0/id", "tender/id", NULL}, 64);
    const char *why = contract_ref_problem(c->ref);
    if (why)
        complain(r, p->at, contract ? "contracts/0/id" : "tender/id", "'%s': %s", c->ref, why);
    c->title = first_text(
        r, p, (const char *[]){"contracts/0/title", "awards/0/title", "tender/title", NULL}, 300);
    if (!*c->title)
        complain(r, p->at, contract ? "contracts/0/title" : "tender/title",
                 "empty: what is the contract for?");
    c->description =
        first_text(r, p, (const char *[]){"contracts/0/description", "tender/description", NULL},
                   CONTRACT_FIELD_MAX_BYTES);
    body_of(r, p);
    supplier_of(r, p);
    c->supplier_id = p->supplier_id;
    const char *values[] = {"contracts/0/value", "awards/0/value", "tender/value"};
    bool valued = false;
    for (size_t i = 0; i < 3 && !valued; i++)
        valued = amount(r, p, values[i], &c->value_pence);
    if (!valued)
        complain(r, p->at, contract ? "contracts/0/value" : "tender/value",
                 "no value: the register holds what each contract is worth");
    date_of(r, p, contract ? "contracts/0/period/startDate" : "tender/tenderPeriod/startDate",
            p->start);
    date_of(r, p, contract ? "contracts/0/period/endDate" : "tender/tenderPeriod/endDate", p->end);
    if (!*p->start)
        complain(r, p->at, contract ? "contracts/0/period/startDate" : "tender/tenderPeriod",
                 "no start date");
    else if (*p->end && strcmp(p->end, p->start) < 0)
        complain(r, p->at, contract ? "contracts/0/period/endDate" : "tender/tenderPeriod/endDate",
                 "%s is before the start date, %s", p->end, p->start);
    c->start_on = p->start;
    c->end_on = p->end;
    c->review_on = "";
    method_of(r, p);
    c->funding = text(r, p, "planning/budget/description", CONTRACT_FUNDING_MAX_BYTES);
    serves_of(r, p);
    c->serves = p->serves;
    c->document_url = copy_url(p);
    c->department = "";
    c->sme = sme_of(p);
    c->vcse = -1;
    c->vat_pence = -1;
    c->line = p->index;
}

/* By reference, then the last released last (date, then place). */
static int by_ref(const void *a, const void *b)
{
    const struct process *x = a, *y = b;
    int c = strcmp(x->c.ref, y->c.ref);
    if (!c)
        c = strcmp(x->date, y->date);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* A contract in two processes: its ocid changed (an office that registers
 * its own prefix in place of the placeholder publishes each contract
 * again under it), so the process released last is the contract's now,
 * and the others are superseded. */
static void supersede(struct reader *r)
{
    if (r->n)
        qsort(r->p, r->n, sizeof *r->p, by_ref);
    for (size_t i = 1; i < r->n; i++)
        if (strcmp(r->p[i].c.ref, r->p[i - 1].c.ref) == 0)
            r->p[i - 1].superseded = true;
}

/* The fields OCDS does not carry, kept from the published version. */
static void keep_published(void *arg, const struct contract_row *row)
{
    struct process *p = arg;
    struct contract *c = &p->c;
    const struct contract *was = &row->c;
    /* the row's texts live only in this call: those kept are copied to
     * json strings the process's release owns */
    json_t *kept =
        json_pack("{s:s, s:s}", "department", was->department, "review_on", was->review_on);
    json_object_set_new(p->release, "x_peelKept", kept);
    c->department = json_string_value(json_object_get(kept, "department"));
    c->review_on = json_string_value(json_object_get(kept, "review_on"));
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
    struct contract *list = xcalloc(r->n ? r->n : 1, sizeof *list);
    int *out = xcalloc(r->n ? r->n : 1, sizeof *out);
    int rc = 0;
    size_t n = 0;
    for (size_t i = 0; rc == 0 && i < r->n; i++)
        if (!r->p[i].superseded)
            rc = store_contracts(s, r->p[i].c.ref, false, keep_published, &r->p[i], &why) < 0;
    for (size_t i = 0; i < r->n; i++)
        if (!r->p[i].superseded) {
            list[n] = r->p[i].c;
            list[n].start_on = r->p[i].start; /* the process's own arrays: sorted since */
            list[n++].end_on = r->p[i].end;
        }
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
    struct reader r = {.path = path, .o = o, .err = err};
    json_t *root = NULL;
    if (read_package(&r, bytes, &root) == 0) {
        for (size_t i = 0; i < r.n; i++)
            read_process(&r, &r.p[i]);
        supersede(&r);
    }
    int rc = r.nerrors ? 2 : publish(s, &r, bytes, by, rep);
    if (r.nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "%s: ... and %d more problems\n", path, r.nerrors - MAX_REPORTED_ERRORS);
    for (size_t i = 0; i < r.n; i++) {
        json_decref(r.p[i].release);
        free(r.p[i].supplier_id);
        free(r.p[i].serves);
    }
    free(r.p);
    json_decref(root);
    return rc;
}
