/*
 * page_decision.c - one decision on the public site: /decisions/:slug and
 * an earlier version at /decisions/:slug/version/:n (each also .csv and
 * .json: the register's row for it).
 *
 * The page gives every public field under the headings the Openness of
 * Local Government Bodies Regulations 2014 (reg. 7) ask for (the date,
 * the decision, the reasons, the alternative options rejected, conflicts
 * of interest and dispensations) and the Office's own (title, summary,
 * background, financial implications with the amount and budget line,
 * legal, equality, lead officer, the decision maker and role); its public
 * documents, as links that are never fetched; its versions, each saying
 * which it corrects and why; a banner when it was rescinded. A decision
 * exempt as a whole is a stub: its reference, date, subject, decision
 * maker and the exemption, nothing more. Fields with exempt parts are
 * named, never their text (the store never gives it to these reads).
 *
 * Versions are a path segment, not a query parameter, so the page cache,
 * keyed by the route's arguments, keeps each version apart.
 */
#include "model/calendar.h"
#include "util/html.h"
#include "web/decision_data.h"
#include "web/page.h"
#include "web/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Versions listed on a page at most: a correction a year is many. */
#define VERSIONS_SHOWN 50

/* What a page needs to know before it draws the version asked for. */
struct current {
    bool found, stub;
    int version;
    char state[16];
};

static void take_current(void *arg, const struct decision_public *d)
{
    struct current *c = arg;
    c->found = true;
    c->stub = d->stub;
    c->version = d->version;
    snprintf(c->state, sizeof c->state, "%s", d->state ? d->state : "");
}

/* The page being drawn: its buffer, the slug, what is current. */
struct drawing {
    struct buf *b;
    const char *slug;
    const struct current *cur;
};

/* Text as paragraphs: a blank line between paragraphs, a line break
 * within one. */
static void paragraphs(struct buf *b, const char *text)
{
    struct buf para = BUF_INIT;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        bool blank_next = p[n] == '\n' && p[n + 1] == '\n';
        buf_append(&para, p, n);
        p += n + (p[n] ? 1 : 0);
        if (blank_next || !*p) {
            buf_puts(b, "<p>");
            html_escape(b, buf_str(&para));
            buf_puts(b, "</p>\n");
            buf_reset(&para);
            while (*p == '\n')
                p++;
        } else {
            buf_putc(&para, '\n');
        }
    }
    buf_free(&para);
}

static void section(struct buf *b, const char *heading, const char *text)
{
    buf_puts(b, "<h2>");
    html_escape(b, heading);
    buf_puts(b, "</h2>\n");
    if (text && *text)
        paragraphs(b, text);
    else
        buf_puts(b, "<p>None stated.</p>\n");
}

static void item(struct buf *b, const char *term, const char *text)
{
    buf_puts(b, "<dt>");
    html_escape(b, term);
    buf_puts(b, "</dt><dd>");
    html_escape(b, text && *text ? text : "none stated");
    buf_puts(b, "</dd>\n");
}

static void date_item(struct buf *b, const char *iso)
{
    int date;
    buf_puts(b, "<dt>Date of the decision</dt><dd>");
    if (iso && date_parse(iso, strlen(iso), &date))
        page_date(b, date);
    else
        html_escape(b, iso ? iso : "none stated");
    buf_puts(b, "</dd>\n");
}

static const char *type_title(const char *word)
{
    enum decision_type t;
    return word && decision_type_parse(word, &t) ? decision_type_title(t) : word;
}

/* A stub: only what the Office publishes of an exempt decision. */
static void draw_stub(struct buf *b, const struct decision_public *d)
{
    buf_puts(b, "<h1>");
    html_printf(b, "%s: exempt decision", d->ref);
    buf_puts(b, "</h1>\n<p class=\"lead\">");
    html_printf(b, "Exempt under %s: only this record is published.",
                d->ground ? d->ground : "the Freedom of Information Act 2000");
    buf_puts(b, "</p>\n<dl class=\"facts\">\n");
    item(b, "Reference", d->ref);
    date_item(b, d->decided_on);
    item(b, "Subject", d->subject);
    item(b, "Decision maker", d->decided_by);
    item(b, "Status", d->state);
    buf_puts(b, "</dl>\n");
}

