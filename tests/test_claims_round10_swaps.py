"""Round 10 of the claim checker (issue 18), same-article swaps: the right-looking speaker or place in the wrong
role (``summarizer.claims.speakers``: ``name.speaker_swap``; ``summarizer.claims.places``: ``name.place_swap``).
Neither is reported where an erroring name finding already names the same words.

Each reading is pinned on tune fixtures of earlier rounds it must catch and their faithful twins it must leave
alone, and on bullets written here about tune cases' articles (never a held-out case's); both checks are
``unverified`` warnings until the lead promotes them on their measured precision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Digest
from summarizer.claims.places import article_places, slots, swapped_places
from summarizer.claims.speakers import ar_speakers, swapped_speakers
from summarizer.claims.verify import verify
from summarizer.evals import claims_bench as bench
from summarizer.findings import CHECKS, status_of
from summarizer.grounding import locate
from summarizer.schema import Bullet, Evidence

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evals" / "claims_bench"
ARTICLES = bench.load_articles(ROOT / "evals" / "cases")
SOURCES = ["hand", "real2", "round7", "round8", "round9"]
TUNE = {item.id: item for item in bench.load_items(DATA, ["tune"], SOURCES)}
ROUND10_SWAP_CHECKS = ("name.speaker_swap", "name.place_swap")


def _article(case: str) -> str:
    return next(text for name, text in ARTICLES.items() if name.startswith(case))


def _fired(item_id: str) -> set[str]:
    item = TUNE[item_id]
    return {f.check for f in bench.findings_on(item, ARTICLES[item.case])}


def _checks(case: str, text: str, *quotes: str) -> set[str]:
    """The checks ``verify`` reports on one bullet about a tune case's article (a digest of three copies)."""
    bullet = Bullet(text=text, evidence=[Evidence(quote=q) for q in quotes])
    digest = Digest(bullets=[bullet, bullet.model_copy(deep=True), bullet.model_copy(deep=True)])
    return {f.check for f in verify(digest, _article(case)) if f.location.startswith("bullets[0]")}


def test_the_round10_swap_checks_are_known_and_warn() -> None:
    """Both were warnings from round 10; name.place_swap reached the issue's bar in session 12 (10/10 over every
    held-out file with round 12's code) and fell under it in session 14 (12/13 with round 14's code);
    name.speaker_swap never reached it (53/59, then 66/78)."""
    for check in ROUND10_SWAP_CHECKS:
        assert CHECKS[check] == "name"
    assert status_of("name.speaker_swap") == "unverified"
    assert status_of("name.place_swap") == "unverified"


@pytest.mark.parametrize(
    ("check", "wrong", "right"),
    [
        ("name.speaker_swap", "032-en-27", "032-en-26"),  # the council "put" the figure the directorate gave
        ("name.speaker_swap", "r7-003-en-02", "r7-003-en-01"),  # "the army's spokesman" for the committees
        # "the Syrian Observatory reported" for SANA: reported as the name (the speaker reading held only through
        # "local activists", whom «وهو ما نفاه ناشطون محليون» credits too since round 14)
        ("name.article_swap", "r9-027-en-14", "r9-027-en-12"),
        ("name.speaker_swap", "r9-027-ar-12", "r9-027-ar-09"),  # «نقل المرصد السوري» for SANA
        ("name.place_swap", "r9-027-ar-02", "r9-027-ar-01"),  # «في منبج» where the evidence's «البلدة» is Arima
    ],
)
def test_a_round10_swap_reading_catches_the_swap_and_spares_its_twin(check: str, wrong: str, right: str) -> None:
    assert check in _fired(wrong)
    assert not _fired(right) & set(ROUND10_SWAP_CHECKS)


