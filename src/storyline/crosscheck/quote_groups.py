"""Quote groups: the same statement as several outlets render it.

Outlets quote one statement in different translations and cuts ("nothing other than a
temporary respite for the Ukrainian military" / "nothing more than a temporary respite for
the Ukrainian military"). Two quotes of the same speaker from different articles are taken
for one statement when they share enough content words in a similar arrangement; groups are
closed transitively, so a short phrase quoted by one outlet joins the full quote of another.
Embeddings can replace the word measure later; the speaker constraint stays.
"""

from __future__ import annotations

import re
from itertools import combinations

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import ResolvedQuote, content_id

MIN_SHARED_WORDS = 2  # one shared word ("hasty", "any") is a coincidence, not a statement
MIN_SIMILARITY = 65  # rapidfuzz token_set_ratio over content words; different statements score <= 60 here


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower().replace("’", "'")) if w not in ENGLISH_STOP_WORDS]


def same_statement(first: str, second: str) -> bool:
    words_a, words_b = content_words(first), content_words(second)
    if len(set(words_a) & set(words_b)) < MIN_SHARED_WORDS:
        return False
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)) >= MIN_SIMILARITY


def group_quotes(quotes: list[ResolvedQuote]) -> None:
    """Set ``group_id`` on every quote that renders the same statement as a quote in another article."""
    parent = list(range(len(quotes)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for (i, a), (j, b) in combinations(enumerate(quotes), 2):
        if a.article_id == b.article_id or a.speaker_entity_id is None:
            continue
        if "indirect" in (a.quote.kind, b.quote.kind):
            continue  # a paraphrase shares words with several statements of its speaker and would bridge them
        if a.speaker_entity_id == b.speaker_entity_id and same_statement(a.quote.text, b.quote.text):
            parent[root(i)] = root(j)

    members: dict[int, list[int]] = {}
    for index in range(len(quotes)):
        members.setdefault(root(index), []).append(index)
    for group in members.values():
        if len({quotes[i].article_id for i in group}) < 2:
            continue
        group_id = content_id("quote-group", *sorted(quotes[i].id for i in group))
        for index in group:
            quotes[index].group_id = group_id
