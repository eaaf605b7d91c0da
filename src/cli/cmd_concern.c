/*
 * cmd_concern.c - `peel concern`: the Office's casework register
 * (store/concerns.h) and its personal-data vault (store/vault.h).
 *
 *   peel concern add --kind KIND --received DATE [--channel C] [--outcome DATE]
 *        [--sent-elsewhere DATE [--forwarded DATE]] [--name T] [--email T] [--phone T]
 *        [--address T] [--details T] [--force-ref T]
 *   peel concern event REF EVENT [--on DATE] [--note TEXT]
 *   peel concern categorise REF CODE
 *   peel concern categories [FILE]
 *   peel concern list [--format text|csv|json]
 *   peel concern show REF [--personal --why TEXT]
 *   peel concern export (--email T | --phone T) --why TEXT
 *   peel concern retention [--today DATE]
 *   peel concern stats [--format text|csv|json]
 * with --keys FILE (the vault's key file; default DB.keys) and --today DATE.
 */
#include "assess/concern_stats.h"
#include "cli/commands.h"
#include "cli/date_args.h"
#include "ingest/allegation_file.h"
#include "store/concerns.h"

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cc_args {
    const char *operand, *operand2, *kind, *channel, *note, *why, *keys, *body;
    long long withdraw;
    struct concern_person person;
    int received, outcome, sent, forwarded, on, today;
    bool personal;
    enum table_format format;
};

static bool text_option(int c, const char *arg, struct cc_args *a)
{
    const char **slot = c == 'k'   ? &a->kind
                        : c == 'c' ? &a->channel
                        : c == 'N' ? &a->note
                        : c == 'y' ? &a->why
                        : c == 'K' ? &a->keys
                        : c == 'b' ? &a->body
                        : c == 'n' ? &a->person.name
                        : c == 'e' ? &a->person.email
                        : c == 'p' ? &a->person.phone
                        : c == 'a' ? &a->person.address
                        : c == 'd' ? &a->person.details
                        : c == 'r' ? &a->person.force_ref
                                   : NULL;
    if (slot)
        *slot = arg;
    return slot != NULL;
}

/* The date options: each letter, its name and where it goes. */
static const struct {
    int c;
    const char *name;
    size_t offset;
} date_options[] = {
    {'R', "--received", offsetof(struct cc_args, received)},
    {'O', "--outcome", offsetof(struct cc_args, outcome)},
    {'S', "--sent-elsewhere", offsetof(struct cc_args, sent)},
    {'W', "--forwarded", offsetof(struct cc_args, forwarded)},
    {'o', "--on", offsetof(struct cc_args, on)},
    {'t', "--today", offsetof(struct cc_args, today)},
};

static bool option(int c, const char *arg, void *args)
{
    struct cc_args *a = args;
    const struct peel_cmd *cmd = &cmd_concern;
    for (size_t i = 0; i < sizeof date_options / sizeof date_options[0]; i++)
        if (date_options[i].c == c)
            return cli_date_arg(cmd, date_options[i].name, arg,
                                (int *)(void *)((char *)a + date_options[i].offset));
    if (c == 'P') {
        a->personal = true;
        return true;
    }
    if (c == 'X') {
        char *end;
        a->withdraw = strtoll(arg, &end, 10);
        return (*arg && !*end && a->withdraw > 0) ||
               cli_usage_error(cmd, "--withdraw takes a spell's number (see the list)") == 0;
    }
    if (c == 'F')
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    return text_option(c, arg, a);
}

