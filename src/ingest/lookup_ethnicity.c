/*
 * lookup_ethnicity.c - populations of force areas by ethnic group (`peel
 * import-population --ethnicity`, see lookup.h), for stop-and-search rates
 * per 1,000 people of each group.
 *
 * Read, checked and loaded as the other population files are (lookup.c):
 * the whole file first, every bad row listed, then one transaction that
 * replaces what was loaded before and records the load with the file's
 * SHA-256 (a "population" load whose detail is "by ethnic group": the
 * record of loads keeps the kinds it was made with).
 */
#include "ingest/lookup_internal.h"
#include "model/ethnicity.h"
#include "model/forces.h"
#include "store/areas.h"
#include "store/stop_search.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const group_names[] = {"ethnicgroup",  "ethnicity",       "group",
                                          "ethnicgroups", "ethnicgroupcode", NULL};
static const char *const count_names[] = {"observation", "count", "residents", NULL};

struct ethnic_columns {
    int force, group, pop;
};

static int ethnic_columns(const struct sheet *sh, const char *path,
                          const struct ethnic_population_options *opt, struct ethnic_columns *ec,
                          struct buf *err)
{
    char **header = sh->rows[0];
    size_t width = sh->widths[0];
    ec->force = find_column(header, width, opt->name_column, force_name_names);
    ec->group = find_column(header, width, opt->group_column, group_names);
    ec->pop = find_column(header, width, opt->population_column, population_names);
    if (ec->pop < 0 && !opt->population_column)
        ec->pop = find_column(header, width, NULL, count_names);
    const char *missing = ec->force < 0   ? "force name (name it with --name-column)"
                          : ec->group < 0 ? "ethnic group (name it with --group-column)"
                          : ec->pop < 0   ? "population (name it with --population-column)"
                                          : NULL;
    if (missing)
        buf_printf(err, "%s:1: no %s column", path, missing);
    return missing ? -1 : 0;
}

/* One row checked: its force and group (group -1: a row to skip, such
 * as a total), its population. */
struct ethnic_row {
    const char *slug;
    int group;
    int64_t population;
};

static int check_ethnic_rows(const struct sheet *sh, const char *path,
                             const struct ethnic_columns *ec, struct ethnic_row *rows,
                             struct buf *err)
{
    int nerrors = 0;
    int most = ec->force > ec->group ? ec->force : ec->group;
    size_t need = (size_t)(most > ec->pop ? most : ec->pop) + 1;
    struct first_lines seen;
    hmap_init(&seen.seen);
    char **header = sh->rows[0];
    for (size_t r = 1; r < sh->nrows; r++) {
        char **row = sh->rows[r];
        enum ethnic_group g;
        rows[r].group = -1;
        if (sh->widths[r] < need) {
            row_error(err, &nerrors, path, sh->lines[r], "row", "too few columns:", row[0]);
            continue;
        }
        if (!ethnic_group_parse(row[ec->group], &g))
            continue;
        const struct police_force *f = force_lookup(row[ec->force]);
        if (!f) {
            row_error(err, &nerrors, path, sh->lines[r], header[ec->force],
                      "not a police force:", row[ec->force]);
            continue;
        }
        rows[r] = (struct ethnic_row){.slug = f->slug, .group = g};
        char key[96];
        snprintf(key, sizeof key, "%s/%s", f->slug, ethnic_group_name(g));
        if (!parse_count(row[ec->pop], &rows[r].population))
            row_error(err, &nerrors, path, sh->lines[r], header[ec->pop],
                      "not a whole number:", row[ec->pop]);
        else
            first_lines_check(&seen, key, path, sh->lines[r], header[ec->group], err, &nerrors);
    }
    hmap_free(&seen.seen);
    if (nerrors > MAX_REPORTED_ERRORS)
        buf_printf(err, "\n... and %d more", nerrors - MAX_REPORTED_ERRORS);
    return nerrors;
}

static int store_ethnic_rows(struct store *s, const struct sheet *sh, const char *path,
                             const struct ethnic_columns *ec, const struct ethnic_row *rows,
                             struct lookup_result *res, struct buf *err)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int ok = store_ethnic_population_clear(s, err) == 0;
    for (size_t r = 1; ok && r < sh->nrows; r++) {
        if (rows[r].group < 0) {
            buf_printf(&res->groupings, "%s%s", res->rows_skipped++ ? ", " : "",
                       sh->rows[r][ec->group]);
            continue;
        }
        ok = store_ethnic_population_set(s, rows[r].slug, (enum ethnic_group)rows[r].group,
                                         rows[r].population, base, err) == 0;
        res->rows_loaded += ok;
    }
    return ok ? 0 : -1;
}

int lookup_import_ethnic_population(struct store *s, const char *path,
                                    const struct ethnic_population_options *opt,
                                    struct lookup_result *res, struct buf *err)
{
    struct sheet sh = {0};
    struct ethnic_columns ec;
    if (read_sheet(path, &sh, err) < 0 || ethnic_columns(&sh, path, opt, &ec, err) < 0) {
        sheet_free(&sh);
        return 2;
    }
    struct ethnic_row *rows = xcalloc(sh.nrows, sizeof *rows);
    int rc = check_ethnic_rows(&sh, path, &ec, rows, err) ? 2 : 1;
    if (rc == 1 && store_lookup_begin(s, err) == 0) {
        if (store_ethnic_rows(s, &sh, path, &ec, rows, res, err) == 0 &&
            record_load(s, "population", path, &sh, res->rows_loaded, "by ethnic group",
                        &opt->origin, err) == 0 &&
            store_lookup_commit(s, err) == 0)
            rc = 0;
        else
            store_lookup_abort(s);
    }
    free(rows);
    sheet_free(&sh);
    return rc;
}
