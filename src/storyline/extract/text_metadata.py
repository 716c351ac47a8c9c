"""Metadata a scraped text shows about itself: title, date, byline and outlet lines, a dateline.

Only the top of the text is read for these (they sit above the first sentence of the article),
and only the opening of the first paragraph for a dateline ("MOSCOW:", "KYIV, Ukraine (AP) —")
or an outlet's house-style opener ("CNN — "). A line counts as a date only when it holds
nothing but a date, so prose is never mistaken for one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

import dateparser

from storyline.extract.text_cleaner import (
    BULLET,
    DASH_ONLY,
    TERMINAL,
    Line,
    furniture_reason,
    is_sentence,
    menu_runs,
)

log = logging.getLogger(__name__)

HEAD_LINES = 10  # metadata sits in the first few lines that are not page furniture
MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS = {name: n for n, full in enumerate(MONTH_NAMES, start=1) for name in (full, full[:3])} | {"sept": 9}
WEEKDAYS = {
    name
    for full in "monday tuesday wednesday thursday friday saturday sunday".split()
    for name in (full, full[:3], full[:4])
} | {"thurs", "tues"}
DATE_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?|date)\s*:?\s*", re.I
)
# Tokens a date line may hold besides month and weekday names: numbers, times, zones, "at".
DATE_TOKEN = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?|\d{4}|\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ap]m)?|[ap]\.?m\.?|at|on|of|the|"
    r"utc|gmt|[+-]\d{1,4}|(?:gmt|utc)[+-]\d{1,2}|\d{4}-\d{2}-\d{2}(?:t[\d:.+-]+z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    r"[|/–—-])$"
)
TIME_ZONE = re.compile(r"^[A-Z]{2,5}$")  # EDT, CET, IST: upper case as written
MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b", re.I)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:, [A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?"
    r"(?: \((?P<agency>[^)]{2,30})\))?\s*(?::|[—–]|--| -)\s+"
)
# Outlet or agency names that open a story ("CNN — ", "(CNN) — "). A place in capitals ("ROME —",
# "KYIV —") is a dateline instead; a run of capitals without vowels ("CNN", "NBC") is never a place.
KNOWN_OUTLETS = set(
    "CNN BBC AP AFP UPI NPR ABC CBS NBC DPA EFE ANSA TASS RIA PTI IANS ANI KCNA WAFA IRNA MENA DW RT NHK AAP "
    "REUTERS XINHUA INTERFAX UKRINFORM YONHAP KYODO BERNAMA ANADOLU".split()
)
VOWELLESS_ACRONYM = re.compile(r"^[B-DF-HJ-NP-TV-Z]{2,5}$")
OUTLET_OPENER = re.compile(  # "CNN — ", "(CNN) — ", and CNN's older "(CNN)Russia said..."
    r"^(?:\((?P<quoted>[A-Z][A-Za-z]{1,11})\)\s*(?:(?:[—–]|--| -)\s+)?"
    r"|(?P<bare>[A-Z][A-Za-z]{1,11})\s*(?:[—–]|--| -)\s+)"
)
PLACE_THEN_OUTLET = re.compile(  # CNN's "Moscow CNN — ", "KYIV, Ukraine (AP) — " in mixed case
    r"^(?P<place>[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,2})(?:, [A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?"
    r" \(?(?P<outlet>[A-Z][A-Za-z]{1,11})\)?\s*(?:[—–]|--| -)\s+"
)
BYLINE = re.compile(r"^by\s+(?P<author>[A-Z][^|•]{2,120}?)\s*$", re.I)
TITLE_MAX_WORDS = 25
MADE_TITLE_CHARS = 90
SENTENCE_WORDS_FOR_TITLE = 6
# Abbreviations that end in a period without ending a sentence ("Mr. Putin", "the U.S. envoy").
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Adm|Sen|Rep|Gov|Pres|Rev|St|Jr|Sr|Mt|Ft|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)


@dataclass
class HeadMetadata:
    title: str | None = None
    published: str | None = None  # ISO date
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None  # a place line above an outlet line (CNN's "Kyiv, Ukraine / CNN / —")
    consumed: set[int] = field(default_factory=set)  # indexes of the lines that held them


def is_outlet_token(word: str) -> bool:
    bare = word.strip("()")
    return bare.upper() in KNOWN_OUTLETS or bool(VOWELLESS_ACRONYM.match(bare))


def parse_date_line(text: str) -> str | None:
    """'Thu Mar 13 2025' -> '2025-03-13'; None unless the whole line is a date (with a time, a label)."""
    if len(text) > 80 or not YEAR.search(text):
        return None
    core = DATE_LABEL.sub("", text).strip()
    if not _only_date_tokens(core):
        return _foreign_date(core)
    return _date_from_parts(core)


def _only_date_tokens(text: str) -> bool:
    tokens = [t.strip(",.()") for t in text.split()]
    tokens = [t for t in tokens if t]
    return bool(tokens) and all(
        t.lower() in MONTHS or t.lower() in WEEKDAYS or DATE_TOKEN.match(t.lower()) or TIME_ZONE.match(t)
        for t in tokens
    )


def _date_from_parts(text: str) -> str | None:
    found: tuple[int, int, int] | None = None
    if iso := ISO_DATE.search(text):
        found = (int(iso[1]), int(iso[2]), int(iso[3]))
    elif (mdy := MONTH_DAY_YEAR.search(text)) and mdy[1].lower() in MONTHS:
        found = (int(mdy[3]), MONTHS[mdy[1].lower()], int(mdy[2]))
    elif (dmy := DAY_MONTH_YEAR.search(text)) and dmy[2].lower() in MONTHS:
        found = (int(dmy[3]), MONTHS[dmy[2].lower()], int(dmy[1]))
    if found is None:
        return _parsed(text, ["en"])  # numeric forms such as 03/13/2025
    try:
        return date(*found).isoformat()
    except ValueError:
        return None


def _foreign_date(text: str) -> str | None:
    """'13. März 2025', '13 de marzo de 2025': a short line of a day, a month word and a year."""
    words = text.split()
    if len(words) > 6 or sum(w.strip(".,").isdigit() for w in words) < 2:
        return None
    return _parsed(text, None)


def _parsed(text: str, languages: list[str] | None) -> str | None:
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        parsed = dateparser.parse(text, languages=languages, settings=settings)  # type: ignore[arg-type]
    except Exception as error:  # dateparser raises assorted errors on odd input; a non-date is not fatal
        log.debug("dateparser failed on %r: %s", text, error)
        return None
    return parsed.date().isoformat() if parsed else None


def _is_outlet_name(text: str) -> bool:
    return len(text) <= 30 and len(text.split()) <= 4 and not TERMINAL.search(text)


def _is_place_line(text: str) -> bool:
    return (
        len(text) <= 40
        and len(text.split()) <= 4
        and not any(ch.isdigit() for ch in text)
        and (not TERMINAL.search(text))
    )


def _is_headline(text: str, outlet_hint: str | None) -> bool:
    words = text.split()
    if not 2 <= len(words) <= TITLE_MAX_WORDS or text.endswith(".") or BULLET.match(text):
        return False
    if len(words) <= 3 and text.isupper():
        return False  # "KEY POINTS", "BREAKING NEWS": a section label
    return not (outlet_hint and text.casefold() == outlet_hint.casefold())


def _outlet_over_dash(lines: list[Line], position: int) -> str | None:
    """'CNN' over a lone '—', or 'CNN —' on its own line: the outlet's house style."""
    if position >= len(lines):
        return None
    text = lines[position].text
    following = lines[position + 1].text if position + 1 < len(lines) else ""
    if DASH_ONLY.match(following) and _is_outlet_name(text):
        return text
    words = text.split()
    if len(words) == 2 and DASH_ONLY.match(words[1]) and is_outlet_token(words[0]):
        return words[0].strip("()")
    return None


