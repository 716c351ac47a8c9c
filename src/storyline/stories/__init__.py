"""Stories: which reports tell the same story.

Each article's features are computed once (``features.article_features``); ``index.StoryIndex``
assigns articles online, in arrival order, to an existing story or a new one, at a cost bounded by
candidate blocking, may merge stories a later article bridges, and after each batch settles: small
stories are offered again to the stories grown since. ``assign_stories`` is the batch form: it
replays the given articles through a fresh index as one batch.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from storyline.model import Annotations, Article, Story
from storyline.stories.features import (
    ArticleFeatures,
    Embedder,
    article_features,
    articles_features,
    load_embedder,
)
from storyline.stories.index import Params, StoryIndex

__all__ = [
    "ArticleFeatures",
    "Params",
    "StoryIndex",
    "article_features",
    "articles_features",
    "assign_stories",
    "default_embedder",
    "stories_from_index",
    "story_title",
]

log = logging.getLogger(__name__)
_EMBEDDER: list[Embedder] = []  # loaded once per process, on first use


def default_embedder() -> Embedder:
    if not _EMBEDDER:
        _EMBEDDER.append(load_embedder())
    return _EMBEDDER[0]


def assign_stories(
    articles: Sequence[Article],
    annotations: dict[str, Annotations],
    embedder: Embedder | None | bool = True,
    params: Params | None = None,
) -> list[Story]:
    """Cluster articles into stories in their given (arrival) order.

    ``embedder``: True loads MiniLM once per process, None/False goes without embeddings (the
    text cosine stands in), or pass a loaded model. Wire copies (``duplicate_of``) follow their
    original. Story ids derive from a story's first article, so re-runs keep them.
    """
    model = default_embedder() if embedder is True else (embedder or None)
    # originals first within the batch order, so a copy seen before its original still follows it
    ordered = [a for a in articles if a.duplicate_of is None] + [a for a in articles if a.duplicate_of]
    features = articles_features(ordered, annotations, model)  # type: ignore[arg-type]
    index = StoryIndex.rebuild(features, params)
    stories = stories_from_index(index, articles)
    log.info("%d articles in %d stories (%d merges)", len(articles), len(stories), len(index.merges))
    return stories


def stories_from_index(index: StoryIndex, articles: Sequence[Article]) -> list[Story]:
    """The index's live stories as ``Story`` records, members in the given order."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        if article.id in index.article_story:
            members.setdefault(index.story_of(article.id), []).append(article)
    stories = []
    for story_id, group in members.items():
        dates = sorted(a.published[:10] for a in group if a.published)
        stories.append(
            Story(
                id=story_id,
                title=story_title(group, index.story_title(story_id)),
                article_ids=[a.id for a in group],
                first_published=dates[0] if dates else None,
                last_published=dates[-1] if dates else None,
            )
        )
    return stories


def story_title(members: Sequence[Article], representative: str | None = None) -> str:
    """The representative headline when the index chose one, else the earliest dated headline
    (a date line before an estimate), else the first title, else the opening line."""
    if representative:
        return representative
    dated = sorted(
        (a for a in members if a.published and a.title),
        key=lambda a: (a.published_estimated, a.published or ""),
    )
    for article in dated + list(members):
        if article.title:
            return article.title
    first = members[0].text.strip().split("\n", 1)[0]
    return first[:90]
