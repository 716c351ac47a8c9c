"""Positions: what each actor demands, accepts, rejects, proposes or threatens, with every source.

No NLI model is available offline, so positions are read from spaCy dependency parses with small
stance lexicons, in the sentences that hold a stance word:

- a stance verb and what it governs: "Moscow seeks [a long-term settlement]", "Kyiv accepted
  [the proposal]", "Russia ruled out [the deployment of peacekeepers]", "called for [talks]";
- the passive and the participle: "[the proposal], accepted by Ukraine", "Zakharova went further,
  rejecting [foreign military presence]";
- "X's demands include/are: [...]", and "The demands also include [...]" after them;
- "it is unacceptable [that ...]" in the speaker's own words or in what a speaker is said to have said;
- "a U.S.-proposed [ceasefire]".

Negation flips wanting and accepting into rejecting ("doesn't want a truce") and drops the rest;
conditions ("if they rejected talks") are not positions. Coordinated objects become separate
positions ("abandon its push for NATO membership, and accept a nuclear-free status" -> two).
The actor is the stance's subject resolved to a story entity (a name, its alias, a descriptor such
as "Kremlin aide", a pronoun through the quote the annotate stage attributed); capitals and seats
of government stand for their country ("Moscow", "the Kremlin" -> Russia) when the story knows it.
Inside a direct quote only the speaker's own positions are kept: "Russia seeks to prolong the war",
said by Zelensky, is an accusation, not Russia's position.

The same position in several outlets becomes one ``Position`` with every source: same actor and
stance, and objects that share their content words, or whose embeddings are close when a sentence
embedder is given, or quotes the quote grouping put together.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.tokens import Doc, Token

from storyline.annotate import load_nlp, parse_text
from storyline.annotate.parses import sentence_doc
from storyline.crosscheck.linking import CAPITALS
from storyline.model import Annotations, Article, Entity, Position, ResolvedQuote, Span, Stance

log = logging.getLogger(__name__)

# Verb lemma -> stance. Some count only with their particle or preposition (see REQUIRED).
STANCE_VERBS: dict[str, Stance] = {
    "demand": "demand", "insist": "demand", "seek": "demand", "want": "demand", "call": "demand",
    "press": "demand", "push": "demand",
    "accept": "accept", "agree": "accept", "back": "accept", "support": "accept", "endorse": "accept",
    "approve": "accept", "welcome": "accept",
    "reject": "reject", "oppose": "reject", "refuse": "reject", "dismiss": "reject", "rule": "reject",
    "propose": "propose", "offer": "propose", "suggest": "propose", "put": "propose",
    "threaten": "threaten", "warn": "threaten", "vow": "threaten",
}  # fmt: skip
# These carry the stance only with this particle or preposition: "call for", "rule out", "put forward".
REQUIRED = {"call": {"for"}, "press": {"for"}, "push": {"for"}, "rule": {"out"}, "put": {"forward"},
            "insist": {"on"}, "agree": {"to", "on"}}  # fmt: skip
# What each verb may govern as its content.
TAKES_CLAUSE = {"demand", "insist", "propose", "threaten", "warn"}  # "demanded that ..."
NO_INFINITIVE = {"suggest", "support", "back", "dismiss", "oppose", "welcome"}
NEGATED: dict[Stance, Stance | None] = {  # "doesn't want" is a rejection; "did not threaten" is nothing
    "demand": None, "accept": "reject", "reject": None, "propose": None, "threaten": None,
}  # fmt: skip
# "expressed support for", "voiced opposition to": a stance noun after a verb that only states it.
STANCE_NOUNS: dict[str, Stance] = {"support": "accept", "backing": "accept", "opposition": "reject",
                                   "rejection": "reject"}  # fmt: skip
LIGHT_VERBS = {"express", "voice", "signal", "reiterate", "declare", "announce", "state", "confirm", "show"}
NEGATED_WANT = {"want", "accept", "agree", "support", "back", "endorse", "approve"}
REJECTING_ADJECTIVES = {"unacceptable", "inadmissible", "impermissible", "intolerable"}
DEMAND_NOUNS = {"demand", "condition"}
# "a U.S.-proposed ceasefire", "a US-backed deal": the actor written into the adjective.
HYPHENATED = re.compile(r"^(?P<actor>.+?)-(?P<verb>proposed|backed|brokered|drafted|rejected)$", re.I)
HYPHEN_STANCE: dict[str, Stance] = {
    "proposed": "propose", "drafted": "propose", "brokered": "propose", "backed": "accept",
    "rejected": "reject",
}  # fmt: skip
CANDIDATE = re.compile(
    r"\b(demand|call|insist|seek|sought|want|press|push|accept|agree|back|support|endors|approv|welcom|"
    r"reject|oppos|refus|dismiss|rul|propos|offer|suggest|put|threat|warn|vow|unacceptable|inadmissible|"
    r"impermissible|intolerable|condition|express|voice|signal|reiterate|declare|announce|state|confirm|"
    r"show|[a-z.]+-(proposed|backed|brokered|drafted|rejected))",
    re.I,
)
LOWER_FIRST = {"the", "a", "an", "almost", "any", "all", "some", "no", "this", "these", "those", "its"}
# Words that open a time or cause adjunct: when and why, not what is demanded.
ADJUNCTS = {
    "after",
    "before",
    "because",
    "while",
    "since",
    "amid",
    "during",
    "as",
    "when",
    "following",
    "despite",
}
# Infinitives after "want" that are talk, not a position.
DISCOURSE_VERBS = {
    "ask", "say", "tell", "interrupt", "try", "get", "see", "know", "thank", "talk", "go", "be", "make",
    "point", "add", "note", "start", "clarify", "stress", "remind", "hear", "look",
}  # fmt: skip
# Objects of "offer" or "suggest" that are words, not proposals.
NOT_PROPOSALS = {
    "advice", "insight", "comment", "condolence", "thought", "detail", "explanation", "apology", "praise",
    "glimpse", "view", "opinion", "assessment", "account", "remark", "prayer", "hint", "clue", "reason",
    "answer", "excuse", "evidence", "example", "word",
}  # fmt: skip
# Objects that make no position of any stance: "agreed to an interview".
SMALL_TALK = {"interview", "comment", "question", "photo", "selfie", "handshake"}
# What a vow must hold to be a threat rather than a promise.
FORCE_WORDS = {
    "retaliate", "respond", "punish", "strike", "destroy", "attack", "fight", "sanction", "crush", "defeat",
    "war", "means", "consequence", "revenge", "avenge", "hit", "bomb", "invade", "impose",
}  # fmt: skip
# Nouns that hold someone else's stance: "a call for the US to accept refugees", "the claim that X refused".
HOLDER_NOUNS = {
    "call", "demand", "plea", "appeal", "request", "proposal", "plan", "claim", "allegation", "accusation",
    "report", "rumor", "rumour", "suggestion", "question", "push", "bid", "effort", "attempt", "pressure",
}  # fmt: skip
# Verbs that negate the stance they govern: "declined to threaten Moscow".
NEGATING_VERBS = {"decline", "fail", "hesitate", "refrain", "stop", "cease", "avoid"}
CONTRASTS = {"rather", "instead", "not", "nor"}
TIME_ENTITIES = {"DATE", "TIME"}
CONDITIONS = {"if", "unless", "whether"}
HEDGES = {"expect", "consider", "ask", "plan", "likely", "may", "might", "could"}
FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
THIRD_PERSON = {"he", "she", "they", "him", "her", "them"}
# Capitals (one table with ``linking``) and seats of government that stand for their country.
METONYMS = {
    **{city: re.sub(r"^the ", "", country.lower()) for city, country in CAPITALS.items()},
    "kremlin": "russia", "white house": "united states", "downing street": "united kingdom",
    "elysee": "france",
}  # fmt: skip
SHORT_FORMS = {
    "us": "united states", "u.s": "united states", "usa": "united states", "america": "united states",
    "uk": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom", "eu": "european union",
}  # fmt: skip
# Adjectives of nationality whose spelling does not start like the country's name.
DEMONYMS = {
    "american": "united states", "us": "united states", "british": "united kingdom",
    "dutch": "netherlands", "french": "france", "swiss": "switzerland", "kremlin": "russia",
}  # fmt: skip
GENERIC_OBJECTS = {
    "deal", "plan", "proposal", "idea", "offer", "it", "this", "that", "them", "demand", "position",
    "one", "thing", "something", "anything", "everything", "step", "move", "else", "entirely", "way",
}  # fmt: skip
STOP_WORDS = ENGLISH_STOP_WORDS | {"s", "reportedly", "also", "any", "all"}
MAX_OBJECT_TOKENS = 45
HEADLINE_SHARE = 0.8
MIN_OVERLAP = 0.6
MIN_COSINE = 0.72
RECENT_SENTENCES = 3  # "The demands also include ..." looks this far back for whose demands


@dataclass
class _Actor:
    entity_id: str | None
    name: str


@dataclass
class _Found:
    """One position in one sentence of one article, before merging across outlets."""

    actor: _Actor
    stance: Stance
    text: str
    source: Span
    quote_group: str | None = None
    words: set[str] = field(default_factory=set)


@dataclass
class _Reading:
    """A stance word read in one sentence: who takes the stance, and the tokens of what on."""

    stance: Stance
    trigger: Token
    first: int  # the content's tokens, first..last
    last: int
    head: Token
    actors: list[_Actor]
    first_cited: int | None = None  # the source also covers these tokens ("Russia's demands include")
    last_cited: int | None = None  # ("accepted by Ukraine")
    continuations: list[tuple[int, int]] = field(default_factory=list)  # "..., and accept Y"
    left_out: set[int] = field(default_factory=set)  # tokens not part of the position's text


def _key(name: str) -> str:
    key = re.sub(r"^the\s+", "", name.strip().lower()).rstrip(".").replace("’", "'")
    return SHORT_FORMS.get(key, key)


class StoryEntities:
    """Finds the story entity a written name, mention or descriptor stands for."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_span: dict[tuple[str, int], Entity] = {}
        self.by_name: dict[str, Entity] = {}
        self.by_description: dict[str, list[Entity]] = {}
        for entity in entities:
            for span in entity.mentions:
                self.by_span[span.article_id, span.start] = entity
            for name in [entity.name, *entity.aliases]:
                self.by_name.setdefault(_key(name), entity)
            for description in entity.descriptions:
                self.by_description.setdefault(description.lower(), []).append(entity)

    def country(self, entity: Entity) -> Entity:
        """The country a capital or a seat of government stands for, when the story names it."""
        target = METONYMS.get(_key(entity.name))
        found = self.by_name.get(target) if target else None
        return found if found is not None and found.type in {"GPE", "LOC"} else entity

    def named(self, name: str) -> Entity | None:
        found = self.by_name.get(_key(name))
        if found is None and _key(name) in METONYMS:
            found = self.by_name.get(METONYMS[_key(name)])
        return self.country(found) if found is not None else None

    def described(self, phrase: str) -> Entity | None:
        """ "Top Kremlin aide" -> the one person the story describes so."""
        phrase = re.sub(r"^(the|a|an)\s+", "", phrase.lower().strip())
        found = {
            e.id: e
            for description, entities in self.by_description.items()
            if description == phrase
            or (len(phrase.split()) > 1 and description.endswith(phrase))
            or (len(description.split()) > 1 and phrase.endswith(description))
            for e in entities
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def affiliated(self, speaker_id: str | None, actor: _Actor) -> bool:
        """Whether a speaker speaks for the actor: the same entity, or its descriptor names the actor's
        country ("Russian Foreign Ministry spokeswoman", "Kremlin aide" for Russia)."""
        if speaker_id is None:
            return False
        if speaker_id == actor.entity_id:
            return True
        speaker = next((e for e in self.by_name.values() if e.id == speaker_id), None)
        if speaker is None:
            return False
        country = _key(actor.name)
        for description in speaker.descriptions:
            for word in re.findall(r"[\w.]+", description.lower()):
                word = word.rstrip(".")
                if DEMONYMS.get(word) == country or METONYMS.get(word) == country:
                    return True
                if len(word) >= 4 and len(country) >= 4 and word[:5] == country[:5]:
                    return True
        return False


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "no"} for c in token.children)


