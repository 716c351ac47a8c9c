"""Claims: the checkable statements of a story, aligned across outlets.

A claim is a narrator's clause that states a quantity ("about 20 percent of Ukrainian
territory"), a count ("four Ukrainian drones") or an event with its actors and, where the
text gives one, its date ("visited Kursk on Wednesday"). Numbers are read as intervals, so
qualifiers give tolerance ("about 20 percent" and "nearly a fifth" overlap). Candidates of
different outlets are aligned by what they measure (the unit and the counted or measured
noun, the event's verb and named entities) and by how alike their clauses are (MiniLM
cosine when an embedder is given, else content-word overlap). An aligned group agrees when
every pair of versions is compatible and differs when some numbers or dates cannot both be
true; versions of one independent source only (an article and its wire copies) are single.

No entailment model is available: a claim whose sources word the same fact with different
measures ("a fifth" vs "one in five regions") or without a number stays unaligned.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from storyline.annotate import load_nlp, parse_text
from storyline.annotate.parses import sentence_doc
from storyline.model import Annotations, Article, Claim, ClaimSource, Mention, content_id

log = logging.getLogger(__name__)


UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = {
    "half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}
MULTIPLIERS = {"dozen": 12, "hundred": 100}  # "two dozen", "three hundred"; alone they are vague
# (low, high) multipliers of the stated value: how far the true value may be from it.
QUALIFIERS = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1), "approximately": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.85, 1.15), "close to": (0.85, 1.0), "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0), "just under": (0.9, 1.0), "more than": (1.0, np.inf), "over": (1.0, np.inf),
    "just over": (1.0, 1.1), "at least": (1.0, np.inf), "up to": (0.0, 1.0), "less than": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "under": (0.0, 1.0), "below": (0.0, 1.0),
}  # fmt: skip
EXACT = (0.995, 1.005)  # a stated number is taken as rounded to its last digit, no further

_WORD_NUMBER = "|".join(sorted(UNITS, key=len, reverse=True))
_FRACTION = "|".join(FRACTIONS)
NUMBER_PHRASE = re.compile(
    rf"(?:\b(?P<qual>{'|'.join(sorted(QUALIFIERS, key=len, reverse=True))})\s+)?"
    rf"(?:(?P<frac>\b(?:a|one|two|three|four)[\s-](?:{_FRACTION})s?\b|\bhalf\b)"
    rf"|(?P<num>(?<![\d:.,])\d+(?:,\d{{3}})*(?:\.\d+)?(?![:\d]|st\b|nd\b|rd\b|th\b)|\b(?:{_WORD_NUMBER})(?:[\s-](?:{_WORD_NUMBER}))*\b)"
    rf"(?:\s+(?P<scale>{'|'.join(SCALES)})\b)?"
    r"(?:\s*(?P<percent>%|percent\b|per\s+cent\b)|[\s-](?P<span>hour|day|week|month|year|decade)s?\b(?:-long)?)?)",
    re.I,
)
YEAR = re.compile(r"(1[89]|20)\d\d")
BULLET = re.compile(r"^\s*[•*\-–·▪]")
SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
# Verbs whose date is the date of a report, a view or a wish, not of the event itself.
NOT_EVENTS = {
    "say", "tell", "report", "claim", "confirm", "add", "state", "note", "believe", "think", "expect",
    "want", "seek", "warn", "urge", "describe", "suggest", "indicate", "reveal", "remark", "deny", "ask",
    "comment", "decline", "call", "be", "have", "do", "become", "seem", "remain", "appear", "continue",
    "go", "write", "express", "signal", "stress", "argue", "insist", "explain", "outline", "reiterate",
    "announce", "refrain", "need", "try", "plan", "hope", "emphasize", "emphasise", "respond", "answer",
    "agree", "push", "come",
}  # fmt: skip
REPORTING = NOT_EVENTS - {"be", "have", "do", "become", "seem", "remain", "appear", "continue", "go", "come"}
MODALS = {"would", "could", "may", "might", "should", "will", "can", "must", "'d", "’d", "'ll", "’ll"}
VERB_CLASSES = {
    "retake": "capture", "recapture": "capture", "regain": "capture", "reclaim": "capture",
    "capture": "capture", "seize": "capture", "take": "capture",
    "arrive": "arrive", "land": "arrive", "reach": "arrive",
    "speak": "talk", "talk": "talk", "phone": "talk", "hold": "talk", "meet": "talk", "join": "talk",
    "launch": "start", "start": "start", "begin": "start", "invade": "start",
}  # fmt: skip
# Capitals and seats of power stand for their country as actors ("Moscow's forces" are Russia's).
METONYMS = {
    "moscow": "russia", "kremlin": "russia", "kyiv": "ukraine", "kiev": "ukraine", "washington": "us",
    "white house": "us", "pentagon": "us", "united states": "us", "america": "us", "american": "us",
    "beijing": "china", "london": "uk", "britain": "uk", "british": "uk", "paris": "france",
    "berlin": "germany", "tehran": "iran", "jerusalem": "israel", "ankara": "turkey",
}  # fmt: skip
COUNT_VERBS = {"kill": "die", "die": "die", "injure": "injure", "wound": "injure", "hurt": "injure"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
COUNTRY_LABELS = {"GPE", "NORP"}
MIN_SENTENCE_WORDS = 5
MIN_CLAUSE_TOKENS = 6

# Alignment bars: cosine of MiniLM clause embeddings, and the set cosine of content words that stands
# in without an embedder. Versions that measure the same thing compatibly need little more to agree;
# a difference is claimed only on a high bar, and different measured nouns may only agree.
SAME_MEASURE = {"embedding": 0.3, "words": 0.12}
SAME_OWNER = {"embedding": 0.4, "words": 0.2}  # "Ukrainian territory" / "Ukraine's land"
OTHER_MEASURE = {"embedding": 0.55, "words": 0.35}
DIFFERENCE = {"embedding": 0.5, "words": 0.25}


@dataclass
class _Candidate:
    """One article's version of a possible claim."""

    article: Article
    source_key: str  # the independent source: a wire copy counts as its original
    order: int
    kind: str  # quantity, count or event
    start: int
    end: int
    dimension: str = ""  # ratio, duration, count:<noun stem>, or the event's verb class
    noun: str | None = None  # stem of the measured or counted thing
    interval: tuple[float, float] | None = None
    value: str | None = None
    date: str | None = None
    actor: str | None = None  # the country the clause's subject names ("Russia", "Russian forces")
    entities: frozenset[str] = frozenset()  # named entities of the clause (quantities: of what is measured)
    objects: frozenset[str] = (
        frozenset()
    )  # an event's named entities outside its subject; a quantity's clause
    reported: bool = False  # inside someone's reported statement, not the narrator's own
    words: frozenset[str] = frozenset()
    vector: np.ndarray | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


