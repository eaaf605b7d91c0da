#!/usr/bin/env python3
"""check_governance.py - checks a governance report (peel report governance)
against what `peel metrics` and `peel exceptions` say for the same month.

    python3 check_governance.py INDEX.HTML METRICS.CSV EXCEPTIONS.CSV

Used by test_report_governance.sh. Parses the page with the standard
library's html.parser into a tree (failing on any end tag that does not
close the element open), then checks its structure and that every number and
sentence it shows is the one the commands give. Prints one line per check;
exits 1 on the first failure.
"""
import csv
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # Nodes and strings

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.cls():
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            yield n

    def find(self, tag=None, cls=None, **attrs):
        return next(self.find_all(tag, cls, **attrs), None)

    def text(self, skip_hidden=True):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif not (skip_hidden and c.attrs.get("aria-hidden") == "true"):
                out.append(c.text(skip_hidden))
        return " ".join("".join(out).split())


class TreeBuilder(HTMLParser):
    """A tree of the page; every end tag must close the element open."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.errors = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            line, col = self.getpos()
            self.errors.append(f"line {line}: </{tag}> closes <{self.cur.tag}>")
            return
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def fail(msg):
    print(f"FAIL [check_governance]: {msg}", file=sys.stderr)
    sys.exit(1)


def ok(msg):
    print(f"  ok: {msg}")


def parse(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    if "<script" in page.lower():
        fail("the page has a <script")
    b = TreeBuilder()
    b.feed(page)
    b.close()
    if b.errors:
        fail("unbalanced tags: " + "; ".join(b.errors[:5]))
    if b.cur is not b.root:
        fail(f"<{b.cur.tag}> is never closed")
    ok("no <script; every element closed in order (html.parser)")
    return b.root


def check_document(root):
    html = root.find("html")
    if not html or html.attrs.get("lang") != "en":
        fail('no <html lang="en">')
    h1 = list(root.find_all("h1"))
    if len(h1) != 1:
        fail(f"{len(h1)} h1 elements, want 1")
    level = 0
    for n in root.iter():
        if n.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            lv = int(n.tag[1])
            if lv > level + 1:
                fail(f"heading {n.tag} '{n.text()}' skips a level after h{level}")
            level = lv
    ok("lang=en, one h1, headings in order")
    skip = root.find("a", cls="skip")
    if not skip or skip.attrs.get("href") != "#main" or not root.find("main", id="main"):
        fail("no skip link to <main id=main>")
    for t in root.find_all("table"):
        if not t.find("caption"):
            fail(f"a table without a caption: {t.attrs}")
        for th in t.find_all("th"):
            if "scope" not in th.attrs:
                fail(f"a th without scope: '{th.text()}'")
    ok("skip link; every table has a caption and scoped headers")


def check_sections(root):
    main = root.find("main")
    ids = [c.attrs.get("id") for c in main.children if isinstance(c, Node) and c.tag == "section"]
    missions = [i for i in ids if i and i.startswith("mission-")]
    want = ["sources", "summary"] + missions + ["stop-search", "appendix", "methods"]
    if ids != want or not missions:
        fail(f"sections {ids}, want {want}")
    ok(f"sections in order: {', '.join(ids)}")
    return main


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def matrix_rows(root):
    table = root.find("table", id="matrix")
    if not table:
        fail("no matrix table")
    rows = {}
    for tr in table.find_all("tr"):
        if "data-metric" in tr.attrs:
            rows[tr.attrs["data-metric"]] = tr
    return rows


def data_value(tr, cls):
    td = tr.find("td", cls=cls)
    d = td.find("data") if td else None
    return d.attrs.get("value", "") if d else ""


def check_matrix(root, metrics):
    rows = matrix_rows(root)
    if list(rows) != [m["metric"] for m in metrics]:
        fail(f"matrix metrics {list(rows)} differ from peel metrics {[m['metric'] for m in metrics]}")
    for m in metrics:
        tr = rows[m["metric"]]
        if not m["latest_period"]:
            note = tr.find("td", cls="note")
            if not note or m["note"] not in note.text():
                fail(f"{m['metric']}: no data, but the row does not say '{m['note']}'")
            continue
        for col in ("latest", "previous", "change"):
            if data_value(tr, col) != m[col]:
                fail(f"{m['metric']}: {col} {data_value(tr, col)!r}, peel metrics says {m[col]!r}")
        period = tr.find("td", cls="period").text()
        if period != m["latest_period"]:
            fail(f"{m['metric']}: period {period!r}, peel metrics says {m['latest_period']!r}")
        variation = tr.find("td", cls="variation").text()
        if variation != (m["variation"] or "not charted"):
            fail(f"{m['metric']}: variation {variation!r}, peel metrics says {m['variation']!r}")
        fresh = tr.find("td", cls="freshness").text()
        if fresh != m["freshness"]:
            fail(f"{m['metric']}: freshness {fresh!r}, peel metrics says {m['freshness']!r}")
        target = tr.find("td", cls="target").text()
        if target != (m["target_status"] or "no target"):
            fail(f"{m['metric']}: target {target!r}, peel metrics says {m['target_status']!r}")
    ok(f"matrix: {len(metrics)} metrics, latest/previous/change/period/variation/target/freshness "
       "as peel metrics")


def check_exceptions(root, exceptions):
    ol = root.find("ol", cls="exceptions")
    items = list(ol.find_all("li")) if ol else []
    got = [(li.attrs.get("data-metric"), li.find("span", cls="exc-variation").text(),
            li.find("span", cls="exc-rule").text(), li.find("p", cls="exc-sentence").text())
           for li in items]
    want = [(e["metric"], e["variation"], e["rule"], " ".join(e["sentence"].split()))
            for e in exceptions]
    if [g[0] for g in got] != [w[0] for w in want]:
        fail(f"exceptions {[g[0] for g in got]}, peel exceptions says {[w[0] for w in want]}")
    for g, w in zip(got, want):
        if g[2] != w[2] or g[3] != w[3]:
            fail(f"exception {g[0]}: {g[2:]!r}, peel exceptions says {w[2:]!r}")
        if w[1] != "target" and g[1] != w[1]:
            fail(f"exception {g[0]}: variation {g[1]!r}, peel exceptions says {w[1]!r}")
    ok(f"exceptions: {len(got)}, same metrics, order, rules and sentences as peel exceptions")


def check_metric_sections(main, metrics):
    articles = {a.attrs.get("data-metric"): a for a in main.find_all("article", cls="metric")}
    if list(articles) != [m["metric"] for m in metrics]:
        fail("the metric sections are not every metric of peel metrics, in order")
    charted = 0
    for m in metrics:
        a = articles[m["metric"]]
        svg = a.find("svg")
        if m["variation"]:
            if not svg or svg.attrs.get("role") != "img" or not svg.find("title") or \
                    not svg.find("title").text():
                fail(f"{m['metric']}: charted, but no inline <svg role=img> with a <title>")
            charted += 1
        elif svg:
            fail(f"{m['metric']}: a chart for a metric peel metrics does not chart")
        if not m["latest_period"] and m["note"] not in a.text():
            fail(f"{m['metric']}: its section does not say '{m['note']}'")
    ok(f"metric sections: {len(articles)}, {charted} with an inline SVG chart with a title")


def check_appendix(root, metrics):
    tables = {t.attrs.get("data-metric"): t for t in root.find_all("table", cls="data")}
    for m in metrics:
        if not m["latest_period"]:
            continue
        t = tables.get(m["metric"])
        if t is None:
            fail(f"{m['metric']}: no data table in the appendix")
        rows = list(t.find("tbody").find_all("tr"))
        last = rows[-1]
        if last.find("th").text() != m["latest_period"]:
            fail(f"{m['metric']}: its table ends at {last.find('th').text()}, "
                 f"not {m['latest_period']}")
        heads = [th.text() for th in t.find("thead").find_all("th")]
        if m["variation"] and "Mean" not in heads:
            fail(f"{m['metric']}: charted, but its table has no mean and limits")
    ok(f"appendix: a data table for each of the {len(tables)} metrics with data, "
       "ending at the latest period")


def main():
    root = parse(sys.argv[1])
    check_document(root)
    main_el = check_sections(root)
    metrics = read_csv(sys.argv[2])
    exceptions = read_csv(sys.argv[3])
    check_matrix(root, metrics)
    check_exceptions(root, exceptions)
    check_metric_sections(main_el, metrics)
    check_appendix(root, metrics)


if __name__ == "__main__":
    main()
