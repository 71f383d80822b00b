"""speed16: arabic_names reads an article's word list once and remembers per-word readings; tables unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from summarizer.arabic import normalize_text
from summarizer.article_index import article_index, clear_cache
from summarizer.claims import arabic_names
from summarizer.evals.cases import load_cases

CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"


def _tables(article: str) -> tuple[object, ...]:
    return (
        arabic_names._article_stems(article),
        arabic_names._article_roots(article),
        arabic_names.article_orgs(article),
        arabic_names.cue_name_kinds(article),
        arabic_names.article_name_kinds(article),
    )


def _forget() -> None:
    clear_cache()
    for memo in (arabic_names._stem_forms, arabic_names._org_head, arabic_names._without_article):
        memo.cache_clear()


def test_the_word_lists_are_the_articles_tokens() -> None:
    for case in load_cases(CASES)[:6]:
        text = article_index(case.article).text
        assert arabic_names._article_words(case.article) == tuple(re.findall(r"\w+", text))
        marks = tuple(re.findall(r"\w+|[.,،؛;:!?؟()\"«»\n-]", text))
        assert arabic_names._article_marks(case.article) == marks


def test_tables_are_the_same_cold_warm_and_in_another_order() -> None:
    articles = [case.article for case in load_cases(CASES)[:8]]
    _forget()
    cold = [_tables(article) for article in articles]
    warm = [_tables(article) for article in articles]  # per-article tables and per-word memos served
    _forget()
    backward = [_tables(article) for article in reversed(articles)][::-1]  # word memos filled by other articles
    assert cold == warm == backward


def test_one_word_list_per_article() -> None:
    article = load_cases(CASES)[1].article
    _forget()
    _tables(article)
    found = article_index(article).found
    keys = [k for k in found if k[0] == "per_article" and str(k[1]).endswith(("_article_words", "_article_marks"))]
    assert len(keys) == 2
    words = found[keys[0]]
    _tables(article)
    assert found[keys[0]] is words  # not read again


def test_word_memos_return_immutable_readings() -> None:
    forms = arabic_names._stem_forms("وزارته")
    assert isinstance(forms, frozenset)
    assert arabic_names._stem_forms("وزارته") is forms
    assert "وزاره" in forms
    assert arabic_names._org_head(normalize_text("ووزارة")) == normalize_text("وزارة")
    assert arabic_names._org_head(normalize_text("السيارة")) is None
    assert arabic_names._without_article("والمجلس") == "مجلس"
