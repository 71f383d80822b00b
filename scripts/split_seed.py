"""Split a seed file into its article and its human «ملخص» bullets (the label).

Usage: python scripts/split_seed.py seeds/000_28e21e24a588c826.txt
Writes <stem>.article.txt and <stem>.label.json beside it. A one-off for adding a seed, not part of the library
(it shipped in the package until issue 21.7); tests/test_seed.py checks the committed split still comes out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HEADER = "ملخص"


def split_seed(text: str) -> tuple[str, list[str]]:
    """Return (article, bullets): the bullets are the '- ' lines right under the «ملخص» header."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != HEADER:
        raise ValueError(f"a seed starts with a line «{HEADER}»")
    bullets: list[str] = []
    index = 1
    while index < len(lines) and lines[index].lstrip().startswith("-"):
        bullets.append(lines[index].lstrip()[1:].strip())
        index += 1
    article = "\n".join(lines[index:]).strip() + "\n"
    return article, bullets


def main(path: Path) -> None:
    article, bullets = split_seed(path.read_text(encoding="utf-8"))
    stem = path.with_suffix("")
    Path(f"{stem}.article.txt").write_text(article, encoding="utf-8")
    label = {"source": path.name, "language": "ar", "human_bullets": bullets}
    Path(f"{stem}.label.json").write_text(json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
