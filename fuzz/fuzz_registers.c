/*
 * fuzz_registers.c - libFuzzer target for the registers' file reader
 * (src/ingest/register_file.c): a file of interests, gifts or salaries, as
 * CSV (the .xlsx path under it is fuzz_xlsx's). The first byte chooses the
 * register (its value mod 3); the rest is the file. The oracle:
 *  - the reader never crashes, leaks or reads out of bounds (ASan, UBSan);
 *  - a refusal says why, every line naming the file;
 *  - an accepted file has 1 to REG_MAX_ROWS entries, each with a reference
 *    of 1 to REG_REF_MAX bytes unique in the file, a name (a salary's may be
 *    the withheld one) and a post, a YYYY-MM-DD date, no negative amount; a
 *    gift that is not a nil return has a donor and an outcome, a salary is
 *    over nothing.
 */
#include "fuzz_check.h"
#include "ingest/register_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PATH "fuzz.csv"

static void check_refusal(const struct buf *err)
{
    const char *line = buf_str(err);
    CHECK(*line);
    while (*line) {
        CHECK(strncmp(line, PATH ":", strlen(PATH ":")) == 0);
        const char *next = strchr(line, '\n');
        line = next ? next + 1 : line + strlen(line);
    }
}

static void check_entry(enum reg_kind k, const struct reg_entry *e)
{
    size_t n = strlen(e->ref);
    CHECK(n >= 1 && n <= REG_REF_MAX);
    CHECK(*e->holder && *e->post);
    CHECK(strlen(e->date) == 10 && e->date[4] == '-' && e->date[7] == '-');
    CHECK(e->value_pence >= 0 && e->allowances_pence >= 0);
    bool nil = strcmp(e->category, REG_NIL) == 0;
    if (k == REG_GIFTS && !nil)
        CHECK(*e->donor && e->outcome != REG_NO_OUTCOME);
    if (k == REG_SALARIES)
        CHECK(e->value_pence > 0);
    if (k != REG_SALARIES && !nil)
        CHECK(*e->details);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum reg_kind k = (enum reg_kind)(data[0] % REG_KINDS);
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    buf_putc(&bytes, 0); /* allocated even when empty, as table_file_read gives it */
    buf_reset(&bytes);
    buf_append(&bytes, data + 1, size - 1);
    struct reg_file f;
    if (!reg_file_read(PATH, &bytes, NULL, k, &f, &err)) {
        check_refusal(&err);
        CHECK(f.n == 0);
    } else {
        CHECK(err.len == 0 && f.n >= 1 && f.n <= REG_MAX_ROWS);
        for (size_t i = 0; i < f.n; i++) {
            check_entry(k, &f.entries[i]);
            for (size_t j = 0; j < i; j++)
                CHECK(strcmp(f.entries[i].ref, f.entries[j].ref) != 0);
        }
    }
    reg_file_free(&f);
    buf_free(&bytes);
    buf_free(&err);
    return 0;
}
