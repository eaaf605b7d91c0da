/*
 * sources.c - files, folders and zip archives as CSV streams (see sources.h).
 */
#include "ingest/sources.h"
#include "util/mem.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

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

static int find_in_zip(const char *path, struct source_list *list, struct buf *err)
{
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        buf_printf(err, "%s%s: cannot read zip archive: %s", err->len ? "\n" : "", path,
                   zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return 1;
    }
    size_t first = list->count;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            continue;
        const char *base = strrchr(st.name, '/');
        base = base ? base + 1 : st.name;
        /* macOS adds resource forks ("__MACOSX/._x.csv") that are not CSV */
        if (!ends_with(st.name, ".csv") || strncmp(st.name, "__MACOSX/", 9) == 0 || base[0] == '.')
            continue;
        add(list, path, st.name, i, (st.valid & ZIP_STAT_SIZE) ? st.size : 0);
    }
    zip_close(z);
    qsort(list->items + first, list->count - first, sizeof *list->items, cmp_member);
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int find(const char *path, struct source_list *list, bool explicit, struct buf *err);

static int find_in_dir(const char *path, struct source_list *list, struct buf *err)
{
    DIR *d = opendir(path);
    if (!d) {
        buf_printf(err, "%s%s: cannot open folder: %s", err->len ? "\n" : "", path,
                   strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_name);
    /* An unreadable entry is reported and the walk goes on: one bad file
     * must not hide the others. */
    int failed = 0;
    struct buf child = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_reset(&child);
        buf_printf(&child, "%s/%s", path, names[i]);
        failed += find(child.p, list, false, err);
        free(names[i]);
    }
    free(names);
    buf_free(&child);
    return failed;
}

/* Inside folders only .csv and .zip files are taken (a folder may hold
 * notes and licences); a file named on the command line is always read. */
static int find(const char *path, struct source_list *list, bool explicit, struct buf *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        buf_printf(err, "%s%s: %s", err->len ? "\n" : "", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode))
        return find_in_dir(path, list, err);
    if (!S_ISREG(st.st_mode)) {
        if (explicit)
            buf_printf(err, "%s%s: not a regular file or folder", err->len ? "\n" : "", path);
        return explicit ? 1 : 0;
    }
    if (!explicit && !ends_with(path, ".csv") && !ends_with(path, ".zip"))
        return 0;
    if (is_zip(path))
        return find_in_zip(path, list, err);
    add(list, path, NULL, -1, (unsigned long long)st.st_size);
    return 0;
}

int sources_find(const char *path, struct source_list *list, struct buf *err)
{
    size_t before = list->count;
    int failed = find(path, list, true, err);
    if (failed == 0 && list->count == before) {
        buf_printf(err, "%s%s: no .csv or .zip files found", err->len ? "\n" : "", path);
        failed = 1;
    }
    return failed;
}

struct source_stream {
    int fd;
    zip_t *zip;
    zip_file_t *member;
    struct sha256 digest; /* of every byte handed to the reader: one pass over the file */
};

struct source_stream *source_open(const struct source *src, struct buf *err)
{
    struct source_stream *s = xcalloc(1, sizeof *s);
    s->fd = -1;
    sha256_init(&s->digest);
    if (!src->member) {
        s->fd = open(src->path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            buf_printf(err, "%s: cannot open: %s", src->path, strerror(errno));
            free(s);
            return NULL;
        }
        posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        return s;
    }
    int code = 0;
    s->zip = zip_open(src->path, ZIP_RDONLY, &code);
    if (s->zip)
        s->member = zip_fopen_index(s->zip, (zip_uint64_t)src->index, 0);
    if (!s->member) {
        buf_printf(err, "%s:%s: cannot read from the archive: %s", src->path, src->member,
                   s->zip ? zip_strerror(s->zip) : "cannot open archive");
        source_close(s);
        return NULL;
    }
    return s;
}

ssize_t source_read(void *stream, char *buf, size_t n)
{
    struct source_stream *s = stream;
    if (s->member) {
        zip_int64_t got = zip_fread(s->member, buf, n);
        if (got < 0)
            errno = EIO;
        else
            sha256_update(&s->digest, buf, (size_t)got);
        return (ssize_t)got;
    }
    for (;;) {
        ssize_t got = read(s->fd, buf, n);
        if (got >= 0)
            sha256_update(&s->digest, buf, (size_t)got);
        if (got >= 0 || errno != EINTR)
            return got;
    }
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
    if (s->zip)
        zip_discard(s->zip);
    if (s->fd >= 0)
        close(s->fd);
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