def read_head(lines: list[Line], outlet_hint: str | None = None) -> HeadMetadata:
    """Title, date, byline and outlet lines above the first sentence of the article."""
    head = HeadMetadata()
    in_menu = menu_runs(lines[: HEAD_LINES * 3])
    seen = 0
    for position, line in enumerate(lines):
        text = line.text
        if seen >= HEAD_LINES or (is_sentence(text) and text.endswith(".")):
            break  # the article has begun
        if (furniture_reason(text) and not DASH_ONLY.match(text)) or line.index in in_menu:
            continue  # a share bar or menu between the title and the date: the cleaner's to remove
        seen += 1
        if head.outlet is None and (outlet := _outlet_over_dash(lines, position)):
            head.outlet = outlet
            head.consumed.add(line.index)
            if text == outlet and position + 1 < len(lines):
                head.consumed.add(lines[position + 1].index)
            break  # what follows the outlet's dash is the body
        if head.dateline is None and _is_place_line(text) and _outlet_over_dash(lines, position + 1):
            head.dateline = text.split(",")[0].strip()
            head.consumed.add(line.index)
        elif head.published is None and (published := parse_date_line(text)):
            head.published = published
            head.consumed.add(line.index)
        elif head.author is None and (byline := BYLINE.match(text)):
            head.author = _author(byline["author"])
            head.consumed.add(line.index)
        elif head.title is None and _is_headline(text, outlet_hint):
            head.title = text
            head.consumed.add(line.index)
    return head


