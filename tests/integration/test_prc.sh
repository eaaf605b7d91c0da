#!/usr/bin/env bash
# test_prc.sh - the Home Office Police Recorded Crime tables, on a generated
# fixture small enough to work out by hand:
#   * `peel import-prc` stores every good row (stray spaces trimmed, a quoted
#     "1,234", "-00" as zero, a negative count kept and reported), reports
#     each bad row as FILE:LINE: column: reason and keeps it verbatim in
#     quarantine (`peel quarantine --file NAME`), and prints a summary
#     (rows, forces, quarters, bad rows) that matches the database;
#   * forces are matched to police.uk slugs ("London, City of" is
#     city-of-london; Action Fraud has none and is no territorial force);
#   * every stored row keeps its load and line, every load its file's
#     SHA-256 (as sha256sum gives it), time, user and row counts;
#   * re-importing the same file changes nothing; a later release replaces
#     each (force, quarter) it supplies as a whole and leaves the others;
#   * a file that is not the table makes the whole import fail: exit 2, the
#     store unchanged;
#   * `peel prc` by group, by force (territorial only unless --all-bodies;
#     --similar; one offence group; rates with force populations) and by
#     quarter;
#   * `peel stats --fy --categories home-office` uses the PRC tables when
#     they hold all 8 quarters for the force (with --force, or the one force
#     of the police.uk data), says so in the source line, and falls back to
#     the police.uk mapping, saying why, when they do not; --source picks.
# The real 2017/18 file is tested in test_prc_real.sh.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 sha256sum

HEADER='Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences'

# rows FY FORCE THEFT VIOLENCE : the four quarters of one force and year,
# Theft offences (one code) and Violence against the person (two rows under
# one code, as the homicide codes are published, the second "-00").
rows() {
    local q
    for q in 1 2 3 4; do
        printf '%s\n' \
            "$1,$q,$2,Burglary Residential,Theft offences,Burglary,28E, $3 " \
            "$1,$q,$2,Homicide,Violence against the person,Homicide,1/4.1/4.10/4.2, $4 " \
            "$1,$q,$2,Homicide,Violence against the person,Homicide,1/4.1/4.10/4.2,-00 "
    done
}

# ---------------------------------------------------------------------------
section "the fixture: two years of Leicestershire, one of five other bodies"
{
    echo "$HEADER"
    rows 2016/17 Leicestershire 100 10          # lines 2-13
    rows 2017/18 Leicestershire 120 9           # lines 14-25
    rows 2017/18 Nottinghamshire 200 20         # lines 26-37
    rows 2017/18 '"London, City of"' 5 1        # lines 38-49
    rows 2017/18 'British Transport Police' 7 0 # lines 50-61
    echo '2017/18,1,Action Fraud,Fraud offences recorded by Action Fraud,Fraud offences,Fraud: action fraud,AF," 66,776 "'
    echo '2017/18,2,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,-1 '
    echo '2017/18,5,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,3'
    echo '2017/18,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,lots'
    echo '2017/18,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26'
    echo '2017/19,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,1'
} >prc.csv
check_eq "fixture lines" 67 "$(wc -l <prc.csv)"

section "import-prc: good rows stored, bad rows reported and quarantined"
run --rc 0 "$PEEL" import-prc --format csv prc.csv
summary=$(out_text)
check_contains "per-file summary" "$summary" \
    "prc.csv,2016-17 Q1 to 2017-18 Q4 (8),6 (1 not on police.uk),66,62,4,1,0,$(sha256sum prc.csv | cut -d' ' -f1)"
check_contains "total" "$summary" "total (1 file),,6,,62,4,1,0,"
errors=$(cat "$ERR")
check_contains "bad quarter" "$errors" "prc.csv:64: Financial Quarter: not a quarter 1 to 4: '5' (quarantined)"
check_contains "bad count" "$errors" "prc.csv:65: Number of Offences: not a whole number: 'lots' (quarantined)"
check_contains "short row" "$errors" "prc.csv:66: 7 fields where the header has 8 (quarantined)"
check_contains "bad year" "$errors" "prc.csv:67: Financial Year: not a financial year such as 2017/18: '2017/19' (quarantined)"
check_contains "negative count" "$errors" "prc.csv:63: Number of Offences: negative count -1, stored as published"

