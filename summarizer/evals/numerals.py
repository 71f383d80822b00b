"""Numbers as whole tokens, by value: two = 2 = ٢ = اثنين (and never "six" for "sixteen").

Scoring only needs word-level equality of numbers, so this reads one folded token (or a two-token
compound: "twenty five", «خمسة وعشرين», «ثلاثة عشر») into ``#<value>``; it does not read qualifiers,
ranges or duals. The claim checker's reader (``summarizer.claims.numbers``, issue 8) reads whole
phrases; once it is on main this module should delegate to it rather than grow.
"""

from __future__ import annotations

from summarizer.arabic import normalize_text

_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip
_AR = {
    "صفر": 0, "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8,
    "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "احد": 1, "احدى": 1, "اثنا": 2, "اثنتا": 2,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئه": 100, "مائه": 100, "مئتين": 200, "مئتان": 200, "مائتين": 200, "الف": 1000,
}  # fmt: skip
_AR = {normalize_text(k): v for k, v in _AR.items()}


def value(word: str) -> int | None:
    """The value of one folded token: digits (Arabic-Indic already folded), or an English or Arabic number word.

    An Arabic number word may carry the conjunction و or ف (compounds: «وعشرين»), never ال: «الاثنين» is Monday.
    """
    if word.isascii() and word.isdigit():
        return int(word)
    if word in _EN:
        return _EN[word]
    if word in _AR:
        return _AR[word]
    if len(word) > 3 and word[0] in "وف" and word[1:] in _AR:
        return _AR[word[1:]]
    return None


def canonical_numbers(words: list[str]) -> list[str]:
    """Replace each number (one token or a units-tens / tens-units / teen compound) with ``#<value>``."""
    out: list[str] = []
    i = 0
    while i < len(words):
        first = value(words[i])
        if first is None:
            out.append(words[i])
            i += 1
            continue
        second = value(words[i + 1]) if i + 1 < len(words) else None
        combined = None
        if second is not None:
            nxt = words[i + 1]
            if 20 <= first <= 90 and first % 10 == 0 and 1 <= second <= 9 and nxt.isalpha() and nxt.isascii():
                combined = first + second  # twenty five
            elif 1 <= first <= 9 and 20 <= second <= 90 and second % 10 == 0 and nxt[0] in "وف":
                combined = first + second  # خمسة وعشرين
            elif 1 <= first <= 9 and second == 10 and not nxt.isascii():
                combined = first + 10  # ثلاثة عشر
        if combined is not None:
            out.append(f"#{combined}")
            i += 2
        else:
            out.append(f"#{first}")
            i += 1
    return out
