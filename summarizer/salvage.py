"""Best-effort mode: keep the checked parts of an answer that failed validation, and say what was dropped.

Off by default (``ProviderSettings.best_effort``, ``--best-effort``). A small model's answer often fails
on one quote or one event while the rest is sound; rather than return nothing, we re-validate it piece
by piece with the same validators and context (``salvage``): evidence that does not ground is dropped,
a bullet or event that still fails (or loses all its evidence) is dropped. Then the claim checker runs on
what is left (``keep_supported``, what best-effort mode returns): a bullet or event with any unsupported
claim is dropped, repeated events are dropped, a relation to a dropped event is dropped. The result is a
``PartialDigest`` (it may hold fewer than 3 bullets) whose every claim is supported, marked
``run.best_effort`` / ``run.status = "partial"`` with every drop and its reason in ``run.dropped``; nothing
is ever invented or repaired here.

A pointer answer (prompt v3) is turned into Digest data first (``pointer.digest_data``); the pointer
conversation itself hands best-effort mode its supported part directly (``repair``).
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from summarizer.schema import Bullet, Digest, Event
from summarizer.triage import Item, PartialDigest, assemble, build, describe


def _field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The item class of a ``list[X]`` field (the variant's own class, e.g. CompactBullet)."""
    annotation = model.model_fields[name].annotation
    (item,) = getattr(annotation, "__args__", (annotation,))
    return cast(type[BaseModel], item)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc']) or 'value'}: {error['msg']}"


def _keep_grounded_evidence(
    item: dict[str, Any], evidence_model: type[BaseModel], context: dict[str, Any]
) -> list[str]:
    """Drop evidence quotes that do not ground (in place); return what was dropped."""
    dropped, kept = [], []
    for evidence in item.get("evidence") or []:
        try:
            evidence_model.model_validate(evidence, context=context)
            kept.append(evidence)
        except ValidationError as exc:
            dropped.append(f"evidence {str(evidence.get('quote', ''))[:60]!r} ({_first_error(exc)})")
    item["evidence"] = kept
    return dropped


def _as_digest_data(data: dict[str, Any], response_model: type[BaseModel], context: dict[str, Any]) -> dict[str, Any]:
    """A pointer answer's bullets and events as Digest data (each item converted alone: one bad item never
    loses the others); any other answer as it is."""
    from summarizer.event_fill import lean_event_data
    from summarizer.pointer import LeanEvent, PointerBullet, PointerEvent, any_event_data, bullet_data, is_pointer

    if not is_pointer(response_model) or "article" not in context:
        return data
    article: str = context["article"]
    notes: list[str] = []
    bullet_class = _field_model(response_model, "bullets")
    bullets, events = [], []
    for i, raw in enumerate(b for b in data.get("bullets") or [] if isinstance(b, dict)):
        try:
            item = bullet_class.model_validate(raw, context=context)
            assert isinstance(item, PointerBullet)
            bullets.append(bullet_data(item, article, notes, f"bullets[{i}]"))
        except ValidationError:
            bullets.append({"text": raw.get("text", ""), "evidence": []})  # judged (and dropped) as it stands
    for i, raw in enumerate(e for e in data.get("events") or [] if isinstance(e, dict)):
        try:
            event = _field_model(response_model, "events").model_validate(raw, context=context)
            assert isinstance(event, PointerEvent | LeanEvent)
            events.append(any_event_data(event, i + 1, article, lean_event_data))
        except ValidationError:
            events.append({"event_id": f"E{i + 1}"})
    return {"bullets": bullets, "events": events}


def salvage(raw: str, response_model: type[BaseModel], context: dict[str, Any]) -> tuple[Digest, list[str]] | None:
    """The parts of ``raw`` that validate one by one (quotes grounded), claims unchecked, and what was dropped;
    None if nothing survives. The claim audit lists these with their findings; best-effort mode keeps only the
    supported ones (``keep_supported``)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    data = _as_digest_data(data, response_model, context)
    digest_class = response_model if issubclass(response_model, Digest) else Digest
    bullet_model = _field_model(digest_class, "bullets")
    event_model = _field_model(digest_class, "events")
    evidence_model = _field_model(bullet_model, "evidence")
    dropped: list[str] = []
    bullets: list[Bullet] = []
    for i, bullet in enumerate(b for b in data.get("bullets") or [] if isinstance(b, dict)):
        notes = _keep_grounded_evidence(bullet, evidence_model, context)
        dropped += [f"bullets[{i}] {note}" for note in notes]
        try:
            bullets.append(cast(Bullet, bullet_model.model_validate(bullet, context=context)))
        except ValidationError as exc:
            dropped.append(f"bullets[{i}] {str(bullet.get('text', ''))[:60]!r} ({_first_error(exc)})")
    events: list[Event] = []
    for i, event in enumerate(e for e in data.get("events") or [] if isinstance(e, dict)):
        notes = _keep_grounded_evidence(event, evidence_model, context)
        dropped += [f"events[{i}] {note}" for note in notes]
        try:
            events.append(cast(Event, event_model.model_validate(event, context=context)))
        except ValidationError as exc:
            dropped.append(f"events[{i}] {event.get('event_id', '?')} ({_first_error(exc)})")
    kept_ids = {e.event_id for e in events}
    for kept_event in events:
        for relation in list(kept_event.relations):
            if relation.event_id not in kept_ids or relation.event_id == kept_event.event_id:
                kept_event.relations.remove(relation)
                dropped.append(f"{kept_event.event_id} relation to {relation.event_id} (no such event kept)")
    if not bullets and not events:
        return None
    return digest_class.model_construct(bullets=bullets, events=events, run=None), dropped


def keep_supported(
    raw: str, response_model: type[BaseModel], context: dict[str, Any]
) -> tuple[Digest, list[str]] | None:
    """Best-effort mode: the supported parts of ``raw`` as a PartialDigest, and what was dropped and why;
    None if nothing survives. Every claim kept is supported (the claim checker ran); repeated events are
    dropped."""
    parts = salvage(raw, response_model, context)
    if parts is None:
        return None
    digest, dropped = parts
    article, language = context["article"], str(context.get("language", "en"))
    items = [Item("bullet", b.model_dump(), where=f"bullets[{n}]") for n, b in enumerate(digest.bullets)]
    items += [Item("event", e.model_dump(), where=f"events[{n}]") for n, e in enumerate(digest.events)]
    bullets, events = assemble(items, article, language)
    kept = bullets + events
    dropped += [describe(i) for i in items if not any(i is k for k in kept)]
    if not kept:
        return None
    return build(bullets, events, article, language, PartialDigest), dropped
