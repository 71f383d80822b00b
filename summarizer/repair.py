"""The pointer conversation: one answer, then re-asks for the failing bullets and events alone.

Why: re-asking for a whole answer because one bullet is unsupported pays for the whole answer again and lets
the model break what was right. Here each bullet and event is judged on its own (``summarizer.triage``): the
supported ones are kept; the failing ones are sent back with their findings and the units they cite, and the
model answers with those alone (``pointer.PointerRepair``), until ``max_reasks`` is spent. What still fails
is dropped. A digest with at least 3 supported bullets and no unsupported claim is valid, so a repair round is
paid for only while fewer than 3 bullets stand (failing events ride along in it; otherwise they are dropped:
on Qwen 1.5B a round for events alone doubled an answer's tokens and seldom fixed them); with fewer, the call
fails (``ModelOutputInvalid``) carrying the supported part for best-effort mode (``partial``).

An answer that is not even a well-formed pointer answer (bad JSON, a unit number the article does not have
when the grammar could not forbid it) is re-asked whole with the error, as the other schemas are.

English by translation (prompt v3, ``"english": "translate"``): a 1.5B model's English bullets fail on
mistransliterated names and numbers, its Arabic ones far less. So the English conversation asks for the Arabic
answer first (the same request as for Arabic), then translates the Arabic bullets that stand, in one more
request; each English bullet keeps its Arabic bullet's cited units as evidence and is checked against them like
any other, and re-asks left repair the English bullets that fail.

With ``faithfulness="warn"`` nothing is dropped or repaired: the answer's claims are checked and reported on
the digest (``findings``, ``supported``), as with any other prompt.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

import summarizer.translation as translation
from summarizer.arabic import mostly_arabic, western_digits
from summarizer.client import (
    REPAIR_FEEDBACK,
    Asker,
    CallOutcome,
    NoAnswer,
    answer_text,
    check_answer,
    reask_messages,
    run_call,
    validation_failure,
)
from summarizer.errors import ModelOutputInvalid
from summarizer.event_fill import lean_event_data
from summarizer.pointer import (
    PointerDigest,
    PointerRepair,
    TranslatedBullet,
    Translation,
    digest_data,
    repair_model,
    unit_evidence,
)
from summarizer.prompts import BulletSource
from summarizer.repoint import candidates, miscited
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from summarizer.triage import Item, PartialDigest, assemble, build, describe, triage
from summarizer.units import split_units
from summarizer.validation import validate

log = logging.getLogger(__name__)

MIN_BULLETS = 3


@dataclass
class Result:
    """What the conversation produced: the digest (None when nothing stood), what was dropped on the way (and
    why), notes, and how many bullets the model wrote in the summary's language (kept or not)."""

    digest: Digest | None
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bullets_written: int = 0
    dropped_bullets: list[str] = field(default_factory=list)  # the whole text of each written bullet not kept


def items_of(answer: PointerDigest | PointerRepair, article: str, notes: list[str], which: str) -> list[Item]:
    """Each bullet and event of a pointer answer as a Digest item to judge (``which`` answer, for the record)."""
    data, converted_notes = digest_data(answer, article, lean_event_data)
    notes.extend(f"{which}: {note}" for note in converted_notes)
    items = [
        Item("bullet", d, b, where=f"{which} bullets[{n}]")
        for n, (d, b) in enumerate(zip(data["bullets"], answer.bullets, strict=True))
    ]
    items += [
        Item("event", d, e, where=f"{which} events[{n}]")
        for n, (d, e) in enumerate(zip(data["events"], answer.events, strict=True))
    ]
    return items


