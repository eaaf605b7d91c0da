/*
 * cmd_calendar.c - `peel calendar`: the working-day calendar (the bank
 * holidays of England and Wales) the store's clocks count by.
 *
 *   peel calendar list [--year Y] [--format text|csv|json]
 *   peel calendar load FILE        gov.uk's bank-holidays.json, checked and audited
 *   peel calendar add DATE N [--working] [--same-day]
 *
 * The calendar in use is the latest loaded, else the one shipped in peel
 * (store/calendar.h). A load is audited as done by "cli:USER".
 */
#include "cli/commands.h"
#include "cli/date_args.h"
#include "ingest/bank_holidays_file.h"
#include "store/calendar.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct calendar_args {
    const char *arg[2]; /* the action's operands */
    int year;           /* 0: every year */
    bool working, same_day;
    enum table_format format;
};

/* Options and operands after the action; 0, or 2 after saying why. */
static int parse(int argc, char **argv, struct calendar_args *a)
{
    static const struct option longopts[] = {{"year", required_argument, NULL, 'y'},
                                             {"working", no_argument, NULL, 'w'},
                                             {"same-day", no_argument, NULL, 'd'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct calendar_args){.format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c, days;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'y' && cli_days_arg(&cmd_calendar, "--year", optarg, 1900, 2999, &days))
            a->year = days;
        else if (c == 'w')
            a->working = true;
        else if (c == 'd')
            a->same_day = true;
        else if (c == 'F' && strcmp(optarg, "text") == 0)
            a->format = TABLE_TEXT;
        else if (c == 'F' && cli_parse_format(optarg, &a->format))
            continue;
        else if (c != 'y')
            return cli_usage_error(&cmd_calendar,
                                   c == 'F' ? "--format must be text, csv or json"
                                            : "unknown option '%s'",
                                   argv[optind - 1]);
        else
            return EXIT_USAGE;
    }
    for (int i = 0; optind < argc; i++, optind++) {
        if (i == 2)
            return cli_usage_error(&cmd_calendar, "unexpected argument '%s'", argv[optind]);
        a->arg[i] = argv[optind];
    }
    return 0;
}

/* The holidays in use, or -1 after saying why. */
static int in_use(struct store *s, struct holiday_list *l, struct calendar_source *src)
{
    struct buf err = BUF_INIT;
    holiday_list_init(l);
    int rc = store_calendar_get(s, l, src, &err);
    if (rc < 0)
        fprintf(stderr, "peel calendar: %s\n", buf_str(&err));
    buf_free(&err);
    return rc;
}

static int calendar_list(struct store *s, const struct calendar_args *a)
{
    struct holiday_list l;
    struct calendar_source src;
    if (in_use(s, &l, &src) < 0)
        return 1;
    static const char *const cols[] = {"date", "weekday", "title", "notes"};
    struct table t;
    table_init(&t, 4, cols);
    table_set_title(&t, "Bank holidays of England and Wales");
    for (size_t i = 0; i < l.n; i++) {
        char date[DATE_TEXT_SIZE];
        int y, m, d;
        date_to_ymd(l.items[i].date, &y, &m, &d);
        if (a->year && y != a->year)
            continue;
        date_format(l.items[i].date, date);
        size_t r = table_add_row(&t);
        table_set_text(&t, r, 0, date);
        table_set_text(&t, r, 1, date_weekday_name(l.items[i].date));
        table_set_text(&t, r, 2, l.items[i].title);
        table_set_text(&t, r, 3, l.items[i].notes);
    }
    if (src.load_id)
        table_add_note(&t, "Loaded from %s on %s by %s (load %lld, SHA-256 %s).", src.path,
                       src.loaded_at, src.loaded_by, (long long)src.load_id, src.sha256);
    else
        table_add_note(&t, "Shipped with peel (SHA-256 %s); peel calendar load replaces it.",
                       src.sha256);
    table_render(&t, a->format, stdout);
    table_free(&t);
    holiday_list_free(&l);
    return 0;
}

