"""Round 7 of the claim checker (issue 18): numbers and names read by role, not by wording.

Every sentence here is a hand-written fixture (not model output, not a benchmark bullet): a small article, the
window a bullet cites, and two bullets, one unfaithful that the new check must catch and its faithful twin that
it must leave alone (a rule that fires on both, or on neither, is worthless). The new checks are warnings.
"""

from __future__ import annotations

import pytest

from summarizer.claims.events import crossed_harm_figures, harm_figures, swapped_sides
from summarizer.claims.institutions import bodies_from_elsewhere
from summarizer.claims.numbers import recounted_nouns, unsupported_ordinals
from summarizer.claims.verify import verify
from summarizer.findings import CHECKS, ERROR_CHECKS, status_of
from summarizer.schema import Bullet, Digest, Evidence

ROUND7 = ["number.ordinal", "number.harm_crossed", "number.side", "number.noun", "name.body_elsewhere"]
ROUND7 += ["name.org_same_head", "date.rate"]


def _checks(text: str, window: str, article: str) -> list[str]:
    """The checks that fire on a bullet citing ``window`` of ``article``."""
    start = article.find(window)
    assert start >= 0
    evidence = [Evidence(quote=window, start=start, end=start + len(window), match="exact", similarity=1.0)]
    bullet = Bullet(text=text, evidence=evidence)
    digest = Digest.model_construct(bullets=[bullet, bullet, bullet], events=[], run=None)
    return [f.check for f in verify(digest, article) if f.location == "bullets[0]"]


# >= 97% on the tune parts, held where they fired (docs/history/claim-checker.md "Round 7"; number.harm_crossed and
# number.side in round 8)
# number.noun too until session 12 (55/57 over every held-out file with round 12's code: a warning again)
# name.body_elsewhere (a warning in round 15: 36/40 pooled with its blind file; an error again from round 16, 83/83 |
# 22/22); number.ordinal since session 15 (20/20 tune | 17/17 held-out)
PROMOTED = {"name.body_elsewhere", "number.harm_crossed", "number.side", "number.ordinal"}


def test_the_round7_checks_are_known_and_only_the_promoted_ones_fail_validation() -> None:
    for check in ROUND7:
        assert check in CHECKS and (check in ERROR_CHECKS) == (check in PROMOTED), check
        assert status_of(check) == ("error" if check in PROMOTED else "unverified"), check


# An attack's place in an order: the bullet's ordinal must be one its evidence states.
SECOND = "وهذا ثاني تفجير يستهدف مبنى حكوميا في المدينة خلال أسبوع، بعد هجوم أوقع ثلاثة قتلى."
FIFTH = "وأسقطت الدفاعات أربع طائرات مسيّرة، فيما أصابت مسيّرة خامسة خزانا للوقود."


@pytest.mark.parametrize(
    ("wrong", "right", "window"),
    [
        ("It was the third bombing of a government building in the city in a week.",
         "It was the second bombing of a government building in the city in a week.", SECOND),
        ("هو التفجير الثالث الذي يستهدف مبنى حكوميا في المدينة خلال أسبوع.",
         "هو التفجير الثاني الذي يستهدف مبنى حكوميا في المدينة خلال أسبوع.", SECOND),
        ("Air defences downed four drones, while a sixth hit a fuel tank.",
         "Air defences downed four drones, while a fifth hit a fuel tank.", FIFTH),
        ("أسقطت الدفاعات أربع مسيّرات، فيما أصابت مسيّرة سادسة خزانا للوقود.",
         "أسقطت الدفاعات أربع مسيّرات، فيما أصابت مسيّرة خامسة خزانا للوقود.", FIFTH),
    ],
)  # fmt: skip
def test_an_ordinal_the_evidence_does_not_state_is_read(wrong: str, right: str, window: str) -> None:
    assert unsupported_ordinals(wrong, window) and not unsupported_ordinals(right, window)
    assert "number.ordinal" in _checks(wrong, window, window) and "number.ordinal" not in _checks(right, window, window)


@pytest.mark.parametrize(
    "not_an_order",
    ["وصل الوفد نحو الثالثة بعد الظهر.", "في الثاني من كانون الثاني الماضي", "طفل في الرابعة من عمره",
     "A third of the residents fled.", "انطلقت الدورة الثالثة والأربعون للمعرض."],
)  # fmt: skip
def test_clock_hours_months_ages_fractions_and_compounds_are_no_order(not_an_order: str) -> None:
    assert not unsupported_ordinals(not_an_order, "وقع الحادث أمس.")


# Killed and wounded figures crossed; a figure given to the other side.
TOLL = "وأسفر القصف عن مقتل خمسة مدنيين وإصابة ثمانية آخرين بجروح، بحسب مصادر طبية."
SIDE = "وقال المتحدث إن 9 من مقاتلي الجماعة قتلوا خلال الهجوم على مواقع الجيش."


def test_killed_and_wounded_figures_crossed() -> None:
    assert harm_figures(TOLL) == {"death": {5}, "injury": {8}}
    wrong, right = (
        "The shelling killed eight civilians and wounded five.",
        "The shelling killed five and wounded eight.",
    )
    assert crossed_harm_figures(wrong, TOLL) == (8, 5) and crossed_harm_figures(right, TOLL) is None
    assert crossed_harm_figures("أسفر القصف عن مقتل ثمانية مدنيين وإصابة خمسة.", TOLL) == (8, 5)
    assert "number.harm_crossed" in _checks(wrong, TOLL, TOLL)
    assert "number.harm_crossed" not in _checks(right, TOLL, TOLL)


