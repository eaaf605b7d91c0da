/*
 * cmd_decision.c - `peel decision`: the decision register
 * (store/decisions.h, ingest/decision_file.h).
 *
 *   peel decision list [--format text|csv|json] [filters]     public
 *   peel decision show REF [--json] [--version N]             public
 *   peel decision plan [--format ...]        the forward plan against the log
 *   peel decision staff REF --as USER        everything, exempt parts too
 *   peel decision import FILE.csv|FILE.xlsx --as USER [--dry-run]
 *   peel decision reviews --as USER [--on DATE]   exempt parts due for review
 *   peel decision add|draft|signoff|decide|publish|withhold|exempt|
 *                 document|correct|rescind|review REF --as USER [options]
 *
 * A change is made as the account --as names (the store checks that it
 * exists, is enabled and has a role that may), and audited with that
 * username as actor and the command line as origin.
 */
#include "cli/commands.h"
#include "ingest/decision_file.h"
#include "model/calendar.h"
#include "store/accounts.h"
#include "store/decisions.h"
#include "synth/decisions.h"
#include "util/mem.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dargs {
    const char *verb, *ref, *as, *type, *subject, *planned_for, *kind, *note, *on, *ground,
        *review_on, *reason, *field, *text, *name, *url, *sha256, *amount, *search, *status;
    struct decision_text t; /* the text options given (NULL: not given) */
    bool dry_run, json, exempt, release;
    int version, year, page, page_size;
    const char *min, *max;
    enum table_format format;
};

enum {
    O_AS = 256,
    O_TYPE,
    O_SUBJECT,
    O_PLANNED,
    O_KIND,
    O_NOTE,
    O_ON,
    O_GROUND,
    O_REVIEW,
    O_REASON,
    O_FIELD,
    O_TEXT,
    O_NAME,
    O_URL,
    O_SHA,
    O_AMOUNT,
    O_SEARCH,
    O_STATUS,
    O_DRY,
    O_JSON,
    O_EXEMPT,
    O_RELEASE,
    O_VERSION,
    O_YEAR,
    O_PAGE,
    O_SIZE,
    O_MIN,
    O_MAX,
    O_FORMAT,
    O_TITLE,
    O_SUMMARY,
    O_BACKGROUND,
    O_DECISION,
    O_REASONS,
    O_ALTS,
    O_CONFLICTS,
    O_BUDGET,
    O_FINANCIAL,
    O_LEGAL,
    O_EQUALITY,
    O_LEAD
};

static const struct option longopts[] = {{"as", 1, NULL, O_AS},
                                         {"type", 1, NULL, O_TYPE},
                                         {"subject", 1, NULL, O_SUBJECT},
                                         {"planned-for", 1, NULL, O_PLANNED},
                                         {"kind", 1, NULL, O_KIND},
                                         {"note", 1, NULL, O_NOTE},
                                         {"on", 1, NULL, O_ON},
                                         {"ground", 1, NULL, O_GROUND},
                                         {"review-on", 1, NULL, O_REVIEW},
                                         {"reason", 1, NULL, O_REASON},
                                         {"field", 1, NULL, O_FIELD},
                                         {"text", 1, NULL, O_TEXT},
                                         {"name", 1, NULL, O_NAME},
                                         {"url", 1, NULL, O_URL},
                                         {"sha256", 1, NULL, O_SHA},
                                         {"amount", 1, NULL, O_AMOUNT},
                                         {"search", 1, NULL, O_SEARCH},
                                         {"status", 1, NULL, O_STATUS},
                                         {"dry-run", 0, NULL, O_DRY},
                                         {"json", 0, NULL, O_JSON},
                                         {"exempt", 0, NULL, O_EXEMPT},
                                         {"release", 0, NULL, O_RELEASE},
                                         {"version", 1, NULL, O_VERSION},
                                         {"year", 1, NULL, O_YEAR},
                                         {"page", 1, NULL, O_PAGE},
                                         {"page-size", 1, NULL, O_SIZE},
                                         {"min", 1, NULL, O_MIN},
                                         {"max", 1, NULL, O_MAX},
                                         {"format", 1, NULL, O_FORMAT},
                                         {"title", 1, NULL, O_TITLE},
                                         {"summary", 1, NULL, O_SUMMARY},
                                         {"background", 1, NULL, O_BACKGROUND},
                                         {"decision", 1, NULL, O_DECISION},
                                         {"reasons", 1, NULL, O_REASONS},
                                         {"alternatives", 1, NULL, O_ALTS},
                                         {"conflicts", 1, NULL, O_CONFLICTS},
                                         {"budget-line", 1, NULL, O_BUDGET},
                                         {"financial", 1, NULL, O_FINANCIAL},
                                         {"legal", 1, NULL, O_LEGAL},
                                         {"equality", 1, NULL, O_EQUALITY},
                                         {"lead-officer", 1, NULL, O_LEAD},
                                         {NULL, 0, NULL, 0}};

