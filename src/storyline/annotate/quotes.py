"""Quotes: what each quotation is (a full quote or a phrase in reported speech), its cue and speaker.

Over one parsed article. The cue is the speech verb the quotation depends on ("said",
"told", "wrote", "described ... as"), found by walking up the dependency tree from the quoted
words, or in the short clause next to the quote ("… ,” Ushakov said.). The speaker is that
verb's subject, resolved inside the article: a surname to the fullest form of the name,
"he"/"she" to the person last quoted or last named, a descriptor ("the top US diplomat") to
the person it describes, and a quote paragraph with no attribution continues the speaker of
the quote just before it. A quoted phrase or statement reported inside another statement ("X
concluded that voters say they want a “fighter”") is left to the outer one; a full quote stays.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.annotate.quote_spans import PAIRS, QuoteSpan, find_quote_spans, paragraph_bounds
from storyline.annotate.reported import (
    SEEMING_VERBS,
    find_reported,
    is_dateline,
    name_right_before,
    names_a_speaker,
    office_holder,
    paragraph_label,
)
from storyline.model import Quote, QuoteKind, Speaker

log = logging.getLogger(__name__)

SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "note",
    "state",
    "write",
    "claim",
    "warn",
    "insist",
    "explain",
    "respond",
    "reply",
    "ask",
    "announce",
    "declare",
    "describe",
    "characterize",
    "characterise",
    "call",
    "argue",
    "stress",
    "emphasize",
    "emphasise",
    "suggest",
    "acknowledge",
    "admit",
    "confirm",
    "deny",
    "reveal",
    "report",
    "remark",
    "tweet",
    "post",
    "comment",
    "conclude",
    "urge",
    "predict",
    "promise",
    "vow",
    "threaten",
    "complain",
    "reject",
    "dismiss",
    "label",
    "term",
    "recall",
    "concede",
    "observe",
    "testify",
    "assert",
    "maintain",
    "indicate",
    "express",
    "continue",
    "quip",
    "joke",
    "shout",
    "whisper",
    "plead",
    "demand",
    "boast",
    "caution",
    "contend",
    "allege",
    "pledge",
    "accuse",
    "blast",
    "criticize",
    "criticise",
    "praise",
    # manner of speaking: what the writer says of how the words came out
    "yell", "scream", "bark", "snap", "retort", "mutter", "mumble", "muse", "gush", "fume", "scoff",
    "sneer", "growl", "exclaim", "interject", "lament", "marvel", "recount", "thunder",
    "gloat", "brag", "taunt", "proclaim", "assure", "rant", "grumble", "retaliate", "counter",
}
ANSWERING_BACK = {"shoot", "hit", "fire", "strike", "push"}  # "shot back", "hit back": a retort
# "respond with all available means" is an action; "responded: '...'" is speech.
ACTION_WITH = {"respond", "reply", "react", "continue"}
PRONOUNS = {"he", "she", "him", "her", "his", "they", "i", "we", "it", "who"}
WRITER, WRITERS = "the writer", "the writers"  # an unsigned article's "I" and "we"
FIRST_PERSON = {"i", "we"}
THIRD_PERSON = {"he", "she", "they"}  # a subject pronoun written right before a cue
PERSON_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "his": "PERSON"}
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
SUBJECTS = {"nsubj", "nsubjpass"}
INDEFINITE = {"a", "an", "one", "another"}  # "a source", "one woman": someone the writer leaves unnamed
# "the unnamed officer", "the fourth person", "the other driver": someone else than anyone named
# ("first" is left out: "the first lady", "the first minister" are offices)
UNNAMED_MODIFIERS = {"unnamed", "anonymous", "unidentified", "other"}
ORDINALS_AFTER_FIRST = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
SENTENCE_ENDS = set(".!?") | {"”", '"', "'"}
OPENING_MARKS = "“‘\"'«„"
MAX_CLIMB = 6
# pronouns for people a relative clause says who they are: "those who want ...", "anyone who says ..."
UNNAMED_PEOPLE = {
    "those", "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "one", "all", "many",
    "some", "few",
}  # fmt: skip
SINGULAR_PEOPLE = {"anyone", "anybody", "everyone", "everybody", "someone", "somebody", "one"}
MAX_ASIDE = 8  # tokens of an aside between a name and its verb: an age, a title
MAX_LONG_ASIDE = 20  # the same right after a quotation, where the name surely opens the attribution
# Heads of a noun phrase that name an institution or its output, which speak as organisations.
INSTITUTION_NOUNS = {
    "ministry", "government", "department", "agency", "office", "committee", "commission", "campaign",
    "company", "firm", "administration", "embassy", "council", "parliament", "court", "military", "army",
    "police", "party", "newspaper", "paper", "network", "outlet", "channel", "poll", "survey",
    "report", "study", "statement", "memo", "letter", "document", "analysis", "kremlin", "white", "house",
    "service", "team", "group", "organization", "organisation", "union", "board", "bank", "foundation",
    "institute", "staff", "media", "press", "center", "centre", "website", "site", "magazine", "publication",
    "station",
}  # fmt: skip
# Plural heads that stand for people: "voters", "residents", "the stars".
PEOPLE_NOUNS = {
    "people", "voter", "resident", "supporter", "critic", "expert", "member", "worker", "protester", "fan",
    "star", "student", "parent", "scientist", "researcher", "activist", "witness", "officer", "investigator",
    "lawmaker", "legislator", "citizen", "immigrant", "liberal", "progressive", "conservative",
    "intellectual", "economist", "analyst", "democrat", "republican", "american", "family", "victim",
    "employee", "leader",
}  # fmt: skip
# Roles of someone beside the story's main people, never one of them: "the spokesman said" speaks for
# the leader in focus and "the judge said" is not the defendant, unless named with the role.
SIDE_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "source", "aide", "adviser", "advisor", "lawyer", "attorney",
    "counsel", "judge", "witness", "prosecutor", "detective", "investigator", "coroner", "neighbor",
    "neighbour", "friend", "relative", "doctor", "analyst", "expert", "observer", "insider", "staffer",
    "rep", "publicist", "agent", "pastor", "priest", "cop", "nurse",
    # kin are named by whom they are kin to, someone else than the one in focus ("his grandson said")
    "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "grandson",
    "granddaughter", "grandfather", "grandmother", "uncle", "aunt", "nephew", "niece", "cousin", "widow",
    "widower", "fiance", "fiancee", "fiancé", "fiancée", "parent", "sibling", "stepfather", "stepmother",
}  # fmt: skip
# Heads that stand for a person: an unnamed one is still a speaker ("a source said", "the judge said").
PERSON_NOUNS = {
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
    "diplomat", "minister", "president", "leader", "judge", "lawyer", "attorney", "senator", "governor",
    "mayor", "candidate", "nominee", "secretary", "ambassador", "envoy", "chief", "director", "analyst",
    "expert", "economist", "strategist", "pollster", "representative", "lawmaker", "congressman",
    "congresswoman", "chairman", "chairwoman", "chair", "head", "commander", "general", "officer",
    "witness", "resident", "voter", "supporter", "critic", "author", "reporter", "journalist", "columnist",
    "editor", "writer", "professor", "scholar", "researcher", "doctor", "prosecutor", "investigator",
    "man", "woman", "person", "member", "manager", "executive", "founder", "owner", "host", "anchor",
    "correspondent", "activist", "veteran", "democrat", "republican", "operative", "staffer", "friend",
    "father", "mother", "son", "daughter", "wife", "husband", "colleague", "speaker", "negotiator",
    "premier", "chancellor", "king", "queen", "prince", "pope", "commissioner", "deputy", "counsel",
    "student", "teacher", "worker", "employee", "citizen", "participant", "observer", "insider",
    "coroner", "rep", "publicist", "agent", "detective", "relative", "neighbor", "neighbour", "star",
    "actress", "actor", "pastor", "priest", "cop", "nurse", "coach", "player", "singer",
    "brother", "sister", "grandson", "granddaughter", "grandfather", "grandmother", "uncle", "aunt",
    "nephew", "niece", "cousin", "widow", "widower", "fiance", "fiancee", "fiancé", "fiancée", "parent",
    "sibling", "stepfather", "stepmother", "suspect", "victim", "survivor", "driver", "passenger",
    "firefighter", "paramedic", "soldier", "pilot", "captain", "sailor", "gunman", "attacker",
    "assailant", "bomber", "shooter", "robber", "thief", "burglar", "hijacker", "arsonist", "killer",
    "donor", "tycoon", "magnate", "mogul", "billionaire", "millionaire", "businessman", "businesswoman",
    "entrepreneur", "investor", "banker", "lobbyist", "consultant", "physician", "surgeon", "scientist",
    "historian", "novelist", "comedian", "filmmaker", "producer", "musician", "rapper", "bishop", "rabbi",
    "imam", "preacher", "evangelist", "sheriff", "trooper", "inmate", "prisoner", "defendant", "plaintiff",
    "juror", "athlete", "quarterback", "champion", "teenager", "farmer", "protester", "demonstrator",
}  # fmt: skip
RELATIVE_TAGS = {"WDT", "WP", "WP$"}  # "that", "which", "who" stand for a noun, not a speaker


@dataclass
class _Found:
    """A quote as found, before speaker resolution."""

    span: QuoteSpan
    kind: QuoteKind
    cue: Token | Span | None
    subject: Token | Span | None  # who the text says spoke, as written


# What names a work before its title in marks: "the book “...”", "starred in “...”", "host of “...”".
WORK_NOUNS = {
    "show", "program", "programme", "book", "movie", "film", "series", "drama", "thriller", "comedy",
    "sitcom", "album", "song", "documentary", "podcast", "autobiography", "memoir", "novel", "musical",
    "episode", "broadcast", "newscast", "miniseries", "serial",
}  # fmt: skip
WORK_VERBS = {"star", "host", "author", "air", "appear", "episode", "broadcast", "anchor"}
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from"}


def _tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _kind(quoted: Span | None) -> QuoteKind:
    """A quotation with its own finite verb is a full quote; a verbless phrase is a mixed quote.

    An imperative ("Give the money back") is a full clause too: a base-form verb that governs its
    clause and has no subject.
    """
    if quoted is None:
        return "mixed"
    sentence = quoted[0].sent
    if all(t.is_punct or t.is_space or quoted.start <= t.i < quoted.end for t in sentence):
        return "direct"  # '“Not now, not later.”': a sentence of its own, not a phrase of the writer's
    for token in quoted:
        if token.pos_ in {"VERB", "AUX"} and (
            "Fin" in token.morph.get("VerbForm", []) or token.tag_ in {"VBD", "VBZ", "VBP", "MD"}
        ):
            return "direct"
    first = next((t for t in quoted if not t.is_punct), None)
    if first is not None and first.tag_ == "VB" and first.head.i not in range(quoted.start, quoted.end):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children)
        if not infinitive and not any(child.dep_ in SUBJECTS for child in first.children):
            return "direct"  # "urged them to 'act now'" stays a phrase of the narrator's sentence
    return "mixed"


def _is_speech(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.lemma_.lower() in ANSWERING_BACK:
        return any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in token.children)
    if token.lemma_.lower() not in SPEECH_VERBS:
        return False
    if token.i >= 2 and token.doc[token.i - 2].lower_ == "so" and token.doc[token.i - 1].text == "-":
        return False  # the "so-called" of a scare quote
    if token.lemma_.lower() in ACTION_WITH and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children
    ):
        return False
    return True


def _subject(verb: Token) -> Token | None:
    """The verb's subject, climbing from participles and relative clauses ("..., saying" -> main clause)."""
    current = verb
    for _ in range(MAX_CLIMB):
        if current.pos_ in {"VERB", "AUX"}:
            for child in current.children:
                relative = child.tag_ in RELATIVE_TAGS
                if is_dateline(child):
                    continue
                if child.i == verb.i:
                    continue  # '..., writing "Feels great ..."': the parser made the cue the quote's subject
                if child.dep_ in SUBJECTS and (not relative or current is verb and verb.dep_ == "relcl"):
                    # the cue's own relative "who": the resolver reads what it stands for
                    return office_holder(child) or child
            if current is verb and verb.i > 0 and verb.doc[verb.i - 1].head == verb:
                name = verb.doc[verb.i - 1]  # '"...," Kaplan barked': the parser made the name a compound
                if name.dep_ == "compound" and name.pos_ == "PROPN":
                    return name
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _main_subject(token: Token) -> Token | None:
    """The subject of the sentence's main verb: who the whole sentence is about."""
    root = token.sent.root
    return next((c for c in root.children if c.dep_ in SUBJECTS), None)


