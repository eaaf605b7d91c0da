#!/usr/bin/env python3
"""check_public.py - checks a public report (peel report public) against
what `peel plan show`, `peel metrics` and `peel exceptions` say for the
same month.

    python3 check_public.py DIR PLAN.CSV METRICS.CSV EXCEPTIONS.CSV BOARD.XLSX

Used by test_report_public.sh. Parses DIR/index.html with the tree builder
of check_governance.py (every element closed in order, no <script), then
checks: the sections in order; the selection rule, recomputed here from the
commands' output; every figure, icon word and sentence of every measure
against the commands; each "a year earlier" figure against the Board
report's workbook (BOARD.XLSX, another path through the analysis); the
workbook and CSV of the report against the commands; and the mean sentence
length of the report's own prose. Prints one line per check; exits 1 on
the first failure.
"""
import datetime
import csv
import io
import math
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_governance import fail, ok, parse  # noqa: E402

PER_MISSION = 4  # PUBLIC_PER_MISSION in src/report/public_report.h
SECTIONS = ["about", "numbers", "icons", "chart", "files", "sources"]
MAX_WORDS_PER_SENTENCE = 15


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_sections(root):
    main = root.find("main")
    ids = [s.attrs.get("id") for s in main.children
           if not isinstance(s, str) and s.tag == "section"]
    if ids != SECTIONS:
        fail(f"sections {ids}, want {SECTIONS}")
    ok("sections in order: " + ", ".join(SECTIONS))
    if len(list(root.find_all("h1"))) != 1:
        fail("not exactly one h1")
    return main


def expected_selection(plan, metrics, exceptions):
    """The rule of public_model.c, from the commands' output."""
    by_id = {m["metric"]: m for m in metrics}
    attention, seen = [], set()
    for e in exceptions:
        if e["metric"] not in seen:
            seen.add(e["metric"])
            attention.append(e["metric"])
    missions = []
    for row in plan:
        if row["mission"] not in missions:
            missions.append(row["mission"])
    picks = []
    for mission in missions:
        mine = [r["metric"] for r in plan if r["mission"] == mission]
        with_data = [m for m in mine if by_id[m]["latest"] and m not in seen]
        ordered = ([m for m in with_data if by_id[m]["target"]] +
                   [m for m in with_data if not by_id[m]["target"]])
        picks.append(ordered[:PER_MISSION])
    return attention, picks


def cards(section):
    return [a for a in section.find_all("article", cls="measure")]


def check_selection(main, plan, metrics, exceptions):
    attention, picks = expected_selection(plan, metrics, exceptions)
    got = [a.attrs["data-metric"] for a in cards(main.find("section", id="attention"))]
    if got != attention:
        fail(f"needs attention: {got}, want {attention}")
    ok(f"every exception is under what needs attention, in order ({len(got)})")
    for k, want in enumerate(picks):
        sec = main.find("section", id=f"mission-{k + 1}")
        if sec is None:
            fail(f"no section for mission {k + 1}")
        got = [a.attrs["data-metric"] for a in cards(sec)]
        if len(got) > PER_MISSION:
            fail(f"mission {k + 1} shows {len(got)} measures, more than {PER_MISSION}")
        if got != want:
            fail(f"mission {k + 1}: {got}, want {want}")
    ok(f"each mission shows its picks by the rule, at most {PER_MISSION} "
       f"({', '.join(str(len(p)) for p in picks)})")


def value_text(v):
    return v.replace(",", "")


