/*
 * report_folder.c - a report folder read whole, for publishing (see
 * report_folder.h).
 *
 * The folder is read through its report.json alone: the list of files is
 * report.json's, never the folder's, so a file dropped in beside a report
 * (or a link to /etc/passwd) is not published. Each file is checked with
 * lstat and opened with O_NOFOLLOW, then checked again on the open file
 * (fstat: the same inode, still a regular file), so it cannot be swapped
 * for a link between the check and the read.
 */
#include "report/report_folder.h"
#include "report/report_kind.h"
#include "util/mem.h"
#include "util/month.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST "report.json"

bool report_file_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 100 || name[0] == '.')
        return false;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '_' || *c == '-'))
            return false;
    return true;
}

/* The kinds that may be published, and whether each is for a financial
 * year (YYYY-YY) or a month (YYYY-MM). */
static const struct {
    const struct report_kind *kind;
    bool yearly;
} publishable[] = {{&report_governance, false},
                   {&report_annual, true},
                   {&report_public, false},
                   {&report_complaints, true}};

/* A period written exactly as Peel writes it: parsed, then formatted back. */
static bool canonical_period(const char *period, bool yearly)
{
    _Static_assert(FY_TEXT_SIZE <= MONTH_TEXT_SIZE, "a year's text fits a month's");
    char back[MONTH_TEXT_SIZE] = "";
    int v;
    if (yearly && fy_parse(period, &v))
        fy_format(v, back);
    else if (!yearly && month_parse(period, strlen(period), &v))
        month_format(v, back);
    return back[0] && strcmp(back, period) == 0;
}

bool report_kind_period_ok(const char *kind, const char *period, struct buf *err)
{
    for (size_t i = 0; i < sizeof publishable / sizeof publishable[0]; i++) {
        if (strcmp(kind, publishable[i].kind->name) != 0)
            continue;
        if (canonical_period(period, publishable[i].yearly))
            return true;
        buf_puts(err, "period '");
        buf_put_escaped(err, period);
        buf_printf(err, "': %s reports are for %s", kind,
                   publishable[i].yearly ? "a financial year, YYYY-YY" : "a month, YYYY-MM");
        return false;
    }
    buf_puts(err, "kind '");
    buf_put_escaped(err, kind);
    buf_puts(err, "' is not a report Peel writes (governance, annual, public or complaints)");
    return false;
}

/* Why the file at path (lstat'ed into st) may not be read, or NULL. */
static const char *refusal(const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return "a symbolic link: refused (a report's files are its own)";
    if (!S_ISREG(st->st_mode))
        return "not a regular file: refused";
    if (st->st_nlink != 1)
        return "a hard link to another file: refused (a report's files are its own)";
    if ((unsigned long long)st->st_size > REPORT_FILE_MAX)
        return "larger than 256 MiB: not a report's file";
    return NULL;
}

/* Reads fd to its end, at most REPORT_FILE_MAX + 1 bytes. */
static bool read_all(int fd, struct buf *out)
{
    char chunk[65536];
    ssize_t got;
    size_t total = 0;
    while (total <= REPORT_FILE_MAX && (got = read(fd, chunk, sizeof chunk)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return false;
        buf_append(out, chunk, (size_t)got);
        total += (size_t)got;
    }
    return true;
}

/* Reads the file at path into out; NULL, or why not. */
static const char *read_checked(const char *path, struct buf *out)
{
    struct stat before, opened;
    if (lstat(path, &before) != 0)
        return strerror(errno);
    const char *why = refusal(&before);
    int fd = why ? -1 : open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (why || fd < 0)
        return why ? why : strerror(errno);
    bool ok = fstat(fd, &opened) == 0;
    if (ok && (opened.st_dev != before.st_dev || opened.st_ino != before.st_ino))
        why = "changed while it was being read: refused";
    else if (ok && (why = refusal(&opened)) == NULL)
        ok = read_all(fd, out);
    int saved = errno;
    close(fd);
    if (!ok)
        return strerror(saved);
    return why || out->len <= REPORT_FILE_MAX ? why : "larger than 256 MiB: not a report's file";
}

bool report_file_read(const char *dir, const char *name, struct buf *out, struct buf *err)
{
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    const char *why = read_checked(path.p, out);
    if (why)
        buf_printf(err, "%s: %s", path.p, why);
    buf_free(&path);
    return why == NULL;
}

/* ---- report.json ------------------------------------------------------------ */

/* One entry of report.json's "files": its name, and the SHA-256 report.json
 * records for it (NULL for report.json itself, which cannot hold its own). */
static bool manifest_entry(const char *path, size_t i, json_t *e, const char **name,
                           const char **sha256, struct buf *err)
{
    *name = *sha256 = NULL;
    json_unpack(e, "{s:s, s?s}", "name", name, "sha256", sha256);
    bool self = *name && strcmp(*name, MANIFEST) == 0;
    if (!*name)
        buf_printf(err,
                   "%s: files[%zu]: not an object with a \"name\" and a \"sha256\" (report.json "
                   "from an older peel? write the report again with peel report)",
                   path, i);
    else if (!report_file_name_ok(*name)) {
        buf_printf(err, "%s: files[%zu]: name '", path, i);
        buf_put_escaped(err, *name);
        buf_puts(err, "' is not a plain file name (letters, digits, '.', '_', '-'; no leading "
                      "'.'): refused");
    } else if (!self && (!*sha256 || strlen(*sha256) != SHA256_HEX_SIZE - 1))
        buf_printf(err,
                   "%s: files[%zu]: %s has no \"sha256\" (report.json from an older peel: "
                   "write the report again with peel report)",
                   path, i, *name);
    return err->len == 0;
}

/* Appends one file to f: its bytes, read safely, with their SHA-256. */
static void add_file(struct report_folder *f, const char *name, struct buf *contents)
{
    size_t i = f->n++;
    f->files = xrealloc(f->files, f->n * sizeof *f->files);
    f->contents = xrealloc(f->contents, f->n * sizeof *f->contents);
    f->hashes = xrealloc(f->hashes, f->n * sizeof *f->hashes);
    f->contents[i] = *contents;
    *contents = (struct buf)BUF_INIT;
    sha256_of(buf_str(&f->contents[i]), f->contents[i].len, f->hashes[i]);
    /* sha256 and bytes are pointed at once every file is read (the arrays
     * move as they grow): report_folder_read */
    f->files[i] = (struct publication_file){.name = xstrdup(name), .size = f->contents[i].len};
}

static bool listed_twice(const struct report_folder *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->files[i].name, name) == 0)
            return true;
    return false;
}

