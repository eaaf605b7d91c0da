/*
 * svg.h - charts made fit for a page with a strict Content-Security-Policy.
 *
 * cairo writes an SVG's paint as style attributes (style="fill:none;
 * stroke-width:1"). Inline style attributes are exactly what the site's
 * CSP (style-src 'self') forbids, so a browser would draw the chart in
 * black. Every property cairo uses is also an SVG presentation attribute
 * (fill="none" stroke-width="1"), which CSP does not govern, so the chart is
 * rewritten into those rather than loosening the policy for every page.
 */
#ifndef PEEL_WEB_SVG_H
#define PEEL_WEB_SVG_H

#include "util/buf.h"

/* Appends svg with each style="name:value;..." attribute written as
 * name="value" attributes. A declaration that is not a plain lower-case
 * property with a value of letters, digits, spaces and . , % ( ) # + - is
 * dropped: a browser under the policy would have ignored it anyway. */
void web_svg_presentation(const char *svg, struct buf *out);

#endif
