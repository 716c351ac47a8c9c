"""Quote groups: the same statement as several outlets render it.

Outlets quote one statement in different translations and cuts ("nothing other than a
temporary respite for the Ukrainian military" / "nothing more than a temporary respite for
the Ukrainian military"), or report it in their own words ("a temporary truce is a respite for
the Ukrainian military"). Only quotes of the same speaker entity, from different articles
published within a few days of each other, can render one statement.

Quotations in marks (direct and mixed) are grouped first, closed transitively: two of them are
one statement when they share content words in a similar arrangement, or when their sentence
embeddings (MiniLM) are close and they share at least two content words. Reported speech is
then attached, never used to bridge: a paraphrase shares words with several statements of its
speaker, so each reported quote (or a set of reported quotes that are near copies) joins at most
the one group its best clause matches clearly better than any other, sharing at least two content
words with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from itertools import combinations
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import ResolvedQuote, content_id

MIN_SHARED_WORDS = 2  # one shared word ("hasty", "any") is a coincidence, not a statement
MIN_SIMILARITY = 65  # rapidfuzz token_set_ratio over content words; different statements score <= 60 here
MIN_QUOTED_COSINE = 0.72  # two quotations' embeddings; other statements of one speaker stay below ~0.62
MIN_REPORTED_COSINE = 0.80  # two reported forms: they paraphrase freely, so only near copies join
MIN_CLAUSE_COSINE = 0.60  # a reported clause to a quotation of the same statement (~0.63 vs <= 0.56)
MIN_MARGIN = 0.06  # over the next best group: a clause between two statements joins neither
MAX_DAYS_APART = 7  # a statement is reported within days; the same words a month later are a new one
# Auxiliaries and verbs of saying are in every report of every statement: they show no shared content.
FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "does", "did", "doing", "done", "say", "says", "said", "saying", "told", "tell", "tells",
    "according", "added", "adding", "just", "ll", "ve", "re", "s", "t", "d",
}  # fmt: skip
CLAUSE_BREAK = re.compile(r",? and that |; | and said | but said |, adding that ")


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower().replace("’", "'")) if w not in FUNCTION_WORDS]


def same_statement(first: str, second: str) -> bool:
    words_a, words_b = content_words(first), content_words(second)
    if len(set(words_a) & set(words_b)) < MIN_SHARED_WORDS:
        return False
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)) >= MIN_SIMILARITY


def _shared_words(first: str, second: str) -> int:
    return len(set(content_words(first)) & set(content_words(second)))


def clauses(text: str) -> list[str]:
    """A reported quote's clauses: "X seeks a settlement and that a truce is a respite" holds two."""
    parts = [part.strip(" ,.") for part in CLAUSE_BREAK.split(text)]
    return [part for part in parts if len(content_words(part)) >= 2] or [text]


