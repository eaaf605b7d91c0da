/*
 * office_holders.c - the office-holders' contact details: each recording a
 * version, the latest published (see office_holders.h).
 */
#include "store/office_holders.h"
#include "model/calendar.h"
#include "store/store_internal.h"
#include "util/utf8.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const words[OH_HOLDERS] = {"commissioner", "deputy"};
static const char *const titles[OH_HOLDERS] = {"Police and Crime Commissioner",
                                               "Deputy Police and Crime Commissioner"};

const char *oh_holder_word(enum oh_holder h)
{
    assert(h < OH_HOLDERS);
    return words[h];
}

const char *oh_holder_title(enum oh_holder h)
{
    assert(h < OH_HOLDERS);
    return titles[h];
}

bool oh_holder_parse(const char *w, enum oh_holder *h)
{
    for (int i = 0; i < OH_HOLDERS; i++)
        if (strcmp(w, words[i]) == 0)
            return (*h = (enum oh_holder)i), true;
    return false;
}

/* What is wrong with text as field (up to max bytes; newlines only where
 * lines is true), or NULL. */
static const char *text_problem(const char *text, size_t max, bool lines)
{
    size_t n = strlen(text);
    long line, column;
    if (n > max)
        return "too long";
    if (!utf8_valid(text, n, &line, &column))
        return "not UTF-8 text";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p < 0x20 && !(lines && *p == '\n')) || *p == 0x7f)
            return lines ? "a control character (only line breaks are kept)"
                         : "a control character";
    return NULL;
}

/* The first problem of c into err ("FIELD: why"); false when there is one. */
static bool contact_ok(const struct oh_contact *c, struct buf *err)
{
    const char *field = NULL, *why = NULL;
    size_t plus = strspn(c->phone, "+");
    if (c->withdrawn && (*c->name || *c->address || *c->email || *c->phone))
        field = "withdrawn", why = "details given for a holder said to have none";
    else if (!c->withdrawn && !*c->name)
        field = "name", why = "missing";
    else if (!c->withdrawn && !*c->address)
        field = "address", why = "missing: the Order asks for an address for correspondence";
    else if ((why = text_problem(c->name, 200, false)))
        field = "name";
    else if ((why = text_problem(c->address, 500, true)))
        field = "address";
    else if ((why = text_problem(c->email, 254, false)) ||
             (*c->email && (!strchr(c->email, '@') || strchr(c->email, ' '))))
        field = "email", why = why ? why : "not an email address";
    else if (strlen(c->phone) > 40 || plus > 1 ||
             c->phone[plus + strspn(c->phone + plus, "0123456789 ()-")])
        field = "phone", why = "not a telephone number (digits, spaces, + ( ) -; up to 40)";
    if (field)
        buf_printf(err, "%s: %s", field, why);
    return field == NULL;
}

static int insert(struct store *s, const struct oh_contact *c, const struct audit_origin *by,
                  struct buf *err)
{
    char from[DATE_TEXT_SIZE];
    date_format(c->from, from);
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO office_holder_contact(holder, withdrawn, name,"
                                     " address, email, phone, from_on, recorded_at, recorded_by)"
                                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, " STORE_NOW ", ?8)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, oh_holder_word(c->holder), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, c->withdrawn);
    sqlite3_bind_text(st, 3, c->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing contact details");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    json_t *after =
        json_pack("{s:b, s:s, s:s, s:s, s:s, s:s}", "withdrawn", c->withdrawn, "name", c->name,
                  "address", c->address, "email", c->email, "phone", c->phone, "from", from);
    return store_audit_fact(s, "office-holder.contact", "office-holder", oh_holder_word(c->holder),
                            after, by, err);
}

int store_oh_record(struct store *s, const struct oh_contact *c, const struct audit_origin *by,
                    bool *published, struct buf *err)
{
    *published = false;
    if (!contact_ok(c, err))
        return -1;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = insert(s, c, by, err);
    if (rc == 0) {
        /* an office whose calendar has no such item recorded by hand (its
         * own file) still records the details */
        int p = store_tr_publish_in(s, OH_ITEM, c->from, -1, OH_URL, by, err);
        *published = p == 0;
        rc = p < 0 ? -1 : 0;
    }
    rc = store_finish(s, rc, err);
    *published = *published && rc == 0;
    return rc;
}

int store_oh_current(struct store *s, oh_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT holder, withdrawn, name, address, email, phone, from_on"
        " FROM office_holder_contact c WHERE id = (SELECT max(id) FROM office_holder_contact"
        " WHERE holder = c.holder) AND NOT withdrawn"
        " ORDER BY holder = 'deputy', holder",
        err);
    if (!st)
        return -1;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct oh_contact c = {.withdrawn = false,
                               .name = store_column_text(st, 2),
                               .address = store_column_text(st, 3),
                               .email = store_column_text(st, 4),
                               .phone = store_column_text(st, 5),
                               .from = store_column_date(st, 6)};
        if (!oh_holder_parse(store_column_text(st, 0), &c.holder))
            continue; /* the table's CHECK keeps any other out */
        fn(arg, &c);
        n++;
    }
    if (rc != SQLITE_DONE)
        n = store_fail(s, err, "reading contact details");
    sqlite3_finalize(st);
    return n;
}