/* Where each string option goes, from O_AS on. */
static const char **string_slot(struct dargs *a, int c)
{
    const char **slots[] = {&a->as,     &a->type,   &a->subject, &a->planned_for, &a->kind,
                            &a->note,   &a->on,     &a->ground,  &a->review_on,   &a->reason,
                            &a->field,  &a->text,   &a->name,    &a->url,         &a->sha256,
                            &a->amount, &a->search, &a->status};
    const char **text[] = {&a->t.title,     &a->t.summary,     &a->t.background,
                           &a->t.decision,  &a->t.reasons,     &a->t.alternatives,
                           &a->t.conflicts, &a->t.budget_line, &a->t.financial,
                           &a->t.legal,     &a->t.equality,    &a->t.lead_officer};
    if (c >= O_AS && c <= O_STATUS)
        return slots[c - O_AS];
    if (c >= O_TITLE && c <= O_LEAD)
        return text[c - O_TITLE];
    return NULL;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static int parse_flag(struct dargs *a, int c, const char *opt)
{
    bool ok = true;
    if (c == O_DRY)
        a->dry_run = true;
    else if (c == O_JSON)
        a->json = true;
    else if (c == O_EXEMPT)
        a->exempt = true;
    else if (c == O_RELEASE)
        a->release = true;
    else if (c == O_VERSION)
        ok = parse_int(opt, 1, 100000, &a->version);
    else if (c == O_YEAR)
        ok = parse_int(opt, 1990, 2100, &a->year);
    else if (c == O_PAGE)
        ok = parse_int(opt, 1, 100000, &a->page);
    else if (c == O_SIZE)
        ok = parse_int(opt, 1, DECISION_PAGE_MAX, &a->page_size);
    else if (c == O_MIN)
        a->min = opt;
    else if (c == O_MAX)
        a->max = opt;
    else if (c == O_FORMAT)
        ok = strcmp(opt, "text") == 0 ? (a->format = TABLE_TEXT, true)
                                      : cli_parse_format(opt, &a->format);
    else
        return cli_usage_error(&cmd_decision, "unknown option");
    return ok ? 0 : cli_usage_error(&cmd_decision, "bad value '%s' (peel help decision)", opt);
}

/* argv[1] is the verb; options and the REF or FILE in any order. */
static int parse(int argc, char **argv, struct dargs *a)
{
    *a = (struct dargs){.verb = argv[1], .format = TABLE_AUTO, .page = 1, .page_size = 50};
    a->t.amount_pence = -1;
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        const char **slot = string_slot(a, c);
        int rc = slot ? (*slot = optarg, 0) : c == '?' ? EXIT_USAGE : parse_flag(a, c, optarg);
        if (rc)
            return rc == EXIT_USAGE && c == '?' ? cli_usage_error(&cmd_decision, "see above") : rc;
    }
    if (optind < argc)
        a->ref = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_decision, "unexpected argument '%s'", argv[optind]);
    if (a->amount) {
        long long p;
        if (!decision_parse_pounds(a->amount, &p))
            return cli_usage_error(&cmd_decision, "--amount '%s' is not pounds", a->amount);
        a->t.amount_pence = p;
    }
    return 0;
}

