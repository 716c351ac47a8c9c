"""Pipeline records: what flows from one stage to the next.

Every derived item points back into ``Article.text`` with character offsets, so that
``article.text[start:end] == item.text`` always holds. Ids are content hashes, so the
same input processed twice yields the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

RawKind = Literal["text", "html"]
QuoteKind = Literal["direct", "indirect", "mixed"]


def content_id(*parts: str | bytes, length: int = 16) -> str:
    """A stable id from content: the first ``length`` hex digits of a SHA-256."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x1f")  # separator, so ("ab", "c") and ("a", "bc") differ
    return digest.hexdigest()[:length]


@dataclass
class Hints:
    """Metadata a source already knows about a document (JSONL fields, a feed entry, a URL)."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date or datetime as given
    language: str | None = None


@dataclass
class RawDocument:
    """One input as it arrived: kept verbatim so that it can be extracted again later."""

    source: str  # the JSONL id, else the file path or URL
    content: bytes
    kind: RawKind  # how to read ``content``: plain (scraped) text or HTML
    hints: Hints = field(default_factory=Hints)

    @property
    def id(self) -> str:
        return content_id(self.kind, self.content)


@dataclass
class Rejection:
    """An input that could not become an article, with a reason a user can act on."""

    source: str
    reason: str
    stage: str  # "ingest" or "extract"
    raw_id: str | None = None  # set when the raw bytes were kept
    content: bytes | None = field(default=None, repr=False)  # bytes ingest could read but not use, to keep


@dataclass
class Article:
    id: str  # the raw document's id: one raw input gives one article
    source: str
    text: str  # clean body text; every span offset points into it
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_estimated: bool = False
    language: str | None = None
    removed: list[str] = field(default_factory=list)  # boilerplate lines the cleaner dropped
    dateline: str | None = None  # e.g. "MOSCOW", when the text opened with one
    duplicate_of: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Span:
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A named-entity mention in one article."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    descriptor: str | None = None  # a title or apposition the text gives the name ("Kremlin aide")


@dataclass
class Speaker:
    """Who a quote is attributed to, as written in the article, and the name it resolves to there."""

    start: int  # the span of the speaker as written ("Ushakov", "He", "the top US diplomat")
    end: int
    text: str
    name: str  # the best name known inside the article ("Yuri Ushakov"); crosscheck may lengthen it
    label: str = "PERSON"  # PERSON, ORG, or GROUP for plural descriptors ("officials said")


@dataclass
class Quote:
    start: int  # the quoted words, without the quotation marks
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = None  # the speech verb or attribution phrase ("said", "told", "according to")
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None

    def id(self, article_id: str) -> str:
        return content_id("quote", article_id, str(self.start), str(self.end))


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # TimeML TIMEX3 value: 2025-03-12, 2025-03, 2025-W11, PRESENT_REF, P30D
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET


@dataclass
class Annotations:
    """What the annotate stage adds to one article."""

    article_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)


@dataclass
class Story:
    id: str
    title: str
    article_ids: list[str]
    first_published: str | None = None
    last_published: str | None = None


@dataclass
class Entity:
    """One real-world actor or place inside a story, with every mention that names it."""

    id: str
    name: str  # the fullest name ("Yuri Ushakov")
    type: str  # PERSON, ORG, GPE, LOC, NORP, ...
    aliases: list[str] = field(default_factory=list)  # other forms seen ("Yuriy Ushakov", "Ushakov")
    descriptions: list[str] = field(default_factory=list)  # titles and descriptors ("Kremlin aide")
    mentions: list[Span] = field(default_factory=list)
    global_id: str | None = None  # shared by the entities of other stories that denote the same actor
    stands_for: str | None = None  # a metonym's referent: "the Kremlin" -> "the Russian presidency"


@dataclass
class ResolvedQuote:
    """A quote placed in its story: its speaker linked to the story's entity."""

    id: str
    article_id: str
    quote: Quote
    speaker_entity_id: str | None = None
    speaker_name: str | None = None
    group_id: str | None = None


@dataclass
class TimelineEntry:
    """One dated event of a story, with the sentence of every article that reports it."""

    date: str  # TIMEX3 value: a day (2025-03-12), a week (2025-W11), a month or a year
    text: str  # the sentence that tells it best
    sources: list[Span] = field(default_factory=list)  # each reporting sentence
    estimated: bool = False  # the date rests on an estimated publication day: never shown as certain
    background: bool = False  # long before the story's own days ("annexed Crimea in 2014")


ClaimStatus = Literal["agree", "differ", "single"]
Stance = Literal["demand", "accept", "reject", "propose", "threaten"]


@dataclass
class ClaimSource:
    """One outlet's version of a claim: the sentence or clause that states it."""

    article_id: str
    start: int
    end: int
    text: str
    value: str | None = None  # the checkable part as read: "20 percent" -> "0.2", "four drones" -> "4"


@dataclass
class Claim:
    """A checkable statement of a story (a quantity, a count, a dated event) aligned across outlets.

    ``agree``: two or more independent outlets state it compatibly; ``differ``: their numbers, dates
    or actors are incompatible, each version kept in ``sources``; ``single``: one outlet only.
    Wire copies (``duplicate_of``) are never counted as independent sources.
    """

    id: str
    text: str  # the claim as its first source words it
    status: ClaimStatus
    kind: str = "quantity"  # quantity, count or event
    sources: list[ClaimSource] = field(default_factory=list)


@dataclass
class Position:
    """What an actor demands, accepts, rejects, proposes or threatens, with every source saying so."""

    entity_id: str | None  # the story entity of the actor, when it is one
    actor: str  # the actor's name as the story knows it ("Russia", "Maria Zakharova")
    stance: Stance
    text: str  # what is demanded, accepted, ... ("no NATO membership for Ukraine")
    sources: list[Span] = field(default_factory=list)


@dataclass
class CoverageItem:
    """A claim or a quote group, as coverage lists it."""

    kind: Literal["claim", "quote"]
    id: str  # the claim id or the quote group id
    text: str


@dataclass
class Coverage:
    """One article's share of its story: what only it carries, and the widely carried items it omits."""

    article_id: str
    outlet: str | None
    unique: list[CoverageItem] = field(default_factory=list)
    missing: list[CoverageItem] = field(default_factory=list)


@dataclass
class StoryAnalysis:
    """What the crosscheck stage derives for one story."""

    story_id: str
    entities: list[Entity] = field(default_factory=list)
    quotes: list[ResolvedQuote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
