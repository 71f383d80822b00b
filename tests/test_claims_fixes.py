"""Issue 18's mechanisms, each pinned: names against the evidence and known names, numbers with scale words,
decimal commas, compound ordinals and years, dates by day and unit of time, and negation by scope.

Every case here failed (a false alarm, or a miss) before the change it tests.
"""

from __future__ import annotations

import pytest

from summarizer.claims.dates import date_terms
from summarizer.claims.numbers import quantities
from tests.claim_checks import checks_of as _checks

BEETHOVEN = "ولد بيتهوفن عام 1770 م في مدينة بون. وعاش معظم حياته في مدينة فيينا حيث توفي عام 1827م."
WIRE = (
    "بيروت - بحسب ما أفادت الوكالة الوطنية للإعلام، قُتل شخصان في غارة. وتنتج الشركة اليابانية 62 مليون طن سنويا "
    "بنسبة 12,5 في المئة. وقتل عراقيين في ألمانيا. وقال الجيش السوري إنه صد الهجوم."
)


def test_a_name_is_checked_against_the_evidence_not_the_whole_article() -> None:
    """«فيينا» is in the article, but this bullet's evidence says Bonn: a same-article swap."""
    assert _checks(BEETHOVEN, "ولد بيتهوفن عام 1770 م في مدينة فيينا", "ولد بيتهوفن عام 1770 م في مدينة بون") == [
        "name.article_swap"
    ]
    assert _checks(BEETHOVEN, "ولد بيتهوفن عام 1770 م في مدينة بون", "ولد بيتهوفن عام 1770 م في مدينة بون") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "The National News Agency reported two people killed in a strike.",
            "بحسب ما أفادت الوكالة الوطنية للإعلام، قُتل شخصان",
        ),
        ("The Japanese company produces 62 million tonnes a year.", "وتنتج الشركة اليابانية 62 مليون طن سنويا"),
        ("Iraqis were killed in Germany.", "وقتل عراقيين في ألمانيا"),
        ("The Syrian army said it repelled the attack.", "وقال الجيش السوري إنه صد الهجوم"),
    ],
)
def test_standard_translations_of_known_names_are_supported(text: str, quote: str) -> None:
    assert _checks(WIRE, text, quote) == []


@pytest.mark.parametrize(
    ("place", "check"),
    [("China", "name.gazetteer"), ("Paris", "name.gazetteer_place"), ("New York", "name.gazetteer_place")],
)
def test_a_known_place_the_evidence_does_not_carry_is_found_even_when_it_is_an_english_word(
    place: str, check: str
) -> None:
    """A country (CLDR) is ``name.gazetteer`` (an error); a GeoNames place, which may share an ordinary word's
    spelling, is ``name.gazetteer_place`` (a warning)."""
    assert _checks(WIRE, f"Iraqis were killed in {place}.", "وقتل عراقيين في ألمانيا") == [check]


def test_an_ordinary_arabic_word_is_not_a_name() -> None:
    article = "وتعتبر القلعة من أهم المعالم السياحية في المدينة."
    assert _checks(article, "تعد القلعة من أبرز المعالم السياحية.", "وتعتبر القلعة من أهم المعالم السياحية") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("62 مليار طن", [(62_000_000_000, "exact")]),
        ("ستة آلاف معلم", [(6000, "exact")]),
        ("أكثر من مليوني زائر", [(2_000_000, "more_than")]),
        ("مليون ونصف مليون عنوان", [(1_500_000, "exact")]),
        ("بنسبة 12,5 في المئة", [(12.5, "exact")]),
        ("بنسبة ١٢٫٥", [(12.5, "exact")]),
        ("2,500 دار نشر", [(2500, "exact")]),
        ("مئات الآلاف من النازحين", [(200_000, "vague")]),
        ("الاثنين والعشرين", [(22, "ordinal")]),
        ("الثاني والخمسين", [(52, "ordinal")]),
        ("طفل في الثانية عشرة من عمره", [(12, "ordinal")]),
        ("الدورة الـ٤٣", [(43, "ordinal")]),
        ("عام 1827م وعام 1446 هـ وعام 1936", []),
        ("one of the most important landmarks", []),
        ("No one claimed the attack", []),
        ("hundreds of thousands of people", [(200_000, "vague")]),
        ("بين خمسة آلاف وسبعة آلاف", [(5000, "range")]),
    ],
)
def test_numbers_with_scale_words_decimals_ordinals_and_years(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.low, q.qualifier) for q in quantities(text)] == expected


def test_a_wrong_scale_is_its_own_finding() -> None:
    quote = "وتنتج الشركة اليابانية 62 مليون طن سنويا"
    assert _checks(WIRE, "The Japanese company produces 62 billion tonnes a year.", quote) == ["number.scale"]


def test_a_decimal_comma_is_read_as_a_decimal() -> None:
    quote = "بنسبة 12,5 في المئة"
    assert _checks(WIRE, "a share of 12.5 percent", quote) == []
    assert _checks(WIRE, "a share of 17.5 percent", quote) == ["number.value"]