static int calendar_load(struct store *s, const struct calendar_args *a,
                         const struct audit_origin *by)
{
    if (!a->arg[0] || a->arg[1])
        return cli_usage_error(&cmd_calendar, "load: one FILE (gov.uk's bank-holidays.json)");
    struct holiday_list l;
    holiday_list_init(&l);
    struct buf err = BUF_INIT;
    if (bank_holidays_read(a->arg[0], &l, &err) < 0) {
        fprintf(stderr, "%s\npeel calendar: nothing loaded\n", buf_str(&err));
        buf_free(&err);
        return EXIT_USAGE;
    }
    int64_t id = 0;
    int rc = store_calendar_load(s, a->arg[0], &l, by, &id, &err);
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    date_format(l.dates[0], first);
    date_format(l.dates[l.n - 1], last);
    if (rc == CALENDAR_LOADED)
        printf("calendar: %zu bank holidays, %s to %s, loaded from %s (load %lld, SHA-256 %s): "
               "in use from now on\n",
               l.n, first, last, a->arg[0], (long long)id, l.sha256);
    else if (rc == CALENDAR_UNCHANGED)
        printf("calendar: %s is the calendar in use already (SHA-256 %s): nothing loaded\n",
               a->arg[0], l.sha256);
    else
        fprintf(stderr, "peel calendar: %s\n", buf_str(&err));
    holiday_list_free(&l);
    buf_free(&err);
    return rc < 0 ? 1 : 0;
}

static int calendar_add(struct store *s, const struct calendar_args *a)
{
    int date, days;
    if (!a->arg[0] || !a->arg[1])
        return cli_usage_error(&cmd_calendar, "add: a DATE and a number of days N");
    if (!cli_date_arg(&cmd_calendar, "DATE", a->arg[0], &date) ||
        !cli_days_arg(&cmd_calendar, "N", a->arg[1], 0, CLOCK_MAX_DAYS, &days))
        return EXIT_USAGE;
    struct holiday_list l;
    struct calendar_source src;
    if (in_use(s, &l, &src) < 0)
        return 1;
    struct calendar c = holiday_list_calendar(&l);
    enum clock_basis basis = a->working ? CLOCK_WORKING_DAYS : CLOCK_CALENDAR_DAYS;
    /* "DATE + N": the N-th day after DATE (day 1 of the count is the day
     * after), or with --same-day the N-th counting DATE as day 1 */
    int due =
        clock_due_simple(&c, basis, a->same_day ? CLOCK_SAME_DAY : CLOCK_DAY_AFTER, date, days);
    char text[DATE_TEXT_SIZE];
    date_format(due, text);
    printf("%s %s\n", text, date_weekday_name(due));
    holiday_list_free(&l);
    return 0;
}

/* Runs action i; by names the command line as typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    struct calendar_args a;
    int rc = parse(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store_create(ctx); /* the shipped holidays need none */
    if (rc || !s)
        return rc ? rc : 1;
    return i == 0 ? calendar_list(s, &a) : i == 1 ? calendar_load(s, &a, by) : calendar_add(s, &a);
}

static int run_calendar(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"list", "load", "add"};
    return cli_run_action(&cmd_calendar, argc, argv, ctx, actions, 3, act);
}

const struct peel_cmd cmd_calendar = {
    "calendar",
    run_calendar,
    "the bank holidays that working-day clocks skip: list, load from gov.uk, add days",
    "peel calendar list [--year Y] [--format text|csv|json]\n"
    "       peel calendar load FILE\n"
    "       peel calendar add DATE N [--working] [--same-day]",
    "The working-day calendar: Mondays to Fridays that are not bank holidays of England\n"
    "and Wales. Peel ships the bank holidays of 2018 to 2027; an Office keeps its store\n"
    "up to date by loading gov.uk's file, which is checked event by event (each problem\n"
    "named by file and field), stored whole or not at all, and audited:\n"
    "\n"
    "  curl -fsSo bank-holidays.json https://www.gov.uk/bank-holidays.json\n"
    "  peel calendar load bank-holidays.json\n"
    "\n"
    "list shows the holidays in use and where they came from. add prints the N-th day\n"
    "after DATE (calendar days; --working: working days), a check of what a clock\n"
    "started --day-after DATE will say; with --same-day, DATE itself is day 1 of the\n"
    "count (a clock started without --day-after).\n"
    "\n"
    "Examples:\n"
    "  peel calendar list --year 2026\n"
    "  peel calendar add 2026-12-24 4 --working      # 2027-01-04 Monday\n"
    "  peel calendar add 2026-03-02 28               # 2026-03-30 Monday\n",
};
