/*
 * page_registers.c - the registers of interests, gifts and hospitality,
 * and senior salaries on the public site (store/registers.h,
 * assess/register_tables.h):
 *
 *   /registers                      the three registers, what each is, how
 *                                   many entries and when last changed
 *   /registers/:kind (.csv, .json)  a register's entries as they stand (a
 *                                   withdrawn one as its stub: reference,
 *                                   date, reason), then every version with
 *                                   why each was corrected or withdrawn
 *
 * The Specified Information Order 2011 asks for each (paras 1(a)-(c),
 * 1(e), 2, 2(d)); nothing recorded changes afterwards. Money is written by
 * model/money.h: for people on the page, to the penny in the data.
 */
#include "assess/register_tables.h"
#include "util/html.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>

/* What each register is, under the law that asks for it. */
static const char *const about[REG_KINDS] = {
    "Every paid employment, office or other pecuniary interest of the Police and Crime "
    "Commissioner and any Deputy (Specified Information Order 2011, Schedule 1 para 1(e)), "
    "kept up to date as they change. A nil return says there was nothing to declare.",
    "Each offer of a gift or hospitality to the Commissioner, the Deputy or the Office's "
    "staff, with its value, who offered it and whether it was accepted or declined "
    "(Schedule 1 para 2).",
    "The salary and allowances of the Commissioner and any Deputy (para 1(a)-(c)), and the "
    "job title, responsibilities and salary of each senior employee (para 2(d)), named "
    "unless they refuse consent.",
};

static void data_links(struct buf *b, enum reg_kind k)
{
    buf_printf(b,
               "<p>As data (every field, amounts in pounds to the penny): <a "
               "href=\"/registers/%s.csv\">CSV</a> or <a href=\"/registers/%s.json\">JSON</a>. "
               "Licence: " PAGE_OGL_LINK ".</p>\n",
               reg_kind_word(k), reg_kind_word(k));
}

void page_registers(const struct web_request *rq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    page_begin(b, rq, "Registers");
    buf_puts(b, "<h1>Registers of interests, gifts and hospitality, and salaries</h1>\n<p "
                "class=\"lead\">What the Commissioner, the Deputy and the Office&#39;s senior "
                "staff must declare, and what they are paid.</p>\n<p>An entry once recorded "
                "never changes: a correction is a new version that says why, and an entry "
                "withdrawn leaves its reference, date and reason in public. Licence: " PAGE_OGL_LINK
                ".</p>\n<ul>\n");
    int rc = 0;
    for (int k = 0; rc == 0 && k < REG_KINDS; k++) {
        struct reg_summary sum;
        rc = store_reg_summary(rq->store, (enum reg_kind)k, &sum, &err);
        if (rc < 0)
            break;
        const char *ids[] = {reg_kind_word((enum reg_kind)k)};
        buf_puts(b, "<li>");
        page_link(b, "/registers/", ids, 1, reg_kind_title((enum reg_kind)k));
        buf_printf(b, ": %ld entries", sum.entries);
        if (*sum.last_recorded) {
            buf_puts(b, ", last changed ");
            html_escape(b, sum.last_recorded);
        }
        buf_puts(b, ". ");
        html_escape(b, about[k]);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

/* The columns a screen leaves to the download (.csv, .json), so that a
 * register fits a desktop: from which file each version came; of the
 * entries as they stand, which version each is, when and why it was last
 * changed (the versions below say); of the versions, the office, the
 * category and the state, which the entries as they stand show. */
static const char *const current_hidden[] = {"version", "reason",      "recorded_at",
                                             "file",    "file_sha256", NULL};
static const char *const versions_hidden[] = {"post", "category",    "state",
                                              "file", "file_sha256", NULL};

static bool listed(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

/* t without the hidden columns, so that a register fits a desktop. */
static void page_register_table(struct buf *b, const struct table *t, const char *caption,
                                const char *const *headings, const char *const *hidden)
{
    const char *shown[REG_TABLE_MAX_COLS + 1];
    size_t n = 0;
    for (size_t c = 0; c < t->ncols && n < REG_TABLE_MAX_COLS; c++)
        if (!listed(hidden, t->names[c]))
            shown[n++] = t->names[c];
    shown[n] = NULL;
    page_table_columns(b, t, caption, headings, shown);
}

static void register_page(const struct web_request *rq, enum reg_kind k, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    const char *headings[REG_TABLE_MAX_COLS];
    reg_table_headings(k, headings);
    page_begin(b, rq, reg_kind_title(k));
    buf_puts(b, "<h1>");
    html_escape(b, reg_kind_title(k));
    buf_puts(b, "</h1>\n<p class=\"lead\">");
    html_escape(b, about[k]);
    buf_puts(b, "</p>\n<p><a href=\"/registers\">Every register</a></p>\n");
    data_links(b, k);
    struct table t;
    int rc = reg_current_table(rq->store, k, true, &t, &err);
    if (rc == 0 && t.nrows == 0)
        buf_puts(b, "<p>Nothing has been recorded in this register yet.</p>\n");
    else if (rc == 0)
        page_register_table(b, &t, "Entries as they stand", headings, current_hidden);
    if (rc == 0 && t.nrows > 0)
        buf_puts(b, "<p>Every column, with the file each version came from, is in the CSV "
                    "and JSON.</p>\n");
    table_free(&t);
    if (rc == 0) {
        rc = reg_versions_table(rq->store, k, NULL, false, true, &t, &err);
        if (rc == 0 && t.nrows > 0) {
            buf_puts(b, "<h2 id=\"versions\">Every version</h2>\n<p>Each entry as first "
                        "recorded and each correction, with its reason. A withdrawn entry "
                        "shows its stub alone.</p>\n");
            page_register_table(b, &t, "Every version of every entry", headings, versions_hidden);
        }
        table_free(&t);
    }
    page_finish(rq, rs, rc, &err);
    buf_free(&err);
}

void page_register(const struct web_request *rq, struct web_response *rs)
{
    enum reg_kind k;
    if (!reg_kind_parse(rq->match->args[0], &k)) {
        page_error(rq, rs, 404, "There is no such register: interests, gifts or salaries.");
        return;
    }
    if (rs->format == WEB_HTML) {
        register_page(rq, k, rs);
        return;
    }
    struct table t;
    struct buf err = BUF_INIT;
    if (reg_current_table(rq->store, k, false, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}
