"""Publication dates estimated from the story: the day that puts an article's weekdays on the
days its dated sibling reports name."""

from __future__ import annotations

from storyline.annotate.times import normalise
from storyline.crosscheck.dating import estimate_publication_dates
from storyline.model import Annotations, Article, TimeExpression


def _resolve(text, anchor):
    return normalise(text, anchor)[0]


def _article(article_id: str, text: str, published: str | None, times: list[tuple[str, str | None]]):
    article = Article(id=article_id, source=f"{article_id}.txt", text=text, published=published)
    spans = []
    for phrase, value in times:
        start = text.index(phrase)
        spans.append(TimeExpression(start, start + len(phrase), phrase, value))
    return article, Annotations(article_id=article_id, times=spans)


def _story():
    dated, dated_notes = _article(
        "dated",
        "The envoy arrived on Thursday after a call on Wednesday.",
        "2025-03-13",
        [("Thursday", "2025-03-13"), ("Wednesday", "2025-03-12")],
    )
    undated, undated_notes = _article(
        "undated",
        "Drones flew early on Friday, a day after the envoy met him on Thursday night.",
        None,
        [("Friday", None), ("Thursday night", None)],
    )
    return [dated, undated], {"dated": dated_notes, "undated": undated_notes}


def test_an_undated_report_takes_the_day_its_weekdays_fit():
    articles, annotations = _story()
    assert estimate_publication_dates(articles, annotations, _resolve) == {"undated": "2025-03-14"}


def test_nothing_is_estimated_without_a_dated_article():
    articles, annotations = _story()
    articles[0].published = None
    assert estimate_publication_dates(articles, annotations, _resolve) == {}


def test_an_article_without_day_expressions_is_left_undated():
    articles, annotations = _story()
    annotations["undated"].times = [TimeExpression(0, 4, "2014", "2014")]
    assert estimate_publication_dates(articles, annotations, _resolve) == {}


def test_a_story_spanning_years_tries_only_the_weeks_around_its_dated_reports():
    articles, annotations = _story()
    later, later_notes = _article("later", "The envoy returned on Monday.", "2028-06-05", [("Monday", "2028-06-05")])
    articles.append(later)
    annotations["later"] = later_notes
    tried = set()

    def resolve(text, anchor):
        tried.add(anchor)
        return _resolve(text, anchor)

    assert estimate_publication_dates(articles, annotations, resolve) == {"undated": "2025-03-14"}
    assert len(tried) <= 3 * 15  # a fortnight around each dated report, not the three years between
