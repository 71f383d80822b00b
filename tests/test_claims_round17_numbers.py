"""Session 17 of the claim checker, numbers and dates: compounds the figure reader missed («مئتين وثلاثة عشر»,
«ألف ومئتا»), a day of a month written as a definite ten («الثلاثين من نوفمبر»), words that are no count ("settling
scores", "Point Zero"), and figures a writer works out (a marked total of the bullet's own figures, "four in five"
for 80%, «25 بالمئة» for «ربع», a count for the ordinal of a series, what remains).

Designed from rounds 15 and 16's retired held-out; the sentences below were written for these tests (not copied from
a benchmark file). Each mechanism is pinned on a faithful bullet it must leave alone and on the unfaithful twin it
must still catch.
"""

from __future__ import annotations

import pytest

from summarizer.claims.dates import date_terms
from summarizer.claims.numbers import quantities
from tests.test_claims_round11_numbers import _window_findings

_FILLER = "وقال مسؤول محلي إن الوضع هادئ."
_VALUE = {"number.value", "number.value_words", "number.value_words_two", "number.noun"}


def _checks(bullet: str, evidence: str) -> set[str]:
    return {f.check for f in _window_findings(bullet, evidence, f"{_FILLER} {evidence} {_FILLER}")}


# --- readings -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("صادرت الشرطة مئتين وخمسة عشر هاتفاً", [215]),  # a teen after hundreds
        ("عالج المستشفى ثلاثمئة وسبعة عشر مريضاً", [317]),
        ("انتشر ألف ومئتا شرطي في المدينة", [1200]),  # the construct's nominative dual of a hundred
        ("وصل مئتا حاج", [200]),
        ("جرح خمسة عشر شخصاً", [15]),  # a teen as before
    ],
)
def test_compounds_read_whole(text: str, expected: list[float]) -> None:
    assert [q.low for q in quantities(text)] == expected


def test_definite_ten_before_a_month_is_a_day() -> None:
    assert quantities("افتتح المعرض يوم الأحد العشرين من مارس") == []
    assert ("day", 320) in date_terms("افتتح المعرض يوم الأحد العشرين من مارس")
    assert [q.low for q in quantities("أصيب ثلاثين من العمال")] == [30]  # «من» before a noun: a count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rival clans are settling scores in the valley.", []),  # an idiom
        ("Scores of families fled the valley.", [40]),  # "scores of": a count
        ('Refugees gather at the crossing called "Kilometre Seven" each morning.', []),  # a capitalised name
        ("Fighting resumed in Aleppo. Seven civilians died.", [7]),  # a sentence's first word, not a name
    ],
)
def test_english_words_that_are_no_count(text: str, expected: list[float]) -> None:
    assert [q.low for q in quantities(text)] == expected


# --- the checker ----------------------------------------------------------------------------------------------------


def test_compound_in_words_for_digits() -> None:
    evidence = "وصادرت الجمارك 215 هاتفاً مهرباً في الميناء"
    assert not _checks("صادرت الجمارك مئتين وخمسة عشر هاتفاً مهرباً.", evidence) & _VALUE
    assert _checks("صادرت الجمارك مئتين وخمسة وعشرين هاتفاً مهرباً.", evidence) & _VALUE


def test_day_as_a_definite_ten() -> None:
    evidence = "وافتتح المعرض يوم الأحد 20 آذار/مارس 2033 بحضور الوزير"
    assert not _checks("افتتح المعرض يوم الأحد العشرين من مارس 2033.", evidence)
    assert "date.month" in _checks("افتتح المعرض يوم الأحد العشرين من أبريل 2033.", evidence)
    assert "date.day" in _checks("افتتح المعرض يوم الأحد الثلاثين من مارس 2033.", evidence)


def test_marked_total_of_the_bullets_own_figures() -> None:
    evidence = "وأوضح أن سبعة من رجال الإطفاء أصيبوا، إلى جانب ثلاثة من السكان"
    assert not _checks("أصيب سبعة من رجال الإطفاء وثلاثة من السكان، أي عشرة مصابين إجمالاً.", evidence) & _VALUE
    assert _checks("أصيب سبعة من رجال الإطفاء وثلاثة من السكان، أي اثنا عشر مصاباً إجمالاً.", evidence) & _VALUE
    assert _checks("أصيب ستة من رجال الإطفاء وأربعة من السكان، أي عشرة مصابين إجمالاً.", evidence) & _VALUE
    english = "Seven firefighters and three residents were hurt, ten in all."
    assert not _checks(english, evidence) & _VALUE
    assert _checks("Seven firefighters and three residents were hurt, eleven in all.", evidence) & _VALUE