def _subject_after(inside: Token, span: QuoteSpan) -> Token | None:
    """The parser took a word of the quote for the cue's subject ('"That was brave, Mr. Mayor,"
    Senator Lena Ortiz told him'): the speaker is what it set beside that word after the quote,
    or nobody."""
    return next((c for c in inside.children if c.dep_ == "appos" and c.idx >= span.end), None)


def _name_before(verb: Token) -> Token | None:
    """ "..., ” fire Chief Omar Haddad said", "..., ” he said": the name or pronoun right before the cue,
    or before a short aside between commas ("..., ” Lund, 58, told the paper")."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.text == "," and verb.i >= 4:
        window = doc[max(0, verb.i - 2 - MAX_ASIDE) : verb.i - 1]
        opening = next((t for t in reversed(window) if t.text == ","), None)
        if opening is not None and opening.i > 0:
            aside = doc[opening.i + 1 : verb.i - 1]
            if not any(t.pos_ in {"VERB", "AUX"} or t.is_quote for t in aside):
                before = doc[opening.i - 1]
    if before is None:
        return None
    return before if before.ent_type_ in {"PERSON", "ORG"} or before.lower_ in THIRD_PERSON else None


def _name_after_quote(doc: Doc, span: QuoteSpan, verb: Token) -> Token | None:
    """ '"...," said Ann Lund, half joking' and '"...," Ann Lund, wearing a hat and a "Vote Lund" pin,
    said': the name that opens the attribution after the closing mark, right after the cue or followed
    by an aside and the cue, where the parser hung it on something else."""
    if verb.idx < span.end:
        return None
    start = next((t.i for t in doc if t.idx >= span.end and not (t.is_punct or t.is_space)), None)
    if start is None or doc[start].sent != verb.sent:
        return None
    if start == verb.i:  # the cue first: the name right after it
        start += 1
    person = next((e for e in doc.ents if e.label_ == "PERSON" and start <= e.start <= start + 3), None)
    if person is None or any(t.is_punct for t in doc[start : person.start]):
        return None
    if verb.i > person.start:  # the name first: an aside between commas, then the cue
        gap = doc[person.end : verb.i]
        if len(gap) > MAX_LONG_ASIDE or len(gap) and (gap[0].text != "," or gap[-1].text != ","):
            return None
    return doc[person.end - 1]


def _name_after_opening_cue(verb: Token) -> Token | None:
    """ 'Said Ellis: "..."': a cue that opens its sentence, followed by the name of who speaks and a colon
    or a comma (the parser may read "Said" as part of the name)."""
    doc = verb.doc
    if verb.i != verb.sent.start or verb.i + 1 >= len(doc):
        return None
    entity = next((e for e in doc.ents if e.start == verb.i + 1), None)
    if entity is None or entity.label_ not in {"PERSON", "ORG"} or entity.end >= len(doc):
        return None
    return doc[entity.end - 1] if doc[entity.end].text in {":", ","} else None


def _according_to(tokens: list[Token]) -> tuple[Span, Token] | None:
    for token in tokens:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
        ):
            for child in token.doc[token.i + 1].children:
                if child.dep_ == "pobj":
                    return token.doc[token.i : token.i + 2], child
    return None


def _cue_on_path(quoted: Span) -> Token | None:
    """The nearest speech verb above the quoted words in the parse."""
    head = quoted.root
    seen = 0
    current = head
    while current.head.i != current.i and seen < 12:
        current = current.head
        seen += 1
        if current.i >= quoted.start and current.i < quoted.end:
            continue
        if _is_speech(current):
            return current
    return None


def _cue_nearby(
    doc: Doc, quote: QuoteSpan, spans: list[QuoteSpan], paragraph: tuple[int, int]
) -> Token | None:
    """A speech verb in the sentence(s) around the quote, nearest first, outside any quotation (a
    quotation this one sits in aside: "He told me, 'Go'" has its cue there)."""
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return None
    sentences = [first[0].sent, first[-1].sent]
    opening = first[0].sent
    if first[0].i - opening.start <= 2 and opening.start > 0 and doc[opening.start - 1].idx >= paragraph[0]:
        sentences.append(doc[opening.start - 1].sent)  # 'X claimed that' | '“...”' split into two sentences
    following = first[-1].sent.end
    if following < len(doc) and doc[following].idx < paragraph[1]:
        nxt = doc[following].sent
        if sum(not (t.is_punct or t.is_space) for t in nxt) <= 10:  # '“...” Ushakov said.' split in two
            sentences.append(nxt)
    candidates = [
        t
        for sentence in sentences
        for t in sentence
        if _is_speech(t) and paragraph[0] <= t.idx < paragraph[1] and not _quoted_elsewhere(t, quote, spans)
    ]
    if not candidates:
        return None
    # nearest first; but a quote opening its own sentence after '“A,” said X, who noted that ...' or
    # '“A,” X said, adding that ... .' continues what X said, not the statement of the clause after it
    before = doc.text[paragraph[0] : quote.start].rstrip().rstrip(OPENING_MARKS).rstrip()
    full_stop = before[-1:] in SENTENCE_ENDS
    return min(
        candidates,
        key=lambda t: (
            t.sent.start != first[0].sent.start
            and (_in_relative_clause(t) or (full_stop and _added_statement(t))),
            min(abs(t.idx - quote.start), abs(t.idx - quote.end)),
        ),
    )


def _quoted_elsewhere(token: Token, quote: QuoteSpan, spans: list[QuoteSpan]) -> bool:
    """A word inside the quote itself or inside another quotation that does not hold the quote."""
    return any(
        s.start <= token.idx < s.end and not (s.start <= quote.start and quote.end <= s.end and s != quote)
        for s in [quote, *spans]
    )


def _added_statement(verb: Token) -> bool:
    """ "adding that ...", "describing how ...": a participle hung on another speech verb, with a
    statement of its own."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in {"advcl", "xcomp", "conj"}
        and _is_speech(verb.head)
        and any(c.dep_ in {"ccomp", "dobj"} for c in verb.children)
    )


