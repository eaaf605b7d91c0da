/*
 * grants_received.h - a SYNTHETIC table of grants received for demos, in
 * the layout `peel grants-received import` reads (ingest/
 * grants_received_file.h): funder, purpose, amount, conditions, a
 * reporting date, and a stated total row. Fixed output; none of it is
 * real (the funders are the kinds an Office has, the figures made up).
 * bad_total: the same table with a total that its lines do not add up to.
 */
#ifndef PEEL_SYNTH_GRANTS_RECEIVED_H
#define PEEL_SYNTH_GRANTS_RECEIVED_H

#include <stdbool.h>
#include <stdio.h>

/* Writes the table for the financial year starting in fy_start (2025 for
 * 2025-26) to out; the number of lines written (the total row aside). */
int synth_grants_received(FILE *out, int fy_start, bool bad_total);

#endif
