#!/usr/bin/env python3
"""check_360giving.py - validates Peel's 360Giving output against the standard.

    check_360giving.py PACKAGE.json GRANTS.csv

The JSON is validated against the 360Giving schemas (tests/data/360giving, copied from
github.com/ThreeSixtyGiving/standard: see SOURCE.md there) with the jsonschema package
(Debian: python3-jsonschema): the package against the package schema, whose items refer
to the grant schema by URL, and each grant against the grant schema itself (a local copy,
so no network, and no resolver that differs between jsonschema versions).
The CSV is checked for the standard's column titles of every required field, and each row
against the JSON grant of the same identifier (amount, award date, recipient and funder).
Prints each problem and exits 1 when there is one.
"""
import csv
import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "data", "360giving")

REQUIRED_CSV = ["Identifier", "Title", "Description", "Currency", "Amount Awarded",
                "Award Date", "Recipient Org:Identifier", "Recipient Org:Name",
                "Funding Org:Identifier", "Funding Org:Name"]


# RFC 3339 date-time, checked here: jsonschema checks the format only when an optional
# package is installed (Debian's python3-jsonschema has none), and without the check
# the standard's awardDate (oneOf date-time or YYYY-MM-DD) can never be valid.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(DATE_TIME.match(v)))
    return checker


def load(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
        return json.load(f)


def main():
    package_path, csv_path = sys.argv[1], sys.argv[2]
    package_schema = load("360-giving-package-schema.json")
    grant_schema = load("360-giving-schema.json")
    items = package_schema["properties"]["grants"]["items"]
    assert items["$ref"].endswith("/schema/360-giving-schema.json"), items
    package_schema["properties"]["grants"]["items"] = {}  # each grant is checked below
    with open(package_path, encoding="utf-8") as f:
        package = json.load(f)
    checker = format_checker()
    problems = [f"{package_path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in jsonschema.Draft202012Validator(
                    package_schema, format_checker=checker).iter_errors(package)]
    grant_validator = jsonschema.Draft202012Validator(grant_schema, format_checker=checker)
    for i, g in enumerate(package.get("grants", [])):
        problems += [f"{package_path}: grants/{i}/{'/'.join(map(str, e.absolute_path))}: "
                     f"{e.message}" for e in grant_validator.iter_errors(g)]
    by_id = {g["id"]: g for g in package.get("grants", [])}
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys()) if rows else []
    problems += [f"{csv_path}: no column '{c}'" for c in REQUIRED_CSV if c not in header]
    for n, row in enumerate(rows, start=2):
        g = by_id.get(row.get("Identifier"))
        if g is None:
            problems.append(f"{csv_path}:{n}: {row.get('Identifier')} is not in the JSON")
            continue
        pairs = [("Amount Awarded", float(row["Amount Awarded"]), g["amountAwarded"]),
                 ("Award Date", row["Award Date"], g["awardDate"]),
                 ("Recipient Org:Identifier", row["Recipient Org:Identifier"],
                  g["recipientOrganization"][0]["id"]),
                 ("Funding Org:Identifier", row["Funding Org:Identifier"],
                  g["fundingOrganization"][0]["id"])]
        problems += [f"{csv_path}:{n}: {k}: {a!r} in the CSV, {b!r} in the JSON"
                     for k, a, b in pairs if a != b]
    if len(rows) != len(by_id):
        problems.append(f"{len(rows)} CSV rows, {len(by_id)} JSON grants")
    for p in problems:
        print(p)
    print(f"{len(by_id)} grants: {'valid' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
