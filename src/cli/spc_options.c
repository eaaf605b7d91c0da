/*
 * spc_options.c - the XmR chart options of the charting commands (see
 * spc_options.h).
 */
#include "cli/spc_options.h"
#include "util/mem.h"
#include "util/month.h"

#include <stdlib.h>
#include <string.h>

static bool whole(const char *arg, int *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < 0 || v > 100000)
        return false;
    *out = (int)v;
    return true;
}

/* "none", or months YYYY-MM separated by commas. */
static bool months(const char *arg, struct chart_options *o)
{
    free(o->rebase);
    o->rebase = NULL;
    o->nrebase = 0;
    o->rebase_set = true;
    if (strcmp(arg, "none") == 0)
        return true;
    for (const char *p = arg;;) {
        size_t len = strcspn(p, ",");
        int m;
        if (!month_parse(p, len, &m))
            return false;
        o->rebase = xrealloc(o->rebase, (o->nrebase + 1) * sizeof *o->rebase);
        o->rebase[o->nrebase++] = m;
        if (!p[len])
            return true;
        p += len + 1;
    }
}

int spc_options_take(const struct peel_cmd *cmd, int c, const char *arg, struct chart_options *o)
{
    bool ok = true;
    switch (c) {
    case SPC_OPT_SCREEN:
    case SPC_OPT_NO_SCREEN:
        o->screen = c == SPC_OPT_SCREEN ? 1 : -1;
        break;
    case SPC_OPT_BASELINE:
        ok = whole(arg, &o->baseline) && o->baseline > 0;
        break;
    case SPC_OPT_REBASE:
        if (!months(arg, o))
            return cli_usage_error(cmd,
                                   "--rebase takes months YYYY-MM separated by commas, or "
                                   "none, not '%s'",
                                   arg);
        break;
    case SPC_OPT_RUN:
        ok = whole(arg, &o->run_length) && o->run_length > 0;
        break;
    case SPC_OPT_TREND:
        ok = whole(arg, &o->trend_length) && o->trend_length > 0;
        break;
    case SPC_OPT_MIN_POINTS:
        ok = whole(arg, &o->min_points) && o->min_points > 0;
        break;
    default:
        return 0;
    }
    const char *why = ok ? chart_options_check(o) : "not a whole number";
    if (why)
        return cli_usage_error(cmd, "bad value '%s': %s", arg ? arg : "", why);
    return 1;
}

void spc_options_apply(const struct chart_options *o, struct plan *p)
{
    plan_charts_override(p, o);
}
