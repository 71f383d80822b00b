"""The shared article index: its tables hold what the collector need not walk (speed only, issue 23)."""

from __future__ import annotations

import gc
from pathlib import Path

from summarizer.article_index import build

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_28e21e24a588c826.article.txt"


def test_an_index_keeps_its_word_tables_out_of_the_collectors_walk() -> None:
    """An index lives as long as its article stays cached; a list per distinct word (600 for a 4,800-character
    article) was an object every full pass of the caller's collector walked, and their number decided how often
    full passes ran. Tuples of strings and ints are untracked after one collection."""
    index = build(SEED.read_text(encoding="utf-8"))
    tables = (index.positions, index.by_stem)
    assert all(len(table) > 100 for table in tables)
    gc.collect()
    assert [gc.is_tracked(value) for table in tables for value in table.values()].count(True) == 0


def test_the_tables_say_the_same_as_the_words_in_order() -> None:
    index = build("قال مسؤول إن القصف طال القرية، وقال شاهد إن القرية خلت")
    assert index.positions["القريه"] == (5, 9)
    assert index.positions_of("القريه") == (5, 9)
    assert all(position == tuple(sorted(position)) for position in index.positions.values())
    assert sum(len(p) for p in index.positions.values()) == len(index.tokens)