def _introduced(doc: Doc, text: str, span: QuoteSpan, paragraphs: list[tuple[int, int]]) -> Token | None:
    """ "Peskov continued:" or "The Kyiv Independent reports:" closing the paragraph before a quote
    that opens its own: the block quote is what that sentence introduces."""
    index = next((n for n, p in enumerate(paragraphs) if p[0] <= span.start < p[1]), 0)
    last = next((p for p in paragraphs if p[0] < span.end <= p[1]), None)
    marks = "".join(PAIRS) + "".join(PAIRS.values()) + " \n.,"
    if index == 0 or last is None or text[paragraphs[index][0] : span.start].strip(marks):
        return None
    if text[span.end : last[1]].strip(marks):
        return None  # the quote's paragraph says more than the quote: it carries its own attribution
    start, end = paragraphs[index - 1]
    if not text[start:end].rstrip().endswith(":"):
        return None
    closing = doc.char_span(start, end, alignment_mode="contract")
    if closing is None or not len(closing):
        return None
    sentence = closing[-1].sent
    verbs = [t for t in sentence if t.pos_ == "VERB" and (_is_speech(t) or t.dep_ == "ROOT") and _subject(t)]
    return verbs[-1] if verbs else None


def _after_colon(doc: Doc, text: str, span: QuoteSpan, paragraph: tuple[int, int]) -> Token | None:
    """ 'Kaplan gloated: “I told you so.”': a quote right after a colon is what the clause before
    the colon introduces, whatever its verb, when that verb has a subject."""
    before = text[paragraph[0] : span.start].rstrip(" \n" + "".join(PAIRS))
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1 + paragraph[0], len(before) + paragraph[0], alignment_mode="expand")
    if colon is None:
        return None
    clause = doc[colon[0].sent.start : colon[0].i]
    verbs = [t for t in clause if t.pos_ == "VERB" and (_is_speech(t) or t.dep_ == "ROOT")]
    if not verbs or any(c.dep_ == "dobj" for c in verbs[-1].children):
        return None  # "the gunman killed 14 people:" says what happened, not who speaks
    subject = _subject(verbs[-1])
    if subject is None or not (subject.ent_type_ in {"PERSON", "ORG"} or subject.lower_ in THIRD_PERSON):
        return None
    return verbs[-1]


def _in_relative_clause(token: Token) -> bool:
    return any(t.dep_ == "relcl" for t in (token, *token.ancestors))


