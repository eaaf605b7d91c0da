/*
 * report_kinds.c - the kinds of `peel report` (see report_kind.h): for
 * each, how it is gathered, the files it writes, what report.json says of
 * it and the line the command prints. The reports themselves are their
 * modules' (governance.h, public_report.h, annual_report.h); this file
 * only joins each to the runner.
 */
#include "report/annual_report.h"
#include "report/governance.h"
#include "report/public_report.h"
#include "report/report_kind.h"
#include "store/plans.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdlib.h>

/* ---- the plan's reports: governance, public ----------------------------- */

/* The plan a report is on, and which stored version of it: the first
 * member of both kinds' models, so that they share plan_manifest_fields. */
struct plan_report {
    struct plan p;
    struct plan_version which;
    bool has_plan;
};

/* The plan to report on: --plan, or the one loaded most recently. */
static int read_plan(const struct report_job *j, struct plan_report *pr, struct buf *err)
{
    int rc = store_plan_read(j->s, j->req->plan, 0, &pr->p, &pr->which, err);
    if (rc == 1)
        buf_puts(err, j->req->plan ? "no such plan (peel plan show)"
                                   : "no plan loaded (peel plan load FILE)");
    pr->has_plan = rc == 0;
    return rc == 0 ? 0 : -1;
}

static void free_plan(struct plan_report *pr)
{
    if (pr->has_plan)
        plan_free(&pr->p);
}

static int plan_manifest_fields(const struct report_job *j, json_t *m)
{
    const struct plan_report *pr = j->model;
    char month[MONTH_TEXT_SIZE];
    month_format(j->req->period, month);
    return json_object_set_new(m, "period", json_string(month)) |
           json_object_set_new(m, "plan", json_string(pr->p.id)) |
           json_object_set_new(m, "plan_version", json_integer(pr->which.version));
}

/* ---- governance ----------------------------------------------------------- */

struct governance_model {
    struct plan_report pr; /* first: see plan_report */
    struct governance_info info;
    struct governance *g;
};

static void governance_model_free(void *model)
{
    struct governance_model *gm = model;
    if (!gm)
        return;
    governance_free(gm->g);
    free_plan(&gm->pr);
    free(gm);
}

static int governance_model_gather(struct report_job *j, struct buf *err)
{
    struct governance_model *gm = xcalloc(1, sizeof *gm);
    int rc = read_plan(j, &gm->pr, err);
    gm->info = (struct governance_info){.period = j->req->period,
                                        .generated = j->generated,
                                        .version = &gm->pr.which,
                                        .pdf_date = j->iso[0] ? j->iso : NULL};
    if (rc == 0)
        rc = governance_gather(j->s, &gm->pr.p, &gm->info, &gm->g, err);
    if (rc != 0) {
        governance_model_free(gm);
        gm = NULL;
    }
    j->model = gm;
    return rc;
}

static int governance_page(struct report_job *j, struct buf *out, struct buf *err)
{
    struct governance_model *gm = j->model;
    return governance_html(gm->g, out, err);
}

static int governance_pdf_file(struct report_job *j, const char *path, struct buf *err)
{
    struct governance_model *gm = j->model;
    return governance_pdf(gm->g, path, err);
}

static int governance_xlsx_file(struct report_job *j, const char *path, struct buf *err)
{
    struct governance_model *gm = j->model;
    return governance_workbook(j->s, &gm->pr.p, j->req->period, path, err);
}

static void governance_summary(const struct report_job *j, struct buf *out)
{
    const struct governance_model *gm = j->model;
    struct governance_totals t;
    governance_totals(gm->g, &t);
    char month[MONTH_TEXT_SIZE];
    month_format(j->req->period, month);
    const char *dir = j->req->out;
    buf_printf(out,
               "%s/index.html: governance report for %s: %zu metrics (%zu with data, %zu "
               "charted), %zu exception%s; as PDF in %s/report.pdf; its tables in %s/tables.xlsx",
               dir, month, t.metrics, t.with_data, t.charted, t.exceptions,
               t.exceptions == 1 ? "" : "s", dir, dir);
}

const struct report_kind report_governance = {
    .name = "governance",
    .formats = {{.file = "index.html", .text = governance_page},
                {.file = "report.pdf", .write = governance_pdf_file},
                {.file = "tables.xlsx", .write = governance_xlsx_file}},
    .gather = governance_model_gather,
    .describe = plan_manifest_fields,
    .summary = governance_summary,
    .free = governance_model_free,
};

/* ---- public --------------------------------------------------------------- */

struct public_report_model {
    struct plan_report pr; /* first: see plan_report */
    struct public_info info;
    struct public_model *m;
};

static void public_model_release(void *model)
{
    struct public_report_model *pm = model;
    if (!pm)
        return;
    public_report_free(pm->m);
    free_plan(&pm->pr);
    free(pm);
}

