/*
 * pipeline.h - the reading half of `peel import`, on its own thread.
 *
 * An import is two chains of work of about the same size: reading, hashing,
 * splitting and checking the rows (sources, csv, policeuk), and writing them
 * into SQLite (store/import.c). One core did both in turn; here the reading
 * runs on a second thread, a few batches of rows ahead of the thread that
 * writes, so that on two cores the import takes the time of the longer chain
 * rather than the sum of both.
 *
 * The writer sees exactly what one thread would: the files in list order,
 * each file's rows in file order, each a checked row or a quarantined one
 * with its line and raw bytes. A batch owns copies of its rows' text (a CSV
 * record points into the reader's buffer, which the next read overwrites).
 * Memory is bounded: PIPE_BATCHES batches of at most PIPE_BATCH_ROWS rows,
 * allocated once and recycled, whatever the size of a file, the pieces of
 * download rows they carry (bounded as store/export_ahead.h says), and two
 * files read whole to be hashed together, of at most 8 MiB each
 * (PIPE_PAIR_MAX in pipeline.c).
 */
#ifndef PEEL_INGEST_PIPELINE_H
#define PEEL_INGEST_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/policeuk.h"
#include "ingest/sources.h"
#include "store/export_ahead.h"
#include "store/import.h"
#include "util/buf.h"
#include "util/sha256.h"

enum pipe_row_kind { PIPE_STREET, PIPE_OUTCOME, PIPE_STOP_SEARCH, PIPE_QUARANTINE };

/* A quarantined row: why, and its bytes as read. */
struct pipe_bad_row {
    const char *column; /* NULL: the whole row */
    const char *reason;
    const char *raw;
    size_t rawlen;
};

struct pipe_row {
    long line;
    enum pipe_row_kind what;
    /* a stored row's values worked out on the reading thread
     * (store_prepare_street, store_intern_street and the like), a street
     * crime's download row head in the batch's csv */
    struct store_row_prep prep;
    size_t csv_off; /* of prep.csv_head in the batch's csv, while it grows */
    union {
        struct street_row street;
        struct outcome_row outcome;
        struct stop_search_row search;
        struct pipe_bad_row bad;
    } u;
};

/* Rows of one file, in order. A file's first batch says whether it was
 * recognised; its last says how the reading ended. A file refused at its
 * header is one batch, first and last, with no rows. */
struct pipe_batch {
    size_t file; /* index in the source list */
    bool first, last;
    bool recognised;              /* first: the header was read and known */
    enum pu_kind kind;            /* first */
    const char *force;            /* first, stop-and-search: whose rows they are */
    struct buf error;             /* first: why the file is refused; last: its read error */
    char sha256[SHA256_HEX_SIZE]; /* last, without error: of the file's bytes */
    struct pipe_row *rows;
    size_t nrows;
    char *arena; /* the rows' text */
    size_t used;
    struct buf csv;               /* the street rows' download row heads (prep.csv_head) */
    struct export_shipped pieces; /* download rows packed, each before its row */
};

struct pipeline;

/* How to read. */
struct pipe_options {
    const char *force;                 /* stop-and-search rows' (--force), or NULL:
                                          taken from each file's name */
    const struct store_crime_csv *csv; /* download row heads (store_prepare_street), or NULL */
    int jobs;                          /* 1 reads on the caller's thread when it asks for a batch; 0
                                          uses a second thread when the machine has two cores or more */
};

/* Starts reading list (which must outlive the pipeline) at its file first.
 * interner: interns the rows' values as they are read (store/import.h),
 * used by the pipeline alone until pipeline_stop; or NULL. */
struct pipeline *pipeline_start(const struct source_list *list, size_t first,
                                const struct pipe_options *opt, struct store_interner *interner);
/* Whether reading with jobs (pipe_options.jobs) takes a second thread. */
bool pipeline_wants_thread(int jobs);
/* The next batch, in order, valid until the next call (which hands it back
 * for reuse); NULL when every file has been read. */
const struct pipe_batch *pipeline_next(struct pipeline *p);
/* Stops the reading, whether or not it has finished (a writer that failed
 * stops it half-way), waits for its thread and frees everything. */
void pipeline_stop(struct pipeline *p);

#endif