def test_a_figure_given_to_the_other_side() -> None:
    wrong, right = "The spokesman said 9 soldiers were killed.", "The spokesman said 9 of the group's fighters died."
    assert swapped_sides(wrong, SIDE) == [9] and swapped_sides(right, SIDE) == []
    assert swapped_sides("قال المتحدث إن تسعة جنود قتلوا في الهجوم.", SIDE) == [9]
    assert "number.side" in _checks(wrong, SIDE, SIDE) and "number.side" not in _checks(right, SIDE, SIDE)


ARRESTS = "واعتقلت الشرطة أربعة مشتبهين من الحيين المتجاورين."


def test_an_arabic_noun_counted_otherwise_than_its_evidence_counts_it() -> None:
    # the dual «الحيين» backs a bare 2, not two suspects
    wrong, right = "اعتقلت الشرطة مشتبهين اثنين من الحيين.", "اعتقلت الشرطة أربعة مشتبهين من الحيين."
    assert recounted_nouns(wrong, ARRESTS) and not recounted_nouns(right, ARRESTS)
    assert "number.noun" in _checks(wrong, ARRESTS, ARRESTS) and "number.noun" not in _checks(right, ARRESTS, ARRESTS)


# A body from another sentence of the same article, in the role the window gives another.
KABUL = (
    "واستهدف التفجير مدخل وزارة الخارجية، وقُتل فيه موظفان في الوزارة. "
    "وكان تفجير سابق قرب وزارة التجارة قد أوقع ثلاثة قتلى. "
    "وقالت لجان المقاومة إن الحصيلة ارتفعت إلى ستة قتلى. "
    "واتهم الجيش الجماعة بالوقوف وراء الهجوم. "
    "وأعلنت سلطات المطار تعليق الرحلات، فيما قالت شركة الكهرباء إن الأضرار كبيرة."
)
FOREIGN = "واستهدف التفجير مدخل وزارة الخارجية، وقُتل فيه موظفان في الوزارة."
TOLL_WINDOW = "وقالت لجان المقاومة إن الحصيلة ارتفعت إلى ستة قتلى."
POWER = "فيما قالت شركة الكهرباء إن الأضرار كبيرة."


@pytest.mark.parametrize(
    ("wrong", "right", "window"),
    [
        ("The bombing targeted the entrance of the commerce ministry.",
         "The bombing targeted the entrance of the foreign ministry.", FOREIGN),
        ("The army said the toll rose to six dead.", "The resistance committees said the toll rose to six dead.",
         TOLL_WINDOW),
        ("قالت سلطات المطار إن الأضرار كبيرة.", "قالت شركة الكهرباء إن الأضرار كبيرة.", POWER),
    ],
)  # fmt: skip
def test_a_body_the_article_names_elsewhere(wrong: str, right: str, window: str) -> None:
    assert bodies_from_elsewhere(wrong, window, KABUL)
    assert "name.body_elsewhere" in _checks(wrong, window, KABUL)
    assert not bodies_from_elsewhere(right, window, KABUL)
    assert "name.body_elsewhere" not in _checks(right, window, KABUL)


def test_a_spokesman_or_the_ministry_named_back_is_no_swap() -> None:
    article = "وقال وزير المالية إن الرواتب ستدفع. وأضاف الوزير أن العجز كبير. وأضاف المتحدث باسم الجيش أن القصف مستمر."
    assert not bodies_from_elsewhere(
        "The finance minister said the deficit is large.", "وأضاف الوزير أن العجز كبير.", article
    )
    assert not bodies_from_elsewhere(
        "The army said the shelling goes on.", "وأضاف المتحدث باسم الجيش أن القصف مستمر.", article
    )
    assert bodies_from_elsewhere(
        "The oil minister said the deficit is large.",
        "وقال وزير المالية إن الرواتب ستدفع.",
        article + " وقال وزير النفط إن الصادرات تراجعت.",
    )


def test_the_ministry_named_back_in_a_window_that_names_another_ministry() -> None:
    wrong = "فجّر انتحاري نفسه عند مدخل وزارة التجارة فقتل موظفين في الوزارة."
    right = "فجّر انتحاري نفسه عند مدخل وزارة الخارجية فقتل موظفين في الوزارة."
    assert "name.org_same_head" in _checks(wrong, FOREIGN, KABUL)
    assert "name.org_same_head" not in _checks(right, FOREIGN, KABUL)


def test_a_rate_per_another_period() -> None:
    window = "وأضاف الوزير أن فاتورة الأجور تبلغ نحو 5 مليارات دينار شهريا."
    assert "date.rate" in _checks("The minister said the wage bill is about 5 billion dinars a year.", window, window)
    assert "date.rate" not in _checks(
        "The minister said the wage bill is about 5 billion dinars a month.", window, window
    )
    stated = "وبلغت الصادرات في الشهر الماضي نحو مليون برميل يوميا."
    assert "date.rate" not in _checks("Exports reached about a million barrels a day last month.", stated, stated)
    assert "date.rate" not in _checks("A month earlier, exports reached a million barrels a day.", stated, stated)


def test_figures_in_words_with_trillion_and_as_adjectives() -> None:
    window = "وحذر خبراء من عجز قد يتجاوز 60 تريليون دينار، إذ يكلف كل انخفاض بعشرة دولارات 12 تريليونا."
    assert "number.scale" not in _checks("Experts warn of a deficit above sixty trillion dinars.", window, window)
    assert "number.scale" in _checks("Experts warn of a deficit above sixty billion dinars.", window, window)
    assert "number.value_words" in _checks("Every twenty-dollar drop costs 12 trillion dinars.", window, window)
    assert "number.value_words" not in _checks("Every ten-dollar drop costs 12 trillion dinars.", window, window)