static int public_gather(struct report_job *j, struct buf *err)
{
    struct public_report_model *pm = xcalloc(1, sizeof *pm);
    int rc = read_plan(j, &pm->pr, err);
    pm->info = (struct public_info){.period = j->req->period,
                                    .generated = j->generated,
                                    .version = &pm->pr.which,
                                    .files = j->files,
                                    .pdf_date = j->iso[0] ? j->iso : NULL};
    if (rc == 0)
        rc = public_report_build(j->s, &pm->pr.p, &pm->info, &pm->m, err);
    if (rc != 0) {
        public_model_release(pm);
        pm = NULL;
    }
    j->model = pm;
    return rc;
}

static int public_page(struct report_job *j, struct buf *out, struct buf *err)
{
    const struct public_report_model *pm = j->model;
    return public_report_html(pm->m, out, err);
}

static int public_numbers(struct report_job *j, struct buf *out, struct buf *err)
{
    const struct public_report_model *pm = j->model;
    return public_report_csv(pm->m, out, err);
}

static int public_pdf_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct public_report_model *pm = j->model;
    return public_pdf(pm->m, path, err);
}

static int public_xlsx_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct public_report_model *pm = j->model;
    return public_report_workbook(pm->m, path, err);
}

static void public_summary(const struct report_job *j, struct buf *out)
{
    const struct public_report_model *pm = j->model;
    struct public_totals t;
    public_report_totals(pm->m, &t);
    char month[MONTH_TEXT_SIZE];
    month_format(j->req->period, month);
    const char *dir = j->req->out;
    buf_printf(out,
               "%s/index.html: public report for %s: %zu of %zu metrics shown (%zu with data), "
               "%zu exception%s; as PDF in %s/report.pdf; its numbers in %s/numbers.csv and "
               "%s/tables.xlsx",
               dir, month, t.shown, t.metrics, t.with_data, t.exceptions,
               t.exceptions == 1 ? "" : "s", dir, dir, dir);
}

const struct report_kind report_public = {
    .name = "public",
    .formats = {{.file = "index.html", .text = public_page},
                {.file = "report.pdf", .write = public_pdf_file},
                {.file = "numbers.csv", .text = public_numbers},
                {.file = "tables.xlsx", .write = public_xlsx_file}},
    .gather = public_gather,
    .describe = plan_manifest_fields,
    .summary = public_summary,
    .free = public_model_release,
};

/* ---- annual --------------------------------------------------------------- */

static void annual_model_free(void *model)
{
    if (!model)
        return;
    annual_report_free(model);
    free(model);
}

static int annual_gather(struct report_job *j, struct buf *err)
{
    struct annual_report *r = xcalloc(1, sizeof *r);
    int rc = annual_report_gather(j->s, &j->req->annual, r, err);
    if (rc != 0) {
        annual_model_free(r);
        r = NULL;
    }
    j->model = r;
    return rc;
}

static int annual_page(struct report_job *j, struct buf *out, struct buf *err)
{
    (void)err; /* the page cannot fail: everything was gathered */
    annual_report_html(j->model, j->generated, out);
    return 0;
}

static int annual_pdf_file(struct report_job *j, const char *path, struct buf *err)
{
    return annual_report_pdf(j->model, j->generated, j->iso[0] ? j->iso : NULL, path, err);
}

static int annual_xlsx_file(struct report_job *j, const char *path, struct buf *err)
{
    return annual_report_workbook(j->model, path, err);
}

static int annual_manifest_fields(const struct report_job *j, json_t *m)
{
    const struct annual_report *r = j->model;
    return json_object_set_new(m, "period", json_string(r->current)) |
           json_object_set_new(m, "compared_with", json_string(r->previous)) |
           json_object_set_new(
               m, "categories",
               json_string(r->req.scheme == SCHEME_HOME_OFFICE ? "home-office" : "police-uk")) |
           json_object_set_new(m, "source", json_string(r->res.prc_key ? "prc" : "police-uk"));
}

static void annual_summary(const struct report_job *j, struct buf *out)
{
    const struct annual_report *r = j->model;
    size_t signals = 0, lines = r->findings.nrows;
    for (size_t i = 0; i < lines; i++)
        signals += r->verdicts[i] == ANNUAL_SIGNAL;
    const char *dir = j->req->out;
    buf_printf(out,
               "%s/index.html: annual crime statistics for %s against %s: %zu lines (%zu "
               "signal%s, the rest noise), %zu districts; as PDF in %s/report.pdf, its tables in "
               "%s/tables.xlsx",
               dir, r->current, r->previous, lines, signals, signals == 1 ? "" : "s",
               r->areas.nrows ? r->areas.nrows - 1 : 0, dir, dir);
}

const struct report_kind report_annual = {
    .name = "annual",
    .formats = {{.file = "index.html", .text = annual_page},
                {.file = "report.pdf", .write = annual_pdf_file},
                {.file = "tables.xlsx", .write = annual_xlsx_file}},
    .gather = annual_gather,
    .describe = annual_manifest_fields,
    .summary = annual_summary,
    .free = annual_model_free,
};
