#!/usr/bin/env bash
# test_area_funnel_chart.sh - an area page draws its grouping's funnel with
# the area ringed: the chart is an inline SVG with an accessible name and a
# description naming the area, the figure's caption names it, and the ring
# sits where the area's own row of the funnel table puts it. The chart's
# scale is not known to the test, so it is recovered from the other areas'
# points (the extremes fix it), and then every area of the table must have
# its point there too: a ring on the wrong area, or a point at the wrong
# rate, fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3

"$PEEL" generate --out "$WORK/data" --from 2021-04 --to 2023-03 --rows 1500 --kinds street >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
"$PEEL" import-population "$WORK/data/lookups/lsoa-population.csv" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
start_server --plan llr-2024-29
fetch() { curl --noproxy '*' -sf --max-time 20 "$@"; }

section "the funnel chart on an area page"
for area in Charnwood Rutland; do
    fetch "$BASE/area/district/$area" >"$WORK/$area.html"
    fetch "$BASE/area/district/$area/funnel.csv" >"$WORK/$area.csv"
    out=$(python3 - "$WORK/$area.html" "$WORK/$area.csv" "$area" 2>&1 <<'PY'
import csv, re, sys

html, rows, area = open(sys.argv[1]).read(), list(csv.DictReader(open(sys.argv[2]))), sys.argv[3]
def fail(why):
    sys.exit(f"{area}: {why}")

# The chart is the first figure of the funnel section, above its table.
sec = html[html.index('<h2 id="funnel">'):]
sec = sec[:sec.index("<h2", 4)]
# (the desktop rendition: the phone's is the same chart drawn narrower)
fig = re.search(r'<figure class="chart">\s*<div class="chart-wide">(<svg.*?</svg>)\s*</div>.*?<figcaption>(.*?)</figcaption>', sec, re.S)
if not fig or sec.index("<figure") > sec.index("<table"):
    fail("no chart above the funnel table")
svg, caption = fig.group(1), fig.group(2)
head = svg[:svg.index(">")]
if 'role="img"' not in head or "aria-labelledby" not in head:
    fail("the svg has no accessible name")
desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
if f"{area}, ringed and named in bold" not in desc:
    fail(f"the description does not name the area: {desc}")
if f"{area} is the point ringed" not in caption:
    fail(f"the caption does not name the area: {caption}")

# Where a marker's path puts its unit: the middle of a circle's box; for a
# triangle (chart_kit.c's MARKER_UP/DOWN), 6 from the apex towards the base
# and 4 from the base.
def centre(d):
    v = [float(t) for t in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = v[0::2], v[1::2]
    x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    if "C" not in d and len(set(ys)) == 2:
        apex = next(yy for xx, yy in zip(xs, ys) if abs(xx - x) < 0.01)
        base = next(yy for yy in ys if yy != apex)
        y = apex + (base - apex) * 0.6
    return x, y, max(xs) - min(xs), max(ys) - min(ys)

body = svg[svg.index("</defs>"):]  # not the glyphs' outlines
rings, marks = [], []
for p in re.findall(r"<path [^>]*>", body):
    d = re.search(r' d="([^"]*)"', p).group(1)
    x, y, w, h = centre(d)
    if 'stroke-width="2.2"' in p and 'fill="none"' in p:
        rings.append((x, y))
    elif 'fill="none"' not in p and w <= 12 and h <= 12:
        marks.append((x, y))
if len(rings) != 2:
    fail(f"expected a ring on the plot and one in the legend, got {len(rings)}")
legend_y = max(y for _, y in rings)
ring = next(r for r in rings if r[1] != legend_y)
points = [m for m in marks if abs(m[1] - legend_y) > 4]

units = [(r["area"], float(r["population"]), float(r["rate_per_1000"])) for r in rows if r["rate_per_1000"]]
if len(points) != len(units):
    fail(f"{len(points)} points on the chart, {len(units)} compared areas in the table")
# The scale, from the extremes: the largest population is the rightmost
# point, the highest rate the topmost.
def scale(lo, hi, plo, phi):
    return lambda v: plo + (v - lo) * (phi - plo) / (hi - lo)
pops, rates = [u[1] for u in units], [u[2] for u in units]
px = scale(min(pops), max(pops), min(p[0] for p in points), max(p[0] for p in points))
py = scale(min(rates), max(rates), max(p[1] for p in points), min(p[1] for p in points))
for name, pop, rate in units:
    x, y = px(pop), py(rate)
    if not any(abs(x - a) < 1 and abs(y - b) < 1 for a, b in points):
        fail(f"no point for {name} at ({x:.1f}, {y:.1f})")
    if name == area and (abs(x - ring[0]) > 1 or abs(y - ring[1]) > 1):
        fail(f"the ring is at {ring}, {name}'s point at ({x:.1f}, {y:.1f})")
near = [n for n, pop, rate in units if abs(px(pop) - ring[0]) < 1 and abs(py(rate) - ring[1]) < 1]
if area not in near:
    fail(f"the ring is on {near}, not {area}")
rate = next(r for n, _, r in units if n == area)
print(f"ring at ({ring[0]:.1f}, {ring[1]:.1f}) = {area}'s point, {rate:.2f} per 1,000; "
      f"{len(units)} points placed")
PY
) || fail "$out"
    pass "$out"
done

section "no ring where the area is not on the funnel"
fetch "$BASE/area/force/leicestershire" >"$WORK/force.html"
check_not_contains "the force page has no ringed area" "$(cat "$WORK/force.html")" "ringed"
