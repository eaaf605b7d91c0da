#!/usr/bin/env python3
"""check_annual.py - the annual report's folder against `peel stats`.

Usage: check_annual.py DIR STATS_FY.csv DISTRICTS.csv

  DIR            the folder `peel report annual` wrote
  STATS_FY.csv   `peel stats --fy FY --format csv` for the same store and year
  DISTRICTS.csv  `peel stats --group-by district --from APRIL --to MARCH
                 --exclude-asb --format csv` for the report's year

Checks, printing each failure and exiting 1 if any:
  * the page parses with every element closed in order, one h1, the
    sections in order;
  * table#crime-table has the CSV's rows in its order, and each cell equals
    the CSV's (the <data value> of a number, the text of a text cell);
  * every line has its sentence (ul.findings li, same order, its category
    named), which says signal exactly when the CSV's p_value < 0.05 (and its
    change_is says beyond chance), with the verdict class matching;
  * table#area-table's counts and rates for this year equal the district
    CSV's count and rate_per_1000;
  * tables.xlsx's first sheet holds the same cells as the CSV (its header
    the CSV's keys as readable headings);
  * report.json says kind annual and the period.
"""
import csv
import json
import re
import sys
import zipfile
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "link", "input", "hr", "wbr"}
failures = []


def fail(msg):
    failures.append(msg)


class Page(HTMLParser):
    """Collects tables (by id: rows of cells, each cell its data value or
    text), the findings list and the section order, checking nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tables, self.sections, self.h1 = [], {}, [], 0
        self.table = None
        self.cell = None
        self.findings = []  # (class, data-category, text)
        self.li = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "h1":
            self.h1 += 1
        if tag == "section":
            self.sections.append(a.get("id"))
        if tag == "table":
            self.table = self.tables.setdefault(a.get("id"), {"head": [], "rows": []})
            self.in_head = False
        if tag == "thead":
            self.in_head = True
        if tag == "tbody":
            self.in_head = False
        if tag == "tr" and self.table is not None and not self.in_head:
            self.table["rows"].append([])
        if tag in ("td", "th") and self.table is not None and not self.in_head:
            self.cell = {"text": "", "value": None}
        if tag == "data" and self.cell is not None:
            self.cell["value"] = a.get("value")
        if tag == "li" and "data-verdict" in a:
            self.li = [a.get("class"), a.get("data-category"), ""]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            fail(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}")
        else:
            self.stack.pop()
        if tag in ("td", "th") and self.cell is not None:
            v = self.cell["value"]
            self.table["rows"][-1].append(v if v is not None else self.cell["text"].strip())
            self.cell = None
        if tag == "table":
            self.table = None
        if tag == "li" and self.li is not None:
            self.findings.append(tuple(self.li))
            self.li = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        if self.li is not None:
            self.li[2] += data


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def check_crime_table(page, rows):
    t = page.tables.get("crime-table")
    if not t:
        return fail("no table#crime-table")
    if len(t["rows"]) != len(rows) - 1:
        return fail(f"crime-table has {len(t['rows'])} rows, the CSV {len(rows) - 1}")
    for got, want in zip(t["rows"], rows[1:]):
        if got != want:
            fail(f"crime-table row {got} != CSV {want}")


def check_findings(page, rows):
    head = rows[0]
    pcol, iscol = head.index("p_value"), head.index("change_is")
    if len(page.findings) != len(rows) - 1:
        return fail(f"{len(page.findings)} sentences for {len(rows) - 1} lines")
    for (cls, category, text), row in zip(page.findings, rows[1:]):
        if category != row[0] or not text.strip().startswith("signal." if cls == "signal" else "noise."):
            fail(f"sentence for {row[0]!r}: {category!r} {cls} {text!r}")
        if row[0] not in text:
            fail(f"the sentence does not name {row[0]!r}: {text!r}")
        signal = float(row[pcol]) < 0.05
        says_signal = "more than chance would explain" in text
        says_noise = "within normal variation" in text
        if signal != says_signal or signal == says_noise or (cls == "signal") != signal:
            fail(f"{row[0]}: p = {row[pcol]} but the sentence says {text!r} ({cls})")
        if signal != ("beyond chance" in row[iscol]):
            fail(f"{row[0]}: change_is {row[iscol]!r} against p = {row[pcol]}")
        if re.search(r"\((rate ratio [0-9.]+, )?(95% CI [0-9.]+ to [0-9.]+; )?"
                     r"exact Poisson test, p (<|=) [0-9.]+\)", text) is None:
            fail(f"{row[0]}: the sentence does not say how it was decided: {text!r}")


def check_areas(page, districts):
    t = page.tables.get("area-table")
    if not t:
        return fail("no table#area-table")
    head = districts[0]
    want = {r[0]: r for r in districts[1:]}
    # the force's districts, then all districts, then the rows that are no
    # district of the force ("(outside the force area)", "(no location)")
    names = [r[0] for r in t["rows"]]
    if "All districts" not in names:
        return fail(f"no 'All districts' row in {names}")
    total = names.index("All districts")
    body, elsewhere = t["rows"][:total], t["rows"][total + 1 :]
    own = sorted(n for n in want if not n.startswith("("))
    if sorted(r[0] for r in body) != own:
        fail(f"districts {[r[0] for r in body]} != {own}")
    if sorted(r[0] for r in elsewhere) != sorted(n for n in want if n.startswith("(")):
        fail(f"rows below the total {[r[0] for r in elsewhere]} != peel stats' {sorted(want)}")
    count = head.index("count")
    if t["rows"][total][2] != str(sum(int(want[n][count]) for n in own)):
        fail(f"All districts: {t['rows'][total][2]} is not the sum of the districts")
    for r in body + elsewhere:
        w = want.get(r[0])
        if not w:
            continue
        if r[2] != w[count]:
            fail(f"{r[0]}: {r[2]} crimes, peel stats says {w[count]}")
        if "rate_per_1000" in head and r in body and r[7] != w[head.index("rate_per_1000")]:
            fail(f"{r[0]}: rate {r[7]}, peel stats says {w[head.index('rate_per_1000')]}")


def xlsx_rows(path):
    """The first sheet's rows as {row number: {column letter: text}}."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
            shared.append("".join(re.findall(r"<t[^>]*>([^<]*)</t>", si)))
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    out = {}
    for n, cells in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet, re.S):
        row = {}
        for col, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', cells):
            row[col] = shared[int(v)] if 't="s"' in attrs else v
        out[int(n)] = row
    return out


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def heading(key):
    """A column's key as render/xlsx.c heads it in a workbook."""
    words = key.split("_")
    words = ["%" if w == "pct" else "1,000" if w == "1000" else w for w in words]
    if words and words[0][:1].islower():
        words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words)


