/*
 * service_tables.h - the commissioned services register as tables
 * (render/table.h), the same for `peel services`, the site's /services
 * pages and their CSV and JSON, and the annual report's Commissioning
 * table; and each service's unit cost, with its method.
 *
 * Unit cost: for each quarter a service has a return, the quarter's cost
 * is the spend linked to it in the spend register (store_service_spend:
 * current lines dated in the quarter, within the service's dates, whose
 * purpose names its contract reference, or whose supplier is its
 * provider when the provider runs no other service that quarter), when
 * the register holds every month of the quarter and some line is linked;
 * otherwise a quarter of its annual value. The unit cost of
 * some quarters is their cost over the people supported in them; its
 * method says how many quarters' cost came from each source. No people
 * supported, no unit cost: the method says so.
 *
 * Outcomes and what each achieved are written as the files give them,
 * "measure = number; measure = number". Money is model/money.h's: for
 * people when human, else at full precision.
 */
#ifndef PEEL_ASSESS_SERVICE_TABLES_H
#define PEEL_ASSESS_SERVICE_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "render/table.h"
#include "store/services.h"

/* The unit cost of a service over some of its quarters. */
struct unit_cost {
    int64_t cost_pence, people, referrals;
    int quarters, from_spend, from_value; /* quarters counted, and by which cost */
    long spend_lines;
    bool known;        /* people > 0 */
    double unit_pence; /* cost_pence / people, when known */
    char method[300];  /* in plain words */
};

/* The unit cost of service v over its returns' quarters, of financial
 * year fy only when fy >= 0 (the year it begins in). 0, or -1 with err. */
int service_unit_cost(struct store *s, const struct service *v, int fy, struct unit_cost *out,
                      struct buf *err);

/* The totals of a list of services. */
struct services_totals {
    int services;
    int64_t annual_value_pence, people, cost_pence;
};

/* The current version of every service (all: every version), with its
 * people supported, cost and unit cost over every quarter returned;
 * totals (may be NULL) gets their sums. The number of services, or -1. */
int services_table(struct store *s, bool all, bool human, struct table *t,
                   struct services_totals *totals, struct buf *err);
/* One service's current version (the same columns), its outcomes with
 * target and achieved in all (outcomes), and its returns by quarter with
 * each quarter's cost, method and unit cost (returns). The number of
 * versions of ref (0: no such service), or -1. */
int service_tables(struct store *s, const char *ref, bool human, struct table *service,
                   struct table *outcomes, struct table *returns, struct buf *err);

/* The annual report's Commissioning table: each service running in
 * financial year fy (beginning in that year), its provider, annual value,
 * the people supported in the year's returns, and the unit cost with its
 * method, then a total row; totals gets the sums. The number of services,
 * or -1. */
int commissioning_table(struct store *s, int fy, bool human, struct table *t,
                        struct services_totals *totals, struct buf *err);

#endif
