/*
 * giving360.c - the 360Giving package and CSV (see giving360.h). Both are
 * made from one list of grants as JSON objects, so they cannot disagree.
 */
#include "assess/giving360.h"
#include "assess/money_json.h"
#include "model/money.h"
#include "store/areas.h"
#include "store/fund.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A charity or company number from an org-id (GB-CHC-1234567,
 * GB-COH-01234567), into field of org. */
static void org_number(json_t *org, const char *org_id)
{
    if (strncmp(org_id, "GB-CHC-", 7) == 0 || strncmp(org_id, "GB-SC-", 6) == 0 ||
        strncmp(org_id, "GB-NIC-", 7) == 0)
        json_object_set_new(org, "charityNumber", json_string(strchr(org_id + 3, '-') + 1));
    else if (strncmp(org_id, "GB-COH-", 7) == 0)
        json_object_set_new(org, "companyNumber", json_string(org_id + 7));
}

/* The grants as they are added, and the store for the partnerships' codes. */
struct grants {
    json_t *list;
    struct store *s;
    struct buf code;
    int failed;
    struct buf *err;
};

/* The beneficiary location: the district's name and, when the lookup has
 * a code for the award's partnership, that code (a partnership without
 * one, as in the real lookups, gives no geoCode rather than its name). */
static json_t *place_of(struct grants *g, const struct fund_award_view *a)
{
    json_t *place = json_pack("{s:s}", "name", a->district);
    int found = a->csp_code && *a->csp_code
                    ? store_area_code(g->s, "csp", a->csp_code, &g->code, g->err)
                    : 1;
    if (found < 0)
        g->failed = 1;
    if (found == 0) {
        json_object_set_new(place, "geoCode", json_string(buf_str(&g->code)));
        json_object_set_new(place, "geoCodeType", json_string("CSP"));
    }
    return place;
}

static void add_grant(void *arg, const struct fund_award_view *a)
{
    struct grants *gs = arg;
    char id[200];
    snprintf(id, sizeof id, "%s-%s-%d", a->prefix, a->round, a->number);
    json_t *recipient = json_pack("{s:s, s:s}", "id", a->org_id, "name", a->recipient);
    org_number(recipient, a->org_id);
    json_t *g =
        json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:[o], s:[{s:s, s:s}], s:[{s:s, s:s}], s:s, s:s}",
                  "id", id, "title", a->title, "description", a->description, "currency", "GBP",
                  "amountAwarded", money_json_pounds(a->amount_pence), "awardDate",
                  a->decided_on ? a->decided_on : a->awarded_on, "recipientOrganization", recipient,
                  "fundingOrganization", "id", a->funder_id, "name", a->funder_name,
                  "grantProgramme", "code", a->programme, "title", a->programme_title, "conditions",
                  a->conditions, "decisionReference", a->decision_ref);
    if (!a->sensitive && a->district)
        json_object_set_new(g, "beneficiaryLocation", json_pack("[o]", place_of(gs, a)));
    json_array_append_new(gs->list, g);
}

json_t *giving360_package(struct store *s, bool preview, struct buf *err)
{
    struct grants g = {json_array(), s, BUF_INIT, 0, err};
    int rc = store_fund_awards(s, NULL, !preview, add_grant, &g, err);
    buf_free(&g.code);
    if (rc < 0 || g.failed) {
        json_decref(g.list);
        return NULL;
    }
    return json_pack("{s:o, s:s}", "grants", g.list, "version", GIVING360_SCHEMA_VERSION);
}

int giving360_json(struct store *s, bool preview, struct buf *out, struct buf *err)
{
    json_t *p = giving360_package(s, preview, err);
    if (!p)
        return -1;
    money_json_dump(p, out);
    return 0;
}

/* The CSV's columns: the standard's title and where each is in a grant. */
static const struct {
    const char *title, *array, *key;
} columns[] = {
    {"Identifier", NULL, "id"},
    {"Title", NULL, "title"},
    {"Description", NULL, "description"},
    {"Currency", NULL, "currency"},
    {"Amount Awarded", NULL, "amountAwarded"},
    {"Award Date", NULL, "awardDate"},
    {"Recipient Org:Identifier", "recipientOrganization", "id"},
    {"Recipient Org:Name", "recipientOrganization", "name"},
    {"Recipient Org:Charity Number", "recipientOrganization", "charityNumber"},
    {"Recipient Org:Company Number", "recipientOrganization", "companyNumber"},
    {"Funding Org:Identifier", "fundingOrganization", "id"},
    {"Funding Org:Name", "fundingOrganization", "name"},
    {"Grant Programme:Code", "grantProgramme", "code"},
    {"Grant Programme:Title", "grantProgramme", "title"},
    {"Beneficiary Location:Name", "beneficiaryLocation", "name"},
    {"Beneficiary Location:Geographic Code", "beneficiaryLocation", "geoCode"},
    {"Beneficiary Location:Geographic Code Type", "beneficiaryLocation", "geoCodeType"},
    {"Conditions", NULL, "conditions"},
    {"Decision Reference", NULL, "decisionReference"},
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static void set_cell(struct table *t, size_t r, size_t c, json_t *v)
{
    if (json_is_string(v))
        table_set_text(t, r, c, json_string_value(v));
    else if (json_is_integer(v))
        table_set_int(t, r, c, json_integer_value(v));
    else if (json_is_real(v)) {
        char text[MONEY_TEXT_SIZE]; /* pounds and pence, as the JSON has them */
        money_format((int64_t)(json_real_value(v) * 100.0 + 0.5), false, text);
        table_set_text(t, r, c, text);
    }
}

int giving360_table(struct store *s, bool preview, struct table *t, struct buf *err)
{
    const char *names[NCOLUMNS];
    for (size_t c = 0; c < NCOLUMNS; c++)
        names[c] = columns[c].title;
    table_init(t, NCOLUMNS, names);
    json_t *p = giving360_package(s, preview, err);
    if (!p)
        return -1;
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(p, "grants"), i, g)
    {
        size_t r = table_add_row(t);
        for (size_t c = 0; c < NCOLUMNS; c++) {
            json_t *from =
                columns[c].array ? json_array_get(json_object_get(g, columns[c].array), 0) : g;
            set_cell(t, r, c, json_object_get(from, columns[c].key));
        }
    }
    json_decref(p);
    return 0;
}
