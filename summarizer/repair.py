"""The pointer conversation: one answer, then re-asks for the failing bullets and events alone.

Why: re-asking for a whole answer because one bullet is unsupported pays for the whole answer again and lets
the model break what was right. Here each bullet and event is judged on its own (``summarizer.triage``): the
supported ones are kept; the failing ones are sent back with their findings and the units they cite, and the
model answers with those alone (``pointer.PointerRepair``), until ``max_reasks`` is spent. What still fails
is dropped. A digest with at least 3 supported bullets and no unsupported claim is valid (so failing bullets
are asked for again only while fewer than 3 stand; a failing event always is); with fewer, the call fails
(``ModelOutputInvalid``) carrying the supported part for best-effort mode (``partial``).

An answer that is not even a well-formed pointer answer (bad JSON, a unit number the article does not have
when the grammar could not forbid it) is re-asked whole with the error, as the other schemas are.

With ``faithfulness="warn"`` nothing is dropped or repaired: the answer's claims are checked and reported on
the digest (``findings``, ``supported``), as with any other prompt.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

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
from summarizer.pointer import REPAIR, PointerDigest, PointerRepair, digest_data
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from summarizer.triage import Item, PartialDigest, assemble, build, describe
from summarizer.units import split_units

log = logging.getLogger(__name__)

MIN_BULLETS = 3


@dataclass
class Result:
    """What the conversation produced: the digest, what was dropped on the way (and why), and notes."""

    digest: Digest
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def items_of(answer: PointerDigest | PointerRepair, article: str, notes: list[str], which: str) -> list[Item]:
    """Each bullet and event of a pointer answer as a Digest item to judge (``which`` answer, for the record)."""
    data, converted_notes = digest_data(answer, article)
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


def _cited(item: Item, article: str) -> list[str]:
    units = split_units(article)
    cites = getattr(item.origin, "cite", None) or []
    return [f"  [{n}] {units[n - 1].text}" for n in cites if 1 <= n <= len(units)]


def repair_message(failing: list[Item], kept_bullets: int, article: str) -> str:
    """The feedback asking for the failing items alone: each with its findings and the units it cites."""
    lines = [
        REPAIR_FEEDBACK,
        "Write only these again, each saying only what its units say (cite the unit that says it), or leave it out:",
    ]
    for item in failing:
        cite = getattr(item.origin, "cite", [])
        if item.kind == "bullet":
            head = f"- bullet {json.dumps(item.data.get('text', ''), ensure_ascii=False)} cites {cite}"
        else:
            place = (item.data.get("location") or {}).get("name", "")
            head = f"- event {item.data.get('sub_event_type')} at {place} cites {cite}"
        lines.append(f"{head}: {'; '.join(item.reasons())}")
        lines.extend(_cited(item, article))
    need = MIN_BULLETS - kept_bullets
    if need > 0:
        lines.append(f"Write at least {need} bullet{'s' if need > 1 else ''}.")
    lines.append('Answer with JSON: {"bullets": [...], "events": [...]}, holding only the parts written again.')
    return "\n".join(lines)


async def converse(
    ask: Asker,
    settings: ProviderSettings,
    messages: list[dict[str, Any]],
    response_model: type[PointerDigest],
    context: dict[str, Any],
) -> Result:
    """One pointer conversation (see the module's docstring); raises ModelOutputInvalid when no valid digest."""
    article, language = context["article"], context["language"]
    repair_model: type[PointerRepair] = REPAIR["ar" if language == "ar" else "en"]
    conversation: list[dict[str, Any]] = list(messages)
    asking: type[BaseModel] = response_model
    kept: list[Item] = []
    written: list[Item] = []  # every item the model wrote, in order: what is not kept is listed as dropped
    notes: list[str] = []
    last: Exception = NoAnswer("no answer")
    last_answer: str | None = None
    answered = False
    tries = settings.max_reasks + 1
    for attempt in range(tries):
        choice = await ask(conversation, asking)
        with contextlib.suppress(Exception):
            last_answer = answer_text(settings.mode, choice.message)
        try:
            answer = check_answer(settings, choice, asking, context)
            assert isinstance(answer, PointerDigest | PointerRepair)
            new = items_of(answer, article, notes, f"answer {attempt + 1}")
            if context.get("faithfulness") != "error":
                return Result(_warned(new, article, language), notes=notes)
        except (ValidationError, NoAnswer) as exc:
            last = exc
            log.debug("answer failed validation; re-asking: %s", exc)
            conversation.extend(reask_messages(settings.mode, choice.message, exc))
            continue
        answered = True
        written += new
        bullets, events = assemble(kept + new, article, language)
        kept = bullets + events
        failing = [i for i in new if not _within(i, kept) and i.reasons()]
        if len(bullets) >= MIN_BULLETS:  # valid already: a repair round is paid only for failing events
            failing = [i for i in failing if i.kind == "event"]
        if not failing or attempt == tries - 1:
            break
        log.debug("%d part(s) unsupported; asking for them again", len(failing))
        feedback = repair_message(failing, len(bullets), article)
        conversation.extend(reask_messages(settings.mode, choice.message, ValueError(feedback), feedback=feedback))
        asking = repair_model
    if not answered:
        failure = validation_failure(tries, last)
        failure.last_answer = last_answer
        raise failure
    bullets, events = assemble(kept, article, language)
    gone = [describe(i) for i in written if not _within(i, bullets + events)]
    if len(bullets) >= MIN_BULLETS:
        return Result(build(bullets, events, article, language, Digest), gone, notes)
    failure = ModelOutputInvalid(
        f"the model's answer kept {len(bullets)} supported bullet(s), {MIN_BULLETS} needed, after "
        f"{ask.attempts} request(s); dropped: {'; '.join(gone)[:600]}"
    )
    failure.last_answer = last_answer
    if bullets or events:
        failure.partial = Result(build(bullets, events, article, language, PartialDigest), gone, notes)
    raise failure


def _within(item: Item, items: list[Item]) -> bool:
    return any(item is other for other in items)


def _warned(items: list[Item], article: str, language: str) -> Digest:
    """faithfulness="warn": the whole answer as one digest, its findings attached, nothing dropped."""
    data = {
        "bullets": [i.data for i in items if i.kind == "bullet"],
        "events": [i.data for i in items if i.kind == "event"],
    }
    return Digest.model_validate(data, context={"article": article, "language": language, "faithfulness": "warn"})


async def pointer_call(
    client: Any,
    settings: ProviderSettings,
    messages: list[dict[str, Any]],
    response_model: type[PointerDigest],
    context: dict[str, Any],
) -> tuple[Result, CallOutcome]:
    """A pointer conversation under the call's transient retries and time budget (``client.run_call``)."""
    asker = Asker(client, settings, context)

    async def one_try() -> Result:
        return await converse(asker, settings, messages, response_model, context)

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
        raise TooFewSupported(f"{len(bullets)} supported bullet(s), {MIN_BULLETS} needed: {'; '.join(gone)[:600]}")
    return build(bullets, events, article, language, Digest)
