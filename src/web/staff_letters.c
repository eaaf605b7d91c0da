/*
 * staff_letters.c - letters drafted from templates for a case, on the
 * staff side (store/letters.h): the form on a case's page and its answer,
 * a preview or a download as text, HTML or PDF (render/letter_pdf.h, made
 * in memory and sent, never stored).
 *
 * A letter holds the person's name and address, read from the vault: so it
 * is made only in answer to a POST that says why (each read audited, the
 * draft recorded), by the roles the route table lets read personal data,
 * and it is a private page (never cached, web/staff.c). Its text is not
 * kept: the record says which template, when and by whom.
 */
#include "render/letter_pdf.h"
#include "store/concerns.h"
#include "store/letters.h"
#include "util/html.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

#define CC "/staff/concerns"

static void template_option(void *arg, const struct letter_template_view *v)
{
    struct buf *b = arg;
    buf_puts(b, "<option value=\"");
    html_escape(b, v->t.name);
    buf_puts(b, "\">");
    html_escape(b, v->t.name);
    if (v->version)
        html_printf(b, " (version %d, loaded %s)", v->version, v->loaded_at);
    buf_puts(b, "</option>\n");
}

static void draft_item(void *arg, const struct letter_draft_view *d)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    html_escape(b, d->at);
    buf_puts(b, ": ");
    html_escape(b, d->name);
    html_printf(b, " (version %d, %s) <span class=\"hint\">(", d->version, d->format);
    html_escape(b, d->by);
    buf_puts(b, ")</span></li>\n");
}

/* The hidden fields and buttons that ask for the letter in each format. */
static void format_buttons(struct buf *b)
{
    buf_puts(b, "<p><button type=\"submit\" name=\"format\" value=\"preview\">Preview</button> "
                "<button type=\"submit\" name=\"format\" value=\"text\">Download as text</button> "
                "<button type=\"submit\" name=\"format\" value=\"html\">Download as HTML</button> "
                "<button type=\"submit\" name=\"format\" value=\"pdf\">Download as PDF</button>"
                "</p>\n");
}

void staff_letters_section(struct buf *b, const struct staff_request *sq, const char *ref)
{
    if (!staff_may(sq, "POST", CC "/:ref/letter"))
        return;
    struct buf options = BUF_INIT, drafts = BUF_INIT, err = BUF_INIT;
    int rc = store_letter_templates(sq->store, template_option, &options, &err);
    if (rc == 0)
        rc = store_letter_drafts(sq->store, ref, draft_item, &drafts, &err);
    buf_puts(b, "<h2>Letters</h2>\n");
    if (rc < 0) {
        buf_puts(b, "<p>The letter templates cannot be read: ");
        html_escape(b, buf_str(&err));
        buf_puts(b, "</p>\n");
    } else {
        if (drafts.len) {
            buf_puts(b, "<p>Drafted so far (the record keeps the template, never the "
                        "letter):</p>\n<ol>\n");
            buf_append(b, drafts.p, drafts.len);
            buf_puts(b, "</ol>\n");
        }
        buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" CC "/");
        html_escape(b, ref);
        buf_puts(b, "/letter\">\n");
        staff_csrf_field(b, sq);
        buf_puts(b, "<p><label for=\"lt-name\">Template</label>\n<select id=\"lt-name\" "
                    "name=\"template\">\n");
        buf_append(b, options.p, options.len);
        buf_puts(b, "</select></p>\n<p><label for=\"lt-why\">Why you need the person&#39;s "
                    "details</label>\n<input id=\"lt-why\" name=\"why\" required "
                    "maxlength=\"200\"></p>\n");
        format_buttons(b);
        buf_puts(b, "</form>\n");
    }
    buf_free(&options);
    buf_free(&drafts);
    buf_free(&err);
}

/* The letter's text as HTML: a blank line ends a paragraph, a line break
 * is kept. */
static void letter_paragraphs(struct buf *b, const char *text)
{
    buf_puts(b, "<p>");
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        struct buf line = BUF_INIT;
        buf_append(&line, p, n);
        html_escape(b, buf_str(&line));
        buf_free(&line);
        p += n;
        if (p[0] == '\n' && p[1] == '\n') {
            buf_puts(b, "</p>\n<p>");
            p += 2 + strspn(p + 2, "\n");
        } else if (p[0] == '\n') {
            p++;
            if (*p)
                buf_puts(b, "<br>\n");
        }
    }
    buf_puts(b, "</p>\n");
}