def _speaker_label(quoted: Span) -> tuple[Span, Token] | None:
    """A name and a colon opening a quotation ("WALLACE: ...", "Pence: ..."): the speaker's label."""
    colon = next((t for t in quoted[:5] if t.text == ":"), None)
    if colon is None or colon.i == quoted.start or colon.i + 1 >= quoted.end:
        return None
    name = quoted.doc[quoted.start : colon.i]
    if not all(t.text[:1].isupper() for t in name) or not names_a_speaker(name, True):
        return None
    return name, colon


def _labelled(
    doc: Doc, span: QuoteSpan, paragraph: tuple[int, int], paragraphs: list[tuple[int, int]]
) -> tuple[Span, Token] | None:
    """ "Lopez: ‘The bridge will reopen’": a name and a colon opening the quote's paragraph, before the
    quote, label its speaker (a headline's or a transcript's way of attributing)."""
    label = paragraph_label(doc, *paragraph, headline=paragraph == paragraphs[0])
    if label is None or label[1].idx >= span.start:
        return None
    name, colon, long_label = label
    return (name, colon) if long_label or names_a_speaker(name) else None


DASHES = "—―–"
MAX_SIGNATURE_TOKENS = 12


def _signature(doc: Doc, text: str, span: QuoteSpan, paragraph: tuple[int, int]) -> tuple[Token, Span] | None:
    """A dash after the closing mark and a name right after it, in the same paragraph."""
    index = span.end
    while index < paragraph[1] and index - span.end < 4 and (text[index] in "”\"'’,. " ):
        index += 1
    if index >= paragraph[1] or text[index] not in DASHES:
        return None
    after = doc.char_span(index, min(paragraph[1], index + 60), alignment_mode="expand")
    if after is None or len(after) < 2:
        return None
    dash = after[0]
    for entity in after.ents:
        if entity.start - dash.i <= 2 and entity.label_ in {"PERSON", "ORG", "NORP"}:
            return dash, entity
    return None


def _signed_inside(doc: Doc, text: str, span: QuoteSpan) -> tuple[QuoteSpan, Span] | None:
    """ '"We must act now.\nAnn Doyle, Rivers Trust."': a blockquote whose last line, inside the marks,
    signs it with a person's name (and maybe what they are); no verb on that line."""
    newline = text.rfind("\n", span.start, span.end)
    body = text[span.start : newline].rstrip() if newline >= 0 else ""
    if not body:
        return None
    line = _tokens_in(doc, newline + 1, span.end)
    if line is None or len(line) > MAX_SIGNATURE_TOKENS or any(t.pos_ in {"VERB", "AUX"} for t in line):
        return None
    person = next((e for e in line.ents if e.label_ == "PERSON" and e.start - line.start <= 3), None)
    if person is None or any(t.is_punct for t in doc[line.start : person.start]):
        return None  # "Thank you, Ann Doyle.": words to her, not her signature
    return QuoteSpan(span.start, span.start + len(body), span.paragraphs), person


def find_quotes(doc: Doc, text: str) -> list[_Found]:
    paragraphs = paragraph_bounds(text)
    found: list[_Found] = []
    spans = find_quote_spans(text)
    for span in spans:
        quoted = _tokens_in(doc, span.start, span.end)
        paragraph = next((p for p in paragraphs if p[0] <= span.start < p[1]), (0, len(text)))
        cue: Token | Span | None = None
        subject: Token | Span | None = None
        label = _speaker_label(quoted) if quoted is not None else None
        if label is not None:  # '"WALLACE: Let's start ..."': a transcript excerpt names its speaker
            subject, cue = label
            start = cue.idx + 1
            while start < span.end and text[start].isspace():
                start += 1
            span = QuoteSpan(start, span.end, span.paragraphs)
            quoted = _tokens_in(doc, span.start, span.end)
            found.append(_Found(span=span, kind=_kind(quoted), cue=cue, subject=subject))
            continue
        signed_inside = _signed_inside(doc, text, span)
        if signed_inside is not None:
            span, subject = signed_inside
            quoted = _tokens_in(doc, span.start, span.end)
            found.append(_Found(span=span, kind=_kind(quoted), cue=None, subject=subject))
            continue
        verb = _cue_on_path(quoted) if quoted is not None else None
        signed = _signature(doc, text, span, paragraph) if verb is None else None
        if signed is not None:  # '“...” ― Steve Quinlan': a quote signed with a dash and a name
            cue, subject = signed
            found.append(_Found(span=span, kind=_kind(quoted), cue=cue, subject=subject))
            continue
        if verb is None:
            verb = _cue_nearby(doc, span, spans, paragraph)
        if verb is None:
            verb = _after_colon(doc, text, span, paragraph)
        if verb is None:
            verb = _introduced(doc, text, span, paragraphs)
        if verb is not None:
            cue, subject = verb, _subject(verb) or _main_subject(verb)
            holder = next((s for s in spans if subject is not None and s.start <= subject.idx < s.end), None)
            if subject is not None and holder is not None:  # a word of this quote or of its other half
                subject = _subject_after(subject, holder)
            if subject is None or holder is not None:
                # 'Col. Ann Lund, a spokeswoman, said', '"...," said Ann Lund, half joking': the parser
                # hung the name elsewhere
                subject = subject or _name_before(verb) or _name_after_quote(doc, span, verb)
                subject = subject or name_right_before(verb)  # "Sen. Ann Lund (D-MA) said"
                subject = subject or _name_after_opening_cue(verb)  # 'Said Ellis: "..."'
                if subject is None and verb.tag_ == "VBG" and not _quoted_elsewhere(verb, span, spans):
                    # 'Lund seemed ready to riff on it, telling the crowd, "..."': the parser hung the
                    # participle inside the quote; who the sentence is about tells it
                    main = _main_subject(verb)
                    subject = main if main is not None and not _quoted_elsewhere(main, span, spans) else None
        else:
            sentence_tokens = list(quoted[0].sent) if quoted is not None else []
            according = _according_to([t for t in sentence_tokens if not span.start <= t.idx < span.end])
            if according is not None:
                cue, subject = according
            else:
                labelled = _labelled(doc, span, paragraph, paragraphs)
                if labelled is not None:
                    subject, cue = labelled
        found.append(_Found(span=span, kind=_kind(quoted), cue=cue, subject=subject))
    return found


