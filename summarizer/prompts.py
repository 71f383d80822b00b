"""Versioned Jinja2 prompt templates, each identified by a hash of its files.

A version is a folder under ``prompts/`` holding ``system.j2`` and ``user.j2``;
optionally ``example_user.j2`` + ``example_assistant.j2`` (a worked example sent
as a prior exchange) and ``prompt.json`` naming the schema variant it asks for
(``{"schema": "compact"}``; default ``full``, the plain Digest).
The hash covers every file in the folder, so any edit, even a whitespace one,
gives a new identity and makes old recordings visibly stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from summarizer.acled import SUB_EVENT_TYPES, ActorType
from summarizer.compact import response_model
from summarizer.errors import PromptNotFound
from summarizer.pointer import VARIANTS as POINTER_VARIANTS
from summarizer.schema import Language
from summarizer.units import numbered

if TYPE_CHECKING:
    from jinja2 import Environment

PROMPTS_ENV = "SUMMARIZER_PROMPTS_DIR"
DEFAULT_VERSION = "v1"
_VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MIN_BULLETS, MAX_BULLETS = 3, 6
_LANGUAGE_NAMES = {"en": "English", "ar": "Arabic (Modern Standard Arabic)"}
_DELIMITER = "</article>"
_MEANT_FOR = {
    "v1": "capable hosted or GPU models: the full Digest schema, quotes copied from the article",
    "v2": "small local models, quotes copied (compact schema); v3 replaces it for the local default",
}


def prompts_dir() -> Path:
    """Where prompt versions live: $SUMMARIZER_PROMPTS_DIR, the installed copy, or the checkout's prompts/."""
    if override := os.environ.get(PROMPTS_ENV):
        return Path(override)
    installed = Path(__file__).parent / "prompts"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "prompts"


@dataclass(frozen=True)
class BulletSource:
    """What one Arabic bullet's translation request shows (prompt v5; built by ``summarizer.translation``): the
    bullet made whole, its names' and numbers' English (Arabic, English pairs) and the text of the units it cites."""

    text: str
    names: list[tuple[str, str]]
    units: list[str]
    numbers: list[tuple[str, str]]


