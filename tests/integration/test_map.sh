#!/usr/bin/env bash
# test_map.sh - `peel map` and `peel import-boundaries` on synthetic data:
# the hexagonal map's cells add up to `peel stats` less the crimes with no
# location (counted from the source files themselves), the choropleth's
# areas equal `peel stats --group-by`, the SVG carries its title and
# description with hostile names escaped, PNG and PDF are what they say,
# and bad GeoJSON is refused naming file and feature, loading nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3

demo_store

# sum_col FILE.csv COLUMN : the column's numbers added up
sum_col() {
    python3 -c 'import csv,sys
print(sum(int(r[sys.argv[2]]) for r in csv.DictReader(open(sys.argv[1])) if r[sys.argv[2]]))' "$1" "$2"
}

section "hexagonal map: every located crime in a cell"
run --rc 0 "$PEEL" map --fy 2021-22 --out "$WORK/hex.svg" --format csv
cp "$OUT" "$WORK/hex.csv"
mapped=$(sum_col "$WORK/hex.csv" crimes)
run --rc 0 "$PEEL" stats --from 2021-04 --to 2022-03 --exclude-asb --group-by fy --format csv
total=$(sum_col "$OUT" count)
# Crimes with no location, counted from the published files, not by Peel.
unlocated=$(python3 - "$DEMO_DATA/police-uk" <<'PY'
import csv, glob, sys
n = 0
for f in glob.glob(sys.argv[1] + "/*/*-street.csv"):
    if not ("2021-04" <= f.split("/")[-2] <= "2022-03"):
        continue
    for r in csv.DictReader(open(f, newline="", encoding="utf-8-sig")):
        if r["Crime type"] != "Anti-social behaviour" and (not r["Latitude"] or not r["Longitude"]):
            n += 1
print(n)
PY
)
[[ "$unlocated" -gt 0 ]] || fail "the synthetic data should have rows with no location"
check_eq "cells' crimes = stats total - crimes with no location" "$((total - unlocated))" "$mapped"
cells=$(($(wc -l <"$WORK/hex.csv") - 1))
[[ $cells -ge 100 && $cells -le 300 ]] || fail "default size: $cells cells, wanted 100-300"
pass "default cell size gives $cells cells"
run --rc 0 "$PEEL" map --fy 2021-22
check_contains "the note says how many crimes have no location" "$(cat "$OUT")" \
    "$unlocated crimes with no location are not on the map"
check_contains "the threshold is stated" "$(cat "$OUT")" "no rate where fewer than 1,000 residents"
check_contains "attribution" "$(cat "$OUT")" \
    "Contains public sector information licensed under the Open Government Licence v3.0"
# Rates are crimes / residents x 1,000, and suppressed cells have none.
python3 - "$WORK/hex.csv" <<'PY' || fail "rates in the table"
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    pop = int(r["population"] or 0)
    if pop < 1000:
        assert r["rate_per_1000"] == "" and r["note"], r
    else:
        assert abs(float(r["rate_per_1000"]) - 1000 * int(r["crimes"]) / pop) < 0.006, r
PY
pass "each rate is crimes per 1,000 residents; cells under 1,000 residents have none"
# Residents placed in cells plus those not placed = the force area's population.
placed=$(sum_col "$WORK/hex.csv" population)
run --rc 0 "$PEEL" stats --from 2021-04 --to 2022-03 --exclude-asb --group-by district --format csv
area_pop=$(sum_col "$OUT" population)
check_eq "every resident of the force area is in a cell" "$area_pop" "$placed"
# One crime type: its own crimes in the cells (and its own unlocated ones in
# the note), but residents still placed at the mean point of every crime of
# their LSOA, so all of them are placed as above, not only those of LSOAs
# with a burglary (the map reads both in one scan: store_crime_points_typed).
run --rc 0 "$PEEL" map --fy 2021-22 --type Burglary --format csv
cp "$OUT" "$WORK/burglary.csv"
run --rc 0 "$PEEL" map --fy 2021-22 --type Burglary
bu_unlocated=$(grep -o '[0-9][0-9]* crimes with no location are not on the map' "$OUT" | cut -d' ' -f1)
[[ "$bu_unlocated" -gt 0 ]] || fail "the burglary map's note has no count of crimes with no location"
run --rc 0 "$PEEL" stats --from 2021-04 --to 2022-03 --crime-type Burglary --group-by fy --format csv
check_eq "burglary: cells' crimes = its stats total - its crimes with no location" \
    "$(($(sum_col "$OUT" count) - bu_unlocated))" "$(sum_col "$WORK/burglary.csv" crimes)"
