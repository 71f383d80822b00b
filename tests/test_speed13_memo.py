"""The claim checker's speed work of session 13 (issue 23, helper speed13) changes no finding.

A bullet's findings are remembered per article and handed to the same bullet met again in another digest, at
another index (relocated); memoised text functions give what they computed before; the article index's last-entry
fast path returns the index the cache holds. Each is checked against a fresh computation.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from summarizer import arabic
from summarizer.article_index import article_index, clear_cache
from summarizer.claims import numbers as numbers_module
from summarizer.claims import verify
from summarizer.evals.cases import load_cases
from summarizer.evals.claims_checks import _forget_digests
from summarizer.evals.reference import reference_digest
from summarizer.findings import Finding, erroring
from summarizer.schema import Bullet, Digest, Evidence
from summarizer.validation import context as validation_context

ROOT = Path(__file__).resolve().parent.parent
verify_module = importlib.import_module("summarizer.claims.verify")
CASES = list(load_cases(ROOT / "evals" / "cases"))


def _fresh(digest: Digest, article: str) -> list[dict[str, object]]:
    """The findings of ``digest`` with nothing remembered about its article's digests or bullets."""
    _forget_digests(article)
    return [f.model_dump() for f in verify(digest, article)]


def _dumped(findings: list[Finding]) -> list[dict[str, object]]:
    return [f.model_dump() for f in findings]


@pytest.mark.parametrize("case", CASES[:12], ids=lambda c: c.id)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_bullet_met_again_elsewhere_gets_its_findings_relocated(case: object, language: str) -> None:
    article = case.article  # type: ignore[attr-defined]
    digest = reference_digest(case, language)  # type: ignore[arg-type]
    verify(digest, article)  # every bullet remembered at its own index
    reordered = digest.model_copy(deep=True)
    reordered.bullets = [*reordered.bullets[::-1], reordered.bullets[0].model_copy(deep=True)]
    remembered = _dumped(verify(reordered, article))
    assert remembered == _fresh(reordered, article)


ARTICLE = (
    "بيروت - استهدفت طائرة مسيّرة إسرائيلية، أمس الثلاثاء 14 أيار 2024، سيارة في بلدة بنت جبيل جنوبي لبنان، "
    "ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين بجروح. وقالت مصادر محلية إن القتيلين عنصران في حزب الله. "
    "ولم يعلق الجيش الإسرائيلي على الغارة حتى الآن. وأصيب نحو عشرين شخصا في قصف سابق على مدينة صور."
)
BULLETS = [
    ("An Israeli drone struck a car in Bint Jbeil.", ["استهدفت طائرة مسيّرة إسرائيلية"]),
    ("5 people were killed and three wounded on 15 May.", ["ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين"]),  # 5: an error
    ("The Israeli army commented on the strike.", ["ولم يعلق الجيش الإسرائيلي على الغارة"]),
    ("Residents fled the town.", ["residents fled the town after the strike"]),
]


def _digest(order: list[int]) -> Digest:
    """The bullets in this order; the last one's evidence is not in the article (a finding below the bullet)."""
    data = {"bullets": [{"text": t, "evidence": [{"quote": q} for q in qs]} for t, qs in BULLETS[:3]], "events": []}
    valid = Digest.model_validate(data, context=validation_context(ARTICLE, "en", "warn")).bullets
    text, quotes = BULLETS[3]
    stray = Bullet.model_construct(
        text=text, evidence=[Evidence.model_construct(quote=quotes[0], start=None, end=None)]
    )
    bullets = [*valid, stray]
    return Digest.model_construct(bullets=[bullets[n].model_copy(deep=True) for n in order], events=[], run=None)


def test_relocated_findings_name_their_new_bullet() -> None:
    first = verify(_digest([0, 1, 2, 3]), ARTICLE)
    assert {f.location.split(".")[0] for f in first} >= {"bullets[1]", "bullets[2]"}
    moved = _digest([2, 3, 1, 0, 1])
    remembered = _dumped(verify(moved, ARTICLE))
    assert remembered == _fresh(moved, ARTICLE)
    assert [f["check"] for f in remembered if str(f["location"]).startswith("bullets[2]")] == [
        f.check for f in first if f.location.startswith("bullets[1]")
    ]
    assert [f["check"] for f in remembered if str(f["location"]).startswith("bullets[4]")] == [
        f.check for f in first if f.location.startswith("bullets[1]")
    ]


def test_a_remembered_bullet_follows_the_erroring_table() -> None:
    """The erroring table decides each finding's status: a bullet remembered under one table is not handed out
    under another."""
    digest = _digest([0, 1, 2])
    assert any(f.is_error for f in verify(digest, ARTICLE))
    with erroring(frozenset()):
        under_none = _dumped(verify(_digest([0, 1, 2]), ARTICLE))
        assert under_none and all(f["status"] == "unverified" for f in under_none)
        assert under_none == _fresh(digest, ARTICLE)
    assert _dumped(verify(digest, ARTICLE)) == _fresh(digest, ARTICLE)


def test_memoised_text_functions_compute_what_they_did() -> None:
    texts = [c.article[:300] for c in CASES] + ["Two people were killed", "", "abc عربي", "٣ قتلى"]
    for text in texts:
        assert arabic.arabic_letter_ratio(text) == arabic.arabic_letter_ratio.__wrapped__(text)
        assert arabic.content_words(text) == arabic.content_words.__wrapped__(text)
        for word in text.split():
            assert numbers_module._may_start_number(word) == numbers_module._may_start_number.__wrapped__(word)


def test_the_index_fast_path_returns_the_cached_index() -> None:
    clear_cache()
    article = CASES[0].article
    index = article_index(article)
    assert article_index(article) is index
    copy = "".join(list(article))  # equal, another object: the dictionary finds it
    assert copy is not article
    assert article_index(copy) is index
    other = article_index(CASES[1].article)
    assert other is not index and article_index(article) is index
    clear_cache()
    assert article_index(article) is not index
    assert verify_module.check is not None
