/*
 * fuzz_sources.c - libFuzzer target for `peel import`'s discovery of what to
 * read (src/ingest/sources.c): folders, searched recursively, and zip
 * archives, read in place with libzip.
 *
 * The first byte picks what the rest is:
 *   even: a zip archive, written to a file as it is and given to
 *         sources_find(); every member found is then read to its end
 *         through one source_reader;
 *   odd:  a folder tree described one entry a line ("d NAME", "f NAME",
 *         "z NAME" for a small zip, "l NAME TARGET" for a symbolic link;
 *         names are made of [a-z0-9./] only, at most 40 entries), built
 *         under a fresh folder and walked.
 * The oracle:
 *  - every walk ends (libFuzzer's -timeout catches one that does not), and
 *    finds no more sources than the tree has entries (files, links and
 *    members): each folder is entered once, whatever links point back up;
 *  - every source is a regular file, found inside a folder only when named
 *    .csv or .zip, or a member of an archive, named .csv;
 *  - a zip member reads, if at all, exactly the bytes its archive declares
 *    and never more, in bounded time (the caps of sources.h), and what is
 *    refused is said, naming the archive;
 *  - no crash, leak, or undefined behaviour (ASan, UBSan).
 */
#include "fuzz_check.h"
#include "ingest/sources.h"

#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define MAX_ENTRIES 40

static const char csv_text[] = "Crime ID,Month\r\n,2022-01\r\n";

static void write_bytes(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, size, f) == size);
    CHECK(fclose(f) == 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Reads every source; members are held to their declared sizes. */
static void read_all(const struct source_list *list)
{
    struct source_reader *r = source_reader_new();
    char chunk[4096];
    for (size_t i = 0; i < list->count; i++) {
        const struct source *src = &list->items[i];
        struct buf err = BUF_INIT;
        struct source_stream *s = source_open(r, src, &err);
        if (!s) {
            CHECK(err.len > 0 && strncmp(err.p, src->path, strlen(src->path)) == 0);
            buf_free(&err);
            continue;
        }
        unsigned long long total = 0;
        ssize_t got;
        while ((got = source_read(s, chunk, sizeof chunk)) > 0)
            total += (unsigned long long)got;
        if (src->member) /* never more than declared; at the end, exactly that */
            CHECK(total <= src->bytes && (got < 0 || total == src->bytes));
        char hex[SHA256_HEX_SIZE];
        source_sha256(s, hex);
        CHECK(strlen(hex) == SHA256_HEX_SIZE - 1);
        source_close(s);
        buf_free(&err);
    }
    source_reader_free(r);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static void check_found(const struct source_list *list, size_t most)
{
    CHECK(list->count <= most);
    for (size_t i = 0; i < list->count; i++) {
        const struct source *src = &list->items[i];
        struct stat st;
        CHECK(stat(src->path, &st) == 0 && S_ISREG(st.st_mode));
        if (src->member)
            CHECK(ends_with(src->member, ".csv") && src->index >= 0);
    }
}

static void fuzz_zip(const char *dir, const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/archive", dir);
    write_bytes(path, data, size);
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    int failed = sources_find(path, &list, &err);
    CHECK(failed >= 0);
    CHECK(failed == 0 || (err.len > 0 && strncmp(err.p, path, strlen(path)) == 0));
    /* at most one source per 30 bytes: a local header's least */
    check_found(&list, size / 30 + 1);
    read_all(&list);
    sources_free(&list);
    buf_free(&err);
}

/* Making a tree's entry may fail (its folder is a file, or missing): 1
 * when it was made. */
static size_t try_write(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wbx");
    if (!f)
        return 0;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

/* A small valid archive, for "z" entries of a tree: 1 when made. */
static size_t write_small_zip(const char *path)
{
    if (!try_write(path, "", 0))
        return 0;
    int code = 0;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &code);
    CHECK(z != NULL);
    zip_source_t *src = zip_source_buffer(z, csv_text, sizeof csv_text - 1, 0);
    CHECK(zip_file_add(z, "2022-01/x.csv", src, 0) >= 0);
    CHECK(zip_close(z) == 0);
    return 1;
}

/* A name inside the tree: [a-z0-9./], relative, no ".." component. */
static bool plain_name(const char *s)
{
    if (!*s || strlen(s) > 60 || s[0] == '/' ||
        strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789./") != strlen(s))
        return false;
    for (const char *c = s; (c = strstr(c, "..")) != NULL; c++)
        if ((c == s || c[-1] == '/') && (c[2] == '\0' || c[2] == '/'))
            return false;
    return true;
}

/* A link's target must stay inside the tree (a link to "/" would walk
 * the machine): its folder's depth less the ".." it climbs stays >= 0. */
static bool target_inside(const char *name, const char *target)
{
    if (!*target || strlen(target) > 60 || target[0] == '/' ||
        strspn(target, "abcdefghijklmnopqrstuvwxyz0123456789./") != strlen(target))
        return false;
    int depth = 0;
    for (const char *c = name; *c; c++)
        depth += *c == '/';
    char copy[64], *save = NULL;
    snprintf(copy, sizeof copy, "%s", target);
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, "..") == 0)
            depth--;
        else if (strcmp(part, ".") != 0)
            depth++;
        if (depth < 0)
            return false;
    }
    return true;
}

