/*
 * page_open_data.c - /open-data: every dataset behind the site, with its
 * licence, where it came from, when it was last updated and where to
 * download it, so that any figure on the site can be traced to files.
 *
 * The lists come from the store (store/datasets.h): the police.uk files and
 * Home Office tables imported, area lookups, populations, metric values and
 * plans loaded, each lookup, population, plan and values file with the
 * SHA-256 of its bytes (store/loads.h). A fact the store does not keep is
 * said to be "not recorded", never made up.
 */
#include "assess/budget_tables.h"
#include "store/registers.h"
#include "store/contracts.h"
#include "assess/metric_text.h"
#include "assess/spend_tables.h"
#include "store/audit.h"
#include "store/datasets.h"
#include "util/html.h"
#include "util/month.h"
#include "web/page.h"
#include "web/pages.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char ogl[] = PAGE_OGL_LINK;

enum { D_KIND, D_NAME, D_MONTHS, D_ROWS, D_SHA, D_WHEN, D_NCOLS };
static const char *const file_columns[D_NCOLS] = {"kind", "file",   "months",
                                                  "rows", "sha256", "loaded_at"};
static const char *const file_headings[D_NCOLS] = {"Kind", "File",    "Months",
                                                   "Rows", "SHA-256", "Loaded"};

struct files {
    struct table t;
    char latest[32];
    size_t unhashed; /* files loaded before Peel recorded their SHA-256 */
};

static void take_file(void *arg, const struct dataset_file *f)
{
    struct files *fs = arg;
    size_t row = table_add_row(&fs->t);
    table_set_text(&fs->t, row, D_KIND, dataset_kind_words(f->kind));
    /* the file's own name: the folder it was loaded from is the loading
     * machine's, not the public's (a path names a person's home, say) */
    const char *slash = f->name ? strrchr(f->name, '/') : NULL;
    table_set_text(&fs->t, row, D_NAME, slash ? slash + 1 : f->name);
    if (f->first_month >= 0) {
        char a[MONTH_TEXT_SIZE], b[MONTH_TEXT_SIZE], months[2 * MONTH_TEXT_SIZE + 8];
        month_format(f->first_month, a);
        month_format(f->last_month, b);
        snprintf(months, sizeof months, f->first_month == f->last_month ? "%s" : "%s to %s", a, b);
        table_set_text(&fs->t, row, D_MONTHS, months);
    }
    if (strcmp(f->kind, "plan") != 0)
        table_set_int(&fs->t, row, D_ROWS, f->rows);
    table_set_text(&fs->t, row, D_SHA, f->sha256 ? f->sha256 : "not recorded");
    fs->unhashed += f->sha256 == NULL;
    table_set_text(&fs->t, row, D_WHEN, f->loaded_at);
    if (f->loaded_at && strcmp(f->loaded_at, fs->latest) > 0)
        snprintf(fs->latest, sizeof fs->latest, "%s", f->loaded_at);
}

static void last_update(struct buf *b, const char *iso)
{
    buf_puts(b, "<p>Last updated: ");
    page_time(b, iso);
    buf_puts(b, ".</p>\n");
}

/* The files one store function lists, as a table captioned caption. */
static int files_section(struct buf *b, struct store *s,
                         int (*list)(struct store *, dataset_file_fn, void *, struct buf *),
                         const char *caption, struct buf *err)
{
    struct files fs = {0};
    table_init(&fs.t, D_NCOLS, file_columns);
    int rc = list(s, take_file, &fs, err);
    if (rc == 0) {
        if (fs.t.nrows == 0)
            buf_puts(b, "<p>None loaded.</p>\n");
        else {
            last_update(b, fs.latest);
            page_table(b, &fs.t, caption, file_headings);
            /* said only when it is so: never over a column of hashes */
            if (fs.unhashed)
                buf_printf(b,
                           "<p>%zu of these file%s %s loaded before Peel recorded the SHA-256 "
                           "of each file: %s says &#8220;not recorded&#8221;.</p>\n",
                           fs.unhashed, fs.t.nrows == 1 ? "" : "s",
                           fs.unhashed == 1 ? "was" : "were",
                           fs.unhashed == 1 ? "its row" : "their rows");
        }
    }
    table_free(&fs.t);
    return rc;
}

static void take_lookup(void *arg, const char *grouping, int64_t lsoas, int64_t values)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    struct buf words = BUF_INIT;
    area_grouping_words(grouping, &words);
    html_printf(b, "%s: %lld LSOAs in %lld areas (", buf_str(&words), (long long)lsoas,
                (long long)values);
    buf_free(&words);
    buf_puts(b, "<a href=\"/area\">their pages</a>)</li>\n");
}

