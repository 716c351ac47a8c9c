"""Coverage: per article, what only it carries and the widely carried items it leaves out."""

from __future__ import annotations

import pytest

from conftest import DEMO_STORY
from storyline.crosscheck.coverage import build_coverage
from storyline.model import Article, Claim, ClaimSource, Quote, ResolvedQuote


def _article(number: int, outlet: str | None = None, duplicate_of: str | None = None) -> Article:
    return Article(id=f"a{number}", source=f"test-{number}", text="x" * 200, outlet=outlet, duplicate_of=duplicate_of)


def _claim(claim_id: str, *article_ids: str) -> Claim:
    sources = [ClaimSource(i, 0, 10, "x" * 10) for i in article_ids]
    status = "agree" if len(set(article_ids)) > 1 else "single"
    return Claim(id=claim_id, text=f"claim {claim_id}", status=status, sources=sources)  # type: ignore[arg-type]


def _quote(article_id: str, text: str, group_id: str | None = None, kind: str = "direct") -> ResolvedQuote:
    quote = Quote(start=0, end=len(text), text=text, kind=kind)  # type: ignore[arg-type]
    return ResolvedQuote(id=f"q-{article_id}-{text[:8]}", article_id=article_id, quote=quote, group_id=group_id)


@pytest.fixture
def story():
    articles = [_article(1, "Reuters"), _article(2, "CNN"), _article(3), _article(4, duplicate_of="a1")]
    claims = [
        _claim("wide", "a1", "a2"),  # two of three independent outlets: widely carried
        _claim("only-1", "a1", "a4"),  # the original and its wire copy: still one outlet
        _claim("only-3", "a3"),
    ]
    quotes = [
        _quote("a2", "It is absolutely unacceptable to us", group_id="g1"),
        _quote("a3", "It is absolutely unacceptable to us that army units are stationed", group_id="g1"),
        _quote("a3", "Our immediate goal is to destroy the enemy"),  # direct, no other outlet
        _quote("a1", "the ball is in Russia's court", kind="indirect"),  # paraphrases are not matched yet
        _quote("a2", "hasty", kind="mixed"),  # one word in quotation marks: emphasis
    ]
    return articles, claims, quotes


def _by_article(coverage):
    return {c.article_id: ([i.id for i in c.unique], [i.id for i in c.missing]) for c in coverage}


def test_unique_and_missing_per_article(story):
    coverage = build_coverage(*story)
    assert [c.article_id for c in coverage] == ["a1", "a2", "a3", "a4"]
    assert [c.outlet for c in coverage] == ["Reuters", "CNN", None, None]
    found = _by_article(coverage)
    assert found["a1"] == (["only-1"], ["g1"])
    assert found["a2"] == ([], [])
    assert found["a3"] == (["only-3", "q-a3-Our imme"], ["wide"])
    # the wire copy shares its original's unique claim and misses what its original carries elsewhere
    assert found["a4"] == (["only-1"], ["wide", "g1"])


def test_quote_group_item_reads_as_its_longest_quote(story):
    coverage = build_coverage(*story)
    [item] = [i for c in coverage for i in c.missing if i.kind == "quote"][:1]
    assert item.text == "It is absolutely unacceptable to us that army units are stationed"


def test_items_carried_by_too_few_outlets_are_missed_by_no_one():
    articles = [_article(n) for n in range(1, 6)]  # five outlets: widely carried means three
    claims = [_claim("two", "a1", "a2"), _claim("three", "a1", "a2", "a3")]
    found = _by_article(build_coverage(articles, claims, []))
    assert found["a4"] == ([], ["three"])
    assert found["a3"] == ([], [])


def test_a_story_of_one_article_misses_nothing():
    found = _by_article(build_coverage([_article(1)], [_claim("c", "a1")], []))
    assert found == {"a1": (["c"], [])}


@pytest.mark.slow
def test_demo_story_coverage(tmp_path, nlp):
    from storyline import pipeline
    from storyline.crosscheck.claims import find_claims
    from storyline.store import Store

    store = Store.open(tmp_path / "demo.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    articles, annotations = store.articles(), store.annotations()
    [analysis] = store.analyses().values()
    store.close()
    claims = find_claims(articles, annotations, nlp=nlp)
    coverage = {c.article_id: c for c in build_coverage(articles, claims, analysis.quotes)}
    number = {a.id: a.source.split("/")[-1][:3] for a in articles}
    [share] = [c for c in claims if any("20 percent" in s.text for s in c.sources)]
    missing_share = sorted(number[i] for i, c in coverage.items() if share.id in [m.id for m in c.missing])
    assert missing_share == ["002", "004"]  # carried by 001 and 003: half of the four outlets
    by_number = {number[i]: c for i, c in coverage.items()}
    assert any("drones" in item.text for item in by_number["003"].unique)  # only 003 reports the drones
    for item in (i for c in coverage.values() for i in c.unique + c.missing):
        assert item.text and item.kind in ("claim", "quote")
