/*
 * contract_ocds.c - the contracts register as an Open Contracting Data
 * Standard 1.1 release package (see contract_tables.h): one release per
 * version of each contract, checked against the standard's schema by
 * tests/integration/check_ocds.py.
 *
 * A reader compiles a process's releases as OCDS merges them: an object's
 * fields one by one, an array of objects with ids by id. So a later
 * version says what it no longer has (optional(): null), and what may
 * change keeps its id across versions (the supplier's party is
 * "supplier-REF", whatever its org-id, so that a new supplier replaces the
 * old rather than joining it).
 */
#include "assess/contract_tables.h"
#include "assess/money_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An optional field of o: value when there is one (NULL: none); a later
 * version with none says so with null, since an absent field would keep
 * the earlier version's (a bug the fuzzer found: the package did not
 * read back as the versions it came from). */
static void optional(json_t *o, const char *key, json_t *value, bool later)
{
    if (value)
        json_object_set_new(o, key, value);
    else if (later)
        json_object_set_new(o, key, json_null());
}

/* A text as a json string, NULL when empty (optional()'s none). */
static json_t *text_or_none(const char *s)
{
    return *s ? json_string(s) : NULL;
}

/* OCDS amounts are numbers of pounds (assess/money_json.h). */
static json_t *value_of(int64_t pence)
{
    return json_pack("{s:o, s:s}", "amount", money_json_pounds(pence), "currency", "GBP");
}

/* A date as OCDS's date-time: midnight UTC of the day. */
static json_t *date_time(const char *date)
{
    char text[32];
    snprintf(text, sizeof text, "%.10sT00:00:00Z", date);
    return json_string(text);
}

static json_t *period_of(const struct contract *c, bool later)
{
    json_t *p = json_pack("{s:o}", "startDate", date_time(c->start_on));
    optional(p, "endDate", *c->end_on ? date_time(c->end_on) : NULL, later);
    return p;
}

static const char *buyer_id(const struct contract *c)
{
    return c->body == CONTRACT_PCC ? "buyer-pcc" : "buyer-chief-constable";
}

/* The supplier's party id: the contract's, whoever the supplier (its
 * org-id is the party's identifier), so that a later version's supplier
 * replaces the earlier's when OCDS merges the parties by id. */
static void supplier_id(const struct contract *c, char *out, size_t n)
{
    snprintf(out, n, "supplier-%s", c->ref);
}

static json_t *parties(const struct contract *c, bool later)
{
    json_t *list = json_pack("[{s:s, s:s, s:[s]}]", "id", buyer_id(c), "name",
                             contract_body_name(c->body), "roles", "buyer");
    if (!*c->supplier)
        return list;
    char id[200];
    supplier_id(c, id, sizeof id);
    json_t *s = json_pack("{s:s, s:s, s:[s]}", "id", id, "name", c->supplier, "roles",
                          c->kind == CONTRACT_TENDER ? "tenderer" : "supplier");
    const char *dash = *c->supplier_id ? strchr(c->supplier_id + 3, '-') : NULL;
    /* GB-COH-01234567: scheme GB-COH, id 01234567 */
    optional(s, "identifier",
             dash ? json_pack("{s:s%, s:s, s:s}", "scheme", c->supplier_id,
                              (size_t)(dash - c->supplier_id), "id", dash + 1, "legalName",
                              c->supplier)
                  : NULL,
             later);
    json_array_append_new(list, s);
    return list;
}

/* The copy Peel serves (store/contract_copies.h): where (OCDS's url is an
 * absolute URI: without the site's address, none), what and when; OCDS
 * has no field for a digest, so the SHA-256 is in its description. */
static json_t *served_copy(const struct contract_row *r, const char *type, const char *base)
{
    char url[600], about[160];
    size_t n = base ? strlen(base) : 0;
    while (n > 0 && base[n - 1] == '/')
        n--;
    snprintf(url, sizeof url, "%.*s/documents/%s", (int)n, n ? base : "", r->copy_sha256);
    snprintf(about, sizeof about,
             "The redacted copy, checked for every redacted string; SHA-256 %s", r->copy_sha256);
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", "redacted-copy", "documentType",
                          type, "title", r->c.title, "description", about, "format",
                          "application/pdf", "datePublished", r->copy_attached_at);
    if (n)
        json_object_set_new(d, "url", json_string(url));
    return d;
}

/* The copy's address the file gave, and the copy Peel serves (the
 * current version's only: it is the contract's copy now); NULL for none
 * in a first version. Documents merge by id, so a later version with no
 * address says so: the "copy" document's url null. */