class SpeakerResolver:
    """Names the speakers of one article from its entity mentions."""

    def __init__(
        self, doc: Doc, ents: list[Span], author: str | None = None, quoted: Sequence[tuple[int, int]] = ()
    ):
        self.doc = doc
        self.ents = ents
        self.author = author  # the byline: who "I" is in the writer's own words
        self.people = [e for e in ents if e.label_ == "PERSON"]
        self.quoted = sorted(quoted)  # inside quotation marks: people the speakers talk about
        self.paragraphs = paragraph_bounds(doc.text)
        # who a pronoun or a descriptor outside quotation marks can stand for
        # (with the surnames the model took for organisations: "Christie" after "Chris Christie")
        slips = [
            e
            for e in ents
            if e.label_ == "ORG" and self.is_known_person(e.text) and e.root.dep_ != "compound"
        ]  # not "the Trump team": a name modifying a noun does not mention the person
        self.narrated = sorted(
            (p for p in self.people + slips if not self._inside_quote(p.start_char)), key=lambda p: p.start
        )
        self.last_speaker: Speaker | None = None
        self.last_quote_paragraph = -1
        self._genders: dict[str, str] | None = None  # full name -> "male"/"female", read when first needed

    def full_name(self, name: str) -> str:
        """The article's most frequent PERSON form ending with the same surname, the longest of equals.

        "Trump" is Donald Trump where he is named more often than Melania Trump.
        """
        surname = _strip_possessive(name).split()[-1] if name.split() else name
        forms = [
            _strip_possessive(p.text)
            for p in self.people
            if _strip_possessive(p.text).split()[-1:] == [surname]
        ]
        if _strip_possessive(name) in forms and len(_strip_possessive(name).split()) > 1:
            return _strip_possessive(name)  # already a full name: "Melania Trump" stays herself
        counts = Counter(form for form in forms if len(form.split()) > 1)
        if not counts:
            return max(forms, key=len, default=_strip_possessive(name))
        return max(counts, key=lambda form: (counts[form], len(form)))

    def is_known_person(self, text: str) -> bool:
        """A surname the article also gives as part of a PERSON's full name (the model's ORG slips)."""
        words = _strip_possessive(text).split()
        return len(words) == 1 and any(
            len(p.text.split()) > 1 and _strip_possessive(p.text).split()[-1] == words[0] for p in self.people
        )

    def _entity_at(self, token: Token) -> Span | None:
        for entity in self.ents:
            if entity.start <= token.i < entity.end:
                return entity
        return None

    def _inside_quote(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quoted)

    def _quote_open_at(self, char: int) -> bool:
        """A quotation mark opened in this paragraph or the one before and not closed by ``char``: an
        eyewitness's account running over paragraphs without its closing mark is not the writer's."""
        paragraphs = self.paragraphs
        index = next((n for n, (start, end) in enumerate(paragraphs) if start <= char < end), 0)
        before = self.doc.text[paragraphs[max(0, index - 1)][0] : char]
        curly = before.count("“") > before.count("”")
        return curly or before.count('"') % 2 == 1

    def _person_before(self, index: int, sentence_only: Span | None = None) -> Span | None:
        people = [
            p
            for p in self.narrated
            if p.end <= index and (sentence_only is None or p.start >= sentence_only.start)
        ]
        return people[-1] if people else None

    def _person_in_focus(self, index: int) -> Span | None:
        """The person a descriptor outside its sentence stands for: the last one named as a sentence's
        subject in the few sentences before ("Mr. Lund ... He praised Mr. Berg ... the Danish leader
        said" is Lund), else the last one named at all. A sentence whose subject is "he" or "she" keeps
        the same person in focus, so it does not count against the few."""
        nearest = self._person_before(index)
        if nearest is None:
            return None
        sentence = self.doc[index].sent
        counted = 0
        while counted < FOCUS_SENTENCES and sentence.start > 0:
            sentence = self.doc[sentence.start - 1].sent
            subjects = [t for t in sentence if _subject_of_sentence(t)]
            for person in reversed([p for p in self.narrated if sentence.start <= p.start < sentence.end]):
                if person.end <= index and person.root in subjects:
                    return person
            if not any(t.lower_ in {"he", "she"} for t in subjects):
                counted += 1
        return nearest

    def _person_described(self, head: Token) -> Span | None:
        """A person introduced with the descriptor's head word ("Kremlin spokesman Dmitry Peskov")."""
        word = head.lemma_.lower()
        for person in reversed([p for p in self.narrated if p.end <= head.i]):
            window = self.doc[max(0, person.start - 6) : person.end + 8]
            # not the descriptor itself: "... in Salem, the church's minister said" does not make Salem one
            introduced = [t for t in window if not (person.start <= t.i < person.end) and t.i != head.i]
            if any(t.lemma_.lower() == word for t in introduced):
                return person
        return None

    def speaker(self, subject: Token | Span | None) -> Speaker | None:
        if subject is None:
            return None
        if isinstance(subject, Span):
            subject = subject.root
        entity = self._entity_at(subject)
        if entity is None:
            # "Kremlin spokesperson Dmitry Peskov": the subject's compound children may hold the name
            names = [self._entity_at(c) for c in subject.children if c.dep_ in {"compound", "appos"}]
            entity = next((n for n in names if n is not None and n.label_ == "PERSON"), None)
        if _share_of_people(subject):  # "59 percent", "Half of Democrats", "Six in 10" said
            return _as_written(subject, "GROUP")
        # a surname the model left unlabelled or took for a place
        unlabelled = entity is None or entity.label_ not in SPEAKER_LABELS
        if unlabelled and subject.pos_ == "PROPN" and self.is_known_person(subject.text):
            end = subject.idx + len(subject.text)
            return Speaker(subject.idx, end, subject.text, self.full_name(subject.text), "PERSON")
        if entity is not None and entity.label_ in SPEAKER_LABELS:
            person = entity.label_ == "PERSON" or self.is_known_person(entity.text)
            label = "PERSON" if person else "ORG"
            name = self.full_name(entity.text) if label == "PERSON" else _strip_possessive(entity.text)
            return Speaker(entity.start_char, entity.end_char, entity.text, name, label)
        lowered = subject.lower_
        if subject.tag_ in RELATIVE_TAGS:
            return self._relative(subject)
        if lowered in PERSON_PRONOUNS:
            return self._pronoun(subject)
        if lowered in {"they", "it"}:
            return self._non_person_pronoun(subject)
        # outside quotation marks, "I" and "we" are the writer's own
        end = subject.idx + len(subject.text)
        if lowered in FIRST_PERSON and (self._inside_quote(subject.idx) or self._quote_open_at(subject.idx)):
            return None  # the quoted speaker's "I", taken as the subject of a sentence the quote opens
        if lowered == "i":
            return Speaker(subject.idx, end, subject.text, self.author or WRITER, "PERSON")
        if lowered == "we":
            return Speaker(subject.idx, end, subject.text, WRITERS, "GROUP")
        if lowered in PRONOUNS:
            return None  # "you", an "it" or "they" with nothing before it: unknown rather than wrong
        if subject.pos_ in {"NOUN", "PROPN"} or _of_age(subject):
            return self._descriptor(subject)
        return None

    def _pronoun(self, pronoun: Token) -> Speaker | None:
        """ "he"/"she" to the last speaker, else the nearest person before, whose gender does not clash."""
        wanted = GENDER_PRONOUNS.get(pronoun.lower_)
        end = pronoun.idx + len(pronoun.text)
        # a possessive ("his call to ...") names whom the sentence is about, not who spoke last
        if self.last_speaker is not None and self.last_speaker.label == "PERSON" and pronoun.tag_ != "PRP$":
            name = self.last_speaker.name
            if self._fits(name, wanted):
                return Speaker(pronoun.idx, end, pronoun.text, name, "PERSON")
        for person in reversed([p for p in self.narrated if p.end <= pronoun.i]):
            name = self.full_name(person.text)
            if self._fits(name, wanted):
                return Speaker(pronoun.idx, end, pronoun.text, name)
        return None

    def _fits(self, name: str, wanted: str | None) -> bool:
        genders = self.genders()
        known = genders.get(self.full_name(name))
        if known is None:  # nothing shown of this one: what the article shows of all who share the surname
            kin = {gender for other, gender in genders.items() if other.split()[-1:] == name.split()[-1:]}
            known = kin.pop() if len(kin) == 1 else None
        return wanted is None or known is None or known == wanted

    def genders(self) -> dict[str, str]:
        """Each person's gender as the article shows it: "Mr."/"Ms." before the name, or the first
        "he"/"she" after a mention (in its sentence or the next) before anyone else is named."""
        if self._genders is not None:
            return self._genders
        votes: dict[str, Counter[str]] = {}
        people = self.narrated
        for n, person in enumerate(people):
            # by full name: "Mark Felt ... he" does not make his daughter Joan Felt a "he"
            tally = votes.setdefault(self.full_name(person.text), Counter())
            titled = [self.doc[person.start - 1]] if person.start > 0 else []
            for title in [*titled, person[0]]:  # "Mrs. Palin" or a name the model read as "Mrs Palin"
                if title.lower_.rstrip(".") in TITLES:
                    tally[TITLES[title.lower_.rstrip(".")]] += 2
            following = self.doc[person.end - 1].sent
            limit = following.end
            if limit < len(self.doc):
                limit = self.doc[limit].sent.end
            if n + 1 < len(people):
                limit = min(limit, people[n + 1].start)
            for token in self.doc[person.end : limit]:
                if token.lower_ in GENDER_PRONOUNS and not self._inside_quote(token.idx):
                    tally[GENDER_PRONOUNS[token.lower_]] += 1
                    break
        self._genders = {
            name: tally.most_common(1)[0][0]
            for name, tally in votes.items()
            if tally and (len(tally) == 1 or tally.most_common(2)[0][1] > tally.most_common(2)[1][1])
        }
        return self._genders

    def _relative(self, pronoun: Token) -> Speaker | None:
        """ "Clinton, who said ...": the speaker the relative clause hangs on, written as "who"."""
        clause = pronoun.head
        if clause.dep_ != "relcl" or clause.head.i == pronoun.i:
            return None
        antecedent = clause.head
        end = pronoun.idx + len(pronoun.text)
        resolved = self.speaker(antecedent)
        if resolved is not None:
            return Speaker(pronoun.idx, end, pronoun.text, resolved.name, resolved.label)
        if antecedent.pos_ not in {"NOUN", "PROPN"} and antecedent.lower_ not in UNNAMED_PEOPLE:
            return None
        # "voters who ...", "those who ...", "a memo which ...": unnamed, but said as written rather
        # than unknown
        phrase = self.doc[antecedent.left_edge.i : antecedent.i + 1]
        plural = antecedent.tag_ in {"NNS", "NNPS"} or antecedent.lower_ in UNNAMED_PEOPLE - SINGULAR_PEOPLE
        label = "GROUP" if plural else "PERSON" if pronoun.lower_ == "who" else "ORG"
        return Speaker(pronoun.idx, end, pronoun.text, _without_determiner(phrase), label)

    def _non_person_pronoun(self, pronoun: Token) -> Speaker | None:
        """ "they" to the nearest group or organisation before it, "it" to the nearest organisation.

        Looks back through the pronoun's sentence and the one before; nothing found leaves it unknown.
        """
        plural = pronoun.lower_ == "they"
        sentence = pronoun.sent
        start = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        nearest = None  # the nearest plural of any kind, when no people or body is named before
        for index in range(pronoun.i - 1, start - 1, -1):
            token = self.doc[index]
            if token.ent_type_ in {"ORG", "NORP"} and token.ent_iob_ == "B" or (
                token.ent_type_ in {"ORG", "NORP"} and index == pronoun.i - 1
            ):
                entity = self._entity_at(token)
                if entity is not None and not self.is_known_person(entity.text):
                    name = _strip_possessive(entity.text)
                    label = "GROUP" if entity.label_ == "NORP" else "ORG"
                    return Speaker(pronoun.idx, pronoun.idx + len(pronoun.text), pronoun.text, name, label)
            if token.ent_type_ or token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
                continue
            if plural and token.tag_ in {"NNS", "NNPS"} and nearest is None:
                nearest = token
            if plural and token.tag_ in {"NNS", "NNPS"} and _may_be_they(token) or (
                not plural and token.tag_ == "NN" and token.lemma_.lower() in INSTITUTION_NOUNS
            ):
                return self._they_as(pronoun, token, "GROUP" if plural else "ORG")
        return self._they_as(pronoun, nearest, "GROUP") if nearest is not None else None

    def _they_as(self, pronoun: Token, noun: Token, label: str) -> Speaker:
        phrase = self.doc[noun.left_edge.i : noun.i + 1]
        end = pronoun.idx + len(pronoun.text)
        return Speaker(pronoun.idx, end, pronoun.text, _without_determiner(phrase), label)

    def _descriptor(self, head: Token) -> Speaker | None:
        left = head.left_edge.i
        while left < head.i and (self.doc[left].is_punct or self.doc[left].is_space):
            left += 1  # '"PENCE:' opening a quoted transcript line
        phrase = self.doc[left : head.i + 1]
        if head.tag_ in {"NNS", "NNPS"}:  # "officials", "residents": a group speaks, not one person
            return Speaker(phrase.start_char, phrase.end_char, phrase.text, phrase.text, "GROUP")
        bearer = _described_in_place(head)  # "Lund, a critic who ...": Lund
        named = self._entity_at(bearer) if bearer is not None else None
        if named is not None and (named.label_ == "PERSON" or self.is_known_person(named.text)):
            return Speaker(phrase.start_char, phrase.end_char, phrase.text, self.full_name(named.text))
        if head.lemma_.lower() in INSTITUTION_NOUNS:  # "the ministry said": an organisation or its paper
            return Speaker(
                phrase.start_char, phrase.end_char, phrase.text, self._institution(head, phrase), "ORG"
            )
        if head.lemma_.lower() not in PERSON_NOUNS and head.pos_ != "PROPN" and not _of_age(head):
            # "the complaint alleged", "the ad claims", "results showing": a document or a finding
            # speaks, named as written rather than left unknown
            return _as_written(head, "ORG")
        if head.pos_ == "PROPN" and (head.lemma_.lower() not in PERSON_NOUNS or _proper_name(head)):
            # "Facebook", "The Washington Post": a name the model left unlabelled, not someone named before
            return _as_written(head, "ORG" if _proper_name(head) else "PERSON")
        determiners = [c for c in head.children if c.dep_ in {"det", "poss", "nummod"}]
        if any(c.lower_ in INDEFINITE for c in determiners) or _someone_else(head):
            target = None  # "a source", "one woman", "the unnamed officer": someone the writer leaves unnamed
        elif any(c.dep_ == "poss" for c in determiners):
            target = self._person_described(head)  # "his spokesman": not him, maybe one named with the role
        elif (introduced := self._introduced_unnamed(head)) is not None:
            # "a police source said ... the source added": the one introduced unnamed, unless someone was
            # named with the role since
            described = self._person_described(head)
            target = described if described is not None and described.start > introduced.i else None
            if target is None:  # named as introduced, so both statements go to one speaker
                first = _without_determiner(self.doc[introduced.left_edge.i : introduced.i + 1])
                return Speaker(phrase.start_char, phrase.end_char, phrase.text, first)
        else:
            target = (
                self._person_before(head.i, head.sent)
                or (None if _of_age(head) else self._person_described(head))  # "old" names no role
                or (None if _side_role(head) else self._person_in_focus(head.i))
            )
        if target is not None and not self._fits(self.full_name(target.text), _noun_gender(head)):
            target = None  # "the New York businessman" is not the woman named last
        if target is None:  # "a source", "the judge": unnamed, but said as written rather than unknown
            return Speaker(phrase.start_char, phrase.end_char, phrase.text, _without_determiner(phrase))
        return Speaker(phrase.start_char, phrase.end_char, phrase.text, self.full_name(target.text))

    def _introduced_unnamed(self, head: Token) -> Token | None:
        """The last earlier "a/an/one ..." mention with the descriptor's head word, named by nothing there."""
        word = head.lemma_.lower()
        for token in reversed(self.doc[: head.i]):
            if token.lemma_.lower() != word or token.pos_ != "NOUN" or self._inside_quote(token.idx):
                continue
            if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children):
                unnamed = _described_in_place(token) is None and self._entity_at(token) is None
                return token if unnamed else None
        return None

    def _institution(self, head: Token, phrase: Span) -> str:
        """The organisation named earlier with the same head word ("the ministry" -> Ministry of Defence)."""
        word = head.lower_
        for entity in reversed([e for e in self.ents if e.end <= head.i and e.label_ in {"ORG", "GPE"}]):
            if word in entity.text.lower().split():
                name = _strip_possessive(entity.text)
                return name[4:] if name.lower().startswith("the ") else name
        return _without_determiner(phrase)


