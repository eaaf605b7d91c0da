/*
 * spend.h - a SYNTHETIC spend file for demos and tests, in the layout
 * `peel spend import` reads (ingest/spend_file.h): the Transparency
 * Code's columns with a value-for-money reason, whose spend each item is
 * (the PCC's or the force's), and a supplier type.
 *
 * Three months (January to March 2025) of an imaginary Office and force:
 * fuel, forensic services, vehicles, training, grants, an office-holder's
 * travel (under £500, as the Order asks for every item of it; marked in
 * the Office Holder column), one credit
 * note, and two payments to individuals (a supplier type of individual:
 * peel redacts their names). revised: the same file as a March correction
 * would give it (one amount corrected, one item added, one removed).
 * Output is fixed. None of it is real.
 */
#ifndef PEEL_SYNTH_SPEND_H
#define PEEL_SYNTH_SPEND_H

#include <stdbool.h>
#include <stdio.h>

/* Writes the file to out; the number of items written. */
int synth_spend(FILE *out, bool revised);

#endif