static json_t *documents(const struct contract_row *r, const char *type, const char *base)
{
    json_t *list = json_array();
    json_t *copy =
        json_pack("{s:s, s:s, s:s}", "id", "copy", "documentType", type, "title", r->c.title);
    optional(copy, "url", text_or_none(r->c.document_url), true);
    if (*r->c.document_url || r->version > 1)
        json_array_append_new(list, copy);
    else
        json_decref(copy);
    if (r->current && *r->copy_sha256)
        json_array_append_new(list, served_copy(r, type, base));
    if (json_array_size(list) == 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static json_t *amendments(const struct contract_row *r)
{
    char id[96];
    snprintf(id, sizeof id, "%s-v%d", r->c.ref, r->version);
    return json_pack("[{s:s, s:s, s:s}]", "id", id, "date", r->published_at, "rationale",
                     r->reason);
}

static json_t *tender_of(const struct contract_row *r, const char *base)
{
    const struct contract *c = &r->c;
    bool tender = c->kind == CONTRACT_TENDER;
    json_t *t = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "id", c->ref, "title", c->title,
                          "status", tender ? "active" : "complete", "procurementMethod",
                          contract_method_word(c->method), "procurementMethodDetails",
                          c->method_details, "value", value_of(c->value_pence));
    optional(t, "description", text_or_none(c->description), r->version > 1);
    if (tender) {
        json_object_set_new(t, "tenderPeriod", period_of(c, r->version > 1));
        optional(t, "documents", documents(r, "tenderNotice", base), false);
        if (r->version > 1)
            json_object_set_new(t, "amendments", amendments(r));
    }
    return t;
}

/* The award and the contract of a contract's release. */
static void award_and_contract(json_t *release, const struct contract_row *r, const char *base)
{
    const struct contract *c = &r->c;
    char award[96], id[200];
    snprintf(award, sizeof award, "%s-award", c->ref);
    supplier_id(c, id, sizeof id);
    json_object_set_new(release, "awards",
                        json_pack("[{s:s, s:s, s:s, s:o, s:[{s:s, s:s}]}]", "id", award, "title",
                                  c->title, "status", "active", "value", value_of(c->value_pence),
                                  "suppliers", "id", id, "name", c->supplier));
    json_t *k =
        json_pack("{s:s, s:s, s:s, s:o, s:o}", "id", c->ref, "awardID", award, "title", c->title,
                  "value", value_of(c->value_pence), "period", period_of(c, r->version > 1));
    optional(k, "description", text_or_none(c->description), r->version > 1);
    optional(k, "documents", documents(r, "contractSigned", base), false);
    if (r->version > 1)
        json_object_set_new(k, "amendments", amendments(r));
    json_object_set_new(release, "contracts", json_pack("[o]", k));
}

/* The plan's keys as a list (NULL for none). */
static json_t *keys_of(const char *serves)
{
    if (!*serves)
        return NULL;
    json_t *keys = json_array();
    for (const char *k = serves; *k;) {
        size_t n = strcspn(k, ",");
        json_array_append_new(keys, json_stringn(k, n));
        k += n + (k[n] != '\0');
        k += *k == ' ';
    }
    return keys;
}

/* The funding source (OCDS's budget description: "a short free text
 * description of the budget source") and the plan's missions served,
 * which OCDS has no field for: x_planMissions, the keys as the register
 * stores them (m1, m2.s3), so that an import reads them back. NULL when
 * a first version has neither; a later version gives both (optional()). */
static json_t *planning_of(const struct contract *c, bool later)
{
    if (!*c->funding && !*c->serves && !later)
        return NULL;
    json_t *p = json_object();
    json_t *budget = json_object();
    optional(budget, "description", text_or_none(c->funding), later);
    if (json_object_size(budget))
        json_object_set_new(p, "budget", budget);
    else
        json_decref(budget);
    optional(p, "x_planMissions", keys_of(c->serves), later);
    return p;
}

struct releases {
    json_t *list;
    const char *base; /* the site's address for the copies Peel serves */
    char latest[32];  /* the newest publication: the package's date */
};

static void add_release(void *arg, const struct contract_row *r)
{
    struct releases *rs = arg;
    const struct contract *c = &r->c;
    bool tender = c->kind == CONTRACT_TENDER;
    const char *tag = tender ? (r->version > 1 ? "tenderUpdate" : "tender")
                             : (r->version > 1 ? "contractUpdate" : "contract");
    char id[96];
    snprintf(id, sizeof id, "%s-v%d", c->ref, r->version);
    json_t *release =
        json_pack("{s:s, s:s, s:s, s:[s], s:s, s:s, s:o, s:{s:s, s:s}, s:o}", "ocid", c->ocid, "id",
                  id, "date", r->published_at, "tag", tag, "initiationType", "tender", "language",
                  "en", "parties", parties(c, r->version > 1), "buyer", "id", buyer_id(c), "name",
                  contract_body_name(c->body), "tender", tender_of(r, rs->base));
    json_t *planning = planning_of(c, r->version > 1);
    if (planning)
        json_object_set_new(release, "planning", planning);
    if (!tender)
        award_and_contract(release, r, rs->base);
    json_array_append_new(rs->list, release);
    if (strcmp(r->published_at, rs->latest) > 0)
        snprintf(rs->latest, sizeof rs->latest, "%s", r->published_at);
}

json_t *contracts_ocds_package(struct store *s, const char *base, struct buf *err)
{
    struct releases rs = {json_array(), base, "1970-01-01T00:00:00Z"};
    if (store_contracts(s, NULL, true, add_release, &rs, err) < 0) {
        json_decref(rs.list);
        return NULL;
    }
    return json_pack("{s:s, s:s, s:{s:s}, s:s, s:o}", "version", CONTRACTS_OCDS_VERSION,
                     "publishedDate", rs.latest, "publisher", "name",
                     "The Police and Crime Commissioner", "license",
                     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                     "releases", rs.list);
}

int contracts_ocds_json(struct store *s, const char *base, struct buf *out, struct buf *err)
{
    json_t *p = contracts_ocds_package(s, base, err);
    if (!p)
        return -1;
    money_json_dump(p, out);
    return 0;
}
