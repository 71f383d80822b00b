"""Key-fact matching looks for an alias only where its first word can match (speed only, issue 23): it finds what
asking at every word finds, on every case's texts and aliases."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarizer.evals import matching
from summarizer.evals.cases import load_cases
from summarizer.evals.reference import reference_digest

ROOT = Path(__file__).resolve().parent.parent


def _at_every_word(text: str, aliases: Sequence[str], negation_aware: bool) -> tuple[str, str] | None:
    """``find_alias`` as it was: every window of every sentence asked (the reference)."""
    for sentence in matching._SENTENCE.split(text):
        words = matching.words_of(sentence)
        for alias in aliases:
            wanted = matching.words_of(alias)
            if not wanted:
                continue
            for start in range(len(words) - len(wanted) + 1):
                window = words[start : start + len(wanted)]
                if all(matching._same(a, b) for a, b in zip(wanted, window, strict=True)):
                    if negation_aware and matching._is_negated(words, start, start + len(wanted), wanted):
                        continue
                    return alias, sentence.strip()
    return None


def _texts_and_aliases() -> list[tuple[str, list[list[str]]]]:
    """Every case's article, human bullets and gold digest in each language, with every key fact's and trap's
    aliases of that language."""
    pairs = []
    for case in load_cases(ROOT / "evals" / "cases"):
        for language in ("en", "ar"):
            facts = [f.en if language == "en" else f.ar for f in case.key_facts]
            traps = [t.en if language == "en" else t.ar for t in case.traps]
            human = case.human_bullets_en if language == "en" else case.human_bullets_ar
            gold = [b.text for b in reference_digest(case, language).bullets]
            for text in (case.article, "\n".join(human), "\n".join(gold)):
                pairs.append((text, [*facts, *traps]))
    return pairs


def test_find_alias_finds_what_asking_at_every_word_finds() -> None:
    found = 0
    for text, alias_lists in _texts_and_aliases():
        for aliases in alias_lists:
            for negation_aware in (True, False):
                expected = _at_every_word(text, aliases, negation_aware)
                assert matching.find_alias(text, aliases, negation_aware=negation_aware) == expected
                found += expected is not None
    assert found > 500  # the comparison covers matches, not only misses


def test_words_that_match_end_alike() -> None:
    """What the look-up by last character relies on, over every pair of words of the cases' aliases and texts that
    share a stem-like ending or not."""
    words = sorted({w for text, _ in _texts_and_aliases()[:40] for w in matching.words_of(text)})
    matched = 0
    for a in words:
        for b in words:
            if matching._same(a, b):
                assert a[-1] == b[-1], (a, b)
                matched += a != b
    assert matched > 50