/* What a store answer means; 0 on success. */
static int report(int rc, const struct dargs *a, const char *done, const struct buf *err)
{
    if (rc == DECISION_OK) {
        printf("%s: %s\n", a->ref ? a->ref : a->verb, done);
        return 0;
    }
    if (rc < 0) {
        fprintf(stderr, "peel decision: %s\n", buf_str(err));
        return 1;
    }
    fprintf(stderr, "peel decision %s: %s: %s%s%s\n", a->verb, a->ref ? a->ref : "",
            decision_status_text(rc), err->len ? ": " : "", buf_str(err));
    return rc == DECISION_BAD_INPUT ? EXIT_USAGE : 1;
}

/* The decision's text as staff see it (draft or current version), owned. */
struct owned_text {
    char *f[12];
    int64_t amount_pence;
    bool found;
};

static const char **text_field(struct decision_text *t, int i)
{
    const char **f[] = {&t->title,     &t->summary,      &t->background, &t->decision,
                        &t->reasons,   &t->alternatives, &t->conflicts,  &t->budget_line,
                        &t->financial, &t->legal,        &t->equality,   &t->lead_officer};
    return f[i];
}

static void keep_text(void *arg, const struct decision_public *d)
{
    struct owned_text *o = arg;
    struct decision_text t = d->text;
    for (int i = 0; i < 12; i++)
        o->f[i] = *text_field(&t, i) ? xstrdup(*text_field(&t, i)) : NULL;
    o->amount_pence = t.amount_pence;
    o->found = true;
}

/* The text given on the command line over the decision's present text. */
static int overlay(struct store *s, const struct dargs *a, struct owned_text *o,
                   struct decision_text *out, struct buf *err)
{
    struct decision_staff_fns fns = {.decision = keep_text};
    *o = (struct owned_text){.amount_pence = -1};
    int rc = store_decision_staff(s, a->ref, &fns, o, err);
    if (rc < 0)
        return rc;
    *out = a->t;
    for (int i = 0; i < 12; i++)
        if (!*text_field(out, i))
            *text_field(out, i) = o->f[i];
    if (out->amount_pence < 0)
        out->amount_pence = o->amount_pence;
    return 0;
}

static void owned_free(struct owned_text *o)
{
    for (int i = 0; i < 12; i++)
        free(o->f[i]);
}

static int do_add(struct store *s, const struct dargs *a, const struct audit_origin *by,
                  struct buf *err)
{
    struct decision_new d = {a->ref, a->subject ? a->subject : a->t.title, DECISION_GENERAL,
                             a->planned_for};
    if (a->type && !decision_type_parse(a->type, &d.type)) {
        buf_printf(err, "--type '%s' is not a decision type (peel help decision)", a->type);
        return DECISION_BAD_INPUT;
    }
    return store_decision_add(s, &d, a->t.title ? &a->t : NULL, by, err);
}

static int do_text(struct store *s, const struct dargs *a, const struct audit_origin *by,
                   struct buf *err)
{
    struct owned_text o;
    struct decision_text t;
    int rc = overlay(s, a, &o, &t, err);
    if (rc == 0)
        rc = strcmp(a->verb, "draft") == 0
                 ? store_decision_draft(s, a->ref, &t, by, err)
                 : store_decision_correct(s, a->ref, &t, a->reason, by, err);
    owned_free(&o);
    return rc;
}

static int do_signoff(struct store *s, const struct dargs *a, const struct audit_origin *by,
                      struct buf *err)
{
    enum decision_signoff_kind k;
    if (!decision_signoff_parse(a->kind, &k)) {
        buf_printf(err, "--kind: finance or monitoring");
        return DECISION_BAD_INPUT;
    }
    return store_decision_signoff(s, a->ref, k, a->note, by, err);
}

static int do_document(struct store *s, const struct dargs *a, const struct audit_origin *by,
                       struct buf *err)
{
    return store_decision_document(s, a->ref, a->name, a->url, a->sha256, !a->exempt, by, err);
}

