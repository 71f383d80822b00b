"""The HTML review page without a browser: segmentation, escaping, unsupported claims, the view command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.html import DigestMismatch, digest_for_article, render_digest_page
from summarizer.html.spans import Span, SpanError, segment
from tests.conftest import REFERENCE_DIGEST, SEED_ARTICLE

runner = CliRunner()


@given(
    st.text(min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(0, 59), st.integers(1, 60)), max_size=8),
)
def test_pieces_tile_the_article_and_carry_exactly_their_quotes(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [Span(f"q{i}", a, b) for i, (a, b) in enumerate(raw) if a < b <= len(text)]
    pieces = segment(text, spans)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
    for span in spans:
        assert "".join(p.text for p in pieces if span.id in p.ids) == text[span.start : span.end]


def test_span_outside_the_article_is_refused() -> None:
    with pytest.raises(SpanError, match="outside the article"):
        segment("abc", [Span("q0", 1, 9)])


def test_offsets_are_located_again_never_trusted(reference_digest: dict[str, Any], seed_article: str) -> None:
    reference_digest["bullets"][0]["evidence"][0] |= {"start": 0, "end": 3}  # a lie in the file
    digest = digest_for_article(reference_digest, seed_article)
    evidence = digest.bullets[0].evidence[0]
    assert (evidence.start, evidence.end) != (0, 3)
    assert seed_article[evidence.start : evidence.end] == evidence.quote


def test_digest_of_another_article_is_refused(reference_digest: dict[str, Any]) -> None:
    with pytest.raises(DigestMismatch, match="does not fit this article"):
        digest_for_article(reference_digest, "مقال آخر تماما لا يحتوي على أي من هذه الاقتباسات " * 3)


def test_article_and_model_text_are_escaped(reference_digest: dict[str, Any], seed_article: str) -> None:
    article = seed_article + "\n<script>alert(1)</script> {{ x }}"
    reference_digest["bullets"][0]["text"] = "About 10 rockets <b>hit</b> the base at the Conoco gas field."
    page = render_digest_page(digest_for_article(reference_digest, article), article)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ x }}" in page
    assert "<b>hit</b>" not in page


def test_unsupported_bullet_is_marked(reference_digest: dict[str, Any], seed_article: str) -> None:
    reference_digest["bullets"][0]["text"] = reference_digest["bullets"][0]["text"].replace("About 10", "About 50")
    digest = digest_for_article(reference_digest, seed_article)
    assert digest.bullets[0].supported is False
    page = render_digest_page(digest, seed_article)
    assert 'class="bullet unsupported"' in page
    assert "Unsupported claims" in page


def test_page_is_self_contained(reference_digest: dict[str, Any], seed_article: str) -> None:
    page = render_digest_page(digest_for_article(reference_digest, seed_article), seed_article)
    for external in ("http://", "https://", "<link", "src="):
        assert external not in page


def test_view_command_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["view", str(REFERENCE_DIGEST), str(SEED_ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert 'id="article" dir="rtl" lang="ar"' in page
    assert page.count('<mark class="ev') > 5


@pytest.mark.parametrize(
    ("digest_text", "code", "says"),
    [
        ("{not json", 3, "is not JSON"),
        ("[1, 2]", 3, "is not a digest"),
        (json.dumps({"bullets": [], "events": []}), 16, "does not fit this article"),
    ],
)
def test_view_bad_digest_is_one_clear_line(tmp_path: Path, digest_text: str, code: int, says: str) -> None:
    digest = tmp_path / "d.json"
    digest.write_text(digest_text, encoding="utf-8")
    result = runner.invoke(app, ["view", str(digest), str(SEED_ARTICLE)])
    assert result.exit_code == code, result.stderr
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_view_renders_a_short_digest_that_fits_its_article(tmp_path: Path, reference_digest: dict[str, Any]) -> None:
    """A best-effort digest may keep fewer than 3 bullets: view shows any digest that validates against its article."""
    digest = tmp_path / "d.json"
    digest.write_text(
        json.dumps({**reference_digest, "bullets": reference_digest["bullets"][:2], "events": []}), "utf-8"
    )
    result = runner.invoke(app, ["view", str(digest), str(SEED_ARTICLE), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "p.html").read_text(encoding="utf-8").count('class="bullet"') == 2


def test_summarize_format_html(tmp_path: Path, provider_env: Any, reference_digest: dict[str, Any]) -> None:
    from tests.fake_openai import completion

    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    out = tmp_path / "digest.html"
    result = runner.invoke(app, ["summarize", str(SEED_ARTICLE), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "reference via" in page  # the run line: model and provider
    assert 'data-ev="b0q0' in page


def test_fuzzy_match_is_drawn_distinctly(reference_digest: dict[str, Any], seed_article: str) -> None:
    digest = digest_for_article(reference_digest, seed_article)
    evidence = digest.bullets[1].evidence[0]
    if not hasattr(evidence, "match"):
        pytest.skip("this schema has no evidence match status")
    assert 'data-ev="b1q0"' in render_digest_page(digest, seed_article)  # not overlapped: its own mark
    before = render_digest_page(digest, seed_article)
    assert "fuzzy match" not in before
    evidence.match = "fuzzy"
    page = render_digest_page(digest, seed_article)
    assert 'class="ev fuzzy" data-ev="b1q0"' in page
    assert "fuzzy match" in page


def _arabic(reference_digest: dict[str, Any]) -> dict[str, Any]:
    """The reference digest with each bullet's text its own first quote: an Arabic summary (a fixture)."""
    arabic: dict[str, Any] = json.loads(json.dumps(reference_digest))
    for bullet in arabic["bullets"]:
        bullet["text"] = bullet["evidence"][0]["quote"]
    return arabic


