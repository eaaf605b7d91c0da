/*
 * report_run.c - the one runner of every kind of report (see
 * report_kind.h): gather, make the folder, write each format, describe
 * the folder in report.json, and say what was written.
 */
#include "report/report_dir.h"
#include "report/report_folder.h"
#include "report/report_kind.h"
#include "render/report_html.h"
#include "store/updated.h"
#include "util/sha256.h"

#include <assert.h>
#include <string.h>

/* What report_write_aside calls for a format that writes its own file. */
struct aside {
    const struct report_format *f;
    struct report_job *j;
};

static int write_aside(void *arg, const char *path, struct buf *err)
{
    struct aside *a = arg;
    return a->f->write(a->j, path, err);
}

/* An HTML page of a report made from generated data says so before
 * anything else, whatever kind of report it is: the banner goes straight
 * after <body>. */
static void mark_synthetic(const char *file, struct buf *data)
{
    size_t n = strlen(file);
    if (n < 5 || strcmp(file + n - 5, ".html") != 0)
        return;
    const char *body = strstr(buf_str(data), "<body");
    const char *end = body ? strchr(body, '>') : NULL;
    if (!end)
        return;
    size_t at = (size_t)(end + 1 - data->p);
    struct buf out = BUF_INIT;
    buf_append(&out, data->p, at);
    buf_puts(&out, "\n");
    report_synthetic_html(&out);
    buf_append(&out, data->p + at, data->len - at);
    buf_free(data);
    *data = out;
}

static int write_format(const struct report_format *f, struct report_job *j, struct buf *err)
{
    assert(!f->text != !f->write); /* one way to write it, not both */
    if (f->write)
        return report_write_aside(j->req->out, f->file, write_aside, &(struct aside){f, j}, err);
    struct buf data = BUF_INIT, path = BUF_INIT;
    int rc = f->text(j, &data, err);
    if (rc == 0 && j->synthetic)
        mark_synthetic(f->file, &data);
    if (rc == 0)
        rc = report_write_file(j->req->out, f->file, &data, &path, err);
    buf_free(&data);
    buf_free(&path);
    return rc;
}

/* One entry of report.json's "files": the file's name and the SHA-256 of
 * its bytes as written (read back from the folder: a library wrote some of
 * them), so that `peel publish` takes exactly these bytes; report.json
 * itself is listed by name alone, as it cannot hold its own hash. NULL
 * with err when the file cannot be read back. */
static json_t *file_entry(const char *dir, const char *name, struct buf *err)
{
    if (strcmp(name, "report.json") == 0)
        return json_pack("{s:s}", "name", name);
    struct buf bytes = BUF_INIT;
    char sha256[SHA256_HEX_SIZE];
    json_t *e = NULL;
    if (report_file_read(dir, name, &bytes, err)) {
        sha256_of(buf_str(&bytes), bytes.len, sha256);
        e = json_pack("{s:s, s:s}", "name", name, "sha256", sha256);
    }
    buf_free(&bytes);
    return e;
}

/* DIR/report.json: what the folder holds, for `peel publish` and for
 * anyone who finds the folder later. */
static int write_manifest(const struct report_kind *k, const struct report_job *j, struct buf *err)
{
    json_t *m = json_pack("{s:s}", "kind", k->name);
    json_t *files = json_array();
    bool ok = m && files;
    for (const char *const *f = j->files; ok && *f; f++)
        ok = json_array_append_new(files, file_entry(j->req->out, *f, err)) == 0;
    if (err->len) { /* a file not read back: not out of memory */
        json_decref(files);
        json_decref(m);
        return -1;
    }
    ok = ok && k->describe(j, m) == 0 &&
         json_object_set_new(m, "generated", json_string(j->generated)) == 0;
    if (ok)
        ok = json_object_set_new(m, "files", files) == 0; /* takes files, even when it fails */
    else
        json_decref(files);
    if (!ok) {
        json_decref(m);
        m = NULL; /* report_write_manifest says out of memory */
    }
    return report_write_manifest(j->req->out, m, err);
}

int report_run(struct store *s, const struct report_kind *k, const struct report_request *req,
               struct buf *summary, struct buf *err)
{
    const char *files[REPORT_MAX_FORMATS + 2];
    size_t n = 0;
    for (; n < REPORT_MAX_FORMATS && k->formats[n].file; n++)
        files[n] = k->formats[n].file;
    files[n] = "report.json";
    files[n + 1] = NULL;
    struct report_job j = {
        .s = s, .req = req, .files = files, .synthetic = s && store_holds_generated(s)};
    report_generated_text(j.generated, sizeof j.generated, j.iso, sizeof j.iso);

    if (k->gather(&j, err) < 0)
        return -1;
    int rc = report_prepare_dir(req->out, req->overwrite, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = write_format(&k->formats[i], &j, err);
    if (rc == 0)
        rc = write_manifest(k, &j, err);
    if (rc == 0)
        k->summary(&j, summary);
    k->free(j.model);
    return rc;
}
