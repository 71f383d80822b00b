"""Does the gate's overall test hold its alpha on an exchange null? (issue 20: a check on the power study)

Draws the power study's exchange null (``summarizer.evals.power``: each result's answer swapped with a worse
recording's on a random side) and judges each draw twice: by ``gate()``, and by computing the overall test
directly from the same pairs (``sign_flip_max_t`` on each result's overall change). Prints how often each fails:
both should be at or under the overall test's alpha, and agree draw by draw.

  python scripts/null_check.py --gate evals/gate.local-en.json --worse "1.5B / v4=:v4" --draws 400 --seed 1
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from summarizer.evals.gate import _overall_pairs, gate
from summarizer.evals.power import _swap_pool, _worse_spec, load_sources, swapped
from summarizer.evals.stats import MOVED, sign_flip_max_t
from summarizer.evals.verdict import OVERALL


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gate", type=Path, default=Path("evals/gate.local-en.json"))
    parser.add_argument("--worse", default="1.5B / v4=:v4", help="NAME=MODEL:PROMPT, as summarizer.evals.power takes")
    parser.add_argument("--draws", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    name, spec = _worse_spec(args.worse)
    sources = load_sources(args.gate, Path("evals/cases"), Path("cassettes"), {name: spec})
    worse, pool, rule = sources.worse[name], _swap_pool(sources, name), sources.policy.overall
    assert rule is not None and rule.metrics is not None
    rng = random.Random(args.seed)
    by_gate = direct = disagree = 0
    for _ in range(args.draws):
        mine = [k for k in pool if rng.random() < 0.5]
        run = swapped(sources.gated, worse, mine)
        base = swapped(sources.gated, worse, [k for k in pool if k not in mine])
        failed = any(c.metric == OVERALL and c.dropped for c in gate(run, base, sources.policy, floors=False).checks)
        pairs = _overall_pairs(run, base, rule.metrics)
        units = {key: n for n, key in enumerate(pairs)}
        diffs = {units[key]: now - then for key, (then, now) in pairs.items()}
        p = sign_flip_max_t([diffs], len(units), rule.flip_rounds)[0]
        moved = [d for d in diffs.values() if abs(d) > MOVED]
        fell = p <= rule.alpha and bool(moved) and sum(moved) / len(moved) < -rule.max_regression
        by_gate, direct, disagree = by_gate + failed, direct + fell, disagree + (failed != fell)
    print(
        f"{args.gate.name}, exchange with {name}, {args.draws} draws (seed {args.seed}): the overall test failed "
        f"{by_gate} by gate(), {direct} computed directly ({by_gate / args.draws:.2%}; alpha {rule.alpha:.1%}); "
        f"{disagree} draws disagree"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
