/*
 * service_file.h - the files of the commissioned services register
 * (`peel services import FILE` and `peel services returns FILE`), CSV or a
 * sheet of an .xlsx workbook (store/services.h).
 *
 * A services file has a row per service; its columns, in any order and
 * case (docs/fund.md lists every name known):
 *
 *   reference, service, provider, start date, annual value   (required)
 *   provider id (an org-id), contract reference, funding source, serves
 *   (plan mission and strategy keys), end date, outcomes     (optional)
 *
 * outcomes is "measure = target; measure = target", a target a year. An
 * optional last row whose first cell begins "Total" states the total of
 * the annual values (as 004's "Total Commissioned Services £4,618,394"),
 * or --total does: the rows must add up to it, or nothing is stored.
 *
 * A returns file has a row per service and quarter: service (its
 * reference), quarter ("2024-25 Q1"), referrals, people supported
 * (required), and outcomes achieved ("measure = count; ...").
 *
 * The whole file is checked before anything is stored (ingest/
 * table_check.h): any problem and nothing is, every problem listed as
 * FILE:LINE: field: reason.
 */
#ifndef PEEL_INGEST_SERVICE_FILE_H
#define PEEL_INGEST_SERVICE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/services.h"
#include "util/buf.h"

#define SERVICE_FILE_MAX_BYTES  (4 * 1024 * 1024)
#define SERVICE_FILE_MAX_ROWS   10000
#define SERVICE_FIELD_MAX_BYTES 2000

struct service_file_options {
    const char *sheet;  /* the worksheet of a workbook; NULL: the first */
    const char *reason; /* why a published service or return is replaced */
    const char *total;  /* the stated total of the annual values, as typed; NULL: none */
    int today;          /* the date clocks count against (model/calendar.h) */
    bool dry_run;       /* check and compare; store nothing */
};

/* What an import did (or would do): each row's record and the version
 * published (0: unchanged). */
struct service_file_report {
    size_t n;
    char **keys;   /* "REF" or "REF QUARTER", owned */
    int *versions; /* owned */
    int64_t total_pence;
    bool stated; /* the file or --total stated the total, and it agreed */
    struct buf ignored;
};
void service_file_report_free(struct service_file_report *r);

enum service_file_kind { SERVICE_FILE_SERVICES, SERVICE_FILE_RETURNS };

/* 0: imported (or checked); 2: the file has problems, names a service not
 * in the register, or changes a published record without a reason (err
 * says which; nothing stored); 1: the store failed. rep is filled on
 * success only. */
int service_file_import(struct store *s, enum service_file_kind kind, const char *path,
                        const struct service_file_options *o, const struct audit_origin *by,
                        struct service_file_report *rep, struct buf *err);

#endif