def find_claims(
    articles: Sequence[Article],
    annotations: dict[str, Annotations],
    embedder: Any = None,
    *,
    nlp: Language | None = None,
    docs: Mapping[str, Doc] | None = None,
) -> list[Claim]:
    """The story's claims, each aligned across its articles with a status.

    ``embedder``: a loaded sentence-transformers model (``storyline.stories.default_embedder()``), or
    None to align by content words. ``docs``: article id -> the annotate stage's parse of it (see
    ``annotate.parses``); an article without one is parsed with ``nlp`` (loaded when None).
    """
    candidates: list[_Candidate] = []
    for order, article in enumerate(articles):
        notes = annotations.get(article.id)
        if notes is not None and article.text:
            doc = (docs or {}).get(article.id) or parse_text(nlp or load_nlp(), article.text)
            candidates.extend(_article_candidates(article, notes, order, doc))
    if not candidates:
        return []
    _describe(candidates, embedder)
    claims = [claim for group in _align(candidates) if (claim := _claim(group)) is not None]
    rank = {"differ": 0, "agree": 1, "single": 2}
    claims.sort(key=lambda c: (rank[c.status], -len(c.sources), _first_order(c, articles)))
    log.debug("%d claims from %d candidates", len(claims), len(candidates))
    return claims


def _first_order(claim: Claim, articles: Sequence[Article]) -> tuple[int, int]:
    first = claim.sources[0]
    order = next(i for i, a in enumerate(articles) if a.id == first.article_id)
    return order, first.start


# --- candidates --------------------------------------------------------------------------------------


