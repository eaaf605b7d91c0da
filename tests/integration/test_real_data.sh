#!/usr/bin/env bash
# test_real_data.sh - real data.police.uk files (shared/data/real, see its
# PROVENANCE.md) go in whole and come out right:
#   * police-uk/ (36 Leicestershire street months + 3 stop-and-search months):
#     every month's stored crimes = the file's CSV records minus the header
#     (counted with Python's csv module) = the "rows" column of PROVENANCE.md
#     = `peel stats --group-by month`; 311,696 street rows in all; nothing
#     quarantined;
#   * police-uk-later-vintage/ (a later download of 2022-01..2022-10) replaces
#     those months: crimes per month unchanged, the rows on their first ten
#     columns unchanged, outcomes changed in every month, and the number of
#     crimes whose outcome changed equals PROVENANCE's "outcome values
#     differing" column; other months untouched;
#   * police-uk-multiforce/2022-11: every force's rows stored under that force
#     (counts as in PROVENANCE), BTP and PSNI included; PSNI rows have no LSOA;
#     Leicestershire's 2022-11 stays 9,858;
#   * real lookups: the headerless, BOM-prefixed ONS population file loads
#     34,753 LSOAs; PoliceforceLSOA.csv with --where loads the 611 LLR LSOAs;
#     crimes of neighbouring forces in LLR LSOAs are found by district as
#     PROVENANCE counts them; the annual table for 2021-22 has rate columns,
#     its totals match the files, its note names 611 LSOAs and the population,
#     and its total rates are count / population * 1000.
source "$(dirname "$0")/lib.sh"
require_real_data
require_cmd sqlite3 python3

PROV="$REAL_DATA/PROVENANCE.md"
PU="$REAL_DATA/police-uk"

# csv_counts FILE... : "name rows asb_rows" per file, counted by a CSV parser
# (quoted fields may hold line breaks, so lines are not records).
csv_counts() {
    python3 - "$@" <<'EOF'
import csv, os, sys
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        header = next(r)
        ct = header.index("Crime type") if "Crime type" in header else None
        rows = asb = 0
        for rec in r:
            if not rec:
                continue
            rows += 1
            if ct is not None and rec[ct] == "Anti-social behaviour":
                asb += 1
    print(os.path.basename(path), rows, asb)
EOF
}

# ---------------------------------------------------------------------------
section "import police-uk/: 36 street months and 3 stop-and-search months"
# The import is the fixture/real test's, done once per ctest run: its store
# is copied here and what it printed is in $REAL_IMPORT_OUT (lib.sh).
real_store
check_eq "summary total" "total (39 files),,,,312397,0" "$(tr -d '\r' <"$REAL_IMPORT_OUT" | tail -1)"
check_eq "street slices" 36 "$(sql "SELECT count(*) FROM slice WHERE kind = 'street'")"
check_eq "stop-and-search slices" 3 "$(sql "SELECT count(*) FROM slice WHERE kind = 'stop-and-search'")"
check_eq "street rows stored" 311696 "$(sql "SELECT count(*) FROM crime")"
check_eq "rollup total" 311696 "$(sql "SELECT sum(n) FROM rollup_force")"
check_eq "PROVENANCE total" 311696 \
    "$(sed -n 's/.*Total street rows 2019-12\.\.2022-11: \([0-9]*\).*/\1/p' "$PROV")"
check_eq "rows quarantined" 0 "$(sql "SELECT count(*) FROM quarantine")"

