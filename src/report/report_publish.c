/*
 * report_publish.c - a report made into a private temporary folder, read
 * back as `peel publish` reads one, and published (see report_publish.h).
 */
#include "report/report_publish.h"
#include "report/report_folder.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The temporary folder and what the report wrote in it, removed: it is
 * flat (report_run writes files only) and ours (mkdtemp, mode 0700). */
static void remove_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[4096];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static int made_and_read(struct store *s, const struct report_kind *k,
                         const struct report_request *req, const char *dir, struct report_folder *f,
                         struct buf *err)
{
    struct report_request r = *req;
    r.out = dir;
    r.overwrite = false; /* mkdtemp made it empty */
    struct buf summary = BUF_INIT;
    int rc = report_run(s, k, &r, &summary, err);
    buf_free(&summary);
    if (rc == 0 && !report_folder_read(dir, f, err))
        rc = -1;
    return rc;
}

int report_publish_now(struct store *s, const struct report_kind *k,
                       const struct report_request *req, const char *published_by,
                       const struct audit_origin *by, int *version, struct buf *err)
{
    const char *tmp = getenv("TMPDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/peel-publish-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        buf_printf(err, "%s: a temporary folder could not be made", dir);
        return -1;
    }
    struct report_folder f = {0};
    int rc = made_and_read(s, k, req, dir, &f, err);
    if (rc == 0) {
        struct publication pub = {.kind = f.kind,
                                  .period = f.period,
                                  .sha256 = f.sha256,
                                  .published_by = published_by,
                                  .source_path = NULL};
        rc = store_publish_audited(s, &pub, f.files, f.n, by, err);
        *version = pub.version;
    }
    report_folder_free(&f);
    remove_folder(dir);
    return rc;
}
