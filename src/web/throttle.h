/*
 * throttle.h - sign-in attempts counted per account and per address, so
 * that passwords cannot be guessed at speed.
 *
 * Each key (a username as typed, or a client's address) may fail `limit`
 * times in `window` seconds; after that it is refused until the window
 * ends, whether or not the next try would be right. Usernames are counted
 * whether or not an account has them, so the refusals say nothing about
 * which exist. A success clears its username's count (not its address's:
 * an attacker's own account must not reset the count of its guesses).
 *
 * The counts are in memory, bounded: at most THROTTLE_KEYS keys; a new key
 * past that takes the place of the one whose window started longest ago.
 * A restart forgets them, which the argon2id cost of every try (a tenth of
 * a second, util/password.h) and the costly-page budget (guard.h) still
 * bound. No global state: the server holds one throttle per kind of key.
 */
#ifndef PEEL_WEB_THROTTLE_H
#define PEEL_WEB_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

#define THROTTLE_KEYS     1024
#define THROTTLE_KEY_SIZE 65

struct throttle;

struct throttle *throttle_new(unsigned limit, int64_t window);
void throttle_free(struct throttle *t);

/* Whether key may try now; when not, *retry_after says in how many
 * seconds it may. */
bool throttle_allows(struct throttle *t, const char *key, int64_t now, int64_t *retry_after);
/* A failed try by key at now. */
void throttle_fail(struct throttle *t, const char *key, int64_t now);
/* Forgets key's failures (a success). */
void throttle_clear(struct throttle *t, const char *key);

#endif
