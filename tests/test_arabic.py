from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarizer.arabic import arabic_letter_ratio, normalize, normalize_text, strip_proclitics
from summarizer.grounding import locate

ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩ ،.\n«»"


def test_folds_alef_forms_maqsura_ta_marbuta() -> None:
    assert normalize_text("أإآٱ") == "اااا"
    assert normalize_text("على") == "علي"
    assert normalize_text("مدرسة") == "مدرسه"


def test_keeps_alef_maqsura_distinct_from_alef() -> None:
    # pyarabic's normalize_alef would turn ى into ا; we must not.
    assert normalize_text("على") != normalize_text("علا")


def test_drops_diacritics_and_tatweel() -> None:
    assert normalize_text("مُحَمَّـــد") == "محمد"


def test_arabic_indic_and_persian_digits() -> None:
    assert normalize_text("١٠ صواريخ") == "10 صواريخ"
    assert normalize_text("۱۲") == "12"


def test_collapses_whitespace_and_quotes() -> None:
    assert normalize_text("  «سبوتنيك»\n\t الروسية ") == '"سبوتنيك" الروسيه'


def test_strip_proclitics() -> None:
    assert strip_proclitics("والقاعده") == "قاعده"
    assert strip_proclitics("بالمدفعيه") == "مدفعيه"
    assert strip_proclitics("للقوات") == "قوات"
    assert strip_proclitics("وقال") == "قال"
    assert strip_proclitics("من") == "من"  # too short to carry a clitic


def test_arabic_ratio() -> None:
    assert arabic_letter_ratio("هذا نص عربي") == 1.0
    assert arabic_letter_ratio("plain English") == 0.0
    assert arabic_letter_ratio("123 ...") == 0.0


@given(st.text(alphabet=ARABIC_ALPHABET + "abcXYZ ٱٹپۓ۔ـ-'ÀЖ", max_size=80))
def test_letter_ratio_counts_each_letter_once(text: str) -> None:
    """Counted from runs of letters (speed only): the same figure as counting letter by letter."""
    arabic = sum("\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    assert arabic_letter_ratio(text) == (arabic / (arabic + latin) if arabic + latin else 0.0)


@given(st.text(alphabet=ARABIC_ALPHABET + "abcXYZ\u200f", max_size=200))
def test_origin_map_is_monotonic_and_in_bounds(text: str) -> None:
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= i < len(text) for i in norm.origin)
    assert list(norm.origin) == sorted(norm.origin)


@given(st.text(alphabet=ARABIC_ALPHABET + "\u200f", max_size=200))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.data())
def test_any_run_of_words_is_located_at_an_equivalent_span(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.text(alphabet=ARABIC_ALPHABET.replace(" ", ""), min_size=1, max_size=8), min_size=3))
    article = " ".join(words)
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(words[start:end])
    wanted = normalize_text(quote).strip(" \"'.,;:")
    if len(wanted) < 3 or not re.search(r"\w", wanted):
        return
    span = locate(quote, article)
    assert normalize_text(article[span.start : span.end]).strip(" \"'.,;:") == wanted


def test_same_word_tolerates_clitics_either_way() -> None:
    from summarizer.arabic import same_word

    assert same_word("قوات", "وقوات")
    assert same_word("وقف", "لوقف")  # و is a root letter here; ل is the clitic
    assert same_word("القاعده", "والقاعده")
    assert not same_word("قوات", "قواعد")
    assert same_word("retaliat", "retaliated", prefix=True)


@given(st.text(alphabet=ARABIC_ALPHABET + "\u200f\t \n\u00a0ABCxyz.،-", max_size=300))
def test_fast_normalisation_equals_the_reference_one(text: str) -> None:
    from summarizer.arabic import _normalize_slow

    assert normalize(text) == _normalize_slow(text)
