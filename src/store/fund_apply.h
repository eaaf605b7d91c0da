/*
 * fund_apply.h - applications to a Safety Fund round and their assessment
 * (issue 18; migration 28): a draft saved and taken up again by its
 * reference, submitted once with its eligibility checked against the
 * round's rules (each failed rule a reason), scored criterion by
 * criterion against the round's rubric by several assessors, each of whom
 * declares any conflict (a conflicted assessor's score is refused, by the
 * database too), and moderated: an agreed score per criterion with the
 * reason it moved.
 *
 * The applicant's contact person (name, email, phone) is personal data:
 * it goes to the vault (store/vault.h) under subject "applicant:REF",
 * never into the fund's tables, which the public pages read. Each change
 * is one BEGIN IMMEDIATE transaction with its audit row (fund.apply,
 * fund.submit, fund.conflict, fund.score, fund.moderate; object
 * "fund:REF"); the vault's writes are its own, audited by the vault.
 */
#ifndef PEEL_STORE_FUND_APPLY_H
#define PEEL_STORE_FUND_APPLY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/fund.h"
#include "store/store.h"

struct vault;

#define FUND_REF_SIZE 13 /* "A-" and ten letters or digits, and the NUL */

struct fund_application {
    const char *round;
    const char *org_name, *org_type, *org_id; /* org_type: charity, cic, ... */
    const char *project;
    int64_t amount_pence;
    const char *district, *csp_code, *priorities, *outcomes, *budget_lines;
    const char *contact_name, *contact_email, *contact_phone; /* to the vault; NULL: unchanged */
};

/* What an application may choose (the public form's lists, and what the
 * store accepts): the districts and community safety partnerships of the
 * loaded area lookup (groupings "district" and "csp", their values as
 * loaded: what the map and the open data key them by), and the plan
 * priorities the round serves (its missions' keys, "m1" or "m2.s3"; every
 * mission of the latest plan when the round names none), each with its
 * title in the latest plan (the key itself when no plan names it). A list
 * that is empty (nothing loaded) checks nothing, except priorities: none
 * may be given when there is none to choose. */
struct fund_choices {
    /* csps are the partnerships' names, which people read and choose;
     * csp_codes[i] is the code of csps[i] from the lookup ("" for none) */
    char **districts, **csps, **csp_codes, **keys, **titles;
    size_t ndistricts, ncsps, npriorities;
};
/* The choices of round (a round's key, or an application's reference
 * A-...): 0, FUND_UNKNOWN (no such round or application), or -1. Free
 * with fund_choices_free either way. */
int store_fund_choices(struct store *s, const char *round, struct fund_choices *c, struct buf *err);
void fund_choices_free(struct fund_choices *c);
/* The partnership of c that value names, by its name or by its code (an
 * application stored with a code still finds its partnership): its name,
 * or NULL when it is neither. */
const char *fund_choices_csp(const struct fund_choices *c, const char *value);
/* Whether a's district, partnership and priorities (keys split at commas
 * and semicolons, trimmed) are among c's: 0, or FUND_BAD with err naming
 * the field, the value and the nearest valid one or the valid ones
 * (util/suggest.h). */
int fund_choices_check(const struct fund_choices *c, const struct fund_application *a,
                       struct buf *err);

/* Saves a draft: a new one when ref is NULL (its reference into ref_out,
 * to come back with), else the draft of that reference (FUND_UNKNOWN;
 * FUND_FROZEN once submitted). v may be NULL only when no contact field
 * is given. A district, partnership or priority not among the round's
 * choices (fund_choices_check) is FUND_BAD; a round or reference not
 * there FUND_UNKNOWN: a refused save writes nothing. */
int store_fund_apply(struct store *s, struct vault *v, const char *ref,
                     const struct fund_application *a, const struct audit_origin *by,
                     char ref_out[FUND_REF_SIZE], struct buf *err);

/* An application as read, for its applicant coming back to it by its
 * reference: a.round is the round's key; a's contact fields are NULL (the
 * contact person is in the vault, never read here). submitted_on is NULL
 * and eligible -1 for a draft. Strings valid during the callback. */
