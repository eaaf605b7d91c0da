/*
 * staff_uploads.c - files on the staff side: a decision's supporting
 * paper uploaded (multipart), its kind read from its bytes
 * (util/filetype.h), stored by SHA-256 (store/uploads.h) and attached to
 * the decision's current version; and any upload read back by staff.
 */
#include "store/uploads.h"
#include "util/filetype.h"
#include "util/html.h"
#include "util/utf8.h"
#include "web/page.h"
#include "web/staff.h"
#include "web/staff_decision_form.h"

#include <stdio.h>
#include <string.h>

void decision_upload_form(struct buf *b, const struct staff_request *sq, const char *ref)
{
    char slug[DECISION_SLUG_SIZE];
    decision_ref_slug(ref, slug);
    buf_puts(b, "<h3>Add a supporting document</h3>\n<p>A PDF, XLSX or CSV file of at most 20 "
                "MiB. What it is is read from its content, not its name.</p>\n"
                "<form method=\"post\" class=\"staff-form\" enctype=\"multipart/form-data\" "
                "action=\"/staff/decisions/");
    html_escape(b, slug);
    buf_puts(b, "/document\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p><label for=\"doc-file\">File</label>\n<input id=\"doc-file\" name=\"file\" "
                "type=\"file\" required accept=\".pdf,.xlsx,.csv\"></p>\n"
                "<p><label for=\"doc-name\">Name (optional: else the file&#39;s)</label>\n"
                "<input id=\"doc-name\" name=\"name\" maxlength=\"200\"></p>\n"
                "<p><input id=\"doc-public\" name=\"public\" type=\"checkbox\" value=\"yes\"> "
                "<label for=\"doc-public\" class=\"inline\">Publish it with the decision</label>"
                "</p>\n<p><button type=\"submit\">Add the document</button></p>\n</form>\n");
}

/* A name to keep for the file: the one typed, else the file's own (its
 * last path part: browsers send only that, older ones the whole path),
 * when it is clean text of at most 200 bytes; else "document.KIND". */
static void file_name(const struct web_form *f, const struct web_field *file, enum file_kind k,
                      char out[201])
{
    const char *typed = web_form_value(f, "name");
    const char *sent = file->filename ? file->filename : "";
    const char *slash = strrchr(sent, '/'), *back = strrchr(sent, '\\');
    sent = back && back > slash ? back + 1 : slash ? slash + 1 : sent;
    const char *name = typed && *typed ? typed : sent;
    size_t n = strlen(name);
    long line, column;
    bool clean = n > 0 && n <= 200 && utf8_valid(name, n, &line, &column);
    for (size_t i = 0; clean && i < n; i++)
        clean = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
    if (clean)
        snprintf(out, 201, "%s", name);
    else
        snprintf(out, 201, "document.%s", file_kind_word(k));
}

void staff_decision_document(struct staff_request *sq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    if (!decision_form_ref(sq, rs, ref))
        return;
    const struct web_field *file = web_form_file(sq->form, "file");
    if (!file || file->len == 0) {
        page_error(sq->rq, rs, 400, "Choose a file to add.");
        return;
    }
    enum file_kind k = file_kind_of(file->value, file->len);
    enum file_kind claimed = file_kind_named(file->filename);
    if (k == FILE_UNKNOWN || (claimed != FILE_UNKNOWN && claimed != k)) {
        page_error(sq->rq, rs, 415,
                   "This file is not a PDF, an XLSX workbook or a CSV file, or its content is "
                   "not what its name says: nothing was stored.");
        return;
    }
    char name[201], sha[65];
    file_name(sq->form, file, k, name);
    const char *pub = web_form_value(sq->form, "public");
    struct buf err = BUF_INIT;
    int rc = store_upload_add(sq->store, name, file_kind_word(k), file->value, file->len, &sq->by,
                              sha, &err);
    if (rc >= 0)
        rc = store_decision_document(sq->store, ref, name, NULL, sha,
                                     pub && strcmp(pub, "yes") == 0, &sq->by, &err);
    decision_form_answer(sq, rs, ref, rc, "document", &err);
    buf_free(&err);
}

/* The file as the response: its one media type, as an attachment named
 * with ASCII letters, digits and . _ - only (anything else: "document"),
 * immutable by its SHA-256. */
void upload_response(struct web_response *rs, const struct upload *u)
{
    enum file_kind k = file_kind_parse(u->kind);
    buf_reset(&rs->body);
    buf_append(&rs->body, u->bytes, (size_t)u->size);
    rs->published_file = true; /* as stored, never in the page cache */
    rs->content_type = file_kind_media_type(k);
    snprintf(rs->etag, sizeof rs->etag, "\"%s\"", u->sha256);
    size_t n = strlen(u->name);
    bool plain = n > 0 &&
                 strspn(u->name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789._- ") == n &&
                 u->name[0] != '.';
    if (plain)
        snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", u->name);
    else
        snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"document.%s\"",
                 u->kind);
}

static void staff_file(void *arg, const struct upload *u)
{
    upload_response(arg, u);
}

void staff_upload(struct staff_request *sq, struct web_response *rs)
{
    const char *sha = sq->rq->match->args[0];
    struct buf err = BUF_INIT;
    int rc =
        strlen(sha) == 64 ? store_upload_get(sq->store, sha, staff_file, rs, &err) : UPLOAD_NONE;
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (rc == UPLOAD_NONE)
        page_error(sq->rq, rs, 404, "There is no file with this SHA-256.");
    buf_free(&err);
}
