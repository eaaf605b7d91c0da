/*
 * registers.h - SYNTHETIC files of the registers of interests, gifts and
 * hospitality, and senior salaries (`peel registers sample DIR`), in the
 * layouts `peel registers import` reads (ingest/register_file.h):
 *
 *   interests.csv            the Commissioner's interests and the
 *                            Deputy's nil return
 *   interests-corrected.csv  the same with one interest corrected, to be
 *                            imported with a reason
 *   gifts.csv                three offers, accepted and declined
 *   salaries.csv             the office-holders and senior staff as at the
 *                            end of the last financial year, one name
 *                            withheld
 *
 * Every name, body and figure is made up and says so: "(synthetic)".
 */
#ifndef PEEL_SYNTH_REGISTERS_H
#define PEEL_SYNTH_REGISTERS_H

#include "util/buf.h"

/* Writes the files into dir (which must exist), dated from today (a day as
 * model/calendar.h counts them): 0, or -1 with err. */
int synth_register_files(const char *dir, int today, struct buf *err);

#endif
