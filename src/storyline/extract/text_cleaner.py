"""Our own cleaner for scraped text: which lines are the article, which are the page around it.

Scrapers that keep "all the text" leave share buttons, section tags, counters, "Related
Posts" lists, contributor lines and the like around the article. No library cleans plain
text, so each line is judged from what it shows: its shape (a lone number, run-together
CamelCase tags, icon names), its words (share/subscribe/related phrases, credits), its
position (short non-sentences after the last sentence of the article are page furniture)
and repetition. Every removed line is kept, verbatim, so nothing is lost silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
DASH_ONLY = re.compile(r"^[—–-]{1,3}$")
TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")

# Shapes that are never prose.
LONE_NUMBER = re.compile(r"^[\d.,]{1,7}[KkMm]?$")  # share and comment counters
RUN_TOGETHER_TAGS = re.compile(r"^(?:[A-Z][a-z]+){3,}$")  # "DefenseFeaturedInternationalPolicy"
ICON_WORDS = re.compile(r"^(?:(?:icon|fa|social)-[\w-]+\s*)+$", re.I)
SHARE_WORDS = {
    "share",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "messenger",
    "copy",
    "link",
    "x",
    "comments",
    "comment",
    "save",
    "on",
}
# Words of page furniture, in English; the shape rules above carry other languages.
FURNITURE = re.compile(
    r"^(?:source link|related(?: posts| articles| stories| content| news| coverage)?|read more|more stories|"
    r"more from .{1,40}|you (?:may|might) also like|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed)|trending(?: now)?|advertisement|sponsored(?: content)?|"
    r"skip to (?:main )?content|share this(?: article| story)?|"
    r"leave a (?:comment|reply)|show comments|load more(?: posts| comments)?|loading\.*|no more posts\.?|"
    r"sign up|subscribe(?: now| to our newsletter)?|follow us(?: on .{1,40})?|back to top|"
    r"(?:photo|image|video|credit|photograph)s?: .{1,80}|getty images|.{0,60}all rights reserved\.?|"
    r"(?:©|copyright\s*(?:©)?)\s*\d{4}.*)$",
    re.I,
)
LABELLED_LINK = re.compile(
    r"^(?:also read|read also|read more|see also|related|watch|listen|more|don't miss)\s*:", re.I
)
CREDIT = re.compile(
    r"(?:contributed (?:reporting|to this (?:report|story|article))|^\(?(?:reporting|writing|editing|"
    r"additional reporting) by\b|^this (?:is a developing story|story (?:has been|was|will be) updated|"
    r"article was originally published)|will be updated\.?$)",
    re.I,
)
SENTENCE_MIN_WORDS = 6


@dataclass
class Line:
    text: str  # normalised: single spaces, stripped
    index: int  # position among the input's lines


@dataclass
class Cleaned:
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)


def normalise(line: str) -> str:
    return SPACES.sub(" ", line).strip()


def is_sentence(text: str) -> bool:
    """Prose: enough words and a sentence ending."""
    return len(text.split()) >= SENTENCE_MIN_WORDS and bool(TERMINAL.search(text))


def furniture_reason(text: str) -> str | None:
    """Why a line is page furniture by its own shape and words, or None."""
    words = text.split()
    lowered = text.lower()
    if LONE_NUMBER.match(text):
        return "counter"
    if DASH_ONLY.match(text):
        return "separator"
    if RUN_TOGETHER_TAGS.match(text) and len(text) >= 15:
        return "section tags"
    if ICON_WORDS.match(text):
        return "share buttons"
    if len(words) <= 6 and all(
        w.strip("|•·,:").lower() in SHARE_WORDS or not w.strip("|•·,:") for w in words
    ):
        return "share buttons"
    if FURNITURE.match(text):
        return "page furniture"
    if LABELLED_LINK.match(text) and not TERMINAL.search(text):
        return "link to another article"  # "ALSO READ: <another headline>"
    if CREDIT.search(text) and len(words) <= 30:
        return "credit line"
    if "loading..." in lowered and len(words) <= 8:
        return "page furniture"
    return None


def clean_lines(lines: list[Line]) -> Cleaned:
    """Split ``lines`` into body paragraphs and removed furniture, in input order."""
    repeated = Counter(line.text for line in lines)
    last_sentence = max((i for i, line in enumerate(lines) if is_sentence(line.text)), default=-1)
    kept: list[str] = []
    removed: list[str] = []
    for position, line in enumerate(lines):
        text = line.text
        short = len(text.split()) <= 6
        if furniture_reason(text):
            removed.append(text)
        elif repeated[text] > 1 and short and not is_sentence(text):
            removed.append(text)  # the same short line twice: a menu or share bar at top and bottom
        elif position > last_sentence >= 0 and not TERMINAL.search(text) and len(text.split()) <= 10:
            removed.append(text)  # after the article's last sentence, short non-sentences are the page's
        else:
            kept.append(text)
    return Cleaned(paragraphs=kept, removed=removed)
