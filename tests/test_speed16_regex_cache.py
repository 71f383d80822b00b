"""summarizer.regex_cache: compiled regular expressions read back between processes are ``re``'s own patterns."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import regex_cache


@pytest.fixture(autouse=True)
def _restore() -> object:
    yield
    regex_cache.uninstall()
    re.purge()


def _checker_patterns() -> list[re.Pattern[str]]:
    import summarizer.claims as claims

    found: list[re.Pattern[str]] = []
    for info in pkgutil.iter_modules(claims.__path__):
        module = importlib.import_module(f"summarizer.claims.{info.name}")
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    return found


def test_made_from_the_stored_entry_is_the_compiled_pattern() -> None:
    patterns = _checker_patterns()
    assert len(patterns) > 100
    for pattern in patterns:
        made = _sre.compile(pattern.pattern, *regex_cache._entry(pattern.pattern, pattern.flags))
        assert made == pattern, pattern.pattern  # equal pattern, flags and code
        assert made.groupindex == pattern.groupindex
        assert made.groups == pattern.groups


def test_made_patterns_match_as_re_compiles_them() -> None:
    """Every checker pattern made from its stored entry finds what ``re``'s own finds, on real articles (raw and
    normalised, as the checker reads them)."""
    from summarizer.arabic import normalize_text
    from summarizer.evals.cases import load_cases

    cases = load_cases(Path(__file__).resolve().parent.parent / "evals" / "cases")
    texts = [c.article for c in cases[:4]]
    texts += [normalize_text(t) for t in texts]
    for pattern in _checker_patterns():
        made = _sre.compile(pattern.pattern, *regex_cache._entry(pattern.pattern, pattern.flags))
        for text in texts:
            assert [m.regs for m in made.finditer(text)] == [m.regs for m in pattern.finditer(text)]  # every group
            assert made.sub("·", text) == pattern.sub("·", text)


def test_a_pattern_compiled_once_is_read_back(tmp_path: Path) -> None:
    text = "قال مسؤول إن 12 شخصا قتلوا"
    source = r"(?P<who>\w+)\s+إن\s+(\d+)"
    assert regex_cache.install("test", tmp_path)
    re.purge()
    first = re.compile(source, re.IGNORECASE)
    regex_cache.uninstall()  # writes the table
    assert len(list(tmp_path.glob("regex-test-*.marshal"))) == 1

    assert regex_cache.install("test", tmp_path)
    table = regex_cache._installed[0][2]
    assert (source, int(re.IGNORECASE)) in table.known
    re.purge()
    again = re.compile(source, re.IGNORECASE)
    assert table.added == 0  # made from the table, not compiled
    assert again == first
    assert again.groupindex == first.groupindex
    match = again.search(text)
    assert match is not None and match.group("who") == "مسؤول" and match.group(2) == "12"
    assert re.sub(r"(\d+)", r"<\1>", "x 12 y") == "x <12> y"


def test_a_few_new_patterns_do_not_rewrite_a_table(tmp_path: Path) -> None:
    """Patterns built from a set differ per process: alone they never rewrite (or grow) the table."""
    assert regex_cache.install("test", tmp_path)
    re.purge()
    re.compile(r"[a-z]+\d")
    regex_cache.uninstall()
    (table,) = tmp_path.glob("regex-test-*.marshal")
    written = table.read_bytes()
    assert regex_cache.install("test", tmp_path)
    re.purge()
    for n in range(regex_cache.MIN_NEW - 1):
        re.compile(rf"[a-z]+\d{{{n}}}x")
    regex_cache.uninstall()
    assert table.read_bytes() == written
    assert regex_cache.install("test", tmp_path)
    re.purge()
    for n in range(regex_cache.MIN_NEW):
        re.compile(rf"[a-z]+\d{{{n}}}y")
    regex_cache.uninstall()
    assert len(table.read_bytes()) > len(written)


def test_an_unreadable_table_compiles_as_before(tmp_path: Path) -> None:
    (tmp_path / f"regex-test-{regex_cache._key()}.marshal").write_bytes(b"not marshal data")
    assert regex_cache.install("test", tmp_path)
    re.purge()
    assert re.fullmatch(r"[0-9]+", "123")
    regex_cache.uninstall()
    assert len(list(tmp_path.glob("regex-test-*.marshal"))) == 1


def test_each_command_has_its_table() -> None:
    assert regex_cache.command_name(["eval", "--gate", "evals/gate.json"]) == "eval"
    assert regex_cache.command_name(["-v", "batch", "run"]) == "batch"
    assert regex_cache.command_name(["--help"]) == "main"
    assert regex_cache.command_name(["../x"]) == "other"


def test_off_installs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_DATA_CACHE", "off")
    assert not regex_cache.install()
    assert not regex_cache._installed


def test_the_console_entry_point_fills_the_table(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    env = {"PYTHONPATH": str(root), "SUMMARIZER_DATA_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = [
        sys.executable,
        "-c",
        "import sys; sys.argv = ['summarizer', 'prompts']; from summarizer.cli import main; main()",
    ]
    done = subprocess.run(run, env=env, capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("regex-prompts-*.marshal"))) == 1
