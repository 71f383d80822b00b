"""Quote repair: near-verbatim quotes snap to their one true span; nothing else does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.alignment import fuzzy_locate
from summarizer.grounding import QuoteNotFound, locate
from summarizer.schema import Evidence

ARTICLE = (
    "قالت وكالة الأنباء الرسمية إن القصف استمر حتى الفجر. "
    "وأفادت مصادر محلية أن أكثر من 10 صواريخ سقطت على القاعدة فجر الخميس دون تسجيل إصابات. "
    "وأكد مسؤول أمريكي أن الهجوم لم يوقع ضحايا."
)
CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"


def test_the_issue_example_snaps_to_the_articles_words() -> None:
    # The model wrote «وذكرت المصادر» where the article says «وأفادت مصادر محلية».
    span = fuzzy_locate("وذكرت المصادر أن أكثر من 10 صواريخ سقطت", ARTICLE)
    assert span is not None and span.match == "fuzzy"
    assert ARTICLE[span.start : span.end] == "مصادر محلية أن أكثر من 10 صواريخ سقطت"
    assert 0.8 <= span.similarity < 1.0


def test_grounding_uses_repair_only_after_exact_and_clitic_passes() -> None:
    assert locate("أكثر من 10 صواريخ", ARTICLE).method == "exact"
    repaired = locate("وذكرت المصادر أن أكثر من 10 صواريخ سقطت", ARTICLE)
    assert repaired.method == "fuzzy" and repaired.similarity < 1.0


def test_evidence_shows_the_article_span_and_keeps_the_models_wording() -> None:
    quote = "وذكرت المصادر أن أكثر من 10 صواريخ سقطت"
    evidence = Evidence.model_validate({"quote": quote}, context={"article": ARTICLE})
    assert evidence.match == "fuzzy" and evidence.model_quote == quote
    assert evidence.quote == ARTICLE[evidence.start : evidence.end]
    exact = Evidence.model_validate({"quote": "أكثر من 10 صواريخ"}, context={"article": ARTICLE})
    assert exact.match == "exact" and exact.similarity == 1.0 and exact.model_quote is None


@pytest.mark.parametrize(
    "quote",
    [
        "أن أكثر من 20 صاروخا سقطت على القاعدة",  # a changed number is a different claim, never a slip
        "وأفادت مصادر محلية أن ثلاثة صواريخ سقطت",  # a number word the article does not have here
        "أكد مسؤول إيراني أن الغارات أوقعت عشرات القتلى",  # same frame, different facts
        "سقطت القاعدة",  # too short to judge
        "إصابات تسجيل دون الخميس فجر القاعدة على سقطت",  # the right words in the wrong order
    ],
)
def test_quotes_that_say_something_else_are_not_repaired(quote: str) -> None:
    assert fuzzy_locate(quote, ARTICLE) is None
    with pytest.raises(QuoteNotFound):
        locate(quote, ARTICLE)


def test_an_ambiguous_quote_is_not_snapped() -> None:
    twice = "أعلن الجيش أنه أسقط طائرة مسيرة فوق المدينة. وبعد ساعة أعلن الجيش أنه أسقط طائرة مسيرة فوق الميناء."
    assert fuzzy_locate("وقال الجيش أنه أسقط طائرة مسيرة فوق", twice) is None


def _suite_quotes() -> list[tuple[str, str]]:
    """(case id, quote) for every key-fact quote and for word windows of every article in the suite."""
    quotes = []
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        quotes += [(case["id"], fact["quote"]) for fact in case["key_facts"] if fact.get("quote")]
        words = case["article"].split()
        quotes += [(case["id"], " ".join(words[i : i + 8])) for i in range(0, len(words) - 8, 6)]
    return quotes


def test_no_false_snaps_on_quotes_from_other_articles_of_the_suite() -> None:
    articles = {
        case["id"]: case["article"]
        for case in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json")))
    }
    quotes = _suite_quotes()
    assert len(articles) >= 30 and len(quotes) > 400
    false_snaps = []
    for article_id, article in articles.items():
        for quote_id, quote in quotes:
            if quote_id == article_id:
                continue
            span = fuzzy_locate(quote, article)
            # A similarity of 1.0 means the words really are in this article too (shared boilerplate).
            if span is not None and span.similarity < 1.0:
                false_snaps.append((article_id, quote_id, quote, article[span.start : span.end]))
    assert false_snaps == []


def test_a_quote_whose_negation_the_span_lacks_is_not_snapped() -> None:
    """Found by case 041 against case 021: without «تنفي» the span has the RSF say the opposite."""
    article = "وقالت قوات الدعم السريع، في بيان نشرته على منصة تلغرام، إنها سيطرت على المطار."
    assert fuzzy_locate("قوات الدعم السريع تنفي في بيان على تلغرام", article) is None
    assert fuzzy_locate("قوات الدعم السريع في بيان نشرته على تلغرام", article) is not None