run --rc 0 "$PEEL" quarantine --file prc.csv --format csv
check_eq "quarantine lists the bad rows verbatim" \
"file,line,field,reason,row
prc.csv,64,Financial Quarter,not a quarter 1 to 4: '5',\"2017/18,5,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,3\"
prc.csv,65,Number of Offences,not a whole number: 'lots',\"2017/18,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,lots\"
prc.csv,66,,7 fields where the header has 8,\"2017/18,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26\"
prc.csv,67,Financial Year,not a financial year such as 2017/18: '2017/19',\"2017/19,1,Kent,Bigamy,Miscellaneous crimes,Miscellaneous crimes,26,1\"" \
    "$(out_text)"

check_eq "rows stored" 62 "$(sql "SELECT count(*) FROM prc_count")"
check_eq "a quoted '66,776' with spaces" 66776 \
    "$(sql "SELECT n FROM prc_count WHERE force_name = 'Action Fraud'")"
check_eq "forces matched to police.uk slugs" \
    "Action Fraud||0
British Transport Police|btp|0
Kent|kent|1
Leicestershire|leicestershire|1
London, City of|city-of-london|1
Nottinghamshire|nottinghamshire|1" \
    "$(sql "SELECT DISTINCT force_name, force_slug, territorial FROM prc_count ORDER BY 1")"
check_eq "every row keeps its load and line" "62|2|63" \
    "$(sql "SELECT count(*), min(line), max(line) FROM prc_count c JOIN prc_load l ON l.id = c.load_id
            WHERE l.path = 'prc.csv'")"
check_eq "the load: hash, bytes, user, rows" \
    "$(sha256sum prc.csv | cut -d' ' -f1)|$(wc -c <prc.csv)|$(id -un)|66|62|4|0" \
    "$(sql "SELECT sha256, bytes, loaded_by, rows_read, rows_stored, rows_quarantined, rows_replaced
            FROM prc_load")"
check_eq "the import recorded" "peel import-prc --format csv prc.csv|1|62|4" \
    "$(sql "SELECT command, files, rows_stored, rows_quarantined FROM import_run")"

# ---------------------------------------------------------------------------
section "peel prc"
run --rc 0 "$PEEL" prc --fy 2017-18 --force Leicestershire --format csv
# 4 x 120 theft; 4 x (9 + 0) violence; 480 / 516 = 93.0% (CSV: every digit)
check_eq "by group" \
"offence_group,offences,share_pct
Theft offences,480,93.02325581395348
Violence against the person,36,6.976744186046512
Total recorded crime,516,100.0" "$(out_text)"

run --rc 0 "$PEEL" prc --force leicestershire --by quarter --format csv
check_eq "by quarter: every quarter stored for the force" \
"quarter,offences
2016-17 Q1,110
2016-17 Q2,110
2016-17 Q3,110
2016-17 Q4,110
2017-18 Q1,129
2017-18 Q2,129
2017-18 Q3,129
2017-18 Q4,129" "$(out_text)"

run --rc 0 "$PEEL" prc --fy 2017-18 --format csv
check_eq "by force: territorial forces only, most offences first" \
"rank,force,offences,population,rate_per_1000
1,Nottinghamshire,880,,
2,Leicestershire,516,,
3,\"London, City of\",24,,
4,Kent,-1,," "$(out_text)"
run --rc 0 "$PEEL" prc --fy 2017-18 --quarter 1 --all-bodies --offence-group 'fraud OFFENCES' --format csv
check_eq "--all-bodies, one quarter, one group" \
"rank,force,offences,population,rate_per_1000
1,Action Fraud,66776,," "$(out_text)"
run --rc 2 "$PEEL" prc --fy 2017-18 --offence-group 'Shoplifting'
check_contains "an unknown group lists those stored" "$(cat "$ERR")" \
    "no offence group 'Shoplifting' is stored; the groups are: 'Fraud offences', 'Miscellaneous crimes', 'Theft offences', 'Violence against the person'"

printf '%s\n' 'code,name,MYE2018' 'E23000021,Leicestershire,1000' 'E23000019,Nottinghamshire,4000' \
    'E23000034,City of London,10' 'E23000032,Kent,2000' 'E12000004,East Midlands,4804100' >pop.csv
run --rc 0 "$PEEL" import-population --forces pop.csv
check_contains "force populations loaded" "$(out_text)" "populations of 4 police force areas loaded"
check_contains "rows that are not forces are named" "$(out_text)" \
    "1 rows name no police force and were skipped: East Midlands"
