/*
 * services.h - SYNTHETIC commissioned services and quarterly returns for
 * demos, in the layouts `peel services import` reads (ingest/
 * service_file.h). Fixed output; none of it is real. The services' annual
 * values add up to seed 004's "Total Commissioned Services £4,618,394"
 * for 2021-22 (004 gives only the total, not its lines: the lines are
 * made up), stated in a Total row; four of them ended on 31 March 2025,
 * as ten LLR projects did when a Ministry of Justice grant was cut. The
 * victims' service's provider is the demo spend register's supplier of
 * the same name, so that its unit cost for 2024-25 Q4 comes from spend.
 */
#ifndef PEEL_SYNTH_SERVICES_H
#define PEEL_SYNTH_SERVICES_H

#include <stdio.h>

/* The services, with the Total row; the number of services. */
int synth_services(FILE *out);
/* Their quarterly returns, from 2021-22 Q1 to each one's end or 2025-26
 * Q2; the number of returns. */
int synth_service_returns(FILE *out);

#endif
