"""Where the quotations are: the character spans between quotation marks.

Works on the text alone, before any parse: curly, straight, guillemet and low-high marks;
single curly marks only when they cannot be apostrophes; a quote left open at the end of a
paragraph continues when the next paragraph opens with a mark (the newspaper convention for
quotes over several paragraphs); a mark that never closes yields nothing rather than a
wrong span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
PARAGRAPH = re.compile(r"\n\s*\n")
MIN_CHARS = 1


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    paragraphs: int = 1  # how many paragraphs the quote runs over


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in PARAGRAPH.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _opens(text: str, index: int) -> bool:
    """An opening mark stands at a word start: after a space, a bracket, a dash or the paragraph start."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _closes_single(text: str, index: int) -> bool:
    """A ’ closes a quote only where it is not an apostrophe: not between letters, not after an s-plural."""
    after = text[index + 1] if index + 1 < len(text) else " "
    return not after.isalnum()


def _find_close(text: str, start: int, end: int, closing: str) -> int | None:
    for index in range(start, end):
        char = text[index]
        if char != closing:
            continue
        if closing == "’" and not _closes_single(text, index):
            continue
        if closing == '"' and index + 1 < len(text) and text[index + 1].isalnum():
            continue  # "quote"s are rare; a straight mark touching a word after it opens a new quote
        return index
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    paragraphs = paragraph_bounds(text)
    number = 0
    while number < len(paragraphs):
        start, end = paragraphs[number]
        index = start
        while index < end:
            char = text[index]
            if char not in PAIRS or not _opens(text, index):
                index += 1
                continue
            closing = PAIRS[char]
            close = _find_close(text, index + 1, end, closing)
            if close is not None:
                if close - index - 1 >= MIN_CHARS and (char != "‘" or " " in text[index + 1 : close]):
                    spans.append(QuoteSpan(index + 1, close))
                index = close + 1
                continue
            continued = _continue(text, paragraphs, number, closing)
            if continued is not None:
                close, last = continued
                spans.append(QuoteSpan(index + 1, close, paragraphs=last - number + 1))
                number, index = last, close + 1  # scanning goes on after the close, in the last paragraph
                start, end = paragraphs[number]
                continue
            index += 1  # an opening mark that never closes: no quote rather than a wrong one
        number += 1
    return spans


def _continue(
    text: str, paragraphs: list[tuple[int, int]], number: int, closing: str
) -> tuple[int, int] | None:
    """A quote open at a paragraph's end runs on while the next paragraphs open with a mark."""
    if closing not in "”»":
        return None
    opening = {"”": "“", "»": "«"}[closing]
    for later in range(number + 1, len(paragraphs)):
        start, end = paragraphs[later]
        if text[start] != opening:
            return None
        close = _find_close(text, start + 1, end, closing)
        if close is not None:
            return close, later
    return None
