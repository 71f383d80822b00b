"""The review page in a real browser (headless Chromium from Debian, driven by selenium through Debian's
chromedriver, never a downloaded one). Checks the rendered DOM, not the HTML source.

Skips, saying why, only where Chromium is not installed (scripts/install_chromium.sh installs it; test.sh
runs that). SUMMARIZER_SCREENSHOT=docs/review-page.png also saves the screenshot the README shows.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.grounding import locate
from summarizer.html import digest_for_article, render_digest_page
from summarizer.schema import Digest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "headless Chromium is not installed (no chromium/chromedriver on PATH): run scripts/install_chromium.sh "
        "(Debian: apt-get install chromium chromium-driver) to run the HTML page's browser test",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the dev extra: pip install -e '.[dev]'")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, tmp_path: Path, digest: Digest, article: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_digest_page(digest, article, title="seed article"), encoding="utf-8")
    browser.get(page.as_uri())


def _expected_spans(digest: Digest) -> dict[str, tuple[int, int, str]]:
    """Quote id -> verified offsets and quote, computed here from the digest, independently of the page."""
    spans: dict[str, tuple[int, int, str]] = {}
    for i, bullet in enumerate(digest.bullets):
        for j, e in enumerate(bullet.evidence):
            assert e.start is not None and e.end is not None
            spans[f"b{i}q{j}"] = (e.start, e.end, e.quote)
    for i, event in enumerate(digest.events):
        groups = {"q": event.evidence, "f": event.fatalities.evidence, "i": event.injuries.evidence}
        groups |= {f"a{k}q": a.evidence for k, a in enumerate(event.attributions)}
        for prefix, evidence in groups.items():
            for j, e in enumerate(evidence):
                assert e.start is not None and e.end is not None
                spans[f"e{i}{prefix}{j}"] = (e.start, e.end, e.quote)
    return spans


HIGHLIGHTS_JS = """
const byId = {};
for (const mark of document.querySelectorAll('#article mark.ev')) {
  for (const id of mark.dataset.ev.split(' ')) byId[id] = (byId[id] || '') + mark.textContent;
}
return byId;
"""


def test_rendered_page_highlights_every_quote_at_its_offsets(
    browser: Any, tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    digest = digest_for_article(reference_digest, seed_article)
    _open(browser, tmp_path, digest, seed_article)
    article = browser.find_element(By.ID, "article")
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", article) == "rtl"
    bullets = browser.find_element(By.CSS_SELECTOR, "ol.bullets")
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", bullets) == "ltr"
    # The rendered article text is the article, character for character (nothing dropped or doubled by overlaps).
    assert browser.execute_script("return arguments[0].textContent", article) == seed_article
    highlighted = browser.execute_script(HIGHLIGHTS_JS)
    expected = _expected_spans(digest)
    assert set(highlighted) == set(expected)
    for quote_id, (start, end, quote) in expected.items():
        assert highlighted[quote_id] == seed_article[start:end], quote_id
        # and it is the quote: verbatim, or the same words across a clitic (وردت for ردت) as grounding allows
        span = locate(quote, highlighted[quote_id])
        assert (span.start, span.end) == (0, len(highlighted[quote_id])), quote_id
    integrity = browser.find_element(By.ID, "integrity")
    assert integrity.get_attribute("data-status") == "ok", integrity.text
    if target := os.environ.get("SUMMARIZER_SCREENSHOT"):
        browser.set_window_size(1400, 1500)
        ActionChains(browser).move_to_element(browser.find_element(By.ID, "b2")).perform()
        browser.save_screenshot(target)


def test_hover_links_bullet_and_quotes_both_ways(
    browser: Any, tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    digest = digest_for_article(reference_digest, seed_article)
    _open(browser, tmp_path, digest, seed_article)
    bullet = browser.find_element(By.ID, "b2")  # two quotes
    ActionChains(browser).move_to_element(bullet).perform()
    active = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article mark.ev.active')).map(m => m.dataset.ev)"
    )
    assert active and all({"b2q0", "b2q1"} & set(ids.split()) for ids in active)
    assert {"b2q0", "b2q1"} <= {i for ids in active for i in ids.split()}
    assert "active" in bullet.get_attribute("class")
    # and from the article: hovering a quote lights up the bullet it backs
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "header")).perform()
    assert "active" not in bullet.get_attribute("class")
    mark = browser.find_element(By.CSS_SELECTOR, "#article mark.ev[data-ev~='b0q0']")
    ActionChains(browser).move_to_element(mark).perform()
    assert "active" in browser.find_element(By.ID, "b0").get_attribute("class")


def test_unsupported_claim_is_marked_in_the_page(
    browser: Any, tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    reference_digest["bullets"][0]["text"] = reference_digest["bullets"][0]["text"].replace("About 10", "About 50")
    _open(browser, tmp_path, digest_for_article(reference_digest, seed_article), seed_article)
    bullet = browser.find_element(By.ID, "b0")
    assert "unsupported" in bullet.get_attribute("class")
    assert bullet.find_element(By.CSS_SELECTOR, ".badge.bad").text == "unsupported"
    assert browser.find_element(By.ID, "integrity").get_attribute("data-status") == "ok"


def test_an_arabic_digest_reads_right_to_left_chips_included(
    browser: Any, tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: the evidence chips of Arabic bullets were left-aligned, and the page said lang="en"."""
    arabic = json.loads(json.dumps(reference_digest))
    for bullet in arabic["bullets"]:
        bullet["text"] = bullet["evidence"][0]["quote"]  # an Arabic summary (a fixture)
    _open(browser, tmp_path, digest_for_article(arabic, seed_article), seed_article)
    root = browser.execute_script("return [document.documentElement.lang, getComputedStyle(document.body).direction]")
    assert root == ["ar", "rtl"]
    edges = browser.execute_script(
        "const ul = document.querySelector('ul.quotes'), chip = ul.querySelector('q');"
        "return [getComputedStyle(ul).direction, ul.getBoundingClientRect().right, chip.getBoundingClientRect().right]"
    )
    assert edges[0] == "rtl"
    assert abs(edges[1] - edges[2]) < 40, edges  # the chip starts at the right edge of its list