def test_a_bound_far_below_the_stated_figure_misreports_it() -> None:
    article = "وكانت الدورة السابقة قد استقطبت أكثر من مليوني زائر."
    quote = "قد استقطبت أكثر من مليوني زائر"
    assert _checks(article, "The previous edition drew more than 200,000 visitors.", quote) == ["number.value"]
    assert _checks(article, "The previous edition drew more than 2 million visitors.", quote) == []


def test_an_approximate_figure_is_not_a_lower_bound() -> None:
    article = "استجابت فرق الدفاع المدني لأكثر من ستين حادثة قصف."
    quote = "استجابت فرق الدفاع المدني لأكثر من ستين حادثة قصف"
    assert _checks(article, "Civil Defence teams responded to nearly sixty incidents.", quote) == ["number.qualifier"]


@pytest.mark.parametrize(
    ("claim", "evidence", "missing"),
    [
        ("The attack took place in 1827.", "توفي عام 1827م", False),
        ("The project began in 1445 AH.", "وفي عام 1446 هـ بدأ المشروع", True),
        ("The war broke out in 1939.", "واندلعت الحرب عام 1936", True),
        ("The escalation began on October 7.", "بعد سلسلة من التصعيد بدأت في 17 تشرين الأول", True),
        ("Organisers vowed to return every Friday.", "سيعودون إلى الشارع كل جمعة", False),
        ("The campaign was launched last month.", "وكانت القيادة قد أعلنت الأسبوع الماضي إطلاق حملة", True),
        ("The payroll costs 7 trillion dinars a month.", "تبلغ نحو 7 تريليونات دينار شهريا بعد سنوات", False),
    ],
)
def test_dates_by_year_day_weekday_and_unit_of_time(claim: str, evidence: str, missing: bool) -> None:
    from summarizer.claims.dates import missing_terms

    assert bool(missing_terms(claim, evidence)) is missing, (date_terms(claim), date_terms(evidence))


PRAYER = (
    "لا إله إلا الله، هكذا هتف المشيعون الذين شيعوا 3 قتلى. ليس حصريا على الرجال بل يشمل النساء. "
    "لا يختلف اثنان على أهمية المعرض. وقال الشيخ إنه يؤمن بالحوار ولم يحضر الاجتماع. وكان القرار نهائيا ولم يعترض "
    "عليه أحد. وعثر على جثة الرجل في الوادي ولم تعرف هويته. "
    "وانتهت الوقفة بعد نحو ساعتين من دون أي تدخل من الأجهزة الأمنية. "
    "ولم يصدر تعليق من وزارة الدفاع الروسية على الغارات."
)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Mourners chanted as they buried 3 people.", "لا إله إلا الله، هكذا هتف المشيعون الذين شيعوا 3 قتلى"),
        ("يشمل ذلك النساء أيضا.", "ليس حصريا على الرجال بل يشمل النساء"),
        ("يتفق الجميع على أهمية المعرض.", "لا يختلف اثنان على أهمية المعرض"),
        ("لم تعلّق وزارة الدفاع الروسية على الغارات.", "ولم يصدر تعليق من وزارة الدفاع الروسية على الغارات"),
    ],
)
def test_a_negation_unrelated_to_the_claim_raises_no_alarm(text: str, quote: str) -> None:
    assert _checks(PRAYER, text, quote) == []


@pytest.mark.parametrize(
    ("text", "quote", "check"),
    [
        # each evidence holds a negation of something else, which used to hide the bullet's own
        ("قال الشيخ إنه لا يؤمن بالحوار.", "وقال الشيخ إنه يؤمن بالحوار ولم يحضر الاجتماع", "polarity.negated"),
        ("لم يكن القرار نهائيا.", "وكان القرار نهائيا ولم يعترض عليه أحد", "polarity.negated"),
        ("لم يتم العثور على جثة الرجل.", "وعثر على جثة الرجل في الوادي ولم تعرف هويته", "polarity.negated"),
        (
            "The protest ended after security services intervened.",
            "وانتهت الوقفة بعد نحو ساعتين من دون أي تدخل من الأجهزة الأمنية",
            "polarity.asserted",
        ),
        (
            "تدخلت الأجهزة الأمنية لفض الوقفة بعد ساعتين.",
            "وانتهت الوقفة بعد نحو ساعتين من دون أي تدخل من الأجهزة الأمنية",
            "polarity.asserted",
        ),
    ],
)
def test_a_negation_is_read_on_what_it_negates(text: str, quote: str, check: str) -> None:
    assert check in _checks(PRAYER, text, quote)


def test_importing_the_checker_does_not_load_the_gazetteer() -> None:
    import subprocess
    import sys

    code = (
        "import summarizer.claims, summarizer.schema, sys; "
        "from summarizer.claims import gazetteer; "
        "print(gazetteer._load.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"