section "each street month: file = PROVENANCE = slice = stats"
# From PROVENANCE's table: | `police-uk/YYYY-MM/YYYY-MM-leicestershire-street.csv` | source | rows | ...
awk -F'|' '$2 ~ /`police-uk\/[0-9-]+\/[0-9-]+-leicestershire-street\.csv`/ {
        f = $2; gsub(/[ `]/, "", f); sub(/.*\//, "", f); r = $4; gsub(/ /, "", r); print f, r
    }' "$PROV" | sort >prov_rows
check_eq "PROVENANCE lists 36 street files" 36 "$(wc -l <prov_rows)"
csv_counts "$PU"/*/*-street.csv | sort >file_counts
check_eq "street files found" 36 "$(wc -l <file_counts)"
run --rc 0 "$PEEL" stats --group-by month --format csv
out_text | tail -n +2 | tr ',' ' ' >stats_by_month
while read -r name rows _; do
    month=${name:0:7}
    prov=$(awk -v f="$name" '$1 == f { print $2 }' prov_rows)
    slice=$(sql "SELECT rows FROM slice WHERE kind = 'street' AND month = $(month_index "$month")")
    stats=$(awk -v m="$month" '$1 == m { print $2 }' stats_by_month)
    if [[ "$rows" == "$prov" && "$rows" == "$slice" && "$rows" == "$stats" ]]; then
        pass "$month: $rows rows (file, PROVENANCE, slice, stats)"
    else
        fail "$month: file has $rows rows, PROVENANCE says '$prov', slice has '$slice', stats says '$stats'"
    fi
done <file_counts
check_eq "stats months" 36 "$(wc -l <stats_by_month)"

section "stop-and-search months"
awk -F'|' '$2 ~ /`police-uk\/[0-9-]+\/[0-9-]+-leicestershire-stop-and-search\.csv`/ {
        f = $2; gsub(/[ `]/, "", f); sub(/.*\//, "", f); r = $4; gsub(/ /, "", r); print f, r
    }' "$PROV" | sort >prov_ss
