/*
 * bank_holidays.c - lists of bank holidays (see bank_holidays.h). The
 * shipped list itself is in bank_holidays_shipped.c.
 */
#include "model/bank_holidays.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void holiday_list_init(struct holiday_list *l)
{
    *l = (struct holiday_list){0};
}

void holiday_list_free(struct holiday_list *l)
{
    free(l->items);
    free(l->dates);
    holiday_list_init(l);
}

const char *holiday_list_add(struct holiday_list *l, int date, const char *title, const char *notes,
                             bool bunting)
{
    if (l->n == HOLIDAYS_MAX)
        return "more than 1024 events";
    if (strlen(title) > HOLIDAY_TEXT_MAX || strlen(notes) > HOLIDAY_TEXT_MAX)
        return "longer than 127 bytes";
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 128;
        l->items = xrealloc(l->items, l->cap * sizeof l->items[0]);
        l->dates = xrealloc(l->dates, l->cap * sizeof l->dates[0]);
    }
    struct holiday *h = &l->items[l->n];
    *h = (struct holiday){.date = date, .bunting = bunting};
    memcpy(h->title, title, strlen(title) + 1);
    memcpy(h->notes, notes, strlen(notes) + 1);
    l->dates[l->n++] = date;
    return NULL;
}

static int by_date(const void *a, const void *b)
{
    const struct holiday *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

const char *holiday_list_finish(struct holiday_list *l)
{
    if (l->n > 1)
        qsort(l->items, l->n, sizeof l->items[0], by_date);
    for (size_t i = 0; i < l->n; i++)
        l->dates[i] = l->items[i].date;
    struct calendar c = holiday_list_calendar(l);
    return calendar_check(&c);
}

void holiday_list_shipped(struct holiday_list *l)
{
    assert(l->n == 0);
    for (size_t i = 0; i < bank_holidays_shipped_count; i++) {
        const struct shipped_holiday *s = &bank_holidays_shipped[i];
        int date = DATE_NONE;
        bool ok = date_parse(s->date, strlen(s->date), &date);
        const char *why = holiday_list_add(l, date, s->title, s->notes, s->bunting);
        assert(ok && !why); /* test_calendar checks the shipped list */
        (void)ok, (void)why;
    }
    const char *why = holiday_list_finish(l);
    assert(!why);
    (void)why;
    memcpy(l->sha256, bank_holidays_shipped_sha256, sizeof l->sha256);
}

struct calendar holiday_list_calendar(const struct holiday_list *l)
{
    return (struct calendar){l->dates, l->n};
}
