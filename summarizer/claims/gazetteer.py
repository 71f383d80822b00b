"""Known names: countries and territories (CLDR), cities and villages (GeoNames), demonyms and news agencies.

The checker uses these to know a name when it sees one, in English or Arabic, and to tell whether an
Arabic evidence span carries it (its Arabic name, or for a country its adjective «السوري», «عراقيين»).
The data are built by ``scripts/build_gazetteer.py`` into ``data/places.tsv.gz`` and ``data/agencies.json``;
they are read once, on first use (about 20,000 places), never at import.

``SOURCES`` names the parts in use (``countries``, ``demonyms``, ``cities``, ``agencies``), so each one's
contribution can be measured by leaving it out (``summarizer.evals.claims_ablation``).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.arabic import clitic_parses, normalize_text
from summarizer.claims import data_cache

DATA = Path(__file__).resolve().parent / "data"
ALL_SOURCES = frozenset({"countries", "demonyms", "cities", "agencies"})
SOURCES: frozenset[str] = ALL_SOURCES
MAX_WORDS = 5
_TOKEN = re.compile(r"\w+")
# The Arab world and its neighbours, where a village's Arabic name is worth knowing (as in the build script).
REGION = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SS",
        "SY",
        "TN",
        "AE",
        "YE",
        "EH",
        "IL",
        "TR",
        "IR",
        "ER",
        "TD",
        "ML",
        "NE",
        "AF",
        "CY",
    ]
)
# Generic Arabic place nouns that GeoNames also lists as some town's name («المدينة»: Medina, and "the city").
_GENERIC = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "مدينة جزيرة عاصمة ميناء مطار قرية سوق بلد مركز شرق غرب شمال جنوب وسط ساحل حدود نهر بحر جبل وادي عين حي "
        "منطقة محافظة ولاية دولة مخيم معسكر قلعة برج جسر باب سد بلدة أمن سلام نصر أمل وحدة ثورة"
    ).split()
}
# Arabic adjective endings of a nisba: «سوري», «السورية», «سوريين», «سوريون», «سوريان», «سوريتين».
_NISBA_ENDINGS = ("يتين", "يتان", "يين", "يون", "يان", "يه", "ي")


@dataclass(frozen=True)
class Entry:
    """One known name: a country, a city or an agency, with its English and Arabic forms (normalised)."""

    kind: str  # country, city, agency
    ident: str
    population: int
    english: tuple[str, ...]
    arabic: tuple[str, ...]  # names that identify it when written in Arabic text
    arabic_support: tuple[str, ...]  # forms that only support it (short forms that are also ordinary words)
    demonyms: tuple[str, ...]  # English adjectives of a country ("Syrian")
    nisba_stems: tuple[str, ...]  # Arabic adjective stems of a country («سور» for «السوري», «سورية»)


def _nisba_stem(name: str) -> str | None:
    """The stem of a country's Arabic adjective: «سوريا» -> «سور», «العراق» -> «عراق», «اليابان» -> «يابان»."""
    token = name[2:] if name.startswith("ال") else name
    if token.endswith("ي"):
        return None  # «مالي», «تشيلي»: the name already looks like an adjective («مالي» is also "financial")
    for ending in ("يا", "يه", "ا", "ه"):
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            token = token[: -len(ending)]
            break
    return token if len(token) >= 3 else None


def _country_stems(arabic: tuple[str, ...]) -> tuple[str, ...]:
    stems = set()
    for name in arabic:
        words = name.split()
        if len(words) == 1:
            stem = _nisba_stem(words[0])
        elif words[-1].endswith(("يه", "ي")) and words[0] in _STATE_WORDS:  # «الجمهورية العربية السورية»
            stem = _bare(words[-1])[: -2 if words[-1].endswith("يه") else -1]
            stem = stem if len(stem) >= 3 and stem not in _COMMON_STATE_ADJECTIVES else None
        else:
            stem = None
        if stem:
            stems.add(stem)
    return tuple(sorted(stems))


# Adjectives of official state names that are ordinary words: «الشرقية» (Uruguay's "Oriental Republic") is
# "eastern" far more often than it is Uruguay.
_COMMON_STATE_ADJECTIVES = {"عرب", "متحد", "اتحاد", "شرق", "غرب", "شمال", "جنوب", "وسط", "ديمقراط", "شعب", "اسلام"}
_STATE_WORDS = {normalize_text(w) for w in ("الجمهورية", "المملكة", "دولة", "الولايات", "سلطنة", "إمارة", "جمهورية")}


def _bare(token: str) -> str:
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


