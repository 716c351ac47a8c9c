"""The evaluation scorers on small hand-made data (the research-only sets are never copied here)."""

from __future__ import annotations

import pytest

from storyline.eval.ecbplus import detokenize, detokenize_sentences
from storyline.eval.timex import GoldTime, read_timeml, score_document

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks <EVENT eid="e1">fell</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> after a bad <TIMEX3 tid="t2" type="DURATION" value="P1W">week</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_offsets_point_into_the_plain_text(tmp_path):
    path = tmp_path / "x.tml"
    path.write_text(TIMEML)
    document = read_timeml(path)
    assert document.dct == "1998-01-08"
    assert "<" not in document.text
    for time in document.times:
        assert document.text[time.start : time.end] == time.text
    assert [(t.text, t.value) for t in document.times] == [("Wednesday", "1998-01-07"), ("week", "P1W")]


def test_tempeval_counts_strict_relaxed_and_values():
    gold = [
        GoldTime(0, 9, "Wednesday", "DATE", "1998-01-07"),
        GoldTime(20, 35, "earlier this week", "DATE", "1998-W02"),
    ]
    predicted = [(0, 9, "1998-01-07", "DATE"), (28, 35, "1998-W03", "DATE"), (50, 55, "PXD", "DURATION")]
    counts = score_document(predicted, gold)
    assert (counts.strict, counts.relaxed_predicted, counts.relaxed_gold, counts.matched) == (1, 2, 2, 2)
    assert counts.value_correct == 1 and counts.type_correct == 2


def test_detokenize_ecbplus_tokens():
    assert detokenize(["Reid", ",", "33", ",", "said", "``", "no", "''", "."]) == "Reid, 33, said “no”."
    assert (
        detokenize(["U.", "S.", "magnitude", "6.", "1", "high", "-", "rise"])
        == "U.S. magnitude 6.1 high-rise"
    )
    assert detokenize_sentences([['"', "It", "rained"], ["a", "lot", '"', "."]]) == ["“It rained", "a lot”."]


def test_changed_pairs_counts_pairs_whose_same_story_decision_flips():
    from storyline.eval.stories import changed_pairs

    first = {"a": "s1", "b": "s1", "c": "s2", "d": "s3"}
    assert changed_pairs(first, dict(first)) == 0.0
    other = {"a": "x", "b": "y", "c": "y", "d": "z"}  # a-b split, b-c joined: 2 of 6 pairs flip
    assert changed_pairs(first, other) == pytest.approx(2 / 6)


def test_ecbplus_times_and_numeric_dates_read_as_written():
    assert detokenize(["12", ":", "52", "p", ".", "m", ".", "EDT", "May", "2", ",", "2013"]) == (
        "12:52 p.m. EDT May 2, 2013"
    )
    assert detokenize(["First", "Posted", "23", ":", "37", ":", "00", "05", "/", "05", "/", "2010"]) == (
        "First Posted 23:37:00 05/05/2010"
    )


def test_cross_validation_tunes_on_one_half_and_scores_the_other():
    from storyline.eval.stories import cross_validate
    from storyline.model import Annotations, Article, Mention
    from storyline.stories import article_features

    def features(name, text, names):
        mentions = [Mention(text.index(n), text.index(n) + len(n), n, "GPE") for n in names]
        return article_features(Article(id=name, source=name, text=text), Annotations(name, mentions=mentions))

    quake = "A magnitude 6.1 earthquake struck Qeshm island in Iran on Sunday, killing ten people."
    flood = "Heavy floods swept through Emilia-Romagna in Italy, forcing thousands to leave their homes."
    items = {
        "1_1": features("1_1", quake, ["Qeshm", "Iran"]),
        "1_2": features("1_2", quake.replace("Sunday", "the weekend"), ["Qeshm", "Iran"]),
        "2_1": features("2_1", flood, ["Emilia-Romagna", "Italy"]),
        "2_2": features("2_2", flood.replace("thousands", "many"), ["Emilia-Romagna", "Italy"]),
    }
    order = list(items)
    topic_of = {name: int(name[0]) for name in order}
    gold = {name: name[0] for name in order}
    result = cross_validate(order, items, topic_of, gold, grid={"join": (1e9, 2.5)})
    assert result is not None and [fold.tuned_on for fold in result.folds] == ["odd", "even"]
    assert all(fold.params == {"join": 2.5} and fold.tuned_f1 == 1.0 for fold in result.folds)
    assert result.story.f1 == 1.0 and result.topic.f1 == 1.0
    assert cross_validate(order[:2], items, topic_of, gold, grid={"join": (2.5,)}) is None


def test_story_baselines_cut_the_average_link_tree_where_gold_scores_best():
    import numpy as np

    from storyline.eval.story_baselines import average_link, evaluate_baseline, tfidf_vectors

    texts = {
        "1_1ecb": "A magnitude 6.1 earthquake struck Qeshm island in Iran, killing ten people.",
        "1_2ecb": "Ten people were killed when an earthquake of magnitude 6.1 hit Iran's Qeshm island.",
        "1_1ecbplus": "Floods swept through Emilia-Romagna in Italy, forcing thousands from their homes.",
        "1_2ecbplus": "Thousands left their homes in Italy's Emilia-Romagna as floods swept the region.",
        "2_1ecb": "The Angels offered Mark Teixeira an eight-year contract at the winter meetings.",
        "2_2ecb": "Mark Teixeira was offered an eight-year contract by the Angels at the meetings.",
    }
    gold = {name: name.split("_")[0] + name[-3:] for name in texts}
    topic_of = {name: int(name.split("_")[0]) for name in texts}
    vectors = tfidf_vectors(texts)
    result = evaluate_baseline("tf-idf", vectors, gold, topic_of)
    assert result.best.f1 == 1.0  # some cut separates the three stories
    assert result.cross_validated is not None and 0.0 < result.cross_validated.f1 <= 1.0
    names = sorted(vectors)
    matrix = np.vstack([vectors[n] for n in names])
    assert len(set(average_link(names, matrix, 1.0).values())) == 1  # at the top of the tree, one cluster
    assert len(set(average_link(names, matrix, 0.0).values())) == len(names)
