/*
 * child.c - a program run without a shell, bounded in time and output
 * (see child.h): posix_spawnp, one pipe read with poll until a deadline
 * on the monotonic clock.
 */
#include "util/child.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int spawn(const char *const argv[], int pipe_fd[2], pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pipe_fd[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    /* posix_spawn's argv is char *const[]: the strings are not written */
    int rc = posix_spawnp(pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

/* Reads the child's output until it closes it, the deadline passes or
 * the cap is passed: 0, or a reason (a static string) it was stopped. */
static const char *drain(int fd, long long deadline, size_t max_out, struct buf *out)
{
    size_t start = out->len;
    char chunk[65536];
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return "ran out of time";
        struct pollfd p = {fd, POLLIN, 0};
        int n = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
        if (n < 0 && errno != EINTR)
            return "could not be read";
        if (n <= 0)
            continue;
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno != EINTR && errno != EAGAIN)
            return "could not be read";
        if (got == 0)
            return NULL;
        if (got > 0 && out->len - start + (size_t)got > max_out)
            return "wrote more than its limit";
        if (got > 0)
            buf_append(out, chunk, (size_t)got);
    }
}

/* Waits for pid until the deadline, then kills it: its wait status. */
static int reap(pid_t pid, long long deadline, bool kill_now)
{
    int status = 0;
    while (!kill_now && now_ms() < deadline) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return status;
        struct timespec pause = {0, 5 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return -1;
}

int child_run(const char *const argv[], int ms, size_t max_out, struct buf *out, struct buf *err)
{
    assert(argv && argv[0] && ms > 0);
    int fd[2];
    if (pipe2(fd, O_CLOEXEC) < 0) {
        buf_printf(err, "%s: no pipe: %s", argv[0], strerror(errno));
        return -1;
    }
    pid_t pid;
    int rc = spawn(argv, fd, &pid);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        if (rc == ENOENT)
            return CHILD_NOT_FOUND;
        buf_printf(err, "%s: could not be run: %s", argv[0], strerror(rc));
        return -1;
    }
    long long deadline = now_ms() + ms;
    const char *stopped = drain(fd[0], deadline, max_out, out);
    close(fd[0]);
    int status = reap(pid, deadline, stopped != NULL);
    if (stopped || status < 0) {
        buf_printf(err, "%s %s (limits: %d ms, %zu bytes): stopped", argv[0],
                   stopped ? stopped : "ran out of time", ms, max_out);
        return -1;
    }
    if (WIFSIGNALED(status)) {
        buf_printf(err, "%s was stopped by signal %d", argv[0], WTERMSIG(status));
        return -1;
    }
    if (WEXITSTATUS(status) != 0) {
        buf_printf(err, "%s exited with status %d", argv[0], WEXITSTATUS(status));
        return -1;
    }
    return 0;
}
