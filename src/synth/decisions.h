/*
 * decisions.h - a SYNTHETIC decision register for demos and tests, in the
 * CSV format `peel decision import` reads (ingest/decision_file.h).
 *
 * Two financial years of about 40 decisions of an imaginary Office, with
 * values from hundreds of pounds to about £300k, one entirely exempt
 * (withheld under s.40: only a stub is public), forward-planned items
 * (two not yet taken), and one taken without having been forward-planned.
 * Output is a pure function of the seed. None of it is real.
 */
#ifndef PEEL_SYNTH_DECISIONS_H
#define PEEL_SYNTH_DECISIONS_H

#include <stdint.h>
#include <stdio.h>

/* Writes the register to out; the number of rows written. */
int synth_decisions(FILE *out, uint64_t seed);

#endif