def test_share_in_words_for_a_percentage() -> None:
    evidence = "وأشار إلى أن نحو ستين بالمئة من الطلاب يعملون بعد الدوام"
    assert not _checks("He said about three in five students work after school.", evidence) & _VALUE
    assert _checks("He said about four in five students work after school.", evidence) & _VALUE


def test_percentage_for_a_fraction_word() -> None:
    evidence = "ويستهلك القطاع الزراعي نحو ربع مياه البلاد"
    assert not _checks("يستهلك القطاع الزراعي نحو 25 بالمئة من مياه البلاد.", evidence) & _VALUE
    assert _checks("يستهلك القطاع الزراعي نحو 40 بالمئة من مياه البلاد.", evidence) & _VALUE


def test_count_for_the_ordinal_of_a_series() -> None:
    evidence = "وهذا الاعتداء هو الثالث على المستشفى منذ مطلع العام"
    assert not _checks("The hospital has been attacked three times since the start of the year.", evidence) & _VALUE
    assert _checks("The hospital has been attacked five times since the start of the year.", evidence) & _VALUE


def test_what_remains_is_a_difference() -> None:
    evidence = "واعتقلت الشرطة 45 شخصاً، وأفرجت عن ثلاثين منهم بعد التحقيق"
    assert not _checks("بقي خمسة عشر موقوفاً بعد الإفراج عن ثلاثين.", evidence) & _VALUE
    assert _checks("بقي عشرون موقوفاً بعد الإفراج عن ثلاثين.", evidence) & _VALUE


def test_another_fraction_word() -> None:
    evidence = "وقال إن نحو ثلث سكان البلدة غادروها خلال الأسبوع"
    assert "number.value_words" not in _checks(
        "He said about a third of the town's residents left during the week.", evidence
    )
    assert "number.value_words" in _checks("He said about half of the town's residents left during the week.", evidence)
    assert "number.value_words" not in _checks("قال إن نحو ثلث سكان البلدة غادروها.", evidence)
    assert "number.value_words" in _checks("قال إن نحو ربع سكان البلدة غادروها.", evidence)
    # a fraction against a percentage only: no fraction word to compare with, left alone
    assert "number.value_words" not in _checks(
        "He said half of the residents left.", "وقال إن 48 بالمئة من السكان غادروا"
    )


def test_idioms_of_time_name_no_span() -> None:
    evidence = "وارتفعت المبيعات بنسبة 9 بالمئة مقارنة بالفترة نفسها من العام الماضي"
    assert "date.period" not in _checks("Sales rose 9% year on year.", evidence)
    assert "date.period" not in _checks("Sales rose 9% at the busiest time of day.", evidence)
    assert "date.period" in _checks("Sales rose 9% in a week.", evidence)


def test_a_singular_the_dictionary_lists_is_no_dual() -> None:
    assert [q.low for q in quantities("سقطت قذيفة على بستان قرب البلدة")] == []
    assert [q.low for q in quantities("سقطت قذيفتان على البلدة")] == [2]
    evidence = "وسقطت قذيفة على بستان زيتون قرب البلدة"
    assert not _checks("سقطت قذيفة على بستان زيتون قرب البلدة.", evidence) & _VALUE
    assert _checks("سقطت قذيفتان على بستان زيتون قرب البلدة.", evidence) & _VALUE


def test_one_day_for_twenty_four_hours() -> None:
    evidence = "وأغلقت السلطات المعبر لمدة 24 ساعة اعتباراً من صباح الأحد"
    assert not _checks("أُغلق المعبر ليوم واحد اعتباراً من صباح الأحد.", evidence) & _VALUE
    assert _checks("أُغلق المعبر لثلاثة أيام اعتباراً من صباح الأحد.", evidence) & (_VALUE | {"date.period"})


def test_the_two_sides_refers_to_parties() -> None:
    evidence = "وقال الجيش إن 12 مسلحاً قتلوا، فيما قالت الجماعة إنها فقدت خمسة فقط"
    assert (
        not _checks(
            "The two sides gave different tolls: 12 according to the army, five according to the group.", evidence
        )
        & _VALUE
    )
    assert _checks("Two soldiers and 12 gunmen were killed, the army said.", evidence) & _VALUE


def test_days_between_two_dates() -> None:
    evidence = "ووقّع الطرفان الاتفاق يوم الثلاثاء 9 حزيران/يونيو، بعد اجتماع عُقد الأحد 7 حزيران/يونيو"
    assert not _checks("وقّع الطرفان الاتفاق بعد يومين من الاجتماع.", evidence) & _VALUE
    assert _checks("وقّع الطرفان الاتفاق بعد خمسة أيام من الاجتماع.", evidence) & _VALUE
    assert not _checks("The agreement was signed two days after the meeting.", evidence) & _VALUE


