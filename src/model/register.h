/*
 * register.h - an entry of the Office's registers of people (Specified
 * Information Order 2011): the register of interests of the Commissioner
 * and any Deputy (Sch. 1 para 1(e)), each offer of a gift or hospitality,
 * accepted or declined (para 2), and the salaries of the office-holders
 * and senior staff (paras 1(a)-(c), 2(d)); and the one set of rules an
 * entry must keep, whichever front end it comes through: a row of a file
 * (ingest/register_file.h) or a staff form (web/register_form.h). The
 * store keeps the versions (store/registers.h).
 */
#ifndef PEEL_MODEL_REGISTER_H
#define PEEL_MODEL_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum reg_kind { REG_INTERESTS, REG_GIFTS, REG_SALARIES, REG_KINDS };
/* "interests", "gifts", "salaries": the word in commands, paths and SQL */
const char *reg_kind_word(enum reg_kind k);
/* "Register of interests", "Gifts and hospitality", "Senior salaries" */
const char *reg_kind_title(enum reg_kind k);
bool reg_kind_parse(const char *w, enum reg_kind *k);

enum reg_outcome { REG_NO_OUTCOME, REG_ACCEPTED, REG_DECLINED };
const char *reg_outcome_word(enum reg_outcome o); /* "", "accepted", "declined" */

#define REG_REF_MAX  40   /* bytes of a reference: [A-Za-z0-9./_-] */
#define REG_TEXT_MAX 2000 /* bytes of any other field */
#define REG_NIL      "nil"
#define REG_WITHHELD "Name withheld (consent refused)"
/* The staff roles that record, correct and withdraw entries, on the
 * command line (--as) and on the staff side's forms alike: the monitoring
 * officer keeps the registers, the finance officer the salaries, and the
 * Commissioner answers for them. An entry is public once recorded, so no
 * role drafts one for another to approve. */
#define REG_KEEPERS "monitoring-officer finance-officer commissioner"

/* One entry as recorded. What a field holds depends on the register:
 *              date          category                  details           value
 *   interests  declared on   employment, office,       the interest      -
 *                            business, land, shares,
 *                            membership, other, nil
 *   gifts      offered on    gift, hospitality, nil    what was offered  its value
 *   salaries   as at         (empty)                   responsibilities  salary a year
 * donor and outcome are the gifts register's; allowances the salaries'.
 * holder is the person's name (for a salary, REG_WITHHELD when they
 * refuse consent to its publication: 2(d)); post their office or job. */
struct reg_entry {
    const char *ref, *holder, *post, *date, *category, *details, *donor;
    int64_t value_pence, allowances_pence;
    enum reg_outcome outcome;
    long line; /* of the file it came from (0: none) */
};

/* The fields of an entry as typed, in a file's columns or a form's
 * inputs. */
enum reg_field {
    REG_F_REF,
    REG_F_NAME,
    REG_F_POST,
    REG_F_DATE,
    REG_F_CATEGORY,
    REG_F_DETAILS,
    REG_F_DONOR,
    REG_F_VALUE,
    REG_F_OUTCOME,
    REG_F_SALARY,
    REG_F_ALLOWANCES,
    REG_FIELDS
};
/* "ref", "name", "post", "date", "category", "details", "donor", "value",
 * "outcome", "salary", "allowances": the field's name in errors and the
 * form's input names. */
const char *reg_field_word(enum reg_field f);
/* Whether register k has the field, and whether it must be given. */
bool reg_field_used(enum reg_kind k, enum reg_field f);
bool reg_field_required(enum reg_kind k, enum reg_field f);
/* The categories of register k, lower case, NULL-terminated, REG_NIL
 * last; NULL for the salaries, which have none. */
const char *const *reg_categories(enum reg_kind k);

/* Where the checked entry's normalised text is kept. */
struct reg_checked {
    char date[11];     /* YYYY-MM-DD */
    char category[16]; /* lower case */
};
/* Each problem, with the field it is in and what is wrong (literal text,
 * which may quote what was typed). */
typedef void (*reg_problem_fn)(void *arg, enum reg_field f, const char *message);

/* Checks one entry of register k typed as text[f] (never NULL: "" for a
 * field left empty; a date YYYY-MM-DD or DD/MM/YYYY), reporting each
 * problem to fn, and fills e (pointing into text and out; ref, line and
 * the fields k does not use untouched). An empty name of a salary is
 * REG_WITHHELD. Returns how many problems there were. */
int reg_entry_check(enum reg_kind k, const char *const text[REG_FIELDS], struct reg_entry *e,
                    struct reg_checked *out, reg_problem_fn fn, void *arg);

#endif
