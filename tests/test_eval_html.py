"""The eval report's HTML pages: a summary with the gate's checks and intervals, one page per case with the
model's bullets marked supported or not, its reasons as text, and a link to the digest's review page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.html_report import detail_text
from summarizer.evals.verdict import signed

SEED_CASE = "000_28e21e24a588c826"


def test_eval_writes_summary_and_case_pages(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--case", SEED_CASE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(next(tmp_path.glob("eval-*.json")).read_text(encoding="utf-8"))
    summary_path = next(tmp_path.glob("eval-*.html"))
    summary = summary_path.read_text(encoding="utf-8")
    assert "http://" not in summary and "https://" not in summary  # self-contained
    assert "-0.000" not in summary
    checks = report["gate"]["checks"]
    assert summary.count('<tr class="delta') == len(checks) > 0
    assert report["gate"]["headline"] in summary
    for check in checks:  # every delta with its interval, as in the JSON
        assert f'data-metric="{check["metric"]}" data-scope="{check["scope"]}"' in summary
        if check["ci_low"] is not None:
            assert f"[{signed(check['ci_low'])}, {signed(check['ci_high'])}]" in summary
    links = re.findall(r'class="case-link" href="([^"]+)"', summary)
    assert len(links) == len(report["per_case"]) == 2
    for link, case in zip(links, report["per_case"], strict=True):
        page_path = summary_path.parent / link
        page = page_path.read_text(encoding="utf-8")
        assert f"{case['case']} <span" in page and case["outcome"] in page
        assert page.count('<tr class="reason">') == len(case["reasons"])
        assert f'href="../{summary_path.name}"' in page
        assert "{&#39;" not in page and "{'" not in page  # reasons and details as text, never a dict's repr
        # the model's bullets, each marked as the claim checker judged it (supported_rate is their share)
        assert case["bullets"] and page.count('<li class="bullet ') == len(case["bullets"])
        supported = sum(b["supported"] for b in case["bullets"])
        assert page.count('<li class="bullet supported">') == supported
        assert case["metrics"]["supported_rate"] == round(supported / len(case["bullets"]), 4)
        for bullet in case["bullets"]:
            assert bullet["text"].replace("'", "&#39;").replace('"', "&#34;") in page
        # a digest came back (in part): its review page sits beside the case page, linked; none when nothing stood
        reviews = re.findall(r'class="review-link" href="([^"]+)"', page)
        if case["outcome"] not in ("ok", "best_effort"):
            assert reviews == []
            continue
        (review,) = reviews
        review_page = (page_path.parent / review).read_text(encoding="utf-8")
        assert '<div id="article" dir="rtl" lang="ar">' in review_page and '<main class="review">' in review_page


def test_reason_details_read_as_text() -> None:
    text = detail_text({"expected": ["three soldiers", "3 soldiers"], "sentence": None, "raw": "{...}", "gold": 3})
    assert text == "expected: three soldiers, 3 soldiers; gold: 3"


def test_a_page_written_over_a_longer_one_holds_only_the_new_text(tmp_path: Path) -> None:
    """Case pages are overwritten in place (never truncated first): what was past the new end is cut off."""
    from summarizer.evals.html_report import _write

    page = tmp_path / "case.html"
    page.write_text("x" * 10_000 + "«old»", encoding="utf-8")
    _write(page, "<p>«جديد»</p>")
    assert page.read_text(encoding="utf-8") == "<p>«جديد»</p>"
    _write(page, "<p>longer than before: " + "y" * 20_000 + "</p>")
    assert page.read_text(encoding="utf-8") == "<p>longer than before: " + "y" * 20_000 + "</p>"
    _write(tmp_path / "new.html", "new")
    assert (tmp_path / "new.html").read_text(encoding="utf-8") == "new"
