"""Crosscheck: one story's articles read together.

Mentions are grouped per story: people by name matching (see ``names``), other entities by
their normalised text. The entity's ``name`` is its fullest, most used written form; the
other forms become ``aliases``. Each quote's speaker is then linked to the entity its name
denotes, so "Ushakov said" in one outlet and "Kremlin aide Yuriy Ushakov said" in another
point at the same person. On that base: quote groups (``quote_groups``), the dated timeline
(``timeline``), claims aligned across outlets (``claims``), what each actor demands or rejects
(``positions``) and what each outlet alone carries or leaves out (``coverage``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc

from storyline.annotate.parses import parser
from storyline.crosscheck.claims import find_claims
from storyline.crosscheck.coverage import build_coverage
from storyline.crosscheck.linking import link_across_stories, stands_for
from storyline.crosscheck.names import PersonName, clean_name, is_nickname, parse_person, same_person
from storyline.crosscheck.positions import StoryEntities, find_positions
from storyline.crosscheck.quote_groups import group_quotes
from storyline.crosscheck.timeline import build_timeline
from storyline.model import (
    Annotations,
    Article,
    Entity,
    Mention,
    ResolvedQuote,
    Span,
    Speaker,
    Story,
    StoryAnalysis,
    content_id,
)

__all__ = ["analyse_story", "canonical_name", "link_across_stories"]

log = logging.getLogger(__name__)

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Common short forms of place names in English news; everything else matches by spelling.
PLACE_ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "u.s.a.": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "kiev": "kyiv",
    "uae": "united arab emirates",
}
OTHER_SIMILARITY = 92


@dataclass
class _Cluster:
    label: str
    person: PersonName | None = None  # the fullest person name seen so far
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    spans: list[Span] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)


def _other_key(text: str) -> str:
    key = clean_name(text).lower()
    key = re.sub(r"^the\s+", "", key)
    return PLACE_ALIASES.get(key, key)


class _Resolver:
    """Groups the mentions of one story into clusters, one per entity."""

    def __init__(self) -> None:
        self.people: list[_Cluster] = []
        self.others: dict[tuple[str, str], _Cluster] = {}

    def add(self, article_id: str, mention: Mention) -> None:
        text, label = mention.text, mention.label
        cluster = (
            self.person_cluster(text, create=True) if label == "PERSON" else self.other_cluster(text, label)
        )
        if cluster is None:
            return
        cluster.forms[clean_name(text)] += 1
        cluster.labels[label] += 1
        cluster.spans.append(Span(article_id, mention.start, mention.end, text))
        if mention.descriptor:
            cluster.descriptions.append(mention.descriptor)

    def person_cluster(self, text: str, create: bool = False) -> _Cluster | None:
        name = parse_person(text)
        if name is None:
            return None
        candidates = [c for c in self.people if c.person and same_person(c.person, name)]
        if name.is_full:
            # A full name joins a cluster whose given name agrees, or a surname-only one.
            candidates = [c for c in candidates if c.person and (c.person.is_full or len(candidates) == 1)]
        if candidates:
            best = max(candidates, key=lambda c: sum(c.forms.values()))
            if name.is_full and best.person and not best.person.is_full:
                best.person = name
            return best
        if not create:
            return None
        cluster = _Cluster(label="PERSON", person=name)
        self.people.append(cluster)
        return cluster

    def other_cluster(self, text: str, label: str) -> _Cluster | None:
        key = _other_key(text)
        if not key:
            return None
        group = "PLACE" if label in PLACE_LABELS else label
        found = self.others.get((group, key))
        if found is None:
            for (other_group, other_key), cluster in self.others.items():
                if other_group == group and fuzz.ratio(key, other_key) >= OTHER_SIMILARITY:
                    found = cluster
                    break
        if found is None:
            found = self.others[(group, key)] = _Cluster(label=label)
        return found

    def merge_surname_only_people(self) -> None:
        """A surname-only cluster created before its full name was seen joins that full name."""
        for cluster in [c for c in self.people if c.person and not c.person.is_full]:
            assert cluster.person is not None
            full = [
                c
                for c in self.people
                if c is not cluster
                and c.person
                and c.person.is_full
                and same_person(c.person, cluster.person)
            ]
            if full:
                target = max(full, key=lambda c: sum(c.forms.values()))
                target.forms.update(cluster.forms)
                target.labels.update(cluster.labels)
                target.spans.extend(cluster.spans)
                target.descriptions.extend(cluster.descriptions)
                self.people.remove(cluster)

    def clusters(self) -> list[_Cluster]:
        return self.people + list(self.others.values())


def _distinct(texts: list[str]) -> list[str]:
    """Each description once, in first-seen order, ignoring case."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(text.lower(), text)
    return list(seen.values())