static void take_population(void *arg, const char *what, const char *source, int64_t areas,
                            int64_t residents)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    html_printf(b, "%lld %s, %lld residents, from %s", (long long)areas, what, (long long)residents,
                source);
    buf_puts(b, "</li>\n");
}

static int lookups_section(struct buf *b, struct store *s, struct buf *err)
{
    buf_puts(b, "<h2 id=\"areas\">Area lookups and populations</h2>\n<p>Which LSOA is in which "
                "district, community safety partnership or other area, and resident "
                "populations (ONS mid-year estimates). Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, " (ONS and the police). Each file loaded is listed with the SHA-256 of its "
                "bytes and when it was loaded (loads made before Peel kept this record are "
                "not listed).</p>\n<ul>\n");
    size_t before = b->len;
    int rc = store_dataset_lookups(s, take_lookup, b, err);
    if (rc == 0)
        rc = store_dataset_populations(s, take_population, b, err);
    if (rc == 0 && b->len == before)
        buf_puts(b, "<li>None loaded.</li>\n");
    buf_puts(b, "</ul>\n");
    if (rc == 0)
        rc = files_section(b, s, store_dataset_lookup_loads, "Lookup and population files loaded",
                           err);
    return rc;
}

static void downloads(struct buf *b)
{
    buf_puts(b,
             "<h2 id=\"downloads\">Downloads</h2>\n<ul>\n"
             "<li>Every metric&#39;s status: <a href=\"/api/metrics.csv\">CSV</a>, "
             "<a href=\"/api/metrics.json\">JSON</a>.</li>\n"
             "<li>Each metric&#39;s values: on its page, and at the page&#39;s address with "
             "<code>.csv</code> or <code>.json</code> (for example "
             "<code>/metric/burglary.csv</code>).</li>\n"
             "<li>Each area&#39;s crime by type, trend and funnel: on <a href=\"/area\">its "
             "page</a>, also as CSV and JSON.</li>\n"
             "<li>Crime records, filtered and grouped any way: the <a "
             "href=\"/explore\">crime data explorer</a>, whose results download as <a "
             "href=\"/explore.csv\">CSV</a> or <a href=\"/explore.json\">JSON</a>.</li>\n"
             "<li>Published reports (HTML, PDF, XLSX): <a href=\"/reports\">the "
             "archive</a>.</li>\n"
             "<li>The decision register, every public field of every decision: <a "
             "href=\"/decisions.csv\">CSV</a>, <a href=\"/decisions.json\">JSON</a>, and the "
             "newest as an <a href=\"/decisions.atom\">Atom feed</a>; the <a "
             "href=\"/decisions/forward-plan.csv\">forward plan against the log</a> as "
             "CSV.</li>\n"
             "<li>Spend over &#163;500 and office-holders&#39; expenses, every item of the "
             "current versions: <a href=\"/spend.csv\">CSV</a>, <a "
             "href=\"/spend.json\">JSON</a>; each month at <code>/spend/2025-03.csv</code> "
             "and the like; the office-holders&#39; expenses alone at <a "
             "href=\"/spend/expenses.csv\">CSV</a>, <a "
             "href=\"/spend/expenses.json\">JSON</a>.</li>\n"
             "<li>The budget, every year&#39;s headings: <a href=\"/budget.csv\">CSV</a>, <a "
             "href=\"/budget.json\">JSON</a>; the precept at <code>/budget/precept.csv</code> "
             "and the strategies at <code>/budget/mtfs.csv</code>.</li>\n"
             "<li>The <a href=\"/registers\">registers</a> of interests, gifts and "
             "hospitality, and salaries, each as it stands: <code>/registers/interests.csv</code>, "
             "<code>/registers/gifts.csv</code>, <code>/registers/salaries.csv</code> (and "
             "<code>.json</code>).</li>\n"
             "<li>Contracts and invitations to tender, in the Local Government Transparency "
             "Code&#39;s layout: <a href=\"/contracts.csv\">CSV</a>, <a "
             "href=\"/contracts.json\">JSON</a>; every version as an Open Contracting Data "
             "Standard release package: <a href=\"/contracts/ocds.json\">JSON</a>.</li>\n"
             "<li>The <a href=\"/services\">commissioned services</a>, with their unit costs: "
             "<a href=\"/services.csv\">CSV</a>, <a href=\"/services.json\">JSON</a>; each "
             "one&#39;s returns by quarter at <code>/services/SV-001.csv</code> and the "
             "like.</li>\n"
             "<li>The Safety Fund&#39;s <a href=\"/grants\">grants</a>, each with its "
             "conditions: <a href=\"/grants.csv\">CSV</a>, <a href=\"/grants.json\">JSON</a>; "
             "as 360Giving open data: <a href=\"/grants/360giving.json\">JSON</a>, <a "
             "href=\"/grants/360giving.csv\">CSV</a>; the money by district at <a "
             "href=\"/grants/map.csv\">CSV</a>, <a href=\"/grants/map.json\">JSON</a>; the "
             "<a href=\"/grants/statistics\">fund&#39;s statistics</a>.</li>\n"
             "</ul>\n");
}