/* Reads each file report.json lists (other than itself) into f, checking
 * its bytes against the SHA-256 listed. */
static bool read_listed(const char *dir, const char *path, json_t *files, struct report_folder *f,
                        struct buf *err)
{
    size_t i;
    json_t *e;
    json_array_foreach(files, i, e)
    {
        const char *name, *want;
        if (!manifest_entry(path, i, e, &name, &want, err))
            return false;
        if (strcmp(name, MANIFEST) == 0)
            continue; /* read first, by report_folder_read */
        if (listed_twice(f, name)) {
            buf_printf(err, "%s: files[%zu]: %s is listed twice", path, i, name);
            return false;
        }
        struct buf bytes = BUF_INIT;
        if (!report_file_read(dir, name, &bytes, err)) {
            buf_puts(err, " (report.json lists it)");
            buf_free(&bytes);
            return false;
        }
        add_file(f, name, &bytes);
        if (strcmp(f->hashes[f->n - 1], want) != 0) {
            buf_printf(err,
                       "%s/%s: its bytes are not those report.json lists (sha256 %.16s..., "
                       "now %.16s...): changed since peel report wrote it, refused",
                       dir, name, want, f->hashes[f->n - 1]);
            return false;
        }
    }
    if (f->n == 1)
        buf_printf(err, "%s: lists no files: nothing to publish", path);
    return f->n > 1;
}

/* report.json: the kind, the period and the files, all checked. */
static bool read_manifest(const char *dir, struct report_folder *f, struct buf *err)
{
    struct buf text = BUF_INIT, path = BUF_INIT, why = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, MANIFEST);
    bool ok = report_file_read(dir, MANIFEST, &text, err);
    json_error_t je;
    json_t *m = ok ? json_loadb(buf_str(&text), text.len, 0, &je) : NULL;
    const char *kind = NULL, *period = NULL;
    json_t *files = NULL;
    if (ok && !m)
        buf_printf(err, "%s:%d: %s (a report folder is made by peel report)", path.p, je.line,
                   je.text);
    else if (ok && json_unpack(m, "{s:s, s:s, s:o}", "kind", &kind, "period", &period, "files",
                               &files) != 0)
        buf_printf(err, "%s: no kind, period and files (a report folder is made by peel report)",
                   path.p);
    else if (ok && !json_is_array(files))
        buf_printf(err, "%s: \"files\" is not a list", path.p);
    else if (ok && !report_kind_period_ok(kind, period, &why))
        buf_printf(err, "%s: %s", path.p, why.p);
    buf_free(&why);
    ok = ok && err->len == 0;
    if (ok) {
        f->kind = xstrdup(kind);
        f->period = xstrdup(period);
        add_file(f, MANIFEST, &text);
        ok = read_listed(dir, path.p, files, f, err);
    }
    json_decref(m);
    buf_free(&text);
    buf_free(&path);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct publication_file *)a)->name,
                  ((const struct publication_file *)b)->name);
}

bool report_folder_read(const char *dir, struct report_folder *f, struct buf *err)
{
    *f = (struct report_folder){0};
    if (!read_manifest(dir, f, err))
        return false;
    for (size_t i = 0; i < f->n; i++) { /* now that the arrays no longer move */
        f->files[i].sha256 = f->hashes[i];
        f->files[i].bytes = buf_str(&f->contents[i]);
    }
    /* Each file entry points at its own hash and bytes, so sorting the
     * entries alone keeps every pointer right. */
    qsort(f->files, f->n, sizeof *f->files, by_name);
    publication_hash(f->files, f->n, f->sha256);
    return true;
}

void report_folder_free(struct report_folder *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free((char *)f->files[i].name);
        buf_free(&f->contents[i]);
    }
    free(f->files);
    free(f->contents);
    free(f->hashes);
    free(f->kind);
    free(f->period);
}
