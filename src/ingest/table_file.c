/*
 * table_file.c - CSV or XLSX rows behind one reader (see table_file.h).
 */
#include "ingest/table_file.h"
#include "ingest/xlsx.h"
#include "model/calendar.h"
#include "util/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

void table_header_key(const char *name, char *out, size_t n)
{
    size_t o = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 2 < n; p++) {
        if (isalnum(*p) && *p < 0x80) {
            if (space && o > 0)
                out[o++] = ' ';
            out[o++] = (char)tolower(*p);
            space = false;
        } else {
            space = true;
        }
    }
    out[o] = '\0';
}

int table_column_of(const char *key, const char *const *aliases, int ncols, int width)
{
    for (int k = 0; k < ncols; k++)
        for (int a = 0; a < width && aliases[k * width + a]; a++)
            if (strcmp(key, aliases[k * width + a]) == 0)
                return k;
    return -1;
}

bool table_date(const char *text, int min_year, char out[11])
{
    return date_text_iso(text, min_year, out);
}

bool table_file_read(const char *path, long long max_bytes, struct buf *bytes, struct buf *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size > max_bytes) {
        buf_printf(err, "%s: %lld bytes, over the limit of %lld: split the file\n", path,
                   (long long)sb.st_size, max_bytes);
        return false;
    }
    return buf_read_file(bytes, path, err);
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

int table_party(const char *text)
{
    static const char *const pcc[] = {"pcc", "opcc", "commissioner",
                                      "police and crime commissioner", "pfcc"};
    static const char *const force[] = {"force", "chief constable", "cc", "police", "constabulary"};
    for (size_t i = 0; i < sizeof pcc / sizeof pcc[0]; i++)
        if (strcasecmp(text, pcc[i]) == 0)
            return 0;
    for (size_t i = 0; i < sizeof force / sizeof force[0]; i++)
        if (strcasecmp(text, force[i]) == 0)
            return 1;
    return -1;
}

/* An org-id (org-id.guide): a list's code, GB-COH or XI-IATI, then the
 * organisation's identifier in it: "GB-COH-01234567". */
bool table_org_id(const char *id)
{
    const char *dash = strchr(id, '-'), *second = dash ? strchr(dash + 1, '-') : NULL;
    if (!second || dash - id != 2 || second - dash < 3 || !second[1])
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              (p > second && ((*p >= 'a' && *p <= 'z') || *p == '.' || *p == '/'))))
            return false;
    return true;
}
