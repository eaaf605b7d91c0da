/*
 * test_iopc_xlsx.c - the IOPC's data tables read straight from a workbook
 * (ingest/iopc_xlsx.h), on workbooks made here with libxlsxwriter in the
 * layout the IOPC's annual tables have: title rows naming the year, a
 * header row starting "Force", a row per force and a Total row. The
 * force's figures and England and Wales are read from two sheets, a
 * column Peel does not know left alone, a suppressed cell giving no
 * figure, an average rounded to 4 decimals; every problem is named by
 * file, sheet, row and column, and any means no bulletin; the bulletin
 * is stored as the year's figures (store_iopc_load_year), and the plan's
 * metrics that name a measure take the force's figures as values, each
 * with the workbook's file, sheet and cell: the same workbook again
 * changes nothing, a corrected one revises the one figure it corrects with
 * the load's reason. Two-row headers (merged headings over sub-headings,
 * either way round) and percentages written as proportions are read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fixtures.h"
#include "ingest/iopc_xlsx.h"
#include "ingest/plan_file.h"
#include "model/calendar.h"
#include "model/plan.h"
#include "store/iopc.h"
#include "store/metric_values.h"
#include "store/plans.h"
#include "util/month.h"
#include "util/sha256.h"

/* One sheet's rows: each a row of cells ("" left empty; a cell starting
 * '#' written as a number). */
struct sheet {
    const char *name;
    const char *const (*rows)[5];
    size_t n;
};

static char *workbook(const char *dir, const char *file, const struct sheet *sheets, size_t n)
{
    size_t len = strlen(dir) + strlen(file) + 2;
    char *path = malloc(len);
    snprintf(path, len, "%s/%s", dir, file);
    lxw_workbook *wb = workbook_new(path);
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        for (size_t r = 0; r < sheets[s].n; r++)
            for (lxw_col_t c = 0; c < 5; c++) {
                const char *v = sheets[s].rows[r][c];
                if (!v || !*v)
                    continue;
                if (v[0] == '#')
                    worksheet_write_number(ws, (lxw_row_t)r + 1, c, strtod(v + 1, NULL), NULL);
                else
                    worksheet_write_string(ws, (lxw_row_t)r + 1, c, v, NULL);
            }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

/* The first sheet: the finalised cases, Leicestershire's row and Total. */
static const char *const finalised[][5] = {
    {"Table 3: Complaint cases finalised by force, 2024/25", "", "", "", ""},
    {"Force", "Number of valid complaint cases finalised outside of Schedule 3 [note 2]",
     "Average number of days to finalise outside of Schedule 3", "A column Peel does not keep", ""},
    {"Lancashire", "#900", "#20", "#1", ""},
    {"Leicestershire", "#1204", "#18.333333333333", "#2", ""},
    {"Total", "#60210", "#21.5", "#3", ""},
};
/* The second: the reviews by the local policing body, one suppressed. */
static const char *const reviews[][5] = {
    {"Table 27: Reviews completed in 2024/25", "", "", "", ""},
    {"", "Police force", "Valid reviews completed by the local policing body",
     "Average days for the local policing body to complete a review", ""},
    {"", "Leicestershire Police", "#203", "[c]", ""},
    {"", "England and Wales", "#9100", "#44", ""},
};

static const char *value_of(const struct iopc_bulletin *b, const char *code, int col)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->rows[i].measure, code) == 0)
            return b->rows[i].value[col];
    return NULL;
}