static void rescinded_banner(struct buf *b, const struct drawing *dr,
                             const struct decision_public *d)
{
    if (strcmp(dr->cur->state, "rescinded") != 0)
        return;
    buf_puts(b, "<div class=\"notice\" role=\"note\"><p><strong>This decision was rescinded."
                "</strong> ");
    if (d->version == dr->cur->version && d->corrects_reason)
        html_printf(b, "Why: %s", d->corrects_reason);
    else
        buf_puts(b, "The current version says why.");
    buf_puts(b, "</p></div>\n");
}

static void older_notice(struct buf *b, const struct drawing *dr, const struct decision_public *d)
{
    if (d->version == dr->cur->version)
        return;
    const char *ids[] = {dr->slug};
    buf_printf(b,
               "<div class=\"notice\" role=\"note\"><p>This is version %d. The current "
               "version is %d: <a href=\"",
               d->version, dr->cur->version);
    page_href(b, "/decisions/", ids, 1, "");
    buf_puts(b, "\">read it</a>.</p></div>\n");
}

/* One "field:ground" of the exempt list, written for people: "the
 * financial implications (section 43, Commercial interests)". */
static void exempt_part(struct buf *names, const char *p, size_t n)
{
    char item[64], *ground;
    snprintf(item, sizeof item, "%.*s", (int)(n < 63 ? n : 63), p);
    if ((ground = strchr(item, ':')) != NULL)
        *ground++ = '\0';
    const struct foia_ground *g = ground ? foia_ground_find(ground) : NULL;
    buf_printf(names, "the %s", decision_field_title(item));
    if (g)
        buf_printf(names, " (%s, %s)", g->code, g->title);
}

/* Which fields have parts exempt from publication, and under which FOIA
 * section each is kept out; never the text. fields: "field:ground,...". */
static void exempt_notice(struct buf *b, const char *fields)
{
    if (!fields || !*fields)
        return;
    buf_puts(b, "<div class=\"notice\" role=\"note\"><p>");
    struct buf names = BUF_INIT;
    for (const char *p = fields; *p;) {
        size_t n = strcspn(p, ",");
        if (names.len)
            buf_puts(&names, strchr(p + n, ',') ? "; " : "; and ");
        exempt_part(&names, p, n);
        p += n + (p[n] ? 1 : 0);
    }
    html_printf(b,
                "Parts of %s are exempt from publication under the Freedom of Information "
                "Act 2000, and are left out here. Each is reviewed and published when the "
                "exemption no longer applies.",
                buf_str(&names));
    buf_puts(b, "</p></div>\n");
    buf_free(&names);
}

static void facts(struct buf *b, const struct decision_public *d)
{
    char money[48], version[16], maker[256];
    buf_puts(b, "<dl class=\"facts\">\n");
    item(b, "Reference", d->ref);
    date_item(b, d->decided_on);
    item(b, "Status", d->state);
    item(b, "Type", type_title(d->type));
    item(b, "Subject", d->subject);
    snprintf(maker, sizeof maker, "%s%s%s%s", d->decided_by ? d->decided_by : "",
             d->decided_role ? " (" : "", d->decided_role ? d->decided_role : "",
             d->decided_role ? ")" : "");
    item(b, "Decision maker", maker);
    item(b, "Lead officer", d->text.lead_officer);
    decision_pounds(d->text.amount_pence, true, money, sizeof money);
    item(b, "Value", money);
    item(b, "Budget line", d->text.budget_line);
    snprintf(version, sizeof version, "%d", d->version);
    item(b, "Version", version);
    buf_puts(b, "</dl>\n");
}

static void draw_full(struct buf *b, const struct drawing *dr, const struct decision_public *d)
{
    const struct decision_text *x = &d->text;
    buf_puts(b, "<h1>");
    html_printf(b, "%s: %s", d->ref, x->title ? x->title : d->subject);
    buf_puts(b, "</h1>\n");
    rescinded_banner(b, dr, d);
    older_notice(b, dr, d);
    exempt_notice(b, d->exempt_fields);
    facts(b, d);
    section(b, "Summary", x->summary);
    section(b, "Background", x->background);
    section(b, "The decision", x->decision);
    section(b, "Reasons for the decision", x->reasons);
    section(b, "Alternative options considered and rejected", x->alternatives);
    section(b, "Conflicts of interest and dispensations", x->conflicts);
    section(b, "Financial implications", x->financial);
    section(b, "Legal implications", x->legal);
    section(b, "Equality implications", x->equality);
}