QUANTITY_HEADS = {
    "percent", "%", "half", "third", "quarter", "majority", "minority", "plurality", "most", "many",
    "some", "few", "all", "none", "share", "number", "fifth", "two-thirds", "three-quarters",
}  # fmt: skip
FOCUS_SENTENCES = 3  # how far back a descriptor's person may have been the subject
MAX_WRITTEN = 8  # tokens of a subject phrase kept as its name


MALE_NOUNS = {
    "father", "son", "husband", "brother", "king", "prince", "grandson", "grandfather", "uncle", "nephew",
    "widower", "boy", "actor", "fiance",
}  # fmt: skip
FEMALE_NOUNS = {
    "mother", "daughter", "wife", "sister", "queen", "princess", "granddaughter", "grandmother", "aunt",
    "niece", "widow", "girl", "actress", "fiancee", "fiancée",
}  # fmt: skip


def _noun_gender(head: Token) -> str | None:
    """The gender a descriptor's noun marks ("businessman", "spokeswoman", "widow"), if any."""
    word = head.lemma_.lower()
    compound = head.text[:1].islower() and word not in {"human", "shaman"}  # not "the German"
    if word in FEMALE_NOUNS or compound and word.endswith("woman"):
        return "female"
    if word in MALE_NOUNS or compound and word.endswith("man"):
        return "male"
    return None


