/*
 * metric_icons.c - a metric's icons from its status (see metric_icons.h).
 */
#include "assess/metric_icons.h"

#define EN_DASH "\xe2\x80\x93" /* as render/report_html.c writes it */

struct report_icon report_variation_of(const struct metric_status *st)
{
    if (!st->points)
        return (struct report_icon){"none", EN_DASH, "not charted"};
    return report_variation(st->variation, st->direction);
}

struct report_icon report_assurance_of(const struct metric_status *st)
{
    if (!st->points)
        return (struct report_icon){"none", EN_DASH, "not charted"};
    return report_assurance(st->assurance);
}

struct report_icon report_target_of(const struct metric_status *st)
{
    if (!st->has_target)
        return (struct report_icon){"none", EN_DASH, "no target"};
    struct report_icon ic = report_target(st->target.verdict, st->target.months);
    ic.words = target_verdict_name(&st->target);
    return ic;
}