static void draw(void *arg, const struct decision_public *d)
{
    const struct drawing *dr = arg;
    if (d->stub)
        draw_stub(dr->b, d);
    else
        draw_full(dr->b, dr, d);
}

/* ---- parts released at review -------------------------------------------------- */

static void released_item(void *arg, const struct decision_released_row *r)
{
    struct buf *b = arg;
    const struct foia_ground *g = foia_ground_find(r->ground);
    int date;
    buf_puts(b, "<section>\n<h3>");
    html_printf(b, "Part of the %s", decision_field_title(r->field));
    buf_puts(b, "</h3>\n<p class=\"meta\">");
    html_printf(b, "Kept out under %s %s until it was reviewed; released on ",
                g ? g->code : r->ground, g ? g->title : "");
    if (r->released_on && date_parse(r->released_on, strlen(r->released_on), &date))
        page_date(b, date);
    else
        html_escape(b, r->released_on ? r->released_on : "an unknown date");
    html_printf(b, ". Why: %s</p>\n", r->why ? r->why : "none recorded");
    paragraphs(b, r->text);
    buf_puts(b, "</section>\n");
}

static int released(struct buf *b, const struct web_request *rq, const char *ref, struct buf *err)
{
    struct buf items = BUF_INIT;
    int rc = store_decision_released_public(rq->store, ref, released_item, &items, err);
    if (rc == 0 && items.len) {
        buf_puts(b, "<h2>Released after review</h2>\n");
        buf_append(b, items.p, items.len);
    }
    buf_free(&items);
    return rc;
}

/* ---- documents and versions ---------------------------------------------------- */

static void document_item(void *arg, const struct decision_document_row *d)
{
    struct buf *b = arg;
    buf_puts(b, "<li>");
    bool web = page_web_url(d->url);
    bool stored = !d->url && d->sha256; /* uploaded: served by /documents */
    if (web) {                          /* a link only to the web: never javascript: or data: */
        buf_puts(b, "<a rel=\"noopener noreferrer\" href=\"");
        html_escape(b, d->url);
        buf_puts(b, "\">");
    } else if (stored) {
        buf_puts(b, "<a href=\"/documents/");
        html_escape(b, d->sha256);
        buf_puts(b, "\">");
    }
    html_escape(b, d->name ? d->name : "Document");
    buf_puts(b, web || stored ? "</a>" : "");
    html_printf(b, " (version %d)", d->version);
    if (d->sha256) {
        buf_puts(b, ", SHA-256 <code class=\"hash\">");
        html_escape(b, d->sha256);
        buf_puts(b, "</code>");
    }
    buf_puts(b, "</li>\n");
}

static int documents(struct buf *b, const struct web_request *rq, const char *ref, struct buf *err)
{
    struct buf items = BUF_INIT;
    int rc = store_decision_documents_public(rq->store, ref, document_item, &items, err);
    if (rc == 0 && items.len) {
        buf_puts(b, "<h2>Documents</h2>\n<ul>\n");
        buf_append(b, items.p, items.len);
        buf_puts(b, "</ul>\n");
    }
    buf_free(&items);
    return rc;
}

/* One line of the history, for the version the store gives. */
struct history {
    struct buf *b;
    const struct drawing *dr;
};

static void history_item(void *arg, const struct decision_public *d)
{
    struct history *h = arg;
    struct buf *b = h->b;
    const char *ids[] = {h->dr->slug};
    char suffix[32];
    snprintf(suffix, sizeof suffix, "/version/%d", d->version);
    buf_puts(b, "<li><a href=\"");
    page_href(b, "/decisions/", ids, 1, suffix);
    buf_printf(b, "\">Version %d</a>", d->version);
    bool rescinds = d->version == h->dr->cur->version && strcmp(d->state, "rescinded") == 0;
    if (d->version > 1)
        html_printf(b, " %s version %d: %s", rescinds ? "rescinds" : "corrects", d->version - 1,
                    d->corrects_reason ? d->corrects_reason : "no reason recorded");
    else
        html_printf(b, ": as decided on %s", d->decided_on ? d->decided_on : "an unknown date");
    buf_puts(b, d->version == h->dr->cur->version ? " (current)</li>\n" : "</li>\n");
}