def _article_candidates(article: Article, notes: Annotations, order: int, doc: Doc) -> list[_Candidate]:
    quoted = [(q.start, q.end) for q in notes.quotes if q.kind in ("direct", "mixed")]
    dates = [t for t in notes.times if t.type in ("DATE", "TIME")]
    sentences = [(s, e) for s, e in notes.sentences if _is_prose(article.text[s:e])]
    wanted = [
        (s, e)
        for s, e in sentences
        if NUMBER_PHRASE.search(article.text, s, e) or any(s <= t.start < e for t in dates)
    ]
    source_key = article.duplicate_of or article.id
    found: list[_Candidate] = []
    for start, end in wanted:
        context = _Sentence(article, notes, sentence_doc(doc, start, end), start, quoted, source_key, order)
        quantities = context.quantities()
        # One claim per sentence: its first quantity that says what it measures is its point.
        found.extend(sorted(quantities, key=lambda q: q.noun is None)[:1])
        if not quantities:
            found.extend(context.events())
    return found


def _is_prose(sentence: str) -> bool:
    """Page furniture (bullets, headings, captions) is not where an outlet states its facts."""
    words = sentence.split()
    if len(words) < MIN_SENTENCE_WORDS or BULLET.match(sentence):
        return False
    return bool(SENTENCE_END.search(sentence)) or len(words) >= 12


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@dataclass
class _Sentence:
    article: Article
    notes: Annotations
    doc: Doc
    offset: int  # where the parsed sentence starts in the article
    quoted: list[tuple[int, int]]
    source_key: str
    order: int

    def candidate(self, kind: str, anchor: Token, **values: Any) -> _Candidate:
        start, end = self.clause(anchor)
        reported = _inside(start, end, self.paraphrased) or _inside(start, end, self.quoted)
        if kind != "event":  # the day a number was true of: numbers of different days are different facts
            days = [_calendar_value(t.value) for t in self.notes.times if start <= t.start and t.end <= end]
            values["date"] = next((day for day in days if day), None)
        return _Candidate(
            self.article, self.source_key, self.order, kind, start, end, reported=reported, **values
        )

    @property
    def paraphrased(self) -> list[tuple[int, int]]:
        return [(q.start, q.end) for q in self.notes.quotes if q.kind == "indirect"]

    def quantities(self) -> list[_Candidate]:
        found = []
        text = self.doc.text
        for match in NUMBER_PHRASE.finditer(text):
            start, end = self.offset + match.start(), self.offset + match.end()
            if _inside(start, end, self.quoted) or self.is_date(start, end):
                continue
            read = _read_number(match)
            if read is None:
                continue
            value, dimension = read
            last = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if last is None:
                continue
            token = last[-1]
            if dimension == "count" and (value == 1 or YEAR.fullmatch(match.group("num") or "")):
                continue  # "one of", a year: nothing to check
            if _names_a_thing(last[0]):
                continue  # "Highway 214", "Flight 17": a name, not a quantity
            measured = _measured(token, dimension)
            if (
                measured is None
                and dimension != "duration"
                or measured is not None
                and measured.pos_ == "PROPN"
            ):
                continue  # a bare number, or a number in a name: nothing says what it counts
            noun = _stem(measured.lemma_) if measured is not None else None
            if dimension == "count" and measured is not None:
                dimension = (
                    f"count:{noun}:{_counting_verb(measured)}"  # killed and injured people are two facts
                )
            low, high = QUALIFIERS.get((match.group("qual") or "").lower(), EXACT)
            found.append(
                self.candidate(
                    "count" if dimension.startswith("count") else "quantity",
                    token,
                    dimension=dimension,
                    noun=noun,
                    actor=self.actor_of(token),
                    entities=frozenset(self.keys_in(measured)) if measured is not None else frozenset(),
                    objects=frozenset(self.keys_in(token.sent.root)),
                    interval=(value * low, value * high),
                    value=_value_text(value, dimension, match),
                )
            )
        return found

    def is_date(self, start: int, end: int) -> bool:
        return any(t.start < end and start < t.end and t.type in ("DATE", "TIME") for t in self.notes.times)

    def events(self) -> list[_Candidate]:
        """Events whose verb carries a date, and reported events ("said Thursday it had recaptured X")."""
        found = []
        for time in self.notes.times:
            local = (time.start - self.offset, time.end - self.offset)
            if local[0] < 0 or local[1] > len(self.doc.text) or time.type not in ("DATE", "TIME"):
                continue
            day = _calendar_value(time.value)
            span = self.doc.char_span(*local, alignment_mode="expand")
            if day is None or span is None or _inside(time.start, time.end, self.quoted):
                continue
            verb = _governing_verb(span.root)
            if verb is None:
                continue
            if verb.lemma_ in REPORTING:
                reported = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
                event = self.event(reported[0], None, anchor=verb) if reported else None
            else:
                event = self.event(verb, day)
            if event is not None:
                found.append(event)
        return found[:1]

    def event(self, verb: Token, day: str | None, anchor: Token | None = None) -> _Candidate | None:
        if verb.lemma_ in NOT_EVENTS or any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in verb.children
        ):
            return None  # negated, hypothetical or not an event at all
        entities = set(self.keys_in(verb))
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        actor = self.actor_of(verb)
        objects = entities - {key for subject in subjects for key in self.keys_in(subject)}
        if not entities - {actor}:
            return None  # an event with no named place or party is too vague to check
        return self.candidate(
            "event",
            anchor or verb,
            dimension=VERB_CLASSES.get(verb.lemma_, verb.lemma_),
            date=day,
            value=day,
            actor=actor,
            entities=frozenset(entities),
            objects=frozenset(objects),
        )

    def mentions_between(self, first: Token, last: Token) -> list[Mention]:
        start, end = self.offset + first.idx, self.offset + last.idx + len(last)
        return [
            m for m in self.notes.mentions if start <= m.start and m.end <= end and m.label in ENTITY_LABELS
        ]

    def keys_in(self, phrase: Token) -> list[str]:
        return [_entity_key(m.text) for m in self.mentions_between(phrase.left_edge, phrase.right_edge)]

    def actor_of(self, token: Token) -> str | None:
        """The country the subject of ``token``'s clause names, if it names one."""
        head = token
        while head.head.i != head.i and not _has_subject(head):
            head = head.head
        for subject in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")):
            for mention in self.mentions_between(subject.left_edge, subject.right_edge):
                name = re.sub(r"^the\s+|['’]s?$", "", mention.text.lower())
                if name in METONYMS:
                    return _entity_key(METONYMS[name])
                if mention.label in COUNTRY_LABELS:
                    return _entity_key(mention.text)
        return None

    def clause(self, token: Token) -> tuple[int, int]:
        """The narrator's clause around ``token``: its finite verb's phrase without coordinated clauses."""
        head = token
        while head.head.i != head.i and not (head.pos_ in ("VERB", "AUX") and _has_subject(head)):
            head = head.head
        kept = {head.i}
        for child in head.children:
            if child.dep_ in ("conj", "cc") and not (child.left_edge.i <= token.i <= child.right_edge.i):
                continue
            kept.update(t.i for t in child.subtree)
        first = last = token.i  # the unbroken run around the token: a dropped clause may sit inside
        while first - 1 in kept:
            first -= 1
        while last + 1 in kept:
            last += 1
        doc = self.doc
        while first < last and (_edge_filler(doc[first]) or doc[first].dep_ in ("cc", "mark")):
            first += 1
        while last > first and _loose_end(doc[last]):
            last -= 1
        if last - first + 1 < MIN_CLAUSE_TOKENS:
            first, last = 0, len(doc) - 1  # too short to stand alone: the whole sentence
            while last > 0 and doc[last].is_space:
                last -= 1
        start = self.offset + doc[first].idx
        end = self.offset + doc[last].idx + len(doc[last])
        return start, end