static int do_change(struct store *s, const struct dargs *a, const struct audit_origin *by,
                     struct buf *err)
{
    const char *v = a->verb;
    if (strcmp(v, "add") == 0)
        return do_add(s, a, by, err);
    if (strcmp(v, "draft") == 0 || strcmp(v, "correct") == 0)
        return do_text(s, a, by, err);
    if (strcmp(v, "signoff") == 0)
        return do_signoff(s, a, by, err);
    if (strcmp(v, "decide") == 0)
        return store_decision_decide(s, a->ref, a->on, by, err);
    if (strcmp(v, "publish") == 0)
        return store_decision_publish(s, a->ref, by, err);
    if (strcmp(v, "withhold") == 0)
        return store_decision_withhold(s, a->ref, a->ground, a->review_on, a->reason, by, err);
    if (strcmp(v, "exempt") == 0)
        return store_decision_exempt(s, a->ref, a->field ? a->field : "", a->text, a->ground,
                                     a->review_on, by, err);
    if (strcmp(v, "document") == 0)
        return do_document(s, a, by, err);
    if (strcmp(v, "review") == 0)
        return store_decision_review(s, a->ref, a->field, a->release,
                                     a->release ? NULL : a->review_on, a->reason, by, err);
    return store_decision_rescind(s, a->ref, a->reason, by, err);
}

/* Prints the table a read filled (rc 0) or the store's error; frees both. */
static int print_table(struct table *t, int rc, const struct dargs *a, struct buf *err)
{
    if (rc == 0)
        table_render(t, a->format, stdout);
    else
        fprintf(stderr, "peel decision: %s\n", buf_str(err));
    table_free(t);
    buf_free(err);
    return rc == 0 ? 0 : 1;
}

static char *pounds(int64_t pence, char *out, size_t n)
{
    if (pence < 0)
        return NULL;
    char whole[32];
    table_thousands(pence / 100, whole, sizeof whole);
    snprintf(out, n, "%s.%02d", whole, (int)(pence % 100));
    return out;
}

static void add_row(void *arg, const struct decision_public *d)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    char money[48];
    const char *v[] = {
        d->ref,   d->decided_on, d->stub ? "(exempt: see ground)" : d->text.title,  d->subject,
        d->state, d->type,       pounds(d->text.amount_pence, money, sizeof money), d->decided_by,
        d->ground};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        table_set_text(t, r, i, v[i]);
    table_set_int(t, r, 9, d->version);
}

static bool money_arg(const char *text, int64_t *pence)
{
    long long p = -1;
    if (text && !decision_parse_pounds(text, &p))
        return false;
    *pence = text ? p : -1;
    return true;
}

static int do_list(struct store *s, const struct dargs *a)
{
    static const char *const cols[] = {"reference",     "date",   "title", "subject",
                                       "status",        "type",   "value", "decision_maker",
                                       "exempt_ground", "version"};
    struct decision_filter f;
    decision_filter_default(&f);
    f.year = a->year, f.state = a->status, f.type = a->type, f.subject = a->subject;
    f.text = a->search, f.page = a->page, f.page_size = a->page_size;
    if (!money_arg(a->min, &f.min_pence) || !money_arg(a->max, &f.max_pence))
        return cli_usage_error(&cmd_decision, "--min and --max are pounds, e.g. 10,000");
    struct table t;
    table_init(&t, 10, cols);
    struct buf err = BUF_INIT;
    long total = 0;
    int rc = store_decisions_public(s, &f, add_row, &t, &total, &err);
    if (rc == 0) {
        table_set_title(&t, "Decision register (public)");
        table_add_note(&t, "%ld decisions match; page %d of %ld.", total, f.page,
                       (total + f.page_size - 1) / f.page_size);
    }
    return print_table(&t, rc, a, &err);
}

static void set_text(json_t *j, const char *key, const char *v)
{
    if (v)
        json_object_set_new(j, key, json_string(v));
}