@dataclass(frozen=True)
class PromptVersion:
    version: str
    folder: Path

    @cached_property
    def hash(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.folder.iterdir()):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()[:12]

    @cached_property
    def schema_variant(self) -> str:
        """Which Digest variant this version's model fills (see summarizer.compact)."""
        config = self.folder / "prompt.json"
        if not config.is_file():
            return "full"
        return str(json.loads(config.read_text(encoding="utf-8")).get("schema", "full"))

    @property
    def response_model(self) -> type[BaseModel]:
        """The schema variant, whatever the summary language (its hash names the variant in reports)."""
        if self.schema_variant in POINTER_VARIANTS:
            return POINTER_VARIANTS[self.schema_variant]["en"]
        return response_model(self.schema_variant)

    def response_model_for(self, language: Language) -> type[BaseModel]:
        """The class sent to the model for ``language`` (compact v2 constrains bullets' script per language).

        A Digest variant, or a pointer answer (``summarizer.pointer``) that cites article units and becomes
        a Digest after validation."""
        if self.schema_variant in POINTER_VARIANTS:
            return POINTER_VARIANTS[self.schema_variant][language]
        return response_model(self.schema_variant, language)

    @property
    def cites_units(self) -> bool:
        """Does this version show the article as numbered units and ask for unit numbers as evidence?"""
        return self.schema_variant in POINTER_VARIANTS

    @cached_property
    def english_by_translation(self) -> bool:
        """English bullets are written in Arabic, then translated (``prompt.json``: ``"english": "translate"``, all
        bullets in one request after the article; ``"translate-each"``, one request a bullet: ``translates_each``)."""
        return self.cites_units and self._config.get("english") in ("translate", "translate-each")

    @cached_property
    def translates_each(self) -> bool:
        """Each Arabic bullet is translated alone, without the article (prompt v5: ``"english": "translate-each"``;
        ``bullet_translation_messages``)."""
        return self.english_by_translation and self._config.get("english") == "translate-each"

    @cached_property
    def repoints(self) -> bool:
        """A failing Arabic bullet is re-pointed to the units holding its words before a repair round is paid for
        (``prompt.json``: ``"repoint": true``; ``summarizer.repoint``)."""
        return self.cites_units and self._config.get("repoint") is True

    def answer_language(self, language: Language) -> Language:
        """The language the first answer is written in: Arabic for English by translation, else ``language``."""
        return "ar" if language == "en" and self.english_by_translation else language

    @cached_property
    def _config(self) -> dict[str, object]:
        config = self.folder / "prompt.json"
        if not config.is_file():
            return {}
        loaded = json.loads(config.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, dict) else {}

    def translation_messages(self, article: str, bullets: list[str]) -> list[dict[str, str]]:
        """The request translating Arabic bullets into English: the first request's system message and article,
        then ``translate.j2`` in place of the summary instruction (the same prefix, so a server's prompt cache
        reuses the article it read for the Arabic answer)."""
        messages = self.messages(article, "ar")
        variables = {"bullets": bullets, "language": "en", "language_name": _LANGUAGE_NAMES["en"]}
        instruction = self._env.get_template("translate.j2").render(**variables)
        user = messages[-1]["content"]
        head = user[: user.rindex(_DELIMITER) + len(_DELIMITER)]
        return [*messages[:-1], {"role": "user", "content": f"{head}\n\n{instruction.strip()}\n"}]

    def bullet_translation_messages(self, source: BulletSource, again: bool = False) -> list[dict[str, str]]:
        """The request translating one Arabic bullet (prompt v5): ``translate_system.j2``, then ``translate_bullet.j2``
        with the bullet, its names' and numbers' English and its cited units, and whether this is a second try
        (v5's asks then for the units themselves); the template shows what it needs. No article: a small model
        given one copies facts from its other units."""
        variables = {
            "bullet": source.text,
            "names": source.names,
            "units": source.units,
            "numbers": source.numbers,
            "again": again,
        }
        system = self._env.get_template("translate_system.j2").render(**variables)
        user = self._env.get_template("translate_bullet.j2").render(**variables)
        return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]

    @cached_property
    def meant_for(self) -> str:
        """Which kind of model this version is for, shown by ``summarizer prompts``: ``prompt.json``'s ``for``, or
        for versions written before it (their files cannot change without making their recordings stale) ours."""
        config = self.folder / "prompt.json"
        if config.is_file():
            stated = json.loads(config.read_text(encoding="utf-8")).get("for")
            if stated:
                return str(stated)
        return _MEANT_FOR.get(self.version, "")

    @cached_property
    def _env(self) -> Environment:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined  # on first render: keeps start-up light

        from summarizer.template_cache import bytecode_cache

        return Environment(
            loader=FileSystemLoader(self.folder),
            undefined=StrictUndefined,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
            auto_reload=False,  # compiled once, like the hash: an edited version is a new PromptVersion (load_prompt)
            bytecode_cache=bytecode_cache(),  # compiled code kept between processes (speed only)
        )

    def messages(self, article: str, language: Language) -> list[dict[str, str]]:
        """System instructions and the user message with the article as delimited data."""
        variables = _variables(language)
        messages = [{"role": "system", "content": self._system(language)}]
        if self.cites_units:  # the article as [n] unit lines (summarizer.units), the same text line by line
            variables["units"] = numbered(article).replace(_DELIMITER, "<\\/article>")
        user = self._env.get_template("user.j2").render(
            article=article.replace(_DELIMITER, "<\\/article>"), **variables
        )
        if self._has_example:
            # A worked example as a prior exchange: small models copy the form of a real turn far better
            # than a description of the schema (they never see the schema, only its grammar).
            for role in ("user", "assistant"):
                text = self._env.get_template(f"example_{role}.j2").render(**variables)
                messages.append({"role": role, "content": text.strip()})
        messages.append({"role": "user", "content": user})
        return messages

    def _system(self, language: Language) -> str:
        """The system message, the same for every article: rendered once per language (speed only: Jinja rendered
        it, and checked the template's file, on every call)."""
        if language not in self._systems:
            self._systems[language] = self._env.get_template("system.j2").render(**_variables(language))
        return self._systems[language]

    @cached_property
    def _systems(self) -> dict[Language, str]:
        return {}

    @cached_property
    def _has_example(self) -> bool:
        return (self.folder / "example_user.j2").is_file()


def _variables(language: Language) -> dict[str, object]:
    """What every template of a version is rendered with, for a summary in ``language`` (a new dict each call)."""
    return {
        "language_name": _LANGUAGE_NAMES[language],
        "language": language,
        "min_bullets": MIN_BULLETS,
        "max_bullets": MAX_BULLETS,
        "taxonomy": [(t.value, [s.value for s in subs]) for t, subs in SUB_EVENT_TYPES.items()],
        "actor_types": [a.value for a in ActorType],
    }


def list_versions(folder: Path | None = None) -> list[PromptVersion]:
    """Every prompt version found, sorted by name."""
    root = folder or prompts_dir()
    if not root.is_dir():
        return []
    return [
        PromptVersion(p.name, p)
        for p in sorted(root.iterdir())
        if p.is_dir() and (p / "system.j2").is_file() and (p / "user.j2").is_file()
    ]


def check_version_name(version: object) -> str:
    """A version is the name of a folder inside the prompts folder: never a path that leads out of it."""
    if not isinstance(version, str) or not _VERSION_NAME.fullmatch(version):
        raise PromptNotFound(
            f"prompt version {version!r} is not a version name (letters, digits, '.', '_' or '-', like v1); "
            "see `summarizer prompts`"
        )
    return version


def get_version(version: str = DEFAULT_VERSION, folder: Path | None = None) -> PromptVersion:
    """The named prompt version; a clear error listing the others if it does not exist."""
    check_version_name(version)
    versions = {v.version: v for v in list_versions(folder)}
    if version not in versions:
        known = ", ".join(versions) or "none"
        raise PromptNotFound(f"prompt version {version!r} not found in {folder or prompts_dir()} (known: {known})")
    return versions[version]
