"""The eval report's HTML pages: a summary with the gate's deltas and intervals, one page per case."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app

SEED_CASE = "000_28e21e24a588c826"


def test_eval_writes_summary_and_case_pages(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--case", SEED_CASE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(next(tmp_path.glob("eval-*.json")).read_text(encoding="utf-8"))
    summary_path = next(tmp_path.glob("eval-*.html"))
    summary = summary_path.read_text(encoding="utf-8")
    assert "http://" not in summary and "https://" not in summary  # self-contained
    checks = report["gate"]["checks"]
    assert summary.count('<tr class="delta') == len(checks) > 0
    for check in checks:  # every delta with its interval, as in the JSON
        assert f'data-metric="{check["metric"]}"' in summary
        if check["ci_low"] is not None:
            assert f"[{check['ci_low']:+.3f}, {check['ci_high']:+.3f}]" in summary
    links = re.findall(r'class="case-link" href="([^"]+)"', summary)
    assert len(links) == len(report["per_case"]) == 2
    for link, case in zip(links, report["per_case"], strict=True):
        page = (summary_path.parent / link).read_text(encoding="utf-8")
        assert f"{case['case']} <span" in page and case["outcome"] in page
        assert page.count('<tr class="reason">') == len(case["reasons"])
        assert f'href="../{summary_path.name}"' in page
