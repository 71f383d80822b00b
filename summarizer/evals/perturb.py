"""The perturbation suite: plant single unsupported claims in reference digests and count what the checker finds.

Base digests are the cases' reference digests (``reference.py``: gold labels rendered as a Digest, every
claim citing the case's labelled quote that states it) in English and Arabic, used as rendered.

Each edit changes one claim - a number, a person, an organisation, a place, a date or a polarity - in one
bullet or one event field, deterministically (seeded by case id). An edit is *detected* when the checker
reports a finding of the edit's kind at the edited bullet or field. ``python -m summarizer.evals.perturb``
prints the table the README quotes.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from summarizer.arabic import normalize_text
from summarizer.claims import Finding, verify
from summarizer.claims.names import english_matches_arabic
from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import is_negative, negation_cues
from summarizer.evals.cases import Case, load_cases
from summarizer.evals.reference import reference_digest
from summarizer.grounding import find_phrase
from summarizer.schema import Count, CountQualifier, Digest, Stance

KINDS = ("number", "person", "organisation", "place", "date", "negation")
FINDING_KIND = {
    "number": "number",
    "person": "name",
    "organisation": "name",
    "place": "name",
    "date": "date",
    "negation": "polarity",
}
# People named in no case's article (a fixture list: the cases name few people).
PEOPLE = [
    ("Khaled al-Masri", "خالد المصري"),
    ("Ahmed Darwish", "أحمد درويش"),
    ("Youssef Haddad", "يوسف حداد"),
    ("Samir Nasrallah", "سمير نصرالله"),
    ("Fatima Zahran", "فاطمة زهران"),
    ("Omar Barakat", "عمر بركات"),
    ("Hassan Qassem", "حسن قاسم"),
    ("Mahmoud Abbasi", "محمود عباسي"),
]
_WEEKDAYS = [
    ("Sunday", "الأحد"),
    ("Monday", "الاثنين"),
    ("Tuesday", "الثلاثاء"),
    ("Wednesday", "الأربعاء"),
    ("Thursday", "الخميس"),
    ("Friday", "الجمعة"),
    ("Saturday", "السبت"),
]
_EN_NEGATION = ["Officials denied that {x}", "It is not true that {x}", "There was no {x}"]
_AR_NEGATION = ["نفت المصادر أن {x}", "لا صحة لأن {x}", "لم يتأكد أن {x}"]


@dataclass(frozen=True)
class Edit:
    case: str
    language: str
    kind: str
    where: str  # "bullet" or "field"
    location: str
    description: str
    digest: Digest


@dataclass
class Pools:
    """Names from every case, to plant in the others."""

    places: list[tuple[str, str]]
    orgs: list[tuple[str, str]]
    dates: list[str]


def pools(cases: list[Case]) -> Pools:
    places, orgs, dates = [], [], []
    for case in cases:
        for event in case.events:
            places.append((event.location_en[0], event.location_ar[0]))
            orgs += [(a.en[0], a.ar[0]) for a in event.actors if a.ar and a.en[0][:1].isupper()]
            orgs += [(s.source_en[0], s.source_ar[0]) for s in event.attributions if s.source_en[0][:1].isupper()]
            if event.date_as_written:
                dates.append(event.date_as_written)
    return Pools(sorted(set(places)), sorted(set(orgs)), sorted(set(dates)))


def _replace_bullet(digest: Digest, index: int, text: str) -> Digest:
    edited = digest.model_copy(deep=True)
    edited.bullets[index].text = text
    return edited


def _absent_ar(name: str, article: str) -> bool:
    return find_phrase(name, article) is None


def _absent_en(name: str, article: str) -> bool:
    return not english_matches_arabic(name, article) and all(
        not english_matches_arabic(w, article) for w in name.split()
    )


def _number_edit(text: str, language: str, rng: random.Random) -> str:
    for q in quantities(text):
        if q.qualifier in ("vague",):
            continue
        new = q.high + rng.choice([3, 7, 11])
        for pattern in (rf"(?<!\d){q.low}(?!\d)",):
            if re.search(pattern, text):
                return re.sub(pattern, str(new), text, count=1)
        word = q.text.split()[0]
        found = re.search(rf"\b{re.escape(word)}\b", text, re.I) if language == "en" else None
        if found:
            return text[: found.start()] + str(new) + text[found.end() :]
    body = text.rstrip(".")
    n = rng.choice([14, 17, 23, 36])
    return f"{body}, killing {n} people." if language == "en" else f"{body}، ما أدى إلى مقتل {n} شخصا."


def bullet_edits(case: Case, digest: Digest, language: str, pool: Pools, rng: random.Random) -> Iterator[Edit]:
    article = case.article
    for index, bullet in enumerate(digest.bullets):
        text = bullet.text
        loc = f"bullets[{index}]"

        def edit(kind: str, new_text: str, description: str, *, _loc: str = loc, _i: int = index) -> Edit:
            return Edit(case.id, language, kind, "bullet", _loc, description, _replace_bullet(digest, _i, new_text))

        new = _number_edit(text, language, rng)
        yield edit("number", new, f"{text!r} -> {new!r}")
        person_en, person_ar = rng.choice([p for p in PEOPLE if _absent_ar(p[1], article)])
        if language == "en":
            new = f"{text.rstrip('.')}, according to {person_en}."
        else:
            new = f"{text.rstrip('.')}، بحسب {person_ar}."
        yield edit("person", new, f"+ {person_en}")
        for kind, candidates in (("organisation", pool.orgs), ("place", pool.places)):
            options = [c for c in candidates if _absent_ar(c[1], article) and _absent_en(c[0], article)]
            if not options:
                continue
            en, ar = rng.choice(options)
            own = [c for c in candidates if c not in options]
            replaced = None
            for own_en, own_ar in own:
                mine = own_en if language == "en" else own_ar
                if mine and mine in text:
                    replaced = text.replace(mine, en if language == "en" else ar, 1)
                    break
            if replaced is None:
                if language == "en":
                    replaced = f"{text.rstrip('.')} ({'by' if kind == 'organisation' else 'in'} {en})."
                else:
                    replaced = f"{text.rstrip('.')} ({'من جانب' if kind == 'organisation' else 'في'} {ar})."
            yield edit(kind, replaced, f"{text!r} -> {replaced!r}")
        stated = normalize_text(" ".join(e.quote for e in bullet.evidence))
        days = [d for d in _WEEKDAYS if normalize_text(d[1]) not in stated]
        day_en, day_ar = rng.choice(days)
        new = f"{text.rstrip('.')} on {day_en}." if language == "en" else f"{text.rstrip('.')} يوم {day_ar}."
        yield edit("date", new, f"+ {day_en}")
        if is_negative(text):
            cue = negation_cues(text)[0]
            new = re.sub(rf"\b{re.escape(cue)}\b ?" if language == "en" else re.escape(cue) + " ?", "", text, count=1)
            if new != text and not is_negative(new) and len(new.split()) >= 4:
                yield edit("negation", new, f"- {cue}")
                continue
        if not is_negative(text):
            frame = rng.choice(_EN_NEGATION if language == "en" else _AR_NEGATION)
            body = text.rstrip(".")
            body = body[:1].lower() + body[1:] if language == "en" else body
            yield edit("negation", frame.format(x=body) + ".", f"negated: {frame}")


def field_edits(case: Case, digest: Digest, language: str, pool: Pools, rng: random.Random) -> Iterator[Edit]:
    article = case.article

    def edit(kind: str, location: str, description: str, change: object) -> Edit:
        edited = digest.model_copy(deep=True)
        change(edited)  # type: ignore[operator]
        return Edit(case.id, language, kind, "field", location, description, edited)

    for i, event in enumerate(digest.events):
        where = f"events[{i}]"
        for name in ("fatalities", "injuries"):
            count: Count = getattr(event, name)
            if count.low is None or count.qualifier is CountQualifier.NONE_REPORTED:
                continue
            bump = rng.choice([3, 7, 11])

            def more(d: Digest, _n: str = name, _b: int = bump, _i: int = i) -> None:
                c = getattr(d.events[_i], _n)
                c.low = (c.low or 0) + _b
                c.high = None if c.high is None else c.high + _b
                if c.high is not None and c.high < c.low:
                    c.high = c.low

            yield edit("number", f"{where}.{name}", f"{name} +{bump}", more)

            def none(d: Digest, _n: str = name, _i: int = i) -> None:
                c = getattr(d.events[_i], _n)
                c.qualifier, c.low, c.high = CountQualifier.NONE_REPORTED, 0, 0

            yield edit("negation", f"{where}.{name}", f"{name} -> none_reported", none)
        places = [p for p in pool.places if _absent_ar(p[1], article)]
        en, ar = rng.choice(places)

        def place(d: Digest, _ar: str = ar, _en: str = en, _i: int = i) -> None:
            d.events[_i].location.name, d.events[_i].location.name_en = _ar, _en

        yield edit("place", f"{where}.location.name", f"location -> {ar}", place)
        orgs = [o for o in pool.orgs if _absent_ar(o[1], article)]
        named = [k for k, a in enumerate(event.actors) if normalize_text(a.name) != normalize_text(a.name_en)]
        for k in named[:1]:
            en, ar = rng.choice(orgs)

            def actor(d: Digest, _k: int = k, _ar: str = ar, _en: str = en, _i: int = i) -> None:
                d.events[_i].actors[_k].name, d.events[_i].actors[_k].name_en = _ar, _en

            yield edit("organisation", f"{where}.actors[{k}].name", f"actor -> {ar}", actor)
        for k, source in enumerate(event.attributions[:2]):
            en, ar = rng.choice(orgs)
            person_en, person_ar = rng.choice([p for p in PEOPLE if _absent_ar(p[1], article)])

            def org(d: Digest, _k: int = k, _ar: str = ar, _en: str = en, _i: int = i) -> None:
                d.events[_i].attributions[_k].source, d.events[_i].attributions[_k].source_en = _ar, _en

            def person(d: Digest, _k: int = k, _ar: str = person_ar, _en: str = person_en, _i: int = i) -> None:
                d.events[_i].attributions[_k].source, d.events[_i].attributions[_k].source_en = _ar, _en

            yield edit("organisation", f"{where}.attributions[{k}]", f"source -> {ar}", org)
            yield edit("person", f"{where}.attributions[{k}]", f"source -> {person_ar}", person)
            if source.stance is not Stance.DENIED and not any(is_negative(e.quote) for e in source.evidence):

                def deny(d: Digest, _k: int = k, _i: int = i) -> None:
                    d.events[_i].attributions[_k].stance = Stance.DENIED

                yield edit("negation", f"{where}.attributions[{k}]", f"{source.stance.value} -> denied", deny)
        dates = [w for w in pool.dates if _absent_ar(w, article)]
        written = rng.choice(dates)

        def as_written(d: Digest, _w: str = written, _i: int = i) -> None:
            d.events[_i].date.as_written = _w

        yield edit("date", f"{where}.date.as_written", f"as_written -> {written}", as_written)
        invented = date(rng.choice([2016, 2019, 2021]), rng.randint(1, 12), rng.randint(1, 28))

        def iso(d: Digest, _d: date = invented, _i: int = i) -> None:
            d.events[_i].date.iso = _d

        yield edit("date", f"{where}.date.iso", f"iso -> {invented}", iso)


def detected(edit: Edit, findings: list[Finding], *, errors_only: bool = False) -> bool:
    """A finding of the edit's kind at the edited bullet or field (with ``errors_only``, one that fails validation)."""
    wanted = FINDING_KIND[edit.kind]
    return any(
        f.kind == wanted and f.location.startswith(edit.location) and (f.is_error or not errors_only) for f in findings
    )


