/*
 * report_folder.h - a report folder (as `peel report` writes it) read whole
 * for `peel publish`: report.json and exactly the files it lists, each with
 * its SHA-256, and the SHA-256 of the whole.
 *
 * Publishing takes only what is meant: the files report.json names (never
 * whatever else is in the folder), each a regular file of its own (not a
 * symbolic link, a device, a pipe or a folder, nor a hard link to a file
 * elsewhere), with the bytes report.json says it has; a kind Peel writes,
 * with a period of that kind's form; names from a safe alphabet. Anything
 * else is refused with the file and the reason.
 */
#ifndef PEEL_REPORT_FOLDER_H
#define PEEL_REPORT_FOLDER_H

#include <stdbool.h>
#include <stddef.h>

#include "store/publish.h"
#include "util/buf.h"
#include "util/sha256.h"

/* A report folder read whole: report.json and the files it lists, in name
 * order, with their hashes. */
struct report_folder {
    char *kind, *period;
    struct publication_file *files;
    struct buf *contents;
    char (*hashes)[SHA256_HEX_SIZE];
    size_t n;
    char sha256[SHA256_HEX_SIZE]; /* publication_hash() of the files */
};

/* The largest file a report may hold: a governance pack's PDF is about a
 * megabyte; anything near this is not a report. */
#define REPORT_FILE_MAX (256u << 20)

/* Reads the folder as above. false with err; free f either way. */
bool report_folder_read(const char *dir, struct report_folder *f, struct buf *err);
void report_folder_free(struct report_folder *f);

/* Reads DIR/NAME whole into out, refusing anything but a regular file with
 * one link and at most REPORT_FILE_MAX bytes (opened with O_NOFOLLOW, so a
 * symbolic link is never followed). false with err naming the file. */
bool report_file_read(const char *dir, const char *name, struct buf *out, struct buf *err);

/* A file name a report may hold: 1 to 100 bytes of letters, digits, '.',
 * '_' and '-', not starting with '.' (so never "..", never a path). */
bool report_file_name_ok(const char *name);
/* Whether kind is one Peel writes and period has that kind's form
 * (YYYY-MM for governance and public, YYYY-YY for annual); false with the
 * reason in err. */
bool report_kind_period_ok(const char *kind, const char *period, struct buf *err);

#endif
