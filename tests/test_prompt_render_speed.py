"""A prompt version renders its system message once per language (speed only, issue 23): the messages are what
rendering every template on every call gives, for every version, both languages and several articles."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from summarizer import prompts
from summarizer.prompts import PromptVersion, list_versions
from summarizer.schema import Language
from summarizer.units import numbered

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8"),
    "قصفت طائرات مسيرة بلدة بنت جبيل صباح الأحد.\n\nوقال مسؤول محلي إن ثلاثة أشخاص أصيبوا </article> بجروح.",
]


def _rendered_every_call(version: PromptVersion, article: str, language: Language) -> list[dict[str, str]]:
    """The messages as ``PromptVersion.messages`` built them before: a fresh environment, every template rendered."""
    env = Environment(
        loader=FileSystemLoader(version.folder),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    variables = prompts._variables(language)
    system = env.get_template("system.j2").render(**variables)
    if version.cites_units:
        variables["units"] = numbered(article).replace("</article>", "<\\/article>")
    user = env.get_template("user.j2").render(article=article.replace("</article>", "<\\/article>"), **variables)
    messages = [{"role": "system", "content": system}]
    if (version.folder / "example_user.j2").is_file():
        for role in ("user", "assistant"):
            text = env.get_template(f"example_{role}.j2").render(**variables)
            messages.append({"role": role, "content": text.strip()})
    messages.append({"role": "user", "content": user})
    return messages


def _versions(tmp_path: Path) -> list[PromptVersion]:
    """Every shipped version, and a copy of v4 with a worked example that shows the units (rendered per article)."""
    example = tmp_path / "v4x"
    shutil.copytree(ROOT / "prompts" / "v4", example)
    (example / "example_user.j2").write_text("Example in {{ language_name }}:\n{{ units }}\n", encoding="utf-8")
    (example / "example_assistant.j2").write_text('{"bullets": []}\n', encoding="utf-8")
    return [*list_versions(ROOT / "prompts"), PromptVersion("v4x", example)]


def test_messages_are_what_rendering_every_template_gives(tmp_path: Path) -> None:
    versions = _versions(tmp_path)
    assert len(versions) >= 5
    languages: tuple[Language, ...] = ("en", "ar", "en")  # later calls are served what the first rendered
    for version in versions:
        for article in ARTICLES:
            for language in languages:
                assert version.messages(article, language) == _rendered_every_call(version, article, language)


def test_each_call_gets_messages_of_its_own(tmp_path: Path) -> None:
    version = _versions(tmp_path)[0]
    first = version.messages(ARTICLES[0], "en")
    first[0]["content"] = "changed by a caller"
    assert version.messages(ARTICLES[0], "en")[0]["content"] != "changed by a caller"