run --rc 0 "$PEEL" prc --fy 2017-18 --force leicestershire --similar --format csv
check_eq "--similar: the force and its most similar group, by rate" \
"rank,force,offences,population,rate_per_1000
1,Leicestershire,516,1000,516.00
2,Nottinghamshire,880,4000,220.00
3,Kent,-1,2000,-0.50" "$(out_text)"
run --rc 0 "$PEEL" prc --fy 2017-18 --force leicestershire --similar
check_contains "its rank" "$(out_text)" "Leicestershire: 1 of 3 by rate per 1,000 residents"
check_contains "the group's source" "$(out_text)" \
    "Most similar group of Leicestershire Police: Nottinghamshire Police, Essex Police, Hertfordshire Constabulary, Hampshire Constabulary, Bedfordshire Police, Kent Police, Sussex Police (as listed in the Leicester, Leicestershire and Rutland PCC, Annual Report 2021-22)"
check_contains "members with no figures" "$(out_text)" \
    "No figures stored for: Essex Police, Hertfordshire Constabulary, Hampshire Constabulary, Bedfordshire Police, Sussex Police."
check_contains "the source line" "$(out_text)" \
    "Source: Home Office Police Recorded Crime tables (offences recorded by police force area and financial quarter): prc.csv (sha256 $(sha256sum prc.csv | cut -c1-16)"
run --rc 2 "$PEEL" prc --fy 2017-18 --force kent --similar
check_contains "no group known" "$(cat "$ERR")" "no most similar group is known for 'kent'"

# ---------------------------------------------------------------------------
section "stats --fy --categories home-office uses the PRC tables for both years"
run --rc 0 "$PEEL" stats --fy 2017-18 --force leicestershire --categories home-office --format csv
# p-values: the exact two-sided binomial test of b in a + b at 1/2 (Python:
# sum of pmf <= pmf(b)), e.g. 400 against 480: 0.0077; rates per 1,000 of 1,000;
# rate ratios 480/400 = 1.2, 36/40 = 0.9, 516/440 = 1.1727 (CSV: every digit)
check_eq "the annual table from the Home Office's own groups" \
"category,2016-17,2017-18,difference,change_pct,positive_outcome_pct,positive_outcome_lower_95,positive_outcome_upper_95,change_is,p_value,rate_ratio,rate_ratio_lower_95,rate_ratio_upper_95,rate_per_1000_previous,rate_per_1000_current
Theft offences,400,480,80,20.00,,,,rise beyond chance,0.007707305043341306,1.200,1.0486857903023954,1.3737272449970115,400.00,480.00
Violence against the person,40,36,-4,-10.00,,,,within normal variation,0.7310088822226138,0.900,0.557433992074841,1.4483601003194597,40.00,36.00
Total recorded crime (excluding anti-social behaviour),440,516,76,17.272727272727273,,,,rise beyond chance,0.01523650732996924,1.1727272727272726,1.0306630560477803,1.3348248500946298,440.00,516.00" \
    "$(out_text)"
run --rc 0 "$PEEL" stats --fy 2017-18 --force leicestershire
text=$(out_text)
check_contains "title names the source" "$text" \
    "Recorded crime, Leicestershire: financial year 2017-18 against 2016-17 (Home Office offence groups, Home Office Police Recorded Crime tables)"
check_contains "source line" "$text" "Source: Home Office Police Recorded Crime tables"
check_not_contains "no police.uk source line" "$text" "Source: data.police.uk"

section "... and falls back to police.uk, saying why, when they do not"
run --rc 0 "$PEEL" stats --fy 2017-18 --force nottinghamshire
text=$(out_text)
check_contains "fallback says why" "$text" \
    "Home Office Police Recorded Crime tables not used: they hold 4 of the 8 quarters for nottinghamshire (missing 2016-17 Q1, 2016-17 Q2, 2016-17 Q3, 2016-17 Q4)"
check_contains "police.uk source" "$text" "Source: data.police.uk street-level crime"
# no police.uk data yet, so no district is known: a typo and an area with no
# crimes are refused alike (query_check.h)
run --rc 2 "$PEEL" stats --fy 2017-18 --force leicestershire --area district=Charnwood
check_contains "an area no crime was recorded in is refused" "$(cat "$ERR")" \
    "no district 'Charnwood' in the store"
run --rc 0 "$PEEL" stats --fy 2017-18
check_contains "no force, no police.uk data" "$(out_text)" \
    "not used: the table is for all forces in the store; name one with --force"
