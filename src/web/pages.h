/*
 * pages.h - the site's pages, one handler each (the route table is in
 * app.c):
 *
 *   /                               home: vision, exceptions, missions
 *   /plan/:mission                  a mission's delivery strategies
 *   /plan/:mission/:strategy        one strategy, its statements, metrics
 *   /metric/:id (.csv, .json)       a metric: chart, sentence, values
 *   /api/metrics.json (.csv)        every metric's status, as data
 *   /static/peel.css                the stylesheet
 *   /area                           the force and every area, by grouping
 *   /area/:grouping/:value (.csv, .json)  an area: crime by type, trend,
 *                                   rate per 1,000, funnel position
 *   /area/:grouping/:value/:table   its trend or funnel table (CSV, .json)
 *   /reports                        the archive of published reports
 *   /annual                         the financial years with crime statistics
 *   /annual/:fy (.csv, .json)       a year against the one before: the
 *                                   annual report's figures (page_annual.c);
 *   /annual/:fy/:table (.csv, .json)  its "outcomes" or "areas" table
 *   /reports/:kind/:period/:version/:file  a published file, as stored
 *   /open-data                      every dataset: licence, provenance, and
 *                                   the head of the Office's audit log
 *   /api/audit-head.json            that head, as data
 *   /documents/:sha256              a decision's public supporting paper
 *   /explore (.csv, .json)          the crime data explorer (page_explore.c)
 *   /decisions (.csv, .json)        the decision register, searched and
 *                                   filtered (page_decisions.c)
 *   /decisions/:slug (.csv, .json)  one decision; /decisions/:slug/version/:n
 *                                   an earlier version (page_decision.c)
 *   /decisions.atom                 the newest decisions as an Atom feed
 *   /decisions/forward-plan (.csv, .json)  the forward plan against the
 *                                   log (page_decision_feed.c)
 *   /transparency (.csv, .json)     what the Commissioner must publish, and
 *                                   what is overdue (page_transparency.c)
 *   /hmicfrs (.csv, .json)          HMICFRS reports with a published response;
 *                                   /hmicfrs/:ref (.csv, .json) one response,
 *                                   by recommendation (page_hmicfrs.c)
 *   /spend (.csv, .json)            the spend register: totals by month,
 *                                   supplier and expense type, every
 *                                   version (page_spend.c)
 *   /spend/items (.csv, .json)      the items a query chooses
 *                                   (page_spend_explore.c)
 *   /spend/expenses (.csv, .json)   the office-holders' expenses, every
 *                                   item by month (page_spend_expenses.c)
 *   /spend/:month (.csv, .json)     a month's items and its corrections
 *   /stop-and-search (.csv, .json)  stop and search: counts, what searches
 *                                   found, rates by ethnic group;
 *                                   /stop-and-search/rates.csv (.json) the
 *                                   rates (page_stop_search.c)
 *   /budget (.csv, .json)           the budget register: every year's
 *                                   headings, the precept, the strategies
 *                                   (page_budget.c)
 *   /budget/:part (.csv, .json)     a year, the precept or the strategies
 *   /registers                      the registers of interests, gifts and
 *                                   hospitality, and salaries (page_registers.c)
 *   /registers/:kind (.csv, .json)  one register's entries and versions
 *   /contracts (.csv, .json)        the contracts register: copies over
 *                                   £10,000, the list of the rest, the
 *                                   corrections (page_contracts.c)
 *   /contracts/ocds.json            its OCDS release package
 *   /contracts/:ref (.csv, .json)   one contract's every version
 *   /services (.csv, .json)         the commissioned services with their
 *                                   totals and unit costs (page_services.c)
 *   /services/:ref (.csv, .json)    one service: outcomes, returns by
 *                                   quarter, unit cost with its method
 *   /grants (.csv, .json)           the Safety Fund's published awards by
 *                                   round, district and priority; also as
 *   /grants/360giving.json, .csv    360Giving open data (page_grants.c)
 *   /grants/statistics (.csv, .json)  the fund's statistics (page_grants.c)
 *   /grants/map (.csv, .json)       money awarded by district, a map (page_grants.c)
 *   /complaints (.csv, .json)       the Order's item 7C: every quarter of
 *                                   the IOPC's figures published;
 *   /complaints/:quarter (.csv, .json)  one, with the Office's assessment
 *                                   as review body (page_complaints.c)
 */
#ifndef PEEL_WEB_PAGES_H
#define PEEL_WEB_PAGES_H

#include "assess/exceptions.h"
#include "store/spend.h"
#include "web/request.h"