struct fund_application_view {
    const char *ref;
    struct fund_application a;
    const char *submitted_on, *reasons;
    int eligible;
};
typedef void (*fund_application_fn)(void *arg, const struct fund_application_view *v);
/* The application of reference ref to fn: 0, FUND_UNKNOWN, or -1. */
int store_fund_application(struct store *s, const char *ref, fund_application_fn fn, void *arg,
                           struct buf *err);

/* Whether the vault holds ref's contact person: a name and an email
 * address or a telephone number (vault_has: nothing is decrypted). 1, 0,
 * or -1 with err. */
int store_fund_contact_given(struct vault *v, const char *ref, struct buf *err);

/* Submits a draft on date `on` (YYYY-MM-DD; NULL: today): its eligibility
 * against the round's rules is checked and kept with the reasons (every
 * rule it fails, or that it meets them all) in *eligible and reasons. */
int store_fund_submit(struct store *s, const char *ref, const char *on,
                      const struct audit_origin *by, bool *eligible, struct buf *reasons,
                      struct buf *err);

int store_fund_conflict(struct store *s, const char *ref, const char *assessor, const char *nature,
                        const struct audit_origin *by, struct buf *err);
/* FUND_CONFLICTED when the assessor declared a conflict with it. */
int store_fund_score(struct store *s, const char *ref, const char *assessor, const char *criterion,
                     int score, const char *comment, const struct audit_origin *by,
                     struct buf *err);
int store_fund_moderate(struct store *s, const char *ref, const char *criterion, int score,
                        const char *reason, const struct audit_origin *by, struct buf *err);

/* What has been recorded of an application's assessment, oldest first:
 * kind "conflict" (who, text: its nature), "score" (who, criterion,
 * score, text: the comment) or "moderation" (who moderated, criterion,
 * score, text: why it moved); criterion NULL and score -1 for a conflict.
 * Strings valid during the callback. */
struct fund_assessment_view {
    const char *kind, *who, *criterion, *text, *at;
    int score;
};
typedef void (*fund_assessment_fn)(void *arg, const struct fund_assessment_view *v);
int store_fund_assessments(struct store *s, const char *ref, fund_assessment_fn fn, void *arg,
                           struct buf *err);

/* An application's standing: its weighted score in percent (each
 * criterion's moderated score, else the mean of its assessors' scores,
 * over its top score, weighted), -1 until every criterion has one. The
 * score is final once every criterion of the rubric is moderated; before
 * that it is provisional: the round's list shows it only as such, and
 * only to the moderators (the assessors' marks stay independent). */
struct fund_result {
    const char *ref, *org_name, *project, *submitted_on;
    int64_t amount_pence;
    int eligible;                     /* 1, 0, or -1 for a draft */
    long scores, moderated, criteria; /* moderated: criteria with an agreed score */
    double percent;
    bool meets; /* percent at or above the round's threshold */
    bool final; /* every criterion moderated */
};
typedef void (*fund_result_fn)(void *arg, const struct fund_result *r);
int store_fund_results(struct store *s, const char *round, fund_result_fn fn, void *arg,
                       struct buf *err);

/* A sent application as the fund's statistics count it (assess/
 * fund_stats.h): its round, district, the plan priorities it serves
 * ("m1,m2"), what it asked for and, when an award answers it, what was
 * awarded. Strings valid during the callback. */
struct fund_application_fact {
    const char *round, *district, *priorities;
    int64_t requested_pence, awarded_pence;
    bool eligible, awarded;
};
typedef void (*fund_fact_fn)(void *arg, const struct fund_application_fact *f);
/* Every sent application (round NULL) or a round's, oldest first;
 * public_only: only of rounds whose decision is published, so that what
 * was awarded is public and final. */
int store_fund_application_facts(struct store *s, const char *round, bool public_only,
                                 fund_fact_fn fn, void *arg, struct buf *err);

#endif
