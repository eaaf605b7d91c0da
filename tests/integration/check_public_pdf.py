#!/usr/bin/env python3
"""check_public_pdf.py DIR PAGES: the public report's PDF against its page.

DIR holds index.html, report.pdf, contents.txt (pdftotext -layout of page 1)
and page-N.txt (pdftotext of each page). Checks that the contents list every
section of the page's own contents with a page number, and that every piece
of text the page shows in <main> (paragraphs, list items, legend entries,
headings, captions, table cells, icons' words; the icons' letters left
out, since the words say them) is in the PDF's text, in words split at sentence ends.
Whitespace is ignored, so line and page breaks do not matter; each page's
footer (the title, "Page N of M") is removed first. Prints "ok" or the
problems.
"""
import html.parser
import re
import sys

BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "figcaption", "caption", "th", "td"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.nav, self.stack, self.skip, self.main = [], [], [], 0, False
        self.in_nav = False
        self.thead = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.main = True
        if tag == "nav":
            self.in_nav = True
        if tag in ("svg", "style", "title") or a.get("aria-hidden") == "true":
            self.skip += 1
            self.stack.append(("skip", tag))
            return
        if tag == "thead":
            self.thead = True
        # an icon's words are a piece of their own: the PDF ends them with a
        # full stop or a colon
        if tag in BLOCKS or (tag == "span" and a.get("class", "").startswith("icon ")):
            self.stack.append(("block", tag, []))
        else:
            self.stack.append(("other", tag))

    def handle_endtag(self, tag):
        while self.stack:
            top = self.stack.pop()
            if top[0] == "skip":
                self.skip -= 1
            if top[0] == "block":
                text = " ".join("".join(top[2]).split())
                if self.in_nav and tag == "li":
                    self.nav.append(text)
                elif self.main and text and self.thead and tag == "th":
                    # a heading wrapped in a narrow column: pdftotext reads
                    # the columns' lines across, so word by word
                    self.blocks.extend(text.split())
                elif self.main and text:
                    self.blocks.append(text)
            if top[1] == tag:
                break
        if tag == "nav":
            self.in_nav = False
        if tag == "thead":
            self.thead = False

    def handle_data(self, data):
        if self.skip:
            return
        for item in reversed(self.stack):
            if item[0] == "block":
                item[2].append(data)
                break


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    folder, pages = sys.argv[1], int(sys.argv[2])
    page = Page()
    page.feed(open(f"{folder}/index.html", encoding="utf-8").read())
    title = re.search(r"<title>(.*?)</title>", open(f"{folder}/index.html", encoding="utf-8").read())
    title = html.unescape(title.group(1)) if title else ""
    text = ""
    for n in range(1, pages + 1):
        t = open(f"{folder}/page-{n}.txt", encoding="utf-8").read()
        t = re.sub(r"Page \d+ of \d+", "", t)
        if n > 1:  # the notice at the top of every page, as furniture: a
            # paragraph that runs over a page break runs round it
            t = re.sub(r"Synthetic demonstration data:[^\n]*\n(None of them is real\.)?", "", t)
        text += squash(t).replace(squash(title), "")
    problems = []
    contents = [" ".join(line.split()) for line in open(f"{folder}/contents.txt", encoding="utf-8")]
    if not page.nav:
        problems.append("the page has no contents")
    for section in page.nav:
        if not any(re.fullmatch(re.escape(section) + r" \d+", line) for line in contents):
            problems.append(f"contents: no line '{section} N'")
    pieces = 0
    for block in page.blocks:
        for piece in re.split(r"(?<=[.?:])\s+", block):
            if not squash(piece):
                continue
            pieces += 1
            if squash(piece) not in text:
                problems.append(f"not in the PDF: {piece[:100]!r}")
    if pieces < 50:
        problems.append(f"only {pieces} pieces of text compared")
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