check_eq "burglary: every resident of the force area is in a cell" "$area_pop" \
    "$(sum_col "$WORK/burglary.csv" population)"
run --rc 0 "$PEEL" map --fy 2021-22 --type Burglary --cell-km 3 --format json
python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); assert rows and all("rate_per_1000" in r for r in rows)' "$OUT" \
    || fail "JSON table"
pass "--type and --cell-km, JSON table"

section "the SVG, PNG and PDF"
svg=$(cat "$WORK/hex.svg")
check_contains "SVG role" "$svg" 'role="img"'
check_contains "SVG title" "$svg" '<title id="peel-'
check_contains "SVG description" "$svg" "<desc id=\"peel-"
check_contains "description counts the crimes" "$svg" "Map of $mapped crimes"
run --rc 0 "$PEEL" map --fy 2021-22 --out "$WORK/hex.png"
check_eq "PNG" "89504e47" "$(head -c4 "$WORK/hex.png" | od -An -tx1 | tr -d ' \n')"
run --rc 0 "$PEEL" map --fy 2021-22 --out "$WORK/hex.pdf"
check_eq "PDF" "%PDF" "$(head -c4 "$WORK/hex.pdf")"
run --rc 2 "$PEEL" map --fy 2021-22 --out "$WORK/hex.gif"
run --rc 2 "$PEEL" map --out "$WORK/x.svg"
check_contains "months are required" "$(cat "$ERR")" "give --fy"

section "choropleth from a GeoJSON file"
cat >"$WORK/districts.geojson" <<'JSON'
{"type": "FeatureCollection", "attribution": "Test rectangles, drawn by hand",
 "features": [
  {"type": "Feature", "properties": {"LAD": "Leicester"},
   "geometry": {"type": "Polygon", "coordinates": [[[-1.2, 52.6], [-1.05, 52.6], [-1.05, 52.7], [-1.2, 52.7], [-1.2, 52.6]]]}},
  {"type": "Feature", "properties": {"LAD": "Blaby"},
   "geometry": {"type": "MultiPolygon", "coordinates": [[[[-1.3, 52.5], [-1.1, 52.5], [-1.1, 52.6], [-1.3, 52.6], [-1.3, 52.5]]]]}}
 ]}
JSON
run --rc 0 "$PEEL" import-boundaries --grouping district --key LAD "$WORK/districts.geojson"
check_contains "import says how many" "$(cat "$OUT")" "2 areas loaded"
run --rc 0 "$PEEL" map --fy 2021-22 --by district --out "$WORK/districts.svg" --format csv
cp "$OUT" "$WORK/districts.csv"
run --rc 0 "$PEEL" stats --from 2021-04 --to 2022-03 --exclude-asb --group-by district --format csv
python3 - "$WORK/districts.csv" "$OUT" <<'PY' || fail "choropleth against stats"
import csv, sys
m = {r["area"]: r for r in csv.DictReader(open(sys.argv[1]))}
s = {r["district"]: r for r in csv.DictReader(open(sys.argv[2]))}
for d, r in s.items():
    assert int(m[d]["crimes"]) == int(r["count"]), d
    if r["population"]:
        assert m[d]["population"] == r["population"], d
        assert abs(float(m[d]["rate_per_1000"]) - float(r["rate_per_1000"])) < 0.006, d
