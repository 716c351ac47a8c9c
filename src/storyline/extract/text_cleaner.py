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
TERMINAL = re.compile(r"[.!?…:;。！？｡][\"'”’»)\]」』）]*$")
# Scripts written without spaces between words: a character carries about half a word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")

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


def word_count(text: str) -> int:
    """Words, counting Chinese, Japanese and Thai characters as half a word each (they have no spaces)."""
    unspaced = len(UNSPACED.findall(text))
    return len(text.split()) + unspaced // 2 if unspaced else len(text.split())


def is_sentence(text: str) -> bool:
    """Prose: enough words and a sentence ending."""
    return bool(TERMINAL.search(text)) and word_count(text) >= SENTENCE_MIN_WORDS


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


# --- the body region ---------------------------------------------------------------------------------
# Each line weighs for or against being inside the article: prose counts its words (capped, so one
# long disclaimer or comment does not outweigh a whole article), anything else costs a fixed amount.
# The article is the run of lines with the greatest total (the maximum-sum segment), the idea of
# Finn et al.'s body text extraction applied to lines instead of tags.
PROSE_WORDS_CAP = 40
SHORT_LINE_COST = 8
FURNITURE_COST = 5
LONE_PROSE_SHARE = 0.7  # a lone prose line between short ones is as often a teaser as body
TEASER_PAGE_LINES = 30  # teaser lists come with whole pages; a short text is read as all article
LINKED_COST = 1  # a "Related" box inside an article interrupts it without ending it
TEMPLATE_MIN_REPEATS = 3  # a short line shape seen this often is a template ("<name> says:", dates)
TEMPLATE_MAX_WORDS = 12
DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    """What repeats in a template line: its last word with digits blanked ("says:", "0:00")."""
    words = DIGITS.sub("0", text).split()
    return words[-1].lower() if words else ""


def template_lines(lines: list[Line]) -> set[int]:
    """Indexes of short lines whose shape repeats: comment headers, timestamps, "Reply" links."""
    short = [line for line in lines if word_count(line.text) <= TEMPLATE_MAX_WORDS]
    shapes = Counter(_shape(line.text) for line in short)
    texts = Counter(line.text for line in short)
    return {
        line.index
        for line in short
        if texts[line.text] >= TEMPLATE_MIN_REPEATS
        or (shapes[_shape(line.text)] >= TEMPLATE_MIN_REPEATS and len(line.text.split()) > 1)
    }


def line_weight(text: str, furniture: bool, template: bool, linked: bool = False) -> float:
    if linked:
        return -LINKED_COST
    if furniture:
        return -FURNITURE_COST
    if is_sentence(text) and not template:
        return min(word_count(text), PROSE_WORDS_CAP)
    return -SHORT_LINE_COST


def linked_headlines(lines: list[Line]) -> set[int]:
    """Indexes of the headline-like lines under a "Related Posts" header: links to other articles."""
    found: set[int] = set()
    links_left = 0
    for line in lines:
        links_left = links_left - 1 if links_left > 0 and _is_headline_like(line.text) else 0
        if furniture_reason(line.text):
            if LINK_LIST_HEADER.match(line.text):
                links_left = LINK_LIST_MAX_LINES + 1
        elif links_left:
            found.add(line.index)
    return found


def body_region(lines: list[Line], in_menu: set[int], linked: set[int]) -> tuple[int, int]:
    """(first, last) positions of the article's lines; (0, -1) when no line is prose."""
    templates = template_lines(lines)
    weights = [
        line_weight(
            line.text,
            bool(furniture_reason(line.text)) or line.index in in_menu,
            line.index in templates,
            line.index in linked,
        )
        for line in lines
    ]
    for position, weight in enumerate(list(weights) if len(lines) >= TEASER_PAGE_LINES else []):
        before = weights[position - 1] if position > 0 else -1.0
        after = weights[position + 1] if position + 1 < len(weights) else -1.0
        if weight > 0 and before < 0 and after < 0:
            weights[position] = weight * LONE_PROSE_SHARE  # a teaser between headlines and dates, not a body
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for position, weight in enumerate(weights):
        if total <= 0:
            total, start = weight, position
        else:
            total += weight
        if total > best:
            best, best_span = total, (start, position)
    return best_span


def _lead_in(lines: list[Line], first: int) -> int:
    """The region's first line, moved up over a bulleted list (and its label) just above the prose."""
    position = first
    while position > 0 and BULLET.match(lines[position - 1].text):
        position -= 1
    if position < first and position > 0 and _is_menu_item(lines[position - 1].text):
        position -= 1  # "KEY POINTS" over the bullets
    return position


def clean_lines(lines: list[Line]) -> Cleaned:
    """Split ``lines`` into body paragraphs and removed furniture, in input order.

    A line goes when it lies outside the article's region (the densest run of prose), when its
    own shape says so (``furniture_reason``), or when its context does: the same short line
    twice (a menu or share bar at top and bottom), a run of menu items, a later copy of a
    paragraph, headlines under a "Related" header, short non-sentences after the last sentence.
    """
    repeated = Counter(line.text for line in lines)
    in_menu = menu_runs(lines)
    linked = linked_headlines(lines)
    first, last = body_region(lines, in_menu, linked)
    first = _lead_in(lines, first)
    last_sentence = max((i for i, line in enumerate(lines) if is_sentence(line.text)), default=-1)
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for position, line in enumerate(lines):
        text = line.text
        words = word_count(text)
        if furniture_reason(text):
            removed.append(line.verbatim)
        elif not first <= position <= last:
            removed.append(line.verbatim)  # outside the article's region
        elif line.index in in_menu:
            removed.append(line.verbatim)  # one item of a navigation list
        elif line.index in linked:
            removed.append(line.verbatim)  # a headline under "Related Posts" links to another article
        elif repeated[text] > 1 and words <= 6 and not is_sentence(text):
            removed.append(line.verbatim)
        elif text in seen and words > 6:
            removed.append(line.verbatim)  # the same paragraph again (a standfirst, a pull quote)
        elif position > last_sentence >= 0 and not TERMINAL.search(text) and words <= 10:
            removed.append(line.verbatim)  # after the article's last sentence, short non-sentences
        else:
            kept.append(text)
            seen.add(text)
    return Cleaned(paragraphs=kept, removed=removed)
