/*
 * fuzz_budget.c - libFuzzer target for the budget register's file readers
 * (src/ingest/budget_file.c): a budget file and a strategy file, as CSV
 * (the .xlsx path under them is fuzz_xlsx's). The first byte chooses the
 * reader (even: budget, odd: strategy); the rest is the file. The oracle:
 *  - the readers never crash, leak or read out of bounds (ASan, UBSan);
 *  - a refusal says why, every line naming the file;
 *  - an accepted budget has each year once, from 2000-01 to 2100-01, with
 *    1 to BUDGET_MAX_LINES headings, each non-empty and unique in its
 *    year, and as many lines in all as it says;
 *  - an accepted strategy has 1 to MTFS_MAX_YEARS years, consecutive.
 */
#include "ingest/budget_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PATH "fuzz.csv"

static void check_refusal(const struct buf *err)
{
    const char *line = buf_str(err);
    if (!*line)
        abort();
    while (*line) {
        if (strncmp(line, PATH ":", strlen(PATH ":")) != 0)
            abort(); /* a message that does not name the file */
        const char *next = strchr(line, '\n');
        line = next ? next + 1 : line + strlen(line);
    }
}

static void check_budget(const struct budget_file *f)
{
    size_t lines = 0;
    for (size_t y = 0; y < f->nyears; y++) {
        const struct budget_year *yr = &f->years[y];
        if (yr->fy < 2000 || yr->fy > 2100 || yr->n < 1 || yr->n > BUDGET_MAX_LINES)
            abort();
        for (size_t k = 0; k < y; k++)
            if (f->years[k].fy == yr->fy)
                abort();
        for (size_t i = 0; i < yr->n; i++) {
            if (!*yr->lines[i].heading)
                abort();
            for (size_t j = 0; j < i; j++)
                if (strcmp(yr->lines[i].heading, yr->lines[j].heading) == 0)
                    abort();
        }
        lines += yr->n;
    }
    if (f->nyears == 0 || lines != f->rows)
        abort();
}

static void check_mtfs(const struct mtfs_file *f)
{
    if (f->n < 1 || f->n > MTFS_MAX_YEARS)
        abort();
    for (size_t i = 1; i < f->n; i++)
        if (f->years[i].fy != f->years[i - 1].fy + 1)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    buf_putc(&bytes, 0); /* allocated even when empty, as table_file_read gives it */
    buf_reset(&bytes);
    buf_append(&bytes, data + 1, size - 1);
    if (data[0] % 2 == 0) {
        struct budget_file f;
        if (!budget_file_read(PATH, &bytes, NULL, &f, &err))
            check_refusal(&err);
        else if (err.len)
            abort();
        else
            check_budget(&f);
        budget_file_free(&f);
    } else {
        struct mtfs_file f;
        if (!mtfs_file_read(PATH, &bytes, NULL, &f, &err))
            check_refusal(&err);
        else if (err.len)
            abort();
        else
            check_mtfs(&f);
        mtfs_file_free(&f);
    }
    buf_free(&bytes);
    buf_free(&err);
    return 0;
}
