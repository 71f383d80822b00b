"""Session 13's table: a figure written in words is its own check (number.value_words, a warning), in digits it
stays number.value (an error); number.qualifier went back to a warning (README "Grounded claims", round 13)."""

from __future__ import annotations

from typing import Any

from summarizer import verify
from summarizer.findings import ERROR_CHECKS
from summarizer.schema import Bullet, Digest

ARTICLE = "بيروت - استهدفت غارة سيارة في بلدة بنت جبيل، ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين بجروح."
QUOTE = "ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين"


def _number_checks(text: str) -> list[tuple[str, str]]:
    quote: Any = {"quote": QUOTE, "start": ARTICLE.index(QUOTE), "end": ARTICLE.index(QUOTE) + len(QUOTE)}
    bullet = Bullet(text=text, evidence=[quote])
    digest = Digest.model_construct(bullets=[bullet, bullet, bullet], events=[], run=None)
    return [(f.check, f.status) for f in verify(digest, ARTICLE) if f.location == "bullets[0]" and f.kind == "number"]


def test_a_wrong_figure_in_digits_is_an_error_in_words_a_warning() -> None:
    assert _number_checks("12 people were killed.") == [("number.value", "error")]
    assert _number_checks("Twelve people were killed.") == [("number.value_words", "unverified")]
    assert _number_checks("قُتل اثنا عشر شخصاً.") == [("number.value_words", "unverified")]
    assert _number_checks("Two people were killed and three wounded.") == []


def test_the_table() -> None:
    assert "number.value" in ERROR_CHECKS
    assert "number.value_words" not in ERROR_CHECKS
    assert "number.qualifier" in ERROR_CHECKS  # a warning in sessions 13-14, an error again since session 15
