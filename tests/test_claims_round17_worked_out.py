"""Round 17, after its validation run: a figure worked out from two stated ones is a warning of its own
(``number.value_worked_out``), a plain changed figure stays ``number.value`` (an error). Examples written for this
test, not taken from the benchmark."""

from __future__ import annotations

from summarizer.findings import ERROR_CHECKS
from tests.test_claims_round17_numbers import _checks

EVIDENCE = "اعتقلت الشرطة 30 شخصاً وأُفرج عن 12 منهم بكفالة"


def test_a_difference_of_two_stated_figures_is_a_warning_of_its_own() -> None:
    checks = _checks("Police detained 30 people and freed 12 on bail, leaving 18 in custody.", EVIDENCE)
    assert "number.value_worked_out" in checks and "number.value" not in checks
    assert "number.value_worked_out" not in ERROR_CHECKS


def test_a_sum_and_a_share_of_stated_figures() -> None:
    assert "number.value_worked_out" in _checks("اعتُقل 42 شخصاً.", EVIDENCE)  # 30 + 12
    share = "وتشكل القضايا العقارية 40 في المئة من القضايا البالغة 25 قضية"
    assert "number.value_worked_out" in _checks("Property cases made up 10 of the 25 cases.", share)


def test_a_changed_figure_that_is_no_such_arithmetic_stays_an_error() -> None:
    checks = _checks("Police detained 31 people and freed 12 on bail.", EVIDENCE)
    assert "number.value" in checks and "number.value" in ERROR_CHECKS
