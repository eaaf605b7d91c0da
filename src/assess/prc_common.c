/*
 * prc_common.c - shared Home Office recorded-crime helpers (see prc_common.h).
 */
#include "assess/prc_common.h"
#include "model/forces.h"
#include "store/prc.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *prc_force_key(const char *text)
{
    const struct police_force *f = force_lookup(text);
    return f ? f->slug : text;
}

void prc_period_text(int period, char *out, size_t n)
{
    char fy[FY_TEXT_SIZE];
    fy_format(PRC_PERIOD_FY(period), fy);
    snprintf(out, n, "%s Q%d", fy, PRC_PERIOD_Q(period));
}

struct coverage {
    int from, to;
    bool *present; /* [to - from + 1] */
};

static void mark_period(void *arg, int period, int64_t rows, int64_t count)
{
    (void)rows;
    (void)count;
    struct coverage *c = arg;
    if (period >= c->from && period <= c->to)
        c->present[period - c->from] = true;
}

int prc_quarters_present(struct store *s, const char *force, int from, int to, struct buf *missing,
                         struct buf *err)
{
    assert(to >= from);
    size_t span = (size_t)to - (size_t)from + 1;
    struct coverage c = {from, to, xcalloc(span, sizeof *c.present)};
    if (store_prc_periods(s, force, mark_period, &c, err) < 0) {
        free(c.present);
        return -1;
    }
    int n = 0;
    for (int p = from; p <= to; p++) {
        if (c.present[p - from]) {
            n++;
            continue;
        }
        char text[24];
        prc_period_text(p, text, sizeof text);
        buf_printf(missing, "%s%s", missing->len ? ", " : "", text);
    }
    free(c.present);
    return n;
}

static void add_source(void *arg, const struct prc_load_info *l)
{
    struct buf *b = arg;
    const char *base = strrchr(l->path, '/') ? strrchr(l->path, '/') + 1 : l->path;
    buf_printf(b, "%s%s (sha256 %.16s, loaded %.10s%s%s)", b->len ? "; " : "", base,
               l->sha256 ? l->sha256 : "?", l->loaded_at, l->loaded_by ? " by " : "",
               l->loaded_by ? l->loaded_by : "");
}

void prc_source_note(struct store *s, struct table *t, const char *force, int from, int to)
{
    struct buf files = BUF_INIT, err = BUF_INIT;
    store_prc_sources(s, force, from, to, add_source, &files, &err);
    table_add_note(t,
                   "Source: Home Office Police Recorded Crime tables (offences recorded by "
                   "police force area and financial quarter): %s.",
                   files.len ? files.p : "no file");
    buf_free(&files);
    buf_free(&err);
}
