/*
 * form_html.c - the public forms' fields and error summary, written, and
 * their shared checks (see form_html.h).
 */
#include "web/form_html.h"
#include "util/html.h"

#include <string.h>

static void described_by(struct buf *b, const struct form_input *in)
{
    if (!in->hint && !in->error)
        return;
    buf_puts(b, " aria-describedby=\"");
    if (in->hint)
        buf_printf(b, "%s-hint", in->id);
    if (in->error)
        buf_printf(b, "%s%s-error", in->hint ? " " : "", in->id);
    buf_puts(b, "\"");
}

void form_html_input(struct buf *b, const struct form_input *in)
{
    bool textarea = strcmp(in->type, "textarea") == 0;
    buf_printf(b, "<p><label for=\"%s\">", in->id);
    html_escape(b, in->label);
    buf_puts(b, "</label>\n");
    if (in->hint)
        buf_printf(b, "<span class=\"hint\" id=\"%s-hint\">%s</span>\n", in->id, in->hint);
    if (in->error)
        buf_printf(b, "<span class=\"field-error\" id=\"%s-error\">%s</span>\n", in->id, in->error);
    if (textarea)
        buf_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"8\" %s", in->id, in->id, in->extra);
    else
        buf_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" %s", in->type, in->id, in->id,
                   in->extra);
    described_by(b, in);
    if (in->error)
        buf_puts(b, " aria-invalid=\"true\"");
    if (textarea) {
        buf_puts(b, ">");
        html_escape(b, in->value ? in->value : "");
        buf_puts(b, "</textarea></p>\n");
        return;
    }
    if (in->value) {
        buf_puts(b, " value=\"");
        html_escape(b, in->value);
        buf_puts(b, "\"");
    }
    buf_puts(b, "></p>\n");
}

void form_html_errors(struct buf *b, const char *const (*errors)[2], size_t n)
{
    if (!n)
        return;
    buf_puts(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n"
                "<h3>There is a problem</h3>\n<ul>\n");
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "<li><a href=\"#%s\">%s</a></li>\n", errors[i][0], errors[i][1]);
    buf_puts(b, "</ul>\n</div>\n");
}

const char *form_html_value(const struct web_form *wf, const char *name)
{
    const char *v = web_form_value(wf, name);
    return v && v[strspn(v, " \t\r\n")] ? v : NULL;
}

bool form_email_ok(const char *s)
{
    return strlen(s) <= 254 && strchr(s, '@');
}

bool form_phone_ok(const char *s)
{
    return strlen(s) <= 40 && strspn(s, "+0123456789 ()-") == strlen(s);
}
