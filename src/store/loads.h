/*
 * loads.h - the record of every file loaded into the store's lookups,
 * populations, plans and metric values (`peel import-areas`, `peel
 * import-population`, `peel plan load`, `peel metric load`): its path,
 * the SHA-256 and size of its bytes, the rows it gave, who loaded it, when,
 * and by which command. Every rate per 1,000 residents rests on a lookup
 * and a population file, and every judged metric on a plan: this says
 * which file, exactly.
 *
 * A record is written by the loader in the same transaction as what it
 * loaded, so a load that is rolled back leaves no record, and nothing is
 * loaded without one; records are append-only (migration 9). police.uk
 * files and Home Office tables keep their own records (source_file,
 * prc_load).
 */
#ifndef PEEL_STORE_LOADS_H
#define PEEL_STORE_LOADS_H

#include <stdint.h>

#include "store/store.h"

/* Who loads, and by which command ("peel import-areas --where ... FILE");
 * either NULL when not known (a test, a fuzz target). */
struct load_origin {
    const char *command, *user;
};

struct data_load {
    const char *kind;   /* "areas", "population", "force-population", "plan", "metric-values" */
    const char *path;   /* absolute when it could be resolved */
    const char *sha256; /* of the file's bytes, as sha256sum prints it */
    int64_t bytes, rows;
    const char *detail; /* the groupings loaded, the plan's version; NULL */
    struct load_origin origin;
    const char *loaded_at; /* read back only: "YYYY-MM-DDTHH:MM:SSZ" */
};

/* Records a load, inside the loader's transaction. 0, or -1 with err. */
int store_data_load_record(struct store *s, const struct data_load *l, struct buf *err);

/* Every load recorded, newest first. l's strings are valid during the
 * call only. */
typedef void (*data_load_fn)(void *arg, const struct data_load *l);
int store_data_loads(struct store *s, data_load_fn fn, void *arg, struct buf *err);

#endif
