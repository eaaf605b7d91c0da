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
#include "model/synthetic.h"
#include "store/plans.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdlib.h>

/* Every page of a PDF made from generated data says so at its head, as
 * the HTML says so at its top (report_run.c). */
static const char *pdf_notice(const struct report_job *j)
{
    return j->synthetic ? synthetic_banner() : NULL;
}

/* ---- the plan's reports: governance, public ----------------------------- */

/* A report on a plan: the plan, which stored version of it, and the
 * report gathered on it (one of the two). */
struct plan_model {
    struct plan p;
    struct plan_version which;
    bool has_plan;
    struct governance_info governance_info;
    struct governance *governance;
    struct public_info public_info;
    struct public_model *public;
};

static void plan_model_free(void *model)
{
    struct plan_model *pm = model;
    if (!pm)
        return;
    governance_free(pm->governance);
    public_report_free(pm->public);
    if (pm->has_plan)
        plan_free(&pm->p);
    free(pm);
}

/* The plan to report on (--plan, or the one loaded most recently), then
 * the report on it that gather makes. */
static int plan_gather(struct report_job *j,
                       int (*gather)(struct report_job *j, struct plan_model *pm, struct buf *err),
                       struct buf *err)
{
    struct plan_model *pm = xcalloc(1, sizeof *pm);
    int rc = store_plan_read(j->s, j->req->plan, 0, &pm->p, &pm->which, err);
    if (rc == 1)
        buf_puts(err, j->req->plan ? "no such plan (peel plan show)"
                                   : "no plan loaded (peel plan load FILE)");
    pm->has_plan = rc == 0;
    if (rc == 0) {
        plan_charts_override(&pm->p, &j->req->charts);
        rc = gather(j, pm, err);
    }
    if (rc != 0) {
        plan_model_free(pm);
        pm = NULL;
    }
    j->model = pm;
    return rc == 0 ? 0 : -1;
}

static int plan_manifest_fields(const struct report_job *j, json_t *m)
{
    const struct plan_model *pm = j->model;
    char month[MONTH_TEXT_SIZE];
    month_format(j->req->period, month);
    return json_object_set_new(m, "period", json_string(month)) |
           json_object_set_new(m, "plan", json_string(pm->p.id)) |
           json_object_set_new(m, "plan_version", json_integer(pm->which.version));
}

/* ---- governance ----------------------------------------------------------- */

static int governance_open(struct report_job *j, struct plan_model *pm, struct buf *err)
{
    pm->governance_info = (struct governance_info){.period = j->req->period,
                                                   .generated = j->generated,
                                                   .version = &pm->which,
                                                   .pdf_date = j->iso[0] ? j->iso : NULL,
                                                   .pdf_notice = pdf_notice(j)};
    return governance_gather(j->s, &pm->p, &pm->governance_info, &pm->governance, err);
}

static int governance_kind_gather(struct report_job *j, struct buf *err)
{
    return plan_gather(j, governance_open, err);
}

static int governance_page(struct report_job *j, struct buf *out, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return governance_html(pm->governance, out, err);
}

static int governance_pdf_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return governance_pdf(pm->governance, path, err);
}

static int governance_xlsx_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return governance_workbook(j->s, &pm->p, j->req->period, path, err);
}

static void governance_summary(const struct report_job *j, struct buf *out)
{
    const struct plan_model *pm = j->model;
    struct governance_totals t;
    governance_totals(pm->governance, &t);
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
    .gather = governance_kind_gather,
    .describe = plan_manifest_fields,
    .summary = governance_summary,
    .free = plan_model_free,
};

/* ---- public --------------------------------------------------------------- */

static int public_open(struct report_job *j, struct plan_model *pm, struct buf *err)
{
    pm->public_info = (struct public_info){.period = j->req->period,
                                           .generated = j->generated,
                                           .version = &pm->which,
                                           .files = j->files,
                                           .pdf_date = j->iso[0] ? j->iso : NULL,
                                           .pdf_notice = pdf_notice(j)};
    return public_report_build(j->s, &pm->p, &pm->public_info, &pm->public, err);
}

static int public_kind_gather(struct report_job *j, struct buf *err)
{
    return plan_gather(j, public_open, err);
}

static int public_page(struct report_job *j, struct buf *out, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return public_report_html(pm->public, out, err);
}

static int public_numbers(struct report_job *j, struct buf *out, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return public_report_csv(pm->public, out, err);
}

static int public_pdf_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return public_pdf(pm->public, path, err);
}

static int public_xlsx_file(struct report_job *j, const char *path, struct buf *err)
{
    const struct plan_model *pm = j->model;
    return public_report_workbook(pm->public, path, err);
}

static void public_summary(const struct report_job *j, struct buf *out)
{
    const struct plan_model *pm = j->model;
    struct public_totals t;
    public_report_totals(pm->public, &t);
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
    .gather = public_kind_gather,
    .describe = plan_manifest_fields,
    .summary = public_summary,
    .free = plan_model_free,
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
    return annual_report_pdf(j->model, j->generated, j->iso[0] ? j->iso : NULL, pdf_notice(j), path,
                             err);
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
