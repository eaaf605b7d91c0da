/*
 * table_html.c - a struct table as an HTML table (see table_html.h).
 */
#include "render/table_html.h"
#include "util/html.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>

/* How many columns are shown, and which is the i-th. */
static size_t shown(const struct table *t, const struct table_html *opt)
{
    return opt->columns ? opt->ncolumns : t->ncols;
}

static size_t column(const struct table_html *opt, size_t i)
{
    return opt->columns ? opt->columns[i] : i;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Whether column c is an estimate whose 95% limits follow it. */
static bool has_interval(const struct table *t, const struct table_html *opt, size_t c)
{
    return opt->join_intervals && c + 2 < t->ncols &&
           ((ends_with(t->names[c + 1], "_lower_95") && ends_with(t->names[c + 2], "_upper_95")) ||
            (ends_with(t->names[c + 1], "_lower") && ends_with(t->names[c + 2], "_upper")));
}

/* Whether column c is such a limit, shown under its estimate. */
static bool is_limit(const struct table *t, const struct table_html *opt, size_t c)
{
    return (c >= 1 && has_interval(t, opt, c - 1)) || (c >= 2 && has_interval(t, opt, c - 2));
}

static void put_head(struct buf *out, const struct table *t, const struct table_html *opt)
{
    buf_puts(out, "<thead><tr>");
    for (size_t i = 0; i < shown(t, opt); i++) {
        size_t c = column(opt, i);
        if (is_limit(t, opt, c))
            continue;
        buf_puts(out, t->right[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        html_escape(out, opt->headers ? opt->headers[c] : t->names[c]);
        if (has_interval(t, opt, c))
            buf_puts(out, " (95% CI)");
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead>\n");
}

/* A number for people, carrying its CSV text. */
static void put_number(struct buf *out, const struct cell *cell)
{
    struct buf plain = BUF_INIT, human = BUF_INIT;
    table_cell_text(cell, false, &plain);
    table_cell_text(cell, true, &human);
    buf_puts(out, "<data value=\"");
    html_escape(out, buf_str(&plain));
    buf_puts(out, "\">");
    html_escape(out, buf_str(&human));
    buf_puts(out, "</data>");
    buf_free(&plain);
    buf_free(&human);
}

/* A number is shown with separators and carries its CSV text; an
 * estimate (limits non-NULL) has its interval under it. */
static void put_cell(struct buf *out, const struct cell *cell, size_t col,
                     const struct cell *limits[2])
{
    const char *tag = col == 0 ? "th" : "td";
    bool number = cell->type == CELL_INT || cell->type == CELL_REAL;
    buf_printf(out, "<%s%s%s>", tag, col == 0 ? " scope=\"row\"" : "",
               number ? " class=\"num\"" : "");
    if (number) {
        put_number(out, cell);
    } else {
        struct buf human = BUF_INIT;
        table_cell_text(cell, true, &human);
        html_escape(out, buf_str(&human));
        buf_free(&human);
    }
    if (limits && limits[0]->type == CELL_REAL && limits[1]->type == CELL_REAL) {
        buf_puts(out, "<br><span class=\"ci\">");
        put_number(out, limits[0]);
        buf_puts(out, "\u2013");
        put_number(out, limits[1]);
        buf_puts(out, "</span>");
    }
    buf_printf(out, "</%s>", tag);
}

static void put_body(struct buf *out, const struct table *t, const struct table_html *opt)
{
    buf_puts(out, "<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const char *cls = opt->row_classes ? opt->row_classes[r] : NULL;
        if (cls) {
            buf_puts(out, "<tr class=\"");
            html_escape(out, cls);
            buf_puts(out, "\">");
        } else {
            buf_puts(out, "<tr>");
        }
        for (size_t i = 0; i < shown(t, opt); i++) {
            size_t c = column(opt, i);
            if (is_limit(t, opt, c))
                continue;
            const struct cell *limits[2] = {NULL, NULL};
            if (has_interval(t, opt, c)) {
                limits[0] = table_cell(t, r, c + 1);
                limits[1] = table_cell(t, r, c + 2);
            }
            put_cell(out, table_cell(t, r, c), i, limits[0] ? limits : NULL);
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody>\n");
}

/* The heading of the column a note names, when it names one by a machine
 * name (one with '_' or a digit: "change_is", "sha256"), for people;
 * a plain word ("rows") is left as the word it is. */
static const char *heading_of(const struct table *t, const struct table_html *opt, const char *word,
                              size_t n)
{
    bool machine = false;
    for (size_t i = 0; i < n; i++)
        machine |= word[i] == '_' || isdigit((unsigned char)word[i]);
    for (size_t c = 0; machine && opt->headers && c < t->ncols; c++)
        if (strlen(t->names[c]) == n && memcmp(t->names[c], word, n) == 0)
            return opt->headers[c];
    return NULL;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* A note as people read it: the columns it names by their headings. */
static void put_note(struct buf *out, const struct table *t, const struct table_html *opt,
                     const char *note)
{
    struct buf text = BUF_INIT;
    for (const char *p = note; *p;) {
        if (!word_char(*p)) {
            buf_putc(&text, *p++);
            continue;
        }
        const char *end = p;
        while (word_char(*end))
            end++;
        const char *h = heading_of(t, opt, p, (size_t)(end - p));
        if (h)
            buf_printf(&text, "\u201c%s\u201d", h);
        else
            buf_append(&text, p, (size_t)(end - p));
        p = end;
    }
    html_escape(out, buf_str(&text));
    buf_free(&text);
}

void table_html(struct buf *out, const struct table *t, const struct table_html *opt)
{
    assert(t->ncols > 0);
    for (size_t i = 0; opt->columns && i < opt->ncolumns; i++)
        assert(opt->columns[i] < t->ncols);
    buf_puts(out, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
    html_escape(out, opt->caption ? opt->caption : "table");
    buf_puts(out, "\">\n<table");
    if (opt->id) {
        buf_puts(out, " id=\"");
        html_escape(out, opt->id);
        buf_puts(out, "\"");
    }
    buf_puts(out, ">\n");
    if (opt->caption) {
        buf_puts(out, "<caption>");
        html_escape(out, opt->caption);
        buf_puts(out, "</caption>\n");
    }
    put_head(out, t, opt);
    put_body(out, t, opt);
    buf_puts(out, "</table>\n</div>\n");
    if (t->nnotes == 0)
        return;
    buf_puts(out, "<ul class=\"notes\">\n");
    for (size_t i = 0; i < t->nnotes; i++) {
        buf_puts(out, "<li>");
        put_note(out, t, opt, t->notes[i]);
        buf_puts(out, "</li>\n");
    }
    buf_puts(out, "</ul>\n");
}
