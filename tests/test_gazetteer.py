"""The claim checker's gazetteer: built from CLDR, pycountryinfo and GeoNames by scripts/build_gazetteer.py, shipped,
read once on first use."""

from __future__ import annotations

import gzip
import json
from importlib import metadata
from pathlib import Path

import pytest

from summarizer.claims.gazetteer import DATA, carries, gazetteer, known_names
from tests.repo_scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def _header() -> dict[str, dict[str, str]]:
    with gzip.open(DATA / "places.tsv.gz", "rt", encoding="utf-8") as lines:
        first = lines.readline()
    assert first.startswith("# ")
    return dict(json.loads(first[2:]))


def test_the_shipped_file_is_what_the_build_script_makes_from_the_recorded_package_versions() -> None:
    sources = _header()["sources"]
    try:
        installed = {name: metadata.version(name) for name in sources}
    except metadata.PackageNotFoundError:
        pytest.skip("the gazetteer's source packages are not installed (the dev extra has them)")
    if installed != sources:
        pytest.skip(f"installed {installed}, the file was built from {sources}: rebuild it")
    module = load_script(ROOT / "scripts" / "build_gazetteer.py")
    assert module.build() == (DATA / "places.tsv.gz").read_bytes()


@pytest.mark.parametrize(
    ("english", "arabic"),
    [
        ("Germany", "في ألمانيا"),
        ("German", "الحكومة الألمانية"),
        ("Iraqi", "قتل عراقيين"),
        ("Japanese", "الشركة اليابانية"),
        ("Syrian", "الجيش السوري"),
        ("Vienna", "في مدينة فيينا"),
        ("SANA", "ذكرت سانا"),
        ("National News Agency", "الوكالة الوطنية للإعلام"),
        ("Houthis", "قوات الحوثيين"),
    ],
)
def test_english_names_are_carried_by_their_arabic_forms(english: str, arabic: str) -> None:
    entries = gazetteer().english_entries(english)
    assert entries and any(carries(e, arabic) for e in entries)


def test_an_ordinary_word_that_names_some_town_is_not_a_known_arabic_name() -> None:
    """«المدينة» is Medina and "the city"; «جنوبي» is no country's adjective («جورجيا الجنوبية»)."""
    table = gazetteer()
    assert not table.arabic_hits("في المدينة")
    assert not table.arabic_hits("جنوبي لبنان")[:1] or table.arabic_hits("جنوبي لبنان")[0][2] != "جنوبي"


def test_known_names_lists_names_with_their_english_and_offsets() -> None:
    text = "وقال الجيش السوري إن عراقيين قتلوا، بحسب الوكالة الوطنية للإعلام."
    found = [(n.arabic, n.english, n.kind) for n in known_names(text)]
    assert found == [
        ("السوري", "Syrian", "country"),
        ("عراقيين", "Iraqi", "country"),
        ("الوكالة الوطنية للإعلام", "National News Agency", "agency"),
    ]
    assert all(text[n.start : n.end] == n.arabic for n in known_names(text))
