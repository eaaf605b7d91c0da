/*
 * allegation_file.h - the allegation categories a force's complaints are
 * recorded under, read from a CSV file (code,label), so that the scheme is
 * data and a change to it is a new file, not a new peel.
 *
 * The first line is the header "code,label"; each row a code (1..16 of
 * A-Z, 0-9 and '-', unique in the file) and its label (1..200 bytes).
 * Every row is checked before any is used, and every problem reported (up
 * to 20) as "FILE:LINE: FIELD: ...". At most 64 KiB, 500 rows.
 */
#ifndef PEEL_INGEST_ALLEGATION_FILE_H
#define PEEL_INGEST_ALLEGATION_FILE_H

#include <stddef.h>

#include "util/buf.h"

#define ALLEGATION_FILE_MAX (64u * 1024)
#define ALLEGATION_ROWS_MAX 500

struct allegation_row {
    char *code, *label;
};

struct allegation_list {
    struct allegation_row *rows;
    size_t n;
};

/* Reads the file at path into out. 0, or -1 with every problem in err
 * (out then empty). */
int allegation_file_read(const char *path, struct allegation_list *out, struct buf *err);
void allegation_list_free(struct allegation_list *l);

#endif
