#!/usr/bin/env python3
"""check_ocds.py - validates Peel's OCDS release package against the standard.

    check_ocds.py PACKAGE.json CONTRACTS.csv

The JSON is validated against the Open Contracting Data Standard 1.1 schemas
(tests/data/ocds, copied from github.com/open-contracting/standard: see SOURCE.md
there) with the jsonschema package (Debian: python3-jsonschema): the package against
the package schema, whose releases refer to the release schema by URL, and each
release against the release schema itself (a local copy, so no network). Then each
current contract of the Transparency Code CSV (`peel contracts list --format csv`) is
checked against its latest release: the ocid, value, supplier org-id, procurement
method and start date agree. Prints each problem and exits 1 when there is one.
"""
import csv
import json
import os
import sys

import jsonschema

from check_360giving import format_checker  # RFC 3339 date-time, checked

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "data", "ocds")

# What Peel writes: codes of the method codelist, and these release tags.
METHODS = {"open", "selective", "limited", "direct"}
TAGS = {"tender", "tenderUpdate", "contract", "contractUpdate"}


def load(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
        return json.load(f)


def schema_problems(path, package):
    package_schema = load("release-package-schema.json")
    release_schema = load("release-schema.json")
    items = package_schema["properties"]["releases"]["items"]
    assert items["$ref"].endswith("/release-schema.json"), items
    package_schema["properties"]["releases"]["items"] = {}  # each release is checked below
    checker = format_checker()
    problems = [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in jsonschema.Draft4Validator(
                    package_schema, format_checker=checker).iter_errors(package)]
    validator = jsonschema.Draft4Validator(release_schema, format_checker=checker)
    for i, r in enumerate(package.get("releases", [])):
        problems += [f"{path}: releases/{i}/{'/'.join(map(str, e.absolute_path))}: {e.message}"
                     for e in validator.iter_errors(r)]
        if r.get("tender", {}).get("procurementMethod") not in METHODS:
            problems.append(f"{path}: releases/{i}: procurementMethod not in the codelist")
        problems += [f"{path}: releases/{i}: tag {t} unexpected" for t in r.get("tag", [])
                     if t not in TAGS]
    return problems


def csv_problems(path, package):
    latest = {}
    for r in package.get("releases", []):
        version = int(r["id"].rsplit("-v", 1)[1])
        if version >= latest.get(r["ocid"], (0, None))[0]:
            latest[r["ocid"]] = (version, r)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    problems = []
    for n, row in enumerate(rows, start=2):
        version, r = latest.get(row["OCID"], (0, None))
        if r is None or version != int(row["Version"]):
            problems.append(f"{path}:{n}: {row['OCID']} v{row['Version']} is not the latest release")
            continue
        supplier = [p for p in r["parties"] if "buyer" not in p["roles"]]
        org = supplier[0].get("identifier", {}) if supplier else {}
        pairs = [("Contract Value", float(row["Contract Value"]), r["tender"]["value"]["amount"]),
                 ("OCDS Procurement Method", row["OCDS Procurement Method"], r["tender"]["procurementMethod"]),
                 ("Supplier Registration Number", row["Supplier Registration Number"],
                  f"{org['scheme']}-{org['id']}" if org else ""),
                 ("Start Date", row["Start Date"] + "T00:00:00Z",
                  (r.get("contracts") or [r["tender"].get("tenderPeriod", {})])[0].get(
                      "period", r["tender"].get("tenderPeriod", {})).get("startDate"))]
        problems += [f"{path}:{n}: {k}: {a!r} in the CSV, {b!r} in the JSON"
                     for k, a, b in pairs if a != b]
    if len(rows) != len(latest):
        problems.append(f"{len(rows)} CSV rows, {len(latest)} contracts in the JSON")
    return problems


def main():
    package_path, csv_path = sys.argv[1], sys.argv[2]
    with open(package_path, encoding="utf-8") as f:
        package = json.load(f)
    problems = schema_problems(package_path, package) + csv_problems(csv_path, package)
    for p in problems:
        print(p)
    n = len(package.get("releases", []))
    print(f"{n} releases: {'valid' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
