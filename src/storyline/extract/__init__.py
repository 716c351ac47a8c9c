"""Extract: a raw document becomes an ``Article`` (clean text + metadata) or a ``Rejection``.

HTML goes through trafilatura; plain (scraped) text through our own line-level cleaner, which
records every line it removes. The language is the source's declaration, else lingua's confident
detection, else the page's own tag: non-English articles are kept and marked. Metadata the
source already gave (hints) wins over what the text suggests; the text fills what hints leave open.
"""

from __future__ import annotations

import logging

from storyline.extract.decode import NotText, decode
from storyline.extract.html import extract_html
from storyline.extract.language import resolve_language
from storyline.extract.plain import CleanResult, clean_text
from storyline.extract.text_cleaner import is_sentence
from storyline.extract.text_metadata import make_title, read_lead
from storyline.model import Article, RawDocument, Rejection

log = logging.getLogger(__name__)

__all__ = ["CleanResult", "clean_text", "extract"]

PARAGRAPH_BREAK = "\n\n"
MIN_WORDS = 10


def extract(raw: RawDocument) -> Article | Rejection:
    """The article in ``raw``, or a rejection saying why there is none. Never raises on bad input."""
    try:
        if raw.kind == "html":
            return _from_html(raw)
        return _from_text(raw, decode(raw.content))
    except NotText as reason:
        return Rejection(raw.source, str(reason), "extract", raw.id)
    except Exception as error:  # a parser bug on one odd input must not stop the batch
        log.exception("extract failed on %s", raw.source)
        return Rejection(raw.source, f"extraction failed: {type(error).__name__}: {error}", "extract", raw.id)


def _from_html(raw: RawDocument) -> Article | Rejection:
    decode(raw.content)  # refuse binary or empty bytes before the parser sees them
    page = extract_html(raw.content, raw.hints.url)
    if page is None or not _has_prose(page.paragraphs):
        return Rejection(raw.source, "no article text found in the HTML page", "extract", raw.id)
    hints = raw.hints
    lead = read_lead(page.paragraphs[0])
    text = PARAGRAPH_BREAK.join(page.paragraphs)
    return Article(
        id=raw.id,
        source=raw.source,
        text=text,
        title=hints.title or page.title or make_title(page.paragraphs),
        url=hints.url or page.url,
        outlet=hints.outlet or page.outlet,
        author=hints.author or page.author,
        published=hints.published or page.published,
        language=resolve_language(hints.language, page.language, text),
        removed=page.removed,
        dateline=lead.dateline,
    )


def _has_prose(paragraphs: list[str]) -> bool:
    """A sentence, or at least a few lines' worth of words: not just a menu item."""
    return any(is_sentence(p) for p in paragraphs) or sum(len(p.split()) for p in paragraphs) >= MIN_WORDS


def _from_text(raw: RawDocument, text: str) -> Article | Rejection:
    hints = raw.hints
    cleaned = clean_text(text, outlet_hint=hints.outlet)
    if not cleaned.paragraphs:
        reason = "no article text left after removing boilerplate"
        return Rejection(raw.source, f"{reason} ({len(cleaned.removed)} lines removed)", "extract", raw.id)
    body = PARAGRAPH_BREAK.join(cleaned.paragraphs)
    return Article(
        id=raw.id,
        source=raw.source,
        text=body,
        title=hints.title or cleaned.title or make_title(cleaned.paragraphs),
        url=hints.url,
        outlet=hints.outlet or cleaned.outlet,
        author=hints.author or cleaned.author,
        published=hints.published or cleaned.published,
        language=resolve_language(hints.language, None, body),
        removed=cleaned.removed,
        dateline=cleaned.dateline,
    )
