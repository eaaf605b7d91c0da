/*
 * table_file.c - CSV or XLSX rows behind one reader (see table_file.h).
 */
#include "ingest/table_file.h"
#include "ingest/xlsx.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

struct table_reader {
    struct csv_memory src;
    struct csv_reader *csv;
    struct xlsx_reader *xlsx;
};

/* A zip archive's local file header: what every .xlsx starts with. */
static bool zip_bytes(const struct buf *b)
{
    return b->len >= 4 && memcmp(b->p, "PK\x03\x04", 4) == 0;
}

struct table_reader *table_open(const char *path, const struct buf *bytes, const char *sheet,
                                struct buf *err)
{
    struct table_reader *t = xcalloc(1, sizeof *t);
    if (zip_bytes(bytes)) {
        t->xlsx = xlsx_reader_open(path, bytes->p, bytes->len, sheet, err);
        if (!t->xlsx) {
            free(t);
            return NULL;
        }
    } else {
        t->src = (struct csv_memory){bytes->len ? bytes->p : "", bytes->len};
        t->csv = csv_open(csv_read_memory, &t->src);
    }
    return t;
}

int table_next(struct table_reader *t, struct csv_record *rec)
{
    return t->xlsx ? xlsx_reader_next(t->xlsx, rec) : csv_next(t->csv, rec);
}

bool table_is_xlsx(const struct table_reader *t)
{
    return t->xlsx != NULL;
}

void table_close(struct table_reader *t)
{
    if (!t)
        return;
    if (t->xlsx)
        xlsx_reader_close(t->xlsx);
    else
        csv_close(t->csv);
    free(t);
}
