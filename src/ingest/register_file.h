/*
 * register_file.h - the files of the registers of interests, gifts and
 * hospitality, and salaries (`peel registers import KIND FILE`), CSV or a
 * sheet of an .xlsx workbook, read through ingest/table_file.h.
 *
 * A row per entry; columns in any order, case and punctuation; the names
 * known are in register_file.c and docs/registers.md. Every register has
 * ref, name, post and date; interests and gifts a category and details
 * (a category of "nil" is a nil return: nothing to declare); gifts a
 * donor, a value and an outcome (accepted or declined); salaries a salary,
 * responsibilities and allowances (optional), and an empty name where the
 * person refused consent to its publication.
 *
 * The whole file is checked before anything is stored: any problem and
 * nothing is, every problem listed as FILE:LINE: field: reason.
 */
#ifndef PEEL_INGEST_REGISTER_FILE_H
#define PEEL_INGEST_REGISTER_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/registers.h"
#include "util/buf.h"

#define REG_FILE_MAX_BYTES (4 * 1024 * 1024)

/* A file read and checked: its entries in the file's order, pointing into
 * text. Owned: reg_file_free. */
struct reg_file {
    struct reg_entry *entries;
    size_t n;
    char **text;       /* each row's fields */
    char (*dates)[11]; /* each entry's date as YYYY-MM-DD */
    char (*cats)[16];  /* each entry's category in lower case */
    size_t nfields;    /* of text */
};
void reg_file_free(struct reg_file *f);

/* Reads bytes, the whole of the file at path (named in errors), as a file
 * of register k, into f: true, or false with every problem in err (f then
 * empty). sheet: a workbook's sheet (NULL: the first). */
bool reg_file_read(const char *path, const struct buf *bytes, const char *sheet, enum reg_kind k,
                   struct reg_file *f, struct buf *err);

struct reg_file_options {
    const char *sheet;  /* the worksheet of a workbook; NULL: the first */
    const char *reason; /* why an entry already recorded is corrected */
    bool dry_run;       /* check and compare; store nothing */
};

/* The file's entries recorded in register k (store_reg_record):
 * versions[i] (allocated, f's count) says which version each became, 0
 * unchanged. 0 imported; 2 the file has problems, or corrects an entry
 * without a reason (err says which; nothing stored); 1 the store failed. */
int reg_file_import(struct store *s, enum reg_kind k, const char *path,
                    const struct reg_file_options *o, const struct audit_origin *by,
                    struct reg_file *f, int **versions, struct buf *err);

#endif
