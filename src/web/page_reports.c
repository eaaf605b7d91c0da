/*
 * page_reports.c - the archive of published reports (/reports) and each
 * published file exactly as stored (/reports/KIND/PERIOD/vN/FILE).
 *
 * A published version never changes (store/publish.h), so a file is served
 * with its stored SHA-256 as a strong ETag and may be cached for a year;
 * app.c sets those headers and the Content-Security-Policy that lets a
 * published HTML report use its inline styles. The archive says, for each
 * version, what it corrects and why, and a corrected version links to its
 * correction, so a reader of either finds the other.
 *
 * A withdrawn version stays in the archive, marked withdrawn with when and
 * why, its files listed with their SHA-256 but no longer linked: their
 * addresses answer 410 Gone. Every file served is hashed again first
 * (store_publication_file_open), so bytes changed behind peel's back are
 * never sent under their old ETag, and then streamed from the store a part
 * at a time (web/stream.h), so memory stays flat whatever its size.
 */
#include "store/publish.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/numfmt.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/stream.h"

#include <stdlib.h>
#include <string.h>

struct archived_file {
    char *name, *sha256;
    size_t size;
};

struct archived {
    char *kind, *period, *published_at, *published_by, *reason, *sha256;
    char *withdrawn_at, *withdrawal_reason; /* NULL while it stands */
    int64_t id;
    int version, corrects, corrected_by; /* versions; 0: none */
    struct archived_file *files;
    size_t nfiles;
};

struct archive {
    struct archived *items;
    size_t n;
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void take_publication(void *arg, const struct publication *p, size_t files, int64_t bytes)
{
    (void)files;
    (void)bytes;
    struct archive *a = arg;
    a->items = xrealloc(a->items, (a->n + 1) * sizeof *a->items);
    a->items[a->n++] = (struct archived){.kind = xstrdup(p->kind),
                                         .period = xstrdup(p->period),
                                         .published_at = dup_or_null(p->published_at),
                                         .published_by = dup_or_null(p->published_by),
                                         .reason = dup_or_null(p->reason),
                                         .sha256 = xstrdup(p->sha256),
                                         .withdrawn_at = dup_or_null(p->withdrawn_at),
                                         .withdrawal_reason = dup_or_null(p->withdrawal_reason),
                                         .id = p->id,
                                         .version = p->version,
                                         .corrects = p->corrects};
}

static void take_file(void *arg, const struct publication_file *f)
{
    struct archived *v = arg;
    v->files = xrealloc(v->files, (v->nfiles + 1) * sizeof *v->files);
    v->files[v->nfiles++] = (struct archived_file){xstrdup(f->name), xstrdup(f->sha256), f->size};
}

static bool same_report(const struct archived *x, const struct archived *y)
{
    return strcmp(x->kind, y->kind) == 0 && strcmp(x->period, y->period) == 0;
}

/* Which later version corrects each one (the link back). */
static void link_corrections(struct archive *a)
{
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < a->n; j++)
            if (a->items[j].corrects == a->items[i].version &&
                same_report(&a->items[i], &a->items[j]))
                a->items[i].corrected_by = a->items[j].version;
}

static void archive_free(struct archive *a)
{
    for (size_t i = 0; i < a->n; i++) {
        struct archived *v = &a->items[i];
        for (size_t k = 0; k < v->nfiles; k++) {
            free(v->files[k].name);
            free(v->files[k].sha256);
        }
        free(v->files);
        free(v->kind);
        free(v->period);
        free(v->published_at);
        free(v->published_by);
        free(v->reason);
        free(v->sha256);
        free(v->withdrawn_at);
        free(v->withdrawal_reason);
    }
    free(a->items);
}

static int archive_read(struct store *s, struct archive *a, struct buf *err)
{
    *a = (struct archive){0};
    int rc = store_publications(s, take_publication, a, err);
    for (size_t i = 0; rc == 0 && i < a->n; i++)
        rc = store_publication_files(s, a->items[i].id, take_file, &a->items[i], err);
    link_corrections(a);
    return rc;
}

/* prefix + KIND/PERIOD/vN[/FILE], percent-encoded: a file's address, or
 * (prefix "") a version's anchor on the archive page. */
