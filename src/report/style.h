/*
 * style.h - the look the reports share: one style sheet for screen (from
 * 360 px wide) and print (A4), so that every report Peel writes reads the
 * same and a fix to one is a fix to all.
 */
#ifndef PEEL_REPORT_STYLE_H
#define PEEL_REPORT_STYLE_H

#include "util/buf.h"

/* Appends the <style> element. */
void report_style_sheet(struct buf *out);

#endif