static void show_json(void *arg, const struct decision_public *d)
{
    json_t *j = arg;
    set_text(j, "reference", d->ref), set_text(j, "type", d->type);
    set_text(j, "subject", d->subject), set_text(j, "status", d->state);
    json_object_set_new(j, "version", json_integer(d->version));
    set_text(j, "date", d->decided_on), set_text(j, "decision_maker", d->decided_by);
    set_text(j, "decision_maker_role", d->decided_role);
    json_object_set_new(j, "stub", json_boolean(d->stub));
    set_text(j, "exempt_ground", d->ground);
    struct decision_text t = d->text;
    for (int i = 0; i < 12; i++)
        set_text(j, decision_text_fields[i < 7 ? i : i + 1], *text_field(&t, i));
    if (t.amount_pence >= 0)
        json_object_set_new(j, "amount_pence", json_integer(t.amount_pence));
    set_text(j, "correction_reason", d->corrects_reason);
    set_text(j, "exempt_fields", d->exempt_fields);
}

static void add_document(void *arg, const struct decision_document_row *d)
{
    json_t *doc = json_object();
    set_text(doc, "name", d->name), set_text(doc, "url", d->url),
        set_text(doc, "sha256", d->sha256);
    json_object_set_new(doc, "version", json_integer(d->version));
    json_array_append_new(arg, doc);
}

static void add_released(void *arg, const struct decision_released_row *r)
{
    json_t *x = json_object();
    set_text(x, "field", r->field), set_text(x, "text", r->text), set_text(x, "ground", r->ground);
    set_text(x, "released_on", r->released_on), set_text(x, "why", r->why);
    json_array_append_new(arg, x);
}

/* Prints a JSON object as "key: value" lines, or as JSON. */
static void print_object(json_t *j, bool as_json)
{
    if (as_json) {
        char *text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
        printf("%s\n", text);
        free(text);
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v)
    {
        if (json_is_string(v))
            printf("%-22s %s\n", key, json_string_value(v));
        else if (json_is_integer(v))
            printf("%-22s %lld\n", key, (long long)json_integer_value(v));
        else if (json_is_boolean(v))
            printf("%-22s %s\n", key, json_is_true(v) ? "yes" : "no");
    }
    size_t i;
    json_t *docs = json_object_get(j, "documents");
    for (i = 0; i < json_array_size(docs); i++) {
        json_t *d = json_array_get(docs, i);
        const char *url = json_string_value(json_object_get(d, "url"));
        printf("%-22s %s %s\n", "document", json_string_value(json_object_get(d, "name")),
               url ? url : "");
    }
    json_t *parts = json_object_get(j, "released_parts");
    for (i = 0; i < json_array_size(parts); i++) {
        json_t *x = json_array_get(parts, i);
        printf("%-22s %s: %s\n", "released at review",
               json_string_value(json_object_get(x, "field")),
               json_string_value(json_object_get(x, "text")));
    }
}

static int do_show(struct store *s, const struct dargs *a)
{
    json_t *j = json_object(), *docs = json_array(), *parts = json_array();
    struct buf err = BUF_INIT;
    int rc = store_decision_public(s, a->ref, a->version, show_json, j, &err);
    if (rc == 0)
        rc = store_decision_documents_public(s, a->ref, add_document, docs, &err);
    if (rc == 0)
        rc = store_decision_released_public(s, a->ref, add_released, parts, &err);
    json_object_set_new(j, "documents", docs);
    json_object_set_new(j, "released_parts", parts);
    if (rc == 0)
        print_object(j, a->json);
    else if (rc == DECISION_UNKNOWN_REF)
        fprintf(stderr, "peel decision show: no public decision '%s'\n", a->ref);
    else
        fprintf(stderr, "peel decision: %s\n", buf_str(&err));
    json_decref(j);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void staff_exempt(void *arg, const struct decision_exempt_row *r)
{
    json_t *x = json_object();
    set_text(x, "field", r->field), set_text(x, "text", r->text), set_text(x, "ground", r->ground);
    set_text(x, "review_on", r->review_on), set_text(x, "approved_by", r->approved_by);
    set_text(x, "released_on", r->released_on);
    json_array_append_new(json_object_get(arg, "exempt_parts"), x);
}

static void staff_signoff(void *arg, const struct decision_signoff_row *r)
{
    json_t *x = json_object();
    set_text(x, "kind", r->kind), set_text(x, "signed_by", r->signed_by);
    set_text(x, "signed_at", r->signed_at), set_text(x, "note", r->note);
    json_array_append_new(json_object_get(arg, "signoffs"), x);
}

static void staff_document(void *arg, const struct decision_document_row *d)
{
    json_t *x = json_object();
    set_text(x, "name", d->name), set_text(x, "url", d->url), set_text(x, "sha256", d->sha256);
    json_object_set_new(x, "version", json_integer(d->version));
    json_object_set_new(x, "public", json_boolean(d->public_));
    json_array_append_new(json_object_get(arg, "documents"), x);
}

/* The staff view: only for an enabled account of a staff role. */
static bool staff_role(void *arg, const char *role)
{
    (void)arg;
    static const char *const staff[] = {"officer",      "finance-officer", "monitoring-officer",
                                        "commissioner", "deputy",          "auditor"};
    for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++)
        if (strcmp(role, staff[i]) == 0)
            return true;
    return false;
}

