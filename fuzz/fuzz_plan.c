/*
 * fuzz_plan.c - libFuzzer target for the plan file reader
 * (src/ingest/plan_file.c): YAML from anyone who edits a plan.
 *
 * The oracle: parsing never crashes, leaks or reads out of bounds (ASan,
 * UBSan); a refused file always says why, every message naming the file
 * and a line (FILE:LINE:COLUMN); an accepted plan has its required parts
 * (id, title, vision, period) and every metric an id and a title.
 */
#include "ingest/plan_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NAME "fuzz.yaml"

static void check_accepted(const struct plan *p)
{
    if (!p->id || !p->title || !p->vision || !p->period_from || !p->period_to)
        abort();
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            const struct plan_strategy *sg = &p->missions[a].strategies[b];
            for (size_t c = 0; c < sg->nmetrics; c++)
                if (!sg->metrics[c].id || !sg->metrics[c].title)
                    abort();
        }
}

static void check_refused(const struct buf *err)
{
    const char *line = buf_str(err);
    if (!*line)
        abort(); /* refused without a reason */
    while (*line) {
        if (strncmp(line, NAME ":", strlen(NAME ":")) != 0)
            abort(); /* a message that does not say where */
        const char *next = strchr(line, '\n');
        line = next ? next + 1 : line + strlen(line);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* plans are text: a NUL ends them, as it would in a file read as text */
    struct plan p;
    struct buf err = BUF_INIT;
    if (plan_parse_string(NAME, text, &p, &err)) {
        check_accepted(&p);
        plan_free(&p);
    } else {
        check_refused(&err);
    }
    buf_free(&err);
    free(text);
    return 0;
}
