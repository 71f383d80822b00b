"""The erroring table's rule (``summarizer.evals.claims_table``) on made-up outcomes: no benchmark run."""

from __future__ import annotations

from summarizer.evals import claims_bench as bench
from summarizer.evals.claims_table import decide, part_of


def outcome(origin: str, split: str, faithful: bool, *checks: str) -> bench.Outcome:
    item = bench.Item(
        id=f"{origin}-{split}",
        case="c",
        language="en",
        text="t",
        evidence=("e",),
        label="faithful" if faithful else "unfaithful",
        kind="paraphrase" if faithful else "number_digit",
        traits=(),
        note="",
        source="hand-written",
        pair=None,
        split=split,
        origin=origin,
    )
    return bench.Outcome(item, [{"check": c} for c in checks], fails_default=False)


def firings(origin: str, split: str, right: int, wrong: int, check: str) -> list[bench.Outcome]:
    return [outcome(origin, split, False, check)] * right + [outcome(origin, split, True, check)] * wrong


def test_the_test_file_decides_nothing_and_retired_files_are_tune() -> None:
    assert part_of(outcome("round18", "heldout", True)) is None
    assert part_of(outcome("round15", "heldout", True)) == "tune"
    assert part_of(outcome("hand", "tune", True)) == "tune"
    assert part_of(outcome("round17", "heldout", True)) == "validation"


def test_a_warning_joins_at_the_bar_on_tune_and_validation() -> None:
    outcomes = firings("hand", "tune", 40, 1, "a") + firings("round17", "heldout", 33, 1, "a")
    outcomes += firings("hand", "tune", 40, 1, "b") + firings("round17", "heldout", 30, 2, "b")  # 30/32 < 97%
    outcomes += firings("hand", "tune", 9, 0, "c")  # too rarely seen on tune
    outcomes += firings("round18", "heldout", 0, 50, "a")  # the test file: ignored
    changes = {d.check: d.change for d in decide(outcomes, frozenset())}
    assert changes == {"a": "promote", "b": "", "c": ""}


def test_an_error_goes_back_only_when_validation_puts_it_under_the_bar() -> None:
    outcomes = firings("hand", "tune", 5, 0, "few") + firings("hand", "tune", 50, 0, "slips")
    outcomes += firings("round11", "heldout", 20, 1, "slips")
    changes = {d.check: d.change for d in decide(outcomes, frozenset({"few", "slips"}))}
    assert changes == {"few": "", "slips": "demote"}
