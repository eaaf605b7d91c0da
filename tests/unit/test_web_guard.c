/*
 * test_web_guard.c - the guard against abusive clients (web/guard.h): who a
 * client is behind a trusted proxy, the costly pages' budget (charged in
 * CPU, which waiting does not add to) and slots, and
 * the waiting connections' caps and deadline, on socket pairs (a connection
 * the guard shuts reads as ended at the other end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "web/guard.h"

static struct sockaddr_in address(const char *ip)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

/* A connection the guard watches, and the other end of its socket. */
struct end {
    int ours, theirs;
    struct guard_conn *c;
};

static void open_end(struct guard *g, struct end *e, const char *ip)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    e->ours = sv[0];
    e->theirs = sv[1];
    struct sockaddr_in a = address(ip);
    e->c = guard_conn_open(g, e->ours, (struct sockaddr *)&a);
}

static void close_end(struct guard *g, struct end *e)
{
    guard_conn_close(g, e->c);
    close(e->ours);
    close(e->theirs);
}

/* Whether the guard shut the connection: its other end reads an end. */
static bool was_shut(const struct end *e)
{
    struct pollfd p = {.fd = e->theirs, .events = POLLIN};
    char c;
    return poll(&p, 1, 0) == 1 && read(e->theirs, &c, 1) == 0;
}

static struct guard *guard_with(struct guard_options o)
{
    char err[128];
    struct guard *g = guard_new(&o, err, sizeof err);
    assert_non_null(g);
    return g;
}

static void the_client_behind_a_trusted_proxy(void **state)
{
    (void)state;
    struct guard_options o = {.trusted = {"127.0.0.1", "10.0.0.2"}, .ntrusted = 2};
    struct guard *g = guard_with(o);
    char who[GUARD_CLIENT_SIZE];
    guard_client(g, "192.0.2.7", NULL, who);
    assert_string_equal(who, "192.0.2.7");
    /* an untrusted peer's X-Forwarded-For is anyone's to write */
    guard_client(g, "192.0.2.7", "203.0.113.9", who);
    assert_string_equal(who, "192.0.2.7");
    guard_client(g, "127.0.0.1", "203.0.113.9", who);
    assert_string_equal(who, "203.0.113.9");
    /* the right-most entry not a proxy: the left ones may be made up */
    guard_client(g, "127.0.0.1", "6.6.6.6, 203.0.113.9 , 10.0.0.2", who);
    assert_string_equal(who, "203.0.113.9");
    /* nothing usable: the proxy is the client */
    guard_client(g, "127.0.0.1", "", who);
    assert_string_equal(who, "127.0.0.1");
    assert_true(guard_trusted(g, "10.0.0.2"));
    assert_false(guard_trusted(g, "10.0.0.3"));
    guard_free(g);
}

static void a_client_over_its_budget_is_told_when_to_come_back(void **state)
{
    (void)state;
    struct guard *g = guard_with((struct guard_options){.budget = 0.5, .window = 60});
    int retry = 0;
    assert_int_equal(guard_costly_begin(g, "a", true, &retry), GUARD_GO);
    guard_costly_end(g, "a", true, 0.6);
    assert_int_equal(guard_costly_begin(g, "a", false, &retry), GUARD_OVER_BUDGET);
    assert_true(retry >= 59 && retry <= 60);
    /* another client has its own */
    assert_int_equal(guard_costly_begin(g, "b", false, &retry), GUARD_GO);
    guard_costly_end(g, "b", false, 0.1);
    guard_free(g);
}

/* What a page is charged is the CPU its thread used (util/clock.h, as
 * web/app.c measures it), to which waiting adds nothing: a tenth of a
 * second asleep, as a page waits for a core on a busy machine, costs a
 * tiny fraction of it. */
static void waiting_is_not_charged(void **state)
{
    (void)state;
    double cpu = clock_thread_seconds(), wall = clock_seconds();
    struct timespec tenth = {0, 100 * 1000 * 1000};
    while (nanosleep(&tenth, &tenth) != 0)
        ;
    assert_true(clock_seconds() - wall >= 0.1);
    assert_true(clock_thread_seconds() - cpu < 0.05);
}