def check_cards(main, metrics, exceptions, year_values):
    by_id = {m["metric"]: m for m in metrics}
    sentences = {}
    for e in exceptions:
        sentences.setdefault(e["metric"], []).append(e["sentence"])
    n = 0
    for a in cards(main.find("section", id="numbers")):
        mid = a.attrs["data-metric"]
        row = by_id[mid]
        latest = a.find("data", cls="latest")
        if latest is None or latest.attrs["value"] != value_text(row["latest"]):
            fail(f"{mid}: latest {latest and latest.attrs['value']}, want {row['latest']}")
        real = a.find("p", cls="real")
        words = real.find("span", cls="words").text()
        if words != (row["variation"] or "not charted"):
            fail(f"{mid}: variation '{words}', want '{row['variation']}'")
        target = a.find("p", cls="target")
        twords = target.find("span", cls="words")
        want_t = row["target_status"] or None
        if (twords.text() if twords else None) != want_t:
            fail(f"{mid}: target status {twords and twords.text()}, want {want_t}")
        sentence = a.find("p", cls="sentence").text()
        for s in sentences.get(mid, []):
            if s.rstrip(".") + "." not in a.text():
                fail(f"{mid}: the exception's sentence is not shown: {s}")
        if not sentence.startswith("What the analysis says: ") or row["variation"] not in sentence:
            fail(f"{mid}: sentence '{sentence}'")
        year = a.find("data", cls="year")
        want_y = year_values.get(mid)
        got_y = float(year.attrs["value"]) if year else None
        # the workbook keeps 15 significant digits, as Excel does
        if (got_y is None) != (want_y is None) or (
            got_y is not None and not math.isclose(got_y, want_y, rel_tol=1e-14)
        ):
            fail(f"{mid}: a year earlier {year and year.attrs['value']}, want {want_y}")
        n += 1
    ok(f"{n} measures: latest, year earlier, variation, target and sentences as the commands say")