/* The spend register's files: each month's versions with the file each
 * came from and its SHA-256. */
static const char *const spend_files_shown[] = {"month", "spent_by",    "version", "current",
                                                "items", "total",       "reason",  "published_at",
                                                "file",  "file_sha256", NULL};
static int spend_section(struct buf *b, struct store *s, struct buf *err)
{
    buf_puts(b, "<h2 id=\"spend\">Spend</h2>\n<p>Items of spend over &#163;500 of the "
                "Commissioner and the Chief Constable, and office-holders&#39; expenses, "
                "published month by month from the files the Office and the force keep (names "
                "of individuals redacted before they are stored). "
                "Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ". <a href=\"/spend\">The spend pages</a>.</p>\n");
    struct table t;
    int rc = spend_versions_table(s, true, &t, err);
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>None published.</p>\n");
    else if (rc == 0)
        page_table_columns(b, &t, "Months of spend published", spend_version_headings,
                           spend_files_shown);
    table_free(&t);
    return rc;
}

/* The registers of interests, gifts and salaries: how many entries and
 * when each last changed; each register's page lists every version with
 * the file it came from and its SHA-256. */
static int registers_section(struct buf *b, struct store *s, struct buf *err)
{
    buf_puts(b, "<h2 id=\"registers\">Registers</h2>\n<p>The registers of interests, gifts "
                "and hospitality, and salaries, recorded from the Office&#39;s files; every "
                "version of every entry, with the file it came from and its SHA-256, is on "
                "each register&#39;s page. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ".</p>\n<ul>\n");
    for (int k = 0; k < REG_KINDS; k++) {
        struct reg_summary sum;
        if (store_reg_summary(s, (enum reg_kind)k, &sum, err) < 0)
            return -1;
        const char *ids[] = {reg_kind_word((enum reg_kind)k)};
        buf_puts(b, "<li>");
        page_link(b, "/registers/", ids, 1, reg_kind_title((enum reg_kind)k));
        buf_printf(b, ": %ld entries; last changed ", sum.entries);
        html_escape(b, *sum.last_recorded ? sum.last_recorded : "never");
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
    return 0;
}

/* The budget register's files: each year's versions with the file each
 * came from and its SHA-256. */
static int budget_section(struct buf *b, struct store *s, struct buf *err)
{
    buf_puts(b, "<h2 id=\"budget\">Budget</h2>\n<p>Each financial year&#39;s budget by "
                "heading, published before the year begins from the Office&#39;s files, with "
                "the precept and the medium-term financial "
                "strategy. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ". <a href=\"/budget\">The budget pages</a>.</p>\n");
    struct table t;
    int rc = budget_versions_table(s, true, &t, err);
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>None published.</p>\n");
    else if (rc == 0)
        page_table(b, &t, "Years of budget published", budget_version_headings);
    table_free(&t);
    return rc;
}

/* The files the contracts register's versions came from, each once. */
static void contract_file(void *arg, const struct contract_row *r)
{
    struct table *t = arg;
    size_t i = 0;
    while (i < t->nrows && strcmp(table_cell(t, i, 1)->text, r->file_sha256) != 0)
        i++;
    if (i == t->nrows) {
        i = table_add_row(t);
        table_set_text(t, i, 0, r->file_name);
        table_set_text(t, i, 1, r->file_sha256);
        table_set_int(t, i, 2, 0);
        table_set_text(t, i, 3, "");
    }
    table_set_int(t, i, 2, table_cell(t, i, 2)->i + 1);
    if (strcmp(r->published_at, table_cell(t, i, 3)->text) > 0)
        table_set_text(t, i, 3, r->published_at);
}

static int contracts_section(struct buf *b, struct store *s, struct buf *err)
{
    buf_puts(b, "<h2 id=\"contracts\">Contracts</h2>\n<p>Contracts and invitations to "
                "tender of the Commissioner and the Chief Constable, from the Office&#39;s "
                "files; a correction is a new version with its reason. Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ". <a href=\"/contracts\">The contracts pages</a>.</p>\n");
    static const char *const cols[] = {"file", "file_sha256", "versions", "published_at"};
    static const char *const headings[] = {"File", "File SHA-256", "Versions", "Published"};
    struct table t;
    table_init(&t, 4, cols);
    int rc = store_contracts(s, NULL, true, contract_file, &t, err);
    if (rc == 0)
        buf_puts(b, "<p>None published.</p>\n");
    else if (rc > 0)
        page_table(b, &t, "The files contracts were published from", headings);
    table_free(&t);
    return rc < 0 ? -1 : 0;
}

/* The head of the Office's audit log (store/audit.h): kept by outsiders,
 * it lets them see that a later log extends it rather than rewrites it. */
static int audit_section(struct buf *b, struct store *s, struct buf *err)
{
    struct audit_head head;
    if (store_audit_head(s, &head, err) < 0)
        return -1;
    buf_puts(b, "<h2 id=\"audit\">The Office&#39;s audit log</h2>\n<p>Every change the "
                "Office&#39;s staff make in Peel (accounts, decisions, and in time grants and "
                "cases) is a row of an audit log, each row chained to the one before by its "
                "SHA-256, so that a row changed or removed breaks the chain. Its head today:</p>"
                "\n<dl class=\"audit-head\">\n");
    buf_printf(b,
               "<dt>Rows</dt><dd>%" PRId64 "</dd>\n<dt>Head</dt><dd>row %" PRId64
               ", SHA-256 <code class=\"hash\">",
               head.seq, head.seq);
    html_escape(b, head.hash);
    buf_puts(b, "</code></dd>\n<dt>Written</dt><dd>");
    page_time(b, head.at);
    buf_puts(b, "</dd>\n</dl>\n<p>Keep it: a later head that does not extend this one "
                "(the Office can show the rows between, and anyone can recompute their hashes "
                "from them) means the log was rewritten. As data: "
                "<a href=\"/api/audit-head.json\">JSON</a>.</p>\n");
    return 0;
}

void page_audit_head(const struct web_request *rq, struct web_response *rs)
{
    struct audit_head head;
    struct buf err = BUF_INIT;
    if (store_audit_head(rq->store, &head, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        /* the log's rows are numbered from 1 with none missing: the
         * head's number is their count */
        json_t *j = json_pack("{sIssss}", "rows", (json_int_t)head.seq, "head_sha256", head.hash,
                              "head_written_at", head.at);
        char *text = json_dumps(j, JSON_COMPACT);
        buf_puts(&rs->body, text);
        buf_putc(&rs->body, '\n');
        free(text);
        json_decref(j);
    }
    buf_free(&err);
}

void page_open_data(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, "Open data");
    buf_puts(b, "<h1>Open data</h1>\n<p class=\"lead\">Every figure on this site comes from the "
                "datasets below. Each says where it came from, when it was last updated and "
                "how it may be reused.</p>\n");
    downloads(b);
    buf_puts(b, "<h2 id=\"crime\">Recorded crime</h2>\n<p>Street-level crime and outcomes from "
                "<a href=\"https://data.police.uk/data/\">data.police.uk</a>, and the Home "
                "Office&#39;s police recorded crime tables by force area, each file as "
                "imported, every row kept (unreadable rows are quarantined with their file and "
                "line). Licence: ");
    buf_puts(b, ogl);
    buf_puts(b, ". Each file is recorded by name, rows and the SHA-256 of its bytes.</p>\n");
    int rc = files_section(b, rq->store, store_dataset_imports, "Files imported", &err);
    if (rc == 0)
        rc = lookups_section(b, rq->store, &err);
    if (rc == 0) {
        buf_puts(b, "<h2 id=\"plan\">The plan and the Office&#39;s own figures</h2>\n<p>The "
                    "Police and Crime Plan&#39;s missions, strategies and metrics, and the "
                    "values of metrics that are not recorded crime (surveys, finance, "
                    "workforce), loaded from the Office&#39;s files with their SHA-256. "
                    "Licence: ");
        buf_puts(b, ogl);
        buf_puts(b, ".</p>\n");
        rc = files_section(b, rq->store, store_dataset_loads, "Files loaded", &err);
    }
    if (rc == 0)
        rc = spend_section(b, rq->store, &err);
    if (rc == 0)
        rc = budget_section(b, rq->store, &err);
    if (rc == 0)
        rc = registers_section(b, rq->store, &err);
    if (rc == 0)
        rc = contracts_section(b, rq->store, &err);
    if (rc == 0)
        rc = audit_section(b, rq->store, &err);
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}