static int parse(int argc, char **argv, struct cc_args *a)
{
    static const struct option longopts[] = {{"kind", required_argument, NULL, 'k'},
                                             {"channel", required_argument, NULL, 'c'},
                                             {"note", required_argument, NULL, 'N'},
                                             {"why", required_argument, NULL, 'y'},
                                             {"keys", required_argument, NULL, 'K'},
                                             {"name", required_argument, NULL, 'n'},
                                             {"email", required_argument, NULL, 'e'},
                                             {"phone", required_argument, NULL, 'p'},
                                             {"address", required_argument, NULL, 'a'},
                                             {"details", required_argument, NULL, 'd'},
                                             {"force-ref", required_argument, NULL, 'r'},
                                             {"received", required_argument, NULL, 'R'},
                                             {"outcome", required_argument, NULL, 'O'},
                                             {"sent-elsewhere", required_argument, NULL, 'S'},
                                             {"forwarded", required_argument, NULL, 'W'},
                                             {"on", required_argument, NULL, 'o'},
                                             {"today", required_argument, NULL, 't'},
                                             {"personal", no_argument, NULL, 'P'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"body", required_argument, NULL, 'b'},
                                             {"withdraw", required_argument, NULL, 'X'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct cc_args){.received = DATE_NONE,
                          .outcome = DATE_NONE,
                          .sent = DATE_NONE,
                          .forwarded = DATE_NONE,
                          .on = DATE_NONE,
                          .today = DATE_NONE,
                          .format = TABLE_AUTO};
    const char *operand[2] = {NULL};
    int rc = cli_parse_options(&cmd_concern, argc, argv, longopts, option, a, operand, 2);
    if (rc != 0)
        return rc;
    a->operand = operand[0];
    a->operand2 = operand[1];
    if (a->today == DATE_NONE)
        a->today = date_today();
    if (a->on == DATE_NONE)
        a->on = a->today;
    return 0;
}

static int fail(const struct buf *err)
{
    fprintf(stderr, "peel concern: %s\n", buf_str(err));
    return 1;
}

static void print_date(const char *label, int date)
{
    char text[DATE_TEXT_SIZE];
    if (date == DATE_NONE)
        return;
    date_format(date, text);
    printf("  %s %s\n", label, text);
}

static int add(struct store *s, struct vault *v, const struct cc_args *a,
               const struct audit_origin *by)
{
    const struct concern_route *r = concern_route_named(a->kind);
    if (!r || a->received == DATE_NONE)
        return cli_usage_error(&cmd_concern,
                               "add: --kind police|review|commissioner|chief|foi|other "
                               "--received DATE");
    struct concern_new c = {r->kind,
                            a->channel ? a->channel : "letter",
                            a->received,
                            a->outcome,
                            {a->sent, a->forwarded},
                            a->person,
                            a->body};
    struct concern_made m;
    struct buf err = BUF_INIT;
    int rc = store_concern_add(s, v, &c, by, &m, &err);
    if (rc == 0) {
        printf("%s recorded: %s; dealt with by %s\n", m.ref, r->label, r->who);
        print_date("acknowledge by", m.ack_due);
        print_date("answer by", m.answer_due);
        if (m.has_window) {
            print_date("review limit", m.window.due);
            printf("  application %s (%d days with another body left out)\n",
                   m.window.in_time ? "in time" : "OUT OF TIME", m.window.left_out);
        }
    } else
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void say_case(void *arg, const struct concern_view *c)
{
    (void)arg;
    printf("%s: %s, %s, received by %s; %s\n", c->ref, c->kind, c->state, c->channel,
           c->destroyed ? "personal details destroyed" : "personal details held");
    print_date("received", c->received);
    print_date("outcome given", c->outcome);
    print_date("review limit", c->review_due);
    if (c->in_time >= 0)
        printf("  application %s (%d days with other bodies left out)\n",
               c->in_time ? "in time" : "out of time", c->left_out);
    if (c->reviewer)
        printf("  reviewer %s\n", c->reviewer);
    if (c->decision)
        printf("  decision: %s\n", c->decision);
    if (*c->categories)
        printf("  allegation categories: %s\n", c->categories);
}

static void say_event(void *arg, const struct concern_event_view *e)
{
    (void)arg;
    char on[DATE_TEXT_SIZE];
    date_format(e->on, on);
    printf("  %s %s by %s%s%s\n", on, e->kind, e->actor, *e->note ? ": " : "", e->note);
}

static void say_field(void *arg, const char *field, const char *value, size_t n)
{
    (void)arg;
    printf("  %s: %.*s\n", field, (int)n, value);
}

static int show(struct store *s, struct vault *v, const struct cc_args *a,
                const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    int rc = store_concern_get(s, a->operand, say_case, NULL, &err);
    if (rc == CONCERN_UNKNOWN)
        buf_printf(&err, "no case %s", a->operand);
    if (rc == 0)
        rc = store_concern_events(s, a->operand, say_event, NULL, &err);
    if (rc == 0 && v) {
        char subject[40];
        snprintf(subject, sizeof subject, "concern:%s", a->operand);
        printf("Personal details (this read is audited):\n");
        rc = vault_get_all(v, subject, a->why, by, say_field, NULL, &err);
    }
    if (rc != 0)
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void list_row(void *arg, const struct concern_view *c)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, c->ref);
    table_set_text(t, r, 1, c->kind);
    table_set_text(t, r, 2, c->state);
    table_set_date(t, r, 3, c->received);
    table_set_date(t, r, 4, c->review_due);
    table_set_text(t, r, 5, c->in_time < 0 ? "" : c->in_time ? "yes" : "no");
    table_set_text(t, r, 6, c->decision ? c->decision : "");
}

static int list(struct store *s, const struct cc_args *a)
{
    static const char *const cols[] = {"ref",        "kind",    "state",   "received",
                                       "review_due", "in_time", "decision"};
    struct table t;
    table_init(&t, 7, cols);
    table_set_title(&t, "Cases, latest first");
    struct buf err = BUF_INIT;
    int rc = store_concerns_list(s, CONCERNS_LIST_MAX, list_row, &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fail(&err);
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void say_category(void *arg, const char *code, const char *label)
{
    (void)arg;
    printf("%s\t%s\n", code, label);
}

static int categories(struct store *s, const struct cc_args *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    int rc = 0;
    if (a->operand) {
        struct allegation_list l;
        rc = allegation_file_read(a->operand, &l, &err);
        for (size_t i = 0; rc == 0 && i < l.n; i++)
            rc = store_allegation_category_put(s, l.rows[i].code, l.rows[i].label, by, &err);
        if (rc == 0)
            printf("%zu allegation categories loaded from %s\n", l.n, a->operand);
        allegation_list_free(&l);
    }
    if (rc == 0)
        rc = store_allegation_categories(s, say_category, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "peel concern: %s%s", buf_str(&err),
                err.len && err.p[err.len - 1] == '\n' ? "" : "\n");
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int simple_change(struct store *s, int action, const struct cc_args *a,
                         const struct audit_origin *by)
{
    if (!a->operand2)
        return cli_usage_error(&cmd_concern, action == 1 ? "event: REF EVENT [--on DATE] [--note "
                                                           "TEXT]"
                                                         : "categorise: REF CODE");
    struct buf err = BUF_INIT;
    int rc = action == 1 ? store_concern_event(s, a->operand, a->operand2, a->on, a->note, by, &err)
                         : store_concern_categorise(s, a->operand, a->operand2, by, &err);
    if (rc == CONCERN_UNKNOWN)
        buf_printf(&err, "no case %s", a->operand);
    if (rc == 0)
        rc = store_concern_get(s, a->operand, say_case, NULL, &err);
    if (rc != 0)
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : rc == CONCERN_REFUSED ? EXIT_USAGE : 1;
}

static int export(struct store *s, struct vault *v, const struct cc_args *a,
                  const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    char *doc =
        store_concern_subject_access(s, v, a->person.email, a->person.phone, a->why, by, &err);
    if (doc)
        printf("%s\n", doc);
    else
        fail(&err);
    free(doc);
    buf_free(&err);
    return doc ? 0 : 1;
}

static int retention(struct store *s, struct vault *v, const struct cc_args *a,
                     const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    int n = 0;
    int rc = store_concern_retention(s, v, a->today, by, &n, &err);
    if (rc == 0)
        printf("%d case%s' personal details destroyed (their retention periods had ended)\n", n,
               n == 1 ? "" : "s");
    else
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int stats(struct store *s, const struct cc_args *a)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = concern_stats_table(s, &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fail(&err);
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void say_spell(void *arg, const struct concern_spell_view *v)
{
    (void)arg;
    char sent[DATE_TEXT_SIZE], fwd[DATE_TEXT_SIZE];
    date_format(v->sent, sent);
    if (v->forwarded != DATE_NONE)
        date_format(v->forwarded, fwd);
    printf("  spell %lld: with %s from %s%s%s (recorded %s by %s)\n", (long long)v->id, v->body,
           sent, v->forwarded == DATE_NONE ? ", never forwarded" : " to ",
           v->forwarded == DATE_NONE ? "" : fwd, v->at, v->actor);
}

/* Records a spell with a wrong body (--sent-elsewhere, --forwarded,
 * --body), or withdraws one (--withdraw N --why), then lists the spells
 * kept and the window they give; with neither, only lists them. */
static int misdirected(struct store *s, const struct cc_args *a, const struct audit_origin *by)
{
    struct concern_spell_change c = {{a->sent, a->forwarded}, a->body, a->withdraw, a->why};
    struct review_window w;
    struct buf err = BUF_INIT;
    int rc = 0;
    if (a->sent != DATE_NONE || a->withdraw)
        rc = store_concern_misdirected(s, a->operand, &c, by, &w, &err);
    if (rc == CONCERN_UNKNOWN)
        buf_printf(&err, "no case %s", a->operand);
    if (rc == 0)
        rc = store_concern_get(s, a->operand, say_case, NULL, &err);
    if (rc == 0) {
        printf("Spells with other bodies (a day with two is left out once):\n");
        rc = store_concern_spells(s, a->operand, say_spell, NULL, &err);
    }
    if (rc != 0)
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : rc == CONCERN_REFUSED ? EXIT_USAGE : 1;
}

/* The command line for the audit log, with the values of the personal
 * options withheld: the log is kept for years, the details only for their
 * retention period, and never outside the vault. An event's --note is a
 * case note, free text that may name the person: blanked at retention, so
 * never in the log (its audit row says how long it was). */
static char *command_line(int argc, char **argv)
{
    static const char *const personal[] = {"--name",    "--email",     "--phone", "--address",
                                           "--details", "--force-ref", "--note"};
    return cli_command_line_withheld(argc, argv, personal, sizeof personal / sizeof personal[0]);
}

static const char *const actions[] = {"add",  "event",  "categorise", "categories", "list",
                                      "show", "export", "retention",  "stats",      "misdirected"};
#define NACTIONS (sizeof actions / sizeof actions[0])

/* Whether the action reads or writes the vault. */
static bool needs_vault(size_t i, const struct cc_args *a)
{
    return i == 0 || i == 6 || i == 7 || (i == 5 && a->personal);
}

static int dispatch(size_t i, struct store *s, struct vault *v, const struct cc_args *a,
                    const struct audit_origin *by)
{
    switch (i) {
    case 0:
        return add(s, v, a, by);
    case 1:
    case 2:
        return simple_change(s, (int)i, a, by);
    case 3:
        return categories(s, a, by);
    case 4:
        return list(s, a);
    case 5:
        return show(s, v, a, by);
    case 6:
        return export(s, v, a, by);
    case 7:
        return retention(s, v, a, by);
    case 9:
        return misdirected(s, a, by);
    default:
        return stats(s, a);
    }
}

static int run_concern(int argc, char **argv, struct peel_ctx *ctx)
{
    int i = cli_action_of(&cmd_concern, argc, argv, actions, (int)NACTIONS);
    if (i < 0)
        return EXIT_USAGE;
    const char *action = argv[1];
    char *command = command_line(argc, argv);
    struct cc_args a;
    int rc = parse(argc, argv, &a);
    if (rc == 0 && (i == 1 || i == 2 || i == 5 || i == 9) && !a.operand)
        rc = cli_usage_error(&cmd_concern, "%s: the case's REF (C-2026-0001)", action);
    if (rc == 0 && i == 9 && a.sent == DATE_NONE && (a.forwarded != DATE_NONE || a.body))
        rc = cli_usage_error(&cmd_concern, "misdirected: a spell needs --sent-elsewhere DATE");
    if (rc == 0 && i == 9 && a.withdraw && (!a.why || a.sent != DATE_NONE))
        rc = cli_usage_error(&cmd_concern, "misdirected: --withdraw N takes --why TEXT, alone");
    if (rc == 0 && (i == 6 || (i == 5 && a.personal)) && !a.why)
        rc = cli_usage_error(&cmd_concern, "%s: --why TEXT (every read of personal data says why)",
                             action);
    struct store *s = rc ? NULL : i == 0 || i == 3 ? cli_store_create(ctx) : cli_store(ctx);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    struct vault *v = NULL;
    struct buf err = BUF_INIT;
    if (!rc && s && needs_vault(i, &a) && !(v = vault_open(s, a.keys, &by, &err)))
        rc = fail(&err);
    if (!rc && !s)
        rc = 1;
    if (!rc)
        rc = dispatch(i, s, v, &a, &by);
    vault_close(v);
    buf_free(&err);
    free(command);
    return rc;
}

const struct peel_cmd cmd_concern = {
    "concern",
    run_concern,
    "concerns, complaint reviews, FOI requests and contacts; personal details sealed",
    "peel concern add --kind KIND --received DATE [--channel C] [--outcome DATE]\n"
    "            [--sent-elsewhere DATE [--forwarded DATE] [--body T]] [--name T]\n"
    "            [--email T] [--phone T] [--address T] [--details T] [--force-ref T]\n"
    "       peel concern event REF EVENT [--on DATE] [--note TEXT]\n"
    "       peel concern categorise REF CODE\n"
    "       peel concern categories [FILE]\n"
    "       peel concern list [--format text|csv|json]\n"
    "       peel concern show REF [--personal --why TEXT]\n"
    "       peel concern export (--email T | --phone T) --why TEXT\n"
    "       peel concern retention [--today DATE]\n"
    "       peel concern stats [--format text|csv|json]\n"
    "       peel concern misdirected REF [--sent-elsewhere DATE [--forwarded DATE]\n"
    "            --body T | --withdraw N --why TEXT]\n"
    "       (any of them: --keys FILE, --today DATE)",
    "The Office's casework register (docs/concerns.md). add records a case of KIND\n"
    "police, review, commissioner, chief, foi or other, received on DATE, starts its\n"
    "clocks (acknowledge in 5 working days; decide a review in 28, answer an FOI\n"
    "request in 20, reply to a contact in 20) and seals the person's details in the\n"
    "vault (docs/vault.md; its key file is DB.keys unless --keys says). A review's\n"
    "--outcome is the date the force gave its outcome: the 28-day limit runs from the\n"
    "day after, leaving out the days from --sent-elsewhere (sent to the wrong body,\n"
    "--body) to --forwarded. misdirected records a further spell with a wrong body\n"
    "(an application may go to the force, then the IOPC, then here), or withdraws\n"
    "spell N recorded in error, and works the limit out again: every spell is left\n"
    "out, a day with two bodies once; alone it lists the spells. event records acknowledged, "
    "passed-on, assigned (--note the\n"
    "reviewer), conflict, decided (--note reasonable or not-reasonable), recommended,\n"
    "responded (the force's response) or closed. categories loads allegation\n"
    "categories from a CSV file (code,label; data/complaints/) and lists them. show\n"
    "--personal prints the person's details; export prints, as JSON, everything held\n"
    "on the person with that email or phone (a subject access request); both are\n"
    "audited with --why. retention destroys the personal details of every case closed\n"
    "longer ago than its retention period. stats prints the quarterly statistics as\n"
    "published, small numbers suppressed. Every change and every read of personal\n"
    "data is audited (peel audit list).\n"
    "\n"
    "Examples:\n"
    "  peel concern add --kind review --received 2026-04-01 --outcome 2026-03-02 \\\n"
    "       --sent-elsewhere 2026-03-20 --forwarded 2026-04-01 --name 'A Person'\n"
    "  peel concern misdirected C-2026-0001 --sent-elsewhere 2026-03-25 \\\n"
    "       --forwarded 2026-04-01 --body 'the IOPC'\n"
    "  peel concern event C-2026-0001 decided --note not-reasonable\n"
    "  peel concern export --email a.person@example.org --why 'SAR 2026/7'\n",
};
