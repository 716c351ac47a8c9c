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
    r"more from .{1,40}|you (?:may|might) also like|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories)|"
    r"advertisement|story continues below(?: this)? advertisement|sponsored(?: content)?|"
    r"skip to (?:main )?content|share (?:this|the) (?:article|story|page)|listen to this (?:article|story)|"
    r"\d{1,3} min(?:ute)?s? read|leave a (?:comment|reply)|show comments|"
    r"load more(?: posts| comments| stories)?|loading\.*|no more posts\.?|continue reading|"
    r"sign up(?: for (?:our|the) .{1,40}newsletters?)?|"
    r"subscribe(?: now| to (?:our|the) .{0,40}(?:newsletter|channel|podcast)s?)?!?|"
    r"follow us(?: on .{1,40})?|back to top|click here\b.{0,60}|"
    r"(?:tags|topics|filed under|categories)\s*:.{0,160}|"
    r"(?:photo|image|video|photograph|picture)s?(?: (?:credit|caption|source))?\s*: .{1,120}|"
    r"(?:image|video|photo) (?:caption|source)\s*, .{1,120}|credits?\s*: .{1,80}|"
    r"getty images|our standards: .{0,80}|.{0,60}all rights reserved\.?|(?:©|copyright\s*(?:©)?)\s*\d{4}.*)$",
    re.I,
)
# Headers of a list of links to other articles: the headline-like lines below them are links too.
LINK_LIST_HEADER = re.compile(
    r"^(?:related(?: posts| articles| stories| content| news| coverage)?|more stories|more from .{1,40}|"
    r"you (?:may|might) also like|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories)|"
    r"read more|see also)$",
    re.I,
)
LINK_LIST_MAX_LINES = 10
HEADLINE_MAX_WORDS = 25
LABELLED_LINK = re.compile(
    r"^(?:also read|read also|read more|see also|related|watch|listen|more|don't miss|don’t miss|"
    r"recommended|opinion)\s*:",
    re.I,
)
CREDIT = re.compile(
    r"(?:contributed (?:reporting|to this (?:report|story|article))|^\(?(?:reporting|writing|editing|"
    r"additional reporting) by\b|^this (?:is a developing story|story (?:has been|was|will be) updated|"
    r"article was originally published)|will be updated\.?$)",
    re.I,
)
# Three or more short items between separators: "Home | World | Business", "Home › World › Europe".
MENU_SEPARATOR = re.compile(r"\s+[|•·›»>/]\s+")
MENU_ITEM_MAX_WORDS = 3
BYLINE_START = re.compile(r"^by\s", re.I)
BULLET = re.compile(r"^[•·▪●◦*-]\s")
MENU_RUN_MIN_LINES = 3  # "Home / World / Business / Sport", one item a line
SENTENCE_MIN_WORDS = 6


@dataclass
class Line:
    text: str  # normalised: single spaces, stripped
    index: int  # position among the input's lines
    raw: str | None = None  # the line as it came, stripped: what ``removed`` records

    @property
    def verbatim(self) -> str:
        return self.text if self.raw is None else self.raw


@dataclass
class Cleaned:
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)


def normalise(line: str) -> str:
    return SPACES.sub(" ", line).strip()


def is_sentence(text: str) -> bool:
    """Prose: enough words and a sentence ending."""
    return len(text.split()) >= SENTENCE_MIN_WORDS and bool(TERMINAL.search(text))


def is_menu(text: str) -> bool:
    """Short items between separators, none of them a sentence: a navigation bar or breadcrumb."""
    items = MENU_SEPARATOR.split(text)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= MENU_ITEM_MAX_WORDS and not TERMINAL.search(item) for item in items
    )


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
    if is_menu(text):
        return "navigation menu"
    if FURNITURE.match(text):
        return "page furniture"
    if LABELLED_LINK.match(text) and not TERMINAL.search(text):
        return "link to another article"  # "ALSO READ: <another headline>"
    if CREDIT.search(text) and len(words) <= 30:
        return "credit line"
    if "loading..." in lowered and len(words) <= 8:
        return "page furniture"
    return None


def _is_menu_item(text: str) -> bool:
    """A short label: no sentence ending, no digits (dates, counters), not a byline or a bullet point."""
    return (
        len(text.split()) <= MENU_ITEM_MAX_WORDS
        and not TERMINAL.search(text)
        and not any(ch.isdigit() for ch in text)
        and not BYLINE_START.match(text)
        and not BULLET.match(text)
    )


def menu_runs(lines: list[Line]) -> set[int]:
    """Indexes of lines in runs of three or more menu-like items: a navigation list, one item a line.

    An article has no such runs: its subheadings stand alone between paragraphs.
    """
    found: set[int] = set()
    run: list[int] = []
    for line in lines:
        if furniture_reason(line.text):
            continue  # a share icon or an "Advertisement" inside a menu does not split it
        if _is_menu_item(line.text):
            run.append(line.index)
            continue
        if len(run) >= MENU_RUN_MIN_LINES:
            found.update(run)
        run = []
    if len(run) >= MENU_RUN_MIN_LINES:
        found.update(run)
    return found


def _is_headline_like(text: str) -> bool:
    return not is_sentence(text) and len(text.split()) <= HEADLINE_MAX_WORDS


def clean_lines(lines: list[Line]) -> Cleaned:
    """Split ``lines`` into body paragraphs and removed furniture, in input order.

    A line goes when its own shape says so (``furniture_reason``), or its context does: the
    same short line twice (a menu or share bar at top and bottom), a run of menu items, a later
    copy of a paragraph,
    headlines under a "Related" header, short non-sentences after the article's last sentence.
    """
    repeated = Counter(line.text for line in lines)
    in_menu = menu_runs(lines)
    last_sentence = max((i for i, line in enumerate(lines) if is_sentence(line.text)), default=-1)
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    links_left = 0  # lines still to read as links after a "Related Posts" header
    for position, line in enumerate(lines):
        text = line.text
        links_left = links_left - 1 if links_left > 0 and _is_headline_like(text) else 0
        if furniture_reason(text):
            if LINK_LIST_HEADER.match(text):
                links_left = LINK_LIST_MAX_LINES + 1
            removed.append(line.verbatim)
        elif line.index in in_menu:
            removed.append(line.verbatim)  # one item of a navigation list
        elif links_left:
            removed.append(line.verbatim)  # a headline under "Related Posts" links to another article
        elif repeated[text] > 1 and len(text.split()) <= 6 and not is_sentence(text):
            removed.append(line.verbatim)
        elif text in seen and len(text.split()) > 6:
            removed.append(line.verbatim)  # the same paragraph again (a standfirst, a pull quote)
        elif position > last_sentence >= 0 and not TERMINAL.search(text) and len(text.split()) <= 10:
            removed.append(line.verbatim)  # after the article's last sentence, short non-sentences
        else:
            kept.append(text)
            seen.add(text)
    return Cleaned(paragraphs=kept, removed=removed)