def canonical_name(forms: Counter[str]) -> str:
    """The fullest, most used form; a formal given name beats its short form (Michael over Mike)."""

    def rank(form: str) -> tuple[int, int, int, int]:
        words = form.split()
        formal = 0 if words and len(words) > 1 and is_nickname(words[0].lower()) else 1
        return (min(len(words), 3), formal, forms[form], len(form))

    return max(forms, key=rank)


def _speaker_entity(resolver: _Resolver, speaker: Speaker, entity_of: dict[int, Entity]) -> Entity | None:
    """The story entity a quote's speaker names; an organisation may be written as a place ("Russia said")."""
    cluster: _Cluster | None
    if speaker.label == "PERSON":
        cluster = resolver.person_cluster(speaker.name)
    else:
        key = _other_key(speaker.name)
        # the name as most often labelled: "Moscow" is the city the story names twenty times, not the
        # "MOSCOW:" of one dateline the model took for an organisation
        found = [resolver.others[g, key] for g in ("ORG", "NORP", "PLACE") if (g, key) in resolver.others]
        cluster = max(found, key=lambda c: len(c.spans), default=None)
    return entity_of.get(id(cluster)) if cluster is not None else None


UNNAMING = {"a", "an", "one", "another", "some"}  # "a source said": the writer leaves them unnamed


def _described_speaker(entities: StoryEntities, speaker: Speaker) -> Entity | None:
    """The one person the story describes as the speaker was described, where the article itself did
    not name them ("Top Kremlin aide warned ..." in a summary above the text, which another outlet's
    "top Kremlin aide Yuri Ushakov" names)."""
    words = speaker.text.split()
    if speaker.label != "PERSON" or not words or words[0].lower() in UNNAMING:
        return None
    found = entities.described(speaker.text)
    return found if found is not None and found.type == "PERSON" else None


def analyse_story(
    story: Story,
    articles: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    nlp: Any = None,
    embedder: Any = None,
    parse: Callable[[Article], Doc] | None = None,
) -> StoryAnalysis:
    """Entities, quotes and their groups, timeline, claims, positions and coverage of one story.

    ``parse``: article -> its parse, for the sentences claims and positions are read from (the
    pipeline passes the annotate stage's kept parses, ``annotate.parses.parser``); without it each
    article is parsed with ``nlp`` (loaded when None). ``embedder``: MiniLM to align claims, quotes
    and positions across outlets (None: by words).
    """
    resolver = _Resolver()
    for article in articles:
        notes = annotations.get(article.id)
        if notes is None:
            continue
        for mention in notes.mentions:
            if mention.label in ENTITY_LABELS:
                resolver.add(article.id, mention)
    resolver.merge_surname_only_people()

    entities: list[Entity] = []
    entity_of: dict[int, Entity] = {}
    for cluster in resolver.clusters():
        name = canonical_name(cluster.forms)
        label = cluster.labels.most_common(1)[0][0]
        entity = Entity(
            id=content_id("entity", story.id, label, name),
            name=name,
            type=label,
            aliases=sorted(form for form in cluster.forms if form != name),
            descriptions=_distinct(cluster.descriptions),
            mentions=sorted(cluster.spans, key=lambda s: (s.article_id, s.start)),
        )
        entities.append(entity)
        entity_of[id(cluster)] = entity

    quotes = []
    described = StoryEntities(entities)
    for article in articles:
        notes = annotations.get(article.id)
        for quote in notes.quotes if notes else []:
            resolved = ResolvedQuote(id=quote.id(article.id), article_id=article.id, quote=quote)
            if quote.speaker is not None:
                speaker = _speaker_entity(resolver, quote.speaker, entity_of) or _described_speaker(
                    described, quote.speaker
                )
                resolved.speaker_entity_id = speaker.id if speaker else None
                resolved.speaker_name = speaker.name if speaker else quote.speaker.name
            quotes.append(resolved)
    group_quotes(quotes, embedder, {a.id: a.published for a in articles})
    speaking = {q.speaker_entity_id for q in quotes if q.speaker_entity_id}
    for entity in entities:
        entity.stands_for = stands_for(entity, entity.id in speaking)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    log.debug("story %s: %d entities, %d quotes", story.id, len(entities), len(quotes))
    timeline = build_timeline(articles, annotations)
    if parse is None:
        from storyline.annotate import load_nlp  # a model, not a stage's logic: loaded on demand

        parse = parser(nlp or load_nlp())
    docs = {article.id: parse(article) for article in articles if article.id in annotations and article.text}
    claims = find_claims(articles, annotations, embedder, docs=docs)
    positions = find_positions(articles, annotations, quotes, entities, embedder=embedder, docs=docs)
    return StoryAnalysis(
        story_id=story.id,
        entities=entities,
        quotes=quotes,
        timeline=timeline,
        claims=claims,
        positions=positions,
        coverage=build_coverage(articles, claims, quotes),
    )