struct who {
    const char *username;
    bool staff;
};

static void find_account(void *arg, const struct account *acc)
{
    struct who *w = arg;
    if (strcmp(acc->username, w->username) == 0 && !acc->disabled_at)
        w->staff = staff_role(NULL, acc->role);
}

static int do_staff(struct store *s, const struct dargs *a)
{
    struct buf err = BUF_INIT;
    struct who w = {a->as, false};
    int rc = store_accounts(s, find_account, &w, &err);
    if (rc == 0 && !w.staff) {
        fprintf(stderr,
                "peel decision staff: '%s' is not an enabled account of a staff role "
                "(exempt parts are for the Office's staff)\n",
                a->as);
        buf_free(&err);
        return 1;
    }
    json_t *j = json_object();
    json_object_set_new(j, "exempt_parts", json_array());
    json_object_set_new(j, "signoffs", json_array());
    json_object_set_new(j, "documents", json_array());
    struct decision_staff_fns fns = {show_json, staff_exempt, staff_signoff, staff_document};
    if (rc == 0)
        rc = store_decision_staff(s, a->ref, &fns, j, &err);
    if (rc == 0) {
        char *text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
        printf("%s\n", text);
        free(text);
    } else {
        fprintf(stderr, "peel decision staff: %s\n",
                rc > 0 ? decision_status_text(rc) : buf_str(&err));
    }
    json_decref(j);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void add_plan_row(void *arg, const struct decision_plan_row *p)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    const char *v[] = {p->planned_for, p->ref, p->subject, p->decided_on,
                       plan_outcome_word(p->outcome)};
    for (size_t i = 0; i < 5; i++)
        table_set_text(t, r, i, v[i]);
}

static int do_plan(struct store *s, const struct dargs *a)
{
    static const char *const cols[] = {"planned_for", "reference", "subject", "taken_on",
                                       "outcome"};
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    struct table t;
    table_init(&t, 5, cols);
    struct buf err = BUF_INIT;
    int rc = store_decision_plan_vs_log(s, a->on ? a->on : today, add_plan_row, &t, &err);
    if (rc == 0) {
        table_set_title(&t, "The forward plan against the decision log");
        table_add_note(&t, "By Panel meeting date: decisions planned and whether they were taken "
                           "by then; then decisions taken that were never forward-planned.");
    }
    return print_table(&t, rc, a, &err);
}

static int do_import(struct store *s, const struct dargs *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    size_t n = 0;
    int rc = decision_file_import(s, a->ref, a->dry_run, by, &n, &err);
    if (rc == 0)
        printf("%s: %zu decisions %s\n", a->ref, n,
               a->dry_run ? "checked, nothing imported (--dry-run)" : "imported");
    else
        fprintf(stderr, "%s%speel decision import: %s: nothing imported\n", buf_str(&err),
                err.len && err.p[err.len - 1] != '\n' ? "\n" : "", a->ref);
    buf_free(&err);
    return rc;
}

static void add_review_row(void *arg, const struct decision_review_row *r)
{
    struct table *t = arg;
    size_t row = table_add_row(t);
    const char *v[] = {r->review_on, r->ref, r->subject, r->field, r->ground};
    for (size_t i = 0; i < 5; i++)
        table_set_text(t, row, i, v[i]);
}

