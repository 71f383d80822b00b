"""Speed17's loop rewrites (issue 23) give what the loops they replace gave, word for word.

``gazetteer._arabic_hits`` (anchors found in one pass, no run tried longer than the longest key from its first word),
``places.slots`` (anchors found in one pass) and ``article_index`` (positions, by_stem) against the loops as they
were before, kept here as the reference, over every suite article and texts made to hit the edges (a name at the
very end, names back to back, lists of places, clitics on the first word)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.arabic import clitic_parses, normalize_text
from summarizer.article_index import build
from summarizer.claims import places
from summarizer.claims.gazetteer import MAX_WORDS, Entry, Gazetteer, _bare, _may_start, _nisba_of, _stems, gazetteer

CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"


def _articles() -> list[str]:
    from summarizer.evals.cases import load_cases

    return [case.article for case in load_cases(CASES)]


EDGES = [
    "",
    "دمشق",
    "في دمشق",
    "قصفت الطائرات مدينة دير الزور وبلدتي خشام والمريعية في ريف دير الزور",
    "وصل الوفد إلى الجمهورية العربية السورية ثم إلى المملكة العربية السعودية والإمارات العربية المتحدة",
    "قال مسؤول سوري إن السوريين عادوا من لبنان إلى حمص وحماة وإدلب وبمصراتة وللقاهرة",
    "من الخرطوم والجزيرة وكردفان ودارفور، في مدينة بنت جبيل وعيناثا «في» (جنوب) مدينة الفاشر",
    "الأمم المتحدة ووكالة الأنباء الفرنسية وفرانس برس ورويترز في نيويورك واشنطن",
    "بغداد بغداد بغداد العراق العراقيين",
]


def _old_arabic_hits(self: Gazetteer, text: str) -> list[tuple[int, int, str, list[Entry]]]:
    tokens = re.findall(r"\w+", normalize_text(text))
    hits: list[tuple[int, int, str, list[Entry]]] = []
    i = 0
    while i < len(tokens):
        found = None
        if not _may_start(self, tokens[i]):
            i += 1
            continue
        for stem in _stems(tokens[i]):
            starts = stem in self.first_words or (stem.startswith("ال") and stem[2:] in self.first_words)
            for n in range(min(MAX_WORDS, len(tokens) - i) if starts else 0, 0, -1):
                key = " ".join([stem, *tokens[i + 1 : i + n]])
                entries = self.arabic.get(key) or self.arabic.get(_bare(key))
                if entries and (found is None or n > found[1] - found[0]):
                    found = (i, i + n, key, entries)
                    break
            nisba = _nisba_of(self, stem)
            if nisba and found is None:
                found = (i, i + 1, stem, nisba)
        if found:
            hits.append(found)
            i = found[1]
        else:
            i += 1
    return hits


def _old_slots(text: str) -> tuple[tuple[str, str, str, int], ...]:
    tokens = re.findall(r"\w+|[,،.;؛:!?؟()\"«»\n]", normalize_text(text))
    found = []
    i = 0
    while i < len(tokens):
        kind, carried = places._anchor(tokens[i])
        if kind is None:
            i += 1
            continue
        j = i + 1
        if carried:
            j -= 1
            tokens[j] = carried
        else:
            while (
                j < len(tokens)
                and (nested := places._anchor(tokens[j]))[0] in places._NOUNS | places._DIRECTIONS
                and not nested[1]
            ):
                kind = nested[0] or kind
                j += 1
        if j >= len(tokens) or not places._is_name(tokens[j]):
            i = j + 1
            continue
        written, k = places._name_at(tokens, j)
        found.append((kind, tokens[j], written, i))
        listed = kind == places.PREPOSITION or kind in places._PLURAL_NOUNS
        while listed and k < len(tokens) and tokens[k][:1] == "و" and places._is_name(tokens[k][1:]):
            tokens[k] = tokens[k][1:]
            written, after = places._name_at(tokens, k)
            found.append((kind, tokens[k], written, i))
            k = after
        i = k
    return tuple(found)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    articles = _articles()
    # every article, each of its lines alone (names at a text's very start and end), and the edge texts
    return [*articles, *(line for article in articles[:12] for line in article.splitlines() if line), *EDGES]


def test_arabic_hits_as_before(texts: list[str]) -> None:
    table = gazetteer()
    for text in texts:
        assert table._arabic_hits(text) == _old_arabic_hits(table, text), text[:80]


def test_key_words_bound_every_key() -> None:
    table = gazetteer()
    for key in table.arabic:
        assert table.key_words[key.split(" ", 1)[0]] >= len(key.split(" "))
    assert set(table.key_words) == set(table.first_words)


def test_slots_as_before(texts: list[str]) -> None:
    for text in texts:
        assert places.slots.__wrapped__(text) == _old_slots(text), text[:80]


def test_article_index_tables_as_before(texts: list[str]) -> None:
    for text in texts[:60]:
        index = build(text)
        positions: dict[str, list[int]] = {}
        for position, token in enumerate(index.tokens):
            positions.setdefault(token, []).append(position)
        assert list(index.positions.items()) == [(k, tuple(v)) for k, v in positions.items()]
        by_stem: dict[str, list[str]] = {}
        for token in positions:
            for _, stem in clitic_parses(token):
                by_stem.setdefault(stem, []).append(token)
        assert list(index.by_stem.items()) == [(k, tuple(v)) for k, v in by_stem.items()]
