/*
 * report_publish.h - a report made and published in one step, from the
 * staff side: what `peel report KIND --out DIR` and then `peel publish DIR`
 * do, into a private temporary folder removed after, so that the version
 * stored is the same immutable kind of version (store/publish.h), with an
 * audit row besides.
 */
#ifndef PEEL_REPORT_PUBLISH_H
#define PEEL_REPORT_PUBLISH_H

#include "report/report_kind.h"
#include "store/publish.h"
#include "util/buf.h"

struct audit_origin;

/* Makes the report of kind k that req asks for (req->out is not read) and
 * publishes it as its first version, by published_by; *version is the one
 * stored, or with STORE_PUBLISHED_ALREADY (store/publish.h: a correction
 * is made with peel publish --corrects) the latest. 0, that, or -1 with
 * err. */
int report_publish_now(struct store *s, const struct report_kind *k,
                       const struct report_request *req, const char *published_by,
                       const struct audit_origin *by, int *version, struct buf *err);

#endif
