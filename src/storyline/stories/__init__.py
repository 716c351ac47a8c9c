"""Stories: which reports tell the same story.

A first, honest clustering: articles are taken in arrival order and each one joins the
existing story it is most similar to, or starts a new one. Similarity mixes the words of
the whole text (TF-IDF cosine, average link over the story's articles) with the named
entities the texts share, so two reports of the same event by different outlets meet even
when their wording differs, while two events of one kind that share topic words but not
their people and places stay apart.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Annotations, Article, Story, content_id

log = logging.getLogger(__name__)

# Tuned lightly on the examples and ECB+ topics 1-35; the stories issue replaces this with
# a learned, blocked, incremental assignment.
JOIN_THRESHOLD = 0.22
TEXT_WEIGHT = 0.7
ENTITY_WEIGHT = 0.3
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}


def entity_keys(annotations: Annotations | None) -> set[str]:
    """Lower-cased names of the entities an article mentions, last names for people."""
    if annotations is None:
        return set()
    keys = set()
    for mention in annotations.mentions:
        if mention.label not in ENTITY_LABELS:
            continue
        name = mention.text.lower().removesuffix("’s").removesuffix("'s").strip()
        if mention.label == "PERSON":
            name = name.split()[-1] if name.split() else name
        if name:
            keys.add(name)
    return keys


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared entities relative to the smaller set: a short report inside a long one still overlaps."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _tfidf(texts: list[str]) -> csr_matrix:
    try:
        return TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    except ValueError:  # nothing but stop words in every text: no word evidence at all
        return csr_matrix((len(texts), 1))


def assign_stories(articles: Sequence[Article], annotations: dict[str, Annotations]) -> list[Story]:
    """Cluster articles into stories in their given (arrival) order.

    Wire copies (``duplicate_of``) follow their original into its story.
    """
    originals = [a for a in articles if a.duplicate_of is None]
    if not originals:
        return []
    vectors = _tfidf([f"{a.title or ''}\n{a.text}" for a in originals])
    keys = [entity_keys(annotations.get(a.id)) for a in originals]

    members: list[list[int]] = []  # story -> indexes into originals
    story_keys: list[set[str]] = []  # story -> the entities its articles name
    for index in range(len(originals)):
        best_story, best_score = -1, JOIN_THRESHOLD
        for story_index, story in enumerate(members):
            text_similarity = float(np.mean((vectors[story] @ vectors[index].T).toarray()))
            shared_entities = _overlap(keys[index], story_keys[story_index])
            score = TEXT_WEIGHT * text_similarity + ENTITY_WEIGHT * shared_entities
            if score > best_score:
                best_story, best_score = story_index, score
        if best_story < 0:
            members.append([index])
            story_keys.append(set(keys[index]))
        else:
            members[best_story].append(index)
            story_keys[best_story] |= keys[index]

    copies: dict[str, list[Article]] = {}
    for article in articles:
        if article.duplicate_of is not None:
            copies.setdefault(article.duplicate_of, []).append(article)
    stories = []
    for story in members:
        story_articles = [originals[i] for i in story]
        story_articles += [copy for a in list(story_articles) for copy in copies.get(a.id, [])]
        stories.append(_story(story_articles))
    log.info("%d articles in %d stories", len(articles), len(stories))
    return stories


def _story(members: list[Article]) -> Story:
    dates = sorted(a.published[:10] for a in members if a.published)
    return Story(
        id=content_id("story", members[0].id),  # named after its first article, so re-runs keep the id
        title=story_title(members),
        article_ids=[a.id for a in members],
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )


def story_title(members: Sequence[Article]) -> str:
    """The headline of the earliest dated article (a date line before an estimate), else the first title."""
    dated = sorted(
        (a for a in members if a.published and a.title),
        key=lambda a: (a.published_estimated, a.published or ""),
    )
    for article in dated + list(members):
        if article.title:
            return article.title
    first = members[0].text.strip().split("\n", 1)[0]
    return first[:90]
