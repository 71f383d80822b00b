"""The claim checker on what a real model wrote: every recorded answer's grounded bullets, with findings.

Why: the perturbation suite measures the checker on edits of our own reference digests. Its false-alarm
rate on a real model's wording (paraphrase, partial translation, odd name spellings) is what a user meets.
``python -m summarizer.evals.audit MODEL PROMPT`` lists, for every answer recorded under
``cassettes/MODEL/PROMPT`` (every attempt, re-asks included), each bullet whose quotes all locate in the
article, the article text its evidence points at, and the checker's findings on it. A person labels each
bullet faithful or not (``tests/fixtures/claims_real_model.json``); ``tests/test_claims_real_model.py``
re-runs the checker on the labelled bullets and holds its false alarms to the issue's 2%.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from summarizer.evals.cases import Case, load_cases
from summarizer.evals.results import BulletMark
from summarizer.prompts import get_version
from summarizer.recording import answer_text, load_interactions
from summarizer.salvage import salvage
from summarizer.schema import Language
from summarizer.validation import check_digest
from summarizer.validation import context as validation_context


@dataclass
class AuditedBullet:
    """One grounded bullet of a recorded answer and what the checker says of it."""

    case: str
    language: str
    attempt: int
    index: int
    text: str
    evidence: list[str]  # the article's own text at each located quote
    findings: list[str]  # errors and unverified warnings
    key: str  # a hash of case, language, text and evidence: labels survive re-ordering, not re-wording
    errors: list[str] = field(default_factory=list)  # the findings that fail validation

    @staticmethod
    def key_of(case: str, language: str, text: str, evidence: list[str]) -> str:
        return hashlib.sha256(json.dumps([case, language, text, evidence], ensure_ascii=False).encode()).hexdigest()[
            :16
        ]


def audit_answer(raw: str, case: Case, language: Language, prompt_version: str, attempt: int) -> list[AuditedBullet]:
    """The grounded bullets of one raw answer, each with the findings the checker makes on it."""
    context = validation_context(case.article, language, "warn")
    salvaged = salvage(raw, get_version(prompt_version).response_model_for(language), context)
    if salvaged is None:
        return []
    digest, _ = salvaged
    findings = check_digest(digest, case.article)
    audited = []
    for index, bullet in enumerate(digest.bullets):
        spans = [case.article[e.start : e.end] for e in bullet.evidence if e.start is not None and e.end is not None]
        where = f"bullets[{index}]"
        mine = [f for f in findings if f.location == where or f.location.startswith(where + ".")]
        key = AuditedBullet.key_of(case.id, language, bullet.text, spans)
        errors = [str(f) for f in mine if f.is_error]
        audited.append(
            AuditedBullet(case.id, language, attempt, index, bullet.text, spans, [str(f) for f in mine], key, errors)
        )
    return audited


def bullet_marks(raw: str | None, case: Case, language: Language, prompt_version: str) -> list[BulletMark] | None:
    """Every bullet of the answer, marked supported or not; None when there is no answer with bullets."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    bullets = data.get("bullets") if isinstance(data, dict) else None
    if not isinstance(bullets, list) or not bullets:
        return None
    standing: dict[str, list[AuditedBullet]] = {}
    for audited in audit_answer(raw, case, language, prompt_version, 1):
        standing.setdefault(audited.text, []).append(audited)
    marks = []
    for bullet in bullets:
        text = str(bullet.get("text", "")) if isinstance(bullet, dict) else str(bullet)
        match = standing.get(text) or standing.get(text.strip())
        if match:
            found = match.pop(0)
            marks.append(BulletMark(text, not found.errors, "; ".join(found.findings)))
        else:
            marks.append(BulletMark(text, False, "dropped: its evidence does not locate in the article"))
    return marks


def supported_share(raw: str | None, case: Case, language: Language, prompt_version: str) -> float:
    """Share of the bullets in the model's answer whose quotes locate and whose claims the checker supports.

    The faithfulness figure of a run, valid or not: a valid digest (claims checked as errors) scores 1.0,
    a bullet with only unverified warnings counts as supported (validation would keep it),
    an invalid answer the share of its bullets that would stand, no answer or no JSON 0.0.
    """
    return share_of(bullet_marks(raw, case, language, prompt_version))


def share_of(marks: list[BulletMark] | None) -> float:
    return sum(m.supported for m in marks) / len(marks) if marks else 0.0


def audit_recordings(cassettes: Path, cases_dir: Path, prompt_version: str) -> Iterator[AuditedBullet]:
    """Every grounded bullet of every answer recorded in ``cassettes`` (one model's folder for one prompt)."""
    cases = {case.id: case for case in load_cases(cases_dir)}
    for cassette in sorted(cassettes.glob("*.yaml")):
        case_id, _, language = cassette.stem.rpartition(".")
        case = cases.get(case_id)
        if case is None or language not in ("en", "ar"):
            continue
        for attempt, interaction in enumerate(load_interactions(cassette), start=1):
            raw = answer_text(interaction.content)
            if raw:
                yield from audit_answer(raw, case, language, prompt_version, attempt)  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m summarizer.evals.audit MODEL PROMPT_VERSION  (JSON lines on stdout)", file=sys.stderr)
        return 2
    model, prompt_version = argv
    folder = Path("cassettes") / model / prompt_version
    if not folder.is_dir():
        print(f"error: no recordings at {folder}", file=sys.stderr)
        return 3
    for bullet in audit_recordings(folder, Path("evals/cases"), prompt_version):
        print(json.dumps(asdict(bullet), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