class _Groups:
    """Union-find over quote indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        self.parent[self.root(first)] = self.root(second)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def group_quotes(
    quotes: list[ResolvedQuote], embedder: Any = None, published: Mapping[str, str | None] | None = None
) -> None:
    """Set ``group_id`` on every quote that renders the same statement as a quote in another article.

    ``embedder``: MiniLM (None: content words alone); ``published``: article id -> publication day,
    so that quotes from articles far apart in time are never taken for one statement.
    """
    days = {key: _day(value) for key, value in (published or {}).items()}

    def may_pair(a: ResolvedQuote, b: ResolvedQuote) -> bool:
        if a.article_id == b.article_id or a.speaker_entity_id is None:
            return False
        if a.speaker_entity_id != b.speaker_entity_id:
            return False
        first, second = days.get(a.article_id), days.get(b.article_id)
        return not (first and second and abs((first - second).days) > MAX_DAYS_APART)

    quoted = [i for i, q in enumerate(quotes) if q.quote.kind != "indirect"]
    reported = [i for i, q in enumerate(quotes) if q.quote.kind == "indirect"]

    # Only pairs of one speaker sharing two content words can be one statement: embed just those.
    def candidates(first: str, second: str, a: ResolvedQuote, b: ResolvedQuote) -> bool:
        return may_pair(a, b) and _shared_words(first, second) >= MIN_SHARED_WORDS

    quoted_pairs = [
        (i, j)
        for i, j in combinations(quoted, 2)
        if candidates(quotes[i].quote.text, quotes[j].quote.text, quotes[i], quotes[j])
    ]
    reported_pairs = [
        (i, j)
        for i, j in combinations(reported, 2)
        if candidates(quotes[i].quote.text, quotes[j].quote.text, quotes[i], quotes[j])
    ]
    clause_pairs = [
        (i, clause, j)
        for i in reported
        for clause in clauses(quotes[i].quote.text)
        for j in quoted
        if candidates(clause, quotes[j].quote.text, quotes[i], quotes[j])
    ]
    texts = {quotes[k].quote.text for pair in quoted_pairs + reported_pairs for k in pair}
    texts |= {clause for _, clause, _ in clause_pairs} | {quotes[j].quote.text for _, _, j in clause_pairs}
    similarity = _Similarity(embedder, sorted(texts))

    groups = _Groups(len(quotes))
    for i, j in quoted_pairs:
        first, second = quotes[i].quote.text, quotes[j].quote.text
        if same_statement(first, second) or similarity(first, second) >= MIN_QUOTED_COSINE:
            groups.join(i, j)
    if similarity.known:
        # Near-copies among reported quotes join each other; each such set then joins the one
        # quotation group its best clause matches clearly best, when it matches well enough.
        for i, j in reported_pairs:
            if similarity(quotes[i].quote.text, quotes[j].quote.text) >= MIN_REPORTED_COSINE:
                groups.join(i, j)
        sets: dict[int, list[int]] = {}
        for index in reported:
            sets.setdefault(groups.root(index), []).append(index)
        for members in sets.values():
            choice = _best_group(set(members), clause_pairs, quotes, groups, similarity)
            if choice is not None:
                groups.join(members[0], choice)
    _set_ids(quotes, groups)


class _Similarity:
    """Cosine of MiniLM embeddings, the texts encoded in one batch; 0 without an embedder."""

    def __init__(self, embedder: Any, texts: list[str]) -> None:
        self.vectors: dict[str, np.ndarray] = {}
        if embedder is not None and texts:
            encoded = embedder.encode(texts, normalize_embeddings=True, show_progress_bar=False)
            self.vectors = dict(zip(texts, np.asarray(encoded), strict=True))

    @property
    def known(self) -> bool:
        return bool(self.vectors)

    def __call__(self, first: str, second: str) -> float:
        if first not in self.vectors or second not in self.vectors:
            return 0.0
        return float(self.vectors[first] @ self.vectors[second])


def _best_group(members: set[int], clause_pairs, quotes, groups: _Groups, similarity: _Similarity):
    """The quotation group one clause of these reported quotes matches well and clearly best.

    Each clause ranks the groups on its own: a compound report ("seeks a settlement and that a
    truce is a respite") matches two statements, one per clause, and must not be judged on both.
    One shared word ("ceasefire") is the topic, not the statement: pairs share two at least.
    """
    by_clause: dict[tuple[int, str], dict[int, float]] = {}
    for index, clause, other in clause_pairs:
        if index in members:
            scores = by_clause.setdefault((index, clause), {})
            root = groups.root(other)
            scores[root] = max(scores.get(root, -1.0), similarity(clause, quotes[other].quote.text))
    chosen, chosen_score = None, MIN_CLAUSE_COSINE
    for scores in by_clause.values():
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if ranked[0][1] < chosen_score:
            continue
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MIN_MARGIN:
            continue
        chosen, chosen_score = ranked[0]
    return chosen


def _set_ids(quotes: list[ResolvedQuote], groups: _Groups) -> None:
    members: dict[int, list[int]] = {}
    for index in range(len(quotes)):
        members.setdefault(groups.root(index), []).append(index)
    for group in members.values():
        if len({quotes[i].article_id for i in group}) < 2:
            continue
        group_id = content_id("quote-group", *sorted(quotes[i].id for i in group))
        for index in group:
            quotes[index].group_id = group_id
