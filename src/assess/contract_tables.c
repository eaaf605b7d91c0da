/*
 * contract_tables.c - the contracts register as a table in the
 * Transparency Code's layout (see contract_tables.h).
 */
#include "assess/contract_tables.h"
#include "model/money.h"

#include <stdio.h>
#include <string.h>

static const char *const columns[] = {
    "Reference Number",
    "Type",
    "Spent By",
    "Title of Agreement",
    "Department/Service Area",
    "Description of Goods and Services",
    "Supplier Name",
    "Supplier Registration Number",
    "SME",
    "VCSE",
    "Start Date",
    "End Date",
    "Review Date",
    "Contract Value",
    "Irrecoverable VAT",
    "Procurement Process",
    "Funding Source",
    "Plan Missions",
    "OCDS Procurement Method",
    "Copy Required",
    "Copy URL",
    "Copy Download",
    "Copy SHA-256",
    "OCID",
    "Version",
    "Current",
    "Reason",
    "Published",
    "File",
    "File SHA-256",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

struct filling {
    struct table *t;
    enum contracts_part part;
    bool human;
    int n;
};

static const char *yes_no(int v)
{
    return v < 0 ? "" : v ? "yes" : "no";
}

static void add_row(void *arg, const struct contract_row *r)
{
    struct filling *f = arg;
    const struct contract *c = &r->c;
    bool copy = contract_copy_required(c->value_pence);
    if ((f->part == CONTRACTS_COPIES && !copy) || (f->part == CONTRACTS_LIST && copy))
        return;
    struct table *t = f->t;
    size_t row = table_add_row(t), k = 0;
    const char *before[] = {c->ref,
                            contract_kind_word(c->kind),
                            contract_body_word(c->body),
                            c->title,
                            c->department,
                            c->description,
                            c->supplier,
                            c->supplier_id,
                            yes_no(c->sme),
                            yes_no(c->vcse),
                            c->start_on,
                            c->end_on,
                            c->review_on};
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
        table_set_text(t, row, k++, before[i]);
    table_set_money(t, row, k++, c->value_pence, f->human);
    if (c->vat_pence >= 0)
        table_set_money(t, row, k, c->vat_pence, f->human);
    else
        table_set_text(t, row, k, "");
    k++;
    const char *after[] = {c->method_details,   c->funding,
                           c->serves,           contract_method_word(c->method),
                           copy ? "yes" : "no", c->document_url};
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
        table_set_text(t, row, k++, after[i]);
    /* the redacted copy Peel serves: the contract's now, so the current
     * version's */
    bool served = r->current && *r->copy_sha256;
    char path[80];
    snprintf(path, sizeof path, "/documents/%s", served ? r->copy_sha256 : "");
    table_set_text(t, row, k++, served ? path : "");
    table_set_text(t, row, k++, served ? r->copy_sha256 : "");
    table_set_text(t, row, k++, c->ocid);
    table_set_int(t, row, k++, r->version);
    table_set_text(t, row, k++, r->current ? "yes" : "no");
    const char *last[] = {r->reason, r->published_at, r->file_name, r->file_sha256};
    for (size_t i = 0; i < sizeof last / sizeof last[0]; i++)
        table_set_text(t, row, k++, last[i]);
    f->n++;
}

int contracts_table(struct store *s, const char *ref, enum contracts_part part, bool all,
                    bool human, struct table *t, struct buf *err)
{
    table_init(t, NCOLUMNS, columns);
    table_set_title(t, part == CONTRACTS_COPIES ? "Contracts and tenders over £10,000"
                       : part == CONTRACTS_LIST ? "Contracts and tenders of £10,000 or less"
                                                : "Contracts and invitations to tender");
    struct filling f = {t, part, human, 0};
    int rc = store_contracts(s, ref, all, add_row, &f, err);
    return rc < 0 ? -1 : f.n;
}