check_eq "PROVENANCE lists 3 stop-and-search files" 3 "$(wc -l <prov_ss)"
while read -r name rows _; do
    month=${name:0:7}
    prov=$(awk -v f="$name" '$1 == f { print $2 }' prov_ss)
    slice=$(sql "SELECT s.rows FROM slice s JOIN force f ON f.id = s.force_id
                 WHERE s.kind = 'stop-and-search' AND f.slug = 'leicestershire'
                   AND s.month = $(month_index "$month")")
    stored=$(sql "SELECT count(*) FROM stop_search st JOIN slice s ON s.id = st.slice_id
                  WHERE s.month = $(month_index "$month")")
    if [[ "$rows" == "$prov" && "$rows" == "$slice" && "$rows" == "$stored" ]]; then
        pass "$month stop-and-search: $rows rows (file, PROVENANCE, slice, stored)"
    else
        fail "$month stop-and-search: file $rows, PROVENANCE '$prov', slice '$slice', stored '$stored'"
    fi
done < <(csv_counts "$PU"/*/*-stop-and-search.csv | sort)

# ---------------------------------------------------------------------------
section "police-uk-later-vintage/ replaces 2022-01..2022-10"
sql ".backup first_vintage.db"
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv --from 2022-01 --to 2022-10
out_text | tail -n +2 >outcomes_before
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv
out_text | tail -n +2 >all_outcomes_before
run --rc 0 "$PEEL" stats --group-by month --format csv
out_text >by_month_before

run --rc 0 "$PEEL" import --format csv "$REAL_DATA/police-uk-later-vintage"
check_eq "later vintage summary total" "total (10 files),,,,96760,0" "$(out_text | tail -1)"
run --rc 0 "$PEEL" stats --group-by month --format csv
check_eq "crimes per month unchanged (all 36 months)" "$(cat by_month_before)" "$(out_text)"
check_eq "street rows stored" 311696 "$(sql "SELECT count(*) FROM crime")"
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv --from 2022-01 --to 2022-10
out_text | tail -n +2 >outcomes_after
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv
out_text | tail -n +2 >all_outcomes_after
check_eq "outcomes of the other 26 months unchanged" \
    "$(grep -vE '^2022-(0[1-9]|10),' all_outcomes_before)" \
    "$(grep -vE '^2022-(0[1-9]|10),' all_outcomes_after)"

# Per month: total unchanged, sum over outcomes of |before - after| > 0.
python3 - outcomes_before outcomes_after >outcome_shift <<'EOF'
import csv, sys
def load(p):
    d = {}
    for month, outcome, n in csv.reader(open(p, newline="")):
        d.setdefault(month, {})[outcome] = int(n)
    return d
b, a = load(sys.argv[1]), load(sys.argv[2])
for m in sorted(set(b) | set(a)):
    bb, aa = b.get(m, {}), a.get(m, {})
    shift = sum(abs(bb.get(k, 0) - aa.get(k, 0)) for k in set(bb) | set(aa))
    print(m, sum(bb.values()), sum(aa.values()), shift,
          bb.get("Under investigation", 0), aa.get("Under investigation", 0))
EOF
check_eq "months compared" 10 "$(wc -l <outcome_shift)"
while read -r m tb ta shift uib uia; do
    check_eq "$m: total crimes before = after" "$tb" "$ta"
    [[ "$shift" -gt 0 ]] || fail "$m: outcome counts did not change after importing the later vintage"
    pass "$m: outcome counts moved by $shift (Under investigation $uib -> $uia)"
done <outcome_shift

# Exactly which crimes changed outcome: match on Crime ID (ASB rows have none,
# and no outcome) and compare with PROVENANCE's count.
awk -F'|' '$2 ~ /`police-uk-later-vintage\/[0-9-]+\/[0-9-]+-leicestershire-street\.csv`/ {
        f = $2; gsub(/[ `]/, "", f); sub(/.*\//, "", f); d = $4; gsub(/ /, "", d); print substr(f, 1, 7), d
    }' "$PROV" | sort >prov_differing
check_eq "PROVENANCE lists 10 later-vintage files" 10 "$(wc -l <prov_differing)"
sqlite3 -batch -noheader "$PEEL_DB" >differing <<'EOF'
ATTACH 'first_vintage.db' AS old;
CREATE TEMP TABLE n AS SELECT "Month" AS m, "Crime ID" AS id, "Last outcome category" AS o
    FROM main.street_row WHERE "Month" BETWEEN '2022-01' AND '2022-10' AND "Crime ID" <> '';
CREATE TEMP TABLE b AS SELECT "Month" AS m, "Crime ID" AS id, "Last outcome category" AS o
    FROM old.street_row WHERE "Month" BETWEEN '2022-01' AND '2022-10' AND "Crime ID" <> '';
SELECT n.m || ' ' || count(*) FROM n JOIN b ON b.m = n.m AND b.id = n.id
    WHERE n.o IS NOT b.o GROUP BY n.m ORDER BY n.m;
EOF
check_eq "crimes whose outcome changed, per month, as PROVENANCE counts them" \
    "$(cat prov_differing)" "$(cat differing)"
first10='"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type"'
check_eq "rows on their first ten columns unchanged (2022-01..2022-10)" \
    "$(sql first_vintage.db "SELECT $first10 FROM street_row WHERE \"Month\" BETWEEN '2022-01' AND '2022-10'" | sort | sha256sum)" \
    "$(sql "SELECT $first10 FROM street_row WHERE \"Month\" BETWEEN '2022-01' AND '2022-10'" | sort | sha256sum)"
check_eq "rows of other months unchanged, columns and lines" \
    "$(sql first_vintage.db "SELECT line, $first10, \"Last outcome category\", \"Context\" FROM street_row WHERE \"Month\" NOT BETWEEN '2022-01' AND '2022-10'" | sort | sha256sum)" \
    "$(sql "SELECT line, $first10, \"Last outcome category\", \"Context\" FROM street_row WHERE \"Month\" NOT BETWEEN '2022-01' AND '2022-10'" | sort | sha256sum)"
rm -f first_vintage.db

# ---------------------------------------------------------------------------
section "police-uk-multiforce/2022-11: eleven more forces in one month"
run --rc 0 "$PEEL" import --format csv "$REAL_DATA/police-uk-multiforce"
check_eq "multiforce summary total" "total (11 files),,,,69709,0" "$(out_text | tail -1)"
awk -F'|' '$2 ~ /`2022-11-[a-z-]+-street\.csv`/ {
        f = $2; gsub(/[ `]/, "", f); r = $3; gsub(/ /, "", r); l = $7; gsub(/ /, "", l); print f, r, l
    }' "$PROV" | sort >prov_multi
check_eq "PROVENANCE lists 11 multiforce files" 11 "$(wc -l <prov_multi)"
run --rc 0 "$PEEL" stats --group-by force --from 2022-11 --to 2022-11 --format csv
out_text >by_force
while read -r name rows _; do
    slug=${name#2022-11-}
    slug=${slug%-street.csv}
    force=$(sql "SELECT name FROM force WHERE slug = '$slug'")
    [[ -n "$force" ]] || fail "no force stored with the id '$slug'"
    check_eq "$slug ($force): stats --group-by force" "$rows" \
        "$(awk -F, -v f="$force" '$1 == f { print $2 }' by_force)"
    run --rc 0 "$PEEL" stats --force "$slug" --group-by month --from 2022-11 --to 2022-11 --format csv
    check_eq "$slug: stats --force $slug" "2022-11,$rows" "$(out_text | tail -n +2)"
    check_eq "$slug: every row reported by and falling within $force" "$rows" \
        "$(sql "SELECT count(*) FROM street_row WHERE \"Month\" = '2022-11'
                AND \"Reported by\" = '$force' AND \"Falls within\" = '$force'")"
done <prov_multi
check_contains "BTP under its own name" "$(cat by_force)" "British Transport Police,5570"
check_contains "PSNI under its own name" "$(cat by_force)" "Police Service of Northern Ireland,12202"
check_eq "forces in 2022-11" 12 "$(($(wc -l <by_force) - 1))"
check_eq "PSNI rows with an LSOA" 0 \
    "$(sql "SELECT count(*) FROM street_row WHERE \"Reported by\" = 'Police Service of Northern Ireland'
            AND (\"LSOA code\" <> '' OR \"LSOA name\" <> '')")"
run --rc 0 "$PEEL" stats --force northern-ireland --group-by lsoa --from 2022-11 --to 2022-11 --format csv
check_eq "PSNI by LSOA: one group (no LSOA) of all 12202 rows" 1 "$(($(out_text | wc -l) - 1))"
check_eq "PSNI by LSOA count" 12202 "$(out_text | tail -1 | awk -F, '{ print $NF }')"
run --rc 0 "$PEEL" stats --force leicestershire --from 2022-11 --to 2022-11 --group-by month --format csv
check_eq "Leicestershire 2022-11 (neighbours' crimes in LLR not counted)" "2022-11,9858" \
    "$(out_text | tail -n +2)"
run --rc 0 "$PEEL" stats --force leicestershire --from 2022-11 --to 2022-11 --format csv
check_eq "Leicestershire 2022-11 (default grouping)" 9858 "$(out_text | tail -1 | cut -d, -f2)"

# ---------------------------------------------------------------------------
section "the street files in police.uk's order (as peel generate writes them)"
# every real file: by LSOA name, then crime type with "Other crime" last, the
# rows with no location last, each LSOA one run (lib.sh police_uk_out_of_order)
check_eq "real street rows out of that order" 0 "$(police_uk_out_of_order "$PEEL_DB")"
lsoas=$(sql "SELECT count(*) FROM (SELECT DISTINCT file, \"LSOA name\" FROM street_row)")
check_eq "each real LSOA one run of rows" "$lsoas runs, $lsoas LSOAs" "$(lsoa_runs "$PEEL_DB")"

section "real lookups: populations and the LLR area lookup"
run --rc 0 "$PEEL" import-population "$REAL_DATA/lookups/lsoa11_population_mid2019.csv"
check_contains "import-population message" "$(cat "$OUT")" "34753"
check_eq "populations loaded" 34753 "$(sql "SELECT count(*) FROM population")"
check_eq "population total (ONS mid-2019 E+W)" 59439840 "$(sql "SELECT sum(population) FROM population")"
check_eq "first code read past the BOM" 1 \
    "$(sql "SELECT count(*) FROM population WHERE lsoa_code = 'E01011950'")"
run --rc 0 "$PEEL" import-areas --where Police_force=Leicestershire \
    --group 'district=Local authority name' "$REAL_DATA/lookups/PoliceforceLSOA.csv"
check_contains "import-areas message" "$(cat "$OUT")" "611 LSOAs"
check_eq "LLR LSOAs loaded" 611 "$(sql "SELECT count(*) FROM area WHERE grouping = 'district'")"
check_eq "LLR districts" 9 "$(sql "SELECT count(DISTINCT value) FROM area WHERE grouping = 'district'")"

# Neighbouring forces' crimes in LLR LSOAs (PROVENANCE section 7, last count).
run --rc 0 "$PEEL" stats --group-by force,district --from 2022-11 --to 2022-11 --format csv
out_text >by_force_district
sql "SELECT DISTINCT value FROM area WHERE grouping = 'district'" >llr_districts
while read -r name rows _ _ llr _; do
    [[ "$name" == 2022-11-northern-ireland-street.csv ]] && continue
    slug=${name#2022-11-}
    slug=${slug%-street.csv}
    force=$(sql "SELECT name FROM force WHERE slug = '$slug'")
    got=$(awk -F, -v f="$force" 'NR == FNR { d[$0] = 1; next } $1 == f && ($2 in d) { s += $3 } END { print s + 0 }' \
        llr_districts by_force_district)
    check_eq "$slug: crimes in LLR LSOAs" "$llr" "$got"
done < <(awk -F'|' '$2 ~ /`2022-11-[a-z-]+-street\.csv`/ {
        f = $2; gsub(/[ `]/, "", f); print f, $3, $4, $5, $6 }' "$PROV" | tr -s ' ')

section "the force area: strays gathered, clean district names, no location apart"
# From the files: Leicestershire's 2021-22 crimes (not ASB) in LSOAs outside
# the 611 LLR LSOAs, and with no LSOA at all.
python3 - "$REAL_DATA" >stray_counts <<'EOF'
import csv, glob, os, sys
real = sys.argv[1]
with open(os.path.join(real, "lookups", "PoliceforceLSOA.csv"), newline="", encoding="utf-8-sig") as f:
    llr = {r["LSOA Code"] for r in csv.DictReader(f) if r["Police_force"] == "Leicestershire"}
out = none = 0
for path in glob.glob(os.path.join(real, "police-uk", "*", "*-leicestershire-street.csv")):
    if not ("2021-04" <= os.path.basename(path)[:7] <= "2022-03"):
        continue
    for r in csv.DictReader(open(path, newline="", encoding="utf-8")):
        if r["Crime type"] == "Anti-social behaviour":
            continue
        if not r["LSOA code"]:
            none += 1
        elif r["LSOA code"] not in llr:
            out += 1
print(out, none)
EOF
read -r stray_out stray_none <stray_counts
run --rc 0 "$PEEL" stats --group-by district --force leicestershire --from 2021-04 --to 2022-03 \
    --exclude-asb --format csv
check_eq "districts: LLR's nine, then the two rows that are not areas" \
    "(no location),(outside the force area),Blaby,Charnwood,Harborough,Hinckley and Bosworth,Leicester,Melton,North West Leicestershire,Oadby and Wigston,Rutland" \
    "$(out_text | tail -n +2 | cut -d, -f1 | sort | paste -sd,)"
check_eq "outside the force area = the files' crimes outside the 611 LSOAs" "$stray_out" \
    "$(out_text | awk -F, '$1 == "(outside the force area)" { print $2 }')"
check_eq "no location = the files' crimes with no LSOA" "$stray_none" \
    "$(out_text | awk -F, '$1 == "(no location)" { print $2 }')"
run --rc 0 "$PEEL" scan --by district --force leicestershire --format csv --limit 0
check_not_contains "scan: no location is not a crime series" "$(out_text)" "(no location)"

section "the annual table for 2021-22 with rates"
# Our own figures, straight from the files and lookups.
python3 - "$REAL_DATA" >own_figures <<'EOF'
import csv, glob, os, sys
real = sys.argv[1]
def fy_counts(first, last):
    crimes = asb = 0
    for path in sorted(glob.glob(os.path.join(real, "police-uk", "*", "*-street.csv"))):
        month = os.path.basename(path)[:7]
        if not (first <= month <= last):
            continue
        # the store holds the later vintage for 2022-01..2022-10: same rows
        with open(path, newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            h = next(r)
            ct = h.index("Crime type")
            for rec in r:
                if rec:
                    if rec[ct] == "Anti-social behaviour":
                        asb += 1
                    else:
                        crimes += 1
    return crimes, asb
llr = set()
with open(os.path.join(real, "lookups", "PoliceforceLSOA.csv"), newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        if row["Police_force"] == "Leicestershire":
            llr.add(row["LSOA Code"])
pop = 0
with open(os.path.join(real, "lookups", "lsoa11_population_mid2019.csv"), newline="", encoding="utf-8-sig") as f:
    for code, n in csv.reader(f):
        if code.strip() in llr:
            pop += int(n.strip())
prev, prev_asb = fy_counts("2020-04", "2021-03")
cur, cur_asb = fy_counts("2021-04", "2022-03")
print(len(llr), pop, "{:,}".format(pop), prev, cur, prev_asb, cur_asb)
EOF
read -r n_llr pop pop_text prev cur prev_asb cur_asb <own_figures
echo "  from the files: $n_llr LLR LSOAs, population $pop; crimes $prev -> $cur; ASB $prev_asb -> $cur_asb"
check_eq "LLR LSOAs in the lookup" 611 "$n_llr"
check_eq "LLR population (Leicester 354,224 + Rutland 39,927 + county 706,155)" 1100306 "$pop"

run --rc 0 "$PEEL" stats --fy 2021-22 --force leicestershire --format csv
out_text >annual.csv
header=$(head -1 annual.csv)
check_contains "rate columns" "$header" "rate_per_1000_previous"
check_contains "rate columns" "$header" "rate_per_1000_current"
python3 - annual.csv "$prev" "$cur" "$prev_asb" "$cur_asb" "$pop" <<'EOF' || fail "annual table: see above"
import csv, sys
path, prev, cur, prev_asb, cur_asb, pop = sys.argv[1], *map(int, sys.argv[2:])
rows = list(csv.DictReader(open(path, newline="")))
cols = list(rows[0].keys())
assert cols[1:3] == ["2020-21", "2021-22"], cols
total = [r for r in rows if r["category"].startswith("Total")]
asb = [r for r in rows if r["category"] == "Anti-social behaviour"]
assert len(total) == 1, "no single total line"
t = total[0]
def check(what, want, got):
    if want != got:
        print("FAIL: %s: expected %r, got %r" % (what, want, got)); sys.exit(1)
    print("  ok: %s = %s" % (what, got))
check("total 2020-21 (files, excluding ASB)", prev, int(t["2020-21"]))
check("total 2021-22 (files, excluding ASB)", cur, int(t["2021-22"]))
check("total = sum of the categories above it, 2021-22",
      sum(int(r["2021-22"]) for r in rows[:rows.index(t)]), int(t["2021-22"]))
check("difference", cur - prev, int(t["difference"]))
# machine formats carry the double Peel computed: equal to Python's to 1e-12
want_pct, got_pct = (cur - prev) * 100.0 / prev, float(t["change_pct"])
check("change_pct (full precision)", True, abs(got_pct - want_pct) <= 1e-12 * abs(want_pct))
for col, n in (("rate_per_1000_previous", prev), ("rate_per_1000_current", cur)):
    want = n * 1000.0 / pop
    got = float(t[col])
    if abs(got - want) > 0.005 + 1e-9:
        print("FAIL: total %s: expected %.4f (= %d / %d * 1000), got %s" % (col, want, n, pop, t[col]))
        sys.exit(1)
    print("  ok: total %s = %s (%d / %d * 1000 = %.4f)" % (col, t[col], n, pop, want))
if asb:
    check("ASB 2020-21", prev_asb, int(asb[0]["2020-21"]))
    check("ASB 2021-22", cur_asb, int(asb[0]["2021-22"]))
EOF
run --rc 0 "$PEEL" stats --fy 2021-22 --force leicestershire
table=$(cat "$OUT")
check_contains "population note: LSOAs" "$table" "611 LSOAs"
check_contains "population note: population" "$table" "$pop_text"

section "stop and search: the counts recomputed from the three files"
# Every figure of `peel stop-search --by object` counted again by a CSV
# parser: further action is any outcome but no further action, a find is
# further action linked to the object (True), arrests "Arrest".
run --rc 0 "$PEEL" stop-search --by object --format csv
# the columns by name, not place: the table has rates and their intervals
# between them (objects have no commas in this data)
out_text | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 != "Total" { print $1 "," $col["searches"] "," $col["further_action"] "," \
        $col["arrests"] "," $col["finds"] "," $col["link_recorded"] }' | sort >stops_peel
python3 - "$PU"/*/*-stop-and-search.csv <<'EOF2' | sort >stops_files
import csv, sys
n = {}
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            o, out, link = r["Object of search"], r["Outcome"], r["Outcome linked to object of search"]
            further = out != "" and "no further action" not in out.lower()
            c = n.setdefault(o or "(not recorded)", [0, 0, 0, 0, 0])
            c[0] += 1
            c[1] += further
            c[2] += out in ("Arrest", "Suspect arrested")
            c[3] += further and link == "True"
            c[4] += link != ""
for o, c in n.items():
    print(",".join([o] + [str(x) for x in c]))
EOF2
check_files_eq "by object: searches, further action, arrests, finds, link recorded" \
    stops_files stops_peel
check_eq "701 searches in all" 701 "$(awk -F, '{ n += $2 } END { print n }' stops_peel)"
run --rc 0 "$PEEL" stop-search --by area --format csv
check_eq "every search in one area row" 701 "$(out_text | awk -F, '$1 == "Total" { print $2 }')"

echo
echo "PASS $TEST_NAME"
