"""The simple story-clustering baselines the stories issue names, run beside ours on the same documents.

Both see every document at once (offline, which the online index does not) and cluster it with
average-link agglomerative clustering over cosine distances, cut at one distance threshold:

- ``tf-idf``: the document's title and text as sublinear TF-IDF over English words;
- ``minilm``: the MiniLM embedding of title and lead our index uses, alone.

Each is reported twice: at the threshold that scores best on the evaluated topics themselves (a
ceiling no real run gets, since it is chosen with the gold labels), and cross-validated over topic
halves like ours (the threshold chosen on the odd topics scores the even ones, and the other way
round, both held-out halves scored together).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.eval.bcubed import BCubed, bcubed

# Cosine distances at which the average-link tree is cut: the whole useful range, finely enough
# that the best cut is not missed between two steps.
THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.05, 1.0, 0.025))


@dataclass
class BaselineResult:
    name: str
    best_threshold: float  # the cut that scores best on the evaluated topics (chosen with gold)
    best: BCubed  # the story scores at that cut
    cross_validated: BCubed | None  # cuts chosen on the other topic half; None with a single half


def average_link(names: list[str], vectors: np.ndarray, threshold: float) -> dict[str, str]:
    """name -> cluster label, cutting the average-link tree of cosine distances at ``threshold``."""
    return _cut(names, _tree(vectors), threshold)


def _tree(vectors: np.ndarray) -> np.ndarray | None:
    return linkage(pdist(vectors, "cosine"), "average") if len(vectors) > 1 else None


def _cut(names: list[str], tree: np.ndarray | None, threshold: float) -> dict[str, str]:
    if tree is None:
        return {name: "1" for name in names}
    labels = fcluster(tree, threshold, "distance")
    return {name: str(label) for name, label in zip(names, labels, strict=True)}


def _sweep(names: list[str], vectors: np.ndarray, gold: dict[str, str]) -> list[tuple[float, BCubed]]:
    tree = _tree(vectors)
    return [(threshold, bcubed(_cut(names, tree, threshold), gold)) for threshold in THRESHOLDS]


def _best(sweep: list[tuple[float, BCubed]]) -> tuple[float, BCubed]:
    return max(sweep, key=lambda item: (item[1].f1, -item[0]))  # ties: the tighter cut


def evaluate_baseline(
    name: str, vectors: dict[str, np.ndarray], gold_story: dict[str, str], topic_of: dict[str, int]
) -> BaselineResult:
    names = sorted(vectors)
    matrix = np.vstack([vectors[n] for n in names])
    threshold, best = _best(_sweep(names, matrix, gold_story))
    halves = {
        "odd": [i for i, n in enumerate(names) if topic_of[n] % 2],
        "even": [i for i, n in enumerate(names) if not topic_of[n] % 2],
    }
    validated = None
    if all(halves.values()):
        held_out: dict[str, str] = {}
        for tuned_on, tested_on in (("odd", "even"), ("even", "odd")):
            train = [names[i] for i in halves[tuned_on]]
            cut, _ = _best(_sweep(train, matrix[halves[tuned_on]], {n: gold_story[n] for n in train}))
            test = [names[i] for i in halves[tested_on]]
            predicted = average_link(test, matrix[halves[tested_on]], cut)
            held_out.update({n: f"{tested_on}:{label}" for n, label in predicted.items()})
        validated = bcubed(held_out, {n: gold_story[n] for n in held_out})
    return BaselineResult(name, threshold, best, validated)


def tfidf_vectors(texts: dict[str, str]) -> dict[str, np.ndarray]:
    names = sorted(texts)
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([texts[n] for n in names])
    dense = matrix.toarray()
    return {n: dense[i] for i, n in enumerate(names)}


def evaluate_baselines(
    texts: dict[str, str], features: dict, gold_story: dict[str, str], topic_of: dict[str, int]
) -> list[BaselineResult]:
    """TF-IDF over ``texts`` (name -> title and text), and the features' embeddings when the model ran."""
    results = [evaluate_baseline("tf-idf, average link", tfidf_vectors(texts), gold_story, topic_of)]
    embedded = {n: f.embedding for n, f in features.items() if f.embedding is not None}
    if embedded and len(embedded) == len(features):
        results.append(evaluate_baseline("MiniLM alone, average link", embedded, gold_story, topic_of))
    return results
