/*
 * uploads.h - files the staff upload, kept whole in the store by their
 * SHA-256 (migration 14): a decision's supporting papers now, the
 * registers' spreadsheets later.
 *
 * A file's kind (pdf, xlsx, csv) is the one its bytes show
 * (util/filetype.h), decided by the caller before it calls here; the store
 * keeps the kind it is given, which its CHECK limits to those three. The
 * same bytes uploaded twice are one row (and one audit row: the first).
 * Rows never change or go: a paper a decision relied on is kept as it was.
 *
 * Reads come in the decision register's two families: staff read any
 * upload (the web checks their role); the public read only the uploads
 * attached as public documents to a decision the public may read whole
 * (published or rescinded, and not withheld), and those published as a
 * contract's redacted copy (store/contract_copies.h).
 */
#ifndef PEEL_STORE_UPLOADS_H
#define PEEL_STORE_UPLOADS_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

#define UPLOAD_MAX_BYTES (20 * 1024 * 1024) /* a long board paper, with room */

struct upload {
    const char *sha256, *kind, *name, *uploaded_at, *uploaded_by;
    const void *bytes;
    int64_t size;
};
typedef void (*upload_fn)(void *arg, const struct upload *u);

enum upload_status { UPLOAD_ADDED = 0, UPLOAD_KNOWN = 1, UPLOAD_NONE = 2 };

/* Stores bytes[0..n) as a file of kind ("pdf", "xlsx", "csv") named name,
 * audited as upload.add (the file's SHA-256, kind, name and size; never
 * its bytes); its SHA-256 into sha256. UPLOAD_ADDED, UPLOAD_KNOWN when
 * these bytes are stored already (nothing written), or -1 with err. */
int store_upload_add(struct store *s, const char *name, const char *kind, const void *bytes,
                     size_t n, const struct audit_origin *by, char sha256[65], struct buf *err);

/* The upload with this SHA-256, to fn (its bytes valid during the call):
 * 0, UPLOAD_NONE, or -1 with err. For staff only. */
int store_upload_get(struct store *s, const char *sha256, upload_fn fn, void *arg, struct buf *err);
/* The same, when the public may read it (see above); else UPLOAD_NONE. */
int store_upload_public(struct store *s, const char *sha256, upload_fn fn, void *arg,
                        struct buf *err);

#endif
