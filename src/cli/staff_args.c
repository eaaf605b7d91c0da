/*
 * staff_args.c - the account a command-line change is made as (see
 * staff_args.h).
 */
#include "cli/staff_args.h"
#include "store/accounts.h"

#include <stdio.h>
#include <string.h>

struct wanted {
    const char *username;
    char role[64];
    bool found, disabled;
};

static void find(void *arg, const struct account *a)
{
    struct wanted *w = arg;
    if (strcmp(a->username, w->username) != 0)
        return;
    w->found = true;
    w->disabled = a->disabled_at != NULL;
    snprintf(w->role, sizeof w->role, "%s", a->role);
}

/* Whether role is a word of the space-separated list. */
static bool role_in(const char *role, const char *roles)
{
    size_t n = strlen(role);
    for (const char *p = roles; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (n && len == n && strncmp(p, role, n) == 0)
            return true;
        p += len + (end != NULL);
    }
    return false;
}

int cli_staff_as(const struct peel_cmd *cmd, struct store *s, const char *as, const char *roles,
                 const char *what)
{
    if (!as)
        return cli_usage_error(cmd, "%s: say which staff account makes the change (--as USER)",
                               what);
    struct wanted w = {.username = as};
    struct buf err = BUF_INIT;
    int rc = store_accounts(s, find, &w, &err);
    if (rc < 0)
        fprintf(stderr, "peel %s: %s\n", cmd->name, buf_str(&err));
    else if (!w.found || w.disabled)
        fprintf(stderr, "peel %s: '%s' is not an enabled staff account (peel user list)\n",
                cmd->name, as);
    else if (!role_in(w.role, roles))
        fprintf(stderr, "peel %s: %s: the role %s may not do this (only %s)\n", cmd->name, what,
                w.role, roles);
    buf_free(&err);
    return rc == 0 && w.found && !w.disabled && role_in(w.role, roles) ? 0 : 1;
}
