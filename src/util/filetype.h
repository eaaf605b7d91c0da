/*
 * filetype.h - what an uploaded file is, decided by its bytes.
 *
 * The staff side takes supporting papers (PDF) and the spreadsheets later
 * registers import (XLSX, CSV). A browser's file name and Content-Type are
 * the sender's claims; the bytes are what will be stored and served. So
 * the kind is read from the content alone: a PDF starts "%PDF-1." or
 * "%PDF-2."; an XLSX is a zip archive (read by libzip from memory) holding
 * [Content_Types].xml and xl/workbook.xml; a CSV is UTF-8 text with no
 * control characters but tab, CR and LF that does not start with '<'
 * (markup). Anything else is refused; so is a file whose name claims
 * another of the three kinds (file_kind_named). A
 * file is then only ever served as the one media type its kind has, with
 * nosniff, so no upload can become a page a browser runs.
 */
#ifndef PEEL_UTIL_FILETYPE_H
#define PEEL_UTIL_FILETYPE_H

#include <stddef.h>

enum file_kind { FILE_UNKNOWN, FILE_PDF, FILE_XLSX, FILE_CSV };

enum file_kind file_kind_of(const void *bytes, size_t n);
/* "pdf", "xlsx", "csv" (NULL for FILE_UNKNOWN). */
const char *file_kind_word(enum file_kind k);
/* The one media type a kind is served as. */
const char *file_kind_media_type(enum file_kind k);
/* The kind a file name's extension claims (".pdf", ".xlsx", ".csv", any
 * case); FILE_UNKNOWN for none of them. */
enum file_kind file_kind_named(const char *name);
/* The kind a word names (file_kind_word's); FILE_UNKNOWN for none. */
enum file_kind file_kind_parse(const char *word);

#endif
