"""The benchmark's shingle metric, our extraction and cleaning evals on it, and the naive scraper text."""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import FIXTURES
from storyline.eval import shingles
from storyline.eval.cleaning import format_report as format_cleaning
from storyline.eval.cleaning import naive_visible_text, run_cleaning_eval
from storyline.eval.extraction import (
    DEFAULT_ROOT,
    load_gold,
    load_output,
    run_extraction_eval,
    score_system,
    storyline_html,
    trafilatura_default,
)
from storyline.eval.extraction import format_report as format_extraction
from storyline.extract.html import extract_html
from storyline.extract.plain import clean_text

BENCHMARK = DEFAULT_ROOT
needs_benchmark = pytest.mark.skipif(
    not (BENCHMARK / "ground-truth.json").is_file(), reason=f"no article-extraction-benchmark at {BENCHMARK}"
)


def test_tokens_are_unicode_words():
    assert shingles.tokens("Zürich — «Ça va?» 3,5 km; 東京") == ["Zürich", "Ça", "va", "3", "5", "km", "東京"]
    assert shingles.tokens(None) == []


def test_shingles_count_repeats_and_keep_short_texts():
    assert shingles.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles.shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles.shingles("two words") == {("two", "words"): 1}  # shorter than 4: one short shingle
    assert shingles.shingles("") == {}


