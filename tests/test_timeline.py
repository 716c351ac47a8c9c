"""The timeline merges the outlets' sentences of one event and keeps different events apart."""

from __future__ import annotations

from storyline.crosscheck.timeline import build_timeline, calendar_value
from storyline.export.html import render_html
from storyline.model import Annotations, Article, TimeExpression


def _article(article_id, text, published, estimated, times):
    article = Article(
        id=article_id, source=f"{article_id}.txt", text=text, outlet=article_id.upper(),
        published=published, published_estimated=estimated,
    )  # fmt: skip
    sentences, start = [], 0
    for sentence in text.split(". "):
        sentences.append((start, start + len(sentence) + 1))
        start += len(sentence) + 2
    spans = [TimeExpression(text.index(p), text.index(p) + len(p), p, v) for p, v in times]
    return article, Annotations(article_id=article_id, sentences=sentences, times=spans)


def _story():
    one = _article(
        "one",
        "Putin visited the Kursk region on Wednesday in military fatigues. Talks with Witkoff are set.",
        "2025-03-13", False, [("Wednesday", "2025-03-12")],
    )  # fmt: skip
    two = _article(
        "two",
        "On Wednesday Putin visited the Kursk region wearing military fatigues. Drones flew on Friday over Moscow.",
        "2025-03-14", True, [("Wednesday", "2025-03-12"), ("Friday", "2025-03-14")],
    )  # fmt: skip
    articles = [one[0], two[0]]
    return articles, {one[1].article_id: one[1], two[1].article_id: two[1]}


def test_one_event_told_by_two_outlets_is_one_entry_citing_both():
    timeline = build_timeline(*_story())
    assert [entry.date for entry in timeline] == ["2025-03-12", "2025-03-14"]
    visit, drones = timeline
    assert {s.article_id for s in visit.sources} == {"one", "two"}
    assert not visit.estimated  # one outlet dates it from its own date line
    assert drones.estimated  # only the estimated article tells it


def test_wire_copies_add_no_source():
    articles, annotations = _story()
    articles[1].duplicate_of = "one"
    timeline = build_timeline(articles, annotations)
    assert [{s.article_id for s in e.sources} for e in timeline] == [{"one"}]


def test_calendar_values_only():
    assert calendar_value("2025-03-13TNI") == "2025-03-13"
    assert calendar_value("2025-W11") == "2025-W11"
    assert calendar_value("PRESENT_REF") is None and calendar_value("P30D") is None


def test_the_report_shows_the_timeline_with_estimates_marked():
    articles, annotations = _story()
    entries = build_timeline(articles, annotations)
    export = {
        "schema": "storyline.export/1",
        "articles": [
            {"id": a.id, "source": a.source, "outlet": a.outlet, "title": a.id, "text": a.text, "published": a.published,
             "published_estimated": a.published_estimated, "url": None, "removed": [], "story_id": "s"}
            for a in articles
        ],
        "stories": [{"id": "s", "title": "Story", "article_ids": [a.id for a in articles],
                     "first_published": "2025-03-13", "last_published": "2025-03-14"}],
        "entities": [], "quotes": [], "times": [], "claims": [], "positions": [], "coverage": [], "briefs": [],
        "timeline": [
            {"story_id": "s", "date": e.date, "text": e.text, "estimated": e.estimated, "background": e.background,
             "sources": [{"article_id": s.article_id, "start": s.start, "end": s.end} for s in e.sources]}
            for e in entries
        ],
    }  # fmt: skip
    html = render_html(export)
    assert "<h3>Timeline</h3>" in html
    assert "2025-03-14 <span class=\"muted\" title=\"from an estimated publication date\">(estimated)" in html
    assert 'href="#article-one">ONE</a>, <a href="#article-two">TWO</a>' in html