def xlsx_sheets(path):
    """{sheet name: [[cell text or number], ...]} of a workbook."""
    z = zipfile.ZipFile(path)
    names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
            strings.append(unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", si))))
    out = {}
    for k, name in enumerate(names):
        xml = z.read(f"xl/worksheets/sheet{k + 1}.xml").decode()
        rows = []
        for cells in re.findall(r"<row [^>]*>(.*?)</row>", xml, re.S):
            row = {}
            for ref, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', cells):
                row[ref] = strings[int(v)] if 't="s"' in attrs else (float(v) if v else None)
            rows.append(row)
        out[unescape(name)] = rows
    return out


def unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def board_year_values(board_xlsx, metrics, page_cards):
    """Each shown measure's value a year before its latest, read from the
    Board report's workbook (a sheet per metric, named by its title, with
    "TITLE (ID)" in A1: period in A, value in B)."""
    sheets = xlsx_sheets(board_xlsx)
    by_id = {}
    for rows in sheets.values():
        m = re.search(r"\(([^()]+)\)$", str(rows[0].get("A", ""))) if rows else None
        if m:
            by_id.setdefault(m.group(1), rows)
    out = {}
    for a in page_cards:
        mid = a.attrs["data-metric"]
        row = next(m for m in metrics if m["metric"] == mid)
        period = row["latest_period"]
        if re.fullmatch(r"\d{4}-\d{2}", period):
            # a month is an Excel date: days since 1899-12-30
            y, mo = int(period[:4]), int(period[5:])
            want = float((datetime.date(y - 1, mo, 1) - datetime.date(1899, 12, 30)).days)
        elif " Q" in period:
            fy, q = period.split(" ")
            a1 = int(fy[:4]) - 1
            want = f"{a1}-{(a1 + 1) % 100:02d} {q}"
        else:
            a1 = int(period[:4]) - 1
            want = f"{a1}-{(a1 + 1) % 100:02d}"
        for r in by_id.get(mid, []):
            if r.get("A") == want and isinstance(r.get("B"), float):
                out[mid] = r["B"]  # every digit, as <data value> carries it
    return out


def key(heading):
    """The key of a readable heading render/xlsx.c writes ("Latest")."""
    return heading.lower().replace(" ", "_").replace("%", "pct").replace("1,000", "1000")


def check_workbook(path, metrics, page_cards):
    sheets = xlsx_sheets(path)
    if list(sheets)[:3] != ["Numbers", "Every measure", "Sources"]:
        fail(f"workbook sheets {list(sheets)}")
    head = sheets["Numbers"][1]
    col = {key(v): k for k, v in head.items()}
    rows = [r for r in sheets["Numbers"][2:] if col["metric"] in r and r.get(col["metric"])]
    shown = [a.attrs["data-metric"] for a in page_cards]
    if [r[col["metric"]] for r in rows] != shown:
        fail(f"workbook Numbers lists {[r[col['metric']] for r in rows]}, the page {shown}")
    by_id = {m["metric"]: m for m in metrics}
    for r in rows:
        want = float(by_id[r[col["metric"]]]["latest"].replace(",", ""))
        if abs(r[col["latest"]] - want) > 0.051:
            fail(f"workbook {r[col['metric']]}: {r[col['latest']]}, want {want}")
        if r[col["variation"]] != by_id[r[col["metric"]]]["variation"]:
            fail(f"workbook {r[col['metric']]}: variation {r[col['variation']]}")
    ok(f"workbook: the page's {len(rows)} measures, latest and variation as peel metrics says")
    every = sheets["Every measure"]
    ecol = {key(v): k for k, v in every[1].items()}
    ids = [r.get(ecol["metric"]) for r in every[2:] if r.get(ecol["metric"])]
    if ids != [m["metric"] for m in metrics]:
        fail("workbook: Every measure does not list every metric of peel metrics")
    ok(f"workbook: every measure ({len(ids)}) in plan order")


def check_csv(path, page_cards):
    rows = read_csv(path)
    if [r["metric"] for r in rows] != [a.attrs["data-metric"] for a in page_cards]:
        fail("numbers.csv does not list the page's measures")
    for r, a in zip(rows, page_cards):
        if r["latest"] != a.find("data", cls="latest").attrs["value"]:
            fail(f"numbers.csv {r['metric']}: {r['latest']}")
    ok(f"numbers.csv: the page's {len(rows)} measures and their latest figures")


def prose(main):
    """The report's own sentences: paragraphs, list items and definitions
    outside tables and figures, without the analysis's quoted sentences."""
    out = []
    for n in main.iter():
        if n.tag not in ("p", "li", "dd") or "analysis" in n.cls():
            continue
        p, inside = n.parent, False
        while p is not None:
            inside = inside or p.tag in ("table", "figure", "p", "li")
            p = p.parent
        if not inside:
            out.append(n.text())
    return " ".join(out)


def check_readability(main):
    text = prose(main)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"[A-Za-z]", s)]
    words = sum(len(s.split()) for s in sentences)
    mean = words / len(sentences)
    if mean >= MAX_WORDS_PER_SENTENCE:
        fail(f"mean sentence length {mean:.1f} words, not under {MAX_WORDS_PER_SENTENCE}")
    ok(f"readability: {len(sentences)} sentences of the report's own prose, "
       f"mean {mean:.1f} words (under {MAX_WORDS_PER_SENTENCE})")


def main():
    folder, plan_csv, metrics_csv, exceptions_csv, board = sys.argv[1:6]
    root = parse(os.path.join(folder, "index.html"))
    main_el = check_sections(root)
    plan = read_csv(plan_csv)
    metrics = read_csv(metrics_csv)
    units = {r["metric"]: r["unit"] for r in plan}
    for m in metrics:
        m["unit"] = units[m["metric"]]
    exceptions = read_csv(exceptions_csv)
    check_selection(main_el, plan, metrics, exceptions)
    page_cards = cards(main_el.find("section", id="numbers"))
    check_cards(main_el, metrics, exceptions, board_year_values(board, metrics, page_cards))
    check_workbook(os.path.join(folder, "tables.xlsx"), metrics, page_cards)
    check_csv(os.path.join(folder, "numbers.csv"), page_cards)
    check_readability(main_el)


if __name__ == "__main__":
    main()
