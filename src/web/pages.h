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
 *   /explore (.csv, .json)          the crime data explorer (page_explore.c)
 */
#ifndef PEEL_WEB_PAGES_H
#define PEEL_WEB_PAGES_H

#include "web/app.h"
#include "plan/exceptions.h"

void page_home(const struct web_request *rq, struct web_response *rs);
void page_mission(const struct web_request *rq, struct web_response *rs);
void page_strategy(const struct web_request *rq, struct web_response *rs);
void page_metric(const struct web_request *rq, struct web_response *rs);
void page_api_metrics(const struct web_request *rq, struct web_response *rs);
void page_stylesheet(const struct web_request *rq, struct web_response *rs);
void page_explore(const struct web_request *rq, struct web_response *rs);

/* A table of metrics and their status (metric, latest value, period,
 * variation, target), each metric linked to its page. */
void pages_status_table(struct buf *b, const struct metric_status *st, size_t n,
                        const char *caption);
/* The table rendered as CSV or JSON into the response body. */
void pages_data(const struct table *t, enum web_format f, struct web_response *rs);

#endif