for d in ("Leicester", "Blaby"):
    assert m[d]["note"] == "", d
assert m["Charnwood"]["note"].startswith("no boundary"), m["Charnwood"]
PY
pass "each area's crimes, population and rate equal peel stats --group-by district"
run --rc 0 "$PEEL" map --fy 2021-22 --by district
check_contains "the file's attribution is shown" "$(cat "$OUT")" "Boundaries: Test rectangles"
run --rc 1 "$PEEL" map --fy 2021-22 --by csp
check_contains "no boundaries: says how to load them" "$(cat "$ERR")" "peel import-boundaries"

section "hostile names are escaped"
evil='Zone <script>alert(1)</script>'
bold='Zone "B" & <b>bold</b>'
python3 - "$DEMO_DATA/lookups/lsoa-areas.csv" "$evil" "$bold" >"$WORK/zones.csv" <<'PY'
import csv, sys
print("lsoa_code,zone")
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.DictReader(open(sys.argv[1])):
    w.writerow([r["lsoa_code"], sys.argv[2] if r["district"] == "Leicester" else sys.argv[3]])
PY
"$PEEL" import-areas "$WORK/zones.csv" >/dev/null
python3 - "$evil" "$bold" >"$WORK/zones.geojson" <<'PY'
import json, sys
sq = lambda x, y: [[[x, y], [x + 0.3, y], [x + 0.3, y + 0.2], [x, y + 0.2], [x, y]]]
print(json.dumps({"type": "FeatureCollection", "attribution": "<i>Hand</i> & made", "features": [
    {"type": "Feature", "properties": {"z": sys.argv[1]}, "geometry": {"type": "Polygon", "coordinates": sq(-1.2, 52.6)}},
    {"type": "Feature", "properties": {"z": sys.argv[2]}, "geometry": {"type": "Polygon", "coordinates": sq(-1.5, 52.6)}}]}))
PY
run --rc 0 "$PEEL" import-boundaries --grouping zone --key z "$WORK/zones.geojson"
run --rc 0 "$PEEL" map --fy 2021-22 --by zone --area "zone=$evil" --out "$WORK/zones.svg"
svg=$(cat "$WORK/zones.svg")
check_not_contains "no raw script element" "$svg" "<script"
check_not_contains "no raw markup" "$svg" "<b>"
check_not_contains "no raw markup in the attribution" "$svg" "<i>"
check_contains "the title escaped" "$svg" "Zone &lt;script&gt;alert(1)&lt;/script&gt;"
run --rc 0 "$PEEL" map --fy 2021-22 --by zone --out "$WORK/zones.svg"
check_contains "names in the description escaped" "$(cat "$WORK/zones.svg")" \
    "Zone &quot;B&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"

section "bad GeoJSON is refused, naming file and feature"
sed 's/\[-1.2, 52.6\]\]\]}}/[-1.2, 52.61]]]}}/' "$WORK/districts.geojson" >"$WORK/open.geojson"
run --rc 2 "$PEEL" import-boundaries --grouping district --key LAD "$WORK/open.geojson"
check_contains "names file, feature and fault" "$(cat "$ERR")" \
    "open.geojson: feature 0 (Leicester): geometry.coordinates[0]: the ring is not closed"
run --rc 2 "$PEEL" import-boundaries --grouping district --key NAME "$WORK/districts.geojson"
check_contains "a missing key property" "$(cat "$ERR")" "feature 0: properties.NAME: missing"
printf '{"type": "FeatureCollection", "features": [' >"$WORK/cut.geojson"
run --rc 2 "$PEEL" import-boundaries --grouping district --key LAD "$WORK/cut.geojson"
check_contains "truncated JSON" "$(cat "$ERR")" "cut.geojson: line 1"
run --rc 0 "$PEEL" map --fy 2021-22 --by district --format csv
check_eq "the loaded boundaries are unchanged" "$(cat "$WORK/districts.csv")" "$(cat "$OUT")"