static void query_pages_have_slots_and_others_do_not_wait_for_them(void **state)
{
    (void)state;
    struct guard *g = guard_with((struct guard_options){.max_costly = 1});
    int retry = 0;
    assert_int_equal(guard_costly_begin(g, "a", true, &retry), GUARD_GO);
    assert_int_equal(guard_costly_begin(g, "b", true, &retry), GUARD_BUSY);
    assert_int_equal(retry, 1);
    assert_int_equal(guard_costly_begin(g, "b", false, &retry), GUARD_GO);
    guard_costly_end(g, "b", false, 0.01);
    guard_costly_end(g, "a", true, 0.01);
    assert_int_equal(guard_costly_begin(g, "b", true, &retry), GUARD_GO);
    guard_costly_end(g, "b", true, 0.01);
    guard_free(g);
}

static void one_address_holds_at_most_its_share_of_waiting_connections(void **state)
{
    (void)state;
    struct guard *g = guard_with((struct guard_options){.max_waiting_per_client = 2});
    struct end e[4];
    for (int i = 0; i < 3; i++)
        open_end(g, &e[i], "127.0.1.1");
    open_end(g, &e[3], "127.0.0.99");
    assert_true(was_shut(&e[0])); /* the oldest of the address */
    assert_false(was_shut(&e[1]));
    assert_false(was_shut(&e[2]));
    assert_false(was_shut(&e[3]));
    for (int i = 0; i < 4; i++)
        close_end(g, &e[i]);
    guard_free(g);
}

static void the_oldest_waiting_connection_makes_room(void **state)
{
    (void)state;
    struct guard *g = guard_with((struct guard_options){.max_waiting = 2});
    struct end e[3];
    open_end(g, &e[0], "127.0.1.1");
    guard_conn_working(g, e[0].c); /* working: never shut for room */
    open_end(g, &e[1], "127.0.1.2");
    open_end(g, &e[2], "127.0.1.3");
    struct end f;
    open_end(g, &f, "127.0.1.4");
    assert_false(was_shut(&e[0]));
    assert_true(was_shut(&e[1]));
    assert_false(was_shut(&e[2]));
    assert_false(was_shut(&f));
    close_end(g, &f);
    for (int i = 0; i < 3; i++)
        close_end(g, &e[i]);
    guard_free(g);
}

/* Behind a reverse proxy every visitor comes from its address. */
static void a_trusted_proxy_is_not_held_to_one_address_share(void **state)
{
    (void)state;
    struct guard_options o = {.max_waiting_per_client = 2, .trusted = {"10.0.0.2"}, .ntrusted = 1};
    struct guard *g = guard_with(o);
    struct end p[5];
    for (int i = 0; i < 5; i++)
        open_end(g, &p[i], "10.0.0.2");
    for (int i = 0; i < 5; i++)
        assert_false(was_shut(&p[i]));
    for (int i = 0; i < 5; i++)
        close_end(g, &p[i]);
    guard_free(g);
}

static void a_request_that_does_not_arrive_in_time_is_shut(void **state)
{
    (void)state;
    struct guard *g = guard_with((struct guard_options){.deadline = 0.2});
    struct end slow, busy, next;
    open_end(g, &slow, "127.0.1.1");
    open_end(g, &busy, "127.0.1.2");
    guard_conn_working(g, busy.c);
    usleep(700 * 1000); /* the deadline and more than two of the watchdog's rounds */
    assert_true(was_shut(&slow));
    assert_false(was_shut(&busy));
    /* after its response, a connection waits for the next request afresh */
    guard_conn_waiting(g, busy.c);
    open_end(g, &next, "127.0.1.3");
    assert_false(was_shut(&busy));
    usleep(700 * 1000);
    assert_true(was_shut(&busy));
    assert_true(was_shut(&next));
    close_end(g, &slow);
    close_end(g, &busy);
    close_end(g, &next);
    guard_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_client_behind_a_trusted_proxy),
        cmocka_unit_test(a_client_over_its_budget_is_told_when_to_come_back),
        cmocka_unit_test(waiting_is_not_charged),
        cmocka_unit_test(query_pages_have_slots_and_others_do_not_wait_for_them),
        cmocka_unit_test(one_address_holds_at_most_its_share_of_waiting_connections),
        cmocka_unit_test(the_oldest_waiting_connection_makes_room),
        cmocka_unit_test(a_trusted_proxy_is_not_held_to_one_address_share),
        cmocka_unit_test(a_request_that_does_not_arrive_in_time_is_shut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