/* A download: the letter as a file, private to this response (a PDF is
 * made in memory, never written to a file). 0, or -1 with err. */
static int letter_file(struct web_response *rs, const char *ref, const char *name,
                       const char *format, const struct buf *title, const struct buf *text,
                       struct buf *err)
{
    buf_reset(&rs->body);
    bool html = strcmp(format, "html") == 0, pdf = strcmp(format, "pdf") == 0;
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    if (pdf && letter_pdf(ref, buf_str(title), buf_str(text), today, &rs->body, err) < 0)
        return -1;
    if (html) {
        buf_puts(&rs->body, "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta "
                            "charset=\"utf-8\">\n<title>");
        html_escape(&rs->body, buf_str(title));
        buf_puts(&rs->body, "</title>\n</head>\n<body>\n<main>\n");
        letter_paragraphs(&rs->body, buf_str(text));
        buf_puts(&rs->body, "</main>\n</body>\n</html>\n");
    } else if (!pdf)
        buf_append(&rs->body, text->p, text->len);
    rs->published_file = true; /* as made: never in the page cache */
    rs->content_type = pdf    ? "application/pdf"
                       : html ? "text/html; charset=utf-8"
                              : "text/plain; charset=utf-8";
    /* ref and name are checked (a case's reference; a-z, 0-9, '-') */
    snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s-%s.%s\"", ref,
             name,
             pdf    ? "pdf"
             : html ? "html"
                    : "txt");
    return 0;
}

static void letter_preview(struct staff_request *sq, struct web_response *rs, const char *ref,
                           const char *name, const struct buf *title, const struct buf *text)
{
    struct buf *b = &rs->body;
    staff_page_begin(b, sq, "Letter");
    buf_puts(b, "<h1>Letter for case ");
    html_escape(b, ref);
    buf_puts(b, "</h1>\n<p class=\"notice\">The person&#39;s details in this letter were read "
                "from the vault; the read is in the audit log with your name and reason. The "
                "letter is not kept: download it to send it.</p>\n<h2>");
    html_escape(b, buf_str(title));
    buf_puts(b, "</h2>\n<div class=\"letter\">\n");
    letter_paragraphs(b, buf_str(text));
    buf_puts(b, "</div>\n<form method=\"post\" class=\"staff-form\" action=\"" CC "/");
    html_escape(b, ref);
    buf_puts(b, "/letter\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<input type=\"hidden\" name=\"template\" value=\"");
    html_escape(b, name);
    buf_puts(b, "\">\n<input type=\"hidden\" name=\"why\" value=\"");
    html_escape(b, web_form_value(sq->form, "why"));
    buf_puts(b, "\">\n");
    format_buttons(b);
    buf_puts(b, "</form>\n<p><a href=\"" CC "/");
    html_escape(b, ref);
    buf_puts(b, "\">Back to the case</a></p>\n");
    page_end(b, sq->rq);
}

void staff_concern_letter(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    const char *name = web_form_value(sq->form, "template");
    const char *format = web_form_value(sq->form, "format");
    struct letter_request lr = {ref, name ? name : "", format ? format : "preview",
                                web_form_value(sq->form, "why"), date_today()};
    struct buf title = BUF_INIT, text = BUF_INIT, err = BUF_INIT;
    struct vault *v = vault_open(sq->store, NULL, &sq->by, &err);
    int rc = v ? store_letter_draft(sq->store, v, &lr, &sq->by, &title, &text, &err) : -1;
    vault_close(v);
    bool preview = rc == 0 && strcmp(lr.format, "preview") == 0;
    if (rc == 0 && !preview)
        rc = letter_file(rs, ref, lr.name, lr.format, &title, &text, &err);
    if (rc == LETTER_NO_CASE)
        page_error(sq->rq, rs, 404, "There is no case with this reference.");
    else if (rc > 0)
        page_error(sq->rq, rs, rc == LETTER_UNKNOWN ? 404 : 400, buf_str(&err));
    else if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else if (preview)
        letter_preview(sq, rs, ref, lr.name, &title, &text);
    buf_free(&title);
    buf_free(&text);
    buf_free(&err);
}
