/*
 * sources.c - files, folders and zip archives as CSV streams (see sources.h).
 */
#include "ingest/sources.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* The room source_slurp adds when a file has grown since its size was
 * taken (its buffer is first sized to the file and one byte more). */
#define SLURP_MORE (256 * 1024)

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static void add(struct source_list *list, const char *path, const char *member, long long index,
                unsigned long long bytes)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 64;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->count++] =
        (struct source){xstrdup(path), member ? xstrdup(member) : NULL, index, bytes};
}

void sources_free(struct source_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].member);
    }
    free(list->items);
    *list = (struct source_list){0};
}

static bool is_zip(const char *path)
{
    unsigned char sig[4];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, sig, sizeof sig);
    close(fd);
    return n == 4 && memcmp(sig, "PK\3\4", 4) == 0;
}

static int cmp_member(const void *a, const void *b)
{
    const struct source *x = a, *y = b;
    return strcmp(x->member, y->member);
}

static void zip_complaint(struct buf *err, const char *path, const char *member)
{
    buf_printf(err, "%s%s", err->len ? "\n" : "", path);
    if (member) {
        buf_putc(err, ':');
        buf_put_escaped(err, member); /* the archive's own text: one line */
    }
    buf_puts(err, ": ");
}

/* macOS adds resource forks ("__MACOSX/._x.csv") that are not CSV. */
static bool is_csv_member(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return ends_with(name, ".csv") && strncmp(name, "__MACOSX/", 9) != 0 && base[0] != '.';
}

/* A member's declared sizes, judged against the ratio cap: false (with the
 * reason in err) when it is not to be read. */
static bool member_acceptable(const char *path, unsigned long long archive_bytes,
                              const zip_stat_t *st, struct buf *err)
{
    if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE)) {
        zip_complaint(err, path, st->name);
        buf_puts(err, "the archive does not give the member's size");
        return false;
    }
    if (st->comp_size > archive_bytes) {
        zip_complaint(err, path, st->name);
        buf_printf(err, "declares %llu compressed bytes, more than the archive's %llu",
                   (unsigned long long)st->comp_size, archive_bytes);
        return false;
    }
    /* by division: a hostile directory's sizes would overflow a product */
    if (st->size >= SOURCES_ZIP_RATIO_FLOOR &&
        (st->comp_size == 0 || st->size / st->comp_size >= SOURCES_ZIP_MAX_RATIO)) {
        zip_complaint(err, path, st->name);
        buf_printf(err,
                   "%llu bytes compressed to %llu, %d or more times smaller: refused as a "
                   "zip bomb",
                   (unsigned long long)st->size, (unsigned long long)st->comp_size,
                   SOURCES_ZIP_MAX_RATIO);
        return false;
    }
    return true;
}

/* What the CSV members of an archive of archive_bytes may declare in all:
 * SOURCES_ZIP_MAX_RATIO times the archive (many small members, each under
 * the floor, can share one compressed stream: an "overlapping" zip bomb),
 * and never over SOURCES_ZIP_MAX_BYTES. */
static unsigned long long archive_limit(unsigned long long archive_bytes)
{
    unsigned long long cap = SOURCES_ZIP_MAX_BYTES;
    if (archive_bytes < (cap - SOURCES_ZIP_RATIO_FLOOR) / SOURCES_ZIP_MAX_RATIO)
        cap = archive_bytes * SOURCES_ZIP_MAX_RATIO + SOURCES_ZIP_RATIO_FLOOR;
    return cap;
}

static void drop_from(struct source_list *list, size_t first)
{
    for (size_t i = first; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].member);
    }
    list->count = first;
}

/* Adds the archive's CSV members; returns the members refused (each with
 * its line in err). The caps are checked on the central directory, before
 * anything is decompressed. */
static int list_members(zip_t *z, const char *path, unsigned long long archive_bytes,
                        struct source_list *list, struct buf *err)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n > SOURCES_ZIP_MAX_ENTRIES) {
        zip_complaint(err, path, NULL);
        buf_printf(err, "%lld entries, more than the %d Peel reads from one archive", (long long)n,
                   SOURCES_ZIP_MAX_ENTRIES);
        return 1;
    }
    size_t first = list->count;
    unsigned long long total = 0, limit = archive_limit(archive_bytes);
    int refused = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
            !is_csv_member(st.name))
            continue;
        if (!member_acceptable(path, archive_bytes, &st, err)) {
            refused++;
            continue;
        }
        /* each size is under 100 times the archive's: no overflow before the cap */
        total += st.size;
        add(list, path, st.name, i, st.size);
        if (total > limit) {
            drop_from(list, first);
            zip_complaint(err, path, NULL);
            buf_printf(err,
                       "its CSV members declare more than %llu bytes in all (%d times the "
                       "archive's %llu, at most %llu): refused as a zip bomb",
                       limit, SOURCES_ZIP_MAX_RATIO, archive_bytes, SOURCES_ZIP_MAX_BYTES);
            return refused + 1;
        }
    }
    /* qsort of nothing: list->items may still be NULL (UBSan: a zip with no CSV) */
    if (list->count - first > 1)
        qsort(list->items + first, list->count - first, sizeof *list->items, cmp_member);
    return refused;
}