# Bullets written for these tests about tune cases' articles: (case, bullet, evidence, the check it must fire or
# None for a faithful bullet that must fire neither).
ISF = "فيما قالت قوى الأمن الداخلي إن 9 من عناصرها أصيبوا جراء رشقهم بالحجارة"
SANA = 'ونقلت وكالة الأنباء الرسمية "سانا" أن وحدات من الجيش انتشرت في البلدة ورفعت العلم السوري فوق مبانيها'
HTS = 'في المقابل، قالت "هيئة تحرير الشام" إن مقاتليها انسحبوا من البلدة "انسحابا تكتيكيا" إلى خطوط دفاعية خلفية'
PATROL = "وسيّرت الشرطة العسكرية الروسية دورية في البلدة بعد ساعات من الانتشار، وفق ما أفاد المرصد السوري لحقوق الإنسان."
RAIDS = (
    "وبعد ساعات، شنّ الطيران الحربي الروسي غارات على مواقع في البادية جنوب مدينة الميادين، قال المرصد السوري لحقوق "
    'الإنسان إنها استهدفت مخابئ لخلايا تنظيم الدولة الإسلامية "ردا على قصف دير الزور"'
)
CROSS = "وأعلن الصليب الأحمر اللبناني أن فرقه نقلت 12 مصابا إلى مستشفيات المنطقة وعالجت 31 آخرين في المكان"
CLOCK = "خرجت بعد صلاة الجمعة مظاهرة في ساحة الساعة وسط مدينة إدلب"
WRITTEN = [
    # a speaker the article names in another sentence (English and Arabic)
    ("016", "Trade unions said nine of their members were hurt by stones.", ISF, "name.speaker_swap"),
    ("016", "قالت الاتحادات العمالية إن تسعة من عناصرها أصيبوا بالحجارة.", ISF, "name.speaker_swap"),
    ("016", "قالت قوى الأمن الداخلي إن تسعة من عناصرها أصيبوا بالحجارة.", ISF, None),
    ("016", "Internal Security Forces said nine of their members were hurt by stones.", ISF, None),
    ("027", "Local activists said army units deployed in the town and raised the flag.", SANA, "name.speaker_swap"),
    ("027", "SANA said army units deployed in the town and raised the Syrian flag over its buildings.", SANA, None),
    ("022", "قال الجيش إن مقاتليه انسحبوا من البلدة انسحابا تكتيكيا.", HTS, "name.speaker_swap"),
    ("022", "قالت هيئة تحرير الشام إن مقاتليها انسحبوا من البلدة انسحابا تكتيكيا.", HTS, None),
    # a place: the evidence's back-reference stands for another town; the same place noun names another city
    ("027", "سيّرت الشرطة الروسية دورية في منبج بعد ساعات من الانتشار، وفق المرصد السوري.", PATROL, "name.place_swap"),
    ("027", "سيّرت الشرطة الروسية دورية في العريمة بعد ساعات من الانتشار، وفق المرصد السوري.", PATROL, None),
    ("011", "شن الطيران الروسي غارات جنوب مدينة دير الزور قال المرصد إنها استهدفت خلايا.", RAIDS, "name.place_swap"),
    ("011", "شن الطيران الروسي غارات جنوب مدينة الميادين قال المرصد إنها استهدفت خلايا.", RAIDS, None),
    # a building the article names elsewhere for the evidence's square (two sites of one town are one slot)
    ("032", "خرجت بعد صلاة الجمعة مظاهرة أمام مبنى وزارة الاقتصاد وسط مدينة إدلب.", CLOCK, "name.place_swap"),
    ("032", "خرجت بعد صلاة الجمعة مظاهرة في ساحة الساعة وسط مدينة إدلب.", CLOCK, None),
    # security forces said what the Red Cross announced
    ("016", "Security forces said their teams took 12 injured people to hospital.", CROSS, "name.speaker_swap"),
    ("016", "The Lebanese Red Cross said its teams took 12 injured people to hospital.", CROSS, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "quote", "check"), WRITTEN)
def test_written_swaps_and_their_faithful_twins(case: str, text: str, quote: str, check: str | None) -> None:
    fired = _checks(case, text, quote) & set(ROUND10_SWAP_CHECKS)
    assert fired == ({check} if check else set())


def test_arabic_speakers_are_read_after_verbs_of_saying_and_attribution() -> None:
    said = [
        phrase
        for _, phrase in ar_speakers("وقال مصدر في شرطة الأنبار إن الاشتباكات استمرت، بحسب ما أفادت لجان المقاومة")
    ]
    assert said == ["مصدر في شرطه الانبار", "لجان المقاومه"]
    # a plural verb carries its subject: what follows is its object, no speaker
    assert ar_speakers("واتهموا القوات الأمنية بالاعتداء") == ()


def test_a_spokesman_who_only_refers_back_is_the_one_named_before() -> None:
    article = _article("021")
    quote = "وأضاف المتحدث أن الهجوم أسفر عن مقتل عاملين اثنين في محطة الكهرباء وإصابة سبعة آخرين"
    span = locate(quote, article)
    offsets = ((span.start, span.end),)
    assert swapped_speakers("The army spokesman said the attack killed two workers.", quote, article, offsets) == ()
    swapped = swapped_speakers("The electricity company said the attack killed two workers.", quote, article, offsets)
    assert [speaker for speaker, _ in swapped] == ["The electricity company"]


def test_place_slots_and_the_articles_places() -> None:
    assert [(kind, first) for kind, first, _, _ in slots("نزحت إلى المدينة من الخرطوم والجزيرة")] == [
        ("في", "الخرطوم"),
        ("في", "الجزيره"),
    ]
    assert slots("جنوب مدينة دير الزور")[0][:3] == ("مدينه", "دير", "دير الزور")
    places = article_places(_article("021"))
    assert {"بورتسودان", "الخرطوم", "الجزيره", "دارفور", "كردفان"} <= places  # «في دارفور وكردفان»: a list
    assert "اطار" not in places  # «في إطار»: a town's name that is an ordinary word, no place


def test_an_english_place_of_the_article_for_the_evidence_s_town() -> None:
    article = _article("027")
    span = locate(PATROL, article)
    offsets = ((span.start, span.end),)
    wrong = "Russian military police patrolled the streets of Manbij hours after the deployment."
    assert swapped_places(wrong, PATROL, article, offsets) == ("Manbij",)
    right = "Russian military police patrolled the streets of Arima hours after the deployment."
    assert swapped_places(right, PATROL, article, offsets) == ()


@pytest.mark.parametrize("source", ["round7", "round8", "round9"])
def test_no_round10_swap_finding_on_a_faithful_tune_bullet(source: str) -> None:
    items = bench.load_items(DATA, ["tune"], [source])
    flagged = [
        item.id
        for item in items
        if item.faithful and {f.check for f in bench.findings_on(item, ARTICLES[item.case])} & set(ROUND10_SWAP_CHECKS)
    ]
    assert flagged == []