/* The exempt parts due for review by --on (default today). */
static int do_reviews(struct store *s, const struct dargs *a)
{
    static const char *const cols[] = {"review_on", "reference", "subject", "field", "ground"};
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    struct table t;
    table_init(&t, 5, cols);
    struct buf err = BUF_INIT;
    bool more = false;
    const char *by = a->on ? a->on : today;
    int on;
    if (!date_parse(by, strlen(by), &on)) {
        table_free(&t);
        return cli_usage_error(&cmd_decision, "--on '%s' is not a date YYYY-MM-DD", by);
    }
    int rc = store_decision_reviews_due(s, by, add_review_row, &t, &more, &err);
    if (rc == 0) {
        table_set_title(&t, "Exempt parts due for review");
        table_add_note(&t,
                       "Each part still exempt whose review date is on or before %s; "
                       "release it or keep it to a later date with peel decision review.",
                       by);
        if (more)
            table_add_note(&t, "Only the first %d are listed.", DECISION_REVIEWS_MAX);
    }
    return print_table(&t, rc, a, &err);
}

static const char *const verbs[] = {"list",    "show",     "plan",   "staff",    "import",
                                    "reviews", "add",      "draft",  "signoff",  "decide",
                                    "publish", "withhold", "exempt", "document", "correct",
                                    "rescind", "review",   "sample"};
#define NVERBS (sizeof verbs / sizeof verbs[0])

static int dispatch(struct store *s, size_t i, const struct dargs *a, const struct audit_origin *by)
{
    if (i == 0)
        return do_list(s, a);
    if (i == 1)
        return do_show(s, a);
    if (i == 2)
        return do_plan(s, a);
    if (i == 3)
        return do_staff(s, a);
    if (i == 4)
        return do_import(s, a, by);
    if (i == 5)
        return do_reviews(s, a);
    struct buf err = BUF_INIT;
    int rc = report(do_change(s, a, by, &err), a, a->verb, &err);
    buf_free(&err);
    return rc;
}

/* Writes the SYNTHETIC demo register (synth/decisions.h) to a file. */
static int do_sample(const struct dargs *a)
{
    FILE *f = fopen(a->ref, "w");
    int n = f ? synth_decisions(f, 1) : 0;
    if (!f || fclose(f) != 0) {
        fprintf(stderr, "peel decision sample: cannot write %s\n", a->ref);
        return 1;
    }
    printf("%s: %d SYNTHETIC decisions (none of them real)\n", a->ref, n);
    return 0;
}

static int run_decision(int argc, char **argv, struct peel_ctx *ctx)
{
    int found = cli_action_of(&cmd_decision, argc, argv, verbs, (int)NVERBS);
    if (found < 0)
        return EXIT_USAGE;
    size_t i = (size_t)found;
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct dargs a;
    int rc = parse(argc, argv, &a);
    if (rc == 0 && i != 0 && i != 2 && i != 5 && !a.ref)
        rc = cli_usage_error(&cmd_decision, "%s: which %s?", a.verb, i == 4 ? "FILE" : "REF");
    if (rc == 0 && i == NVERBS - 1) {
        free(command);
        return do_sample(&a);
    }
    if (rc == 0 && i >= 3 && !a.as)
        rc = cli_usage_error(&cmd_decision, "%s: --as USERNAME, the account acting", a.verb);
    struct store *s = rc ? NULL : cli_store(ctx);
    if (s) {
        struct audit_origin by = {a.as, command};
        rc = dispatch(s, i, &a, &by);
    } else if (rc == 0) {
        rc = 1;
    }
    free(command);
    return rc;
}