static void the_tables_are_read(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Table 3", finalised, 5}, {"Table 27", reviews, 4}};
    char *path = workbook(dir, "stats.xlsx", sheets, 2);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, &err));
    assert_true(iopc_xlsx_is(bytes.p, bytes.len));
    struct iopc_bulletin b;
    struct iopc_xlsx_options o = {"leicestershire", -1};
    if (iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_string_equal(b.force, "leicestershire");
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(b.from, from);
    date_format(b.to, to);
    assert_string_equal(from, "2024-04-01");
    assert_string_equal(to, "2025-03-31");
    assert_int_equal(b.n, 3); /* the review days are suppressed: no figure */
    assert_string_equal(value_of(&b, "cases_finalised_outside_schedule_3", 0), "1204");
    assert_string_equal(value_of(&b, "cases_finalised_outside_schedule_3", 3), "60210");
    assert_string_equal(value_of(&b, "days_to_finalise_outside_schedule_3", 0), "18.3333");
    assert_string_equal(value_of(&b, "reviews_completed_lpb", 0), "203");
    assert_string_equal(value_of(&b, "reviews_completed_lpb", 3), "9100");
    assert_null(value_of(&b, "days_to_review_lpb", 0));
    /* stored as the year's figures */
    char *sdir = fixture_tmpdir();
    struct store *s = fixture_store_open(sdir, NULL);
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes.p, bytes.len, sha);
    struct iopc_source src = {"stats.xlsx", sha, "", NULL, NULL};
    int period, version;
    const struct audit_origin by = {"cli:tester", "peel iopc import stats.xlsx"};
    assert_int_equal(store_iopc_load_year(s, &b, &src, &by, &period, &version, &err), 0);
    char name[PERIOD_TEXT_SIZE];
    period_format(PERIOD_YEAR, period, name);
    assert_string_equal(name, "2024-25");
    fixture_store_close(s, NULL, sdir);
    iopc_bulletin_free(&b);
    /* another force's row is read for it; a force not listed is named */
    o.force = "Lancashire Constabulary";
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "stats.xlsx: sheet 'Table 27' row 3: the table has "
                                          "no row for Lancashire Constabulary"));
    buf_free(&bytes);
    buf_free(&err);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

static const char *const bad[][5] = {
    {"Complaints 2024/25", "", "", "", ""},
    {"Force", "Complaint cases logged", "Allegations logged", "", ""},
    {"Leicestershire", "1,204", "#12.5", "", ""},
    {"Total", "#60210", "#1", "", ""},
    {"Leicestershire", "#1", "#1", "", ""},
};
static const char *const other_year[][5] = {
    {"Complaints 2023/24", "", "", "", ""},
    {"Force", "Complaint cases logged", "", "", ""},
    {"Leicestershire", "#5", "", "", ""},
};

static void every_problem_is_named(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Cases", bad, 5}, {"Older", other_year, 3}};
    char *path = workbook(dir, "bad.xlsx", sheets, 2);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, &err));
    struct iopc_bulletin b;
    struct iopc_xlsx_options o = {"leicestershire", -1};
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_int_equal(b.n, 0);
    const char *e = buf_str(&err);
    assert_non_null(strstr(e, "bad.xlsx: sheet 'Cases' row 6: Leicestershire Police is listed "
                              "twice (row 4)"));
    assert_non_null(strstr(e, "bad.xlsx: sheet 'Cases' row 4: Complaint cases logged: \"1,204\""));
    assert_non_null(strstr(e, "sheet 'Cases' row 4: Allegations logged: \"12.5\""));
    assert_non_null(strstr(e, "sheet 'Older' row 2: the title names 2023-24, but sheet 'Cases' "
                              "named 2024-25"));
    /* --year settles the year, but not the other problems */
    buf_reset(&err);
    o.fy = 2024;
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "cases_logged is given twice (sheet 'Cases' cell B4)"));
    /* not a workbook, and not a force */
    buf_reset(&err);
    assert_int_equal(iopc_xlsx_read("x.xlsx", "PK\3\4junk", 8, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "x.xlsx: not an xlsx workbook"));
    buf_reset(&err);
    o.force = "Gotham";
    assert_int_equal(iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, &err), -1);
    assert_non_null(strstr(buf_str(&err), "--force: \"Gotham\" is not a police force"));
    buf_free(&bytes);
    buf_free(&err);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

/* A plan of three loaded metrics: two name an IOPC measure (by code, by
 * the IOPC's heading), one does not. */
static const char metrics_plan[] =
    "id: p\ntitle: P\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
    "vision: V\nmissions:\n  - id: m\n    title: M\n    summary: S\n    strategies:\n"
    "      - id: s\n        title: S\n        success: S\n        delivery: D\n"
    "        measure: M\n        metrics:\n"
    "          - {id: days-to-finalise, title: D, source: national-measures, unit: number,"
    " polarity: lower-is-better, frequency: annual, loaded: true,"
    " iopc: days_to_finalise_outside_schedule_3}\n"
    "          - {id: lpb-reviews, title: R, source: national-measures, unit: count,"
    " polarity: neutral, frequency: annual, loaded: true,"
    " iopc: Valid reviews completed by the local policing body}\n"
    "          - {id: other, title: O, source: local-data, unit: count,"
    " polarity: neutral, frequency: annual, loaded: true}\n";

struct history {
    int n, current;
    double value;
    char source[160], note[80];
};

