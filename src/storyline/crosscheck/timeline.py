"""A story's timeline: its dated events, each merged across the outlets that report it.

Every time expression that names a calendar day, week, month or year dates the sentence it
stands in. Sentences of the same day that tell the same thing (shared content words) become one
event with every reporting sentence as a source; a week- or month-dated sentence that matches a
day's event joins it ("earlier this week" beside "on Tuesday"). A date that rests on an estimated
publication day is marked estimated, and events long before the story's own days are kept apart
as background.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.model import Annotations, Article, Span, TimelineEntry

CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")
# a text that names its own date ("Feb. 28", "2014", "last August" does not) holds without the anchor
ABSOLUTE = re.compile(
    r"\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb"
    r"|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
BACKGROUND_DAYS = 60  # before the story's first publication by more than this: background, not the story
MIN_SHARED_WORDS = 3
WORD = re.compile(r"[^\W\d_]{4,}")
STOPWORDS = frozenset(
    """about after again against also among because been before being between both could does doing down
    during each from further have having here into just more most once only other over said same says
    should some such than that their them then there these they this those through under until very
    were what when where which while will with would your according told week month year monday tuesday
    wednesday thursday friday saturday sunday today yesterday""".split()
)


@dataclass
class _Mention:
    """One dated sentence of one article."""

    article_id: str
    start: int
    end: int
    text: str
    value: str  # the calendar part of the TIMEX3 value
    estimated: bool
    words: frozenset[str] = field(default_factory=frozenset)


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value ('2025-03-13TNI' -> '2025-03-13'), or None for
    references, durations and anything without a year."""
    if not value:
        return None
    found = CALENDAR.match(value)
    return found.group(0) if found else None


def start_day(value: str) -> date:
    """The first day a calendar value covers, for ordering."""
    found = CALENDAR.match(value)
    assert found is not None
    year, month, day, week = found.groups()
    if week:
        return date.fromisocalendar(int(year), int(week), 1)
    return date(int(year), int(month or 1), int(day or 1))


def _granularity(value: str) -> int:
    return 3 if len(value) == 10 else 2 if "W" in value else 1 if len(value) == 7 else 0


def _covers(coarse: str, day_value: str) -> bool:
    day = start_day(day_value)
    if "W" in coarse:
        monday = start_day(coarse)
        return monday <= day < monday + timedelta(days=7)
    return day_value.startswith(coarse)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.lower() for m in WORD.findall(text)) if w not in STOPWORDS)


def _sentence_of(notes: Annotations, start: int) -> tuple[int, int] | None:
    for sentence_start, sentence_end in notes.sentences:
        if sentence_start <= start < sentence_end:
            return sentence_start, sentence_end
    return None


def _mentions(articles: Sequence[Article], annotations: dict[str, Annotations]) -> list[_Mention]:
    found = []
    for article in articles:
        notes = annotations.get(article.id)
        if notes is None or article.duplicate_of:  # a wire copy adds no report of its own
            continue
        for time in notes.times:
            value = calendar_value(time.value)
            sentence = _sentence_of(notes, time.start)
            if value is None or sentence is None or time.type not in {"DATE", "TIME"}:
                continue
            start, end = sentence
            text = article.text[start:end].strip()
            start += len(article.text[start:end]) - len(article.text[start:end].lstrip())
            estimated = article.published_estimated and not ABSOLUTE.search(time.text)
            found.append(
                _Mention(article.id, start, start + len(text), text, value, estimated, _content_words(text))
            )
    return found


def _same_event(one: _Mention, other: _Mention) -> bool:
    return len(one.words & other.words) >= MIN_SHARED_WORDS


def build_timeline(articles: Sequence[Article], annotations: dict[str, Annotations]) -> list[TimelineEntry]:
    mentions = _mentions(articles, annotations)
    events: list[list[_Mention]] = []
    # finest dates first, so that a week- or month-dated sentence can join the day it matches
    for mention in sorted(mentions, key=lambda m: -_granularity(m.value)):
        home = None
        for event in events:
            anchor = event[0].value
            same_date = anchor == mention.value or (
                _granularity(mention.value) < _granularity(anchor) and _covers(mention.value, anchor)
            )
            if same_date and any(_same_event(mention, other) for other in event):
                home = event
                break
        if home is None:
            events.append([mention])
        elif all((m.article_id, m.start) != (mention.article_id, mention.start) for m in home):
            home.append(mention)  # one sentence with two dates of one event counts once
    published = sorted(a.published[:10] for a in articles if a.published and not a.published_estimated)
    first_day = date.fromisoformat(published[0]) if published else None
    entries = [_entry(event, first_day) for event in events]
    return sorted(entries, key=lambda e: (start_day(e.date), -_granularity(e.date), e.text))


def _closeness(mention: _Mention, event: list[_Mention]) -> float:
    """How much of what the others say this sentence says, and little else: the concise, central one."""
    return sum(
        len(mention.words & other.words) / len(mention.words | other.words)
        for other in event
        if other is not mention and mention.words | other.words
    )


def _entry(event: list[_Mention], first_day: date | None) -> TimelineEntry:
    value = event[0].value
    # the sentence sharing most words with the others tells the event best; a short one on a tie
    best = max(event, key=lambda m: (sum(len(m.words & o.words) for o in event if o is not m), -len(m.text)))
    sources = sorted(
        {Span(m.article_id, m.start, m.end, m.text) for m in event}, key=lambda s: (s.article_id, s.start)
    )
    background = first_day is not None and (first_day - start_day(value)).days > BACKGROUND_DAYS
    return TimelineEntry(
        date=value,
        text=best.text,
        sources=sources,
        estimated=all(m.estimated for m in event),
        background=background,
    )
