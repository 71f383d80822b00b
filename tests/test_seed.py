from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("split_seed", ROOT / "scripts" / "split_seed.py")
assert _spec is not None and _spec.loader is not None
split_seed_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(split_seed_module)
split_seed = split_seed_module.split_seed


def test_seed_split_matches_the_committed_label_and_article() -> None:
    original = (ROOT / "seeds" / "000_28e21e24a588c826.txt").read_text(encoding="utf-8")
    article, bullets = split_seed(original)
    label = json.loads((ROOT / "seeds" / "000_28e21e24a588c826.label.json").read_text(encoding="utf-8"))
    assert label["human_bullets"] == bullets
    assert len(bullets) == 4
    assert (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8") == article
    assert "ملخص" not in article