def _is_conditional(token: Token) -> bool:
    """ "if they rejected talks": a condition, not a position; also "whether to accept"."""
    current = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in current.children):
            return True
        if current.dep_ not in {"conj", "xcomp"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _held_by_noun(trigger: Token) -> bool:
    """ "a call for the US [to accept] more refugees", "the claim that Crutcher [refused] ...": the stance
    belongs to whoever makes the call or the claim, not to the verb's subject."""
    if trigger.pos_ != "VERB" and trigger.pos_ != "ADJ":
        return False
    ancestors = list(trigger.ancestors)
    if trigger.dep_ == "acl" and not any(c.dep_ == "nsubj" for c in trigger.children):
        ancestors = ancestors[1:]  # "the truce plan, backed by Poland": the noun is what is backed
    return any(a.pos_ == "NOUN" and a.lemma_.lower() in HOLDER_NOUNS for a in ancestors)


def _is_hedged(token: Token) -> bool:
    """ "is expected to present its demands", "may reject": not yet anyone's position."""
    if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in HEDGES


class _Sentence:
    """One parsed sentence of an article, with the article context its positions need."""

    def __init__(self, doc: Doc, offset: int, article: Article, context: _ArticleContext) -> None:
        self.doc = doc
        self.offset = offset
        self.article = article
        self.context = context

    def span(self, first: int, last: int) -> Span:
        """The article's characters of tokens first..last, without edge punctuation."""
        tokens = list(self.doc[first : last + 1])
        while tokens and (tokens[0].is_punct and tokens[0].text not in '“"‘' or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (
            tokens[-1].is_punct
            and tokens[-1].text not in '”"’'
            or tokens[-1].is_space
            or tokens[-1].dep_ == "cc"
        ):
            tokens = tokens[:-1]
        if not tokens:
            return Span(self.article.id, self.offset, self.offset, "")
        start = self.offset + tokens[0].idx
        end = self.offset + tokens[-1].idx + len(tokens[-1].text)
        text = self.article.text
        if text[start:end].count("“") < text[start:end].count("”"):
            end = start + len(text[start:end].rstrip('”" '))
        elif text[start:end].count("“") > text[start:end].count("”") and text[end : end + 1] == "”":
            end += 1  # "seeks a “long-term peaceful settlement”": the closing mark is the verb's child
        return Span(self.article.id, start, end, self.article.text[start:end])


@dataclass
class _ArticleContext:
    article: Article
    quotes: list[ResolvedQuote]
    mentions: dict[int, tuple[int, str]]  # mention start -> (end, label)
    recent_demands: list[tuple[int, _Actor]] = field(default_factory=list)  # (sentence start, whose)


def _clean_text(text: str) -> str:
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"^(that|to|for|of|on|out|forward)\s+", "", text.strip(" ,;:."), flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,;:.")


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in STOP_WORDS}


def _split_coordination(sentence: _Sentence, first: int, last: int, head: Token) -> list[tuple[int, int]]:
    """Split a content range at the conjuncts of its head ("fair wages, cheaper fuel and relief for
    young families") and at coordinated clauses or prepositions ("[abandon its push for NATO
    membership], and [accept a nuclear-free status]"), not inside a noun phrase of the content."""
    doc = sentence.doc
    for token in doc[head.i + 1 : last + 1]:
        if token.lower_ in CONTRASTS and token.dep_ != "neg" and head in {token.head, token.head.head}:
            last = (
                token.i - 1
            )  # "a long-term settlement [rather than a temporary cessation]" is not asked for
            break
    starts = {c.left_edge.i for c in head.conjuncts if head.i < c.i <= last}
    for token in doc[first : last + 1]:
        if token.dep_ != "cc" or token.i == first or token.head.i == head.i:
            continue
        owner = token.head
        conj = [c for c in owner.children if c.dep_ == "conj" and c.i > token.i]
        if conj and first <= owner.i <= last and conj[0].i <= last and owner.pos_ in {"VERB", "AUX", "ADP"}:
            starts.add(token.i + 1)
    parts = []
    start = first
    for cut in sorted(s for s in starts if first < s <= last):
        parts.append((start, cut - 1))
        start = cut
    parts.append((start, last))
    return [(a, b) for a, b in parts if any(not t.is_punct and t.dep_ != "cc" for t in doc[a : b + 1])]


def _is_infinitive(clause: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children)


def _is_mandative(clause: Token) -> bool:
    """ "demanded that Kyiv withdraw", "insists that talks must wait": a bare verb or a modal of need."""
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    if auxiliaries & {"should", "must", "shall"}:
        return True
    return clause.tag_ == "VB" and not auxiliaries & {"will", "would", "can", "could", "did", "do", "to"}


def _marked_by(clause: Token, words: set[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


def _verb_content(verb: Token) -> tuple[int, int, Token] | None:
    """The tokens a stance verb governs as its content, and the head of that content."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    required = REQUIRED.get(lemma)
    particles = {c.lower_ for c in children if c.dep_ == "prt"}
    if particles - (required or set()):
        return None  # "backed off", "called off", "put up": another verb
    if required and not any(c.lower_ in required and c.dep_ in {"prep", "prt", "advmod"} for c in children):
        marked = [c for c in children if c.dep_ in {"advcl", "xcomp"} and _marked_by(c, required)]
        if marked:  # "calling for Ukraine to abandon ...": "for" marks the clause
            return marked[0].left_edge.i, marked[0].right_edge.i, marked[0]
        if not (lemma in {"agree", "insist"} and any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in children)):
            return None
    # the first thing the verb governs after it: "sought [to protect breaks ...], the bedrock ..." keeps
    # the infinitive though the parser also hung a noun on the verb
    for child in (c for c in children if c.i > verb.i):
        content = _governed(verb, lemma, child, required, children)
        if content is not None:
            return content if content[0] >= 0 else None
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        # "the ceasefire proposal, reportedly accepted by Ukraine": the noun before the participle
        noun = verb.head
        end = min((c.left_edge.i for c in noun.children if c.i > noun.i), default=noun.i + 1) - 1
        return noun.left_edge.i, max(end, noun.i), noun
    for child in children:
        if child.dep_ == "nsubjpass":
            return child.left_edge.i, child.right_edge.i, child
    return None


def _governed(
    verb: Token, lemma: str, child: Token, required: set[str] | None, children: list[Token]
) -> tuple[int, int, Token] | None:
    """The content one child of a stance verb gives, if any; (-1, -1, child) when it rules the verb out."""
    refused = (-1, -1, child)
    if child.dep_ in {"dobj", "attr"}:
        if child.lemma_.lower() in SMALL_TALK or (
            STANCE_VERBS[lemma] == "propose" and child.lemma_.lower() in NOT_PROPOSALS
        ):
            return refused  # "offered insights into", "agreed to an interview"
        return child.left_edge.i, child.right_edge.i, child
    if child.dep_ == "prep" and required and child.lower_ in required:
        objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
        if not objects or all(t.ent_type_ in TIME_ENTITIES for t in objects[0].subtree):
            return None
        target = objects[0]
        if target.lemma_.lower() in SMALL_TALK:
            return refused
        last = target.right_edge.i
        for clause in children:  # "called for foreign troops [to leave the region]"
            if (
                clause.dep_ in {"xcomp", "advcl"}
                and clause.left_edge.i == last + 1
                and _is_infinitive(clause)
            ):
                last = clause.right_edge.i
        return target.left_edge.i, last, target
    if child.dep_ == "xcomp" and lemma not in NO_INFINITIVE and _is_infinitive(child):
        if lemma == "want" and child.lemma_.lower() in DISCOURSE_VERBS:
            return refused  # "I want to ask you", "want to be clear": talk, not a position
        if lemma == "vow" and not any(t.lemma_.lower() in FORCE_WORDS for t in child.subtree):
            return refused  # "vowed to retaliate" threatens; "vowed to cut taxes" is a promise
        return child.left_edge.i, child.right_edge.i, child
    if child.dep_ == "ccomp" and lemma in TAKES_CLAUSE:
        if lemma in {"demand", "insist"} and not _is_mandative(child):
            return refused  # "insisted that he is innocent" is a claim, not a demand
        return child.left_edge.i, child.right_edge.i, child
    return None


def _without_trailing_clause(doc: Doc, first: int, last: int, head: Token) -> int:
    """Cut a clause the parser hung on the content after a comma: "a hasty deal that does not account
    for Moscow's interests[, saying, “It will be necessary ...”]"."""
    for token in doc[head.i + 1 : last + 1]:
        if token.head.i == head.i and token.dep_ in {"prep", "advcl"} and token.left_edge.lower_ in ADJUNCTS:
            return token.left_edge.i - 1  # "agreed to lend Greece billions [after concerns that ...]"
        if token.dep_ in {"advcl", "parataxis", "ccomp"} and token is not head:
            opening = token.left_edge.i
            if opening > first and (doc[opening - 1].text in ",;:—–" or doc[opening].is_punct):
                return opening - 1
    return last


def _warn_content(verb: Token) -> tuple[Stance, int, int, Token] | None:
    """ "warned against X" rejects X; "warned of X" and "warned (that) he can do ..." threaten."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"against", "of"} and child.i > verb.i:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                stance: Stance = "reject" if child.lower_ == "against" else "threaten"
                return stance, objects[0].left_edge.i, objects[0].right_edge.i, objects[0]
        if child.dep_ == "ccomp" and child.i > verb.i:
            subjects = [c for c in child.children if c.dep_ == "nsubj"]
            if subjects and subjects[0].lower_ in FIRST_PERSON | THIRD_PERSON - {"they", "them"}:
                return "threaten", child.left_edge.i, child.right_edge.i, child
    return None


def _adjective_content(adjective: Token) -> tuple[int, int, Token] | None:
    """ "it is unacceptable [that army units are stationed ...]", "... [for troops to be present]"."""
    holder = adjective.head if adjective.dep_ == "acomp" else adjective
    for token in (adjective, holder):
        for child in token.children:
            if child.i <= adjective.i:
                continue
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if child.dep_ in {"ccomp", "xcomp"} or (child.dep_ == "advcl" and marks & {"for", "that"}):
                return child.left_edge.i, child.right_edge.i, child
    return None


def _subject(verb: Token) -> list[Token]:
    """Who takes the stance: the subject, or the passive's agent, borrowed from the verb a participle
    or a conjoined verb hangs on ("Zakharova went further, rejecting ..."); conjoined subjects too."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "agent":
                found = [c for c in child.children if c.dep_ == "pobj"]
                if found:
                    return _with_conjuncts(found[0])
        for child in current.children:
            if child.dep_ == "nsubj" and child.tag_ not in {"WDT", "WP", "EX"}:
                return _with_conjuncts(child)
        if current.dep_ not in {"conj", "advcl", "xcomp"} or current.head.i == current.i:
            return []
        current = current.head
    return []


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


class _Reader:
    """Reads the positions of one story's articles."""

    def __init__(self, entities: StoryEntities) -> None:
        self.entities = entities

    def enclosing_quote(self, sentence: _Sentence, char: int) -> ResolvedQuote | None:
        for quote in sentence.context.quotes:
            if quote.quote.kind in {"direct", "mixed"} and quote.quote.start <= char < quote.quote.end:
                return quote
        return None

    def speaker(self, quote: ResolvedQuote) -> _Actor | None:
        if quote.speaker_entity_id is None and not quote.speaker_name:
            return None
        entity = self.entities.named(quote.speaker_name or "")
        if entity is not None:
            return _Actor(entity.id, entity.name)
        return _Actor(quote.speaker_entity_id, quote.speaker_name or "")

    def actor(self, sentence: _Sentence, token: Token) -> _Actor | None:
        """The story actor a subject token stands for, or None when it cannot be told."""
        char = sentence.offset + token.idx
        lower = token.lower_
        if lower in FIRST_PERSON:
            quote = self.enclosing_quote(sentence, char)
            return self.speaker(quote) if quote is not None and quote.quote.kind == "direct" else None
        if lower in THIRD_PERSON:
            for quote in sentence.context.quotes:
                said_by = quote.quote.speaker
                if said_by is not None and said_by.start == char:
                    return self.speaker(quote)
            return None
        if token.pos_ == "PRON" or token.tag_ in {"DT", "WDT"}:
            return None
        if token.lemma_.lower() in DEMAND_NOUNS and token.tag_ == "NNS":
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners:
                return self.actor(sentence, owners[0])
            recent = [a for start, a in sentence.context.recent_demands if start < sentence.offset]
            return recent[-1] if recent else None
        for start, (end, _label) in sentence.context.mentions.items():
            if start <= char < end:
                name = sentence.article.text[start:end]
                entity = self.entities.named(name) or self.entities.by_span.get((sentence.article.id, start))
                if entity is not None:
                    entity = self.entities.country(entity)
                    return _Actor(entity.id, entity.name)
        phrase = sentence.doc[token.left_edge.i : token.i + 1].text
        entity = self.entities.named(phrase) or self.entities.named(token.text)
        if entity is None and token.pos_ == "NOUN":
            entity = self.entities.described(phrase)
        return _Actor(entity.id, entity.name) if entity is not None else None

    def actors(self, sentence: _Sentence, trigger: Token, subjects: list[Token]) -> list[_Actor]:
        """Every resolved subject; inside a direct quote only the speaker and those it speaks for."""
        quote = self.enclosing_quote(sentence, sentence.offset + trigger.idx)
        direct = quote is not None and quote.quote.kind == "direct"
        found = []
        for subject in subjects:
            actor = self.actor(sentence, subject)
            if actor is None:
                continue
            if direct and subject.lower_ not in FIRST_PERSON:
                assert quote is not None
                if not self.entities.affiliated(quote.speaker_entity_id, actor):
                    continue  # "Russia seeks to prolong the war", in Zelensky's words
            found.append(actor)
        return found

    def read(self, sentence: _Sentence) -> list[_Found]:
        if sentence.doc.text.rstrip(' \n”"’').endswith("?"):
            return []  # "But has he called for new talks ...?" asks; it does not report
        words = [t for t in sentence.doc if t.is_alpha and len(t) > 3]
        if len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= HEADLINE_SHARE * len(words):
            return []  # a headline in title case ("Obama Seeks More Refugees") misleads the parser
        readings: list[_Reading] = []
        for token in sentence.doc:
            reading = self.reading(sentence, token)
            if reading is not None and not _held_by_noun(reading.trigger):
                readings.append(reading)
        # a stance inside another one's content is not its subject's own: "demanded that Kyiv reject ..."
        readings = [
            r
            for r in readings
            if HYPHENATED.match(r.trigger.text)
            or not any(o is not r and o.first <= r.trigger.i <= o.last for o in readings)
        ]
        readings = [r for r in readings if r.actors]
        found = []
        for reading in readings:
            found.extend(self.positions(sentence, reading))
        return found

    def reading(self, sentence: _Sentence, token: Token) -> _Reading | None:
        lemma = token.lemma_.lower()
        hyphenated = HYPHENATED.match(token.text)
        if hyphenated:
            return self.hyphen_reading(sentence, token, hyphenated)
        if lemma in REJECTING_ADJECTIVES and token.pos_ == "ADJ":
            return self.adjective_reading(sentence, token)
        if lemma in DEMAND_NOUNS and token.tag_ == "NNS":
            return self.noun_reading(sentence, token)
        if lemma in STANCE_NOUNS and token.pos_ == "NOUN" and token.head.lemma_.lower() in LIGHT_VERBS:
            return self.light_verb_reading(sentence, token)
        if lemma in STANCE_VERBS and token.pos_ == "VERB":
            return self.verb_reading(sentence, token)
        return None

    def verb_reading(self, sentence: _Sentence, verb: Token) -> _Reading | None:
        if _is_conditional(verb) or _is_hedged(verb):
            return None
        lemma = verb.lemma_.lower()
        stance = STANCE_VERBS[lemma]
        if lemma == "warn":
            warned = _warn_content(verb)
            if warned is None:
                return None
            stance, first, last, head = warned
        else:
            content = _verb_content(verb)
            if content is None:
                return None
            first, last, head = content
        if _is_negated(verb) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_VERBS):
            flipped = "reject" if lemma in NEGATED_WANT else NEGATED[stance]
            if flipped is None:
                return None
            stance = flipped
        last = _without_trailing_clause(verb.doc, first, last, head)
        for ancestor in verb.ancestors:  # a parse that runs the content into the main clause
            if first <= ancestor.i <= last and ancestor.i > verb.i:
                last = ancestor.i - 1
        if stance == "threaten":  # "threatening sanctions [unless they engage in talks]"
            for child in verb.children:
                marks = {c.lower_ for c in child.children}
                if child.dep_ == "advcl" and child.i > last and marks & CONDITIONS:
                    last = child.right_edge.i
        reading = _Reading(stance, verb, first, last, head, self.actors(sentence, verb, _subject(verb)))
        agents = [c for c in verb.children if c.dep_ == "agent"]
        if agents:
            reading.last_cited = agents[0].right_edge.i
        # "calling for Ukraine to abandon X, and accept Y": a bare verb conjoined to a participle or a
        # finite verb continues the infinitive, not the stance verb
        if head.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            for conj in verb.children:
                own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children)
                joined_by = {c.lower_ for c in verb.children if c.dep_ == "cc" and last < c.i < conj.i}
                if (
                    conj.dep_ == "conj"
                    and conj.tag_ == "VB"
                    and verb.tag_ != "VB"
                    and conj.i > last
                    and not own_subject
                    and joined_by <= {"and", "or"}
                ):
                    reading.continuations.append((conj.i, conj.right_edge.i))
                    reading.last = conj.right_edge.i
        return reading

    def adjective_reading(self, sentence: _Sentence, adjective: Token) -> _Reading | None:
        content = _adjective_content(adjective)
        if content is None or _is_negated(adjective) or _is_negated(adjective.head):
            return None
        first, last, head = content
        quote = self.enclosing_quote(sentence, sentence.offset + adjective.idx)
        if quote is not None and quote.quote.kind == "direct":
            speaker = self.speaker(quote)
            actors = [speaker] if speaker is not None else []
        else:
            holder = adjective.head
            while holder.dep_ in {"ccomp", "conj"} and holder.head.i != holder.i:
                holder = holder.head  # "Moscow said [it would be unacceptable ...]"
            subjects = [s for s in _subject(holder) if s.lower_ not in {"it", "this", "that"}]
            actors = self.actors(sentence, adjective, subjects)
        return _Reading("reject", adjective, first, last, head, actors)

    def noun_reading(self, sentence: _Sentence, noun: Token) -> _Reading | None:
        """ "Russia's demands include [...]"; remembers whose demands "The demands" are next."""
        owners = [c for c in noun.children if c.dep_ == "poss"]
        actor = self.actor(sentence, owners[0]) if owners else self.actor(sentence, noun)
        if actor is not None and owners:
            sentence.context.recent_demands.append((sentence.offset, actor))
        verb = noun.head
        if actor is None or noun.dep_ != "nsubj" or verb.lemma_.lower() not in {"include", "be", "involve"}:
            return None
        if _is_negated(verb):
            return None
        for child in verb.children:
            if child.i > verb.i and child.dep_ in {"dobj", "attr", "xcomp"}:
                return _Reading(
                    "demand", noun, child.left_edge.i, child.right_edge.i, child, [actor], first_cited=noun.i
                )
        return None

    def light_verb_reading(self, sentence: _Sentence, noun: Token) -> _Reading | None:
        """ "expressing general support for the truce": the noun carries the stance, the verb the actor."""
        verb = noun.head
        if noun.dep_ != "dobj" or _is_negated(verb) or _is_conditional(verb) or _is_hedged(verb):
            return None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"for", "to", "of"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    target = objects[0]
                    actors = self.actors(sentence, verb, _subject(verb))
                    stance = STANCE_NOUNS[noun.lemma_.lower()]
                    return _Reading(stance, noun, target.left_edge.i, target.right_edge.i, target, actors)
        return None

    def hyphen_reading(self, sentence: _Sentence, token: Token, match: re.Match[str]) -> _Reading | None:
        """ "a U.S.-proposed 30-day ceasefire": the United States proposes a 30-day ceasefire."""
        entity = self.entities.named(match["actor"])
        noun = token.head
        if entity is None or token.dep_ not in {"amod", "compound"} or noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        stance = HYPHEN_STANCE[match["verb"].lower()]
        reading = _Reading(stance, token, noun.left_edge.i, noun.i, noun, [_Actor(entity.id, entity.name)])
        reading.left_out = {token.i} | {c.i for c in noun.children if c.dep_ == "det"}
        return reading

    def words_of(self, sentence: _Sentence, tokens: list[Token]) -> str:
        """The tokens as written; "these demands" says whose when the article named them before."""
        recent = [a for start, a in sentence.context.recent_demands if start < sentence.offset]
        words = []
        for token in tokens:
            if (
                recent
                and token.lower_ in {"these", "those", "such"}
                and token.head.lemma_.lower() in DEMAND_NOUNS
                and token.dep_ == "det"
            ):
                words.append(f"{recent[-1].name}’s ")
            else:
                words.append(token.text_with_ws)
        return "".join(words)

    def positions(self, sentence: _Sentence, reading: _Reading) -> list[_Found]:
        doc = sentence.doc
        main_last = reading.continuations[0][0] - 1 if reading.continuations else reading.last
        parts = _split_coordination(sentence, reading.first, main_last, reading.head)
        prefix = _infinitive_subject(reading.head)
        parts += reading.continuations
        found = []
        for number, (first, last) in enumerate(parts):
            while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
                last -= 1  # "abandon its push for NATO membership, and" before a continuation
            tokens = [t for t in doc[first : last + 1] if t.i not in reading.left_out]
            if len(tokens) > MAX_OBJECT_TOKENS:
                continue  # a whole paragraph of a parse gone wrong is no position
            text = _clean_text(self.words_of(sentence, tokens))
            if text.split(" ", 1)[0].lower() in LOWER_FIRST:
                text = text[0].lower() + text[1:]  # "The ceasefire proposal, accepted by ..." -> "the ..."
            if number > 0 and prefix and tokens and tokens[0].tag_ == "VB":
                text = f"{prefix} {text}"  # "accept a nuclear-free status" -> "Ukraine to accept ..."
            words = _content_words(text)
            if not words or words <= GENERIC_OBJECTS or len(text) < 3:
                continue
            if number == 0:
                cited_first = min(first, reading.trigger.i, reading.first_cited or first)
                cited_last = max(last, reading.trigger.i, reading.last_cited or last)
            else:
                cited_first, cited_last = first, last
            source = sentence.span(cited_first, cited_last)
            quote = self.enclosing_quote(sentence, source.start)
            group = quote.group_id if quote is not None and quote.quote.kind == "direct" else None
            for actor in reading.actors:
                found.append(_Found(actor, reading.stance, text, source, group, words))
        return found


def _infinitive_subject(head: Token) -> str | None:
    """ "Ukraine to" in "for Ukraine to abandon ...", carried over to the verbs conjoined after it."""
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i < head.i]
    if subjects and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        subject = subjects[0]
        return f"{head.doc[subject.left_edge.i : subject.right_edge.i + 1].text} to"
    return None


