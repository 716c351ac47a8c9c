"""The quote scorer on hand-made brat data; the PolNeAR run itself only where the data is present."""

from __future__ import annotations

import pytest

from storyline.eval.attribution_data import DEFAULT_ROOT, parse_ann, parse_fragments
from storyline.eval.quotes import (
    Predicted,
    format_report,
    from_quotes,
    gold_kind,
    normalised,
    run_quotes_eval,
    score_article,
)
from storyline.model import Quote, Speaker

TEXT = "Lowell said that he doesn't like pickles. “We'll stay,” she said, “for a while.” Rain fell."
ANN = (
    "T1\tSource 0 6\tLowell\n"
    "T2\tCue 7 11\tsaid\n"
    "T3\tContent 12 40\tthat he doesn't like pickles\n"
    "T4\tAttribution 7 11\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 42 55;66 81\t“We'll stay,” “for a while.”\n"
    "T6\tSource 56 59\tshe\n"
    "T7\tCue 60 64\tsaid\n"
    "E2\tAttribution:T4 Content:T5 Cue:T7 Source:T6\n"
)


def test_brat_attributions_with_discontinuous_content():
    assert parse_fragments("66 81;42 55") == ((42, 55), (66, 81))
    first, second = parse_ann(ANN)
    assert (first.content, first.cue, first.source) == (((12, 40),), ((7, 11),), ((0, 6),))
    assert second.content == ((42, 55), (66, 81)) and TEXT[56:59] == "she"


def test_half_the_gold_content_one_to_one_and_sources():
    gold = parse_ann(ANN)
    predicted = [
        Predicted(content=((17, 40),), cue=((7, 11),), source=((0, 6),), name="Lowell", kind="indirect"),
        Predicted(content=((12, 20),), cue=((7, 11),), source=((0, 6),), name="Lowell", kind="indirect"),
        Predicted(content=((43, 54),), cue=((60, 64),), source=(), name="Ann Lowell", kind="direct"),
    ]
    counts = score_article(TEXT, predicted, gold)
    # the first covers 23 of 28 gold characters; the second also overlaps but the gold is taken;
    # the third covers 11 of 28 characters of a two-part quote: under half
    assert (counts.predicted, counts.gold, counts.matched) == (3, 2, 1)
    assert (counts.with_source, counts.source_right) == (1, 1)
    scores = counts.scores()
    assert scores["precision"] == pytest.approx(1 / 3) and scores["recall"] == pytest.approx(1 / 2)


def test_a_speaker_named_elsewhere_counts_by_name():
    gold = parse_ann(ANN)[1:]
    predicted = [Predicted(content=((43, 54), (67, 80)), cue=((60, 64),), source=((0, 6),), name="Jane She")]
    counts = score_article(TEXT, predicted, gold)
    assert counts.matched == 1 and counts.source_right == 1  # "she" holds the last word of the name


def test_exact_spans_ignore_edge_punctuation_marks_and_that():
    assert normalised(TEXT, ((12, 41),)) == normalised(TEXT, ((17, 40),)) == ((17, 40),)
    counts = score_article(TEXT, [Predicted(content=((17, 41),), cue=(), source=())], parse_ann(ANN))
    assert counts.exact == 1


def test_exact_spans_are_matched_one_to_one():
    twice = [Predicted(content=((17, 40),), cue=(), source=()), Predicted(content=((12, 41),), cue=(), source=())]
    counts = score_article(TEXT, twice, parse_ann(ANN))
    assert counts.exact == 1 and counts.matched == 1  # the one gold content is taken once


def test_gold_kinds_from_quotation_marks():
    assert gold_kind(TEXT, ((12, 40),)) == "indirect"
    assert gold_kind(TEXT, ((42, 55), (66, 81))) == "direct"
    assert gold_kind("He called it “bad” news.", ((10, 23),)) == "mixed"
    assert gold_kind("''We stay,'' she said.", ((2, 10),)) == "direct"  # doubled apostrophes are marks


def test_our_quotes_sharing_a_cue_are_one_attribution():
    she = Speaker(56, 59, "she", "Ann Lowell")
    quotes = [
        Quote(43, 54, TEXT[43:54], "direct", "said", 60, 64, she),
        Quote(67, 80, TEXT[67:80], "direct", "said", 60, 64, she),
        Quote(17, 40, TEXT[17:40], "indirect", "said", 7, 11, Speaker(0, 6, "Lowell", "Lowell")),
    ]
    [lowell, ann] = from_quotes(quotes)
    assert lowell.content == ((17, 40),) and ann.content == ((43, 54), (67, 80)) and ann.source == ((56, 59),)


def test_overlapping_fragments_of_one_prediction_count_once():
    # a mixed quote inside the reported clause of the same cue: its characters are not counted twice
    twice = Predicted(content=((12, 20), (12, 20), (14, 22)), cue=((7, 11),), source=())
    counts = score_article(TEXT, [twice], parse_ann(ANN))
    assert counts.matched == 0  # 10 distinct characters of a 28-character gold content: under half


@pytest.mark.slow
def test_polnear_dev_beats_the_direct_quote_baseline(nlp):
    if not (DEFAULT_ROOT / "dev" / "text").is_dir():
        pytest.skip(f"no PolNeAR data at {DEFAULT_ROOT} (research-only, never copied into the repository)")
    result = run_quotes_eval(split="dev", limit=8, nlp=nlp)
    ours, textacy = result.systems["storyline"].counts, result.systems["textacy"].counts
    assert result.documents == 8 and ours.gold == textacy.gold == result.gold > 0
    assert ours.scores()["f1"] > textacy.scores()["f1"]
    assert ours.matched > textacy.matched
    report = format_report(result)
    assert "storyline" in report and "textacy" in report and "indirect" in report