void page_home(const struct web_request *rq, struct web_response *rs);
void page_mission(const struct web_request *rq, struct web_response *rs);
void page_strategy(const struct web_request *rq, struct web_response *rs);
void page_metric(const struct web_request *rq, struct web_response *rs);
void page_api_metrics(const struct web_request *rq, struct web_response *rs);
void page_stylesheet(const struct web_request *rq, struct web_response *rs);
void page_areas(const struct web_request *rq, struct web_response *rs);
void page_area(const struct web_request *rq, struct web_response *rs);
void page_area_table(const struct web_request *rq, struct web_response *rs);
void page_reports(const struct web_request *rq, struct web_response *rs);
void page_annual_list(const struct web_request *rq, struct web_response *rs);
void page_annual(const struct web_request *rq, struct web_response *rs);
void page_annual_table(const struct web_request *rq, struct web_response *rs);
void page_report_file(const struct web_request *rq, struct web_response *rs);
void page_open_data(const struct web_request *rq, struct web_response *rs);
void page_audit_head(const struct web_request *rq, struct web_response *rs);
void page_document(const struct web_request *rq, struct web_response *rs);
void page_explore(const struct web_request *rq, struct web_response *rs);
void page_decisions(const struct web_request *rq, struct web_response *rs);
void page_decision(const struct web_request *rq, struct web_response *rs);
void page_decision_feed(const struct web_request *rq, struct web_response *rs);
void page_forward_plan(const struct web_request *rq, struct web_response *rs);
void page_transparency(const struct web_request *rq, struct web_response *rs);
void page_hmicfrs_list(const struct web_request *rq, struct web_response *rs);
void page_hmicfrs(const struct web_request *rq, struct web_response *rs);

struct tr_report;
/* The transparency calendar's overdue and due-soon items, linked to
 * /transparency (the staff home page shows them). */
void pages_transparency_due(struct buf *b, const struct tr_report *r);
void page_spend(const struct web_request *rq, struct web_response *rs);
void page_spend_month(const struct web_request *rq, struct web_response *rs);
/* The items a query chooses (page_spend_explore.c): /spend/items. */
void page_spend_items(const struct web_request *rq, struct web_response *rs);
/* The office-holders' expenses (page_spend_expenses.c): /spend/expenses. */
void page_spend_expenses(const struct web_request *rq, struct web_response *rs);
/* The headings for people of spend_items_table's columns, and those a
 * page shows (page_spend.c). */
extern const char *const spend_item_headings[];
extern const char *const spend_items_shown[];
/* The /spend page's chart of the totals by month (the latest
 * CHART_BARS_MAX) or of the largest suppliers, with its text alternative
 * (spend_chart.c): 0, or -1 with err. */
int spend_chart(struct buf *out, struct store *s, enum spend_group g, struct buf *err);
void page_stop_search(const struct web_request *rq, struct web_response *rs);
void page_stop_search_rates(const struct web_request *rq, struct web_response *rs);
void page_budget(const struct web_request *rq, struct web_response *rs);
void page_registers(const struct web_request *rq, struct web_response *rs);
/* /registers/:kind: interests, gifts or salaries. */
void page_register(const struct web_request *rq, struct web_response *rs);
void page_complaints(const struct web_request *rq, struct web_response *rs);
void page_complaints_quarter(const struct web_request *rq, struct web_response *rs);
void page_contracts(const struct web_request *rq, struct web_response *rs);
void page_contracts_ocds(const struct web_request *rq, struct web_response *rs);
/* /contracts/:ref: one contract's every version. */
void page_contract(const struct web_request *rq, struct web_response *rs);
void page_services(const struct web_request *rq, struct web_response *rs);
/* /services/:ref: one commissioned service. */
void page_service(const struct web_request *rq, struct web_response *rs);
/* /budget/:part: a year (2025-26), "precept" or "mtfs". */
void page_budget_part(const struct web_request *rq, struct web_response *rs);
/* The headings for people of budget_versions_table's columns. */
extern const char *const budget_version_headings[];
void page_grants(const struct web_request *rq, struct web_response *rs);
void page_grants_360(const struct web_request *rq, struct web_response *rs);
void page_grants_map(const struct web_request *rq, struct web_response *rs);
void page_grants_statistics(const struct web_request *rq, struct web_response *rs);
/* The headings for people of spend_versions_table's columns. */
extern const char *const spend_version_headings[];

/* A table of metrics and their status (metric, latest value, period,
 * variation, target), each metric linked to its page. */
void pages_status_table(struct buf *b, const struct metric_status *st, size_t n,
                        const char *caption);
/* A series' values with its XmR chart's mean, limits, variation and rule
 * (spc NULL: values only), initialised here; pages_series_headings are
 * its columns' headings for people. The row of the plan p's first period
 * says why the limits were not recalculated there, when they were not
 * (metric_plan_rebase_note). The series' provisional months follow, with
 * PAGES_PROVISIONAL as their variation and no limits. */
#define PAGES_PROVISIONAL "provisional: outcomes still arriving, not judged"
void pages_series_table(struct table *t, const struct plan *p, const struct plan_metric *m,
                        const struct metric_series *ser, const struct spc_result *spc);
extern const char *const pages_series_headings[];
/* The series' XmR chart as an inline SVG figure, its paint as attributes
 * (render/svg.h); the SVG carries its title and the status's sentence as
 * its description, for screen readers. */
void pages_xmr_chart(struct buf *b, const struct metric_status *st, const struct metric_series *ser,
                     const struct spc_result *spc);
/* The table rendered as CSV or JSON into the response body. */
void pages_data(const struct table *t, enum web_format f, struct web_response *rs);

#endif
