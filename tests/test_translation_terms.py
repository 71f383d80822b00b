"""The translation glossary's months, weekdays, compass points and bodies (``summarizer.translation_terms``): each
read where it is one, and never where the same letters are something else."""

from __future__ import annotations

import pytest

from summarizer.translation import names_and_terms
from summarizer.translation_terms import bodies, compass, months, terms, weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("فجر الأحد 18 مايو، استهدفت مسيّرات", [("مايو", "May")]),
        ("منذ أيلول/سبتمبر 2022 مجموعة عسكرية", [("أيلول/سبتمبر", "September")]),
        ("في كانون الثاني/يناير الماضي نقطة للجيش", [("كانون الثاني/يناير", "January")]),
        ("الموصل - 14 آذار/مارس 2025 قُتل", [("آذار/مارس", "March")]),
        ("خلال شهر رمضان وشهر أغسطس", [("أغسطس", "August")]),
        ("في 3 جوان الماضي", [("جوان", "June")]),
    ],
)
def test_a_month_beside_a_day_a_year_or_its_other_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert months(text) == expected


@pytest.mark.parametrize("text", ["مارس الجيش ضغوطا على السكان", "وقال إن أيار كان صعبا", "عاد الأب إلى منزله"])
def test_no_month_where_the_word_is_a_verb_or_stands_alone(text: str) -> None:
    assert months(text) == []


def test_weekdays_and_the_two_that_are_also_numbers() -> None:
    assert weekdays("أعلن الجيش الخميس أن") == [("الخميس", "Thursday")]
    assert weekdays("مساء الاثنين في المدينة") == [("الاثنين", "Monday")]
    assert weekdays("اتفق الاثنين على الهدنة") == []  # "the two"
    assert weekdays("في الأحد عشر يوما الماضية") == []  # eleven
    assert weekdays("قُتل شخصان يوم الأحد") == [("الأحد", "Sunday")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في ريف دير الزور الشرقي", [("الشرقي", "eastern")]),
        ("جنوب غربي مدينة الموصل", [("جنوب غربي", "south-west")]),
        ("في شمال البلاد", [("شمال", "north")]),
        ("وسط مدينة السويداء جنوبي سوريا", [("جنوبي", "southern")]),
        ("بين فصائل متناحرة في الشرق والغرب", []),
        ("انتشرت القوات شرقا وغربا", []),
        ("قادمين من جنوب السودان", []),
        ("في الضفة الغربية", []),
        ("دعمها حلف شمال الأطلسي", []),
        ("عواصم الشرق الأوسط", []),
    ],
)
def test_compass_points_but_not_inside_names_or_pairs(text: str, expected: list[tuple[str, str]]) -> None:
    assert compass(text) == expected


def test_bodies_known_by_common_nouns() -> None:
    assert bodies("بحسب ما أفاد الدفاع المدني السوري") == [("الدفاع المدني", "Civil Defence")]
    assert bodies("أعلن المبعوث الأممي إلى اليمن") == [("الأممي", "UN")]
    assert bodies("دعمها حلف شمال الأطلسي عام 2011") == [("حلف شمال الأطلسي", "NATO")]
    assert bodies("وزارة الدفاع السورية") == []


def test_terms_in_text_order_once_each_and_after_the_names() -> None:
    text = "أعلن المبعوث الأممي إلى اليمن، يوم الخميس 6 نوفمبر، اتفاقا في تعز. وقال المبعوث الأممي"
    assert terms(text) == [("الأممي", "UN"), ("الخميس", "Thursday"), ("نوفمبر", "November")]
    pairs = names_and_terms(text)
    assert pairs[: len(pairs) - 3] and ("الأممي", "UN") in pairs and len(pairs) == len(set(pairs))
    assert ("اليمن", "Yemen") in pairs


def test_ordinary_words_are_not_towns_in_the_glossary() -> None:
    names = [english for _, english in names_and_terms("استهدفت طائرة مسيّرة مجهولة الهوية سيارة بين فصائل متناحرة")]
    assert "Choue" not in names and "Al Fasa'il" not in names