def check_xlsx(path, rows):
    sheet = xlsx_rows(path)
    header = [unescape(sheet.get(3, {}).get(chr(65 + i), "")) for i in range(len(rows[0]))]
    if header != [heading(k) for k in rows[0]]:
        fail(f"xlsx header {header} != {rows[0]}")
    for k, want in enumerate(rows[1:]):
        got = sheet.get(4 + k, {})
        for i, w in enumerate(want):
            g = unescape(got.get(chr(65 + i), ""))
            try:
                same = abs(float(g) - float(w)) < 1e-9 + 0.5 * 10 ** -(len(w.split(".")[1]) if "." in w else 0)
            except ValueError:
                same = g == w
            if not same:
                fail(f"xlsx row {4 + k} column {chr(65 + i)}: {g!r}, the CSV says {w!r}")


def main():
    folder, stats_csv, districts_csv = sys.argv[1:4]
    page = Page()
    with open(f"{folder}/index.html", encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    if page.stack:
        fail(f"unclosed elements: {page.stack}")
    if page.h1 != 1:
        fail(f"{page.h1} h1 elements")
    want_sections = ["summary", "crime", "findings", "outcomes", "areas", "sources", "methods"]
    if [s for s in page.sections if s in want_sections] != want_sections:
        fail(f"sections {page.sections}")
    rows = read_csv(stats_csv)
    check_crime_table(page, rows)
    check_findings(page, rows)
    check_areas(page, read_csv(districts_csv))
    check_xlsx(f"{folder}/tables.xlsx", rows)
    with open(f"{folder}/report.json") as f:
        m = json.load(f)
    if m.get("kind") != "annual" or not re.fullmatch(r"\d{4}-\d{2}", m.get("period", "")):
        fail(f"report.json: {m}")
    for msg in failures:
        print(msg)
    sys.exit(1 if failures else 0)


main()
