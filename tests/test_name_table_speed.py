"""The claim checker's table of the article's names by skeleton is built only when a look-up may need it (speed
only, issue 23): every look-up answers what the whole table answers, and the table is left unbuilt for a skeleton
that no city in the article and no name after a cue has."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from summarizer.article_index import article_index
from summarizer.claims import data_cache, gazetteer, naming
from summarizer.claims.names import latin_key
from summarizer.evals.cases import load_cases

ROOT = Path(__file__).resolve().parent.parent
_TABLE_KEY = ("per_article", "summarizer.claims.naming._article_name_keys")


def _english_skeletons(bullets: list[str]) -> set[str]:
    """Skeletons of the capitalised words and two-word runs of English bullets: what the checker asks about."""
    runs = set()
    for bullet in bullets:
        words = re.findall(r"[A-Z][A-Za-z'’-]*", bullet)
        runs.update(words)
        runs.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return {latin_key(run) for run in runs}


def test_every_look_up_answers_what_the_whole_table_answers() -> None:
    city_skeletons = sorted(naming._city_forms() or {})
    sample = set(city_skeletons[::20])  # skeletons some city has, written in the article or not
    asked = 0
    for case in load_cases(ROOT / "evals" / "cases"):
        table = naming._article_name_keys.__wrapped__(case.article)  # type: ignore[attr-defined]
        keys = set(table) | _english_skeletons(case.human_bullets_en) | sample
        for key in sorted(k for k in keys if len(k) >= 3):
            assert naming._article_names_of(key, case.article) == table.get(key, frozenset()), (case.id, key)
            asked += 1
    assert asked > 5000


def test_the_table_is_built_only_for_a_skeleton_it_may_hold() -> None:
    case = next(c for c in load_cases(ROOT / "evals" / "cases") if c.id.startswith("000"))
    article = f"(({case.id} laziness))\n{case.article}"  # a new article: nothing remembered about it
    table = naming._article_name_keys.__wrapped__(article)  # type: ignore[attr-defined]
    forms = naming._city_forms() or {}
    words = naming._joined_words(article)
    cue_only = next(k for k in sorted(table) if len(k) >= 3 and not any(f in words for f in forms.get(k, ())))
    assert naming._article_names_of("ZZZZ", article) == frozenset()
    assert naming._article_names_of(cue_only, article) == table[cue_only]
    assert _TABLE_KEY not in article_index(article).found  # answered from the names after cues alone
    city = next(k for k in sorted(table) if len(k) >= 3 and any(f in words for f in forms.get(k, ())))
    assert naming._article_names_of(city, article) == table[city]
    assert _TABLE_KEY in article_index(article).found


def test_a_demonym_read_as_a_city_makes_every_look_up_build_the_table() -> None:
    town = gazetteer.Entry("city", "SY:1", 50_000, ("Suran",), ("سوران",), (), (), ("سور",))
    table = gazetteer.Gazetteer([town], gazetteer.ALL_SOURCES)
    assert table.nisba  # its stem reads «سوري» as this town: no list of written forms covers such readings
    assert naming._read_or_build_city_forms(table) is None


def test_the_city_skeletons_read_from_the_data_cache_are_the_ones_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data_cache.CACHE_ENV, str(tmp_path))
    table = gazetteer.gazetteer()
    built = naming._read_or_build_city_forms(table)
    assert built and len(list(tmp_path.glob("city-skeletons-*.pickle"))) == 1

    def refuse(_: object) -> object:
        raise AssertionError("built again: the cached skeletons were not read")

    monkeypatch.setattr(naming, "_build_city_forms", refuse)
    assert naming._read_or_build_city_forms(table) == built
