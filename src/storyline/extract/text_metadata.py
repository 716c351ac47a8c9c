"""Metadata a scraped text shows about itself: a title line, a date line, an outlet line, a dateline.

Only the top of the text is read for the title, date and outlet (they sit above the first
sentence of the article), and only the opening of the first paragraph for a dateline
("MOSCOW:", "KYIV, Ukraine (AP) —"). Dates are parsed with dateparser, but only on lines that
look like nothing but a date, so prose is never mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import dateparser

from storyline.extract.text_cleaner import DASH_ONLY, TERMINAL, Line, furniture_reason, is_sentence

HEAD_LINES = 8  # metadata sits in the first few lines
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_SHAPED = re.compile(
    rf"^(?:(?:first )?published|updated|posted|date)?\s*:?\s*"
    rf"(?:[a-z]{{3,9}},?\s+)?"  # a weekday
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{{2,5}})?)?\.?$",
    re.I,
)
DATE_LABEL = re.compile(r"^(?:first )?(?:published|updated|posted|date)\s*:?\s*", re.I)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:, [A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?"
    r"(?: \((?P<agency>[^)]{2,30})\))?\s*(?::|[—–]|--| -)\s+"
)
TITLE_MAX_WORDS = 25
MADE_TITLE_CHARS = 90
SENTENCE_WORDS_FOR_TITLE = 6


@dataclass
class HeadMetadata:
    title: str | None = None
    published: str | None = None  # ISO date
    outlet: str | None = None
    consumed: frozenset[int] = frozenset()  # indexes of the lines that held them


def parse_date_line(text: str) -> str | None:
    """'Thu Mar 13 2025' -> '2025-03-13'; None unless the whole line is a date."""
    if len(text) > 60 or not DATE_SHAPED.match(text):
        return None
    parsed = dateparser.parse(
        DATE_LABEL.sub("", text),
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


def _is_outlet_name(text: str) -> bool:
    return len(text) <= 30 and len(text.split()) <= 4 and not TERMINAL.search(text)


def _is_headline(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= TITLE_MAX_WORDS and not text.endswith(".")


def read_head(lines: list[Line]) -> HeadMetadata:
    """Title, date and outlet lines above the first sentence of the article."""
    head = HeadMetadata()
    consumed: set[int] = set()
    for position, line in enumerate(lines[:HEAD_LINES]):
        text = line.text
        if is_sentence(text) and text.endswith("."):
            break  # the article has begun
        following = lines[position + 1].text if position + 1 < len(lines) else ""
        if head.outlet is None and DASH_ONLY.match(following) and _is_outlet_name(text):
            head.outlet = text  # "CNN" over a lone "—": the outlet's house style
            consumed.update({line.index, lines[position + 1].index})
        elif head.published is None and (date := parse_date_line(text)):
            head.published = date
            consumed.add(line.index)
        elif head.title is None and not consumed and not furniture_reason(text) and _is_headline(text):
            head.title = text
            consumed.add(line.index)
    head.consumed = frozenset(consumed)
    return head


def read_dateline(first_paragraph: str) -> tuple[str | None, str | None]:
    """('MOSCOW', agency or None) when the paragraph opens with a dateline."""
    found = DATELINE.match(first_paragraph)
    if not found or len(found.group("place")) < 3:
        return None, None
    return found.group("place").rstrip("."), found.group("agency")


def make_title(paragraphs: list[str]) -> str | None:
    """A title from the text when it has no title line: its first sentence, cut at a word boundary."""
    for paragraph in paragraphs:
        if len(paragraph.split()) < SENTENCE_WORDS_FOR_TITLE:
            continue  # a heading or a stray line, not the lead
        sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", paragraph, maxsplit=1)[0]
        if len(sentence) <= MADE_TITLE_CHARS:
            return sentence.rstrip(".")
        cut = sentence[:MADE_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–- ")
        return cut + "…"
    return None