static int versions(struct buf *b, const struct web_request *rq, const struct drawing *dr,
                    const char *ref, struct buf *err)
{
    buf_puts(b, "<h2>Versions</h2>\n<ol reversed>\n");
    struct history h = {b, dr};
    int last = dr->cur->version > VERSIONS_SHOWN ? dr->cur->version - VERSIONS_SHOWN : 0;
    for (int v = dr->cur->version; v > last; v--)
        if (store_decision_public(rq->store, ref, v, history_item, &h, err) < 0)
            return -1;
    buf_puts(b, "</ol>\n");
    return 0;
}

static void data_links(struct buf *b, const char *slug)
{
    const char *ids[] = {slug};
    buf_puts(b, "<p>This decision as data: <a href=\"");
    page_href(b, "/decisions/", ids, 1, ".csv");
    buf_puts(b, "\">CSV</a> or <a href=\"");
    page_href(b, "/decisions/", ids, 1, ".json");
    buf_puts(b, "\">JSON</a>. <a href=\"/decisions\">All decisions</a>.</p>\n");
}

/* ---- the page ------------------------------------------------------------------ */

/* The version the address names: 0 for the current one, -1 when the
 * segment is not a version number. */
static int version_arg(const struct web_request *rq)
{
    if (rq->match->nargs < 2)
        return 0;
    const char *s = rq->match->args[1];
    if (!*s || strlen(s) > 6 || strspn(s, "0123456789") != strlen(s) || s[0] == '0')
        return -1;
    return (int)strtol(s, NULL, 10); /* 1 to 999999: checked above */
}

static void take_row(void *arg, const struct decision_public *d)
{
    decision_table_row(arg, d);
}

static void data_page(const struct web_request *rq, const char *ref, int version,
                      struct web_response *rs)
{
    struct table t;
    struct buf err = BUF_INIT;
    decision_table_init(&t);
    if (store_decision_public(rq->store, ref, version, take_row, &t, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else
        pages_data(&t, rs->format, rs);
    table_free(&t);
    buf_free(&err);
}

static void html_page(const struct web_request *rq, const char *ref, int version,
                      const struct current *cur, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct drawing dr = {b, rq->match->args[0], cur};
    char title[DECISION_REF_MAX + 32];
    snprintf(title, sizeof title, "Decision %s", ref);
    page_begin(b, rq, title);
    int rc = store_decision_public(rq->store, ref, version, draw, &dr, &err);
    if (rc == 0 && !cur->stub)
        rc = released(b, rq, ref, &err);
    if (rc == 0 && !cur->stub)
        rc = documents(b, rq, ref, &err);
    if (rc == 0)
        rc = versions(b, rq, &dr, ref, &err);
    if (rc < 0) {
        buf_reset(b);
        web_error(rq, rs, 500, buf_str(&err));
    } else {
        data_links(b, rq->match->args[0]);
        page_end(b, rq);
    }
    buf_free(&err);
}

void page_decision(const struct web_request *rq, struct web_response *rs)
{
    char ref[DECISION_REF_MAX + 1];
    int version = version_arg(rq);
    struct current cur = {0};
    struct buf err = BUF_INIT;
    int rc = 0;
    if (version >= 0 && decision_slug_ref(rq->match->args[0], ref))
        rc = store_decision_public(rq->store, ref, 0, take_current, &cur, &err);
    if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (!cur.found || version > cur.version)
        page_error(rq, rs, 404,
                   "There is no public decision at this address. The register "
                   "lists every one: see Decisions.");
    else if (rs->format != WEB_HTML)
        data_page(rq, ref, version, rs);
    else
        html_page(rq, ref, version, &cur, rs);
    buf_free(&err);
}