def test_a_hedged_rounding_keeps_its_noun() -> None:
    evidence = "وأحصت الفرق 46 منزلاً متضرراً في القرية"
    assert "number.noun" not in _checks("أحصت الفرق نحو خمسين منزلاً متضرراً في القرية.", evidence)
    assert "number.noun" in _checks("أحصت الفرق نحو ثمانين منزلاً متضرراً في القرية.", evidence)


def test_minutes_are_a_span() -> None:
    evidence = "وقالت الشرطة إن فرق الإنقاذ وصلت بعد دقائق من الانفجار"
    assert "date.period" not in _checks("Police said rescue teams arrived minutes after the blast.", evidence)
    assert "date.period" in _checks("Police said rescue teams arrived hours after the blast.", evidence)


def test_a_worked_out_figure_keeps_its_noun() -> None:
    evidence = "وبلغ عدد الزوار 250 ألف زائر هذا العام، مقابل 210 آلاف زائر في العام الماضي"
    assert "number.noun" not in _checks("ارتفع عدد الزوار بنحو أربعين ألف زائر هذا العام.", evidence)
    assert "number.noun" in _checks("بلغ عدد الزوار أربعين ألف زائر هذا العام.", evidence)


def test_a_unit_of_time_in_the_construct_dual() -> None:
    assert [q.low for q in quantities("أُغلقت المدارس يومي الأحد والاثنين")] == [2]
    assert [q.low for q in quantities("تقاضى راتباً شهرياً وراتب شهري ثابت")] == []
    evidence = "ولم يتقاضَ العمال أجور شهري آب وأيلول"
    assert not _checks("لم يتقاضَ العمال أجور شهرين.", evidence) & _VALUE
    assert _checks("لم يتقاضَ العمال أجور ثلاثة أشهر.", evidence) & _VALUE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a hundred and twenty people were hurt", [120]),
        ("a hundred thousand people", [100000]),
        ("a hundred people", [100]),
        ("two dozen protesters", [24]),
        ("a dozen protesters", [12]),
    ],
)
def test_english_compounds_read_whole(text: str, expected: list[float]) -> None:
    assert [q.low for q in quantities(text)] == expected


def test_english_compound_in_words_for_digits() -> None:
    evidence = "وأصيب 120 شخصاً في الحادث"
    assert not _checks("A hundred and twenty people were hurt in the accident.", evidence) & _VALUE
    assert _checks("A hundred and forty people were hurt in the accident.", evidence) & _VALUE


def test_scores_counts_only_people() -> None:
    assert [q.low for q in quantities("Scores were killed in the raid.")] == [40]
    assert quantities("The old feud left scores to settle.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about two thousand five hundred families", [(2500, 2500)]),
        ("two hundred fifty families", [(250, 250)]),
        ("two thousand one hundred families", [(2100, 2100)]),
        ("two thousand people and five hundred police", [(2000, 2000), (500, 500)]),
        ("several hundred families", [(300, 999)]),
    ],
)
def test_english_compounds_without_and(text: str, expected: list[tuple[float, float]]) -> None:
    assert [(q.low, q.high) for q in quantities(text)] == expected


def test_english_compound_without_and_against_digits() -> None:
    evidence = "ونزحت نحو 2500 عائلة من القرى الحدودية"
    assert not _checks("About two thousand five hundred families fled the border villages.", evidence) & _VALUE
    assert _checks("About three thousand five hundred families fled the border villages.", evidence) & _VALUE


def test_a_span_counted_otherwise() -> None:
    evidence = "وقال إن اثنين من الحراس أصيبوا في الاشتباك الذي استمر نحو ساعة"
    assert "number.noun" not in _checks(
        "He said two guards were hurt in the clash, which lasted about an hour.", evidence
    )
    assert "number.noun" in _checks(
        "He said two guards were hurt in the clash, which lasted about two hours.", evidence
    )
    assert "number.noun" not in _checks(
        "He said two guards were hurt in the clash, which lasted about 60 minutes.", evidence
    )


def test_a_rate_or_a_difference_is_no_span() -> None:
    evidence = "ويحتاج المشروع إلى خمس سنوات، فيما ينمو الطلب بنحو 3% سنوياً"
    assert "number.noun" not in _checks("The project needs five years, while demand grows about 3% a year.", evidence)
    evidence = "وطالبت النيابة بالسجن سبع سنوات، فيما قضت المحكمة بالسجن أربع سنوات"
    assert "number.noun" not in _checks("طالبت النيابة بسبع سنوات، أي أكثر بثلاث سنوات مما قضت به المحكمة.", evidence)


def test_an_estimated_span_may_round() -> None:
    evidence = "واستمرت المفاوضات 13 ساعة متواصلة"
    assert "number.noun" not in _checks("The talks went on for nearly 12 hours.", evidence)
    assert "number.noun" in _checks("The talks went on for 12 hours.", evidence)
    assert "number.noun" in _checks("The talks went on for nearly 20 hours.", evidence)
