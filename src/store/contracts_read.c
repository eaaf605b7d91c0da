/*
 * contracts_read.c - the contracts register as read (see contracts.h):
 * the words of its enumerations and every version of every contract.
 */
#include "store/contracts.h"
#include "store/store_internal.h"

#include <assert.h>
#include <string.h>
#include <strings.h>

static const char *const kind_words[CONTRACT_KINDS] = {"contract", "tender"};
static const char *const body_words[CONTRACT_BODIES] = {"pcc", "force"};
static const char *const body_names[CONTRACT_BODIES] = {"The Police and Crime Commissioner",
                                                        "The Chief Constable"};
static const char *const method_words[CONTRACT_METHODS] = {"open", "selective", "limited",
                                                           "direct"};

const char *contract_kind_word(enum contract_kind k)
{
    assert(k >= 0 && k < CONTRACT_KINDS);
    return kind_words[k];
}

const char *contract_body_word(enum contract_body b)
{
    assert(b >= 0 && b < CONTRACT_BODIES);
    return body_words[b];
}

const char *contract_body_name(enum contract_body b)
{
    assert(b >= 0 && b < CONTRACT_BODIES);
    return body_names[b];
}

const char *contract_method_word(enum contract_method m)
{
    assert(m >= 0 && m < CONTRACT_METHODS);
    return method_words[m];
}

static int word_index(const char *w, const char *const *words, int n)
{
    for (int i = 0; w && i < n; i++)
        if (strcasecmp(w, words[i]) == 0)
            return i;
    return -1;
}

bool contract_kind_parse(const char *w, enum contract_kind *k)
{
    int i = word_index(w, kind_words, CONTRACT_KINDS);
    return i >= 0 ? (*k = (enum contract_kind)i, true) : false;
}

bool contract_body_parse(const char *w, enum contract_body *b)
{
    int i = word_index(w, body_words, CONTRACT_BODIES);
    return i >= 0 ? (*b = (enum contract_body)i, true) : false;
}

bool contract_method_parse(const char *w, enum contract_method *m)
{
    int i = word_index(w, method_words, CONTRACT_METHODS);
    return i >= 0 ? (*m = (enum contract_method)i, true) : false;
}

bool contract_copy_required(int64_t value_pence)
{
    return value_pence > CONTRACT_COPY_OVER_PENCE;
}

/* -1 for NULL, else the column's integer. */
static int64_t optional_int(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, col);
}

static void row_of(sqlite3_stmt *st, struct contract_row *r)
{
    enum contract_kind kind = CONTRACT_CONTRACT;
    enum contract_body body = CONTRACT_PCC;
    enum contract_method method = CONTRACT_OPEN;
    contract_kind_parse(store_column_text(st, 2), &kind);
    contract_body_parse(store_column_text(st, 3), &body);
    contract_method_parse(store_column_text(st, 17), &method);
    r->c = (struct contract){.ref = store_column_text(st, 0),
                             .kind = kind,
                             .body = body,
                             .ocid = store_column_text(st, 4),
                             .title = store_column_text(st, 5),
                             .description = store_column_text(st, 6),
                             .department = store_column_text(st, 7),
                             .supplier = store_column_text(st, 8),
                             .supplier_id = store_column_text(st, 9),
                             .sme = (int)optional_int(st, 10),
                             .vcse = (int)optional_int(st, 11),
                             .value_pence = sqlite3_column_int64(st, 12),
                             .vat_pence = optional_int(st, 13),
                             .start_on = store_column_text(st, 14),
                             .end_on = store_column_text(st, 15),
                             .review_on = store_column_text(st, 16),
                             .method = method,
                             .method_details = store_column_text(st, 18),
                             .document_url = store_column_text(st, 19),
                             .line = sqlite3_column_int(st, 20),
                             .funding = store_column_text(st, 29),
                             .serves = store_column_text(st, 30)};
    r->version = sqlite3_column_int(st, 1);
    r->current = sqlite3_column_int(st, 21) != 0;
    r->published_at = store_column_text(st, 22);
    r->reason = store_column_text(st, 23);
    r->file_name = store_column_text(st, 24);
    r->file_sha256 = store_column_text(st, 25);
    r->copy_sha256 = store_column_text(st, 26);
    r->copy_attached_at = store_column_text(st, 27);
    r->copy_size = sqlite3_column_int64(st, 28);
}

int store_contracts(struct store *s, const char *ref, bool all, contract_fn fn, void *arg,
                    struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT v.ref, v.version, v.kind, v.body, v.ocid, v.title, v.description, v.department,"
        " v.supplier, v.supplier_id, v.sme, v.vcse, v.value_pence, v.vat_pence, v.start_on,"
        " v.end_on, v.review_on, v.method, v.method_details, v.document_url, v.line, v.version ="
        " (SELECT max(version) FROM contract_version m WHERE m.ref = v.ref), v.published_at,"
        " v.reason, v.file_name, v.file_sha256, c.sha256, c.attached_at, u.size, v.funding,"
        " v.serves"
        " FROM contract_version v"
        " LEFT JOIN contract_copy c ON c.id = (SELECT max(id) FROM contract_copy x"
        "  WHERE x.ref = v.ref) LEFT JOIN upload u ON u.sha256 = c.sha256"
        " WHERE (?1 IS NULL OR v.ref = ?1) AND (?2 OR v.version ="
        " (SELECT max(version) FROM contract_version m WHERE m.ref = v.ref))"
        " ORDER BY v.start_on DESC, v.ref, v.version",
        err);
    if (!st)
        return -1;
    if (ref)
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, all);
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct contract_row r;
        row_of(st, &r);
        fn(arg, &r);
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : store_fail(s, err, "reading the contracts register");
}

static void count_row(void *arg, const struct contract_row *r)
{
    (void)r;
    ++*(int *)arg;
}

int store_contract_known(struct store *s, const char *ref, struct buf *err)
{
    int n = 0;
    return store_contracts(s, ref, false, count_row, &n, err) < 0 ? -1 : n > 0;
}