def _loose_end(token: Token) -> bool:
    """A clause's last token to drop: a comma or a conjunction, but not a closing quote or a full stop."""
    return (_edge_filler(token) and token.text not in '”’").') or token.dep_ == "cc"


def _edge_filler(token: Token) -> bool:
    """Punctuation, space or a relative word that begins a clause ("in which", "who")."""
    return (
        token.is_punct
        or token.is_space
        or token.tag_ in ("WDT", "WP", "WRB")
        or (token.pos_ == "ADP" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ == "WDT")
    )


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _governing_verb(token: Token) -> Token | None:
    """The verb a date modifies ("visited ... on Wednesday"), not a noun's date ("a Wednesday call")."""
    head = token.head
    if head.pos_ == "ADP":
        head = head.head
    return head if head.pos_ == "VERB" else None


def _calendar_value(value: str | None) -> str | None:
    """A TIMEX3 value that names a calendar day, week, month or year (not PRESENT_REF, not a duration)."""
    found = re.match(r"(\d{4})(?:-W\d\d|-\d\d(?:-\d\d)?)?", value or "")
    return found.group(0) if found and 1800 <= int(found.group(1)) <= 2100 else None


def _read_number(match: re.Match[str]) -> tuple[float, str] | None:
    """The number a phrase states, with its dimension: ratio (of a whole), duration (in days) or count."""
    if match.group("frac"):
        words = re.split(r"[\s-]", match.group("frac").lower())
        if words == ["half"]:
            return 0.5, "ratio"
        count = 1 if words[0] in ("a", "one") else UNITS.get(words[0], 0)
        return count / FRACTIONS[words[-1].rstrip("s")], "ratio"
    number = _number_value(match.group("num"))
    if number is None:
        return None
    if match.group("scale"):
        number *= SCALES[match.group("scale").lower()]
    if match.group("percent"):
        return number / 100, "ratio"
    if match.group("span"):
        return number * DAYS_IN[match.group("span").lower()], "duration"
    return number, "count"