def _similarity(one: _Found, other: _Found, vectors: dict[str, np.ndarray]) -> float:
    """1.0 for quotes grouped as one statement; else the share of content words the shorter object
    shares (two at least, unless it has one), or the embeddings' cosine when that is high enough."""
    if one.quote_group is not None and one.quote_group == other.quote_group:
        return 1.0
    shared = one.words & other.words
    smaller = min(len(one.words), len(other.words))
    overlap = len(shared) / smaller if smaller and len(shared) >= min(2, smaller) else 0.0
    if overlap >= MIN_OVERLAP:
        return overlap
    if one.text in vectors and other.text in vectors:
        cosine = float(vectors[one.text] @ vectors[other.text])
        if cosine >= MIN_COSINE:
            return cosine
    return overlap


def _actor_key(found: _Found) -> str:
    return found.actor.entity_id or found.actor.name


def _merge(found: list[_Found], embedder: Any | None) -> list[Position]:
    """One position per actor, stance and object, with the sources of every outlet that reports it."""
    vectors: dict[str, np.ndarray] = {}
    if embedder is not None and found:
        texts = sorted({f.text for f in found})
        encoded = np.asarray(embedder.encode(texts, batch_size=32, show_progress_bar=False), np.float32)
        encoded /= np.maximum(np.linalg.norm(encoded, axis=1, keepdims=True), 1e-9)
        vectors = dict(zip(texts, encoded, strict=True))
    clusters: list[list[_Found]] = []
    for item in found:
        best, best_score = None, 0.0
        for cluster in clusters:
            if _actor_key(cluster[0]) != _actor_key(item) or cluster[0].stance != item.stance:
                continue
            score = max(_similarity(item, member, vectors) for member in cluster)
            if score >= MIN_OVERLAP and score > best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append([item])
        else:
            best.append(item)
    positions = []
    for cluster in clusters:
        central = max(
            cluster,
            # the most typical wording; among equals a compact one (about three content words)
            key=lambda m: (
                round(sum(_similarity(m, o, vectors) for o in cluster if o is not m), 1),
                -abs(len(m.words) - 3),
                -len(m.text),
            ),
        )
        sources = sorted({m.source for m in cluster}, key=lambda s: (s.article_id, s.start))
        actor = cluster[0].actor
        positions.append(Position(actor.entity_id, actor.name, cluster[0].stance, central.text, sources))
    return positions