static void keep_history(void *arg, const struct metric_value *v)
{
    struct history *h = arg;
    h->n++;
    if (v->replaced_at)
        return;
    h->current++;
    h->value = v->value;
    snprintf(h->source, sizeof h->source, "%s", v->source ? v->source : "");
    snprintf(h->note, sizeof h->note, "%s", v->note ? v->note : "");
}

static struct history history_of(struct store *s, const char *key)
{
    struct history h = {0};
    struct buf err = BUF_INIT;
    assert_int_equal(store_metric_history(s, key, "", keep_history, &h, &err), 0);
    buf_free(&err);
    return h;
}

/* Reads the workbook at path and loads it as its year: the store's answer,
 * what it did to the plan's metrics into *c. */
static int load_workbook(struct store *s, const char *path, const char *reason,
                         struct metric_load_counts *c, struct buf *err)
{
    struct buf bytes = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, err));
    struct iopc_bulletin b;
    struct iopc_xlsx_options o = {"leicestershire", -1};
    if (iopc_xlsx_read(path, bytes.p, bytes.len, &o, &b, err) != 0)
        fail_msg("%s", buf_str(err));
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes.p, bytes.len, sha);
    *c = (struct metric_load_counts){0};
    struct iopc_source src = {strrchr(path, '/') + 1, sha, "", reason, c};
    int period, version;
    const struct audit_origin by = {"cli:tester", "peel iopc import"};
    int rc = store_iopc_load_year(s, &b, &src, &by, &period, &version, err);
    iopc_bulletin_free(&b);
    buf_free(&bytes);
    return rc;
}

