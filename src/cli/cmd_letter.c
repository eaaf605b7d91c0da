/*
 * cmd_letter.c - `peel letter`: the Office's letter templates
 * (store/letters.h) and a letter drafted from one for a case.
 *
 *   peel letter list
 *   peel letter show NAME
 *   peel letter load NAME FILE
 *   peel letter draft REF NAME --why TEXT [--pdf FILE] [--today DATE] [--keys FILE]
 *
 * A template file is its title on the first line, a blank line, then the
 * body. A load and a draft are audited as done by "cli:USER" with the
 * command line; a draft's personal fields are audited vault reads.
 */
#include "cli/commands.h"
#include "cli/date_args.h"
#include "render/letter_pdf.h"
#include "store/concerns.h"
#include "store/letters.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct letter_args {
    const char *operand[2], *why, *keys, *pdf;
    int today;
};

static bool option(int c, const char *arg, void *args)
{
    struct letter_args *a = args;
    if (c == 't')
        return cli_date_arg(&cmd_letter, "--today", arg, &a->today);
    if (c == 'y')
        a->why = arg;
    else if (c == 'K')
        a->keys = arg;
    else if (c == 'p')
        a->pdf = arg;
    return c == 'y' || c == 'K' || c == 'p';
}

static int fail(const struct buf *err)
{
    fprintf(stderr, "peel letter: %s\n", buf_str(err));
    return 1;
}

static void print_line(void *arg, const struct letter_template_view *v)
{
    (void)arg;
    if (v->version)
        printf("%-24s version %d, loaded %s by %s: %s\n", v->t.name, v->version, v->loaded_at,
               v->loaded_by, v->t.title);
    else
        printf("%-24s shipped: %s\n", v->t.name, v->t.title);
}

static void print_whole(void *arg, const struct letter_template_view *v)
{
    (void)arg;
    printf("%s\n\n%s", v->t.title, v->t.body);
}

/* Reads FILE as a template named name and stores it. */
static int load(struct store *s, const char *name, const char *path, const struct audit_origin *by)
{
    struct buf bytes = BUF_INIT, err = BUF_INIT;
    int rc = buf_read_file(&bytes, path, &err) ? 0 : -1;
    char *text = rc == 0 ? (char *)buf_str(&bytes) : NULL;
    char *nl = text ? strchr(text, '\n') : NULL;
    if (rc == 0 && (!nl || nl[1] != '\n')) {
        buf_printf(&err, "%s: line 2: the title is the first line, then a blank line", path);
        rc = LETTER_REFUSED;
    } else if (rc == 0 && strlen(text) != bytes.len) {
        buf_printf(&err, "%s: a NUL byte in the file", path);
        rc = LETTER_REFUSED;
    }
    int version = 0;
    if (rc == 0) {
        *nl = '\0';
        struct letter_template t = {name, text, nl + 2};
        struct buf why = BUF_INIT;
        rc = store_letter_template_put(s, &t, by, &version, &why);
        if (rc)
            buf_printf(&err, "%s: %s", path, buf_str(&why));
        buf_free(&why);
    }
    if (rc == 0)
        printf("%s: template %s, version %d\n", path, name, version);
    else
        fail(&err);
    buf_free(&bytes);
    buf_free(&err);
    return rc == 0 ? 0 : rc == LETTER_REFUSED ? EXIT_USAGE : 1;
}

/* Opens path for the PDF: a new file only its owner may read (never over
 * another, never through a temporary one), before anything is read from
 * the vault; "-" is standard output. The descriptor, or -1 with err. */
static int open_pdf(const char *path, struct buf *err)
{
    if (strcmp(path, "-") == 0)
        return STDOUT_FILENO;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        buf_printf(err, "%s: cannot write the letter: %s%s", path, strerror(errno),
                   errno == EEXIST ? " (a letter is never written over a file)" : "");
    return fd;
}

/* Writes the PDF (NULL: nothing, the letter failed) and closes fd; a file
 * left unfinished is removed. 0, or -1 with err. */
