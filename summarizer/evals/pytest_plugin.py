"""The eval gate as one pytest item, agreeing with ``summarizer eval``: same session, same verdict, same exit code.

As a plugin (nothing happens without ``--summarizer-eval``)::

    pytest -p summarizer.evals.pytest_plugin --summarizer-eval [--summarizer-gate evals/gate.json]
           [--summarizer-model M] [--summarizer-prompt V] [--summarizer-case ID ...] [--summarizer-across model]

adds one test item, ``eval-gate``: it fails exactly when the gate does, its message the verdict's first line and
each failing rule. Every case's outcome and metrics are the item's properties (``--junitxml`` writes them), not
items of their own: a weak model's failed answers are the gate's data, not failures of the change under test.
The pytest process exits with the gate's code (30 recordings, 40 regression, 2 refused) when the gate did not
pass, as ``summarizer eval`` does. A model that is not gated (``reference``) fails only on missing recordings.

From your own tests::

    from summarizer.evals.pytest_plugin import gate_evaluation

    def test_the_gate():
        run, verdict = gate_evaluation()
        assert verdict is not None and verdict.passed, verdict.headline if verdict else ""
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from summarizer.evals.results import RECORDING_PROBLEMS
from summarizer.evals.session import EvalRequest, Evaluation, evaluate

_GATE_EXIT = pytest.StashKey[int]()


@functools.cache
def _evaluate(request: EvalRequest) -> Evaluation:
    return evaluate(request)


def gate_evaluation(
    gate: Path = Path("evals/gate.json"),
    *,
    model: str | None = None,
    prompt: str | None = None,
    cases: tuple[str, ...] = (),
    across: tuple[str, ...] = (),
    cases_dir: Path = Path("evals/cases"),
    cassettes: Path = Path("cassettes"),
) -> Evaluation:
    """Replay and gate as ``summarizer eval`` would (once per process: cached): the run and its verdict."""
    request = EvalRequest(
        gate_file=gate,
        cases_dir=cases_dir,
        cassettes=cassettes,
        model=model,
        prompt=prompt,
        case_ids=cases,
        across=across,
    )
    return _evaluate(request)


class GateFailed(Exception):
    """The gate did not pass: the verdict's lines."""


class EvalGateItem(pytest.Item):
    """The gate: one item for the whole suite."""

    def __init__(self, *, options: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options

    def runtest(self) -> None:
        run, verdict = gate_evaluation(**self.options)
        self.user_properties += [(r.key, _summary(r.outcome, r.metrics)) for r in run.results]
        if verdict is None:
            stale = run.stale
            self.config.stash[_GATE_EXIT] = 30 if stale else 0
            if stale:
                raise GateFailed("\n".join(f"recording: {r.key}: {r.message}" for r in stale))
            return
        self.user_properties.append(("gate", verdict.headline))
        self.config.stash[_GATE_EXIT] = verdict.exit_code
        if not verdict.passed:
            raise GateFailed("\n".join([verdict.headline, *verdict.reasons, *(f"note: {n}" for n in verdict.notes)]))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, GateFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[str, int, str]:
        return "summarizer-eval", 0, "eval gate"


def _summary(outcome: str, metrics: dict[str, float | None]) -> str:
    shown = ", ".join(f"{k} {v:.3f}" for k, v in metrics.items() if v is not None and k in _SHOWN)
    return f"{outcome}; {shown}" if outcome not in RECORDING_PROBLEMS else outcome


_SHOWN = ("success", "best_effort_success", "key_fact_recall", "trap_avoidance", "supported_rate", "chrf")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("summarizer", "the summarizer eval gate as a test")
    group.addoption("--summarizer-eval", action="store_true", help="Add the eval gate as one test item.")
    group.addoption("--summarizer-gate", default="evals/gate.json", help="The gate policy.")
    group.addoption("--summarizer-model", default=None, help="Whose recordings to replay (default: gate.json's).")
    group.addoption("--summarizer-prompt", default=None, help="Which prompt's recordings (default: gate.json's).")
    group.addoption("--summarizer-case", action="append", default=[], help="Only this case id (repeatable).")
    group.addoption("--summarizer-across", action="append", default=[], help="Compare across this identity change.")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("summarizer_eval"):
        return
    options = {
        "gate": Path(config.getoption("summarizer_gate")),
        "model": config.getoption("summarizer_model"),
        "prompt": config.getoption("summarizer_prompt"),
        "cases": tuple(config.getoption("summarizer_case")),
        "across": tuple(config.getoption("summarizer_across")),
    }
    items.append(EvalGateItem.from_parent(session, name="eval-gate", options=options))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Exit with the gate's code when it did not pass (pytest's own status otherwise)."""
    code = session.config.stash.get(_GATE_EXIT, 0)
    if code:
        session.exitstatus = code
