/*
 * money.c - pence read and written (see money.h).
 */
#include "model/money.h"
#include "model/decision.h"
#include "util/buf.h"
#include "util/numfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void money_format(int64_t pence, bool human, char out[MONEY_TEXT_SIZE])
{
    /* the magnitude as unsigned: INT64_MIN has no positive int64_t */
    uint64_t m = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    const char *sign = pence < 0 ? "-" : "";
    if (!human) {
        snprintf(out, MONEY_TEXT_SIZE, "%s%llu.%02u", sign, (unsigned long long)(m / 100),
                 (unsigned)(m % 100));
        return;
    }
    struct buf whole = BUF_INIT;
    if (m / 100 > INT64_MAX)
        buf_printf(&whole, "%llu", (unsigned long long)(m / 100));
    else
        buf_put_count(&whole, (int64_t)(m / 100));
    snprintf(out, MONEY_TEXT_SIZE, "%s\xc2\xa3%s.%02u", sign, buf_str(&whole), (unsigned)(m % 100));
    buf_free(&whole);
}

bool money_parse(const char *text, int64_t *pence)
{
    char body[64];
    size_t n = strlen(text);
    if (n == 0 || n >= sizeof body)
        return false;
    bool negative = false;
    if (text[0] == '(' && text[n - 1] == ')') { /* (500.00) */
        negative = true;
        memcpy(body, text + 1, n - 2);
        body[n - 2] = '\0';
    } else {
        const char *p = text;
        if (strncmp(p, "\xc2\xa3-", 3) == 0) { /* £-500 */
            negative = true;
            snprintf(body, sizeof body, "%s", p + 3);
        } else {
            if (*p == '-')
                negative = true, p++;
            snprintf(body, sizeof body, "%s", p);
        }
    }
    if (body[0] == '-' || strncmp(body, "\xc2\xa3-", 3) == 0)
        return false; /* one sign at most */
    long long v;
    if (!decision_parse_pounds(body, &v))
        return false;
    *pence = negative ? -(int64_t)v : (int64_t)v;
    return true;
}