def _number_value(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    words = re.split(r"[\s-]+", text.lower())
    if words[0] in MULTIPLIERS:
        return None  # "dozens of", "several dozen": no number to check
    total = 0.0
    for word in words:
        total = total * MULTIPLIERS[word] if word in MULTIPLIERS else total + UNITS[word]
    return total or None


def _names_a_thing(first: Token) -> bool:
    """A number right after a name inside the sentence ("Highway 214") is part of that name."""
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    return before.pos_ == "PROPN" and before.text[:1].isupper()


def _counting_verb(noun: Token) -> str:
    """The verb that says what happened to what is counted ("killed ... people"), as one class."""
    head = noun
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    lemma = head.lemma_.lower() if head.pos_ == "VERB" else ""
    return COUNT_VERBS.get(lemma, lemma)


def _measured(token: Token, dimension: str) -> Token | None:
    """What a number measures: "percent of Ukrainian territory" -> territory, "four drones" -> drones,
    "a 30-day US-backed ceasefire" -> ceasefire."""
    if dimension == "ratio":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON"]
                if objects:
                    return objects[0]
        return None
    head = token
    for _ in range(3):  # up through the number's own phrase, never out into the clause
        if head.dep_ not in ("nummod", "compound", "quantmod", "amod", "nmod") or head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in DAYS_IN:
            return head
    return None


def _value_text(value: float, dimension: str, match: re.Match[str]) -> str:
    """The number as read: a ratio (0.2), a TIMEX3 duration (P30D, PT24H) or a count, with its qualifier."""
    plain = str(int(value)) if value.is_integer() else f"{value:.4g}"
    if dimension == "duration":
        unit = match.group("span").lower()
        amount = value / DAYS_IN[unit]
        if unit == "decade":
            unit, amount = "year", amount * 10
        plain = f"PT{amount:g}H" if unit == "hour" else f"P{amount:g}{unit[0].upper()}"
    prefix = {"nearly": "<~", "almost": "<~", "more than": ">", "over": ">", "at least": ">=", "up to": "<="}
    qualifier = (match.group("qual") or "").lower()
    return (prefix.get(qualifier, "~") if qualifier else "") + plain


def _stem(word: str) -> str:
    return word.lower()[:5]


def _entity_key(name: str) -> str:
    """One key for a place and its people ("Russia", "Russian", "Russia's"), a person by surname."""
    words = re.sub(r"['’]s?$", "", name).replace(".", "").split()
    return _stem(words[-1]) if words else name.lower()


# --- alignment ---------------------------------------------------------------------------------------


def _describe(candidates: list[_Candidate], embedder: Any) -> None:
    for candidate in candidates:
        candidate.words = frozenset(_content_stems(candidate.text))
    if embedder is None:
        return
    # Only a candidate that could match another source's needs a vector: the same kind and dimension
    # (what _match asks first), a content word shared and, for events, a named entity shared. The
    # encoder is most of crosscheck's time, and most sentences of a story have no counterpart.
    by_dimension: dict[tuple[str, str], list[_Candidate]] = {}
    for candidate in candidates:
        by_dimension.setdefault((candidate.kind, candidate.dimension), []).append(candidate)
    wanted = [
        c for c in candidates if any(_could_match(c, other) for other in by_dimension[c.kind, c.dimension])
    ]
    if not wanted:
        return
    vectors = np.asarray(
        embedder.encode([c.text for c in wanted], batch_size=32, show_progress_bar=False), np.float32
    )
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    for candidate, vector in zip(wanted, vectors, strict=True):
        candidate.vector = vector


def _could_match(a: _Candidate, b: _Candidate) -> bool:
    if a.source_key == b.source_key or a.kind != b.kind or a.dimension != b.dimension:
        return False
    if not a.words & b.words:
        return False
    return a.kind != "event" or bool(a.entities & b.entities or a.objects & b.objects)


def _content_stems(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]{3,}", text.lower().replace("’", "'"))
    return [_stem(w) for w in words if w not in ENGLISH_STOP_WORDS]


def _similarity(a: _Candidate, b: _Candidate) -> tuple[float, str]:
    if a.vector is not None and b.vector is not None:
        return float(a.vector @ b.vector), "embedding"
    if not a.words or not b.words:
        return 0.0, "words"
    return len(a.words & b.words) / np.sqrt(len(a.words) * len(b.words)), "words"


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    """Both versions can be true at once: numbers overlap, dates nest, actors are the same."""
    if a.interval and b.interval:
        return a.interval[0] <= b.interval[1] and b.interval[0] <= a.interval[1]
    if a.actor and b.actor and a.actor != b.actor:
        return False
    return _dates_compatible(a.date, b.date)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one contains the other (a day in its week, month or year)."""
    if a is None or b is None or a.startswith(b) or b.startswith(a):
        return True
    for week, day in ((a, b), (b, a)):
        if "-W" in week and re.fullmatch(r"\d{4}-\d\d-\d\d", day):
            year, number, _ = date.fromisoformat(day).isocalendar()
            return week == f"{year}-W{number:02d}"
    return False


def _match(a: _Candidate, b: _Candidate) -> float:
    """How well two versions state one fact, by clause similarity; 0 when they cannot be one claim."""
    if a.kind != b.kind or a.dimension != b.dimension:
        return 0.0
    score, measure = _similarity(a, b)
    compatible = _compatible(a, b)
    if a.kind == "event":
        if not compatible:  # a date or actor difference needs the same verb on the same named object
            same = bool(a.objects & b.objects - {a.actor, b.actor}) and score >= DIFFERENCE[measure]
        else:
            same = bool(a.entities & b.entities - {a.actor, b.actor}) and score >= SAME_MEASURE[measure]
        return score if same else 0.0
    if a.actor and b.actor and a.actor != b.actor or not _dates_compatible(a.date, b.date):
        return 0.0  # Russia's count and Ukraine's count, or counts of two days, are two facts
    if a.noun is not None and a.noun == b.noun:
        if not compatible and a.objects and b.objects and not a.objects & b.objects:
            return 0.0  # a quake in Zarand and a quake on Qeshm: two numbers of two things
        bar = SAME_MEASURE if compatible else DIFFERENCE
    elif not compatible:
        return 0.0  # different measured nouns ("territory", "land") may only agree: a difference is a guess
    else:
        bar = SAME_OWNER if a.entities & b.entities else OTHER_MEASURE
    return score if score >= bar[measure] else 0.0


def _align(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Greedy grouping: each candidate joins the group it matches best, one version per article."""
    groups: list[list[_Candidate]] = []
    for candidate in candidates:
        best, best_score = None, 0.0
        for group in groups:
            if any(member.article.id == candidate.article.id for member in group):
                continue
            score = max(_match(member, candidate) for member in group)
            if score > best_score:
                best, best_score = group, score
        if best is None:
            groups.append([candidate])
        else:
            best.append(candidate)
    return groups


def _claim(group: list[_Candidate]) -> Claim | None:
    independent = {c.source_key for c in group}
    if len(independent) < 2:
        status = "single"
        if group[0].kind == "event" and group[0].date is None:
            return None  # an undated event only one outlet reports: nothing to check it against
    else:
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if a.source_key != b.source_key]
        status = "differ" if any(not _compatible(a, b) for a, b in pairs) else "agree"
    first = group[0]
    # Shown in the narrator's own words over a paraphrase of someone's statement, the tersest first.
    wording = min(group, key=lambda c: (c.reported, c.end - c.start))
    sources = [ClaimSource(c.article.id, c.start, c.end, c.text, c.value) for c in group]
    return Claim(
        id=content_id("claim", first.kind, first.article.id, str(first.start), str(first.end)),
        text=wording.text,
        status=status,  # type: ignore[arg-type]
        kind=first.kind,
        sources=sources,
    )
