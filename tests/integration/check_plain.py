"""check_plain.py - the public pages and reports speak plain English
(docs/web.md, "Plain English"): no command names ("peel metric load"), no
machine field names ("change_is", "positive_outcome_pct"), no paths of
Peel's source ("docs/methods.md") or of the machine that made them, in the
words a reader reads. Markup, styles, scripts and drawings are not words;
text in <code> is (an address to download is fine: it has no
underscore-joined words).

    python3 check_plain.py FILE...   (HTML files; exit 1 naming each hit)
"""
import re
import sys
from html.parser import HTMLParser

PATTERNS = [
    (re.compile(r"\bpeel [a-z][a-z-]+"), "a command"),
    (re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"), "a field name"),
    (re.compile(r"\bdocs/|\b[\w-]+\.md\b"), "a file of Peel's source"),
    (re.compile(r"(?<![\w.])/(?:tmp|home|work|usr|var)/"), "a local path"),
]


class Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.words.append(data)


def main():
    bad = 0
    for path in sys.argv[1:]:
        w = Words()
        with open(path, encoding="utf-8") as f:
            w.feed(f.read())
        text = " ".join(w.words)
        for pat, what in PATTERNS:
            for m in sorted(set(m.group(0) for m in pat.finditer(text))):
                i = text.find(m)
                print(f"FAIL: {path}: {what}, '{m}': ...{text[max(0, i - 60):i + 60]!r}...")
                bad += 1
    if bad:
        sys.exit(1)
    print(f"  ok: {len(sys.argv) - 1} pages in plain English")


if __name__ == "__main__":
    main()
