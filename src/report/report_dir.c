/*
 * report_dir.c - a report's folder and its files (see report_dir.h).
 *
 * Every file is written under a temporary name in the folder and renamed,
 * so that a reader (`peel publish`, the web site's archive) never sees
 * half a file.
 */
#include "report/report_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int make_dir(const char *path, struct buf *err)
{
    struct stat st;
    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    buf_printf(err, "%s: cannot create folder: %s", path,
               strerror(errno == EEXIST ? ENOTDIR : errno));
    return -1;
}

/* mkdir -p */
static int make_dirs(const char *path, struct buf *err)
{
    struct buf p = BUF_INIT;
    buf_puts(&p, path);
    int rc = 0;
    for (char *s = p.p + 1; rc == 0 && *s; s++) {
        if (*s != '/' || s[-1] == '/')
            continue;
        *s = '\0';
        rc = make_dir(p.p, err);
        *s = '/';
    }
    if (rc == 0)
        rc = make_dir(p.p, err);
    buf_free(&p);
    return rc;
}

/* A report folder holds one report: writing into a folder that holds
 * anything else could mix two reports, so that needs overwrite. */
int report_prepare_dir(const char *path, bool overwrite, struct buf *err)
{
    DIR *d = opendir(path);
    if (!d) {
        if (errno == ENOENT)
            return make_dirs(path, err);
        buf_printf(err, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    if (!empty && !overwrite) {
        buf_printf(err, "%s is not empty (--overwrite writes the report into it all the same)",
                   path);
        return -1;
    }
    return 0;
}

static int write_data(void *arg, const char *path, struct buf *err)
{
    const struct buf *data = arg;
    FILE *f = fopen(path, "wb");
    if (!f) {
        buf_printf(err, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    size_t wrote = fwrite(data->p ? data->p : "", 1, data->len, f);
    int saved = errno;
    if (fclose(f) == 0 && wrote == data->len)
        return 0;
    if (wrote == data->len)
        saved = errno;
    buf_printf(err, "%s: cannot write: %s", path, strerror(saved));
    return -1;
}

int report_write_aside(const char *dir, const char *name,
                       int (*write)(void *arg, const char *path, struct buf *err), void *arg,
                       struct buf *err)
{
    struct buf tmp = BUF_INIT, path = BUF_INIT;
    buf_printf(&tmp, "%s/.%s.tmp", dir, name);
    buf_printf(&path, "%s/%s", dir, name);
    int rc = write(arg, tmp.p, err);
    if (rc == 0 && rename(tmp.p, path.p) != 0) {
        buf_printf(err, "%s: cannot write: %s", path.p, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        remove(tmp.p);
    buf_free(&tmp);
    buf_free(&path);
    return rc;
}

int report_write_file(const char *dir, const char *name, const struct buf *data, struct buf *path,
                      struct buf *err)
{
    buf_printf(path, "%s/%s", dir, name);
    return report_write_aside(dir, name, write_data, (void *)data, err);
}

int report_write_manifest(const char *dir, json_t *m, struct buf *err)
{
    char *text = m ? json_dumps(m, JSON_INDENT(2)) : NULL;
    struct buf data = BUF_INIT, path = BUF_INIT;
    if (text)
        buf_printf(&data, "%s\n", text);
    int rc = text ? report_write_file(dir, "report.json", &data, &path, err) : -1;
    if (!text)
        buf_puts(err, "cannot describe the report (out of memory)");
    free(text);
    json_decref(m);
    buf_free(&data);
    buf_free(&path);
    return rc;
}

void report_generated_text(char *out, size_t n, char *iso, size_t niso)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : 0;
    time_t t = end && !*end ? (time_t)secs : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm))
        snprintf(out, n, "unknown");
    if (!gmtime_r(&t, &tm) || !strftime(iso, niso, "%Y-%m-%dT%H:%M:%SZ", &tm))
        iso[0] = '\0';
}
