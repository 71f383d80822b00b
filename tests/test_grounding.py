from __future__ import annotations

import pytest

from summarizer.arabic import normalize_text
from summarizer.grounding import QuoteNotFound, locate

ARTICLE = (
    "تعرضت القاعدة الأميركية في حقل كونيكو للغاز بريف دير الزور للاستهداف بنحو 10 صواريخ. "
    "وأكد مسؤول أميركي عدم وقوع إصابات في صفوف القوات الأميركية، وفق وكالة «سبوتنيك» الروسية."
)


def test_exact_quote_gets_its_offsets() -> None:
    quote = "حقل كونيكو للغاز"
    span = locate(quote, ARTICLE)
    assert ARTICLE[span.start : span.end] == quote
    assert span.method == "exact"


@pytest.mark.parametrize(
    "variant",
    [
        "القاعدة الامريكية",  # no hamza and ي spelling: different word, must not ground
    ],
)
def test_different_spelling_is_not_grounded(variant: str) -> None:
    with pytest.raises(QuoteNotFound):
        locate(variant, ARTICLE)


@pytest.mark.parametrize(
    "variant",
    [
        "القاعدة الاميركية",  # alef without hamza
        "القاعدة الأميركيه",  # ta marbuta written as ha
        "القاعدةُ الأميركيةُ",  # diacritics added
        "القاعـــدة الأميركية",  # tatweel
        "بنحو ١٠ صواريخ",  # Arabic-Indic digits
        'وكالة "سبوتنيك" الروسية',  # straight quotes for «»
        "  حقل   كونيكو ",  # extra whitespace
    ],
)
def test_spelling_variants_ground_on_the_original_span(variant: str) -> None:
    span = locate(variant, ARTICLE)
    assert span.method == "exact"
    assert normalize_text(ARTICLE[span.start : span.end]) == normalize_text(variant).strip()


def test_variant_maps_back_to_the_original_letters() -> None:
    span = locate("بنحو ١٠ صواريخ", ARTICLE)
    assert ARTICLE[span.start : span.end] == "بنحو 10 صواريخ"


def test_dropped_clitic_grounds_token_wise() -> None:
    # The article has «وأكد مسؤول»; a model that writes «أكد المسؤول» dropped و and added ال.
    span = locate("أكد المسؤول أميركي", ARTICLE)
    assert span.method == "clitic"
    assert ARTICLE[span.start : span.end] == "وأكد مسؤول أميركي"


def test_invented_quote_fails() -> None:
    with pytest.raises(QuoteNotFound, match="not found"):
        locate("قتل عشرة جنود أميركيين", ARTICLE)


def test_too_short_quote_fails() -> None:
    with pytest.raises(QuoteNotFound, match="too short"):
        locate("في", ARTICLE)


BOUNDARY_ARTICLE = (
    "وقال مصدر إنه كما قتل الجنود في عام 1770 م، إلا أن ذلك لم يتأكد وللقوات الأمريكية قاعدة بالمدينة القديمة."
)


@pytest.mark.parametrize("quote", ["ما قتل الجنود", "770 م،", "لا أن ذلك"])
def test_quote_must_stand_on_word_boundaries(quote: str) -> None:
    with pytest.raises(QuoteNotFound):
        locate(quote, BOUNDARY_ARTICLE)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("القوات الأمريكية قاعدة", "وللقوات الأمريكية قاعدة"),  # و + ل dropped, ال kept (لل = ل + ال)
        ("قاعدة المدينة القديمة", "قاعدة بالمدينة القديمة"),  # ب dropped
        ("قال مصدر إنه", "وقال مصدر إنه"),  # و dropped
    ],
)
def test_true_clitics_are_tolerated_and_spans_cover_whole_words(quote: str, found: str) -> None:
    span = locate(quote, BOUNDARY_ARTICLE)
    assert span.method == "clitic"
    assert span.text(BOUNDARY_ARTICLE) == found


# A root letter read as a clitic would ground each left word in the right one's sentence.
ROOT_LETTER_PAIRS = [("وعد", "بعد"), ("ولد", "بلد"), ("فرق", "ورق"), ("كما", "ما"), ("إلا", "لا"), ("وصول", "فصول")]


@pytest.mark.parametrize(("written", "article_word"), ROOT_LETTER_PAIRS + [(b, a) for a, b in ROOT_LETTER_PAIRS])
def test_root_letters_are_not_clitics(written: str, article_word: str) -> None:
    article = f"وقال المتحدث {article_word} الاجتماع الطويل أمس."
    with pytest.raises(QuoteNotFound):
        locate(f"المتحدث {written} الاجتماع", article)