static void version_href(struct buf *b, const char *prefix, const struct archived *v, int version,
                         const char *file)
{
    char vn[16];
    snprintf(vn, sizeof vn, "v%d", version);
    const char *ids[] = {v->kind, v->period, vn, file};
    page_href(b, prefix, ids, file ? 4 : 3, "");
}

static void version_link(struct buf *b, const struct archived *v, int version)
{
    buf_puts(b, "<a href=\"#");
    version_href(b, "", v, version, NULL);
    buf_printf(b, "\">version %d</a>", version);
}

static void file_list(struct buf *b, const struct archived *v)
{
    buf_puts(b, "<ul class=\"files\">\n");
    for (size_t k = 0; k < v->nfiles; k++) {
        const struct archived_file *f = &v->files[k];
        buf_puts(b, "<li>");
        if (!v->withdrawn_at) { /* a withdrawn file is not served: no link */
            buf_puts(b, "<a href=\"");
            version_href(b, "/reports/", v, v->version, f->name);
            buf_puts(b, "\">");
        }
        html_escape(b, f->name);
        char size[32];
        buf_printf(b, "%s (%s bytes), SHA-256 <code class=\"hash\">", v->withdrawn_at ? "" : "</a>",
                   table_thousands((int64_t)f->size, size, sizeof size));
        html_escape(b, f->sha256);
        buf_puts(b, "</code></li>\n");
    }
    buf_puts(b, "</ul>\n");
}

static void version_entry(struct buf *b, const struct archived *v)
{
    buf_puts(b, "<li id=\"");
    version_href(b, "", v, v->version, NULL);
    buf_puts(b, "\"><h2>");
    html_printf(b, "%s report, %s, version %d%s", v->kind, v->period, v->version,
                v->withdrawn_at ? " (withdrawn)" : "");
    buf_puts(b, "</h2>\n");
    if (v->withdrawn_at) {
        buf_puts(b, "<p><strong>Withdrawn</strong> on ");
        page_time(b, v->withdrawn_at);
        buf_puts(b, ". Why: ");
        html_escape(b, v->withdrawal_reason);
        buf_puts(b, "</p>\n<p>Its files are no longer served; this record of what was "
                    "published stays.</p>\n");
    }
    buf_puts(b, "<p>Published ");
    page_time(b, v->published_at);
    if (v->published_by)
        html_printf(b, " by %s", v->published_by);
    buf_puts(b, ". SHA-256 of its files: <code class=\"hash\">");
    html_escape(b, v->sha256);
    buf_puts(b, "</code>.</p>\n");
    if (v->corrects) {
        buf_puts(b, "<p>Corrects ");
        version_link(b, v, v->corrects);
        buf_puts(b, ": ");
        html_escape(b, v->reason ? v->reason : "no reason recorded");
        buf_puts(b, "</p>\n");
    }
    if (v->corrected_by) {
        buf_puts(b, "<p><strong>Corrected by ");
        version_link(b, v, v->corrected_by);
        buf_puts(b, ".</strong></p>\n");
    }
    file_list(b, v);
    buf_puts(b, "</li>\n");
}