def _described_in_place(head: Token) -> Token | None:
    """Whom a description is given to where it stands: "Lund, a critic who ..." and "Lund is a liar
    and critic who ..." describe Lund."""
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "appos":
        return head.head
    if head.dep_ != "attr":
        return None
    verb = head.head
    while True:  # "Lund campaigns and is a critic": the subject "is" shares with "campaigns"
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subject
        verb = verb.head


def _proper_name(head: Token) -> bool:
    """ "The Vatican", "The Washington Post": "the" before a capitalised name. A head that names a role
    needs two more names before it ("The New Hampshire Union Leader"; "the Vermont Senator" is a role)."""
    children = list(head.children)
    names = sum(c.dep_ == "compound" and c.pos_ == "PROPN" for c in children)
    needed = 2 if head.lemma_.lower() in PERSON_NOUNS else 0
    return names >= needed and any(c.lower_ == "the" for c in children)


def _subject_of_sentence(token: Token) -> bool:
    """The subject of its sentence's main verb (or of a verb joined to it), not of a clause inside."""
    verb = token.head
    if verb.dep_ == "conj":
        verb = verb.head
    return token.dep_ in {"nsubj", "nsubjpass"} and verb.dep_ == "ROOT"


def _may_be_they(noun: Token) -> bool:
    """Whom a speaking "they" stands for first: people or bodies, or what a clause before was about (its
    subject), rather than the injuries, photos or rights named along the way."""
    head = noun.lemma_.lower()
    return noun.dep_ in SUBJECTS or head in PERSON_NOUNS or head in INSTITUTION_NOUNS or head in PEOPLE_NOUNS


def _of_age(head: Token) -> bool:
    """ "the 46-year-old": an age standing for the person it describes."""
    words = {c.lower_ for c in head.children}
    return head.lower_ == "old" and bool(words & {"year", "years"}) and "the" in words


def _share_of_people(subject: Token) -> bool:
    """A quantity standing for people: "59 percent", "half of GOP voters", "Six in 10", "most voters"."""
    if subject.ent_type_ in {"PERCENT", "CARDINAL"} and subject.pos_ in {"NUM", "NOUN"}:
        return True
    return subject.lemma_.lower() in QUANTITY_HEADS and subject.pos_ in {"NOUN", "ADJ", "NUM", "PRON"}


