/*
 * metric_values.h - values of loaded metrics, with their history.
 *
 * Metrics that Peel cannot compute from recorded crime (survey results,
 * partners' figures, national measures) are loaded from CSV files by
 * `peel metric load`. Every value keeps the file and line it came from. A
 * value is never overwritten: loading a different value for the same
 * metric, area and period stores the new one and stamps the old one with
 * the time it was replaced, so a published figure can always be traced.
 */
#ifndef PEEL_STORE_METRIC_VALUES_H
#define PEEL_STORE_METRIC_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#include "model/plan.h"
#include "store/loads.h"
#include "store/store.h"
#include "util/month.h"

struct metric_value {
    const char *metric_key;
    enum period_kind kind;
    int period_start; /* first month of the period */
    const char *area; /* "" for the whole force area */
    double value;
    bool has_numerator, has_denominator;
    double numerator, denominator;
    const char *source, *note; /* NULL when not given */
    long line;                 /* in the file it was loaded from */
    /* Filled when reading back; ignored when saving. */
    const char *path, *loaded_at, *replaced_at;
};

struct metric_load_counts {
    int64_t load_id;
    long read, added, revised, unchanged;
};

/* Stores one file's values in one transaction: a value equal to the
 * current one is left alone, a different one replaces it (keeping it).
 * The load is recorded from file (store/loads.h: its path, SHA-256, size
 * and origin; kind, rows and detail are set here). */
int store_metric_values_save(struct store *s, const char *content_hash,
                             const struct data_load *file, const struct metric_value *values,
                             size_t n, struct metric_load_counts *counts, struct buf *err);

/* The same, inside the caller's open transaction, for values another
 * loader derives from its own file (store/iopc.h: the IOPC's figures for
 * the plan's metrics that name a measure): a value equal to the current
 * one is left alone whatever its provenance says (the first load that gave
 * it stays its source), so that loading the same figures again changes
 * nothing (when none differs no load is recorded: counts->load_id 0); a
 * different value replaces the current one as above, its note saying why. */
int store_metric_values_put(struct store *s, const char *content_hash, const struct data_load *file,
                            const struct metric_value *values, size_t n,
                            struct metric_load_counts *counts, struct buf *err);

/* What the plans say about a metric id, from the most recently loaded plan
 * (latest version) that has it. */
struct metric_info {
    bool found, loaded;
    enum metric_unit unit;
    enum metric_frequency frequency;
    char title[256];
    char plan_key[128];
};
int store_metric_info(struct store *s, const char *key, struct metric_info *out, struct buf *err);

typedef void (*metric_value_fn)(void *arg, const struct metric_value *v);

/* The current values of a metric for one area and kind of period, oldest
 * first, up to periods starting at or before `until` (-1: all). */
int store_metric_values(struct store *s, const char *key, const char *area, enum period_kind kind,
                        int until, metric_value_fn fn, void *arg, struct buf *err);
/* Every value ever loaded for a metric (area NULL: all areas), current and
 * replaced, by area, period and load. */
int store_metric_history(struct store *s, const char *key, const char *area, metric_value_fn fn,
                         void *arg, struct buf *err);

#endif
