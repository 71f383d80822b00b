"""Render a Digest as Markdown for people (JSON is the model dump)."""

from __future__ import annotations

from summarizer.schema import Count, CountQualifier, Digest

_QUALIFIER_WORDS = {
    CountQualifier.APPROXIMATE: "about {low}",
    CountQualifier.AT_LEAST: "at least {low}",
    CountQualifier.MORE_THAN: "more than {low}",
    CountQualifier.AT_MOST: "at most {high}",
    CountQualifier.RANGE: "{low}-{high}",
    CountQualifier.EXACT: "{low}",
    CountQualifier.NONE_REPORTED: "none reported",
    CountQualifier.NOT_MENTIONED: "not mentioned",
}


def _mark(supported: bool | None, status: str | None = None) -> str:
    """Claim-checker status after a bullet: nothing when unchecked; "unverified" when only warnings were found."""
    if status == "unverified":
        return " ? unverified"
    return "" if supported is None else (" ✓" if supported else " ⚠ unsupported")


def describe_count(count: Count) -> str:
    return _QUALIFIER_WORDS[count.qualifier].format(low=count.low, high=count.high)


def to_markdown(digest: Digest) -> str:
    lines = ["## Summary", ""]
    for bullet in digest.bullets:
        quotes = " ".join(f"«{e.quote}» [{e.start}:{e.end}]" for e in bullet.evidence)
        lines.append(f"- {bullet.text}{_mark(bullet.supported, bullet.status)}")
        lines.append(f"  - evidence: {quotes}")
    lines += ["", "## Events", ""]
    if not digest.events:
        lines.append("No event reported.")
    for event in digest.events:
        place = event.location
        lines.append(f"### {event.event_id}: {event.event_type.value} / {event.sub_event_type.value}")
        lines.append(f"- {event.description_en}")
        lines.append(f"- where: {place.name_en} («{place.name}»), {place.country} (precision {place.geo_precision})")
        lines.append(f"- when: «{event.date.as_written}» {event.date.iso or ''}".rstrip())
        for actor in event.actors:
            lines.append(f"- {actor.side.value}: {actor.name_en} («{actor.name}», {actor.actor_type.value})")
        lines.append(f"- fatalities: {describe_count(event.fatalities)}; injuries: {describe_count(event.injuries)}")
        for source in event.attributions:
            lines.append(f"- {source.stance.value} by {source.source_en} ({source.source_type.value})")
        for relation in event.relations:
            lines.append(f"- {relation.relation.value} {relation.event_id}")
        lines.append(f"- evidence: {' '.join(f'«{e.quote}»' for e in event.evidence)}")
        if event.supported is not None:
            unsupported = [path for path, ok in event.supported.items() if not ok]
            lines.append(f"- unsupported: {', '.join(unsupported)}" if unsupported else "- supported: every field")
            unverified = [path for path, status in (event.status or {}).items() if status == "unverified"]
            if unverified:
                lines.append(f"- unverified: {', '.join(unverified)}")
        lines.append("")
    for title, status in (("Unsupported claims", "error"), ("Could not verify (warnings)", "unverified")):
        shown = [f for f in digest.findings or [] if f.status == status]
        if shown:
            lines += ["", f"## {title}", ""]
            lines += [f"- {f.location} ({f.check or f.kind}): {f.message}: «{f.claim[:120]}»" for f in shown]
    if digest.run:
        run = digest.run
        lines += [
            "",
            f"_{run.model} via {run.provider}, prompt {run.prompt_version} ({run.prompt_hash}), "
            f"{run.attempts} attempt(s), {run.usage.total_tokens} tokens, {run.latency_s:.1f}s_",
        ]
    return "\n".join(lines).rstrip() + "\n"