def _as_written(head: Token, label: str) -> Speaker:
    """The subject's own phrase ("Half of Vermont Democrats", "The complaint") as the speaker's name."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    if right - left >= MAX_WRITTEN or any(doc[i].is_punct for i in range(head.i + 1, right + 1)):
        right = head.i  # a long or parenthetical phrase: up to its head
    phrase = doc[left : right + 1]
    return Speaker(phrase.start_char, phrase.end_char, phrase.text, _without_determiner(phrase), label)


GENDER_PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
TITLES = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}


def _side_role(head: Token) -> bool:
    """Someone beside the one in focus (a spokesman, a judge, a brother); "the mother of three" is no
    one's mother here but a description of the woman herself."""
    if head.lemma_.lower() not in SIDE_ROLES:
        return False
    counted = (o for c in head.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj")
    return not any(o.like_num for o in counted)


def _someone_else(head: Token) -> bool:
    """ "the unnamed officer", "the fourth person", "the other driver": not anyone named before."""
    return any(
        c.dep_ == "amod" and c.lower_ in UNNAMED_MODIFIERS | ORDINALS_AFTER_FIRST for c in head.children
    )


def _without_determiner(phrase: Span) -> str:
    words = [t for t in phrase if not (t.i == phrase.start and t.dep_ == "det")]
    return phrase.doc[words[0].i : phrase.end].text if words else phrase.text


def _strip_possessive(text: str) -> str:
    for ending in ("’s", "'s", "’", "'"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _position(item: _Found) -> int:
    """Where an attribution starts reading: its cue when that comes first ("Ushakov said [...]")."""
    cue = _cue_at(item)
    return item.span.start if cue is None else min(item.span.start, cue)


def find_all(doc: Doc, text: str, reported: bool = True) -> list[_Found]:
    """Quotations in marks, then reported statements outside them, in reading order."""
    found = find_quotes(doc, text)
    if reported:
        quoted = [(f.span.start, f.span.end) for f in found]
        statements = find_reported(doc, text, quoted, paragraph_bounds(text))
        for item in statements:
            found.append(_Found(QuoteSpan(item.start, item.end), "indirect", item.cue, item.subject))
        cues = {item.cue.i for item in statements if isinstance(item.cue, Token)}
        for phrase in [f for f in found if f.kind == "mixed"]:
            around = _statement_around(phrase, text)
            if around is not None and isinstance(phrase.cue, Token) and phrase.cue.i not in cues:
                cues.add(phrase.cue.i)  # one statement per cue, for all the phrases quoted in it
                found.append(_Found(around, "indirect", phrase.cue, phrase.subject))
        found = _outer_statements(found)
    return sorted(found, key=_position)


def _cue_at(item: _Found) -> int | None:
    """The first character of the item's cue, if it has one."""
    if isinstance(item.cue, Token):
        return item.cue.idx
    return item.cue.start_char if isinstance(item.cue, Span) else None


def _outer_statements(found: list[_Found]) -> list[_Found]:
    """Without the statements and quoted phrases whose cue sits inside another statement's content
    ("X concluded that [voters say they want a “fighter”]"): only the outer attribution is kept, as
    for reported speech. A direct quote stays: those are still the speaker's own words."""
    outer = [
        (cue, item.span.start, item.span.end)
        for item in found
        if item.kind == "indirect"
        and (cue := _cue_at(item)) is not None
        and not item.span.start <= cue < item.span.end
    ]
    kept = []
    for item in found:
        cue = _cue_at(item)
        nested = cue is not None and any(other != cue and start <= cue < end for other, start, end in outer)
        if item.kind == "direct" or not nested:
            kept.append(item)
    return kept


def _work_title(doc: Doc, text: str, span: QuoteSpan) -> bool:
    """A title in marks: words in title case after an outlet's possessive ("CNN’s “New Day”") or a
    noun or phrase that names a work ("the book “Strangers No More”", "starred in “Bloodline”")."""
    quoted = text[span.start : span.end].strip(" ,")
    words = [w for w in quoted.split() if w[:1].isalpha()]
    if not words or quoted.endswith((".", "?")) or not all(
        w[0].isupper() for w in words if w.lower() not in TITLE_SMALL_WORDS
    ):
        return False
    before: list[Token] = []  # the three words before the opening mark, nearest last
    index = _token_at(doc, span.start) - 1
    while index >= 0 and len(before) < 3:
        if not doc[index].is_punct and not doc[index].is_space:
            before.insert(0, doc[index])
        index -= 1
    if not before:
        return False
    last = before[-1]
    if last.lower_ in {"’s", "'s"}:
        return last.i > 0 and doc[last.i - 1].pos_ == "PROPN"
    if last.lemma_.lower() in WORK_NOUNS:
        return True
    return last.lower_ in {"in", "of", "on"} and any(t.lemma_.lower() in WORK_VERBS for t in before[:-1])


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token at (or after) a character offset."""
    span = _tokens_in(doc, char, min(char + 1, len(doc.text)))
    return span.start if span is not None else len(doc)


def _statement_around(item: _Found, text: str) -> QuoteSpan | None:
    """ "called protesters “thugs”": the writer's words around a quoted phrase, up to the phrase's end.

    What the cue verb governs after it, from its first complement to the one holding the phrase.
    """
    verb = item.cue
    if not isinstance(verb, Token) or verb.pos_ not in {"VERB", "AUX"} or verb.idx > item.span.start:
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in {"punct", "cc", "conj"} | SUBJECTS]
    holder = next((c for c in after if c.left_edge.idx <= item.span.start <= c.right_edge.idx), None)
    if holder is None:
        return None
    last = holder.right_edge
    start = after[0].left_edge.idx
    end = last.idx + len(last.text)
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    if end - start <= item.span.end - item.span.start + 2:
        return None  # nothing of the writer's around the phrase
    return QuoteSpan(start, end)


def _only_seems(item: _Found) -> bool:
    """ "[The senator seemed to concede]": the writer's judgement of someone, not their words."""
    return isinstance(item.cue, Token) and item.cue.lemma_.lower() in SEEMING_VERBS


def _in_article_letters(speaker: Speaker | None, text: str) -> Speaker | None:
    """The speaker in the article's own letters: in a heading the parser read "Board Of Election" as
    "board of election" (see ``annotate.casing``)."""
    if speaker is None:
        return None
    written = text[speaker.start : speaker.start + len(speaker.text)]
    if written == speaker.text or written.lower() != speaker.text.lower():
        return speaker
    name = written if speaker.name == speaker.text else speaker.name
    return replace(speaker, text=written, name=name)


def extract_quotes(
    doc: Doc, ents: list[Span], text: str, *, reported: bool = True, author: str | None = None
) -> list[Quote]:
    """The quotes of one parsed article; ``ents`` and ``text`` are the doc's, read once by the caller.

    ``reported=False`` keeps to quotations in marks; ``author`` (the byline) is who the writer's
    own "I" is.
    """
    found = find_all(doc, text, reported)
    quoted = [(item.span.start, item.span.end) for item in found if item.kind != "indirect"]
    resolver = SpeakerResolver(doc, ents, author, quoted)
    paragraphs = paragraph_bounds(text)
    quotes: list[Quote] = []
    for item in found:
        paragraph = next((n for n, p in enumerate(paragraphs) if p[0] <= item.span.start < p[1]), 0)
        speaker = resolver.speaker(item.subject)
        continues = resolver.last_speaker is not None and paragraph - resolver.last_quote_paragraph <= 1
        if speaker is None and item.cue is None and continues:
            speaker = resolver.last_speaker  # a quote paragraph with no attribution continues the last one
        if speaker is None and item.cue is None and item.kind == "mixed":
            continue  # a phrase in marks that nobody is said to have said: a scare quote or a title
        if item.kind == "mixed" and _work_title(doc, text, item.span):
            continue  # 'told CNN’s “State of the Union”': the name of a show, not words anyone said
        cue_start = cue_end = None
        cue_text = None
        if item.cue is not None:
            cue_start = item.cue.idx if isinstance(item.cue, Token) else item.cue.start_char
            cue_end = cue_start + len(item.cue.text)
            cue_text = text[cue_start:cue_end]  # as written: the parser read a heading in sentence case
        quotes.append(
            Quote(
                start=item.span.start,
                end=item.span.end,
                text=text[item.span.start : item.span.end],
                kind=item.kind,
                cue=cue_text,
                cue_start=cue_start,
                cue_end=cue_end,
                speaker=_in_article_letters(speaker, text),
            )
        )
        # the writer's "I" is no one a later "he" or quote continues, nor is whoever "seemed" something
        if speaker is not None and speaker.text.lower() not in FIRST_PERSON and not _only_seems(item):
            resolver.last_speaker = speaker
            resolver.last_quote_paragraph = paragraph
    return quotes
