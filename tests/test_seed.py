from __future__ import annotations

import json
from pathlib import Path

from tests.repo_scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
split_seed = load_script(ROOT / "scripts" / "split_seed.py").split_seed


def test_seed_split_matches_the_committed_label_and_article() -> None:
    original = (ROOT / "seeds" / "000_28e21e24a588c826.txt").read_text(encoding="utf-8")
    article, bullets = split_seed(original)
    label = json.loads((ROOT / "seeds" / "000_28e21e24a588c826.label.json").read_text(encoding="utf-8"))
    assert label["human_bullets"] == bullets
    assert len(bullets) == 4
    assert (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8") == article
    assert "ملخص" not in article
