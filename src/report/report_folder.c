/*
 * report_folder.c - a report folder read whole, for publishing (see
 * report_folder.h).
 */
#include "report/report_folder.h"
#include "util/mem.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's regular files, not hidden (a writer's temporary files are). */
static char **list_files(const char *dir, size_t *n, struct buf *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        buf_printf(err, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    char **names = xcalloc(1, sizeof *names); /* never NULL: qsort's base may not be */
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && stat(path.p, &st) == 0 && S_ISREG(st.st_mode)) {
            names = xrealloc(names, (*n + 1) * sizeof *names);
            names[(*n)++] = xstrdup(e->d_name);
        }
        buf_free(&path);
    }
    closedir(d);
    qsort(names, *n, sizeof *names, by_name);
    return names;
}

static bool read_manifest(const char *dir, struct report_folder *f, struct buf *err)
{
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/report.json", dir);
    json_error_t je;
    json_t *m = json_load_file(path.p, 0, &je);
    const char *kind = NULL, *period = NULL;
    if (!m)
        buf_printf(err, "%s:%d: %s (a report folder is made by peel report)", path.p, je.line,
                   je.text);
    else if (json_unpack(m, "{s:s, s:s}", "kind", &kind, "period", &period) != 0)
        buf_printf(err, "%s: no kind and period", path.p);
    if (kind && period) {
        f->kind = xstrdup(kind);
        f->period = xstrdup(period);
    }
    json_decref(m);
    buf_free(&path);
    return f->kind != NULL;
}

bool report_folder_read(const char *dir, struct report_folder *f, struct buf *err)
{
    *f = (struct report_folder){0};
    if (!read_manifest(dir, f, err))
        return false;
    char **names = list_files(dir, &f->n, err);
    if (!names)
        return false;
    f->files = xcalloc(f->n + 1, sizeof *f->files);
    f->contents = xcalloc(f->n + 1, sizeof *f->contents);
    f->hashes = xcalloc(f->n + 1, sizeof *f->hashes);
    struct sha256 all;
    sha256_init(&all);
    bool ok = true;
    for (size_t i = 0; i < f->n; i++) {
        struct buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, names[i]);
        ok = ok && buf_read_file(&f->contents[i], path.p, err);
        struct sha256 one;
        sha256_init(&one);
        sha256_update(&one, buf_str(&f->contents[i]), f->contents[i].len);
        sha256_hex(&one, f->hashes[i]);
        f->files[i] = (struct publication_file){names[i], f->hashes[i], buf_str(&f->contents[i]),
                                                f->contents[i].len};
        sha256_update(&all, names[i], strlen(names[i]) + 1);
        sha256_update(&all, f->hashes[i], SHA256_HEX_SIZE - 1);
        sha256_update(&all, "\n", 1);
        buf_free(&path);
    }
    sha256_hex(&all, f->sha256);
    free(names); /* the names now belong to f->files */
    return ok;
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
