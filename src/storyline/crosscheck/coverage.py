"""Coverage: what each article of a story carries that no other outlet does, and what it leaves out.

The items compared are the story's claims (by their sources) and its quoted statements (by quote
group; a direct quote no other outlet carries is its own item). Outlets are counted as independent
sources: a wire copy (``duplicate_of``) carries what its original carries and adds no weight. An item
is widely carried when at least half of the independent outlets, and at least two, carry it; an
article that does not is said to miss it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Article, Claim, Coverage, CoverageItem, ResolvedQuote

MIN_WIDELY_CARRIED = 2
MIN_QUOTE_WORDS = 4  # a lone word in quotation marks ("hasty") is emphasis, not a statement


@dataclass
class _Carried:
    item: CoverageItem
    articles: set[str]


def build_coverage(
    articles: Sequence[Article], claims: list[Claim], quotes: list[ResolvedQuote]
) -> list[Coverage]:
    """One ``Coverage`` per article, in the order given."""
    source_of = {a.id: a.duplicate_of or a.id for a in articles}
    items = _claim_items(claims, source_of) + _quote_items(quotes, source_of)
    outlets = len(set(source_of.values()))
    wide = max(MIN_WIDELY_CARRIED, math.ceil(outlets / 2))
    coverage = []
    for article in articles:
        own = source_of[article.id]
        unique, missing = [], []
        for carried in items:
            sources = {source_of[i] for i in carried.articles}
            if article.id in carried.articles and sources == {own}:
                unique.append(carried.item)
            elif article.id not in carried.articles and len(sources) >= wide:
                missing.append(carried.item)
        coverage.append(Coverage(article.id, article.outlet, unique, missing))
    return coverage


def _claim_items(claims: list[Claim], source_of: dict[str, str]) -> list[_Carried]:
    return [
        _Carried(CoverageItem("claim", claim.id, claim.text), carriers)
        for claim in claims
        if (carriers := {s.article_id for s in claim.sources if s.article_id in source_of})
    ]


def _quote_items(quotes: list[ResolvedQuote], source_of: dict[str, str]) -> list[_Carried]:
    """Quote groups, and the ungrouped direct quotes: one statement each, in first-seen order.

    An ungrouped indirect quote is left out: paraphrases are not matched across outlets yet, so one
    that looks unique may well be carried in other words elsewhere.
    """
    groups: dict[str, list[ResolvedQuote]] = {}
    for quote in quotes:
        if quote.article_id not in source_of:
            continue
        if quote.group_id is not None:
            groups.setdefault(quote.group_id, []).append(quote)
        elif quote.quote.kind != "indirect" and len(quote.quote.text.split()) >= MIN_QUOTE_WORDS:
            groups.setdefault(quote.id, []).append(quote)
    found = []
    for key, members in groups.items():
        longest = max(members, key=lambda q: len(q.quote.text))
        item = CoverageItem("quote", key, longest.quote.text)
        found.append(_Carried(item, {q.article_id for q in members}))
    return found