@dataclass
class SuiteResult:
    edits: Counter[tuple[str, str, str]]  # (kind, language, where) -> edits
    caught: Counter[tuple[str, str, str]]
    missed: list[tuple[Edit, list[Finding]]]
    items: int  # bullets and event fields checked on unedited digests
    false_alarms: int
    caught_as_error: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    error_alarms: int = 0  # unedited items with a finding that fails validation


def _items(digest: Digest) -> list[str]:
    paths = [f"bullets[{i}]" for i in range(len(digest.bullets))]
    for i, event in enumerate(digest.events):
        paths += [f"events[{i}].{p}" for p in (event.supported or {})]
    return paths


def _flagged_items(digest: Digest, article: str, *, errors_only: bool = False) -> int:
    findings = [f for f in verify(digest, article) if f.is_error or not errors_only]
    return sum(1 for p in _items(digest) if any(f.location.startswith(p) for f in findings))


def run_suite(cases_dir: Path = Path("evals/cases")) -> SuiteResult:
    cases = load_cases(cases_dir)
    pool = pools(cases)
    result = SuiteResult(Counter(), Counter(), [], 0, 0)
    for case in cases:
        for language in ("en", "ar"):
            base = reference_digest(case, language)
            result.items += len(_items(base))
            result.false_alarms += _flagged_items(base, case.article)
            result.error_alarms += _flagged_items(base, case.article, errors_only=True)
            clean = {f.location for f in verify(base, case.article)}
            rng = random.Random(f"{case.id}:{language}")
            for edit in [*bullet_edits(case, base, language, pool, rng), *field_edits(case, base, language, pool, rng)]:
                if any(loc.startswith(edit.location) for loc in clean):
                    continue  # an item already flagged unedited measures nothing
                key = (edit.kind, language, edit.where)
                result.edits[key] += 1
                findings = verify(edit.digest, case.article)
                if detected(edit, findings):
                    result.caught[key] += 1
                    result.caught_as_error[key] += detected(edit, findings, errors_only=True)
                else:
                    result.missed.append((edit, findings))
    return result