STANCE_ORDER = {"demand": 0, "reject": 1, "accept": 2, "propose": 3, "threaten": 4}


def find_positions(
    articles: Sequence[Article],
    annotations: dict[str, Annotations],
    quotes: list[ResolvedQuote],
    entities: list[Entity],
    nlp: Any = None,
    *,
    embedder: Any | None = None,
    docs: Mapping[str, Doc] | None = None,
) -> list[Position]:
    """The positions actors take in one story's articles, merged across outlets.

    Only the sentences holding a stance word are read, from ``docs`` (article id -> the annotate
    stage's parse, see ``annotate.parses``); an article without one is parsed with ``nlp`` (loaded
    when None). ``embedder`` (a sentence-transformers model) also merges positions worded
    differently; without it, shared content words decide.
    """
    reader = _Reader(StoryEntities(entities))
    quotes_of: dict[str, list[ResolvedQuote]] = {}
    for quote in quotes:
        quotes_of.setdefault(quote.article_id, []).append(quote)
    found: list[_Found] = []
    for article in articles:
        notes = annotations.get(article.id)
        if notes is None:
            continue
        context = _ArticleContext(
            article,
            quotes_of.get(article.id, []),
            {m.start: (m.end, m.label) for m in notes.mentions},
        )
        candidates = [(s, e) for s, e in notes.sentences if CANDIDATE.search(article.text[s:e])]
        if not candidates:
            continue
        doc = (docs or {}).get(article.id) or parse_text(nlp or load_nlp(), article.text)
        for start, end in candidates:
            found.extend(reader.read(_Sentence(sentence_doc(doc, start, end), start, article, context)))
    positions = _merge(_distinct(found), embedder)
    sources_of_actor: dict[str, int] = {}
    for position in positions:
        key = position.entity_id or position.actor
        sources_of_actor[key] = sources_of_actor.get(key, 0) + len(position.sources)
    positions.sort(
        key=lambda p: (
            -sources_of_actor[p.entity_id or p.actor],
            p.actor,
            STANCE_ORDER[p.stance],
            -len(p.sources),
            p.text,
        )
    )
    log.debug("%d positions from %d readings", len(positions), len(found))
    return positions


def _distinct(found: list[_Found]) -> list[_Found]:
    """One finding per actor, stance and cited span (two stance words may read the same clause)."""
    seen: dict[tuple[str, str, Span], _Found] = {}
    for item in found:
        seen.setdefault((item.actor.entity_id or item.actor.name, item.stance, item.source), item)
    return list(seen.values())
