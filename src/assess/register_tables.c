/*
 * register_tables.c - the registers' tables (see register_tables.h). One
 * list of fields says which register shows each, under what key and
 * heading; the current table and the versions table are made from it.
 */
#include "assess/register_tables.h"

#include <string.h>

enum field {
    F_REF,
    F_NAME,
    F_POST,
    F_DATE,
    F_CATEGORY,
    F_DETAILS,
    F_DONOR,
    F_VALUE,
    F_OUTCOME,
    F_SALARY,
    F_ALLOWANCES,
    F_VERSION,
    F_STATE,
    F_REASON,
    F_RECORDED,
    F_FILE,
    F_SHA256,
    NFIELDS
};
_Static_assert(NFIELDS <= REG_TABLE_MAX_COLS, "the headings fit");

#define I_  (1u << REG_INTERESTS)
#define G_  (1u << REG_GIFTS)
#define S_  (1u << REG_SALARIES)
#define ALL (I_ | G_ | S_)

/* Each field: the registers showing it, its key and heading in each. */
static const struct {
    unsigned kinds;
    const char *key[REG_KINDS], *heading[REG_KINDS];
} fields[NFIELDS] = {
    [F_REF] = {ALL, {"ref", "ref", "ref"}, {"Reference", "Reference", "Reference"}},
    [F_NAME] = {ALL, {"name", "name", "name"}, {"Name", "Name", "Name"}},
    [F_POST] = {ALL, {"post", "post", "post"}, {"Office", "Office", "Post"}},
    [F_DATE] = {ALL,
                {"declared_on", "offered_on", "as_at"},
                {"Declared on", "Offered on", "As at"}},
    [F_CATEGORY] = {I_ | G_, {"category", "category", NULL}, {"Category", "Gift or hospitality"}},
    [F_DETAILS] = {ALL,
                   {"details", "details", "responsibilities"},
                   {"The interest", "What was offered", "Responsibilities"}},
    [F_DONOR] = {G_, {NULL, "donor", NULL}, {NULL, "Offered by"}},
    [F_VALUE] = {G_, {NULL, "value", NULL}, {NULL, "Value"}},
    [F_OUTCOME] = {G_, {NULL, "outcome", NULL}, {NULL, "Accepted or declined"}},
    [F_SALARY] = {S_, {NULL, NULL, "salary"}, {NULL, NULL, "Salary a year"}},
    [F_ALLOWANCES] = {S_, {NULL, NULL, "allowances"}, {NULL, NULL, "Allowances a year"}},
    [F_VERSION] = {ALL, {"version", "version", "version"}, {"Version", "Version", "Version"}},
    [F_STATE] = {ALL, {"state", "state", "state"}, {"State", "State", "State"}},
    [F_REASON] = {ALL,
                  {"reason", "reason", "reason"},
                  {"Why corrected or withdrawn", "Why corrected or withdrawn",
                   "Why corrected or withdrawn"}},
    [F_RECORDED] = {ALL,
                    {"recorded_at", "recorded_at", "recorded_at"},
                    {"Recorded", "Recorded", "Recorded"}},
    [F_FILE] = {ALL, {"file", "file", "file"}, {"File", "File", "File"}},
    [F_SHA256] = {ALL,
                  {"file_sha256", "file_sha256", "file_sha256"},
                  {"File SHA-256", "File SHA-256", "File SHA-256"}},
};

struct filling {
    struct table *t;
    enum reg_kind kind;
    bool human;
    int col[NFIELDS]; /* each field's column, -1 when not shown */
};

static void begin(struct filling *f, struct table *t, enum reg_kind k, bool human,
                  const char *title)
{
    const char *names[NFIELDS];
    size_t n = 0;
    for (int i = 0; i < NFIELDS; i++) {
        f->col[i] = fields[i].kinds & (1u << k) ? (int)n : -1;
        if (f->col[i] >= 0)
            names[n++] = fields[i].key[k];
    }
    table_init(t, n, names);
    table_set_title(t, title);
    f->t = t;
    f->kind = k;
    f->human = human;
}

static void set(struct filling *f, size_t r, enum field i, const char *text)
{
    if (f->col[i] >= 0 && text && *text)
        table_set_text(f->t, r, (size_t)f->col[i], text);
}

static void set_money(struct filling *f, size_t r, enum field i, int64_t pence, bool shown)
{
    if (f->col[i] >= 0 && shown)
        table_set_money(f->t, r, (size_t)f->col[i], pence, f->human);
}

static void row(void *arg, const struct reg_version_row *v)
{
    struct filling *f = arg;
    const struct reg_entry *e = &v->e;
    bool nil = strcmp(e->category, REG_NIL) == 0, shown = !v->withdrawn && !nil;
    size_t r = table_add_row(f->t);
    set(f, r, F_REF, e->ref);
    set(f, r, F_NAME, e->holder);
    set(f, r, F_POST, e->post);
    set(f, r, F_DATE, e->date);
    set(f, r, F_CATEGORY, nil ? "nil return: nothing to declare" : e->category);
    set(f, r, F_DETAILS, e->details);
    set(f, r, F_DONOR, e->donor);
    set_money(f, r, F_VALUE, e->value_pence, shown);
    set(f, r, F_OUTCOME, reg_outcome_word(e->outcome));
    set_money(f, r, F_SALARY, e->value_pence, shown);
    set_money(f, r, F_ALLOWANCES, e->allowances_pence, shown);
    table_set_int(f->t, r, (size_t)f->col[F_VERSION], v->version);
    set(f, r, F_STATE, v->withdrawn ? "withdrawn" : v->current ? "current" : "corrected");
    set(f, r, F_REASON, v->reason);
    set(f, r, F_RECORDED, v->recorded_at);
    set(f, r, F_FILE, v->file_name);
    set(f, r, F_SHA256, v->file_sha256);
}

int reg_current_table(struct store *s, enum reg_kind k, bool human, struct table *t,
                      struct buf *err)
{
    struct filling f;
    begin(&f, t, k, human, reg_kind_title(k));
    return store_reg_current(s, k, row, &f, err);
}

int reg_versions_table(struct store *s, enum reg_kind k, const char *ref, bool staff, bool human,
                       struct table *t, struct buf *err)
{
    struct filling f;
    begin(&f, t, k, human, "Every version, with why each was corrected or withdrawn");
    return store_reg_versions(s, k, ref, staff, row, &f, err);
}

void reg_table_headings(enum reg_kind k, const char *out[REG_TABLE_MAX_COLS])
{
    size_t c = 0;
    for (int i = 0; i < NFIELDS; i++)
        if (fields[i].kinds & (1u << k))
            out[c++] = fields[i].heading[k];
}