static int finish_pdf(int fd, const char *path, const struct buf *pdf, struct buf *err)
{
    size_t done = 0;
    while (pdf && done < pdf->len) {
        ssize_t n = write(fd, pdf->p + done, pdf->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    bool ok = pdf && done == pdf->len;
    int saved = errno;
    if (fd != STDOUT_FILENO && close(fd) != 0 && ok)
        ok = false, saved = errno;
    if (!ok && fd != STDOUT_FILENO)
        unlink(path);
    if (!ok && pdf)
        buf_printf(err, "%s: cannot write the letter: %s", path, strerror(saved));
    return ok ? 0 : -1;
}

static int draft(struct store *s, const struct letter_args *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT, title = BUF_INIT, text = BUF_INIT, pdf = BUF_INIT;
    int fd = a->pdf ? open_pdf(a->pdf, &err) : -1;
    struct vault *v = a->pdf && fd < 0 ? NULL : vault_open(s, a->keys, by, &err);
    struct letter_request rq = {a->operand[0], a->operand[1], a->pdf ? "pdf" : "text", a->why,
                                a->today};
    int rc = v ? store_letter_draft(s, v, &rq, by, &title, &text, &err) : -1;
    vault_close(v);
    if (rc == LETTER_NO_CASE)
        buf_printf(&err, "there is no case %s", rq.ref);
    char today[DATE_TEXT_SIZE];
    date_format(a->today, today);
    if (rc == 0 && a->pdf &&
        letter_pdf(rq.ref, buf_str(&title), buf_str(&text), today, &pdf, &err) < 0)
        rc = -1;
    if (fd >= 0 && finish_pdf(fd, a->pdf, rc == 0 ? &pdf : NULL, &err) < 0 && rc == 0)
        rc = -1;
    if (rc == 0 && !a->pdf)
        fwrite(text.p, 1, text.len, stdout);
    else if (rc == 0 && strcmp(a->pdf, "-") != 0)
        printf("%s: the letter, %zu bytes (readable by you alone)\n", a->pdf, pdf.len);
    else if (rc != 0)
        fail(&err);
    buf_free(&pdf);
    buf_free(&err);
    buf_free(&title);
    buf_free(&text);
    return rc == 0 ? 0 : rc == -1 ? 1 : EXIT_USAGE;
}

static int show(struct store *s, const char *name)
{
    struct buf err = BUF_INIT;
    int rc = store_letter_template(s, name, print_whole, NULL, &err);
    if (rc == LETTER_UNKNOWN)
        buf_printf(&err, "there is no letter template %s", name);
    if (rc)
        fail(&err);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* Runs action i (list, show, load, draft); by names the command line as
 * typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    static const char *const actions[] = {"list", "show", "load", "draft"};
    static const int operands[] = {0, 1, 2, 2};
    static const struct option longopts[] = {{"why", required_argument, NULL, 'y'},
                                             {"keys", required_argument, NULL, 'K'},
                                             {"today", required_argument, NULL, 't'},
                                             {"pdf", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    struct letter_args a = {.today = DATE_NONE};
    int rc =
        cli_parse_options(&cmd_letter, argc, argv, longopts, option, &a, a.operand, operands[i]);
    if (rc)
        return rc;
    if (operands[i] && !a.operand[operands[i] - 1])
        return cli_usage_error(&cmd_letter, "%s: see the usage", actions[i]);
    if (a.today == DATE_NONE)
        a.today = date_today();
    struct store *s = i >= 2 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    if (i == 0)
        rc = store_letter_templates(s, print_line, NULL, &err) == 0 ? 0 : fail(&err);
    buf_free(&err);
    if (i <= 1)
        return i == 0 ? rc : show(s, a.operand[0]);
    return i == 2 ? load(s, a.operand[0], a.operand[1], by) : draft(s, &a, by);
}

static int run_letter(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"list", "show", "load", "draft"};
    return cli_run_action(&cmd_letter, argc, argv, ctx, actions, 4, act);
}

const struct peel_cmd cmd_letter = {
    "letter",
    run_letter,
    "letter templates, and a letter drafted from one for a case",
    "peel letter list\n"
    "       peel letter show NAME\n"
    "       peel letter load NAME FILE\n"
    "       peel letter draft REF NAME --why TEXT [--pdf FILE] [--today DATE]\n"
    "            [--keys FILE]",
    "The Office's letters (docs/concerns.md). list prints the templates (the\n"
    "shipped ones, or the latest version loaded); show prints one. load stores\n"
    "FILE (its title on the first line, a blank line, then the body) as the next\n"
    "version of template NAME; a placeholder {{x}} that is not one of the known\n"
    "ones is refused, naming the template, the line and the placeholder. draft\n"
    "prints case REF's letter from template NAME: the case's reference and dates\n"
    "(worked out by the working-day calendar), the person's name and address read\n"
    "from the vault (audited with --why). The draft is recorded; its text is not.\n"
    "--pdf writes it as an A4 PDF to FILE, a new file readable by you alone (never\n"
    "over another; - for standard output), made in memory on the way: keep it out\n"
    "of any folder the site or a report publishes.\n"
    "\n"
    "Examples:\n"
    "  peel letter load acknowledgement ack.txt\n"
    "  peel letter draft C-2026-0001 acknowledgement --why 'reply to the contact'\n"
    "  peel letter draft C-2026-0001 review-upheld --why 'the decision' --pdf c1.pdf\n",
};
