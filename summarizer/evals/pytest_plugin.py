"""Each eval case as a pytest test item, its reasons as the failure message.

As a plugin (nothing happens without ``--summarizer-eval``)::

    pytest -p summarizer.evals.pytest_plugin --summarizer-eval [--summarizer-gate evals/gate.json]
           [--summarizer-model reference] [--summarizer-case ID ...]

or as helpers in your own test module::

    from summarizer.evals.pytest_plugin import eval_params, assert_case

    @pytest.mark.parametrize("result", eval_params())
    def test_eval_case(result): assert_case(result)

Cases, model, prompt and languages come from gate.json (the same declaration CI gates on); recordings are
replayed, never recorded. A case fails when its run failed or its recording is missing, stale or corrupt.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest


def _reasons_text(result: Any) -> str:
    lines = [f"{result.key}: {result.outcome}"]
    lines += [f"  [{r.kind}] {' '.join(str(r.message).split())}" for r in result.reasons]
    return "\n".join(lines)


@functools.cache
def _replay(gate: Path, model: str | None, cases: tuple[str, ...], cases_dir: Path, cassettes: Path) -> tuple[Any, ...]:
    from summarizer.evals.cases import load_cases
    from summarizer.evals.gate import load_policy
    from summarizer.evals.runner import run_eval

    policy = load_policy(gate)
    wanted = set(cases) or (None if policy.cases == "all" else set(policy.cases))
    selected = [c for c in load_cases(cases_dir) if wanted is None or c.id in wanted]
    run = asyncio.run(
        run_eval(
            selected,
            model=model or policy.model,
            prompt_version=policy.prompt,
            languages=policy.languages,
            cassettes=cassettes,
            best_effort=policy.best_effort,
        )
    )
    return tuple(run.results)


def eval_results(
    gate: Path = Path("evals/gate.json"),
    *,
    model: str | None = None,
    cases: Sequence[str] = (),
    cases_dir: Path = Path("evals/cases"),
    cassettes: Path = Path("cassettes"),
) -> list[Any]:
    """Replay the gated cases once per process (cached) and return their CaseResults."""
    return list(_replay(gate, model, tuple(cases), cases_dir, cassettes))


def eval_params(**kwargs: Any) -> list[Any]:
    """``eval_results`` as pytest params with readable ids (``<case>.<lang>``)."""
    return [pytest.param(r, id=r.key) for r in eval_results(**kwargs)]


def assert_case(result: Any) -> None:
    """Fail the current test with the case's reasons unless its run succeeded."""
    if result.outcome != "ok":
        pytest.fail(_reasons_text(result), pytrace=False)


class EvalCaseItem(pytest.Item):
    """One case in one language."""

    def __init__(self, *, result: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.result = result

    def runtest(self) -> None:
        assert_case(self.result)

    def reportinfo(self) -> tuple[str, int, str]:
        return "summarizer-eval", 0, f"eval case {self.result.key}"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("summarizer", "summarizer eval cases as tests")
    group.addoption("--summarizer-eval", action="store_true", help="Add one test per gated eval case and language.")
    group.addoption("--summarizer-gate", default="evals/gate.json", help="The gate policy declaring the cases.")
    group.addoption("--summarizer-model", default=None, help="Whose recordings to replay (default: gate.json's).")
    group.addoption("--summarizer-case", action="append", default=[], help="Only this case id (repeatable).")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("summarizer_eval"):
        return
    results = eval_results(
        Path(config.getoption("summarizer_gate")),
        model=config.getoption("summarizer_model"),
        cases=config.getoption("summarizer_case"),
    )
    items.extend(EvalCaseItem.from_parent(session, name=f"eval[{r.key}]", result=r) for r in results)