def repair_message(failing: list[Item], kept_bullets: int, article: str) -> str:
    """The feedback asking for the failing items alone: what the checker found on each, then the units they cite.

    The failing bullet's own words are not shown again (a small model copies them back unchanged); its findings
    name the claim at fault, and the units' text is what to write from."""
    units = split_units(article)
    lines = [REPAIR_FEEDBACK, "Not supported:" if failing else f"Only {kept_bullets} bullet(s) stand."]
    cited: dict[int, None] = {}
    for item in failing:
        cite = [n for n in getattr(item.origin, "cite", None) or [] if 1 <= n <= len(units)]
        cited.update(dict.fromkeys(cite))
        if item.kind == "bullet":
            head = f"- a bullet citing {cite}"
        else:
            place = (item.data.get("location") or {}).get("name", "")
            head = f"- the event {item.data.get('sub_event_type')} at «{place}» citing {cite}"
        lines.append(f"{head}: {'; '.join(item.reasons())}")
    if cited:
        lines.append(
            "Write them again from their units, saying only what a unit says (its numbers, names), or leave them out:"
        )
        lines.extend(f"[{n}] {units[n - 1].text}" for n in cited)
    need = MIN_BULLETS - kept_bullets
    if need > 0:
        lines.append(f"Write at least {need} bullet{'s' if need > 1 else ''}, each citing the unit it comes from.")
    lines.append('Answer with JSON: {"bullets": [...], "events": [...]}, holding only the parts written again.')
    return "\n".join(lines)


Translate = Callable[[list[str]], list[dict[str, Any]]]
"""Renders the request that translates Arabic bullets (their texts, in order) into English: the prompt's own."""

TranslateOne = Callable[[BulletSource, bool], list[dict[str, Any]]]
"""Renders the request that translates one Arabic bullet (``prompts.BulletSource``), or (True) tries it a second
time: the prompt's own (prompt v5)."""


