"""Best-effort mode: keep the grounded parts of an answer that failed validation, and say what was dropped.

Off by default (``ProviderSettings.best_effort``, ``--best-effort``). A small model's answer often fails
on one quote or one event while the rest is sound; rather than return nothing, we re-validate it piece
by piece with the same validators and context: evidence that does not ground is dropped, a bullet or
event that still fails (or loses all its evidence) is dropped, a relation to a dropped event is dropped.
The result is a Digest built without the whole-digest rules (it may hold fewer than 3 bullets), marked
``run.best_effort`` with every drop listed in ``run.dropped``; nothing is ever invented or repaired here.
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from summarizer.schema import Bullet, Digest, Event


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


def salvage(raw: str, response_model: type[Digest], context: dict[str, Any]) -> tuple[Digest, list[str]] | None:
    """The valid parts of ``raw`` as a Digest and the list of what was dropped; None if nothing survives."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    bullet_model = _field_model(response_model, "bullets")
    event_model = _field_model(response_model, "events")
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
    return response_model.model_construct(bullets=bullets, events=events, run=None), dropped
