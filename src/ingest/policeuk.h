/*
 * policeuk.h - the three data.police.uk archive file kinds and their rows.
 *
 * A file's kind is recognised from its header line, never from its name:
 * files get renamed, and a name says nothing about the columns. Each row is
 * checked here, before anything is stored, so that a bad row is quarantined
 * with the column it failed on rather than half-stored.
 */
#ifndef PEEL_POLICEUK_H
#define PEEL_POLICEUK_H

#include "ingest/csv.h"
#include "store/rows.h"

enum pu_kind { PU_UNKNOWN, PU_STREET, PU_OUTCOMES, PU_STOP_SEARCH };

#define PU_STREET_COLUMNS      12
#define PU_OUTCOMES_COLUMNS    10
#define PU_STOP_SEARCH_COLUMNS STOP_SEARCH_COLUMNS

enum pu_kind pu_recognise(const struct csv_record *header);
const char *pu_kind_name(enum pu_kind kind); /* "street", "outcomes", "stop-and-search" */
size_t pu_kind_columns(enum pu_kind kind);
/* The expected header, comma-separated, for error messages. */
const char *pu_kind_header(enum pu_kind kind);

/* Why a row was refused: the column (NULL for the whole row) and a reason. */
struct pu_problem {
    const char *column;
    char reason[160];
};

/* Each returns true for a good row, or false with *why filled in. */
bool pu_parse_street(const struct csv_record *rec, struct street_row *out, struct pu_problem *why);
bool pu_parse_outcome(const struct csv_record *rec, struct outcome_row *out,
                      struct pu_problem *why);
bool pu_parse_stop_search(const struct csv_record *rec, struct stop_search_row *out,
                          struct pu_problem *why);

/* A record that is nothing but a line end (some files end with one). */
bool pu_blank_record(const struct csv_record *rec);

#endif
