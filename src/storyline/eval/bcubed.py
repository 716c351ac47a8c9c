"""B-cubed precision, recall and F1 (Bagga & Baldwin 1998) for a clustering against gold labels.

For each item: precision is the share of its predicted cluster that shares its gold label,
recall the share of its gold cluster that shares its predicted cluster; both averaged over
items, F1 their harmonic mean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """Score ``predicted`` (item -> cluster) against ``gold`` (item -> label) over gold's items."""
    items = [item for item in gold if item in predicted]
    if not items:
        return BCubed(0.0, 0.0, 0.0)
    pair_counts = Counter((predicted[i], gold[i]) for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = sum(pair_counts[(predicted[i], gold[i])] / predicted_sizes[predicted[i]] for i in items)
    recall = sum(pair_counts[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in items)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)
