#!/usr/bin/env python3
"""Check the classify dictionaries in src/main/resources/classify/.

How to run (from the repository root; needs Python 3 and PyYAML):

    python3 scripts/check-dictionaries.py            # the packaged files
    python3 scripts/check-dictionaries.py DIR        # another directory, e.g. a
                                                     # user's <home>/classify
                                                     # merged over the packaged one

Checks: every file parses; ids are unique within each file; every alpha-3 id
exists in countries.csv; every parent / organisation / country reference
resolves; place parents have no cycle; kinds come from each file's
vocabulary; dates are ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) with from <= to;
aliases are well formed. Then it reports aliases shared by entries with
different ids: a collision is accepted when both entries resolve to the same
state (the place "Moscow" and the metonym "Moscow" of RUS) or when it is in
INTENDED below with its reason; any other collision fails the check.

Exit status 0 when everything passes, 1 otherwise.
"""
import csv
import datetime
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGED = os.path.join(HERE, "..", "src", "main", "resources", "classify")

PLACE_KINDS = {"area", "city", "district", "site", "crossing", "region", "water", "camp"}
ORG_KINDS = {"international", "regional", "alliance", "non_state", "court", "agency", "party"}
ROLE_KINDS = {"head_of_state", "head_of_government", "foreign_minister", "deputy_foreign_minister",
              "defence_minister", "envoy", "spokesperson", "leader", "deputy_leader", "ambassador",
              "secretary_general", "other"}