const struct peel_cmd cmd_decision = {
    "decision",
    run_decision,
    "the decision register: record, sign off, take, publish or withhold decisions",
    "peel decision list [--format text|csv|json] [--year Y] [--status S] [--type T]\n"
    "                          [--subject TEXT] [--min POUNDS] [--max POUNDS] [--search WORDS]\n"
    "                          [--page N] [--page-size N]\n"
    "       peel decision show REF [--json] [--version N]\n"
    "       peel decision plan [--format text|csv|json] [--on YYYY-MM-DD]\n"
    "       peel decision staff REF --as USER\n"
    "       peel decision import FILE.csv|FILE.xlsx --as USER [--dry-run]\n"
    "       peel decision reviews --as USER [--on YYYY-MM-DD]\n"
    "       peel decision add REF --as USER --type TYPE --subject TEXT\n"
    "                          (--planned-for DATE | --title TEXT [text options])\n"
    "       peel decision draft|correct REF --as USER [text options] [--reason WHY]\n"
    "       peel decision signoff REF --as USER --kind finance|monitoring [--note TEXT]\n"
    "       peel decision decide REF --as USER [--on YYYY-MM-DD]\n"
    "       peel decision publish REF --as USER\n"
    "       peel decision withhold REF --as USER --ground s.NN [--review-on DATE] [--reason WHY]\n"
    "       peel decision exempt REF --as USER --field FIELD --ground s.NN --text TEXT\n"
    "       peel decision document REF --as USER --name NAME (--url URL | --sha256 HEX) "
    "[--exempt]\n"
    "       peel decision rescind REF --as USER --reason WHY\n"
    "       peel decision review REF --as USER --field FIELD|'*' (--release | --review-on DATE)\n"
    "                          --reason WHY\n"
    "       peel decision sample FILE.csv   (a SYNTHETIC register to import, for demos)",
    "The decision register (docs/staff.md, \"The decision register\"). A decision moves\n"
    "forward-planned -> draft -> advised (finance and monitoring officers signed off) ->\n"
    "decided -> published, or decided -> withheld (exempt as a whole: only a stub is public);\n"
    "published or withheld -> rescinded. A decided text never changes: correct makes a new\n"
    "version naming the one it corrects and why.\n"
    "\n"
    "list, show and plan are the PUBLIC view: published, withheld (as a stub: reference,\n"
    "date, subject, decision maker, FOIA ground) and rescinded decisions, never an exempt\n"
    "part. staff shows everything, exempt parts included, to an enabled staff account.\n"
    "\n"
    "An exempt part is reviewed at its review date: reviews lists the parts due by --on\n"
    "(default today); review releases one (its text is then public beside its field; '*'\n"
    "publishes a withheld decision whole) or keeps it until a later --review-on, saying why.\n"
    "\n"
    "Every change is made as --as USER: the account must exist, be enabled and have a\n"
    "role that may (draft: officer and above; signoff: finance-officer or monitoring-officer;\n"
    "decide, rescind: commissioner, or deputy for delegable types; withhold, exempt:\n"
    "monitoring-officer or commissioner). Only the commissioner may take the non-delegable\n"
    "types: police-and-crime-plan, precept, chief-constable-appointment,\n"
    "chief-constable-suspension, chief-constable-removal, annual-report. Other types:\n"
    "general, contract, grant, finance, policy, staffing, estates.\n"
    "Each change is one audit row (peel audit list).\n"
    "\n"
    "Text options: --title --summary --background --decision --reasons --alternatives\n"
    "--conflicts --amount POUNDS --budget-line --financial --legal --equality --lead-officer\n"
    "\n"
    "import reads an office's register as CSV, or the first sheet of an .xlsx workbook,\n"
    "with a header: reference, date, title,\n"
    "decision, value, link, and optionally summary, subject, type, status (published,\n"
    "withheld, forward-planned), exempt ground, decision maker, reasons, planned for. Every\n"
    "row is checked first: any problem and nothing is imported, each listed as\n"
    "FILE:LINE: field: reason (in a workbook, LINE is the sheet's row). At most 8 MiB\n"
    "and 10,000 rows.\n"
    "\n"
    "Examples:\n"
    "  peel decision import register.csv --as jsmith\n"
    "  peel decision list --year 2025 --min 10,000 --format csv\n"
    "  peel decision list --search 'body worn video'\n"
    "  peel decision show PCC/2026/014 --json\n"
    "  peel decision signoff PCC/2026/014 --as cfo --kind finance --note 'Within budget'\n"
    "  peel decision decide PCC/2026/014 --as pcc\n",
};