static void the_plan_metrics_take_the_figures(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Table 3", finalised, 5}, {"Table 27", reviews, 4}};
    char *path = workbook(dir, "stats.xlsx", sheets, 2);
    size_t len = strlen(dir) + 10;
    char *db = malloc(len);
    snprintf(db, len, "%s/p.db", dir);
    struct store *s = fixture_plan_store(db, metrics_plan);
    struct buf err = BUF_INIT;
    struct metric_load_counts c;
    if (load_workbook(s, path, NULL, &c, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(c.added, 2);
    struct history h = history_of(s, "days-to-finalise");
    assert_int_equal(h.n, 1);
    assert_true(h.value == 18.3333);
    assert_string_equal(h.source, "IOPC figures stats.xlsx, sheet 'Table 3' cell C5");
    h = history_of(s, "lpb-reviews");
    assert_true(h.value == 203);
    assert_string_equal(h.source, "IOPC figures stats.xlsx, sheet 'Table 27' cell C4");
    assert_int_equal(history_of(s, "other").n, 0);
    /* the same workbook again: refused, nothing changed */
    buf_reset(&err);
    assert_int_equal(load_workbook(s, path, "again", &c, &err), IOPC_REFUSED);
    assert_int_equal(history_of(s, "days-to-finalise").n, 1);
    /* a corrected workbook: the one figure it corrects is revised, with why */
    static const char *const corrected[][5] = {
        {"Table 3: Complaint cases finalised by force, 2024/25", "", "", "", ""},
        {"Force", "Number of valid complaint cases finalised outside of Schedule 3",
         "Average number of days to finalise outside of Schedule 3", "", ""},
        {"Leicestershire", "#1204", "#19.5", "", ""},
        {"Total", "#60210", "#21.5", "", ""},
    };
    struct sheet fixed[] = {{"Table 3", corrected, 4}, {"Table 27", reviews, 4}};
    char *path2 = workbook(dir, "stats-v2.xlsx", fixed, 2);
    buf_reset(&err);
    assert_int_equal(load_workbook(s, path2, NULL, &c, &err), IOPC_REFUSED); /* no reason */
    assert_int_equal(history_of(s, "days-to-finalise").n, 1);
    buf_reset(&err);
    if (load_workbook(s, path2, "the IOPC corrected Table 3", &c, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(c.revised, 1);
    assert_int_equal(c.unchanged, 1);
    h = history_of(s, "days-to-finalise");
    assert_int_equal(h.n, 2);
    assert_int_equal(h.current, 1);
    assert_true(h.value == 19.5);
    assert_string_equal(h.note, "the IOPC corrected Table 3");
    assert_string_equal(h.source, "IOPC figures stats-v2.xlsx, sheet 'Table 3' cell C4");
    h = history_of(s, "lpb-reviews"); /* unchanged: the first file stays its source */
    assert_int_equal(h.n, 1);
    assert_string_equal(h.source, "IOPC figures stats.xlsx, sheet 'Table 27' cell C4");
    store_close(s);
    buf_free(&err);
    free(path);
    free(path2);
    free(db);
    fixture_rmtree(dir);
    free(dir);
}

/* Saves plan yaml as a command-line load would: the store's answer. */
static int save_plan(struct store *s, const char *yaml, struct plan_version *v, bool *unchanged,
                     struct buf *err)
{
    struct plan p;
    if (!plan_parse_string("p.yaml", yaml, &p, err))
        fail_msg("%s", buf_str(err));
    char hash[17];
    snprintf(hash, sizeof hash, "%016zx", strlen(yaml));
    struct data_load file = {
        .path = "p.yaml", .sha256 = AUDIT_GENESIS, .origin = {"peel plan load p.yaml", "tester"}};
    int rc = store_plan_save(s, &p, hash, &file, v, unchanged, err);
    plan_free(&p);
    return rc;
}

static void count_rows(void *arg, const struct audit_entry *e)
{
    (void)e;
    ++*(int *)arg;
}

static void count_loads(void *arg, const struct data_load *l)
{
    if (strcmp(l->kind, "metric-values") == 0)
        ++*(int *)arg;
}

/* What a store holds that a plan load may change: its audit rows and its
 * metric loads. */
static int audit_rows(struct store *s)
{
    int n = 0;
    struct buf err = BUF_INIT;
    assert_int_equal(store_audit_list(s, 0, -1, count_rows, &n, &err), 0);
    buf_free(&err);
    return n;
}

static int metric_loads(struct store *s)
{
    int n = 0;
    struct buf err = BUF_INIT;
    assert_int_equal(store_data_loads(s, count_loads, &n, &err), 0);
    buf_free(&err);
    return n;
}

/* A plan that names the measures after the figures were loaded takes them
 * in its own load, sourced to the stored figures' file and cell; the same
 * plan again changes nothing; another plan naming a different measure for
 * one of its metric keys is refused. */
static void a_plan_loaded_after_the_figures_takes_them(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct sheet sheets[] = {{"Table 3", finalised, 5}, {"Table 27", reviews, 4}};
    char *path = workbook(dir, "stats.xlsx", sheets, 2);
    struct buf err = BUF_INIT;
    struct store *s = fixture_store_open(dir, NULL);
    struct metric_load_counts c;
    if (load_workbook(s, path, NULL, &c, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_int_equal(c.added, 0); /* no plan yet */
    struct plan_version v;
    bool unchanged;
    if (save_plan(s, metrics_plan, &v, &unchanged, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_false(unchanged);
    assert_int_equal(v.iopc_added, 2);
    assert_int_equal(v.iopc_revised, 0);
    struct history h = history_of(s, "days-to-finalise");
    assert_int_equal(h.n, 1);
    assert_true(h.value == 18.3333);
    assert_string_equal(h.source, "IOPC figures stats.xlsx, sheet 'Table 3' cell C5");
    h = history_of(s, "lpb-reviews");
    assert_true(h.value == 203);
    assert_string_equal(h.source, "IOPC figures stats.xlsx, sheet 'Table 27' cell C4");
    assert_int_equal(history_of(s, "other").n, 0);
    int rows = audit_rows(s), loads = metric_loads(s);
    assert_int_equal(loads, 1);
    /* the same plan again: nothing written (no value, no metric load, no audit row) */
    if (save_plan(s, metrics_plan, &v, &unchanged, &err) != 0)
        fail_msg("%s", buf_str(&err));
    assert_true(unchanged);
    assert_int_equal(v.iopc_added + v.iopc_revised, 0);
    assert_int_equal(history_of(s, "days-to-finalise").n, 1);
    assert_int_equal(history_of(s, "lpb-reviews").n, 1);
    assert_int_equal(audit_rows(s), rows);
    assert_int_equal(metric_loads(s), loads);
    /* another plan giving days-to-finalise another measure: refused, nothing saved */
    static const char other[] =
        "id: q\ntitle: Q\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
        "vision: V\nmissions:\n  - id: m\n    title: M\n    summary: S\n    strategies:\n"
        "      - id: s\n        title: S\n        success: S\n        delivery: D\n"
        "        measure: M\n        metrics:\n"
        "          - {id: days-to-finalise, title: D, source: national-measures, unit: number,"
        " polarity: lower-is-better, frequency: annual, loaded: true, iopc: cases_logged}\n";
    buf_reset(&err);
    assert_int_equal(save_plan(s, other, &v, &unchanged, &err), -1);
    if (!strstr(buf_str(&err), "metric 'days-to-finalise' names the IOPC measure cases_logged, "
                               "but plan 'p' has it name days_to_finalise_outside_schedule_3"))
        fail_msg("%s", buf_str(&err));
    assert_int_equal(history_of(s, "days-to-finalise").n, 1);
    struct plan q;
    struct plan_version which;
    buf_reset(&err);
    assert_int_equal(store_plan_read(s, "q", 0, &q, &which, &err), 1);
    store_close(s);
    buf_free(&err);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

/* A plan's iopc: names a measure, on a loaded metric of a unit that fits. */
static void a_plan_names_a_measure_strictly(void **state)
{
    (void)state;
    static const char *const wrong[][2] = {
        {"unit: number, loaded: true, iopc: no_such_measure", "is not an IOPC measure"},
        {"unit: percent, loaded: true, iopc: cases_per_1000_employees",
         "cases_per_1000_employees is in per 1,000 employees"},
        {"unit: count, definition: {measure: count}, iopc: cases_logged", "give 'loaded: true'"},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        char yaml[1024];
        snprintf(yaml, sizeof yaml,
                 "id: p\ntitle: P\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
                 "vision: V\nmissions:\n  - id: m\n    title: M\n    summary: S\n"
                 "    strategies:\n      - id: s\n        title: S\n        success: S\n"
                 "        delivery: D\n        measure: M\n        metrics:\n"
                 "          - {id: x, title: X, source: local-data, polarity: neutral,"
                 " frequency: annual, %s}\n",
                 wrong[i][0]);
        struct plan p;
        struct buf err = BUF_INIT;
        assert_false(plan_parse_string("p.yaml", yaml, &p, &err));
        if (!strstr(buf_str(&err), wrong[i][1]) || !strstr(buf_str(&err), "p.yaml:17:"))
            fail_msg("%zu: %s", i, buf_str(&err));
        buf_free(&err);
    }
}

/* Row r (0-based) of ws: its cells from column 0 ("" left empty; a cell
 * starting '#' written as a number). */
static void put_row(lxw_worksheet *ws, lxw_row_t r, const char *const *cells, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        if (!cells[c] || !*cells[c])
            continue;
        if (cells[c][0] == '#')
            worksheet_write_number(ws, r, (lxw_col_t)c, strtod(cells[c] + 1, NULL), NULL);
        else
            worksheet_write_string(ws, r, (lxw_col_t)c, cells[c], NULL);
    }
}

/* The bulletin read from the workbook at path, for Leicestershire; the
 * test fails with the reader's message if it is refused. */
static void read_leicestershire(const char *path, struct iopc_bulletin *b)
{
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    assert_true(buf_read_file(&bytes, path, &err));
    struct iopc_xlsx_options o = {"leicestershire", -1};
    if (iopc_xlsx_read(path, bytes.p, bytes.len, &o, b, &err) != 0)
        fail_msg("%s", buf_str(&err));
    buf_free(&bytes);
    buf_free(&err);
}

/* Two-row headers, with merged cells, both ways round: a heading row over
 * a sub-heading row under "Force", and a heading row over the "Force" row;
 * a percentage written as a proportion (0.25) is read as 25, one whose
 * column holds a number over 1 is read as written. */
static void two_row_headers_and_proportions(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    size_t len = strlen(dir) + 16;
    char *path = malloc(len);
    snprintf(path, len, "%s/two.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Table 1");
    worksheet_write_string(ws, 0, 0, "Table 1: Complaint cases and allegations logged, 2024/25",
                           NULL);
    worksheet_write_string(ws, 1, 0, "Force", NULL);
    worksheet_merge_range(ws, 1, 1, 1, 2, "Complaint cases logged", NULL);
    worksheet_merge_range(ws, 1, 3, 1, 4, "Allegations logged [note 4]", NULL);
    worksheet_merge_range(ws, 1, 5, 1, 6,
                          "Reviews by the local policing body: outcome not reasonable and "
                          "proportionate",
                          NULL);
    static const char *const sub[] = {
        "",       "Number",    "Per 1,000 employees", "Number", "Rate per 1,000 employees",
        "Number", "Proportion"};
    put_row(ws, 2, sub, 7);
    static const char *const rows1[][7] = {
        {"Lancashire", "#900", "#150", "#1800", "#300", "#30", "#0.1"},
        {"Leicestershire", "#1204", "#290.5", "#2400", "#580.25", "#40", "#0.25"},
        {"Total", "#80000", "#250", "#150000", "#480", "#3000", "#0.2"},
    };
    for (size_t r = 0; r < 3; r++)
        put_row(ws, (lxw_row_t)(3 + r), rows1[r], 7);
    ws = workbook_add_worksheet(wb, "Table 2");
    worksheet_write_string(ws, 0, 0, "Table 2: Complaint cases finalised, 2024/25", NULL);
    worksheet_merge_range(ws, 1, 1, 1, 2, "Average number of days to finalise", NULL);
    static const char *const header2[] = {
        "Force", "outside of Schedule 3", "under Schedule 3 (inc suspension)",
        "Reviews by the IOPC: outcome not reasonable and proportionate (%)"};
    put_row(ws, 2, header2, 4);
    static const char *const rows2[][4] = {
        {"Leicestershire Police", "#18", "#200.5", "#0.5"},
        {"England and Wales", "#21", "#250", "#30"},
    };
    for (size_t r = 0; r < 2; r++)
        put_row(ws, (lxw_row_t)(3 + r), rows2[r], 4);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    struct iopc_bulletin b;
    read_leicestershire(path, &b);
    assert_int_equal(b.n, 9);
    assert_string_equal(value_of(&b, "cases_logged", 0), "1204");
    assert_string_equal(value_of(&b, "cases_per_1000_employees", 0), "290.5");
    assert_string_equal(value_of(&b, "allegations_logged", 0), "2400");
    assert_string_equal(value_of(&b, "allegations_per_1000_employees", 0), "580.25");
    assert_string_equal(value_of(&b, "reviews_not_reasonable_lpb", 0), "40");
    assert_string_equal(value_of(&b, "reviews_not_reasonable_lpb_percent", 0), "25");
    assert_string_equal(value_of(&b, "reviews_not_reasonable_lpb_percent", 3), "20");
    assert_string_equal(value_of(&b, "days_to_finalise_outside_schedule_3", 0), "18");
    assert_string_equal(value_of(&b, "days_to_finalise_schedule_3", 3), "250");
    assert_string_equal(value_of(&b, "reviews_not_reasonable_iopc_percent", 0), "0.5");
    for (size_t i = 0; i < b.n; i++) /* under the merged heading's second column */
        if (strcmp(b.rows[i].measure, "cases_per_1000_employees") == 0)
            assert_string_equal(b.rows[i].where, "sheet 'Table 1' cell C5");
    iopc_bulletin_free(&b);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

/* A heading row's merged ranges say which columns a heading stands over:
 * a "Number" column after a merged heading, with no heading of its own
 * above it, is not that heading's (the old rule, carrying each heading
 * right until a column with neither, took it for a second "Complaint
 * cases logged: Number", and refused the sheet for giving it twice). */
static void merged_ranges_place_the_headings(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    size_t len = strlen(dir) + 16;
    char *path = malloc(len);
    snprintf(path, len, "%s/merged.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Table 1");
    worksheet_write_string(ws, 0, 0, "Table 1: Complaint cases logged, 2024/25", NULL);
    worksheet_write_string(ws, 1, 0, "Force", NULL);
    worksheet_merge_range(ws, 1, 1, 1, 2, "Complaint cases logged", NULL);
    static const char *const sub[] = {"", "Number", "Per 1,000 employees", "Number"};
    put_row(ws, 2, sub, 4);
    static const char *const rows[][4] = {
        {"Leicestershire", "#1204", "#290.5", "#4150"},
        {"England and Wales", "#80000", "#250", "#300000"},
    };
    for (size_t r = 0; r < 2; r++)
        put_row(ws, (lxw_row_t)(3 + r), rows[r], 4);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    struct iopc_bulletin b;
    read_leicestershire(path, &b);
    assert_int_equal(b.n, 2); /* the two under the merged heading, nothing from D */
    assert_string_equal(value_of(&b, "cases_logged", 0), "1204");
    assert_string_equal(value_of(&b, "cases_per_1000_employees", 0), "290.5");
    for (size_t i = 0; i < b.n; i++)
        assert_null(strstr(b.rows[i].where, "cell D"));
    iopc_bulletin_free(&b);
    free(path);
    fixture_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_tables_are_read),
        cmocka_unit_test(every_problem_is_named),
        cmocka_unit_test(the_plan_metrics_take_the_figures),
        cmocka_unit_test(a_plan_loaded_after_the_figures_takes_them),
        cmocka_unit_test(a_plan_names_a_measure_strictly),
        cmocka_unit_test(two_row_headers_and_proportions),
        cmocka_unit_test(merged_ranges_place_the_headings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