/* Whether path, resolved, lies in the tree at root (a real path). */
static bool resolves_inside(const char *root, const char *path)
{
    char real[PATH_MAX];
    size_t n = strlen(root);
    return realpath(path, real) && strncmp(real, root, n) == 0 &&
           (real[n] == '\0' || real[n] == '/');
}

/* One line of a tree's description; returns the entries it made. An
 * entry whose folder resolves outside the tree is not made, and a link
 * that does is removed: see drop_escaping_links. */
static size_t build_entry(const char *root, char *line)
{
    char kind = line[0], *name = line + 2, *target = NULL;
    if (strlen(line) < 3 || line[1] != ' ')
        return 0;
    if (kind == 'l' && (target = strchr(name, ' ')) != NULL)
        *target++ = '\0';
    if (!plain_name(name) || (kind == 'l' && (!target || !target_inside(name, target))))
        return 0;
    char path[512], folder[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    snprintf(folder, sizeof folder, "%s", path);
    *strrchr(folder, '/') = '\0';
    if (!resolves_inside(root, folder))
        return 0;
    switch (kind) {
    case 'd':
        return mkdir(path, 0700) == 0;
    case 'f':
        return try_write(path, csv_text, sizeof csv_text - 1);
    case 'z':
        return write_small_zip(path); /* one member */
    case 'l':
        if (symlink(target, path) != 0)
            return 0;
        /* one that leads out is removed (a dangling one is harmless) */
        if (access(path, F_OK) == 0 && !resolves_inside(root, path)) {
            CHECK(unlink(path) == 0);
            return 0;
        }
        return 1;
    }
    return 0;
}

/* Removes, under path, every link that resolves outside root (a real
 * path). target_inside counts a link's depth by its name, which a link in
 * the name's own path or in its target can belie ("l data .", then
 * "l data/up .." points out of the tree), and the walk must never leave
 * the tree: found by this target, which then walked /tmp. Links are not
 * followed here, so the recursion ends. */
static void drop_escaping_links(const char *root, const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char child[1024];
        struct stat st;
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (lstat(child, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            drop_escaping_links(root, child);
        else if (S_ISLNK(st.st_mode) && access(child, F_OK) == 0 && !resolves_inside(root, child))
            CHECK(unlink(child) == 0);
    }
    closedir(d);
}

static void fuzz_tree(const char *dir, const uint8_t *data, size_t size)
{
    /* strtok_r: build_entry's target_inside splits a link's target too,
     * and strtok's one saved place sent this loop on into its copy (found
     * by ASan, a stack use after scope, at stop 37) */
    char *text = strndup((const char *)data, size), *save = NULL, root[PATH_MAX];
    CHECK(realpath(dir, root) != NULL);
    size_t entries = 0, lines = 0;
    for (char *line = strtok_r(text, "\n", &save); line && lines < MAX_ENTRIES;
         line = strtok_r(NULL, "\n", &save), lines++)
        entries += build_entry(root, line);
    free(text);
    drop_escaping_links(root, root); /* links a later link sent out */
    struct source_list list = {0};
    struct buf err = BUF_INIT;
    int failed = sources_find(dir, &list, &err);
    CHECK(failed >= 0);
    CHECK(failed == 0 || err.len > 0);
    /* each entry is seen once: a file (or link to one) is one source, a
     * "z" archive one member, a folder none */
    check_found(&list, entries);
    for (size_t i = 0; i < list.count; i++)
        CHECK(list.items[i].member || ends_with(list.items[i].path, ".csv") ||
              ends_with(list.items[i].path, ".zip"));
    sources_free(&list);
    buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char dir[] = "/tmp/fuzz_sources.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    if (data[0] % 2 == 0)
        fuzz_zip(dir, data + 1, size - 1);
    else
        fuzz_tree(dir, data + 1, size - 1);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
