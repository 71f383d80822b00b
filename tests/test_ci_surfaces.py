"""Every CI surface agrees with the gate, on a passing and on a failing run of real recordings: the exit code,
the JUnit file (one test case for the gate; per-case results never red; replay times), the pull-request comment
(a summary under 60,000 characters) and the workflow that posts it."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.gate import load_policy
from summarizer.evals.markdown import COMMENT_LIMIT, to_comment
from summarizer.evals.report import read_report
from summarizer.evals.verdict import Move

ROOT = Path(__file__).resolve().parent.parent
POLICY = load_policy(ROOT / "evals" / "gate.json")
V1_CASES = sorted({p.name.split(".")[0] for p in (ROOT / "cassettes" / POLICY.model / "v1").glob("*.yaml")})


def _eval(tmp_path: Path, *extra: str) -> tuple[int, dict[str, Path]]:
    result = CliRunner().invoke(app, ["eval", "--out", str(tmp_path), *extra])
    stem = next(tmp_path.glob("eval-*.json")).name.removesuffix(".json")
    files = {
        kind: tmp_path / f"{stem}{suffix}"
        for kind, suffix in (("json", ".json"), ("md", ".md"), ("comment", ".comment.md"), ("junit", ".junit.xml"))
    }
    return result.exit_code, files


def _check_junit(path: Path, exit_code: int, reasons: list[str], replay_s: float) -> None:
    root = ET.parse(path).getroot()
    gate_suite, *case_suites = root.findall("testsuite")
    (gate_case,) = gate_suite.findall("testcase")
    assert gate_case.get("name") == "gate" and float(gate_case.get("time", "")) == pytest.approx(replay_s, abs=1e-3)
    failure = gate_case.find("failure")
    assert (failure is None) == (exit_code == 0) and root.get("failures") == ("0" if exit_code == 0 else "1")
    if failure is not None:
        assert failure.text is not None and all(reason in failure.text for reason in reasons)
    assert [s.get("name") for s in case_suites] == ["summarizer.eval.cases.en", "summarizer.eval.cases.ar"]
    shares = 0.0
    for suite in case_suites:  # per-case results: properties and output, never a failure
        assert suite.get("failures") == "0" and not suite.findall(".//failure")
        for item in suite.findall("testcase"):
            names = {p.get("name") for p in item.iter("property")}
            assert {"outcome", "supported_rate", "replay_wall_s"} <= names
            shares += float(item.get("time", ""))
    # the cases' times are their shares of the run's replay time: summed, what the gate's test case says
    assert shares == pytest.approx(replay_s, abs=0.01 + 1e-3 * len(root.findall(".//testcase")))


@pytest.mark.parametrize("scenario", ["pass", "fail"])
def test_each_surface_agrees_with_the_gate(tmp_path: Path, scenario: str) -> None:
    extra = [] if scenario == "pass" else ["--prompt", "v1", *(a for c in V1_CASES for a in ("--case", c))]
    code, files = _eval(tmp_path, *extra)
    report = read_report(files["json"])
    assert report.gate is not None and code == report.gate.exit_code == (0 if scenario == "pass" else 40)
    if scenario == "pass":
        assert report.results == len(POLICY.cases) * 2  # the whole gated suite
    _check_junit(files["junit"], code, report.gate.reasons, report.usage.replay_s)
    recorded = sum(c.latency_s for c in report.per_case)
    assert report.usage.replay_s < recorded  # the JUnit times are replay times, far below the model's own
    comment = files["comment"].read_text(encoding="utf-8")
    assert len(comment) < COMMENT_LIMIT and report.gate.headline.replace("|", "\\|") in comment
    assert "| metric | slice | baseline | now | delta | 95% CI |" in comment
    for reason in report.gate.reasons:
        assert reason.replace("|", "\\|") in comment
    moved = "No paired result moved on a gated metric." if scenario == "pass" else "Cases that moved: "
    assert moved in comment
    assert "-0.000" not in comment and "-0.000" not in files["md"].read_text(encoding="utf-8")


def test_the_comment_fits_whatever_the_suite_size() -> None:
    """A report many times the suite's size, every result moved: the comment stays under the limit."""
    report = read_report(ROOT / POLICY.baseline)
    data = report.model_dump(mode="json")
    data["per_case"] = data["per_case"] * 40
    big = type(report).model_validate(data)
    big.gate = None
    assert len(to_comment(big)) < COMMENT_LIMIT
    from summarizer.evals.gate import gate
    from summarizer.evals.report import run_from_report

    run = run_from_report(big)
    verdict = gate(run, run, POLICY)
    verdict.moves = [Move(key=f"c{i}.en", deltas={m: -0.5 for m in POLICY.metrics}) for i in range(5000)]
    big.gate = verdict
    comment = to_comment(big)
    assert len(comment) < COMMENT_LIMIT and verdict.headline in comment


def test_the_workflow_posts_the_summary_and_uploads_the_rest() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "summarizer-gate.yml").read_text(encoding="utf-8"))
    steps = {step.get("name", ""): step for step in workflow["jobs"]["gate"]["steps"]}
    assert "reports/eval-*.comment.md" in steps["Run the gate"]["run"]
    assert steps["Upload the reports"]["with"]["path"] == "reports/"
    assert "process.env.REPORT" in steps["Post the summary on the pull request"]["with"]["script"]
    assert "exit ${{ steps.gate.outputs.status }}" in steps["Fail with the gate"]["run"]
    assert json.dumps(workflow)  # plain data, nothing a YAML loader had to guess
