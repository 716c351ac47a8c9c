from pytest import approx

from storyline.eval.bcubed import bcubed


def test_perfect_clustering_scores_one():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": 1, "b": 1, "c": 2}, gold).f1 == approx(1.0)


def test_all_in_one_cluster():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    score = bcubed({k: "one" for k in gold}, gold)
    assert score.precision == approx(0.5) and score.recall == approx(1.0)


def test_all_singletons():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    score = bcubed({k: k for k in gold}, gold)
    assert score.precision == approx(1.0) and score.recall == approx(0.5)
    assert score.f1 == approx(2 / 3)
