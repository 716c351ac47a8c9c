"""Publication dates for undated articles, estimated from the other articles of their story.

Scraped text often loses its date line. An undated report of a story still says "on Wednesday"
and "Thursday night"; read against the right publication day those words land on the days the
dated reports name. So each candidate day near the story's known dates is tried as the anchor,
the article's own day expressions are resolved against it, and the day that puts them closest
to the story's known days wins. Ties go to the day nearest the dated reports, then the earliest
day on or after everything the article already tells as past. Estimates are always marked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from storyline.model import Annotations, Article

# resolve(text, anchor) -> TIMEX3 value: the annotate stage's normaliser, passed in by the pipeline
Resolve = Callable[[str, date], "str | None"]
WINDOW_DAYS = 7  # an undated report is taken to be published within a week of the story's dated ones
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: str | None) -> date | None:
    if value is None or not DAY.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def estimate_publication_dates(
    articles: Sequence[Article], annotations: dict[str, Annotations], resolve: Resolve
) -> dict[str, str]:
    """ISO dates for the story's undated articles that the story gives evidence for."""
    published = {a.id: day for a in articles if (day := _day(a.published)) is not None}
    if not published:
        return {}
    known_days = set(published.values())
    for article_id in published:
        notes = annotations.get(article_id)
        for time in notes.times if notes else []:
            if (day := _day(time.value)) is not None and time.type in {"DATE", "TIME"}:
                known_days.add(day)
    anchors = sorted(published.values())
    # the days within a week of a dated report (not every day between the first and the last: a
    # story whose reports span years would try thousands of anchors)
    window = range(-WINDOW_DAYS, WINDOW_DAYS + 1)
    candidates = sorted({anchor + timedelta(days=offset) for anchor in anchors for offset in window})
    estimates = {}
    for article in articles:
        if article.id in published or article.id not in annotations:
            continue
        expressions = [t.text for t in annotations[article.id].times if t.type in {"DATE", "TIME"}]
        best = _best_anchor(expressions, candidates, known_days, anchors, resolve)
        if best is not None:
            estimates[article.id] = best.isoformat()
    return estimates


def _best_anchor(
    expressions: list[str],
    candidates: list[date],
    known_days: set[date],
    anchors: list[date],
    resolve: Resolve,
) -> date | None:
    scored = []
    for candidate in candidates:
        days = [day for text in expressions if (day := _day(resolve(text, candidate))) is not None]
        if not days:
            continue
        distance = sum(min(abs((day - known).days) for known in known_days) for day in days)
        told_before = max(days) <= candidate  # it cannot be published before what it reports
        nearest_dated = min(abs((candidate - anchor).days) for anchor in anchors)
        scored.append((distance, not told_before, nearest_dated, candidate))
    if not scored:
        return None
    return min(scored)[3]
