#!/usr/bin/env python3
"""Regenerate src/main/resources/classify/countries.csv from the npm package
world-countries (mledoze/countries, ODbL-1.0).

How to run (from the repository root; needs npm and Python 3, no other module):

    python3 scripts/update-countries.py              # the pinned version below
    python3 scripts/update-countries.py 5.2.0        # try a newer version

It runs `npm pack world-countries@<version>` into a temporary directory,
checks that the package still declares the ODbL-1.0 licence, reads
countries.json and rewrites countries.csv and countries.LICENSE.txt beside it.
To move to a newer version for good, change PINNED_VERSION, run the script,
review `git diff` (names and capitals do change) and commit both files.

Columns, in this order (UTF-8, header row, RFC 4180 quoting):
  id            cca3 (ISO 3166-1 alpha-3, or the data set's own code: UNK = Kosovo)
  iso2          cca2
  m49           ccn3 (UN M49 numeric code; empty where the data set has none)
  name          name.common
  official_name name.official
  continent     region ("Asia", "Europe", "Africa", "Americas", "Oceania", "Antarctic")
  subregion     subregion ("Western Asia", ...; empty where the data set has none)
  capitals      capital list joined with "|"
  demonym       demonyms.eng.m ("Russian")
  alt_names     altSpellings kept if at least 4 characters long or all upper
                case, and not equal to name; joined with "|"
  un_member     unMember as true/false
  independent   independent as true/false; empty where the data set has no
                value (Kosovo in 5.1.0)
"""
import base64
import csv
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile

PINNED_VERSION = "5.1.0"
# Integrity of the pinned tarball as the registry publishes it (npm view
# world-countries@5.1.0 dist.integrity); checked only for the pinned version.
PINNED_INTEGRITY = ("sha512-CXR6EBvTbArDlDDIWU3gfKb7Qk0ck2WNZ234b/A0vuecPzIfzzxH+O6Ejnvg1sT8XuiZjVlzOH0h08ZtaO7g0w==")
PACKAGE = "world-countries"
EXPECTED_LICENCE = "ODbL-1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "src", "main", "resources", "classify")
COLUMNS = ["id", "iso2", "m49", "name", "official_name", "continent", "subregion",
           "capitals", "demonym", "alt_names", "un_member", "independent"]


def fetch(version, workdir):
    """npm pack the package into workdir and return the unpacked package.json and countries.json."""
    out = subprocess.run(["npm", "pack", "--silent", f"{PACKAGE}@{version}"], cwd=workdir,
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()
    tarball = os.path.join(workdir, out[-1].strip())
    if version == PINNED_VERSION:
        with open(tarball, "rb") as f:
            integrity = "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()
        if integrity != PINNED_INTEGRITY:
            sys.exit(f"update-countries: {PACKAGE}@{version} tarball has integrity {integrity}, "
                     f"expected {PINNED_INTEGRITY}")
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data") if sys.version_info >= (3, 12) else tar.extractall(workdir)
    pkg_dir = os.path.join(workdir, "package")
    with open(os.path.join(pkg_dir, "package.json"), encoding="utf-8") as f:
        package_json = json.load(f)
    with open(os.path.join(pkg_dir, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    return package_json, countries


def licence_of(package_json):
    # 5.1.0 uses the old "licenses": [{"type": ...}] form rather than "license".
    if "license" in package_json:
        lic = package_json["license"]
        return lic if isinstance(lic, str) else lic.get("type", "")
    return ",".join(l.get("type", "") for l in package_json.get("licenses", []))


def bool_cell(value):
    return "" if value is None else ("true" if value else "false")


def row(c):
    name = c["name"]["common"]
    alts = []
    for a in c.get("altSpellings", []):
        if a == name or a in alts:
            continue
        if len(a) >= 4 or a.isupper():
            alts.append(a)
    demonym = c.get("demonyms", {}).get("eng", {}).get("m", "")
    return {
        "id": c["cca3"],
        "iso2": c["cca2"],
        "m49": c.get("ccn3", ""),
        "name": name,
        "official_name": c["name"]["official"],
        "continent": c.get("region", ""),
        "subregion": c.get("subregion", ""),
        "capitals": "|".join(c.get("capital", [])),
        "demonym": demonym,
        "alt_names": "|".join(alts),
        "un_member": bool_cell(c.get("unMember")),
        "independent": bool_cell(c.get("independent")),
    }


LICENCE_TEXT = """countries.csv is a derived extract of the database "world-countries"
(mledoze/countries), npm package {package}@{version},
repository https://github.com/mledoze/countries , by Mohammed Le Doze and contributors.

Licence of the source database and of this derived database: Open Database
License (ODbL) v1.0, as declared in the package's package.json ("{licence}").
Full text: https://opendatacommons.org/licenses/odbl/1.0/

  This database is made available under the Open Database License:
  http://opendatacommons.org/licenses/odbl/1.0/. Any rights in individual
  contents of the database are licensed under the Database Contents License:
  http://opendatacommons.org/licenses/dbcl/1.0/

What was done to the source: scripts/update-countries.py keeps 12 fields of
countries.json for every one of its {count} entries (cca3, cca2, ccn3,
name.common, name.official, region, subregion, capital, demonyms.eng.m,
altSpellings filtered to entries of at least 4 characters or all upper case,
unMember, independent) and writes them as CSV. No value is corrected by hand;
corrections and additions live in states.yaml, which is not derived from this
database. If you redistribute countries.csv or a database made from it, keep
this notice and offer it under the ODbL (share-alike).

The flags of the source package are not part of this extract (they are not
under the ODbL).
"""


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else PINNED_VERSION
    with tempfile.TemporaryDirectory(prefix="world-countries-") as tmp:
        package_json, countries = fetch(version, tmp)
    licence = licence_of(package_json)
    if EXPECTED_LICENCE not in licence:
        sys.exit(f"update-countries: {PACKAGE}@{version} declares licence '{licence}', "
                 f"not {EXPECTED_LICENCE}; review before using it")
    rows = sorted((row(c) for c in countries), key=lambda r: r["id"])
    os.makedirs(OUT_DIR, exist_ok=True)
    csv_path = os.path.join(OUT_DIR, "countries.csv")
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(OUT_DIR, "countries.LICENSE.txt"), "w", encoding="utf-8") as f:
        f.write(LICENCE_TEXT.format(package=PACKAGE, version=package_json["version"],
                                    licence=licence, count=len(rows)))
    print(f"update-countries: wrote {len(rows)} rows from {PACKAGE}@{package_json['version']} "
          f"({licence}) to {os.path.relpath(csv_path)}")


if __name__ == "__main__":
    main()
