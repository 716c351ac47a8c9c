"""Extract: a raw document becomes an ``Article`` (clean text + metadata) or a ``Rejection``.

HTML goes through trafilatura; plain (scraped) text through our own line-level cleaner, which
records every line it removes. Metadata the source already gave (hints) wins over what the
text suggests; the text fills what the hints leave open.
"""

from __future__ import annotations

import logging
import re

from storyline.extract.decode import NotText, decode
from storyline.extract.html import extract_html
from storyline.extract.text_cleaner import Line, clean_lines, is_sentence, normalise
from storyline.extract.text_metadata import make_title, read_dateline, read_head
from storyline.model import Article, RawDocument, Rejection

log = logging.getLogger(__name__)

__all__ = ["extract"]

PARAGRAPH_BREAK = "\n\n"
MIN_WORDS = 10


def extract(raw: RawDocument) -> Article | Rejection:
    try:
        if raw.kind == "html":
            return _from_html(raw)
        return _from_text(raw, decode(raw.content))
    except NotText as reason:
        return Rejection(raw.source, str(reason), "extract", raw.id)


def _from_html(raw: RawDocument) -> Article | Rejection:
    decode(raw.content)  # refuse binary or empty bytes before the parser sees them
    page = extract_html(raw.content, raw.hints.url)
    if page is None or not _has_prose(page.paragraphs):
        return Rejection(raw.source, "no article text found in the HTML page", "extract", raw.id)
    hints = raw.hints
    dateline, _agency = read_dateline(page.paragraphs[0])
    return Article(
        id=raw.id,
        source=raw.source,
        text=PARAGRAPH_BREAK.join(page.paragraphs),
        title=hints.title or page.title or make_title(page.paragraphs),
        url=hints.url or page.url,
        outlet=hints.outlet or page.outlet,
        author=hints.author or page.author,
        published=hints.published or page.published,
        language=hints.language or page.language,
        dateline=dateline,
    )


def _has_prose(paragraphs: list[str]) -> bool:
    """A sentence, or at least a few lines' worth of words: not just a menu item."""
    return any(is_sentence(p) for p in paragraphs) or sum(len(p.split()) for p in paragraphs) >= MIN_WORDS


def _from_text(raw: RawDocument, text: str) -> Article | Rejection:
    lines = [Line(normalise(line), index) for index, line in enumerate(re.split(r"\r\n|\r|\n", text))]
    lines = [line for line in lines if line.text]
    head = read_head(lines)
    cleaned = clean_lines([line for line in lines if line.index not in head.consumed])
    if not cleaned.paragraphs and head.title:
        cleaned.paragraphs = [head.title]  # a headline-only text is its own body, not nothing
    if not cleaned.paragraphs:
        reason = "no article text left after removing boilerplate"
        return Rejection(raw.source, f"{reason} ({len(cleaned.removed)} lines removed)", "extract", raw.id)
    lead = next((p for p in cleaned.paragraphs if is_sentence(p)), cleaned.paragraphs[0])  # past "KEY POINTS"
    dateline, agency = read_dateline(lead)
    outlet = raw.hints.outlet or head.outlet or agency
    if dateline and len(dateline) <= 4 and dateline.isupper() and outlet is None:
        outlet, dateline = dateline, None  # "CNN — Russia said..." names the outlet, not a place
    hints = raw.hints
    return Article(
        id=raw.id,
        source=raw.source,
        text=PARAGRAPH_BREAK.join(cleaned.paragraphs),
        title=hints.title or head.title or make_title(cleaned.paragraphs),
        url=hints.url,
        outlet=outlet,
        author=hints.author,
        published=hints.published or head.published,
        language=hints.language,
        removed=cleaned.removed,
        dateline=dateline,
    )
