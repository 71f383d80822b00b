from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.cases import Case, case_problems, load_cases
from summarizer.evals.reference import reference_digest
from summarizer.evals.report import compare
from summarizer.evals.runner import CaseResult, EvalRun
from summarizer.evals.scoring import score_case
from summarizer.prompts import prompts_dir
from summarizer.recording import RecordingMeta, meta_path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "evals" / "cases"
CASSETTES = ROOT / "cassettes"
runner = CliRunner()


def eval_args(tmp_path: Path, *extra: str) -> list[str]:
    return ["eval", "--cases-dir", str(CASES), "--cassettes-dir", str(CASSETTES), "--out", str(tmp_path / "reports"),
            "--gate", str(ROOT / "evals" / "gate.json"), *extra]  # fmt: skip


def recorded_cassettes() -> list[Path]:
    return sorted(CASSETTES.glob("*/*/*.yaml"))


def test_every_case_validates() -> None:
    cases = load_cases(CASES)
    assert cases, "no cases"
    problems = [p for case in cases for p in case_problems(case)]
    assert problems == []


def test_validator_catches_an_alias_not_in_the_article() -> None:
    case = load_cases(CASES)[0]
    broken = case.model_copy(deep=True)
    broken.key_facts[0].ar.append("قصف مطار دمشق")
    broken.events[0].quotes.append("جملة مخترعة لا وجود لها")
    problems = case_problems(broken)
    assert any("Arabic alias not in the article" in p for p in problems)
    assert any("quote not in the article" in p for p in problems)


def test_reference_model_scores_perfectly_and_writes_both_reports(tmp_path: Path) -> None:
    result = runner.invoke(app, eval_args(tmp_path, "--model", "reference"))
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "reports" / "eval-reference-v1-en.json").read_text(encoding="utf-8"))
    assert report["aggregate"]["key_fact_recall"]["mean"] == 1.0
    assert report["aggregate"]["event_f1"]["mean"] == 1.0
    markdown = (tmp_path / "reports" / "eval-reference-v1-en.md").read_text(encoding="utf-8")
    assert "| key_fact_recall | 1.000 |" in markdown


def test_equal_baseline_passes_the_gate(tmp_path: Path) -> None:
    result = runner.invoke(app, eval_args(tmp_path, "--model", "reference", "--baseline", "v1"))
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "reports" / "eval-reference-v1-en.json").read_text(encoding="utf-8"))
    assert report["baseline"]["regressions"] == []
    assert all(d["delta"] == 0 for d in report["baseline"]["deltas"])


def _run(case: Case, metrics_digest_language: str, *, drop_events: int = 0) -> EvalRun:
    digest = reference_digest(case, metrics_digest_language)
    if drop_events:
        digest = digest.model_copy(update={"events": digest.events[:-drop_events]})
    result = CaseResult(case.id, "ok", metrics=score_case(case, digest, "en").metrics)
    return EvalRun("m", "v", "h", "s", "en", [result])


def test_gate_fails_on_a_worse_run_and_passes_on_an_equal_one() -> None:
    case = load_cases(CASES)[0]
    baseline = _run(case, "en")
    gate = {"event_f1": 0.05, "key_fact_recall": 0.05}
    assert compare(_run(case, "en"), baseline, gate).regressions == []
    worse = compare(_run(case, "en", drop_events=2), baseline, gate)
    assert [d.metric for d in worse.regressions] == ["event_f1"]
    delta = next(d for d in worse.deltas if d.metric == "event_f1")
    assert delta.delta < 0 and delta.ci_low <= delta.delta <= delta.ci_high


@pytest.mark.skipif(not recorded_cassettes(), reason="no recordings committed")
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_case_replays_offline_with_its_recorded_outcome(tmp_path: Path, language: str) -> None:
    metas = {c.name.split(".")[0]: RecordingMeta.read(meta_path(c)) for c in CASSETTES.glob(f"*/v1/*.{language}.yaml")}
    assert {c.id for c in load_cases(CASES)} == set(metas), "every case needs a recording in every language"
    model = next(iter(metas.values())).model
    assert all("cannot do the task" in m.note for m in metas.values() if "gemma" in m.model)  # honest metadata
    result = runner.invoke(app, eval_args(tmp_path, "--model", model, "--lang", language))
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "reports" / f"eval-{model}-v1-{language}.json").read_text(encoding="utf-8"))
    for case in report["per_case"]:
        assert case["outcome"] == metas[case["case"]].outcome, case["case"]
        assert case["total_tokens"] > 0  # usage comes back from the recorded responses


@pytest.mark.skipif(not recorded_cassettes(), reason="no recordings committed")
def test_edited_prompt_is_reported_stale_with_the_rerecord_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    system = copy / "v1" / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe concise.\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(copy))
    meta = RecordingMeta.read(meta_path(recorded_cassettes()[0]))
    result = runner.invoke(app, eval_args(tmp_path, "--model", meta.model))
    assert result.exit_code == 30
    assert "stale or missing recordings" in result.stderr
    assert "summarizer eval --record" in result.stderr
    assert "Traceback" not in result.stderr and "CannotOverwrite" not in result.stderr


@pytest.mark.skipif(not recorded_cassettes(), reason="no recordings committed")
def test_request_that_changed_under_the_same_hashes_is_stale_not_a_vcr_error(tmp_path: Path) -> None:
    cassettes = tmp_path / "cassettes"
    shutil.copytree(CASSETTES, cassettes)
    cassette = sorted(cassettes.glob("*/*/*.en.yaml"))[0]
    meta_file = meta_path(cassette)
    data = json.loads(meta_file.read_text(encoding="utf-8"))
    data["max_output_tokens"] += 1  # the request body we now send differs from the recorded one
    meta_file.write_text(json.dumps(data), encoding="utf-8")
    args = eval_args(tmp_path, "--model", data["model"])
    args[args.index("--cassettes-dir") + 1] = str(cassettes)
    result = runner.invoke(app, args)
    assert result.exit_code == 30
    assert "does not hold the request" in result.stderr
    assert "summarizer eval --record" in result.stderr


def test_record_without_a_model_or_local_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, eval_args(tmp_path, "--record"))
    assert result.exit_code == 1
    assert "--record needs --local" in result.stderr