def table(result: SuiteResult) -> str:
    lines = [
        "| kind | edits | detected | rate | en bullets | ar bullets | fields | by an error |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def cell(kind: str, language: str | None, where: str | None) -> tuple[int, int]:
        keys = [k for k in result.edits if k[0] == kind and language in (None, k[1]) and where in (None, k[2])]
        return sum(result.edits[k] for k in keys), sum(result.caught[k] for k in keys)

    def fmt(pair: tuple[int, int]) -> str:
        n, c = pair
        return f"{c}/{n}" if n else "-"

    total_n = total_c = total_e = 0
    for kind in KINDS:
        n, c = cell(kind, None, None)
        e = sum(v for k, v in result.caught_as_error.items() if k[0] == kind)
        total_n, total_c, total_e = total_n + n, total_c + c, total_e + e
        lines.append(
            f"| {kind} | {n} | {c} | {c / n:.1%} | {fmt(cell(kind, 'en', 'bullet'))} | "
            f"{fmt(cell(kind, 'ar', 'bullet'))} | {fmt(cell(kind, None, 'field'))} | {e / n:.1%} |"
        )
    lines.append(f"| **all** | {total_n} | {total_c} | {total_c / total_n:.1%} | | | | {total_e / total_n:.1%} |")
    lines.append("")
    lines.append(
        f"False alarms on the unedited reference digests: {result.false_alarms} of {result.items} bullets and "
        f"event fields ({result.false_alarms / result.items:.1%}); {result.error_alarms} by an erroring check."
    )
    return "\n".join(lines)


def main() -> None:
    result = run_suite()
    print(table(result))
    for edit, findings in result.missed[:200]:
        print(f"missed {edit.case} {edit.language} {edit.kind} {edit.location}: {edit.description}")
        for finding in findings:
            print(f"    {finding}")


if __name__ == "__main__":
    main()