def test_match_counts_are_normalised_per_document():
    gold = "one two three four five six"  # 3 shingles
    assert shingles.match_counts(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingles.match_counts(gold, "one two three four five seven")  # 2 shared, 1 wrong, 1 missed
    assert (tp, fp, fn) == pytest.approx((0.5, 0.25, 0.25))
    assert shingles.match_counts(gold, "") == (0.0, 0.0, 1.0)
    assert shingles.match_counts("", "") == (0.0, 0.0, 0.0)
    # a duplicated paragraph is a false positive for its repeated shingles
    assert shingles.match_counts("a b c d", "a b c d a b c d")[1] > 0


def test_precision_and_recall_edge_cases():
    assert shingles.precision(0.0, 0.0, 0.0) == 1.0 and shingles.recall(0.0, 0.0, 0.0) == 1.0
    assert shingles.precision(0.0, 0.0, 1.0) == 0.0  # nothing predicted (the mean skips it: tp + fp == 0)
    assert shingles.recall(0.0, 1.0, 0.0) == 0.0  # nothing to find (the mean skips it: tp + fn == 0)
    assert shingles.precision(0.5, 0.25, 0.25) == pytest.approx(2 / 3)
    assert shingles.precision(0.0, 1.0, 0.0) == 0.0
    assert shingles.recall(0.0, 0.0, 1.0) == 0.0


def test_means_skip_undefined_documents_and_f1_is_of_the_means():
    gold = {"a": "one two three four five", "b": "six seven eight nine ten", "c": ""}
    predicted = {"a": "one two three four five", "b": "", "c": ""}
    result = shingles.evaluate(gold, predicted, samples=0)
    # precision: "a" only (b predicts nothing, c is empty on both sides) -> 1.0
    # recall: "a" = 1, "b" = 0; "c" has tp + fn == 0 and is skipped -> 0.5
    assert (result.precision, result.recall) == (1.0, 0.5)
    assert result.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert result.accuracy == pytest.approx(2 / 3)  # "a" and "c" match token for token


def test_bootstrap_is_seeded_and_mismatched_ids_are_refused():
    gold = {str(i): f"w{i} x y z {'q ' * i}" for i in range(20)}
    predicted = {k: (v if int(k) % 3 else "x y z") for k, v in gold.items()}
    first = shingles.evaluate(gold, predicted, samples=200)
    assert first == shingles.evaluate(gold, predicted, samples=200)
    assert 0 < first.f1_std < 0.5 and first.documents == 20
    with pytest.raises(ValueError, match="differ"):
        shingles.evaluate(gold, {"0": "x"})


# The published table of the benchmark's README: F1, precision, recall, accuracy.
PUBLISHED = {
    "trafilatura": (0.958, 0.938, 0.978, 0.293),
    "html-text": (0.665, 0.500, 0.994, 0.000),
    "rs_trafilatura": (0.970, 0.951, 0.990, 0.287),
    "AutoExtract": (0.970, 0.984, 0.956, 0.470),
    "go_trafilatura": (0.960, 0.940, 0.980, 0.287),
    "readability": (0.922, 0.913, 0.931, 0.315),
    "goose3": (0.896, 0.940, 0.856, 0.232),
}


@needs_benchmark
@pytest.mark.parametrize("system", sorted(PUBLISHED))
def test_scorer_reproduces_the_published_table(system):
    gold = load_gold(BENCHMARK)
    result = score_system(system, load_output(BENCHMARK / "baseline-outputs" / f"{system}.json"), gold)
    s = result.scores
    observed = tuple(round(value, 3) for value in (s.f1, s.precision, s.recall, s.accuracy))
    assert observed == PUBLISHED[system]
    assert 0.002 < s.f1_std < 0.03  # the README's ± figures are of this size


# --- fixtures copied from the benchmark (tests/fixtures/extraction, MIT; see ORIGIN.md there) ----------

EXTRACTION_FIXTURES = FIXTURES / "extraction"


def _fixture_pages() -> list[tuple[str, bytes, str]]:
    pages = []
    for path in sorted(EXTRACTION_FIXTURES.glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        gold = json.loads((EXTRACTION_FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
        pages.append((name, gzip.decompress(path.read_bytes()), gold["articleBody"]))
    return pages


FIXTURE_NAMES = [p.name.removesuffix(".html.gz") for p in sorted(EXTRACTION_FIXTURES.glob("*.html.gz"))]


def test_fixtures_are_present():
    assert len(FIXTURE_NAMES) == 5 and (EXTRACTION_FIXTURES / "ORIGIN.md").is_file()


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_our_html_extraction_on_benchmark_pages(name):
    page = {n: (html, gold) for n, html, gold in _fixture_pages()}[name]
    html, gold = page
    ours = shingles.document_f1(gold, storyline_html(html))
    theirs = shingles.document_f1(gold, trafilatura_default(html))
    assert ours >= theirs - 0.005 and ours >= 0.95, (ours, theirs)


def test_body_split_into_sibling_chunks_is_read_whole():
    html, gold = next((h, g) for n, h, g in _fixture_pages() if n == "wired-instagram")
    assert shingles.document_f1(gold, trafilatura_default(html)) < 0.7  # trafilatura stops at the first chunk
    page = extract_html(html)
    assert page is not None and shingles.document_f1(gold, "\n".join(page.paragraphs)) > 0.98
    assert page.paragraphs[-1].startswith("Maybe Instagram likes it that way.")
    assert (page.title, page.outlet, page.language) == (
        "Chasing Instagram Analytics, My Friend Became a Grocery Store",
        "Wired",
        "en",
    )
    assert page.canonical_url == "https://www.wired.com/story/instagram-business-accounts-analytics/"


def test_links_to_other_articles_are_dropped_and_recorded():
    html, _ = next((h, g) for n, h, g in _fixture_pages() if n == "space-europa")
    page = extract_html(html)
    assert page is not None
    assert page.removed == ["Related: Possible Water Plumes on Europa: The Discovery in Images"]
    assert not any(p.startswith("Related:") for p in page.paragraphs)


# --- the naive scraper's text and our cleaner on it ------------------------------------------------------


def test_naive_visible_text_keeps_what_a_browser_shows():
    html = (
        b"<html><head><title>T</title><style>p{}</style><script>var x = 1;</script></head><body>"
        b"<nav><a href='/'>Home</a><a href='/w'>World</a></nav>"
        b"<h1>Floods  in\n the north</h1><p>Rain <b>fell</b> all\n night.<br>Rivers rose.</p>"
        b"<noscript>enable js</noscript><template><p>hidden</p></template><!-- note -->"
        b"<ul><li>one</li><li>two</li></ul><pre>a\n  b</pre><div hidden>kept anyway</div></body></html>"
    )
    assert naive_visible_text(html).split("\n") == [
        "HomeWorld",  # inline links run together, as a text-only scraper reads them
        "Floods in the north",
        "Rain fell all night.",
        "Rivers rose.",
        "one",
        "two",
        "a",
        "b",
        "kept anyway",
    ]
    assert naive_visible_text(b"") == ""


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_cleaner_on_naive_text_of_benchmark_pages(name):
    html, gold = {n: (h, g) for n, h, g in _fixture_pages()}[name]
    naive = naive_visible_text(html)
    result = clean_text(naive)
    before = shingles.document_f1(gold, naive)
    after = shingles.document_f1(gold, "\n".join(result.paragraphs))
    assert after > before + 0.05 and after >= 0.75, (before, after)
    lines = [" ".join(line.split()) for line in naive.split("\n")]
    assert all(line in lines for line in result.removed)  # recorded verbatim
    assert len(result.paragraphs) + len(result.removed) <= len(lines)


def test_cleaner_handles_japanese_sentences():
    html, gold = {n: (h, g) for n, h, g in _fixture_pages()}["ja-iphone-trademark"]
    result = clean_text(naive_visible_text(html))
    assert "もちろん、Apple社は「脱獄」を認めていません。" in result.paragraphs


# --- the evaluations on the whole benchmark (skipped when ../shared/data is absent) ----------------------


@needs_benchmark
def test_extraction_eval_beats_trafilatura_in_the_same_run():
    report = run_extraction_eval(BENCHMARK)
    trafilatura_run, ours = report.systems
    assert report.documents == 181 and ours.pages == 181
    assert ours.scores.f1 > 0.958 and ours.scores.f1 > trafilatura_run.scores.f1
    assert ours.pages_per_second > 0 and trafilatura_run.pages_per_second > 0
    text = format_extraction(report)
    assert "storyline (HTML)" in text and "trafilatura" in text and "pages/s" in text
    assert report.as_dict()["systems"][1]["f1"] == round(ours.scores.f1, 4)


@needs_benchmark
def test_cleaning_eval_on_naive_text():
    report = run_cleaning_eval(BENCHMARK)
    naive, cleaned = report.systems
    assert 0.64 < naive.scores.f1 < 0.70  # html-text's published all-text figure is 0.665
    assert cleaned.scores.f1 >= 0.90 and cleaned.scores.recall > 0.88
    assert report.removed_lines > report.kept_lines
    assert "storyline text cleaner" in format_cleaning(report)
