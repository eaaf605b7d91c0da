/*
 * money_json.c - money in the open-data JSON standards (see money_json.h).
 */
#include "assess/money_json.h"

#include <stdlib.h>

json_t *money_json_pounds(int64_t pence)
{
    return pence % 100 == 0 ? json_integer(pence / 100) : json_real((double)pence / 100.0);
}

void money_json_dump(json_t *doc, struct buf *out)
{
    char *text = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
    json_decref(doc);
}