run --rc 1 "$PEEL" stats --fy 2018-19 --force leicestershire --source prc
check_contains "--source prc insists" "$(cat "$ERR")" \
    "--source prc: the Home Office tables cannot make this table: they hold 4 of the 8 quarters for leicestershire"
run --rc 0 "$PEEL" stats --fy 2017-18 --force leicestershire --source police-uk
check_not_contains "--source police-uk never uses them" "$(out_text)" "Police Recorded Crime"

section "the one force of the police.uk data stands for --force"
mkdir -p uk/2017-04
printf '%s\r\n' 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context' \
    "$(printf '%064x' 1),2017-04,Leicestershire Police,Leicestershire Police,-1.1,52.6,On or near Park,E01025631,Leicester 001A,Burglary,Under investigation," \
    >uk/2017-04/2017-04-leicestershire-street.csv
run --rc 0 "$PEEL" import --quiet uk
run --rc 0 "$PEEL" stats --fy 2017-18
check_contains "PRC used for the store's one force" "$(out_text)" \
    "Recorded crime, Leicestershire: financial year 2017-18 against 2016-17 (Home Office offence groups, Home Office Police Recorded Crime tables)"
run --rc 0 "$PEEL" stats --fy 2017-18 --categories police-uk
check_contains "police.uk categories stay police.uk" "$(out_text)" "Source: data.police.uk"

# ---------------------------------------------------------------------------
section "re-importing replaces (force, quarter) as a whole"
before=$(sql "SELECT group_concat(force_key || period || offence_code || n, ';') FROM
              (SELECT * FROM prc_count ORDER BY force_key, period, line)")
run --rc 0 "$PEEL" import-prc prc.csv
check_eq "the same file again: the same rows" "$before" \
    "$(sql "SELECT group_concat(force_key || period || offence_code || n, ';') FROM
            (SELECT * FROM prc_count ORDER BY force_key, period, line)")"
check_eq "... and its quarantine once" 4 "$(sql "SELECT count(*) FROM quarantine")"
check_eq "... each row replaced once" 62 "$(sql "SELECT rows_replaced FROM prc_load ORDER BY id DESC LIMIT 1")"
{
    echo "$HEADER"
    echo '2017/18,4,Leicestershire,Burglary Residential,Theft offences,Burglary,28E,150'
    echo '2017/18,1,Derbyshire,Burglary Residential,Theft offences,Burglary,28E,50'
} >prc-revised.csv
run --rc 0 "$PEEL" import-prc --format csv prc-revised.csv
check_contains "replaced rows reported" "$(out_text)" "prc-revised.csv,2017-18 Q1 to 2017-18 Q4 (2),2,2,2,0,0,3,"
run --rc 0 "$PEEL" prc --force leicestershire --by quarter --fy 2017-18 --format csv
check_eq "Q4 revised as a whole, Q1-Q3 untouched" \
"quarter,offences
2017-18 Q1,129
2017-18 Q2,129
2017-18 Q3,129
2017-18 Q4,150" "$(out_text)"
check_eq "the revised rows trace to their file and line" "prc-revised.csv|2" \
    "$(sql "SELECT l.path, c.line FROM prc_count c JOIN prc_load l ON l.id = c.load_id
            WHERE c.force_key = 'leicestershire' AND c.fy = '2017-18' AND c.quarter = 4")"

# ---------------------------------------------------------------------------
section "a file that is not the table: nothing imported"
before=$(sql "SELECT count(*), sum(n) FROM prc_count")
loads=$(sql "SELECT count(*) FROM prc_load")
printf 'Crime ID,Month\n1,2\n' >street.csv
run --rc 2 "$PEEL" import-prc prc.csv street.csv
check_contains "names the file and what is missing" "$(cat "$ERR")" \
    "street.csv:1: not a Home Office recorded-crime table: no column Financial Year, Financial Quarter"
check_contains "says nothing changed" "$(cat "$ERR")" "nothing was imported; the store is unchanged"
check_eq "rows unchanged" "$before" "$(sql "SELECT count(*), sum(n) FROM prc_count")"
check_eq "loads unchanged" "$loads" "$(sql "SELECT count(*) FROM prc_load")"
run --rc 2 "$PEEL" import-prc missing.csv
check_contains "a missing file" "$(cat "$ERR")" "missing.csv: cannot open"
run --rc 2 "$PEEL" import-prc
check_contains "usage" "$(cat "$ERR")" "usage: peel import-prc"