void page_reports(const struct web_request *rq, struct web_response *rs)
{
    struct archive a;
    struct buf err = BUF_INIT;
    if (archive_read(rq->store, &a, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        struct buf *b = &rs->body;
        page_begin(b, rq, "Published reports");
        buf_puts(b, "<h1>Published reports</h1>\n<p>Every version of every report published, "
                    "newest first. A published version never changes: a correction is a new "
                    "version that says what it corrects and why. A version withdrawn stays listed, "
                    "with when and why, but its files are no longer served. Each file&#39;s "
                    "SHA-256 lets anyone check that a copy is the one published "
                    "(<code>sha256sum</code>).</p>\n<p>The annual report&#39;s crime "
                    "statistics, for every year there are figures for, are also on this site: "
                    "<a href=\"/annual\">crime statistics by financial year</a>.</p>\n");
        if (a.n == 0)
            buf_puts(b, "<p>Nothing has been published yet.</p>\n");
        else
            buf_puts(b, "<ol class=\"archive\">\n");
        for (size_t i = 0; i < a.n; i++)
            version_entry(b, &a.items[i]);
        if (a.n)
            buf_puts(b, "</ol>\n");
        page_end(b, rq);
    }
    archive_free(&a);
    buf_free(&err);
}

/* ---- one file ---------------------------------------------------------------- */

/* By extension: never guessed from the bytes. */
static const char *file_type(const char *name, bool *download)
{
    static const struct {
        const char *ext, *type;
        bool download;
    } types[] = {
        {".html", "text/html; charset=utf-8", false},
        {".pdf", "application/pdf", true},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true},
        {".json", "application/json; charset=utf-8", false},
        {".csv", "text/csv; charset=utf-8; header=present", false},
        {".svg", "image/svg+xml", false},
        {".png", "image/png", false},
        {".txt", "text/plain; charset=utf-8", false},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t k = strlen(types[i].ext);
        if (n > k && strcmp(name + n - k, types[i].ext) == 0) {
            *download = types[i].download;
            return types[i].type;
        }
    }
    *download = true;
    return "application/octet-stream";
}

/* "v3" -> 3; 0 when it is not that form. */
static int parse_version(const char *s)
{
    if (s[0] != 'v' || !s[1] || strlen(s) > 6)
        return 0;
    int v = 0;
    for (const char *p = s + 1; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (*p - '0');
    }
    return v;
}

/* A file name safe to quote in a header as it is. */
static bool plain_name(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("._-", *s)))
            return false;
    return true;
}

/* 410 Gone for a file of a withdrawn version: a short page saying when and
 * why, and where the record is. */
static void withdrawn_page(const struct web_request *rq, struct web_response *rs, const char *at,
                           const char *reason)
{
    rs->status = 410;
    rs->format = WEB_HTML;
    struct buf *b = &rs->body;
    buf_reset(b);
    page_begin(b, rq, "Withdrawn");
    buf_puts(b, "<h1>Withdrawn</h1>\n<p>This report was withdrawn on ");
    page_time(b, at);
    buf_puts(b, ". Why: ");
    html_escape(b, reason);
    buf_puts(b, "</p>\n<p>Its files are no longer published. The record of what was published, "
                "and why it was withdrawn, is in <a href=\"/reports\">the archive of published "
                "reports</a>.</p>\n");
    page_end(b, rq);
}

static int file_fill(void *state, struct buf *out, struct buf *err)
{
    return store_file_read(state, out, 65536, err);
}

static void file_free(void *state)
{
    store_file_close(state);
}

/* The headers of a published file, and its bytes as a stream (flat memory
 * whatever its size; the stream keeps the connection, app.c). */
static void send_file(struct web_response *rs, const char *name, const char *sha256,
                      struct store_file *f)
{
    bool download;
    rs->published_file = true;
    rs->content_type = file_type(name, &download);
    if (download && plain_name(name))
        snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", name);
    else if (download)
        snprintf(rs->disposition, sizeof rs->disposition, "attachment");
    snprintf(rs->etag, sizeof rs->etag, "\"%s\"", sha256);
    buf_reset(&rs->body);
    rs->stream = web_stream_new(file_fill, file_free, f);
    rs->stream->size = store_file_size(f);
}

void page_report_file(const struct web_request *rq, struct web_response *rs)
{
    const char *const *args = rq->match->args;
    int version = parse_version(args[2]);
    char sha256[65], at[32];
    struct buf err = BUF_INIT, why = BUF_INIT;
    struct store_file *f = NULL;
    int gone =
        version ? store_publication_withdrawn(rq->store, args[0], args[1], version, at, &why, &err)
                : 0;
    int rc = gone != 0 ? gone
             : version ? store_publication_file_open(rq->store, args[0], args[1], version, args[3],
                                                     sha256, &f, &err)
                       : 1;
    if (gone == 1)
        withdrawn_page(rq, rs, at, buf_str(&why));
    else if (rc == 1)
        web_error(rq, rs, 404, "No published report has this version and file: see /reports.");
    else if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        send_file(rs, args[3], sha256, f);
    buf_free(&err);
    buf_free(&why);
}
