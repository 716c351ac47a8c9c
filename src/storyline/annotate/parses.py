"""The annotate stage's parse, kept beside its annotations so later stages never parse again.

Claims and positions read the dependency parse of a few sentences; dating a story's undated
articles reads tense again. Parsing those sentences anew cost more than the annotate stage itself;
a kept parse loads in about a millisecond. The bytes are spaCy's own ``Doc`` serialisation, zlib
compressed (about six times the size of the text), read with the vocabulary of the pipeline that
reads them.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from storyline.annotate.casing import parser_text
from storyline.model import Article

log = logging.getLogger(__name__)

PARSE_FEATURES = "parse"  # the store's kind for kept parses
_EXCLUDE = ["tensor", "user_data"]  # tok2vec output and extension data: large, and nothing reads them


def doc_to_bytes(doc: Doc) -> bytes:
    return zlib.compress(doc.to_bytes(exclude=_EXCLUDE), 6)


def doc_from_bytes(nlp: Language, blob: bytes) -> Doc:
    return Doc(nlp.vocab).from_bytes(zlib.decompress(blob), exclude=_EXCLUDE)


def sentence_doc(doc: Doc, start: int, end: int) -> Doc:
    """The characters ``start:end`` of ``doc`` (a sentence) as a Doc of their own, parse kept: what
    parsing the sentence alone gives, read from the whole article's parse instead."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # offsets inside whitespace: nothing to read
        return Doc(doc.vocab)
    return span.as_doc()


def parser(nlp: Language, stored: Callable[[str], bytes | None] | None = None) -> Callable[[Article], Doc]:
    """article -> its parse: the kept one when there is one for the article's current text, else
    ``nlp`` parses it now (an article annotated before parses were kept, or a caller with no store)."""

    def parse(article: Article) -> Doc:
        read = parser_text(article.text)  # what the parser reads, as ``annotate.parse_text`` does
        blob = stored(article.id) if stored is not None else None
        if blob is not None:
            try:
                doc = doc_from_bytes(nlp, blob)
            except (ValueError, zlib.error) as error:
                log.warning("kept parse of %s unreadable (%r); parsing again", article.id, error)
            else:
                if doc.text == read:
                    return doc
        return nlp(read)

    return parse
