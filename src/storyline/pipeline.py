"""The one way through the pipeline: ingest -> extract -> annotate -> stories -> crosscheck.

This is the only module that composes the stages and talks to the store. Each step reads
what the store still lacks and commits what it makes, so a run killed at any point
continues where it stopped when started again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from storyline.ingest import DEFAULT_MAX_BYTES, iter_inputs
from storyline.model import Article, RawDocument, Rejection
from storyline.store import Store

log = logging.getLogger(__name__)

# progress(stage, done, total): called as work advances; the CLI draws it as a bar.
Progress = Callable[[str, int, int], None]
ANNOTATE_BATCH = 32
T = TypeVar("T")


def _quiet(_stage: str, _done: int, _total: int) -> None:
    pass


@dataclass
class RunReport:
    new_inputs: int = 0
    seen_inputs: int = 0
    articles: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    annotated: int = 0
    stories: int = 0


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    report: RunReport,
    progress: Progress = _quiet,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> None:
    """Keep every raw input; record why an input could not even be read."""
    for count, item in enumerate(iter_inputs(paths, max_bytes=max_bytes), start=1):
        if isinstance(item, Rejection):
            if item.content is not None:  # keep what was read, marked rejected so it is never extracted
                kept = RawDocument(source=item.source, content=item.content, kind="text")
                store.add_raw(kept)
                item.raw_id = kept.id
            store.add_rejection(item)
            report.rejected.append(item)
        elif store.add_raw(item):
            report.new_inputs += 1
        else:
            report.seen_inputs += 1
        progress("ingest", count, 0)


def extract_pending(store: Store, report: RunReport, progress: Progress = _quiet) -> None:
    from storyline.extract import extract

    pending = store.pending_raw_ids()
    for done, raw_id in enumerate(pending, start=1):
        raw = store.raw(raw_id)
        assert raw is not None
        try:
            result = extract(raw)
        except Exception as error:  # a bug in one input's extraction must not stop the batch
            log.exception("extracting %s failed", raw.source)
            result = Rejection(raw.source, f"extraction failed: {error!r}", "extract", raw_id)
        if isinstance(result, Article):
            store.add_article(result)
            report.articles += 1
        else:
            result.raw_id = raw_id
            store.add_rejection(result)
            report.rejected.append(result)
        progress("extract", done, len(pending))


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def annotate_pending(store: Store, report: RunReport, progress: Progress = _quiet, nlp=None) -> None:
    ids = store.unannotated_ids()
    if not ids:
        return
    from storyline.annotate import annotate, load_nlp

    nlp = nlp or load_nlp()
    articles = store.articles(ids)
    done = 0
    for batch in _batches(articles, ANNOTATE_BATCH):  # commit per batch: a crash keeps what was done
        report.annotated += store.save_annotations(annotate(nlp, batch))
        done += len(batch)
        progress("annotate", done, len(articles))


def build_stories(store: Store, report: RunReport, progress: Progress = _quiet, nlp=None) -> None:
    """Cluster every stored article into stories, date the undated ones, crosscheck each story."""
    from storyline.crosscheck import analyse_story
    from storyline.stories import assign_stories

    articles = store.articles()
    annotations = store.annotations()
    stories = assign_stories(articles, annotations)
    by_id = {a.id: a for a in articles}
    _estimate_dates(store, stories, by_id, annotations, nlp)
    analyses = {}
    for done, story in enumerate(stories, start=1):
        analyses[story.id] = analyse_story(story, [by_id[i] for i in story.article_ids], annotations)
        progress("crosscheck", done, len(stories))
    store.replace_stories(stories, analyses)
    report.stories = len(stories)


def _estimate_dates(store: Store, stories, by_id: dict[str, Article], annotations, nlp) -> None:
    """Give undated articles the publication day their story points to, marked as estimated, and
    read their time expressions again against it."""
    from storyline.annotate.times import normalise
    from storyline.crosscheck.dating import estimate_publication_dates

    def resolve(text, anchor):
        return normalise(text, anchor)[0]

    estimates: dict[str, str] = {}
    for story in stories:
        members = [by_id[i] for i in story.article_ids]
        if any(a.published is None for a in members):
            estimates.update(estimate_publication_dates(members, annotations, resolve))
    if not estimates:
        return
    store.set_published(estimates)
    dated = store.articles(list(estimates))
    by_id.update({a.id: a for a in dated})
    from storyline.annotate import annotate, load_nlp

    fresh = list(annotate(nlp or load_nlp(), dated))
    store.save_annotations(fresh)
    annotations.update({notes.article_id: notes for notes in fresh})
    for story in stories:  # the title stays the index's choice, so a later run shows the same one
        days = sorted(day[:10] for i in story.article_ids if (day := by_id[i].published))
        story.first_published, story.last_published = (days[0], days[-1]) if days else (None, None)


def process(
    store: Store, report: RunReport | None = None, progress: Progress = _quiet, nlp=None
) -> RunReport:
    """Bring everything stored up to date: extract, annotate, stories, crosscheck."""
    report = report or RunReport()
    extract_pending(store, report, progress)
    annotate_pending(store, report, progress, nlp=nlp)
    build_stories(store, report, progress, nlp=nlp)
    return report


def run(
    store: Store,
    paths: Iterable[str | Path],
    progress: Progress = _quiet,
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RunReport:
    """Ingest the given paths and process everything: what ``storyline analyze`` does."""
    report = RunReport()
    ingest(store, paths, report, progress, max_bytes=max_bytes)
    return process(store, report, progress, nlp=nlp)
