/*
 * filetype.c - a file's kind from its bytes (see filetype.h).
 */
#include "util/filetype.h"
#include "util/utf8.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

static bool is_pdf(const char *b, size_t n)
{
    return n >= 8 && (memcmp(b, "%PDF-1.", 7) == 0 || memcmp(b, "%PDF-2.", 7) == 0);
}

/* A zip archive with the parts every XLSX workbook has. libzip reads the
 * central directory from the buffer, without copying it. */
static bool is_xlsx(const void *b, size_t n)
{
    if (n < 4 || memcmp(b, "PK\x03\x04", 4) != 0)
        return false;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = zip_source_buffer_create(b, n, 0, &error);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error) : NULL;
    bool ok = z && zip_name_locate(z, "[Content_Types].xml", 0) >= 0 &&
              zip_name_locate(z, "xl/workbook.xml", 0) >= 0;
    if (z)
        zip_discard(z); /* frees src too */
    else if (src)
        zip_source_free(src);
    zip_error_fini(&error);
    return ok;
}

/* Text, and not markup: an HTML or XML file is text too, and a CSV never
 * starts with '<'. */
static bool is_csv(const char *b, size_t n)
{
    size_t lead = 0;
    while (lead < n && (b[lead] == ' ' || b[lead] == '\t' || b[lead] == '\r' || b[lead] == '\n'))
        lead++;
    if (lead == n || b[lead] == '<')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
            return false;
    }
    long line, column;
    return utf8_valid(b, n, &line, &column);
}

enum file_kind file_kind_of(const void *bytes, size_t n)
{
    if (is_pdf(bytes, n))
        return FILE_PDF;
    if (is_xlsx(bytes, n))
        return FILE_XLSX;
    if (is_csv(bytes, n))
        return FILE_CSV;
    return FILE_UNKNOWN;
}

static const struct {
    const char *word, *media;
} kinds[] = {
    [FILE_UNKNOWN] = {NULL, "application/octet-stream"},
    [FILE_PDF] = {"pdf", "application/pdf"},
    [FILE_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    [FILE_CSV] = {"csv", "text/csv; charset=utf-8"},
};

const char *file_kind_word(enum file_kind k)
{
    return (unsigned)k <= FILE_CSV ? kinds[k].word : NULL;
}

const char *file_kind_media_type(enum file_kind k)
{
    return (unsigned)k <= FILE_CSV ? kinds[k].media : kinds[FILE_UNKNOWN].media;
}

enum file_kind file_kind_parse(const char *word)
{
    for (int k = FILE_PDF; word && k <= FILE_CSV; k++)
        if (strcmp(word, kinds[k].word) == 0)
            return (enum file_kind)k;
    return FILE_UNKNOWN;
}

enum file_kind file_kind_named(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    for (int k = FILE_PDF; dot && k <= FILE_CSV; k++)
        if (strcasecmp(dot + 1, kinds[k].word) == 0)
            return (enum file_kind)k;
    return FILE_UNKNOWN;
}