def _read_places() -> list[Entry]:
    entries = []
    with gzip.open(DATA / "places.tsv.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            kind, ident, population, english, arabic, demonyms = line.rstrip("\n").split("\t")
            names_ar = tuple(sorted({normalize_text(a) for a in arabic.split("|") if a}))
            entries.append(
                Entry(
                    kind,
                    ident,
                    int(population),
                    tuple(e for e in english.split("|") if e),
                    names_ar,
                    (),
                    tuple(d for d in demonyms.split("|") if d),
                    _country_stems(names_ar) if kind == "country" else (),
                )
            )
    return entries


def _read_agencies() -> list[Entry]:
    data = json.loads((DATA / "agencies.json").read_text(encoding="utf-8"))
    return [
        Entry(
            kind,
            item["id"],
            0,
            tuple(item["en"]),
            tuple(normalize_text(a) for a in item["ar"]),
            tuple(normalize_text(a) for a in item["ar_also"]),
            (),
            (),
        )
        for kind, items in (("agency", data["agencies"]), ("group", data["groups"]))
        for item in items
    ]


class Gazetteer:
    """Look-ups by English name (case-insensitive, or exact for acronyms) and by Arabic name (normalised)."""

    def __init__(self, entries: list[Entry], sources: frozenset[str]) -> None:
        self.english: dict[str, list[Entry]] = {}
        self.arabic: dict[str, list[Entry]] = {}
        self.nisba: dict[str, list[Entry]] = {}
        for entry in entries:
            names = list(entry.english) if entry.kind != "country" or "countries" in sources else []
            if entry.kind == "country" and "demonyms" in sources:
                names += entry.demonyms
                names += [d + "s" for d in entry.demonyms if d.endswith(("an", "i"))]  # "Iraqis", "Syrians"
            for name in names:
                key = name if name.isupper() else name.lower()
                self.english.setdefault(key, []).append(entry)
            if entry.kind == "city" and not (entry.ident[:2] in REGION or entry.population >= 100_000):
                continue  # a small town far away: its Arabic spelling is more likely an ordinary word here
            if entry.kind != "country" or "countries" in sources:
                for name in entry.arabic:
                    if len(name.replace(" ", "")) < 3 or (entry.kind == "city" and _bare(name) in _GENERIC):
                        continue
                    for key in {name, _bare(name)}:
                        self.arabic.setdefault(key, []).append(entry)
            if "demonyms" in sources:
                for stem in entry.nisba_stems:
                    self.nisba.setdefault(stem, []).append(entry)
        # The first word of every Arabic key: a token whose readings start none is no name's first word (speed only).
        self.first_words = frozenset(key.split(" ", 1)[0] for key in self.arabic)
        # The most words of a key starting with each first word: ``_arabic_hits`` tries no longer run (speed only).
        self.key_words: dict[str, int] = {}
        for key in self.arabic:
            first = key.split(" ", 1)[0]
            self.key_words[first] = max(self.key_words.get(first, 0), key.count(" ") + 1)

    def english_entries(self, name: str) -> list[Entry]:
        return self.english.get(name if name.isupper() else name.lower(), [])

    def arabic_hits(self, text: str) -> list[tuple[int, int, str, list[Entry]]]:
        """Known names written in Arabic ``text``: (first word, word after the last, matched form, entries),
        longest first and not overlapping; clitics allowed on the first word («وبدمشق», «السوري»). Remembered per
        text (speed only: a bullet's and its evidence's names are asked for by many checks); a new list each call."""
        return list(_arabic_hits(self, text))

    def _arabic_hits(self, text: str) -> list[tuple[int, int, str, list[Entry]]]:
        tokens = _TOKEN.findall(normalize_text(text))
        hits: list[tuple[int, int, str, list[Entry]]] = []
        words = self.key_words
        i = 0
        # Only a word some reading of which may start a name is looked at (most words: none), in one pass over the
        # words before the walk (speed only: the walk skipped each other word one by one; the same hits).
        for start in [k for k, token in enumerate(tokens) if _may_start(self, token)]:
            if start < i:
                continue  # inside the last hit
            i = start
            found = None
            for stem in _stems(tokens[i]):
                # (a key, or a key without «ال», can start only with the stem or the stem without «ال»: no longer
                # than the longest key starting so, none when there is none)
                longest = max(words.get(stem, 0), words.get(stem[2:], 0) if stem.startswith("ال") else 0)
                for n in range(min(MAX_WORDS, len(tokens) - i, longest), 0, -1):
                    key = " ".join([stem, *tokens[i + 1 : i + n]])
                    entries = self.arabic.get(key) or self.arabic.get(_bare(key))
                    if entries and (found is None or n > found[1] - found[0]):
                        found = (i, i + n, key, entries)
                        break
                nisba = _nisba_of(self, stem)
                if nisba and found is None:
                    found = (i, i + 1, stem, nisba)
            if found:
                hits.append(found)
                i = found[1]
        return hits

    def nisba_entries(self, token: str) -> list[Entry]:
        """The countries whose adjective ``token`` is («سوريين» -> Syria), article already stripped or not."""
        word = _bare(token)
        for ending in _NISBA_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                entries = self.nisba.get(word[: -len(ending)])
                if entries:
                    return entries
        return []


@lru_cache(maxsize=4096)
def _arabic_hits(table: Gazetteer, text: str) -> tuple[tuple[int, int, str, list[Entry]], ...]:
    """``table._arabic_hits(text)``, remembered (callers must not change the entry lists, as ``_nisba_of``'s)."""
    return tuple(table._arabic_hits(text))


@lru_cache(maxsize=65536)
def _may_start(table: Gazetteer, token: str) -> bool:
    """Can ``token`` start a hit of ``table.arabic_hits``: a reading that starts an Arabic key (or does without
    «ال»), or a demonym? Remembered per word (speed only: the answer is what the loop would find)."""
    return any(
        stem in table.first_words or (stem.startswith("ال") and stem[2:] in table.first_words) or _nisba_of(table, stem)
        for stem in _stems(token)
    )


@lru_cache(maxsize=65536)
def _nisba_of(table: Gazetteer, stem: str) -> list[Entry]:
    """``table.nisba_entries(stem)``, remembered: every word of every article asks it once per reading (speed only;
    callers must not change the list)."""
    return table.nisba_entries(stem)


@lru_cache(maxsize=8192)
def _stems(token: str) -> tuple[str, ...]:
    """The token and its readings without clitics, longest first («وبدمشق» -> «وبدمشق», «بدمشق», «دمشق»)."""
    return tuple(sorted({token, *(stem for _, stem in clitic_parses(token))}, key=len, reverse=True))


@lru_cache(maxsize=4)
def _load(sources: frozenset[str]) -> Gazetteer:
    """The gazetteer of ``sources``: built once per machine and inputs, then read from the data cache."""
    built_from = (
        DATA / "places.tsv.gz",
        DATA / "agencies.json",
        Path(__file__),
        Path(normalize_text.__code__.co_filename),
    )
    name = "gazetteer-" + ("+".join(sorted(sources)) or "none")  # one file per set of sources (the ablation's)
    return data_cache.cached(name, data_cache.input_key(built_from), lambda: _build(sources))


def _build(sources: frozenset[str]) -> Gazetteer:
    entries = [e for e in _read_places() if e.kind == "country" or "cities" in sources]
    if "agencies" in sources:
        entries += _read_agencies()
    return Gazetteer(entries, sources)


def gazetteer() -> Gazetteer:
    """The gazetteer for the sources in use (``SOURCES``), read on first use and kept."""
    return _load(SOURCES)


@lru_cache(maxsize=4096)
def carries(entry: Entry, arabic_text: str) -> bool:
    """Does the Arabic text write ``entry``: one of its Arabic names, a support form, or its adjective?"""
    from summarizer.grounding import find_phrase  # grounding imports nothing of ours; kept lazy like its index

    if any(find_phrase(name, arabic_text) for name in (*entry.arabic, *entry.arabic_support)):
        return True
    if entry.nisba_stems:
        table = gazetteer()
        return any(
            entry in table.nisba_entries(stem)
            for token in re.findall(r"\w+", normalize_text(arabic_text))
            for stem in _stems(token)
        )
    return False


@dataclass(frozen=True)
class KnownName:
    """A known name written in an Arabic text: where (offsets in the text as given), how, and its English."""

    start: int
    end: int
    arabic: str  # the text's own words at [start:end]
    english: str  # the gazetteer's English name (a country's name for its adjective: «عراقيين» -> Iraq)
    kind: str  # country, city, agency, group


def known_names(text: str) -> list[KnownName]:
    """Every country, demonym, city, news agency and group ``gazetteer`` knows in Arabic ``text``, in order.

    For people and prompts that want the English form of the article's names (a transliteration aid); cities
    are listed wherever they are written, not only after a place word as the checker requires."""
    from summarizer.grounding import find_phrase

    found: list[KnownName] = []
    table = gazetteer()
    for _start, _end, form, entries in table.arabic_hits(text):
        span = find_phrase(form, text)
        if span is None:
            continue
        entry = max(entries, key=lambda e: (e.kind != "city", e.population))
        if entry.kind == "country" and table.nisba_entries(form) and entry.demonyms:
            english = entry.demonyms[0]  # «عراقيين»: Iraqi
        elif entry.kind in ("agency", "group") and len(entry.english) > 1:
            english = entry.english[1]  # the name spelt out, not the acronym
        else:
            english = entry.english[0] if entry.english else entry.ident
        found.append(KnownName(span.start, span.end, text[span.start : span.end], english, entry.kind))
    return sorted(set(found), key=lambda n: (n.start, n.end))
