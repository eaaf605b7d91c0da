/*
 * report_html.c - the icons, words and style sheet the HTML reports share
 * (see report_html.h).
 *
 * The icons follow NHS Making Data Count's colours, which Board members who
 * read NHS and police packs already know, but never by colour alone: each
 * icon is a letter in a ring and always its words. Text on the tinted
 * backgrounds is near-black, above 4.5:1 contrast (WCAG 1.4.3).
 */
#include "render/report_html.h"
#include "model/synthetic.h"
#include "util/html.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"

struct report_icon report_variation(enum spc_point_type t, int direction)
{
    static const char *const classes[] = {
        [SPC_MISSING] = "none",    [SPC_COMMON_CAUSE] = "common",  [SPC_IMPROVEMENT] = "improve",
        [SPC_CONCERN] = "concern", [SPC_NEUTRAL_HIGH] = "neutral", [SPC_NEUTRAL_LOW] = "neutral"};
    assert((size_t)t < sizeof classes / sizeof classes[0]);
    /* MDC's icons carry H or L for a special cause above or below the
     * mean; a flat line for common cause. */
    const char *letter = t == SPC_COMMON_CAUSE ? "~"
                         : t == SPC_MISSING    ? "?"
                         : direction > 0       ? "H"
                                               : "L";
    return (struct report_icon){classes[t], letter, spc_point_type_name(t)};
}

struct report_icon report_assurance(enum spc_assurance a)
{
    static const struct report_icon icons[] = {
        [SPC_ASSURANCE_NONE] = {"none", EN_DASH, NULL},
        [SPC_ASSURANCE_PASS] = {"improve", "P", NULL},
        [SPC_ASSURANCE_FAIL] = {"concern", "F", NULL},
        [SPC_ASSURANCE_HIT_AND_MISS] = {"neutral", "?", NULL}};
    assert((size_t)a < sizeof icons / sizeof icons[0]);
    struct report_icon ic = icons[a];
    ic.words = spc_assurance_name(a);
    return ic;
}

struct report_icon report_target(enum target_verdict v, int months)
{
    static const struct report_icon icons[] = {
        [TARGET_NO_DATA] = {"none", "?", NULL},
        [TARGET_MET] = {"improve", "\xe2\x9c\x93", NULL},     /* check mark */
        [TARGET_NOT_MET] = {"concern", "\xe2\x9c\x97", NULL}, /* ballot x */
        [TARGET_TOO_CLOSE_TO_CALL] = {"neutral", "=", NULL}};
    assert((size_t)v < sizeof icons / sizeof icons[0]);
    struct report_icon ic = icons[v];
    struct target_assessment a = {.verdict = v, .months = months};
    ic.words = target_verdict_name(&a);
    return ic;
}

void report_icon_html(struct buf *out, struct report_icon ic)
{
    buf_puts(out, "<span class=\"icon ");
    html_escape(out, ic.cls);
    buf_puts(out, "\"><span class=\"glyph\" aria-hidden=\"true\">");
    html_escape(out, ic.letter);
    buf_puts(out, "</span> <span class=\"words\">");
    html_escape(out, ic.words);
    buf_puts(out, "</span></span>");
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

void report_synthetic_html(struct buf *out)
{
    buf_puts(out, "<p class=\"synthetic\" role=\"note\"><strong>");
    html_escape(out, synthetic_banner());
    buf_puts(out, "</strong></p>\n");
}

void report_month_words(int month, struct buf *out)
{
    buf_printf(out, "%s %d", month_names[month_of_year(month) - 1], month_year(month));
}

/* The n digits at s as a number; -1 if they are not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

void report_time_words(const char *iso, struct buf *out)
{
    /* YYYY-MM-DDTHH:MM */
    bool shaped =
        strlen(iso) >= 16 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' && iso[13] == ':';
    int y = shaped ? digits(iso, 4) : -1, mo = shaped ? digits(iso + 5, 2) : -1;
    int d = shaped ? digits(iso + 8, 2) : -1, h = shaped ? digits(iso + 11, 2) : -1;
    int mi = shaped ? digits(iso + 14, 2) : -1;
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 0 && h >= 0 && mi >= 0)
        buf_printf(out, "%d %s %d, %02d:%02d UTC", d, month_names[mo - 1], y, h, mi);
    else
        buf_puts(out, iso);
}

const char *report_source_label(enum metric_source s)
{
    static const char *const labels[] = {
        [SOURCE_NATIONAL_MEASURES] = "National Crime and Policing Measures",
        [SOURCE_CRIME_SURVEY] = "Crime Survey for England and Wales",
        [SOURCE_LOCAL_DATA] = "Local data",
        [SOURCE_NATIONAL_STATISTICS] = "National statistics",
        [SOURCE_PARTNERSHIP_DATA] = "Partnership data"};
    return labels[s];
}

