"""The claim checker on recorded answers: the supported share scored for every run, valid or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evals.audit import audit_answer, supported_share
from summarizer.evals.cases import Case, load_case

CASE = Path(__file__).parent.parent / "evals" / "cases" / "001_drone_strike_bint_jbeil.json"


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(CASE)


def _answer(*bullets: tuple[str, str]) -> str:
    return json.dumps(
        {"bullets": [{"text": t, "evidence": [{"quote": q}]} for t, q in bullets], "events": []}, ensure_ascii=False
    )


FAITHFUL = (
    (
        "An Israeli drone struck a car between Bint Jbeil and Ainatha.",
        "طائرة مسيّرة إسرائيلية، أمس الثلاثاء، سيارة على الطريق الواصل بين بلدتي بنت جبيل وعيناثا",
    ),
    ("Two people in the car were killed.", "ما أدى إلى مقتل شخصين كانا بداخلها"),
    ("Hezbollah mourned one of its members.", 'نعى "حزب الله" أحد عناصره'),
)


def test_a_faithful_answer_is_wholly_supported(case: Case) -> None:
    assert supported_share(_answer(*FAITHFUL), case, "en", "v2") == 1.0


def test_each_unsupported_or_ungrounded_bullet_counts_against_the_share(case: Case) -> None:
    wrong_number = ("An Israeli drone killed 12 people.", "ما أدى إلى مقتل شخصين كانا بداخلها")
    invented_quote = ("Hezbollah vowed revenge.", "توعد حزب الله بالرد القاسي على الاغتيال")
    raw = _answer(FAITHFUL[0], FAITHFUL[1], wrong_number, invented_quote)
    assert supported_share(raw, case, "en", "v2") == 0.5
    audited = audit_answer(raw, case, "en", "v2", 1)
    assert [b.index for b in audited] == [0, 1, 2]  # the invented quote's bullet does not ground at all
    assert audited[2].findings and "12" in audited[2].findings[0]
    assert audited[1].evidence == ["ما أدى إلى مقتل شخصين كانا بداخلها"]


@pytest.mark.parametrize("raw", [None, "", "not json", "[1, 2]", '{"bullets": []}', '{"events": []}'])
def test_no_answer_or_no_bullets_scores_zero(case: Case, raw: str | None) -> None:
    assert supported_share(raw, case, "en", "v2") == 0.0