static zip_t *open_archive(const char *path, struct buf *err)
{
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        zip_complaint(err, path, NULL);
        buf_printf(err, "cannot read zip archive: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
    }
    return z;
}

static int find_in_zip(const char *path, unsigned long long archive_bytes, struct source_list *list,
                       struct buf *err)
{
    zip_t *z = open_archive(path, err);
    if (!z)
        return 1;
    int refused = list_members(z, path, archive_bytes, list, err);
    zip_discard(z);
    return refused;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One sources_find: where it adds, where it complains, and the folders
 * already entered. */
struct walk {
    struct source_list *list;
    struct buf *err;
    struct hmap dirs; /* (st_dev, st_ino) of every folder entered */
};

static int find(struct walk *w, const char *path, bool explicit);

/* A folder's entries, sorted, without hidden ones; NULL when unreadable. */
static char **read_names(const char *path, size_t *n, struct buf *err)
{
    DIR *d = opendir(path);
    if (!d) {
        buf_printf(err, "%s%s: cannot open folder: %s", err->len ? "\n" : "", path,
                   strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof *names, cmp_name);
    return names ? names : xcalloc(1, sizeof *names);
}

/* A folder reached again (a symlink to itself or to an ancestor, or two
 * links to one folder) is not entered again: without this, two links to
 * "." make the walk endless. */
static bool first_visit(struct walk *w, const struct stat *st)
{
    struct {
        dev_t dev;
        ino_t ino;
    } key;
    memset(&key, 0, sizeof key); /* padding, hashed with the rest */
    key.dev = st->st_dev;
    key.ino = st->st_ino;
    int fresh;
    hmap_put(&w->dirs, &key, sizeof key, &fresh);
    return fresh;
}

static int find_in_dir(struct walk *w, const char *path)
{
    size_t n;
    char **names = read_names(path, &n, w->err);
    if (!names)
        return 1;
    /* An unreadable entry is reported and the walk goes on: one bad file
     * must not hide the others. */
    int failed = 0;
    struct buf child = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_reset(&child);
        buf_printf(&child, "%s/%s", path, names[i]);
        failed += find(w, child.p, false);
        free(names[i]);
    }
    free(names);
    buf_free(&child);
    return failed;
}

/* Inside folders only .csv and .zip files are taken (a folder may hold
 * notes and licences); a file named on the command line is always read. */
static int find(struct walk *w, const char *path, bool explicit)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        buf_printf(w->err, "%s%s: %s", w->err->len ? "\n" : "", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode))
        return first_visit(w, &st) ? find_in_dir(w, path) : 0;
    if (!S_ISREG(st.st_mode)) {
        if (explicit)
            buf_printf(w->err, "%s%s: not a regular file or folder", w->err->len ? "\n" : "", path);
        return explicit ? 1 : 0;
    }
    if (!explicit && !ends_with(path, ".csv") && !ends_with(path, ".zip"))
        return 0;
    if (is_zip(path))
        return find_in_zip(path, (unsigned long long)st.st_size, w->list, w->err);
    add(w->list, path, NULL, -1, (unsigned long long)st.st_size);
    return 0;
}

int sources_find(const char *path, struct source_list *list, struct buf *err)
{
    size_t before = list->count;
    struct walk w = {list, err, {0}};
    hmap_init(&w.dirs);
    int failed = find(&w, path, true);
    hmap_free(&w.dirs);
    if (failed == 0 && list->count == before) {
        buf_printf(err, "%s%s: no .csv or .zip files found", err->len ? "\n" : "", path);
        failed = 1;
    }
    return failed;
}

/* ---- reading ---------------------------------------------------------- */

struct source_reader {
    char *path; /* the archive held open, or NULL */
    zip_t *zip;
};

struct source_reader *source_reader_new(void)
{
    return xcalloc(1, sizeof(struct source_reader));
}

static void reader_drop_archive(struct source_reader *r)
{
    if (r->zip)
        zip_discard(r->zip);
    free(r->path);
    r->zip = NULL;
    r->path = NULL;
}

void source_reader_free(struct source_reader *r)
{
    if (!r)
        return;
    reader_drop_archive(r);
    free(r);
}

/* The archive at path, opened unless it is the one already open: members
 * come in list order, so an archive is opened once, not once a member
 * (which read its whole central directory each time: 2,000 members took
 * 13.1 s against 0.43 s for the same files unzipped). */
static zip_t *reader_archive(struct source_reader *r, const char *path, struct buf *err)
{
    if (r->zip && strcmp(r->path, path) == 0)
        return r->zip;
    reader_drop_archive(r);
    r->zip = open_archive(path, err);
    if (r->zip)
        r->path = xstrdup(path);
    return r->zip;
}

