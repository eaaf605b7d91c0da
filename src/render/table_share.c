/*
 * table_share.c - a proportion with its 95% Wilson interval (see
 * table_share.h).
 */
#include "render/table_share.h"
#include "analysis/proportion.h"

#include <assert.h>

void table_set_share(struct table *t, size_t row, size_t col, int64_t k, int64_t n, int decimals)
{
    assert(col + 2 < t->ncols);
    assert(k >= 0 && k <= n);
    if (n <= 0)
        return;
    double lower, upper;
    wilson_interval(k, n, 0.95, &lower, &upper);
    table_set_real(t, row, col, 100.0 * (double)k / (double)n, decimals, "%");
    table_set_real(t, row, col + 1, 100.0 * lower, decimals, "%");
    table_set_real(t, row, col + 2, 100.0 * upper, decimals, "%");
}