def _author(names: str) -> str:
    """'Anna Rossi, CNN' -> 'Anna Rossi': the outlet after the names is not an author."""
    parts = [part.strip() for part in names.split(",")]
    if len(parts) > 1 and is_outlet_token(parts[-1]):
        parts = parts[:-1]
    return ", ".join(parts)


@dataclass
class Lead:
    """What the opening of the first paragraph says about the article."""

    dateline: str | None = None
    agency: str | None = None  # "AP" in "KYIV, Ukraine (AP) —"
    outlet: str | None = None  # "CNN" in "CNN — Russia said..." or "Moscow CNN — ..."
    opener_end: int = 0  # where the words after the dateline or outlet opener begin
    outlet_only: bool = False  # the opener is the outlet's signature alone: the body drops it

    @property
    def body_start(self) -> int:
        """Where the paragraph's own text begins: a dateline stays in the text, "CNN — " does not."""
        return self.opener_end if self.outlet_only else 0


def read_lead(paragraph: str) -> Lead:
    """The dateline, agency or outlet opener that starts ``paragraph``, if any."""
    opener = OUTLET_OPENER.match(paragraph)
    outlet = opener and (opener["quoted"] or opener["bare"])
    if opener and outlet and is_outlet_token(outlet):
        return Lead(outlet=outlet, opener_end=opener.end(), outlet_only=True)
    placed = PLACE_THEN_OUTLET.match(paragraph)
    if placed and is_outlet_token(placed["outlet"]) and not is_outlet_token(placed["place"]):
        return Lead(dateline=placed["place"], outlet=placed["outlet"], opener_end=placed.end())
    found = DATELINE.match(paragraph)
    place, agency = read_dateline(paragraph)
    return Lead(dateline=place, agency=agency, opener_end=found.end() if found and place else 0)


def read_dateline(first_paragraph: str) -> tuple[str | None, str | None]:
    """('MOSCOW', agency or None) when the paragraph opens with a dateline."""
    found = DATELINE.match(first_paragraph)
    if not found or len(found["place"]) < 3 or is_outlet_token(found["place"]):
        return None, None
    return found["place"].rstrip("."), found["agency"]


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, not fooled by "Mr." or "U.S." ."""
    for boundary in re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z“\"])", paragraph):
        if not ABBREVIATION.search(paragraph[: boundary.start() + 1]):
            return paragraph[: boundary.end()].strip()
    return paragraph.strip()


def make_title(paragraphs: list[str]) -> str | None:
    """A title from the text when it has no title line: its first sentence, cut at a word boundary."""
    for paragraph in paragraphs:
        if len(paragraph.split()) < SENTENCE_WORDS_FOR_TITLE:
            continue  # a heading or a stray line, not the lead
        paragraph = paragraph[read_lead(paragraph).opener_end :]  # "MOSCOW (Reuters) - " is no title
        sentence = first_sentence(paragraph)
        if len(sentence) <= MADE_TITLE_CHARS:
            return sentence.rstrip(". ")
        cut = sentence[:MADE_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–- ")
        return cut + "…"
    return None
