"""Build summarizer/claims/data/lexicon.txt.gz, the claim checker's Arabic dictionary: words that are ordinary
Arabic words, never taken for names by ``name.unknown`` (``summarizer.claims.lexicon``).

Source (installed by the ``dev`` extra; the checker reads only the built file): Arramooz (``arramooz-pysqlite``,
GPL data of Taha Zerrouki's Arabic dictionary for morphological analysis):
- its nouns (~30,000: verbal nouns, participles, nisba adjectives, ...), with their feminine form where the
  dictionary marks the noun as taking one, and their broken plurals;
- its verbs (~14,000), as the past and as the stem of the imperfect («أعلن» and «علن» of «يعلن»; «قال» and «قول»);
- its word-frequency table (a news and web corpus, ~37,000 words tagged noun, adjective, verb, proper noun, ...),
  which tells which dictionary words are mostly names there: a word tagged proper noun at least as often as
  anything else («خالد», «محمد», «بيروت») is left out, so it can still be read as a name, and listed as a name
  (marked ``*``): a token whose stem is such a name is never read as an ordinary word by its other readings.
  «كريم» (an adjective more often than a name) stays in: the cue-based rules still read a word after a person's
  title as a name;
- its stop words (every written form with clitics: «لكنه», «وفيما»).

Each word carries its corpus frequency's tier (a broken plural or a verb's stem its entry's): ``+`` frequent, ``~``
rare. A rare dictionary word («بكارة», «صبيحة») may still be a name; a frequent one («الأساس», «عبور») is a word
before it is a village.

Every entry is written as ``summarizer.arabic.normalize_text`` writes it. Run: ``python scripts/build_lexicon.py``
(rewrites the file; ``tests/test_claims_round11.py`` checks the file's header and, where the package is installed,
that it is what this script builds).
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.arabic import normalize_text  # noqa: E402

OUT = ROOT / "summarizer" / "claims" / "data" / "lexicon.txt.gz"
PACKAGE = "arramooz-pysqlite"
_TASHKEEL = re.compile(r"[\u064B-\u0652\u0670\u0640]")
_WORD = re.compile(r"^[\u0621-\u064A]{2,}$")


def _plain(word: str) -> str:
    """A dictionary spelling without its vowel marks, as the checker's normalised text writes it."""
    word = normalize_text(_TASHKEEL.sub("", word.strip()))
    return word if _WORD.match(word) else ""


def _imperfect_stems(past: str, root: str) -> set[str]:
    """The imperfect's stem without its prefix (what ``يعلن`` leaves once «ي» is stripped): a derived form's past
    without its «ا» («أعلن» علن, «استقبل» ستقبل), a hollow verb's middle vowel from its root («قال» قول, «باع» بيع),
    a defective verb's last vowel («دعا» دعو)."""
    stems = {past}
    if past.startswith("ا") and len(past) >= 4:
        stems.add(past[1:])
    if len(past) == 3 and past[1] == "ا" and len(root) == 3:
        stems.add(past[0] + root[1] + past[2])
    if len(past) == 3 and past[2] in "اي" and len(root) == 3:
        stems.add(past[:2] + root[2])
    return stems


def _dictionary_path(name: str) -> Path:
    return Path(metadata.distribution(PACKAGE).locate_file(f"arramooz/data/{name}"))


def build() -> tuple[str, list[str]]:
    """(header, sorted entries)."""
    names: dict[str, int] = {}
    common: dict[str, int] = {}
    with sqlite3.connect(_dictionary_path("wordfreq.sqlite")) as db:
        for unvocalized, word_type, freq in db.execute("select unvocalized, word_type, freq from wordfreq"):
            word = _plain(unvocalized or "")
            if not word:
                continue
            table = names if word_type == "noun_prop" else common
            table[word] = table.get(word, 0) + int(freq or 0)
    frequency: dict[str, int] = {}  # a form's corpus frequency: its own, or its dictionary entry's

    def add(form: str, base: str) -> None:
        frequency[form] = max(frequency.get(form, 0), common.get(form, 0), common.get(base, 0))

    with sqlite3.connect(_dictionary_path("arabicdictionary.sqlite")) as db:
        for vocalized, unvocalized, feminable, broken in db.execute(
            "select vocalized, unvocalized, feminable, broken_plural from nouns"
        ):
            base = _plain(unvocalized or vocalized or "")
            if not base:
                continue
            add(base, base)
            if feminable and not base.endswith("ه"):
                add(base + "ه", base)
            for plural in re.split(r"[;,،\s]+", broken or ""):
                if form := _plain(plural.lstrip("+")):
                    add(form[2:] if form.startswith("ال") and len(form) > 4 else form, base)
        for unvocalized, root in db.execute("select unvocalized, root from verbs"):
            past = _plain(unvocalized or "")
            if past:
                for stem in _imperfect_stems(past, _plain(root or "") or ""):
                    add(stem, past)
    for word in common:
        add(word, word)
    with sqlite3.connect(_dictionary_path("stopwords.sqlite")) as db:
        for (unvocalized,) in db.execute("select unvocalized from STOPWORDS"):
            if word := _plain(unvocalized or ""):
                frequency[word] = max(frequency.get(word, 0), FREQUENT)  # a function word with its clitics
    words = set(frequency)
    mostly_names = {w for w, freq in names.items() if freq >= common.get(w, 0) and len(w) >= 3}
    entries = sorted(w for w in words - mostly_names if len(w) >= 3)
    header = (
        f"# {PACKAGE} {metadata.version(PACKAGE)}: {len(entries)} ordinary Arabic words (+ frequent, ~ rare in its"
        f" corpus), then {len(mostly_names)} names marked * (scripts/build_lexicon.py)"
    )
    return header, [_tiered(w, frequency.get(w, 0)) for w in entries] + sorted("*" + w for w in mostly_names)


FREQUENT, RARE = 10_000, 3_000  # corpus counts: a word this frequent is a word before a village's name; one this rare
# («بكارة», «صبيحة») may as well be a name


def _tiered(word: str, freq: int) -> str:
    """The entry with its tier: «+» at FREQUENT or more, «~» under RARE (but seen in the corpus), bare otherwise."""
    if freq >= FREQUENT:
        return "+" + word
    return "~" + word if 0 < freq < RARE else word


def write(path: Path = OUT) -> None:
    header, entries = build()
    data = (header + "\n" + "\n".join(entries) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(data)
    print(f"{path}: {header}", file=sys.stderr)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
