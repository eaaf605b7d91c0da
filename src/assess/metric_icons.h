/*
 * metric_icons.h - a metric's three icons (variation, assurance, target) as
 * its evaluation sets them, in render/report_html.h's icons and words.
 */
#ifndef PEEL_METRIC_ICONS_H
#define PEEL_METRIC_ICONS_H

#include "assess/evaluate.h"
#include "render/report_html.h"

/* "not charted" and "no target" when there is nothing to show. */
struct report_icon report_variation_of(const struct metric_status *st);
struct report_icon report_assurance_of(const struct metric_status *st);
struct report_icon report_target_of(const struct metric_status *st);

#endif