ALIAS_KEYS = {"text", "case", "ambiguous", "unless_near"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Shared aliases that are deliberate, with the reason. Key: normalized alias.
INTENDED = {
    "korean peninsula": "region KOREAN_PENINSULA and place korean-peninsula: the engine prefers the region",
}

errors = []


def err(msg):
    errors.append(msg)


def load_yaml(directory, name):
    path = os.path.join(directory, name)
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        err(f"{name}: cannot load: {e}")
        return {}


def alias_text(a, where):
    if isinstance(a, str):
        if not a.strip():
            err(f"{where}: empty alias")
        return a
    if isinstance(a, dict):
        extra = set(a) - ALIAS_KEYS
        if extra:
            err(f"{where}: alias {a} has unknown keys {sorted(extra)}")
        if not isinstance(a.get("text"), str) or not a["text"].strip():
            err(f"{where}: alias {a} has no text")
            return ""
        if "case" in a and a["case"] != "exact":
            err(f"{where}: alias {a['text']!r}: case must be 'exact'")
        if "ambiguous" in a and not isinstance(a["ambiguous"], bool):
            err(f"{where}: alias {a['text']!r}: ambiguous must be true/false")
        if "unless_near" in a:
            if not a.get("ambiguous"):
                err(f"{where}: alias {a['text']!r}: unless_near needs ambiguous: true")
            if not isinstance(a["unless_near"], list) or not all(isinstance(x, str) for x in a["unless_near"]):
                err(f"{where}: alias {a['text']!r}: unless_near must be a list of strings")
        return a["text"]
    err(f"{where}: alias {a!r} is neither a string nor a map")
    return ""


def normalize(text):
    """The engine's equivalences: typographic apostrophes, hyphens = spaces; case folded for the report."""
    t = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'").replace("-", " ")
    return " ".join(t.split()).casefold()


def period(value, where, end):
    """Return the first (end=False) or last (end=True) day a reduced-precision ISO date covers."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str) or not DATE_RE.match(value):
        err(f"{where}: date {value!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            return datetime.date(*parts)
        if len(parts) == 2:
            if not end:
                return datetime.date(parts[0], parts[1], 1)
            nxt = datetime.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return nxt - datetime.timedelta(days=1)
        return datetime.date(parts[0], 12, 31) if end else datetime.date(parts[0], 1, 1)
    except ValueError:
        err(f"{where}: date {value!r} does not exist")
        return None


def unique_ids(entries, fname, section):
    seen = set()
    for e in entries:
        i = e.get("id") if isinstance(e, dict) else None
        if not i:
            err(f"{fname}: {section} entry without id: {e!r}")
            continue
        if i in seen:
            err(f"{fname}: duplicate id {i}")
        seen.add(i)
    return seen


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else PACKAGED
    with open(os.path.join(directory, "countries.csv"), encoding="utf-8", newline="") as f:
        countries = {r["id"]: r for r in csv.DictReader(f)}
    alpha3 = set(countries)

    states = (load_yaml(directory, "states.yaml") or {}).get("states", [])
    regions = (load_yaml(directory, "regions.yaml") or {}).get("regions", [])
    places = (load_yaml(directory, "places.yaml") or {}).get("places", [])
    orgs = (load_yaml(directory, "organisations.yaml") or {}).get("organisations", [])
    inst = load_yaml(directory, "institutions.yaml") or {}
    kinds, named = inst.get("kinds", []), inst.get("named", [])
    officials = (load_yaml(directory, "officials.yaml") or {}).get("officials", [])

    state_ids = unique_ids(states, "states.yaml", "states")
    unique_ids(regions, "regions.yaml", "regions")
    place_ids = unique_ids(places, "places.yaml", "places")
    org_ids = unique_ids(orgs, "organisations.yaml", "organisations")
    kind_ids = unique_ids(kinds, "institutions.yaml", "kinds")
    named_ids = unique_ids(named, "institutions.yaml", "named")
    unique_ids(officials, "officials.yaml", "officials")

    def need_alpha3(code, where):
        if code not in alpha3:
            err(f"{where}: {code!r} is not an id of countries.csv")

    # alias -> list of (file, id, country it resolves to or None)
    aliases = {}

    def add_aliases(items, fname, eid, country, field="aliases"):
        if items is None:
            return
        if not isinstance(items, list):
            err(f"{fname}: {eid}: {field} must be a list")
            return
        for a in items:
            t = alias_text(a, f"{fname}: {eid}.{field}")
            if t:
                aliases.setdefault(normalize(t), []).append((fname, eid, country))

    # --- states ---
    for s in states:
        need_alpha3(s["id"], f"states.yaml: {s['id']}")
        for field in ("aliases", "demonyms", "metonyms"):
            add_aliases(s.get(field, []), "states.yaml", s["id"], s["id"], field)
        if s["id"] in countries:
            row = countries[s["id"]]
            add_aliases([row["name"], row["official_name"]], "countries.csv", s["id"], s["id"])

    # --- regions ---
    for r in regions:
        for c in r.get("countries", []):
            need_alpha3(c, f"regions.yaml: {r['id']}")
        for key in ("name", "note"):
            if not r.get(key):
                err(f"regions.yaml: {r['id']}: missing {key}")
        add_aliases(r.get("aliases", []), "regions.yaml", r["id"], None)

    # --- places ---
    by_place = {p["id"]: p for p in places if "id" in p}
    for p in places:
        where = f"places.yaml: {p['id']}"
        if p.get("kind") not in PLACE_KINDS:
            err(f"{where}: kind {p.get('kind')!r} not in {sorted(PLACE_KINDS)}")
        if p["id"] in alpha3:
            err(f"{where}: a place id must not be an alpha-3 id")
        parent = p.get("parent")
        if parent is not None and parent not in place_ids and parent not in alpha3:
            err(f"{where}: parent {parent!r} is neither a place id nor an alpha-3 id")

    def place_country(pid):
        seen = set()
        while pid in by_place:
            if pid in seen:
                err(f"places.yaml: parent cycle through {pid}")
                return None
            seen.add(pid)
            pid = by_place[pid].get("parent")
        return pid if pid in alpha3 else None

    for p in places:
        add_aliases(p.get("aliases", []), "places.yaml", p["id"], place_country(p["id"]))

    # --- organisations ---
    for o in orgs:
        where = f"organisations.yaml: {o['id']}"
        if o.get("kind") not in ORG_KINDS:
            err(f"{where}: kind {o.get('kind')!r} not in {sorted(ORG_KINDS)}")
        if "country" in o:
            need_alpha3(o["country"], where)
        if "parent" in o and o["parent"] not in org_ids:
            err(f"{where}: parent {o['parent']!r} is not an organisation id")
        add_aliases(o.get("aliases", []), "organisations.yaml", o["id"], o.get("country"))

    # --- institutions ---
    for k in kinds:
        add_aliases(k.get("aliases", []), "institutions.yaml#kinds", k["id"], None)
    for n in named:
        where = f"institutions.yaml: {n['id']}"
        need_alpha3(n.get("country"), where)
        if n.get("kind") not in kind_ids:
            err(f"{where}: kind {n.get('kind')!r} is not a kind id")
        expected = f"{n.get('country')}-{n.get('kind')}"
        if n["id"] != expected:
            err(f"{where}: id must be <alpha-3>-<KIND>, here {expected}")
        add_aliases(n.get("aliases", []), "institutions.yaml", n["id"], n.get("country"))

    def actor_ok(ref):
        if ref in named_ids or ref in org_ids or ref in alpha3:
            return True
        m = re.match(r"^([A-Z]{3})-([A-Z_]+)$", ref or "")
        return bool(m) and m.group(1) in alpha3 and m.group(2) in kind_ids

    # --- officials ---
    for p in officials:
        where = f"officials.yaml: {p['id']}"
        if "country" in p:
            need_alpha3(p["country"], where)
        if not actor_ok(p.get("organisation")):
            err(f"{where}: organisation {p.get('organisation')!r} does not resolve")
        if not p.get("roles"):
            err(f"{where}: no roles")
        for i, role in enumerate(p.get("roles", [])):
            rw = f"{where}.roles[{i}]"
            if not isinstance(role.get("title"), str) or not role["title"]:
                err(f"{rw}: missing title")
            if role.get("kind") not in ROLE_KINDS:
                err(f"{rw}: kind {role.get('kind')!r} not in the vocabulary")
            if "organisation" in role and not actor_ok(role["organisation"]):
                err(f"{rw}: organisation {role['organisation']!r} does not resolve")
            extra = set(role) - {"title", "kind", "from", "to", "organisation"}
            if extra:
                err(f"{rw}: unknown keys {sorted(extra)}")
            if "from" not in role:
                err(f"{rw}: missing from")
                continue
            start = period(role["from"], rw, end=False)
            if "to" in role:
                stop = period(role["to"], rw, end=True)
                if start and stop and start > stop:
                    err(f"{rw}: from {role['from']} is after to {role['to']}")
        add_aliases(p.get("aliases", []), "officials.yaml", p["id"], p.get("country"))
        add_aliases(p.get("short", []), "officials.yaml", p["id"], p.get("country"), "short")

    # --- collisions ---
    accepted, failed = [], []
    for text, owners in sorted(aliases.items()):
        ids = {(f.split("#")[0] if f != "countries.csv" else "states.yaml", i) for f, i, _ in owners}
        if len({i for _, i in ids}) < 2:
            continue
        line = f"  {text!r}: " + ", ".join(sorted(f"{f}:{i}" for f, i in ids))
        resolved = {c for _, _, c in owners}
        kind_owners = [o for o in owners if o[0] == "institutions.yaml#kinds"]
        if len(kind_owners) == 1 and len({(f, i) for f, i, _ in owners if f != "institutions.yaml#kinds"}) == 1:
            # A kind alias counts only with a state ("Russian foreign office");
            # alone, the same words are the one named actor ("Foreign Office").
            accepted.append(line + "  [kind alias needs a state; alone it is the named entry]")
        elif text in INTENDED:
            accepted.append(line + f"  [intended: {INTENDED[text]}]")
        elif len(resolved) == 1 and None not in resolved:
            accepted.append(line + f"  [same state {resolved.pop()}]")
        else:
            failed.append(line)
    print(f"check-dictionaries: {len(states)} states, {len(regions)} regions, {len(places)} places, "
          f"{len(orgs)} organisations, {len(kinds)} institution kinds, {len(named)} named institutions, "
          f"{len(officials)} officials, {len(aliases)} distinct aliases")
    print(f"shared aliases accepted ({len(accepted)}):")
    print("\n".join(accepted) if accepted else "  none")
    if failed:
        print(f"shared aliases NOT accepted ({len(failed)}):")
        print("\n".join(failed))
        err(f"{len(failed)} shared aliases between entries that resolve to different actors")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("check-dictionaries: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
