"""The one way through the pipeline: ingest -> extract -> dedup -> annotate -> stories -> crosscheck.

This is the only module that composes the stages and talks to the store. Each step reads
what the store still lacks and commits what it makes, so a run killed at any point
continues where it stopped when started again. Inputs come from files (``ingest``), URLs
(``ingest_urls``) and feeds (``poll_feeds``); work done once is kept (MinHash signatures, story
features, the story index, each story's analysis), so a run costs what its new articles cost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from storyline.ingest import DEFAULT_MAX_BYTES, iter_inputs
from storyline.ingest.archives import ColumnMapping
from storyline.model import Article, RawDocument, Rejection
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetcher

log = logging.getLogger(__name__)

# progress(stage, done, total): called as work advances; the CLI draws it as a bar.
Progress = Callable[[str, int, int], None]
ANNOTATE_BATCH = 32
DEDUP_FEATURES = "minhash"
STORY_FEATURES = "story"
STORY_INDEX = "stories"
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
    duplicates: int = 0
    stories: int = 0
    reanalysed: int = 0  # stories crosschecked again (the others kept their stored analysis)
    changed: set[str] = field(default_factory=set, repr=False)  # articles whose annotations changed


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    report: RunReport,
    progress: Progress = _quiet,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMapping | None = None,
) -> None:
    """Keep every raw input; record why an input could not even be read."""
    for count, item in enumerate(iter_inputs(paths, max_bytes=max_bytes, columns=columns), start=1):
        _keep(store, item, report)
        progress("ingest", count, 0)


def ingest_urls(
    store: Store, urls: Sequence[str], report: RunReport, fetcher: Fetcher, progress: Progress = _quiet
) -> None:
    """Fetch each page (safely: see ``ingest.fetch``) and keep it like a file; a failure is a rejection."""
    for count, url in enumerate(urls, start=1):
        fetched = fetcher.fetch(url)
        _keep(store, fetched if isinstance(fetched, Rejection) else fetched.to_raw_document(), report)
        progress("fetch", count, len(urls))


def poll_feeds(
    store: Store,
    feed_urls: Sequence[str],
    report: RunReport,
    fetcher: Fetcher,
    progress: Progress = _quiet,
    max_new: int = 50,
) -> None:
    """Poll each feed once and keep its new entries' pages; a feed that fails never stops the others.

    The feed's state (ETag, entries seen) is saved after its documents, so a run killed in between
    fetches those entries again rather than losing them; kept bytes are deduplicated anyway.
    """
    from storyline.ingest.feeds import FeedState, poll_feed

    for count, url in enumerate(feed_urls, start=1):
        state = FeedState.from_dict(store.feed_state(url), url=url)
        result = poll_feed(fetcher, url, state, max_new=max_new)
        for document in result.documents:
            _keep(store, document, report)
        for rejection in result.rejections:
            _keep(store, rejection, report)
        store.save_feed_state(url, result.state.to_dict())
        progress("feeds", count, len(feed_urls))


def _keep(store: Store, item: RawDocument | Rejection, report: RunReport) -> None:
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


def dedup_pending(store: Store, report: RunReport, progress: Progress = _quiet) -> None:
    """Link each new article that copies an earlier one (a wire story republished) to that original.

    Copies are linked through ``duplicate_of``, never dropped; later stages count them once.
    The index is rebuilt from the stored MinHash signatures, so no text is read again.
    """
    from storyline.dedup import DuplicateIndex, signature

    pending = store.ids_without_features(DEDUP_FEATURES)
    if not pending:
        return
    index = DuplicateIndex()
    links = store.duplicate_links()
    for article_id, blob in store.features(DEDUP_FEATURES):
        index.restore(article_id, blob, links.get(article_id))
    blobs: dict[str, bytes] = {}
    found: dict[str, str] = {}
    for done, article in enumerate(store.articles(pending), start=1):  # arrival order: originals first
        blobs[article.id] = signature(article.text)
        original = index.add_signature(article.id, blobs[article.id])
        if original is not None and article.duplicate_of is None:
            found[article.id] = original
        progress("dedup", done, len(pending))
    store.save_features(DEDUP_FEATURES, blobs)
    store.set_duplicates(found)
    report.duplicates += len(found)


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def annotate_pending(store: Store, report: RunReport, progress: Progress = _quiet, nlp=None) -> None:
    ids = store.unannotated_ids()
    if not ids:
        return
    from storyline.annotate import annotate_doc, load_nlp, parse_texts
    from storyline.annotate.parses import PARSE_FEATURES, doc_to_bytes

    nlp = nlp or load_nlp()
    articles = store.articles(ids)
    done = 0
    for batch in _batches(articles, ANNOTATE_BATCH):  # commit per batch: a crash keeps what was done
        parsed = list(zip(batch, parse_texts(nlp, (a.text for a in batch), ANNOTATE_BATCH), strict=True))
        report.annotated += store.save_annotations(annotate_doc(a, doc) for a, doc in parsed)
        # the parse is kept too: crosscheck and dating read it again instead of parsing again
        store.save_features(PARSE_FEATURES, {a.id: doc_to_bytes(doc) for a, doc in parsed})
        report.changed.update(article.id for article in batch)
        done += len(batch)
        progress("annotate", done, len(articles))


def _kept_parser(store: Store, nlp):
    """article -> its parse, read from the store (parsed again only when none is kept)."""
    from storyline.annotate.parses import PARSE_FEATURES, parser

    def stored(article_id: str) -> bytes | None:
        found = store.features(PARSE_FEATURES, [article_id])
        return found[0][1] if found else None

    return parser(nlp, stored)


def build_stories(store: Store, report: RunReport, progress: Progress = _quiet, nlp=None) -> None:
    """Assign the new articles to stories online, date the undated ones, crosscheck each story
    whose articles changed (a story as it was keeps its stored analysis)."""
    from storyline.crosscheck import analyse_story, link_across_stories

    articles = store.articles()
    annotations = store.annotations()
    stories = _assign_new_articles(store, articles, annotations)
    by_id = {a.id: a for a in articles}
    report.changed |= _estimate_dates(store, stories, by_id, annotations, nlp)
    before = {story.id: story.article_ids for story in store.stories()}
    stored = store.analyses()
    stale = [
        story
        for story in stories
        if story.id not in stored
        or set(before.get(story.id, ())) != set(story.article_ids)
        or report.changed.intersection(story.article_ids)
    ]
    analyses = {story.id: stored[story.id] for story in stories if story.id in stored}
    if stale:
        from storyline.annotate import load_nlp
        from storyline.stories import default_embedder

        nlp, embedder = nlp or load_nlp(), default_embedder()
        parse = _kept_parser(store, nlp)
    for done, story in enumerate(stale, start=1):
        members = [by_id[i] for i in story.article_ids]
        analyses[story.id] = analyse_story(story, members, annotations, embedder=embedder, parse=parse)
        progress("crosscheck", done, len(stale))
    if stale:  # a changed story may change who is who across stories
        link_across_stories(analyses.values())
    store.replace_stories(stories, analyses)
    report.stories = len(stories)
    report.reanalysed = len(stale)


def _assign_new_articles(store: Store, articles: list[Article], annotations) -> list:
    """Each article's story features are computed once and kept; the story index is kept between
    runs, so a run feeds it only the articles it has not seen, in arrival order."""
    from storyline.stories import (
        ArticleFeatures,
        Params,
        articles_features,
        default_embedder,
        stories_from_index,
    )

    missing = set(store.ids_without_features(STORY_FEATURES))
    if missing:
        fresh = articles_features([a for a in articles if a.id in missing], annotations, default_embedder())
        store.save_features(STORY_FEATURES, {f.article_id: f.to_bytes() for f in fresh})
    index = _stored_index(store.index_state(STORY_INDEX), Params())
    new = [a for a in articles if a.id not in index.article_story]
    # originals before their copies, so a copy seen first still follows its original
    new = [a for a in new if a.duplicate_of is None] + [a for a in new if a.duplicate_of]
    if new:
        stored = dict(store.features(STORY_FEATURES, [a.id for a in new]))
        for article in new:
            index.add(article.id, ArticleFeatures.from_bytes(stored[article.id]))
        # small stories are offered again to the stories this batch grew
        members = index.settle_members()
        stored.update(store.features(STORY_FEATURES, [a for a in members if a not in stored]))
        index.settle({a: ArticleFeatures.from_bytes(stored[a]) for a in members if a in stored})
        store.save_index_state(STORY_INDEX, index.dump())
    return stories_from_index(index, articles)


def _stored_index(blob: bytes | None, params):
    """The kept story index; a fresh one when there is none, or when it was built with other settings
    or by an older format (its articles are then replayed from their kept features)."""
    from storyline.stories import StoryIndex

    if blob is not None:
        try:
            index = StoryIndex.load(blob)
        except Exception as error:  # an index written by an older version: rebuild rather than fail
            log.warning("story index could not be read (%r); rebuilding it", error)
        else:
            if index.params == params:
                return index
            log.info("story settings changed; rebuilding the story index")
    return StoryIndex(params)


def _estimate_dates(store: Store, stories, by_id: dict[str, Article], annotations, nlp) -> set[str]:
    """Give undated articles the publication day their story points to, marked as estimated, and
    read their time expressions again against it; the ids of the articles dated so."""
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
        return set()
    store.set_published(estimates)
    dated = store.articles(list(estimates))
    by_id.update({a.id: a for a in dated})
    from storyline.annotate import annotate_doc, load_nlp

    parse = _kept_parser(store, nlp or load_nlp())
    fresh = [annotate_doc(article, parse(article)) for article in dated]  # times read against the estimate
    store.save_annotations(fresh)
    annotations.update({notes.article_id: notes for notes in fresh})
    for story in stories:  # the title stays the index's choice, so a later run shows the same one
        days = sorted(day[:10] for i in story.article_ids if (day := by_id[i].published))
        story.first_published, story.last_published = (days[0], days[-1]) if days else (None, None)
    return set(estimates)


def process(
    store: Store, report: RunReport | None = None, progress: Progress = _quiet, nlp=None
) -> RunReport:
    """Bring everything stored up to date: extract, annotate, stories, crosscheck."""
    report = report or RunReport()
    extract_pending(store, report, progress)
    dedup_pending(store, report, progress)
    annotate_pending(store, report, progress, nlp=nlp)
    build_stories(store, report, progress, nlp=nlp)
    return report


def run(
    store: Store,
    paths: Iterable[str | Path],
    progress: Progress = _quiet,
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMapping | None = None,
) -> RunReport:
    """Ingest the given paths and process everything: what ``storyline analyze`` does."""
    report = RunReport()
    ingest(store, paths, report, progress, max_bytes=max_bytes, columns=columns)
    return process(store, report, progress, nlp=nlp)
