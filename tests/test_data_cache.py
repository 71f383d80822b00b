"""The claim checker's tables read back from the data cache are the tables it builds (summarizer.claims.data_cache)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.claims import data_cache, english, gazetteer


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data cache, with the tables loaded in this process forgotten before and after."""
    monkeypatch.setenv(data_cache.CACHE_ENV, str(tmp_path))
    gazetteer._load.cache_clear()
    english._english_words.cache_clear()
    yield tmp_path
    gazetteer._load.cache_clear()
    english._english_words.cache_clear()


def _tables(table: gazetteer.Gazetteer) -> tuple[object, ...]:
    return table.english, table.arabic, table.nisba, table.first_words


def _refuse_to_build(*_: object) -> object:
    raise AssertionError("built again: the cached table was not read")


@pytest.mark.parametrize("sources", [gazetteer.ALL_SOURCES, gazetteer.ALL_SOURCES - {"cities"}])
def test_a_gazetteer_read_from_the_cache_is_the_one_built(
    cache: Path, monkeypatch: pytest.MonkeyPatch, sources: frozenset[str]
) -> None:
    built = gazetteer._load(sources)  # built and written
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    other = gazetteer._load(sources - {"agencies"})  # another set of sources: a file of its own
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 2 and other is not built
    gazetteer._load.cache_clear()
    monkeypatch.setattr(gazetteer, "_build", _refuse_to_build)
    read = gazetteer._load(sources)
    assert read is not built
    assert _tables(read) == _tables(built)
    text = "قصفت طائرات سورية مدينة دمشق وبغداد"
    assert read.arabic_hits(text) == built.arabic_hits(text) != []


def test_the_english_word_list_read_from_the_cache_is_the_one_built(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = english._english_words()
    english._english_words.cache_clear()
    monkeypatch.setattr(english, "_build_english_words", _refuse_to_build)
    assert english._english_words() == built
    assert english.is_common_english("clashes") and not english.is_common_english("Qzxyvw")


def test_a_changed_input_is_another_key(tmp_path: Path) -> None:
    data = tmp_path / "places.tsv"
    data.write_text("a\n", encoding="utf-8")
    before = data_cache.input_key([data], "cities")
    assert data_cache.input_key([data], "cities") == before
    assert data_cache.input_key([data], "agencies") != before
    data.write_text("b\n", encoding="utf-8")
    assert data_cache.input_key([data], "cities") != before


def test_a_table_built_anew_removes_its_files_of_other_keys(cache: Path) -> None:
    data_cache.cached("table", "k1", lambda: 1)
    data_cache.cached("table+more", "k1", lambda: 2)  # another table: kept
    data_cache.cached("table", "k2", lambda: 3)
    assert sorted(p.name for p in cache.iterdir()) == ["table+more-k1.pickle", "table-k2.pickle"]


def test_an_unreadable_or_foreign_file_is_built_again(cache: Path) -> None:
    (cache / "table-k1.pickle").write_bytes(b"not a pickle")
    assert data_cache.cached("table", "k1", lambda: {"built": 1}) == {"built": 1}
    assert data_cache.cached("table", "k1", _refuse_to_build) == {"built": 1}  # rewritten whole, read back
    (cache / "table-k2.pickle").write_bytes((cache / "table-k1.pickle").read_bytes())  # stored under k1
    assert data_cache.cached("table", "k2", lambda: {"built": 2}) == {"built": 2}
    assert data_cache.cached("table", "k2", _refuse_to_build) == {"built": 2}


def test_off_reads_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data_cache.CACHE_ENV, "off")
    assert data_cache.cache_dir() is None
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    assert [data_cache.cached("table", "k", build) for _ in range(2)] == [1, 2]


def test_a_read_only_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(data_cache.CACHE_ENV, str(blocker / "cache"))  # a folder that cannot be made
    assert data_cache.cached("table", "k", lambda: 7) == 7


def test_the_collector_is_left_as_it_was_found() -> None:
    assert gc.isenabled()
    with data_cache.collector_paused():
        assert not gc.isenabled()
        with data_cache.collector_paused():  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with data_cache.collector_paused(pause=False):
        assert gc.isenabled()
    gc.disable()
    try:
        with data_cache.collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()
