"""The claim-checker benchmark's data is what its README says, and its runner counts what it checks.

No checker quality threshold here: these tests hold the data and the arithmetic, not the checker.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from summarizer.evals import claims_bench as bench
from summarizer.grounding import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS, quote_words
from tests.repo_scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evals" / "claims_bench"
CASES = ROOT / "evals" / "cases"
FILES = {"tune.jsonl": "tune", "heldout.jsonl": "heldout", "tune_real.jsonl": "tune", "heldout_real.jsonl": "heldout"}
FILES |= {"tune_real2.jsonl": "tune", "heldout_real2.jsonl": "heldout"}  # round 4: real bullets labelled blind
FILES |= {"tune_round7.jsonl": "tune"}  # round 7: hand-written tune fixtures, frozen before the checker ran
# round 8: hand-written tune fixtures and a fresh held-out (hand-written, and real bullets of prompts v4/v5)
FILES |= {"tune_round8.jsonl": "tune", "heldout_round8.jsonl": "heldout", "heldout_round8_real.jsonl": "heldout"}
FILES |= {"tune_round9.jsonl": "tune", "heldout_round9.jsonl": "heldout"}
FILES |= {"tune_round10.jsonl": "tune", "heldout_round10.jsonl": "heldout"}  # round 10: the same again
# round 11: the same on articles written for the benchmark (outside the eval suite), split by folder
FILES |= {"tune_round11.jsonl": "tune", "heldout_round11.jsonl": "heldout"}
FILES |= {"tune_round12.jsonl": "tune", "heldout_round12.jsonl": "heldout"}
FILES |= {"heldout_round13.jsonl": "heldout"}  # round 13: a blind held-out only
FILES |= {"heldout_round14.jsonl": "heldout"}  # round 14: a blind held-out only
FILES |= {"heldout_round15.jsonl": "heldout"}  # round 15: a blind held-out only
FILES |= {"heldout_round16.jsonl": "heldout"}  # round 16: a blind held-out only
FILES |= {"heldout_round17.jsonl": "heldout", "heldout_round18.jsonl": "heldout"}  # round 17: validation and test
NEW_ARTICLES = {
    "tune": (DATA / "articles_round11", DATA / "articles_round12"),
    "heldout": (
        DATA / "articles_round11_heldout",
        DATA / "articles_round12_heldout",
        DATA / "articles_round13_heldout",
        DATA / "articles_round14_heldout",
        DATA / "articles_round15_heldout",
        DATA / "articles_round16_heldout",
        DATA / "articles_round17_heldout",
        DATA / "articles_round18_heldout",
    ),
}

FAITHFUL_KINDS = {
    "paraphrase",
    "merged",
    "translated_name",
    "demonym",
    "agency",
    "rounded_number",
    "number_words",
    "date_form",
    "attribution",
    # round 17's writers' names (their brief's words): a fact from two windows, a sum of parts the evidence gives
    # apart, a rounded figure with its qualifier, the story's country as context
    "merged_facts",
    "sum_of_parts",
    "rounded_qualifier",
    "country_context",
}
ERROR_KINDS = {
    "name_swap_same_article",
    "name_swap_other_article",
    "place_swap",
    "actor_target_reversed",
    "number_digit",
    "number_scale",
    "year",
    "date",
    "claimed_as_confirmed",
    "negation",
    "hedge_dropped",
    "count_qualifier",
}
# the fewest hand-written unfaithful bullets of each kind, both splits together (README, "Kinds")
MIN_PER_KIND = {kind: 20 for kind in ERROR_KINDS} | {
    "name_swap_same_article": 80,
    "number_digit": 40,
    "date": 40,
    "negation": 40,
}
# round 4's real-model bullets carry the labeller's error kind (README, "Kinds")
ROUND4_ERROR_KINDS = ERROR_KINDS | {"real_model_error", "not_in_evidence", "injection_followed"}
KEYS = {"id", "case", "language", "text", "evidence", "label", "kind", "traits", "note", "source", "pair"}


def rows(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ALL = {name: rows(name) for name in FILES}
HAND = ALL["tune.jsonl"] + ALL["heldout.jsonl"]
REAL = ALL["tune_real.jsonl"] + ALL["heldout_real.jsonl"]
REAL2 = ALL["tune_real2.jsonl"] + ALL["heldout_real2.jsonl"]
ROUND4 = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model_round4.json").read_text(encoding="utf-8"))
ARTICLES = {p.stem: json.loads(p.read_text(encoding="utf-8"))["article"] for p in CASES.glob("*.json")}
NEW_SPLIT = {p.stem: split for split, folders in NEW_ARTICLES.items() for f in folders for p in f.glob("*.json")}
ARTICLES |= {p.stem: json.loads(p.read_text(encoding="utf-8"))["article"] for p in DATA.glob("articles_round*/*.json")}


def heldout(case_id: str) -> bool:
    """A suite case by the hash rule; an article written for the benchmark by its folder."""
    if case_id in NEW_SPLIT:
        return NEW_SPLIT[case_id] == "heldout"
    return int(hashlib.sha256(case_id.encode("utf-8")).hexdigest(), 16) % 10 < 3


def test_new_articles_are_named_by_their_id_and_in_one_folder_only() -> None:
    names = [p.stem for p in DATA.glob("articles_round*/*.json")]
    assert len(names) == len(set(names)) == len(NEW_SPLIT)
    assert not set(names) & {p.stem for p in CASES.glob("*.json")}
    for path in DATA.glob("articles_round*/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem and data["article"].strip() and data["domain"].strip(), path


def test_every_line_has_the_documented_fields_and_vocabulary() -> None:
    for name, items in ALL.items():
        for r in items:
            assert set(r) == KEYS, (name, r.get("id"))
            assert r["language"] in ("en", "ar") and r["label"] in ("faithful", "unfaithful")
            assert r["case"] in ARTICLES and r["text"].strip()
            assert 1 <= len(r["evidence"]) <= 3 or r["source"] != "hand-written", r["id"]  # 3: round 17 on
            if r["source"] == "hand-written":
                vocabulary = FAITHFUL_KINDS if r["label"] == "faithful" else ERROR_KINDS
                assert r["kind"] in vocabulary and set(r["traits"]) <= vocabulary and r["kind"] in r["traits"], r["id"]
            elif r["id"].startswith(("real2-", "real8-")):  # rounds 4 and 8: the labeller's error kind
                assert r["source"].startswith("real-model:"), r["id"]
                assert r["kind"] == "real_model" if r["label"] == "faithful" else r["kind"] in ROUND4_ERROR_KINDS
            else:
                assert r["source"].startswith("real-model:"), r["id"]
                assert r["kind"] == ("real_model" if r["label"] == "faithful" else "real_model_error")


def test_ids_are_unique() -> None:
    ids = [r["id"] for items in ALL.values() for r in items]
    assert len(ids) == len(set(ids))


def test_every_evidence_window_is_an_exact_article_substring_of_quotable_length() -> None:
    for items in ALL.values():
        for r in items:
            for window in r["evidence"]:
                assert window in ARTICLES[r["case"]], (r["id"], window[:60])
                if r["source"] == "hand-written" or r["id"].startswith("real2-"):  # claims judged, never quote length
                    assert MIN_QUOTE_WORDS <= len(quote_words(window)) <= MAX_QUOTE_WORDS, r["id"]


def test_pairs_point_at_a_faithful_twin_of_the_same_case_and_language() -> None:
    by_id = {r["id"]: (name, r) for name, items in ALL.items() for r in items}
    for name, items in ALL.items():
        for r in items:
            if r["pair"] is None:
                continue
            twin_file, twin = by_id[r["pair"]]
            assert r["label"] == "unfaithful" and twin["label"] == "faithful", r["id"]
            assert (twin_file, twin["case"], twin["language"]) == (name, r["case"], r["language"]), r["id"]
            assert twin["text"] != r["text"], r["id"]


def test_the_split_follows_the_hash_rule_and_no_case_is_in_both_parts() -> None:
    for name, split in FILES.items():
        for r in ALL[name]:
            assert heldout(r["case"]) == (split == "heldout"), (name, r["id"])
    tune = {r["case"] for name, s in FILES.items() if s == "tune" for r in ALL[name]}
    held = {r["case"] for name, s in FILES.items() if s == "heldout" for r in ALL[name]}
    assert not tune & held


def test_enough_hand_written_bullets_over_every_case_both_languages_and_labels() -> None:
    assert len(HAND) >= 600
    labels = Counter((r["language"], r["label"]) for r in HAND)
    assert min(labels.values()) >= 100, labels
    cases = Counter(r["case"] for r in HAND)
    assert min(cases.values()) >= 10 and len(cases) == len(ARTICLES) - len(NEW_SPLIT)  # every case of the suite
    kinds = Counter(r["kind"] for r in HAND if r["label"] == "unfaithful")
    short = {k: (kinds[k], n) for k, n in MIN_PER_KIND.items() if kinds[k] < n}
    assert not short, short


def test_the_real_model_bullets_are_the_labelled_fixture() -> None:
    fixture = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model.json").read_text(encoding="utf-8"))
    keys = {label["key"] for label in fixture["labels"]}  # the fixture repeats a few labels: each counted once
    assert len(REAL) == len(keys) and {r["id"] for r in REAL} == {f"real-{key}" for key in keys}


def test_the_round4_files_are_the_labelled_fixture_minus_its_excluded_bullets() -> None:
    items = ROUND4["items"]
    assert {i["label"] for i in items} <= {"faithful", "unfaithful", "excluded"}
    assert all(i["kind"] in ("garbled", "no_claim") for i in items if i["label"] == "excluded")
    kept = [i for i in items if i["label"] != "excluded"]
    assert sorted(r["id"] for r in REAL2) == sorted(f"real2-{i['key']}" for i in kept)
    assert len(REAL2) >= 400 and len(ALL["heldout_real2.jsonl"]) >= 100  # README's counts


def test_round4_bullets_are_what_the_recordings_hold_untouched() -> None:
    """Each labelled bullet's key is the hash of what was extracted, and the extractor still finds every bullet
    of the recordings that are byte-identical to the ones it was labelled from (a re-recorded cassette is not)."""
    extractor = load_script(ROOT / "scripts" / "extract_real_bullets.py")
    items = ROUND4["items"]
    assert all(i["key"] == extractor.key_of(i["case"], i["language"], i["text"], i["evidence"]) for i in items)
    assert len({i["key"] for i in items}) == len(items)
    now = extractor.recording_hashes()
    unchanged = {path for path, sha in ROUND4["recordings"].items() if now.get(path) == sha}
    assert len(unchanged) >= len(ROUND4["recordings"]) // 2, "most recordings changed: re-extract and relabel"
    extracted, _ = extractor.extract()
    found = {i["key"]: i for i in extracted}

    def recording(where: str) -> str:  # "model/prompt case.lang response n bullets[m]" -> its cassette path
        source, name = where.split()[:2]
        return f"cassettes/{source}/{name}.yaml"

    for item in items:
        if all(recording(w) in unchanged for w in item["where"]):
            assert item["key"] in found, item["key"]
            assert found[item["key"]]["text"] == item["text"] and found[item["key"]]["evidence"] == item["evidence"]


def test_round4_files_load_as_their_own_part_and_all_leaves_them_out() -> None:
    loaded = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND4,))
    assert len(loaded) == len(REAL2) and {i.origin for i in loaded} == {bench.ROUND4}
    assert not [i for i in bench.load_items(DATA, ("tune",), bench.SOURCES) if i.origin == bench.ROUND4]


def test_round7_fixtures_are_tune_only_paired_and_their_own_part() -> None:
    round7 = ALL["tune_round7.jsonl"]
    assert len(round7) >= 120 and all(r["id"].startswith("r7-") and not heldout(r["case"]) for r in round7)
    assert all(r["pair"] is not None for r in round7 if r["label"] == "unfaithful")  # each beside a faithful twin
    assert {r["language"] for r in round7} == {"en", "ar"}
    loaded = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND7,))
    assert len(loaded) == len(round7) and {i.split for i in loaded} == {"tune"}
    assert not [i for i in bench.load_items(DATA, ("tune",), bench.SOURCES) if i.origin == bench.ROUND7]


def test_the_builder_refuses_a_held_out_case_among_round7_fixtures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = _builder()
    held = next(c for c in sorted(ARTICLES) if heldout(c))
    article = ARTICLES[held]
    (tmp_path / "src_round7").mkdir()
    (tmp_path / "src_round7" / "x.txt").write_text(
        f"@case {held}\n\nF en paraphrase\nT: x\nE: {article[:30]}\n", encoding="utf-8"
    )
    monkeypatch.setattr(builder, "HERE", tmp_path)
    with pytest.raises(SystemExit, match="tune-only"):
        builder.round7_records()


def _builder() -> ModuleType:
    return load_script(DATA / "build.py", "claims_bench_build")


def test_the_jsonl_files_are_exactly_what_the_sources_build() -> None:
    built = _builder().build_all()
    for name in FILES:
        assert built[name] == ALL[name], f"{name} differs from src/: run python evals/claims_bench/build.py"


def test_wilson_interval() -> None:
    low, high = bench.wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-3) and high == pytest.approx(0.7634, abs=1e-3)
    assert bench.wilson(0, 10)[0] == pytest.approx(0.0, abs=1e-9) and bench.wilson(0, 0) == (0.0, 1.0)


def _slice() -> list[bench.Item]:
    """A small deterministic slice: a few bullets of each label, language and source from the tune part."""
    items = bench.load_items(DATA, ("tune",), ("hand", "real"))
    chosen: list[bench.Item] = []
    for origin in ("hand", "real"):
        for language in ("en", "ar"):
            for label in ("faithful", "unfaithful"):
                pool = [i for i in items if (i.origin, i.language, i.label) == (origin, language, label)]
                chosen.extend(pool[:: max(1, len(pool) // 3)][:3])
    return chosen


def test_the_runner_counts_add_up_on_a_slice() -> None:
    items = _slice()
    outcomes = bench.run(items, bench.load_articles(CASES))
    assert [o.item for o in outcomes] == items
    for view in bench.VIEWS:
        for name, part in bench.groups(outcomes).items():
            r = bench.summarise(part, view)
            faithful = sum(o.item.faithful for o in part)
            assert r.false_alarms.n == faithful and r.detection.n == len(part) - faithful, name
            assert sum(x.n for x in r.false_alarms_by_language.values()) == faithful
            assert sum(x.n for x in r.detection_by_kind.values()) == r.detection.n
            assert sum(x.n for x in r.detection_by_kind_language.values()) == r.detection.n
            assert r.false_alarms.k + r.detection.k == sum(o.flagged(view) for o in part)
            flagged = [o for o in part if o.flagged(view)]
            for key, rate in r.precision_by_finding.items():  # each kind's n: the flagged bullets it is on
                on = [o for o in flagged if key in (o.finding_keys() or {"(validation)"})]
                assert rate.n == len(on) and rate.k == sum(not o.item.faithful for o in on), key
    data = bench.report(outcomes)
    assert sum(p["bullets"] for p in data["parts"].values()) == len(items)


def test_findings_are_the_bullets_own(tmp_path: Path) -> None:
    """A bullet's outcome holds only findings located at that bullet (the digest holds three copies of it)."""
    item = next(i for i in bench.load_items(DATA, ("tune",), ("hand",)) if i.kind == "number_digit")
    outcome = bench.check(item, ARTICLES[item.case], "warn")
    assert outcome.findings, "a planted wrong number is the checker's home ground; if this fails, look at the item"
    assert outcome.fails_default is False  # "warn" never rejects


def _write(path: Path, lines: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def test_main_writes_json_and_bad_data_is_one_line_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = ALL["tune.jsonl"][:4]
    _write(tmp_path / "tune.jsonl", sample)
    out = tmp_path / "report.json"
    assert bench.main(["--data", str(tmp_path), "--cases", str(CASES), "--json", str(out), "--misses", "1"]) == 0
    parts = json.loads(out.read_text(encoding="utf-8"))["parts"]
    assert parts["tune/hand"]["bullets"] == 4
    capsys.readouterr()

    broken = dict(sample[0], evidence=["this window is not in the article"])
    _write(tmp_path / "tune.jsonl", [broken])
    assert bench.main(["--data", str(tmp_path), "--cases", str(CASES)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err

    (tmp_path / "tune.jsonl").write_text("{not json\n", encoding="utf-8")
    assert bench.main(["--data", str(tmp_path), "--cases", str(CASES)]) == 3
    assert bench.main(["--data", str(tmp_path / "missing"), "--cases", str(CASES)]) == 3
