"""The eval scores what the model wrote, kept or not: a dropped bullet is scored by its whole text, with its reason.

Until session 11 a dropped bullet was scored by its ``run.dropped`` line ("answer 1 bullets[2] '<60 characters>'"),
and a dropped translation by an empty string, so the gated ``written_*`` metrics read a label and a fragment."""

from __future__ import annotations

from types import SimpleNamespace

from summarizer.evals.runner import _pointer_marks

LONG = "Security forces arrested fifteen people in Alexandria on charges of joining a banned group, the ministry said."


def test_dropped_bullets_are_marked_by_their_whole_text_and_reason() -> None:
    partial = SimpleNamespace(
        digest=None,
        bullets_written=3,
        dropped=[
            f"translation 2 {LONG[:60]!r} (number: number 'fifteen' (exact) is not stated)",
            "answer 1 events[0] Protests / Peaceful protest (date: no date)",
            "answer 1 bullets[1] 'قتل ثلاثة جنود' (name: 'X' is not in the evidence)",
        ],
        dropped_bullets=[LONG, "قتل ثلاثة جنود"],
    )
    marks = _pointer_marks(None, partial)
    assert marks is not None and [m.text for m in marks] == [LONG, "قتل ثلاثة جنود", ""]
    assert not any(m.supported for m in marks)
    assert marks[0].why.startswith("translation 2") and "fifteen" in marks[0].why
    assert marks[1].why.startswith("answer 1 bullets[1]") and marks[2].why == "dropped"


def test_a_run_without_written_bullets_has_no_pointer_marks() -> None:
    assert _pointer_marks(None, SimpleNamespace(digest=None, bullets_written=None)) is None
