/*
 * services.h - the services the Commissioner commissions (issue 18 part 2):
 * each service's provider (and the provider's registered organisation
 * identifier, an org-id.guide identifier as the contracts register's
 * suppliers have), the contract in the contracts register where there is
 * one, the funding source, the plan's missions and strategies it serves,
 * its dates and annual value, the outcomes it must deliver (a measure and
 * a target a year), and its quarterly returns (referrals, people
 * supported, and what each outcome achieved).
 *
 * 003: "outcomes and not services will be commissioned ... focused on the
 * achievement of clearly defined outcomes and targets". Offices keep these
 * in spreadsheets; Peel keeps them as a register published as versions, as
 * the contracts register does: a service (by its reference) or a return
 * (by service and quarter) that a file changes is published as its next
 * version, which needs a reason; one the file leaves as it was gets none.
 * service_version, service_outcome, service_return and
 * service_return_outcome are append-only (migrate.c). Each import is one
 * BEGIN IMMEDIATE transaction with an audit row per version
 * (service.publish "service:REF:vN", service.return
 * "service-return:REF:QUARTER:vN").
 *
 * A service with an end date on or after the day it is published has a
 * clock (store/clocks.h: subject "service:REF", due on the end date,
 * counted in calendar days), so that the staff's deadlines list says when
 * a contract ends. A new version with another end date completes the old
 * clock and starts one for the new date.
 */
#ifndef PEEL_STORE_SERVICES_H
#define PEEL_STORE_SERVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

#define SERVICE_NEEDS_REASON 2 /* a published service or return changed without a reason */
#define SERVICE_UNKNOWN      3 /* a return for a service not in the register */
#define SERVICE_OUTCOMES_MAX 12

/* An outcome a service must deliver: a measure and its target a year. */
struct service_outcome {
    const char *measure;
    int64_t target;
};

/* A service as a file gives it. Text is never NULL ("" for not given);
 * dates YYYY-MM-DD, end_on "" when open-ended. */
struct service {
    const char *ref, *name, *provider, *provider_id, *contract_ref, *funding, *serves;
    const char *start_on, *end_on;
    int64_t annual_value_pence;
    const struct service_outcome *outcomes;
    size_t noutcomes;
    long line;
};

/* What an outcome achieved in a quarter, by its measure. */
struct service_achieved {
    const char *measure;
    int64_t achieved;
};

/* A quarterly return as a file gives it; quarter "2024-25 Q1". */
struct service_return {
    const char *ref, *quarter;
    int64_t referrals, people;
    const struct service_achieved *achieved;
    size_t nachieved;
    long line;
};

struct service_source {
    const char *name;   /* the file's name (no folders: they are not public) */
    const char *sha256; /* of its bytes */
};

/* Publishes each service that differs from its current version as the
 * next version (out[i], 0 when unchanged), with its clock, in one
 * transaction audited as by; today is the date the clocks count against
 * (model/calendar.h). A changed service needs reason: otherwise
 * SERVICE_NEEDS_REASON, nothing written, and err has a line per service
 * ("line N: ..."). dry_run: the outcomes only. 0, or -1 with err. */
int store_services_publish(struct store *s, const struct service *v, size_t n, const char *reason,
                           const struct service_source *src, const struct audit_origin *by,
                           int today, bool dry_run, int *out, struct buf *err);

/* The same for quarterly returns. Each return's service must be in the
 * register and each measure one of its current outcomes: otherwise
 * SERVICE_UNKNOWN, nothing written, a line per problem in err ("line N:
 * field: ..."). */
int store_service_returns_publish(struct store *s, const struct service_return *r, size_t n,
                                  const char *reason, const struct service_source *src,
                                  const struct audit_origin *by, bool dry_run, int *out,
                                  struct buf *err);

/* ---- reads (public) ------------------------------------------------------ */

struct service_row {
    struct service v; /* outcomes: the version's, in order */
    int version;
    bool current;
    int64_t clock_id; /* 0: none */
    const char *published_at, *reason, *file_name, *file_sha256;
};
typedef void (*service_fn)(void *arg, const struct service_row *r);
/* The current version of every service (all: every version), by name then
 * reference and version; ref non-NULL: that service's only. The number of
 * rows, or -1 with err. */
int store_services(struct store *s, const char *ref, bool all, service_fn fn, void *arg,
                   struct buf *err);

struct service_return_row {
    struct service_return r; /* achieved: the version's, by measure */
    int version;
    const char *published_at, *reason, *file_name;
};
typedef void (*service_return_fn)(void *arg, const struct service_return_row *r);
/* The current version of each quarterly return of service ref (NULL:
 * every service), by service then quarter, oldest first. The number of
 * rows, or -1 with err. */
int store_service_returns(struct store *s, const char *ref, service_return_fn fn, void *arg,
                          struct buf *err);

/* The spend linked to a service from..to (YYYY-MM-DD, both included): the
 * spend register's current lines (store/spend.h) whose purpose names the
 * service's contract reference, or, when sole_provider, whose supplier is
 * its provider (ignoring case and spaces at the ends); their total and
 * count, and how many of the months from..to the register has published
 * (for either body). 0, or -1 with err. */
struct service_spend {
    int64_t pence;
    long lines;
    int months;
};
int store_service_spend(struct store *s, const struct service *v, const char *from, const char *to,
                        bool sole_provider, struct service_spend *out, struct buf *err);

/* How many current services of v's provider (by name, ignoring case) run
 * on some day from..to, v included. -1 with err. */
int store_services_of_provider(struct store *s, const struct service *v, const char *from,
                               const char *to, struct buf *err);

#endif
