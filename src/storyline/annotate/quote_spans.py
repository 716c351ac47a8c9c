"""Where the quotations are: the character spans between quotation marks.

Works on the text alone, before any parse: curly, straight, guillemet and low-high marks;
doubled apostrophes (''...'' and ``...'') as archive and wire feeds write quotation marks;
single curly marks only when they cannot be apostrophes; a quote left open at the end of a
paragraph continues when the next paragraph opens with a mark (the newspaper convention for
quotes over several paragraphs); a mark that never closes yields nothing rather than a
wrong span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "''": "''", "``": "''"}
DOUBLED = ("''", "``")  # two-character marks, looked for before the one-character ones
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


def _mark_at(text: str, index: int) -> str | None:
    """The quotation mark starting at ``index``, a doubled one first."""
    pair = text[index : index + 2]
    if pair in DOUBLED:
        return pair
    return text[index] if text[index] in PAIRS else None


def _opens(text: str, index: int, width: int = 1) -> bool:
    """An opening mark stands at a word start: after a space, a bracket, a dash or the paragraph start."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + width] if index + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _closes_single(text: str, index: int) -> bool:
    """A ’ closes a quote only where it is not an apostrophe: not between letters, not after an s-plural."""
    after = text[index + 1] if index + 1 < len(text) else " "
    return not after.isalnum()


def _find_doubled_close(text: str, start: int, end: int) -> int | None:
    """Two apostrophes not followed by a letter; of three, the last two (a nested 'quote' ends first)."""
    index = text.find("''", start, end)
    while index != -1:
        if index + 2 < end and text[index + 2] == "'":
            index += 1
        after = text[index + 2] if index + 2 < len(text) else " "
        if not after.isalnum():
            return index
        index = text.find("''", index + 2, end)
    return None


def _find_close(text: str, start: int, end: int, closing: str) -> int | None:
    if closing == "''":
        return _find_doubled_close(text, start, end)
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
            mark = _mark_at(text, index)
            if mark is None or not _opens(text, index, len(mark)):
                index += 1
                continue
            closing = PAIRS[mark]
            inside = index + len(mark)
            close = _find_close(text, inside, end, closing)
            if close is not None:
                if close - inside >= MIN_CHARS and (mark != "‘" or " " in text[inside:close]):
                    spans.append(QuoteSpan(inside, close))
                index = close + len(closing)
                continue
            continued = _continue(text, paragraphs, number, mark, closing)
            if continued is not None:
                close, last = continued
                spans.append(QuoteSpan(inside, close, paragraphs=last - number + 1))
                number, index = last, close + len(closing)  # scanning goes on after the close
                start, end = paragraphs[number]
                continue
            index += len(mark)  # an opening mark that never closes: no quote rather than a wrong one
        number += 1
    return spans


def _continue(
    text: str, paragraphs: list[tuple[int, int]], number: int, opening: str, closing: str
) -> tuple[int, int] | None:
    """A quote open at a paragraph's end runs on while the next paragraphs open with its mark again."""
    if opening in {"„", "‘"}:
        return None  # a low-high or single quote is not carried over paragraphs
    for later in range(number + 1, len(paragraphs)):
        start, end = paragraphs[later]
        if not text.startswith(opening, start):
            return None
        close = _find_close(text, start + len(opening), end, closing)
        if close is not None:
            return close, later
    return None