class Conversation:
    """The state of one pointer conversation: what is kept so far, what the model wrote, what re-asks are left."""

    def __init__(self, ask: Asker, settings: ProviderSettings, context: dict[str, Any], repoint: bool = False) -> None:
        self.ask, self.settings, self.context, self.repoint = ask, settings, context, repoint
        self.article: str = context["article"]
        self.kept: list[Item] = []
        self.written: list[Item] = []  # every item the model wrote, in order: what is not kept is listed as dropped
        self.notes: list[str] = []
        self.reasks_left = settings.max_reasks
        self.last_error: Exception = NoAnswer("no answer")
        self.last_answer: str | None = None
        self.answers = 0

    @property
    def checking(self) -> bool:
        return self.context.get("faithfulness") == "error"

    async def answer(
        self,
        conversation: list[dict[str, Any]],
        asking: type[BaseModel],
        language: str,
        to_items: Callable[[BaseModel, str], list[Item]],
        repair: bool = True,
        model: str | None = None,
    ) -> list[Item]:
        """Ask ``model`` (default: the settings' model) until an answer parses (a malformed one is re-asked whole),
        judge its parts with what is kept, and repair the failing ones while re-asks are left (when ``repair``).
        Returns the first parsed answer's items ([] when none parsed)."""
        first: list[Item] | None = None
        context = {**self.context, "language": language}
        while True:
            choice = await self._ask(conversation, asking, model)
            try:
                answer = check_answer(self.settings, choice, asking, context)
                self.answers += 1
                new = to_items(answer, f"answer {self.answers}")
            except (ValidationError, NoAnswer) as exc:
                self.last_error = exc
                if self.reasks_left == 0:
                    return first or []
                self.reasks_left -= 1
                log.debug("answer failed validation; re-asking: %s", exc)
                conversation.extend(reask_messages(self.settings.mode, choice.message, exc))
                continue
            if not self.checking:
                return new
            bullets, events = assemble(self.kept + new, self.article, language)
            if self.repoint and (moved := self.repointed(new, language)) is not new:
                new = moved
                bullets, events = assemble(self.kept + new, self.article, language)
            first = new if first is None else first
            self.written += new
            self.kept = bullets + events
            failing = [i for i in new if not _within(i, self.kept) and i.reasons()]
            # A repair round is paid for only while fewer than 3 bullets stand; failing events ride along then,
            # and are dropped otherwise (a round for events alone doubled an answer's tokens and seldom fixed them).
            if len(bullets) >= MIN_BULLETS or not repair or self.reasks_left == 0:
                return first
            self.reasks_left -= 1
            log.debug("%d part(s) unsupported; asking for them again", len(failing))
            feedback = repair_message(failing, len(bullets), self.article)
            conversation.extend(reask_messages(self.settings.mode, choice.message, ValueError(feedback), feedback))
            asking = repair_model(asking, "ar" if language == "ar" else "en")
            to_items = self.pointer_items

    async def _ask(self, conversation: list[dict[str, Any]], asking: type[BaseModel], model: str | None = None) -> Any:
        """One request (to ``model``, default the settings' model); its answer's text is kept (``last_answer``)
        for the failure a user may get."""
        choice = await self.ask(conversation, asking, model)
        with contextlib.suppress(Exception):
            self.last_answer = answer_text(self.settings.mode, choice.message)
        return choice

    def repointed(self, new: list[Item], language: str) -> list[Item]:
        """``new`` with each failing or mis-cited Arabic bullet replaced by the same bullet cited to the units that
        hold its words, when the claim checker supports it there (``summarizer.repoint``); ``new`` itself when
        none moved."""
        moved, units = list(new), split_units(self.article)
        for n, item in enumerate(new):
            if item.kind != "bullet" or item.origin is None:
                continue
            cited = list(getattr(item.origin, "cite", None) or [])
            text = str(item.data.get("text", ""))
            if item.supported and not miscited(text, cited, self.article):
                continue
            for numbers in candidates(text, cited, self.article):
                origin = item.origin.model_copy(update={"cite": numbers})
                data = {**item.data, "evidence": [unit_evidence(units[n - 1]) for n in numbers]}
                candidate = Item("bullet", data, origin, where=item.where)
                triage([candidate], self.article, language)
                if candidate.supported:
                    moved[n] = candidate
                    self.notes.append(
                        f"{item.where}: cited {cited}, re-pointed to {numbers}, the units holding its words"
                    )
                    break
        return new if all(a is b for a, b in zip(moved, new, strict=True)) else moved

    def pointer_items(self, answer: BaseModel, which: str) -> list[Item]:
        assert isinstance(answer, PointerDigest | PointerRepair)
        return items_of(answer, self.article, self.notes, which)

    def translated_items(self, sources: list[Item]) -> Callable[[BaseModel, str], list[Item]]:
        """Turns a translation answer into English bullets, each with the evidence of the Arabic bullet it
        translates (a translation past the last source is ignored; a missing one is the source dropped)."""

        def convert(answer: BaseModel, which: str) -> list[Item]:
            assert isinstance(answer, Translation)
            return [
                Item(
                    "bullet",
                    {"text": t.text, "evidence": src.data["evidence"]},
                    src.origin,
                    where=f"{which} bullets[{n}]",
                )
                for n, (t, src) in enumerate(zip(answer.bullets, sources, strict=False))
            ]

        return convert

    async def translated(self, sources: list[Item], translate_one: TranslateOne) -> list[Item]:
        """English bullets for the Arabic ``sources``, one request each (prompt v5, ``summarizer.translation``): the
        bullet made whole from its cited units, with its names' English. Judged together with the events kept;
        while fewer than 3 stand (and re-asks are allowed at all), each failing one is tried once more (v5 asks then
        for its cited units, the evidence itself: on the tune cases that made more digests valid than translating
        the bullet again, docs/history/prompts.md "Prompt v5"). Returns the first translations (kept or not)."""
        units = split_units(self.article)
        sources_of: list[tuple[Item, BulletSource]] = []
        for src in sources:
            cited = [units[n - 1].text for n in getattr(src.origin, "cite", None) or [] if 1 <= n <= len(units)]
            text = western_digits(translation.made_whole(str(src.data.get("text", "")), cited))
            digits = [western_digits(u) for u in cited]
            source = BulletSource(text, translation.names_and_terms(text), digits, translation.numbers(text))
            sources_of.append((src, source))
        english: list[Item | None] = []
        for n, (src, source) in enumerate(sources_of):
            english.append(await self._translate_one(src, translate_one(source, False), f"translation {n + 1}"))
        first = [e for e in english if e is not None]
        standing = self._judge_english(first)
        if standing >= MIN_BULLETS or self.settings.max_reasks == 0:
            return first
        for n, ((src, source), item) in enumerate(zip(sources_of, english, strict=True)):
            if item is None or _within(item, self.kept):
                continue
            again = await self._translate_one(src, translate_one(source, True), f"translation {n + 1} again")
            if again is not None:
                self._judge_english([again])
        return first

    async def _translate_one(self, src: Item, request: list[dict[str, Any]], which: str) -> Item | None:
        """One translation request: the English bullet with the Arabic bullet's evidence, or None when the answer
        does not parse (the bullet is then lost; a malformed translation is not re-asked)."""
        choice = await self._ask(request, TranslatedBullet, self.settings.translation_model)
        try:
            answer = check_answer(self.settings, choice, TranslatedBullet, {**self.context, "language": "en"})
        except (ValidationError, NoAnswer, ModelOutputInvalid) as exc:
            self.last_error = exc
            self.notes.append(f"{which}: no English bullet ({str(exc).splitlines()[0][:120]})")
            return None
        self.answers += 1
        return Item("bullet", {"text": answer.text, "evidence": src.data["evidence"]}, src.origin, where=which)

    def _judge_english(self, new: list[Item]) -> int:
        """Judge ``new`` English bullets with what is kept; returns how many bullets stand."""
        bullets, events = assemble(self.kept + new, self.article, "en")
        self.written += new
        self.kept = bullets + events
        for item in new:
            kept = "kept" if _within(item, self.kept) else f"dropped: {'; '.join(item.reasons()) or 'a repeat'}"
            log.debug("%s: %r %s", item.where, item.data.get("text"), kept)
        return len(bullets)

    def result(self, language: str, items: list[Item] | None = None) -> Result:
        """The digest of what is kept (a warned digest of ``items`` when claims are not checked as errors), or
        ModelOutputInvalid carrying the supported part for best-effort mode."""
        if not self.answers:
            failure = validation_failure(self.ask.attempts, self.last_error)
            failure.last_answer = self.last_answer
            raise failure
        if not self.checking:
            try:
                digest = _warned(items or [], self.article, language)
                return Result(digest, notes=self.notes, bullets_written=len(digest.bullets))
            except ValidationError as exc:
                failure = validation_failure(self.ask.attempts, exc)
                failure.last_answer = self.last_answer
                raise failure from None
        bullets, events = assemble(self.kept, self.article, language)
        gone = [describe(i) for i in self.written if not _within(i, bullets + events)]
        mine = [i for i in self.written if i.kind == "bullet" and _in_language(i, language)]
        rejected = [str(i.data.get("text", "")) for i in mine if not _within(i, bullets)]
        if len(bullets) >= MIN_BULLETS:
            digest = build(bullets, events, self.article, language, Digest)
            return Result(digest, gone, self.notes, len(mine), rejected)
        keep = f"; best-effort mode (--best-effort) keeps the {len(bullets)} supported bullet(s)" if bullets else ""
        failure = ModelOutputInvalid(
            f"the model's answer kept {len(bullets)} supported bullet(s), {MIN_BULLETS} needed, after "
            f"{self.ask.attempts} request(s){keep}; dropped: {clipped('; '.join(gone))}"
        )
        failure.last_answer = self.last_answer
        kept = build(bullets, events, self.article, language, PartialDigest) if bullets or events else None
        failure.partial = Result(kept, gone, self.notes, len(mine), rejected)
        raise failure