def test_the_page_takes_its_language_and_direction_from_the_digest(
    reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: an Arabic digest's page said <html lang="en"> and left-aligned its bullets' evidence chips."""
    english = render_digest_page(digest_for_article(reference_digest, seed_article), seed_article)
    assert '<html lang="en" dir="ltr">' in english and '<ul class="quotes" dir="ltr">' in english
    arabic = render_digest_page(digest_for_article(_arabic(reference_digest), seed_article), seed_article)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<ol class="bullets" dir="rtl" lang="ar">' in arabic and '<ul class="quotes" dir="rtl">' in arabic
    forced = render_digest_page(digest_for_article(reference_digest, seed_article), seed_article, language="ar")
    assert '<html lang="ar" dir="rtl">' in forced


def test_the_page_explains_its_colours(reference_digest: dict[str, Any], seed_article: str) -> None:
    """Issue 22: no legend for its two yellows."""
    page = render_digest_page(digest_for_article(reference_digest, seed_article), seed_article)
    legend = page.split('<p class="legend"', 1)[1].split("</p>", 1)[0]
    for meaning in ("quoted as evidence", "quoted by more than one bullet or event", "the quote you point at"):
        assert meaning in legend
    assert "--mark-strong" in page and ".legend .swatch.multi::before { background: var(--mark-strong); }" in page


def test_the_page_shows_the_file_name_not_its_path(
    tmp_path: Path, provider_env: Any, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: the header printed the article's full local path."""
    from tests.fake_openai import completion

    article = tmp_path / "secret-folder" / "story.txt"
    article.parent.mkdir()
    article.write_text(seed_article, encoding="utf-8")
    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    result = runner.invoke(app, ["summarize", str(article), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    assert "<title>story.txt</title>" in result.stdout and "secret-folder" not in result.stdout
    page = render_digest_page(digest_for_article(reference_digest, seed_article), seed_article, title=str(article))
    assert "secret-folder" not in page


def test_a_digest_shows_its_review_page_in_a_notebook(reference_digest: dict[str, Any], seed_article: str) -> None:
    """Issue 22: a Digest did not display itself in Jupyter."""
    import html

    digest = digest_for_article(reference_digest, seed_article)
    shown = digest._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    page = html.unescape(shown.split('srcdoc="', 1)[1].split('" style=', 1)[0])
    assert page == render_digest_page(digest, seed_article)
    from summarizer.schema import Digest

    bare = Digest.model_validate(json.loads(digest.model_dump_json()))  # validated without its article
    assert "render_digest_page(digest, article)" in bare._repr_html_()


def test_the_library_does_not_load_the_html_module_until_a_notebook_asks() -> None:
    import subprocess
    import sys

    probe = "import sys, summarizer\nfrom summarizer import Digest, summarize\nprint('summarizer.html' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "False"


def test_render_digest_page_is_public_and_documented() -> None:
    import summarizer.html

    assert "render_digest_page" in summarizer.html.__all__
    doc = summarizer.html.render_digest_page.__doc__ or ""
    for section in ("Args:", "Returns:", "Raises:", "DigestMismatch", "language"):
        assert section in doc
