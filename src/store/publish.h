/*
 * publish.h - published reports, frozen in the store.
 *
 * `peel publish DIR` copies a report's files into the store with their
 * SHA-256, the kind of report and its period, when and by whom. What is
 * published never changes (the schema's triggers refuse any UPDATE,
 * DELETE or REPLACE): a correction is a new version of the same report
 * that names the version it corrects and says why. A version can be
 * withdrawn, with a reason: the record of it and of its withdrawal stay,
 * and the site stops serving its files.
 */
#ifndef PEEL_STORE_PUBLISH_H
#define PEEL_STORE_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/sha256.h"

struct publication {
    int64_t id;
    const char *kind, *period; /* "governance", "2023-03" */
    int version;
    const char *sha256; /* of the files' names and hashes, in name order */
    const char *published_at, *published_by, *source_path;
    int corrects;       /* the version corrected, or 0 */
    const char *reason; /* why, for a correction */
    /* Read back only; all NULL while the version stands. */
    const char *withdrawn_at, *withdrawn_by, *withdrawal_reason;
};

struct publication_file {
    const char *name, *sha256;
    const void *bytes;
    size_t size;
};

/* The SHA-256 of a version as a whole, from its files' names and
 * SHA-256s (of "name\0sha256\n" for each, files in name order): what
 * publication.sha256 holds. */
void publication_hash(const struct publication_file *files, size_t n, char out[SHA256_HEX_SIZE]);
/* The same, one file at a time, in name order (peel verify). */
void publication_hash_add(struct sha256 *all, const char *name, const char *sha256);

/* The latest version of a report (kind, period) and its hash; false when
 * there is none. */
struct publication_head {
    int version;
    char sha256[65];
    bool withdrawn;
};
bool store_publication_latest(struct store *s, const char *kind, const char *period,
                              struct publication_head *out);
/* Whether version v of the report exists. */
bool store_publication_exists(struct store *s, const char *kind, const char *period, int v);
/* Stores a new version (pub->version is set here: one after the latest) in
 * one transaction; -1 with err. */
int store_publish(struct store *s, struct publication *pub, const struct publication_file *files,
                  size_t n, struct buf *err);

/* The same from the staff side, for a first version only: the version and
 * its audit row ("publication.publish", "publication:KIND/PERIOD") in one
 * transaction. STORE_PUBLISHED_ALREADY (pub->version the latest) when the
 * report has a version already: a correction, with its reason, is made
 * with peel publish --corrects. */
#define STORE_PUBLISHED_ALREADY 1
struct audit_origin;
int store_publish_audited(struct store *s, struct publication *pub,
                          const struct publication_file *files, size_t n,
                          const struct audit_origin *by, struct buf *err);

/* p's strings are valid during the call only. */
typedef void (*publication_fn)(void *arg, const struct publication *p, size_t files, int64_t bytes);
/* Every published version, newest first. */
int store_publications(struct store *s, publication_fn fn, void *arg, struct buf *err);

/* The files of published version `id` (publication.id), in name order;
 * f->bytes is NULL here (only the size is read). */
typedef void (*publication_file_fn)(void *arg, const struct publication_file *f);
int store_publication_files(struct store *s, int64_t id, publication_file_fn fn, void *arg,
                            struct buf *err);

/* One published file, read a part at a time (published_file.c), so that
 * serving a 300 MB PDF takes the same memory as a 30 KB page. Opening it
 * reads its bytes through once and checks they still have their recorded
 * SHA-256, so bytes changed behind peel's back are never sent under their
 * old ETag (peel verify lists every such file). The file holds its
 * connection's read snapshot until closed: what is sent is what was
 * checked. */
struct store_file;
/* 0 with *f, its stored SHA-256 and its size; 1 when version v of the
 * report (kind, period) has no file of that name; -1 with err, also when
 * the bytes no longer have their SHA-256. */
int store_publication_file_open(struct store *s, const char *kind, const char *period, int v,
                                const char *name, char sha256[65], struct store_file **f,
                                struct buf *err);
int64_t store_file_size(const struct store_file *f);
/* Appends the next bytes, at most max, to out: 1 when more follow, 0 when
 * those were the last (or none were left), -1 with err. */
int store_file_read(struct store_file *f, struct buf *out, size_t max, struct buf *err);
/* f may be NULL. */
void store_file_close(struct store_file *f);

/* One published file whole, appended to bytes (as store_publication_file_open
 * and store_file_read until the end): for tests and small files. */
int store_publication_file_read(struct store *s, const char *kind, const char *period, int v,
                                const char *name, char sha256[65], struct buf *bytes,
                                struct buf *err);

/* Withdraws version v of the report (kind, period), by whom and why (not
 * blank): its record and its files stay in the store, and the site answers
 * 410 Gone for them. 1 when there is no such version, 2 when it is already
 * withdrawn; -1 with err. */
int store_publication_withdraw(struct store *s, const char *kind, const char *period, int v,
                               const char *by, const char *reason, struct buf *err);
/* Whether version v of the report is withdrawn: 1, with when into at and
 * why into reason; 0 when it is not (or does not exist); -1 with err. */
int store_publication_withdrawn(struct store *s, const char *kind, const char *period, int v,
                                char at[32], struct buf *reason, struct buf *err);

#endif
