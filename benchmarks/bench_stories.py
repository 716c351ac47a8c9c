"""Story assignment cost as the archive grows: time to assign one article with 1k, 10k and 100k stored.

Synthetic growth from real texts: the story features of ECB+ documents (computed once through the
pipeline's extract and annotate stages and MiniLM) are reused as new events, each copy with its
publication day shifted, its people and places renamed, and its embedding jittered, so copies are
distinct events of familiar kinds. Prints a markdown table; `--sizes` and `--topics` to change it.

    .venv/bin/python benchmarks/bench_stories.py [--sizes 1000,10000,100000] [--topics 1-10]
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

import numpy as np

from storyline.eval.ecbplus import DEFAULT_ROOT, iter_documents
from storyline.eval.stories import document_features
from storyline.stories import ArticleFeatures, StoryIndex
from storyline.stories.features import term_hash

TIMED = 300  # assignments timed at each size
# ... in rounds of TIMED / ROUNDS: the median round is the figure, so that a burst of load from other
# processes on a shared machine, which spoils one round, does not move it
ROUNDS = 5
RENAMED = ("person", "place")


def variant(base: ArticleFeatures, k: int, rng: np.random.Generator) -> ArticleFeatures:
    """Copy ``k`` of a real article: a new event of the same kind, a few days later."""
    item = copy.copy(base)
    item.article_id = f"{base.article_id}-{k}"
    item.duplicate_of = None
    group = k // 7  # seven reports per synthetic event
    day = date(2020, 1, 1) + timedelta(days=k // 50)  # ~50 articles a day
    item.published = day.isoformat()
    item.dates = [item.published]
    item.entities = {
        kind: [f"{name}~{group}" if kind in RENAMED else name for name in names]
        for kind, names in base.entities.items()
    }
    item.lead_entities = [f"{key}~{group}" if key.startswith(RENAMED) else key for key in base.lead_entities]
    # most words become the event's own (its names, places, details); a third stay common vocabulary
    item.terms = {
        (index if index % 3 == 0 else term_hash(f"{index}-{group}")): weight
        for index, weight in base.terms.items()
    }
    item.event_words = [w if term_hash(w) % 3 == 0 else f"{w}~{group}" for w in base.event_words]
    item.numbers = [f"{n}~{group}" for n in base.numbers]
    if base.embedding is not None:  # cosine ~0.7 to the original: another event of its kind
        jittered = base.embedding + rng.normal(0, 1.0 / np.sqrt(base.embedding.size), base.embedding.size)
        item.embedding = (jittered / np.linalg.norm(jittered)).astype(np.float32)
    return item


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--topics", default="1-10")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    low, _, high = args.topics.partition("-")
    documents = list(iter_documents(DEFAULT_ROOT, set(range(int(low), int(high or low) + 1))))
    if not documents:
        sys.exit(f"no ECB+ documents under {DEFAULT_ROOT}: nothing to grow the archive from")
    print(f"features of {len(documents)} ECB+ documents ...", file=sys.stderr)
    base = list(document_features(documents).values())
    rng = np.random.default_rng(5)
    random.Random(5).shuffle(base)
    gc.collect()
    start_rss = rss_mb()
    index = StoryIndex()
    rows, k = [], 0
    for size in sizes:
        while index.seq < size:
            index.add(f"a{k}", variant(base[k % len(base)], k, rng))
            k += 1
        index.settle({})  # the fill is not settled (its features are not kept): only the timed batch is
        timed = {f"a{k + i}": variant(base[(k + i) % len(base)], k + i, rng) for i in range(TIMED)}
        candidates, rounds, items = 0, [], list(timed.items())
        per_round = TIMED // ROUNDS
        for first in range(0, TIMED, per_round):
            began = time.perf_counter()
            for article_id, item in items[first : first + per_round]:
                candidates += index.add_decision(article_id, item).candidates
            rounds.append((time.perf_counter() - began) / per_round)
        elapsed = statistics.median(rounds)
        began = time.perf_counter()
        index.settle(timed)  # the batch's small stories offered again, as the pipeline does after a run
        settling = (time.perf_counter() - began) / TIMED
        k += TIMED
        gc.collect()
        memory = rss_mb() - start_rss
        spread = f"{min(rounds) * 1000:.2f}-{max(rounds) * 1000:.2f}"
        live = len(index.stories)
        rows.append((size, elapsed * 1000, spread, settling * 1000, candidates / TIMED, live, memory))
        print(f"{size} stored: {elapsed * 1000:.2f} ms (rounds {spread}), settling {settling * 1000:.2f} ms",
              file=sys.stderr)  # fmt: skip
    print(
        f"| stored articles | ms per assignment (median of {ROUNDS} rounds) | rounds, ms | settling, ms per "
        "batch article | candidates scored | live stories | memory (MB RSS) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, ms, spread, settle_ms, cands, live, memory in rows:
        print(f"| {size:,} | {ms:.2f} | {spread} | {settle_ms:.2f} | {cands:.1f} | {live:,} | {memory:.0f} |")
    print(f"\nratio {rows[-1][0]:,} / {rows[0][0]:,}: {rows[-1][1] / rows[0][1]:.2f}x per assignment")
    print(f"dump at {index.seq:,} articles: {len(index.dump()) / 2**20:.1f} MB compressed")


if __name__ == "__main__":
    main()
