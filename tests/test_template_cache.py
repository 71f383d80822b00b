"""Compiled templates kept between processes (summarizer.template_cache): the same text as compiling them, and
never a stale compilation (an edited template or environment setting compiles anew)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from summarizer import template_cache

SOURCE = "{% for x in items %}\n  <{{ x }}>\n{% endfor %}\n{{ title | upper }}"


def _env(folder: Path, cache: jinja2.BytecodeCache | None, **options: Any) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache, **options)


def _render(env: jinja2.Environment) -> str:
    return env.get_template("t.j2").render(items=["a", "<b>"], title="x & y")


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates compiled from here on (jinja2's ``_compile``: source to code)."""
    seen: list[str] = []
    original = jinja2.Environment._compile

    def counted(self: jinja2.Environment, source: str, filename: str) -> Any:
        seen.append(Path(filename).name)
        return original(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counted)
    return seen


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setenv(template_cache.ENV, str(tmp_path / "cache"))
    return folder


@pytest.mark.parametrize("options", [{}, {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}])
def test_a_cached_template_renders_as_a_compiled_one_and_is_not_compiled_again(
    templates: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, bool]
) -> None:
    expected = _render(_env(templates, None, **options))
    compiles = _compiles(monkeypatch)
    assert _render(_env(templates, template_cache.bytecode_cache(), **options)) == expected  # compiled, written
    assert _render(_env(templates, template_cache.bytecode_cache(), **options)) == expected  # read back
    assert compiles == ["t.j2"]


def test_an_edited_template_is_compiled_anew(templates: Path) -> None:
    _render(_env(templates, template_cache.bytecode_cache()))
    (templates / "t.j2").write_text("edited {{ title }}", encoding="utf-8")
    assert _render(_env(templates, template_cache.bytecode_cache())) == "edited x & y"


def test_another_environment_setting_is_another_entry(templates: Path) -> None:
    """trim_blocks, autoescape...: the compiled code differs, so the cache must not serve one for the other."""
    plain, trimmed = (_render(_env(templates, None, trim_blocks=t)) for t in (False, True))
    assert plain != trimmed
    assert _render(_env(templates, template_cache.bytecode_cache())) == plain
    assert _render(_env(templates, template_cache.bytecode_cache(), trim_blocks=True)) == trimmed
    escaped = _render(_env(templates, template_cache.bytecode_cache(), autoescape=True))
    assert escaped == _render(_env(templates, None, autoescape=True)) != plain


def test_a_corrupt_or_unwritable_cache_is_ignored(
    templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _render(_env(templates, None))
    _render(_env(templates, template_cache.bytecode_cache()))
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"j2 not a cache entry")
    assert _render(_env(templates, template_cache.bytecode_cache())) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(template_cache.ENV, str(blocked / "cache"))  # cannot be created: a file is in the way
    assert _render(_env(templates, template_cache.bytecode_cache())) == expected


def test_off_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(template_cache.ENV, "off")
    assert template_cache.bytecode_cache() is None