struct source_stream {
    int fd;
    zip_file_t *member;
    unsigned long long declared, done; /* a member's bytes: as the archive says, as read */
    char error[200];                   /* why the last read failed, or "" */
    struct sha256 digest; /* of every byte handed to the reader: one pass over the file */
    bool unhashed;        /* source_slurp's: its caller hashes the bytes */
};

struct source_stream *source_open(struct source_reader *r, const struct source *src,
                                  struct buf *err)
{
    struct source_stream *s = xcalloc(1, sizeof *s);
    s->fd = -1;
    sha256_init(&s->digest);
    if (!src->member) {
        s->fd = open(src->path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            buf_printf(err, "%s: cannot open: %s", src->path, strerror(errno));
            source_close(s);
            return NULL;
        }
        posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        return s;
    }
    zip_t *z = reader_archive(r, src->path, err);
    if (!z) {
        source_close(s);
        return NULL;
    }
    s->member = zip_fopen_index(z, (zip_uint64_t)src->index, 0);
    s->declared = src->bytes;
    if (!s->member) {
        zip_complaint(err, src->path, src->member);
        buf_printf(err, "cannot read from the archive: %s", zip_strerror(z));
        source_close(s);
        return NULL;
    }
    return s;
}

/* libzip stops at the end of the compressed data, not at the size the
 * archive declares: a member that decompresses to more is stopped here, so
 * the caps judged on the declared sizes hold for the bytes read; one that
 * ends short of it is refused too. */
static ssize_t read_member(struct source_stream *s, char *buf, size_t n)
{
    zip_int64_t got = zip_fread(s->member, buf, n);
    if (got < 0) {
        snprintf(s->error, sizeof s->error, "cannot decompress: %s", zip_file_strerror(s->member));
        errno = EIO;
        return -1;
    }
    if ((unsigned long long)got > s->declared - s->done) {
        snprintf(s->error, sizeof s->error,
                 "decompresses to more than the %llu bytes the archive declares", s->declared);
        errno = EIO;
        return -1;
    }
    if (got == 0 && s->done != s->declared) { /* a truncated member is not a whole file */
        snprintf(s->error, sizeof s->error,
                 "ends after %llu of the %llu bytes the archive declares", s->done, s->declared);
        errno = EIO;
        return -1;
    }
    s->done += (unsigned long long)got;
    if (!s->unhashed)
        sha256_update(&s->digest, buf, (size_t)got);
    return (ssize_t)got;
}

ssize_t source_read(void *stream, char *buf, size_t n)
{
    struct source_stream *s = stream;
    if (s->member)
        return read_member(s, buf, n);
    for (;;) {
        ssize_t got = read(s->fd, buf, n);
        if (got >= 0 && !s->unhashed)
            sha256_update(&s->digest, buf, (size_t)got);
        if (got >= 0 || errno != EINTR)
            return got;
    }
}

/* Whether an open plain file holds at most max bytes by its size now,
 * which goes into *size (source_slurp checks the bytes it reads too). */
static bool file_within(int fd, size_t max, unsigned long long *size)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max)
        return false;
    *size = (unsigned long long)st.st_size;
    return true;
}

bool source_slurp(struct source_reader *r, const struct source *src, size_t max, struct buf *out)
{
    buf_reset(out);
    if (src->member && src->bytes > max)
        return false;
    struct buf ignored = BUF_INIT; /* a stream opened later says it again */
    struct source_stream *s = source_open(r, src, &ignored);
    buf_free(&ignored);
    unsigned long long size = src->member ? src->bytes : 0;
    if (!s || (!s->member && !file_within(s->fd, max, &size))) {
        source_close(s);
        return false;
    }
    s->unhashed = true;
    buf_grow(out, (size_t)size + 1); /* the last read finds the end */
    ssize_t got;
    do {
        if (out->cap - out->len - 1 == 0)
            buf_grow(out, SLURP_MORE);
        got = source_read(s, out->p + out->len, out->cap - out->len - 1);
        if (got > 0)
            out->len += (size_t)got;
    } while (got > 0 && out->len <= max);
    source_close(s);
    if (got != 0 || out->len > max) {
        buf_reset(out);
        return false;
    }
    out->p[out->len] = '\0';
    return true;
}

const char *source_error(const struct source_stream *s)
{
    return s->error[0] ? s->error : NULL;
}

void source_sha256(struct source_stream *s, char hex[SHA256_HEX_SIZE])
{
    sha256_hex(&s->digest, hex);
}

void source_close(struct source_stream *s)
{
    if (!s)
        return;
    if (s->member)
        zip_fclose(s->member);
    if (s->fd >= 0)
        close(s->fd);
    sha256_discard(&s->digest); /* a stream closed before its hash was asked for */
    free(s);
}

void source_describe(const struct source *src, struct buf *out)
{
    buf_puts(out, src->path);
    if (src->member)
        buf_printf(out, ":%s", src->member);
}

const char *source_name(const struct source *src)
{
    const char *name = src->member ? src->member : src->path;
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
}