def clipped(text: str, limit: int = 600) -> str:
    """``text`` cut at ``limit`` characters, on a word boundary and marked, so a message never ends mid-word."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


async def converse(
    ask: Asker,
    settings: ProviderSettings,
    messages: list[dict[str, Any]],
    response_model: type[PointerDigest],
    context: dict[str, Any],
    translate: Translate | None = None,
    repoint: bool = False,
    translate_one: TranslateOne | None = None,
) -> Result:
    """One pointer conversation (see the module's docstring); raises ModelOutputInvalid when no valid digest.

    With ``translate`` (English by translation: ``messages`` and ``response_model`` are then the Arabic ones), the
    Arabic answer is judged and repaired as an Arabic one (the model repairs best in Arabic), then its supported
    bullets are translated into English in one more request, each English bullet keeping its Arabic bullet's
    cited units as evidence; the events are the Arabic answer's. Re-asks still left repair the English bullets
    that fail. With ``translate_one`` instead (prompt v5), each Arabic bullet is translated alone
    (``Conversation.translated``)."""
    talk = Conversation(ask, settings, context, repoint)
    language = context["language"]
    if translate is None and translate_one is None:
        first = await talk.answer(list(messages), response_model, language, talk.pointer_items)
        return talk.result(language, first)
    arabic = await talk.answer(list(messages), response_model, "ar", talk.pointer_items)
    sources = [i for i in (talk.kept if talk.checking else arabic) if i.kind == "bullet"]
    events = [i for i in (talk.kept if talk.checking else arabic) if i.kind == "event"]
    talk.kept = events  # the English digest keeps the events; its bullets are the translations that stand
    talk.written = [i for i in talk.written if not _within(i, sources)]  # an Arabic bullet that failed is listed
    english: list[Item] = []
    if sources and translate_one is not None:
        english = await talk.translated(sources, translate_one)
    elif sources and translate is not None:
        request = translate([str(i.data.get("text", "")) for i in sources])
        english = await talk.answer(
            request, Translation, "en", talk.translated_items(sources), model=settings.translation_model
        )
    return talk.result("en", english + events)


def _in_language(item: Item, language: str) -> bool:
    """Was this bullet written in the summary's language (not an Arabic bullet on the way to English)?"""
    return mostly_arabic(str(item.data.get("text", ""))) == (language == "ar")


def _within(item: Item, items: list[Item]) -> bool:
    return any(item is other for other in items)


def _warned(items: list[Item], article: str, language: str) -> Digest:
    """faithfulness="warn": the whole answer as one digest, its findings attached, nothing dropped."""
    data = {
        "bullets": [i.data for i in items if i.kind == "bullet"],
        "events": [i.data for i in items if i.kind == "event"],
    }
    return validate(Digest, data, article, language, "warn")


async def pointer_call(
    client: Any,
    settings: ProviderSettings,
    messages: list[dict[str, Any]],
    response_model: type[PointerDigest],
    context: dict[str, Any],
    translate: Translate | None = None,
    repoint: bool = False,
    translate_one: TranslateOne | None = None,
) -> tuple[Result, CallOutcome]:
    """A pointer conversation under the call's transient retries and time budget (``client.run_call``)."""
    asker = Asker(client, settings, context)

    async def one_try() -> Result:
        return await converse(asker, settings, messages, response_model, context, translate, repoint, translate_one)

    return await run_call(settings, asker, one_try)


class TooFewSupported(NoAnswer):
    """A pointer answer judged once (a batch result): fewer than 3 supported bullets. Re-asked whole."""


def judge(settings: ProviderSettings, choice: Any, response_model: type[BaseModel], context: dict[str, Any]) -> Digest:
    """One answer judged without a repair round (the batch import's results): a pointer answer keeps its supported
    parts and is valid with 3 supported bullets; any other answer is ``client.check_answer``'s."""
    answer = check_answer(settings, choice, response_model, context)
    if isinstance(answer, Digest):
        return answer
    assert isinstance(answer, PointerDigest | PointerRepair)
    article, language = context["article"], context["language"]
    notes: list[str] = []
    items = items_of(answer, article, notes, "answer")
    if context.get("faithfulness") != "error":
        return _warned(items, article, language)
    bullets, events = assemble(items, article, language)
    if len(bullets) < MIN_BULLETS:
        gone = [describe(i) for i in items if not any(i is k for k in bullets + events)]
        raise TooFewSupported(f"{len(bullets)} supported bullet(s), {MIN_BULLETS} needed: {clipped('; '.join(gone))}")
    return build(bullets, events, article, language, Digest)
