"""The report as JUnit XML for CI dashboards, agreeing with the gate: red exactly when the gate is.

- ``summarizer.eval.gate``: one test case, the gate. It fails when the gate did not pass, its message the
  verdict's first line and its text each failing rule; its time is the run's replay-and-score time. A run
  scored without a gate (``--no-gate``) has a ``recordings`` case instead, failing when a recording is missing,
  stale or corrupt, as the command's exit code does.
- ``summarizer.eval.cases.<lang>``: one test case per case, carrying its outcome, metrics and changes against
  the baseline as properties and its reasons as output. These never fail: a weak model's failed answers are
  data for the gate, not failures of the change under test. Their time is each case's share of the run's
  replay time (cases replay concurrently, so their own wall times overlap and add up to several times the run's;
  that wall time is the property ``replay_wall_s``): a dashboard summing test times gets the run's.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from summarizer.evals.markdown import reason_text
from summarizer.evals.report import CaseRecord, Report
from summarizer.evals.results import RECORDING_PROBLEMS


def _properties(parent: ET.Element, values: dict[str, object]) -> None:
    holder = ET.SubElement(parent, "properties")
    for name, value in values.items():
        ET.SubElement(holder, "property", name=name, value="" if value is None else str(value))


def _gate_case(report: Report, suite: ET.Element) -> bool:
    """The gate's test case; True when it failed."""
    verdict = report.gate
    time = f"{report.usage.replay_s:.3f}"
    if verdict is None:
        stale = [c for c in report.per_case if c.outcome in RECORDING_PROBLEMS]
        item = ET.SubElement(suite, "testcase", classname="summarizer.eval", name="recordings", time=time)
        if stale:
            failure = ET.SubElement(
                item, "failure", type="recordings", message=f"{len(stale)} recording(s) missing, stale or corrupt"
            )
            failure.text = "\n".join(f"{c.key}: {c.message}" for c in stale)
        return bool(stale)
    item = ET.SubElement(suite, "testcase", classname="summarizer.eval", name="gate", time=time)
    _properties(
        item,
        {
            "status": verdict.status,
            "exit_code": verdict.exit_code,
            "baseline": verdict.baseline,
            "n_paired": verdict.n_paired,
            "n_run": verdict.n_run,
            "alpha": verdict.alpha,
            "drop_tests": verdict.drop_tests,
        },
    )
    out = ET.SubElement(item, "system-out")
    out.text = "\n".join([verdict.headline, *(f"note: {n}" for n in verdict.notes)])
    if verdict.passed:
        return False
    failure = ET.SubElement(item, "failure", type=verdict.status, message=verdict.headline[:500])
    failure.text = "\n".join(verdict.reasons)
    return True


def _case(case: CaseRecord, suite: ET.Element, deltas: dict[str, float], classname: str, share: float) -> None:
    item = ET.SubElement(suite, "testcase", classname=classname, name=case.case, time=f"{share:.3f}")
    values: dict[str, object] = {"outcome": case.outcome, "replay_wall_s": round(case.replay_s, 3)}
    values |= {name: value for name, value in case.metrics.items() if value is not None}
    values |= {f"delta.{name}": value for name, value in deltas.items()}
    _properties(item, values)
    out = ET.SubElement(item, "system-out")
    out.text = "\n".join(reason_text(r) for r in case.reasons) or "no reasons"


def to_junit(report: Report) -> str:
    """JUnit XML: the gate's suite (one case), then one suite of per-case results per language."""
    title = f"summarizer eval {report.model} {report.prompt_version}"
    suites = ET.Element("testsuites", name=title)
    gate_suite = ET.SubElement(
        suites,
        "testsuite",
        name="summarizer.eval.gate",
        tests="1",
        errors="0",
        skipped="0",
        time=f"{report.usage.replay_s:.3f}",
    )
    gate_suite.set("failures", "1" if _gate_case(report, gate_suite) else "0")
    moves = {m.key: m.deltas for m in report.gate.moves} if report.gate else {}
    walls = sum(c.replay_s for c in report.per_case)
    scale = report.usage.replay_s / walls if walls > 0 else 0.0
    for lang in report.languages:
        cases = [c for c in report.per_case if c.language == lang]
        classname = f"summarizer.eval.cases.{lang}"
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=classname,
            tests=str(len(cases)),
            failures="0",
            errors="0",
            skipped="0",
            time=f"{scale * sum(c.replay_s for c in cases):.3f}",
        )
        for case in cases:
            _case(case, suite, moves.get(case.key, {}), classname, scale * case.replay_s)
    suites.set("tests", str(1 + len(report.per_case)))
    suites.set("failures", gate_suite.get("failures", "0"))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
