/*
 * plan.h - a Police and Crime Plan as data.
 *
 * A plan is a tree: vision -> missions -> delivery strategies (each with
 * its success, delivery and measure-of-success statements) -> headline
 * metrics. A metric says where its values come from (the five sources of
 * the 2024-29 plan's performance framework), what it counts, which way is
 * better, how often it is reported, an optional target, and either a
 * definition over recorded crime (so Peel computes it) or that its values
 * are loaded from files.
 *
 * Plans are written in YAML (the plans folder; format in docs/plans.md) and
 * read by ingest/plan_file.h, which names file, line and column for every
 * error; the store keeps every version (store/plans.h).
 */
#ifndef PEEL_PLAN_H
#define PEEL_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/chart_options.h"
#include "util/buf.h"
#include "util/month.h"

enum metric_source {
    SOURCE_NATIONAL_MEASURES, /* National Crime and Policing Measures */
    SOURCE_CRIME_SURVEY,      /* Crime Survey for England and Wales */
    SOURCE_LOCAL_DATA,
    SOURCE_NATIONAL_STATISTICS,
    SOURCE_PARTNERSHIP_DATA,
};

enum metric_unit {
    UNIT_COUNT,
    UNIT_RATE_PER_1000,
    UNIT_PERCENT,
    UNIT_HOURS,
    UNIT_NUMBER,
    UNIT_YES_NO
};
enum metric_polarity { POLARITY_HIGHER_BETTER, POLARITY_LOWER_BETTER, POLARITY_NEUTRAL };
enum metric_frequency { FREQUENCY_MONTHLY, FREQUENCY_QUARTERLY, FREQUENCY_ANNUAL };
/* A reduction or an increase is a percentage change on a baseline financial
 * year; a level is a value to reach (at least) or to stay under (at most). */
enum target_kind { TARGET_NONE, TARGET_REDUCTION, TARGET_LEVEL, TARGET_INCREASE };
/* What a defined metric computes from recorded crime. */
enum metric_measure {
    MEASURE_COUNT,
    MEASURE_POSITIVE_OUTCOMES,
    MEASURE_POSITIVE_RATE,
    MEASURE_HOME_OFFICE_OFFENCES, /* offences in the Home Office recorded crime tables (PRC) */
    MEASURE_PUBLISHED_MTFS,       /* yes-no a year: its medium-term financial strategy published
                                     (store/budget.h) */
};

struct metric_target {
    enum target_kind kind;
    double value;   /* percent reduction or increase, or the level */
    bool at_most;   /* for a level: at most value, not at least */
    char *baseline; /* for a reduction or an increase: the financial year it is
                       measured from, e.g. "2012-13" */
    char *by;       /* optional: the month, YYYY-MM, by which it is to be met
                       (a target with its own period); NULL: the plan's period */
    char *text;     /* the plan's own words, e.g. "5% reduction in all crime" */
};

struct metric_definition {
    enum metric_measure measure;
    char **crime_types; /* police.uk types; none means all crime (not ASB) */
    size_t ncrime_types;
    char **offence_groups; /* Home Office offence groups; none means all offences */
    size_t noffence_groups;
    char *area_key, *area_value; /* optional: e.g. rural_urban = Rural */
    bool per_1000;
};

struct plan_metric {
    char *id, *title;
    enum metric_source source;
    enum metric_unit unit;
    enum metric_polarity polarity;
    enum metric_frequency frequency;
    struct metric_target target;
    bool loaded; /* values come from files, not from recorded crime */
    /* For a loaded metric: the IOPC measure (model/iopc.h code, static)
     * whose figure for the force `peel iopc import` writes as its value,
     * each quarter's and each year's; NULL for none. */
    const char *iopc;
    struct metric_definition def;
    struct chart_options charts; /* the plan's choices for its charts; 0s: the defaults */
    int line;                    /* where it is defined, for messages */
};

struct plan_strategy {
    char *id, *title, *success, *delivery, *measure;
    struct plan_metric *metrics;
    size_t nmetrics;
};

struct plan_mission {
    char *id, *title, *summary;
    struct plan_strategy *strategies;
    size_t nstrategies;
};

struct plan {
    char *id, *title, *force, *period_from, *period_to, *vision;
    struct plan_mission *missions;
    size_t nmissions;
};

void plan_free(struct plan *p);
/* Every metric of the plan takes the chart options chosen in o (a
 * command's, for its run) in place of the plan's own. */
void plan_charts_override(struct plan *p, const struct chart_options *o);

/* The plan's title of a mission or delivery strategy key, as the services
 * register and the Safety Fund write them (docs/fund.md): "m2" is the
 * plan's second mission, "m2.s3" that mission's third strategy; the key is
 * the first len bytes of key. NULL when the key names none of this plan's
 * (not a key, or out of range), so that a caller shows what was written. */
const char *plan_key_title(const struct plan *p, const char *key, size_t len);
/* A list of such keys ("m1, m2.s3", split at commas and semicolons) for
 * people: each key's title, "; " between; what is not a key of the plan as
 * written, trimmed. */
void plan_keys_describe(const struct plan *p, const char *keys, struct buf *out);
/* Such a list as a register stores it, whatever plan is loaded: each key
 * well formed ("m" and a number, then optionally "." "s" and a number),
 * trimmed, written once, ", " between, into out. false at the first that
 * is not a key, with it (trimmed, at most n - 1 bytes) in bad. */
bool plan_keys_normalise(const char *keys, struct buf *out, char *bad, size_t n);

/* The words of each enumeration, in its order, NULL-terminated: as plan
 * files and the store write them. */
extern const char *const metric_source_words[];
extern const char *const metric_unit_words[];
extern const char *const metric_polarity_words[];
extern const char *const metric_frequency_words[];
extern const char *const metric_measure_words[];

const char *metric_source_name(enum metric_source s);
const char *metric_unit_name(enum metric_unit u);
const char *metric_polarity_name(enum metric_polarity p);
const char *metric_frequency_name(enum metric_frequency f);
/* The period its values come in: months, financial quarters or years. */
enum period_kind metric_period_kind(enum metric_frequency f);
const char *metric_measure_name(enum metric_measure m);
/* A target in a few words, e.g. "13% reduction on 2012-13", "at least 88 by
 * 2016-12"; "" for none. Returns out. */
const char *metric_target_describe(const struct metric_target *t, char *out, size_t n);

#endif
