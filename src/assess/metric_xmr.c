/*
 * metric_xmr.c - a plan metric's XmR chart described for drawing (see
 * metric_xmr.h).
 */
#include "assess/metric_xmr.h"
#include "assess/metric_text.h"
#include "util/mem.h"

#include <stdlib.h>

void metric_xmr_init(struct metric_xmr *x, const struct plan_metric *m,
                     const struct metric_series *ser, const struct metric_status *st,
                     const struct spc_result *r)
{
    /* the judged periods and, after them, the provisional ones */
    *x = (struct metric_xmr){.nlabels = ser->n + ser->provisional};
    x->labels = xcalloc(x->nlabels + 1, sizeof *x->labels);
    for (size_t i = 0; i < x->nlabels; i++) {
        x->labels[i] = xmalloc(PERIOD_TEXT_SIZE);
        period_format(ser->kind, metric_series_period(ser, i), x->labels[i]);
    }
    metric_chart_title(m, r, &x->title);
    metric_sentence(st, &x->description);
    metric_y_label(m, ser->kind, &x->y_label);
    buf_puts(&x->note, st->options);
    if (st->options[0] && st->limits_note[0])
        buf_putc(&x->note, ' ');
    buf_puts(&x->note, st->limits_note);
    x->chart = (struct chart_xmr){.title = buf_str(&x->title),
                                  .description = buf_str(&x->description),
                                  .y_label = buf_str(&x->y_label),
                                  .x_labels = (const char *const *)x->labels,
                                  .spc = r,
                                  .has_target = m->target.kind == TARGET_LEVEL,
                                  .target = m->target.value,
                                  .note = buf_str(&x->note),
                                  .provisional = ser->values + ser->n,
                                  .nprovisional = ser->provisional};
}

void metric_xmr_free(struct metric_xmr *x)
{
    for (size_t i = 0; i < x->nlabels; i++)
        free(x->labels[i]);
    free(x->labels);
    buf_free(&x->title);
    buf_free(&x->description);
    buf_free(&x->y_label);
    buf_free(&x->note);
    *x = (struct metric_xmr){0};
}
