"""The article-body metric of the Zyte / Scrapinghub Article Extraction Benchmark, written anew.

Each text becomes unicode ``\\w+`` tokens and then 4-token shingles with counts. Per document:
true positives are the shingles both texts hold (the smaller count), false positives the predicted
excess, false negatives the gold excess, and the three are scaled to sum to one so that long
articles weigh no more than short ones. Precision and recall are averaged over the documents where
they are defined, F1 is taken of those two means, and "accuracy" counts documents whose token
sequence equals the gold one exactly. The spread is a bootstrap standard deviation over documents.
Reproduces the benchmark's published table (checked in tests against its stored outputs).
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 20190726  # fixed, so a report's ± figures are the same on every run

Counts = tuple[float, float, float]  # (tp, fp, fn), normalised to sum to 1 when any is non-zero


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Overlapping ``size``-token tuples with counts; a text shorter than ``size`` is one short shingle."""
    words = tokens(text)
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words)


def match_counts(gold: str | None, predicted: str | None) -> Counts:
    """Normalised (tp, fp, fn) of the predicted text's shingles against the gold text's."""
    true, pred = shingles(gold), shingles(predicted)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0  # nothing predicted wrongly and nothing missed: perfect (also both empty)
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def exact(gold: str | None, predicted: str | None) -> float:
    return float(tokens(gold) == tokens(predicted))


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    precision_std: float = 0.0
    recall_std: float = 0.0
    f1_std: float = 0.0
    accuracy_std: float = 0.0
    documents: int = 0


def _means(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """Mean precision over documents with tp+fp > 0, mean recall over those with tp+fn > 0, F1 of the two."""
    precisions = [precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def score_counts(
    counts: Sequence[Counts],
    accuracies: Sequence[float],
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Scores:
    """Means over documents and their bootstrap standard deviations (documents resampled with replacement)."""
    p, r, f1 = _means(counts)
    accuracy = statistics.fmean(accuracies) if accuracies else 0.0
    result = Scores(p, r, f1, accuracy, documents=len(counts))
    if samples < 2 or len(counts) < 2:
        return result
    rng = random.Random(seed)
    n = len(counts)
    drawn: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "accuracy": []}
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        bp, br, bf = _means([counts[i] for i in picks])
        drawn["precision"].append(bp)
        drawn["recall"].append(br)
        drawn["f1"].append(bf)
        drawn["accuracy"].append(statistics.fmean(accuracies[i] for i in picks))
    result.precision_std = statistics.stdev(drawn["precision"])
    result.recall_std = statistics.stdev(drawn["recall"])
    result.f1_std = statistics.stdev(drawn["f1"])
    result.accuracy_std = statistics.stdev(drawn["accuracy"])
    return result


def evaluate(
    gold: Mapping[str, str | None],
    predicted: Mapping[str, str | None],
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Scores:
    """Score ``predicted`` bodies against ``gold`` bodies, both keyed by document id (same keys)."""
    if gold.keys() != predicted.keys():
        missing = sorted(gold.keys() - predicted.keys())[:3]
        extra = sorted(predicted.keys() - gold.keys())[:3]
        raise ValueError(f"prediction ids differ from gold ids (missing {missing}, unexpected {extra})")
    keys = list(gold)
    counts = [match_counts(gold[k], predicted[k]) for k in keys]
    accuracies = [exact(gold[k], predicted[k]) for k in keys]
    return score_counts(counts, accuracies, samples, seed)


def document_f1(gold: str | None, predicted: str | None) -> float:
    """One document's shingle F1: what to sort by when looking for the pages that lose most."""
    counts = match_counts(gold, predicted)
    p, r = precision(*counts), recall(*counts)
    return 2 * p * r / (p + r) if p + r > 0 else 0.0