void report_plain_text(const char *html, struct buf *out)
{
    static const struct {
        const char *entity, *text;
    } entities[] = {{"&#39;", "'"},
                    {"&amp;", "&"},
                    {"&lt;", "<"},
                    {"&gt;", ">"},
                    {"&quot;", "\""},
                    {"&#8220;", "\xe2\x80\x9c"},
                    {"&#8221;", "\xe2\x80\x9d"}};
    for (const char *p = html; *p;) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            p = end ? end + 1 : p + strlen(p);
            continue;
        }
        size_t k = 0, n = sizeof entities / sizeof entities[0];
        while (k < n && strncmp(p, entities[k].entity, strlen(entities[k].entity)) != 0)
            k++;
        if (k < n) {
            buf_puts(out, entities[k].text);
            p += strlen(entities[k].entity);
        } else {
            buf_putc(out, *p++);
        }
    }
}

/* clang-format off */
static const char screen_rules[] =
":root{--text:#1b1b1b;--muted:#4b4b4b;--rule:#c9c9c9;--band:#f2f4f6;--link:#0b57a4}\n"
"*{box-sizing:border-box}\n"
"html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;"
"line-height:1.5;color:var(--text);background:#fff;-webkit-text-size-adjust:100%}\n"
"body{margin:0 auto;max-width:64rem;padding:0 1rem 2rem}\n"
"p,li,dd,td,th,caption,figcaption{overflow-wrap:break-word}\n"
"a{color:var(--link)}\n"
"a:focus-visible,.scroll:focus-visible{outline:3px solid var(--text);outline-offset:2px}\n"
".skip{position:absolute;left:-10000px;top:auto}\n"
".skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;border:2px solid var(--text)}\n"
"h1{font-size:1.6rem;line-height:1.25;margin:1.5rem 0 .5rem}\n"
"h2{font-size:1.35rem;line-height:1.3;border-top:3px solid var(--text);padding-top:.5rem;margin-top:2.5rem}\n"
"h3{font-size:1.15rem;line-height:1.3;margin-top:2rem}\n"
"h4{font-size:1.05rem;line-height:1.3;margin:0 0 .5rem}\n"
".kicker{color:var(--muted);font-weight:600;margin:1.5rem 0 0}\n"
".statement{margin:.25rem 0 .75rem}\n"
"dl.meta,dl.facts{display:grid;grid-template-columns:1fr;gap:.1rem 1rem;margin:.5rem 0}\n"
"dl.meta dt,dl.facts dt{font-weight:600}\n"
"dl.meta dd,dl.facts dd{margin:0 0 .4rem}\n"
"@media (min-width:40rem){dl.meta,dl.facts{grid-template-columns:10rem 1fr}"
"dl.meta dd,dl.facts dd{margin:0}}\n"
".scroll{overflow-x:auto;margin:.75rem 0}\n"
"table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
"/* on a phone a wide table scrolls sideways rather than squeeze its columns */\n"
".scroll>table{min-width:36rem}\n"
"caption{text-align:left;font-weight:600;padding:.25rem 0}\n"
"th,td{border-bottom:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}\n"
"thead th{border-bottom:2px solid var(--text);vertical-align:bottom}\n"
"th[scope=rowgroup]{background:var(--band)}\n"
"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
".icon{display:inline-flex;align-items:center;gap:.3rem}\n"
".glyph{display:inline-block;width:1.5em;height:1.5em;line-height:1.25em;text-align:center;"
"font-weight:700;border:2px solid;border-radius:50%;font-size:.85em;flex:none}\n"
".icon.common .glyph{border-color:#7f7f7f;background:#ececec}\n"
".icon.improve .glyph{border-color:#0077b6;background:#d9f1fc}\n"
".icon.concern .glyph{border-color:#c25400;background:#fde8d7}\n"
".icon.neutral .glyph{border-color:#490092;background:#ece0f5}\n"
".icon.none .glyph{border-color:#9a9a9a;background:#fff}\n"
"dl.legend{grid-template-columns:1fr}\n"
"@media (min-width:40rem){dl.legend{grid-template-columns:17rem 1fr}}\n"
".nodata{color:var(--muted)}\n"
".synthetic{background:#fff3cd;border:2px solid #7a5c00;color:#2b2000;padding:.5rem .75rem;"
"margin:0}\n"
"figure{margin:1rem 0}\n"
"figure svg{display:block;width:100%;max-width:800px;height:auto}\n"
"figcaption{color:var(--muted);font-size:.9rem}\n"
"footer{margin-top:3rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.9rem}\n";

static const char print_rules[] =
"@page{size:A4;margin:15mm 12mm 18mm}\n"
"html{font-size:10pt}\n"
"body{max-width:none;padding:0}\n"
"nav,.skip{display:none}\n"
"figure,tr,li{break-inside:avoid}\n"
"h2,h3,h4,caption{break-after:avoid}\n"
"thead{display:table-header-group}\n"
".scroll>table{min-width:0}\n"
".scroll{overflow:visible}\n"
"a{color:inherit;text-decoration:none}\n"
".glyph{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
"figure svg{max-width:100%}\n";
/* clang-format on */

void report_style(struct buf *out, const char *extra, const char *extra_print)
{
    buf_puts(out, "<style>\n");
    buf_puts(out, screen_rules);
    buf_puts(out, extra ? extra : "");
    buf_puts(out, "@media print{\n");
    buf_puts(out, print_rules);
    buf_puts(out, extra_print ? extra_print : "");
    buf_puts(out, "}\n</style>\n");
}
