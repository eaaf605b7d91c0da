/*
 * cmd_hmicfrs.c - `peel hmicfrs`: HMICFRS reports about the force and the
 * Commissioner's responses (Police Act 1996 s.55; store/hmicfrs.h).
 *
 *   peel hmicfrs add REF --title TEXT --published DATE --url URL
 *   peel hmicfrs comment REF --invited DATE [--note TEXT]
 *   peel hmicfrs comment REF --received DATE --note TEXT
 *   peel hmicfrs respond REF --number N --recommendation TEXT --response TEXT
 *   peel hmicfrs publish REF [--on DATE] [--url URL]
 *   peel hmicfrs list [--format text|csv|json]
 *   peel hmicfrs show REF
 * and --today DATE with any of them. A change is made as the staff account
 * --as USER names, with a role the staff side's route table allows for it
 * (src/web/staff.c): the drafters record, only the Commissioner publishes.
 */
#include "cli/commands.h"
#include "cli/date_args.h"
#include "cli/staff_args.h"
#include "store/hmicfrs.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hm_args {
    const char *ref, *as, *title, *url, *note, *recommendation, *response;
    int published, invited, received, on, today, number;
    enum table_format format;
};

static bool option(int c, const char *arg, void *args)
{
    struct hm_args *a = args;
    const struct peel_cmd *cmd = &cmd_hmicfrs;
    switch (c) {
    case 'P':
        return cli_date_arg(cmd, "--published", arg, &a->published);
    case 'i':
        return cli_date_arg(cmd, "--invited", arg, &a->invited);
    case 'r':
        return cli_date_arg(cmd, "--received", arg, &a->received);
    case 'o':
        return cli_date_arg(cmd, "--on", arg, &a->on);
    case 't':
        return cli_date_arg(cmd, "--today", arg, &a->today);
    case 'n':
        return cli_days_arg(cmd, "--number", arg, 1, 999, &a->number);
    case 'T':
        a->title = arg;
        return true;
    case 'a':
        a->as = arg;
        return true;
    case 'u':
        a->url = arg;
        return true;
    case 'N':
        a->note = arg;
        return true;
    case 'R':
        a->recommendation = arg;
        return true;
    case 'S':
        a->response = arg;
        return true;
    case 'F':
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct hm_args *a)
{
    static const struct option longopts[] = {{"published", required_argument, NULL, 'P'},
                                             {"invited", required_argument, NULL, 'i'},
                                             {"received", required_argument, NULL, 'r'},
                                             {"on", required_argument, NULL, 'o'},
                                             {"today", required_argument, NULL, 't'},
                                             {"number", required_argument, NULL, 'n'},
                                             {"title", required_argument, NULL, 'T'},
                                             {"url", required_argument, NULL, 'u'},
                                             {"note", required_argument, NULL, 'N'},
                                             {"recommendation", required_argument, NULL, 'R'},
                                             {"response", required_argument, NULL, 'S'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"as", required_argument, NULL, 'a'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct hm_args){.published = DATE_NONE,
                          .invited = DATE_NONE,
                          .received = DATE_NONE,
                          .on = DATE_NONE,
                          .today = DATE_NONE,
                          .format = TABLE_AUTO};
    const char *operand[1] = {NULL};
    int rc = cli_parse_options(&cmd_hmicfrs, argc, argv, longopts, option, a, operand, 1);
    if (rc != 0)
        return rc;
    a->ref = operand[0];
    if (a->today == DATE_NONE)
        a->today = date_today();
    if (a->on == DATE_NONE)
        a->on = a->today;
    return 0;
}

static void say(void *arg, const struct hmicfrs_view *v)
{
    (void)arg;
    char pub[DATE_TEXT_SIZE], due[DATE_TEXT_SIZE] = "none";
    date_format(v->published_on, pub);
    if (v->clock.due != DATE_NONE)
        date_format(v->clock.due, due);
    printf("%s: %s (published %s, %s)\n", v->ref, v->title, pub, v->url);
    printf("  response due by %s (%d calendar days, s.55); ", due, HMICFRS_DAYS);
    if (v->response_on != DATE_NONE) {
        char on[DATE_TEXT_SIZE];
        date_format(v->response_on, on);
        printf("published %s at %s%s\n", on, v->response_url,
               v->clock.days_left < 0 ? " (late)" : "");
    } else {
        printf("%s\n", v->clock.overdue ? "OVERDUE" : "not yet published");
    }
    char d[DATE_TEXT_SIZE];
    if (v->invited_on != DATE_NONE)
        date_format(v->invited_on, d), printf("  chief constable invited to comment %s\n", d);
    if (v->comments_on != DATE_NONE)
        date_format(v->comments_on, d), printf("  comments received %s\n", d);
    printf("  recommendations answered: %d\n", v->responded);
}

static void say_response(void *arg, int number, const char *recommendation, const char *response)
{
    (void)arg;
    printf("  %d. %s\n     Response: %s\n", number, recommendation, response);
}

/* A change's answer, then the report as it now is. */
static int said(struct store *s, int rc, const struct hm_args *a, const struct buf *err)
{
    if (rc == 0)
        return store_hmicfrs_get(s, a->ref, false, a->today, say, NULL, NULL) == 0 ? 0 : 1;
    if (rc > 0)
        fprintf(stderr, "peel hmicfrs: %s: %s%s%s\n", a->ref, hmicfrs_refusal_text(rc),
                err->len ? ": " : "", buf_str(err));
    else
        fprintf(stderr, "peel hmicfrs: %s: %s\n", a->ref, buf_str(err));
    return rc == HMICFRS_BAD ? EXIT_USAGE : 1;
}

static int change(struct store *s, int i, const struct hm_args *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    int rc;
    if (i == 0) {
        if (!a->title || a->published == DATE_NONE || !a->url)
            return cli_usage_error(&cmd_hmicfrs,
                                   "add: REF --title TEXT --published DATE --url URL");
        struct hmicfrs_new r = {a->ref, a->title, a->url, a->published};
        rc = store_hmicfrs_add(s, &r, by, &err);
    } else if (i == 1) {
        if ((a->invited == DATE_NONE) == (a->received == DATE_NONE))
            return cli_usage_error(&cmd_hmicfrs, "comment: REF --invited DATE, or --received DATE "
                                                 "--note TEXT");
        bool received = a->received != DATE_NONE;
        rc = store_hmicfrs_step(s, a->ref, received, received ? a->received : a->invited, a->note,
                                by, &err);
    } else if (i == 2) {
        if (!a->number || !a->recommendation || !a->response)
            return cli_usage_error(&cmd_hmicfrs, "respond: REF --number N --recommendation TEXT "
                                                 "--response TEXT");
        rc = store_hmicfrs_respond(s, a->ref, a->number, a->recommendation, a->response, by, &err);
    } else {
        char url[80];
        snprintf(url, sizeof url, "/hmicfrs/%s", a->ref);
        rc = store_hmicfrs_publish(s, a->ref, a->on, a->url ? a->url : url, by, &err);
    }
    rc = said(s, rc, a, &err);
    buf_free(&err);
    return rc;
}

static void add_row(void *arg, const struct hmicfrs_view *v)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    int dates[] = {v->published_on, v->invited_on, v->comments_on, v->clock.due, v->response_on};
    table_set_text(t, r, 0, v->ref);
    table_set_text(t, r, 1, v->title);
    for (size_t i = 0; i < 5; i++)
        table_set_date(t, r, 2 + i, dates[i]);
    table_set_int(t, r, 7, v->responded);
    table_set_text(t, r, 8,
                   v->response_on != DATE_NONE ? "published"
                   : v->clock.overdue          ? "OVERDUE"
                                               : "open");
}

static int list(struct store *s, const struct hm_args *a)
{
    static const char *const cols[] = {
        "ref",      "title", "published",    "invited",
        "comments", "due",   "responded_on", "recommendations_answered",
        "state"};
    struct table t;
    table_init(&t, 9, cols);
    struct buf err = BUF_INIT;
    long n = store_hmicfrs_list(s, false, a->today, add_row, &t, &err);
    if (n >= 0) {
        table_set_title(&t, "HMICFRS reports and the Commissioner's responses");
        table_render(&t, a->format, stdout);
    } else {
        fprintf(stderr, "peel hmicfrs: %s\n", buf_str(&err));
    }
    table_free(&t);
    buf_free(&err);
    return n >= 0 ? 0 : 1;
}

static int show(struct store *s, const struct hm_args *a)
{
    struct buf err = BUF_INIT;
    int rc = store_hmicfrs_get(s, a->ref, false, a->today, say, NULL, &err);
    if (rc == 0)
        rc = store_hmicfrs_responses(s, a->ref, say_response, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "peel hmicfrs: %s: %s\n", a->ref,
                rc > 0 ? hmicfrs_refusal_text(rc) : buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_hmicfrs(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"add", "comment", "respond", "publish", "list", "show"};
    int i = cli_action_of(&cmd_hmicfrs, argc, argv, actions, 6);
    if (i < 0)
        return EXIT_USAGE;
    const char *action = argv[1];
    char *command = cli_command_line(argc, argv);
    struct hm_args a;
    int rc = parse(argc, argv, &a);
    if (rc == 0 && i != 4 && !a.ref)
        rc = cli_usage_error(&cmd_hmicfrs, "%s: the report's REF (peel-2026)", action);
    struct store *s = rc ? NULL : cli_store(ctx);
    struct audit_origin by = {a.as, command};
    if (rc || !s)
        rc = rc ? rc : 1;
    else if (i <= 3 && (rc = cli_staff_as(&cmd_hmicfrs, s, a.as,
                                          i == 3 ? "commissioner" : CLI_DRAFTERS, action)) != 0)
        rc = a.as ? rc : EXIT_USAGE;
    else if (i <= 3)
        rc = change(s, i, &a, &by);
    else
        rc = i == 4 ? list(s, &a) : show(s, &a);
    free(command);
    return rc;
}

const struct peel_cmd cmd_hmicfrs = {
    "hmicfrs",
    run_hmicfrs,
    "HMICFRS reports and the Commissioner's responses, with the 56-day clock (s.55)",
    "peel hmicfrs add REF --as USER --title TEXT --published DATE --url URL\n"
    "       peel hmicfrs comment REF --as USER --invited DATE [--note TEXT]\n"
    "       peel hmicfrs comment REF --as USER --received DATE --note TEXT\n"
    "       peel hmicfrs respond REF --as USER --number N --recommendation TEXT --response TEXT\n"
    "       peel hmicfrs publish REF --as USER [--on DATE] [--url URL]\n"
    "       peel hmicfrs list [--format text|csv|json]\n"
    "       peel hmicfrs show REF\n"
    "       (any of them: --today DATE)",
    "The Police Act 1996 s.55 gives the Commissioner 56 days, beginning with the day\n"
    "an HMICFRS report about the force is published, to publish a response, after\n"
    "inviting the chief constable's comments. add records a report (REF: lower-case\n"
    "letters, digits and '-') and starts its clock (peel clock list shows it).\n"
    "comment records the invitation, or the comments received. respond records the\n"
    "response to recommendation N; a later one for the same N replaces it until\n"
    "publication. publish (only after the invitation, with at least one response)\n"
    "publishes the responses on --on DATE (default today) at --url (default Peel's\n"
    "page /hmicfrs/REF) and completes the clock; nothing published changes after.\n"
    "A change is made as a staff account (--as USER): add, comment and respond by an\n"
    "officer, finance or monitoring officer, deputy or the Commissioner; publish by the\n"
    "Commissioner only, as on the staff side. Every change is audited (peel audit list).\n"
    "\n"
    "Examples:\n"
    "  peel hmicfrs add peel-2025 --as jsmith --title 'PEEL 2025: police effectiveness, "
    "efficiency\n"
    "       and legitimacy' --published 2026-03-02 --url https://hmicfrs.example/peel.pdf\n"
    "  peel hmicfrs comment peel-2025 --as jsmith --invited 2026-03-03\n"
    "  peel hmicfrs respond peel-2025 --as jsmith --number 1 --recommendation '...' \\\n"
    "       --response '...'\n"
    "  peel hmicfrs publish peel-2025 --as pcc --on 2026-04-20\n",
};
