"""The claim checker on hand-made cases: each check catches its kind of error and passes faithful text."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import verify
from summarizer.claims.names import english_matches_arabic
from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import is_negative
from summarizer.schema import Digest
from summarizer.validation import context as validation_context

ARTICLE = (
    "بيروت - استهدفت طائرة مسيّرة إسرائيلية، أمس الثلاثاء 14 أيار 2024، سيارة في بلدة بنت جبيل جنوبي لبنان، "
    "ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين بجروح. وقالت مصادر محلية إن القتيلين عنصران في حزب الله. "
    "ولم يعلق الجيش الإسرائيلي على الغارة حتى الآن. وأصيب نحو عشرين شخصا في قصف سابق على مدينة صور."
)


def _digest(bullets: list[tuple[str, list[str]]], events: list[dict[str, Any]] | None = None) -> Digest:
    data = {
        "bullets": [{"text": t, "evidence": [{"quote": q} for q in qs]} for t, qs in bullets],
        "events": events or [],
    }
    return Digest.model_validate(data, context=validation_context(ARTICLE, "en", "warn"))


FAITHFUL = [
    (
        "An Israeli drone struck a car in Bint Jbeil in southern Lebanon.",
        ["سيارة في بلدة بنت جبيل جنوبي لبنان", "استهدفت طائرة مسيّرة إسرائيلية"],
    ),
    ("Two people were killed and three wounded.", ["ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين"]),
    ("The Israeli army has not commented on the strike.", ["ولم يعلق الجيش الإسرائيلي على الغارة"]),
]


def test_faithful_digest_has_no_findings() -> None:
    digest = _digest(FAITHFUL)
    assert verify(digest, ARTICLE) == []
    assert all(b.supported for b in digest.bullets)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Twelve people were killed and three wounded.", "number"),
        ("Two people were killed and 30 wounded.", "number"),
        ("Two people were killed in Tyre.", "name"),
        ("Two people were not killed.", "polarity"),
    ],
)
def test_each_kind_of_unsupported_claim_is_found(text: str, kind: str) -> None:
    digest = _digest([(text, ["ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين"]), *FAITHFUL[:2]])
    findings = verify(digest, ARTICLE)
    assert [f.kind for f in findings if f.location == "bullets[0]"] == [kind]
    assert digest.bullets[0].status == ("unsupported" if findings[0].is_error else "unverified")
    assert digest.bullets[0].supported is (not findings[0].is_error)
    assert "شخصين" in findings[0].evidence  # checked against the located article span


def test_asserting_a_denial_is_flagged() -> None:
    digest = _digest(
        [("The Israeli army commented on the strike.", ["ولم يعلق الجيش الإسرائيلي على الغارة"]), *FAITHFUL[:2]]
    )
    assert [f.kind for f in verify(digest, ARTICLE)] == ["polarity"]


def test_error_policy_fails_validation_with_the_findings() -> None:
    data = {"bullets": [{"text": "12 people were killed.", "evidence": [{"quote": "ما أدى إلى مقتل شخصين"}]}] * 3}
    with pytest.raises(ValidationError, match="not stated in this bullet's evidence"):
        Digest.model_validate(data, context=validation_context(ARTICLE, "en", "error"))
    warned = Digest.model_validate(data, context=validation_context(ARTICLE, "en", "warn"))
    assert warned.findings and warned.bullets[0].supported is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مقتل شخصين", [(2, 2, "exact")]),
        ("قتيلين وجنديين", [(2, 2, "exact"), (2, 2, "exact")]),
        ("خمسة وعشرين جريحا", [(25, 25, "exact")]),
        ("نحو ١٠ صواريخ", [(10, 10, "approximate")]),
        ("أكثر من 40 شخصا", [(40, 40, "more_than")]),
        ("6 قتلى على الأقل", [(6, 6, "at_least")]),
        ("بين 10 و15 جريحا", [(10, 15, "range")]),
        ("عشرات المتظاهرين", [(20, 99, "vague")]),
        ("dozens of protesters", [(24, 99, "vague")]),
        ("about twenty-five people", [(25, 25, "approximate")]),
        # dates, clock times and names are no figures; an ordinal of a counted noun ("the second day") is one
        ("on 12 October 2024 at 10:30, under Resolution 1701", []),
        ("the second day, on 12 October 2024", [(2, 2, "ordinal")]),
        ("صباح السبت 12 أكتوبر في اليوم الثاني", [(2, 2, "ordinal")]),
        ("في كانون الثاني، second only to", []),
        ("المدنيين", []),  # a sound plural, not a dual
    ],
)
def test_quantities(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(q.low, q.high, q.qualifier) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    ("english", "arabic", "same"),
    [
        ("Tyre", "مدينة صور", True),
        ("Sour", "مدينة صور", True),
        ("Bint Jbeil", "بلدة بنت جبيل", True),
        ("Deir ez-Zor", "ريف دير الزور", True),
        ("Kasserine", "مدينة القصرين", True),
        ("Hezbollah", "حزب الله", True),
        ("Syrian", "النظام السوري", True),
        ("Sharjah", "معرض الشارقة", True),
        ("Kasserine", "ريف دير الزور", False),
        ("Tyre", "بلدة بنت جبيل", False),
        ("Basra", "حقل كونيكو", False),
    ],
)
def test_transliteration_keys(english: str, arabic: str, same: bool) -> None:
    assert english_matches_arabic(english, arabic) is same


@pytest.mark.parametrize(
    ("text", "negative"),
    [("لم يعلق الجيش", True), ("ونفت الوزارة", True), ("غير أن المسؤولين شككوا", False), ("did not comment", True)],
)
def test_polarity_cues(text: str, negative: bool) -> None:
    assert is_negative(text) is negative


def _event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_id": "E1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "description_en": "Drone strike on a car.",
        "actors": [
            {"name": "الجيش الإسرائيلي", "name_en": "Israeli army", "side": "actor1", "actor_type": "State forces"}
        ],
        "location": {"name": "بنت جبيل", "name_en": "Bint Jbeil", "country": "Lebanon", "geo_precision": 1},
        "date": {"as_written": "أمس الثلاثاء", "iso": "2024-05-13", "time_precision": 1},
        "fatalities": {"qualifier": "exact", "low": 2, "evidence": [{"quote": "ما أدى إلى مقتل شخصين"}]},
        "injuries": {"qualifier": "exact", "low": 3, "evidence": [{"quote": "وإصابة ثلاثة آخرين بجروح"}]},
        "evidence": [{"quote": "استهدفت طائرة مسيّرة إسرائيلية"}],
    }
    event.update(changes)
    return event


def test_faithful_event_fields_are_supported() -> None:
    digest = _digest(FAITHFUL, [_event()])
    assert verify(digest, ARTICLE) == []
    assert digest.events[0].supported and all(digest.events[0].supported.values())


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        (
            {"location": {"name": "صور، سوريا", "name_en": "Tyre", "country": "Syria", "geo_precision": 1}},
            "location.name",
        ),
        (
            {
                "actors": [
                    {"name": "تنظيم الدولة", "name_en": "Islamic State", "side": "actor1", "actor_type": "Rebel group"}
                ]
            },
            "actors[0].name",
        ),
        ({"date": {"as_written": "أمس الثلاثاء", "iso": "2019-01-01", "time_precision": 1}}, "date.iso"),
        (
            {"fatalities": {"qualifier": "exact", "low": 12, "evidence": [{"quote": "ما أدى إلى مقتل شخصين"}]}},
            "fatalities",
        ),
        (
            {"injuries": {"qualifier": "more_than", "low": 40, "evidence": [{"quote": "ما أدى إلى مقتل شخصين"}]}},
            "injuries",
        ),
    ],
)
def test_unsupported_event_fields_are_found(changes: dict[str, Any], path: str) -> None:
    digest = _digest(FAITHFUL, [_event(**changes)])
    findings = verify(digest, ARTICLE)
    assert [f.location for f in findings] == [f"events[0].{path}"]
    assert digest.events[0].supported is not None and digest.events[0].supported[path] is False


@pytest.mark.parametrize(
    ("quote", "message"),
    [("", "not in Arabic"), ("two people were killed", "not in Arabic"), ("قتل " * 60, "too long")],
)
def test_bad_evidence_is_a_finding_not_a_crash(quote: str, message: str) -> None:
    digest = Digest.model_construct(bullets=[], events=[])
    bullet = Digest.model_validate({"bullets": [{"text": "Two killed.", "evidence": [{"quote": quote}]}] * 3}).bullets[
        0
    ]
    digest = Digest.model_construct(bullets=[bullet], events=[])
    findings = verify(digest, ARTICLE)
    assert [f.kind for f in findings] == ["evidence"] and message in findings[0].message


def test_empty_evidence_is_a_finding() -> None:
    bullet = Digest.model_validate({"bullets": [{"text": "Two killed.", "evidence": [{"quote": "x"}]}] * 3}).bullets[0]
    bullet.evidence = []
    findings = verify(Digest.model_construct(bullets=[bullet], events=[]), ARTICLE)
    assert [f.message for f in findings] == ["no evidence"]
