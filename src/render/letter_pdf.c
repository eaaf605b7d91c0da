/*
 * letter_pdf.c - a letter as an A4 PDF in memory (see letter_pdf.h), with
 * the report kit's document writer (render/pdf.h).
 */
#include "render/letter_pdf.h"
#include "render/pdf.h"

#include <assert.h>
#include <string.h>

int letter_pdf(const char *name, const char *title, const char *text, const char *date,
               struct buf *out, struct buf *err)
{
    assert(name && title && text && date);
    struct pdf_doc *d = pdf_open(name, title);
    struct buf stamp = BUF_INIT, para = BUF_INIT;
    buf_printf(&stamp, "%.10sT00:00:00Z", date);
    pdf_set_date(d, buf_str(&stamp));
    /* paragraphs end at a blank line; a single line break stays in the
     * paragraph, as the address's lines do */
    for (const char *p = text; *p;) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        buf_reset(&para);
        buf_append(&para, p, n);
        while (para.len && para.p[para.len - 1] == '\n')
            para.p[--para.len] = '\0';
        if (para.len)
            pdf_paragraph(d, PDF_TEXT, buf_str(&para));
        p += n;
        p += strspn(p, "\n");
    }
    buf_free(&stamp);
    buf_free(&para);
    return pdf_close_buf(d, out, NULL, err);
}
