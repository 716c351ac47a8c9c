"""What the parser reads: the article text, with headings in Title Case or capitals put in sentence case.

The small English model reads "Clinton Says Russians Hacked DNC" as a string of names: no verb,
so no statement and no speaker. A heading written the way a sentence is ("Clinton says Russians
hacked DNC") parses as one. Each word of such a heading takes the form the article's own sentences
give it where the capital is not the sentence's ("Russians", "DNC" keep theirs; "Says" becomes
"says"); a word they never write keeps its capital unless they write one of its forms in lower
case, since a name only the heading gives must stay a name. The result has the same length
as the text, character for character, so every offset the parse gives still points into the
article; only the parser ever sees it.
"""

from __future__ import annotations

import re
from collections import Counter

WORD = re.compile(r"[^\W\d_][\w’'-]*")
# what a sentence opens after; an initial's full stop ("the U.S. South") opens none
OPENS_SENTENCE = re.compile(r"(?:^|(?<!\b[A-Z])\.|[!?:;]|\n)[\s\"“‘'(\[—–-]*$")
# words too common to be a name, whose other forms a heading's stem would not find ("Says" beside "said")
COMMON_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "and", "or", "but",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "should", "not", "no", "it", "its", "his", "her", "their", "he", "she", "they", "we",
    "you", "who", "what", "why", "how", "when", "that", "this", "these", "those", "after", "before",
    "over", "about", "into", "out", "up", "down", "off", "than", "just", "now", "more", "most", "new",
    "say", "says", "tell", "tells", "win", "wins", "won", "lose", "loses", "lost", "see", "sees", "saw",
    "go", "goes", "get", "gets", "make", "makes", "take", "takes", "give", "gives", "come", "comes",
}  # fmt: skip
# a word the sentences never write matches one of theirs on all but its last two letters, four at least
STEM_MIN = 4
STEM_ENDING = 2
HEADING_MAX_WORDS = 30
HEADING_MIN_WORDS = 3
HEADING_SHARE = 0.75  # of a line's words capitalised (Title Case) or all in capitals


def parser_text(text: str) -> str:
    """``text`` with its heading lines in sentence case (see the module's docstring); same length."""
    lines = _heading_lines(text)
    if not lines:
        return text
    forms, lowered = _sentence_forms(text, lines)
    pieces = list(text)
    for start, end in lines:
        for n, word in enumerate(WORD.finditer(text, start, end)):
            written = word.group()
            form = _form(written, forms, lowered)
            if len(written) == 1 and text[word.end() : word.end() + 1] == ".":
                continue  # an initial: "U.S.", "George W. Bush"
            if n == 0 or _opens_part(text, start, word.start()):
                # the heading's first word, and the first after "HUFFPOLLSTER:" or a full stop, keep a capital
                form = written if not written.isupper() or form.isupper() else written.capitalize()
            if len(form) == len(written):  # a few letters change length in lower case: keep those
                pieces[word.start() : word.end()] = form
    return "".join(pieces)


def _form(written: str, forms: dict[str, str], lowered: set[str]) -> str:
    """The sentence form of a heading's word. A plural or possessive takes its stem's ("Russians"); a
    word the sentences never write is a common word when they write one of its forms in lower case
    ("Reassures" beside "reassured"), else a name that only the heading gives ("Ann Doyle"); in a
    heading all in capitals, the capitals say nothing and it is a common word."""
    key = written.lower()
    if key in forms:
        return forms[key]
    for ending in ("’s", "'s", "s"):
        if key.endswith(ending) and key[: -len(ending)] in forms:
            return forms[key[: -len(ending)]] + key[-len(ending) :]
    if key in lowered or key in COMMON_WORDS:
        return key
    stem = key[: max(STEM_MIN, len(key) - STEM_ENDING)]
    return key if written.isupper() or any(word.startswith(stem) for word in lowered) else written


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """The lines written in Title Case or in capitals, short enough to be headings."""
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        words = WORD.findall(line)
        if HEADING_MIN_WORDS <= len(words) <= HEADING_MAX_WORDS and words[0] != "By":  # not a byline
            capitalised = sum(w[0].isupper() for w in words)
            if capitalised >= HEADING_SHARE * len(words):
                found.append((start, end))
        start = end + 1
    return found


def _sentence_forms(text: str, headings: list[tuple[int, int]]) -> tuple[dict[str, str], set[str]]:
    """Outside the headings: lower-case word -> its most common capitalised form where a sentence
    does not open with it, and the words written in lower case."""
    seen: dict[str, Counter[str]] = {}
    lowered: Counter[str] = Counter()
    for word in WORD.finditer(text):
        if any(s <= word.start() < e for s, e in headings):
            continue
        written = word.group()
        if written.islower():
            lowered[written] += 1
        elif written[0].isupper() and not OPENS_SENTENCE.search(text, max(0, word.start() - 8), word.start()):
            seen.setdefault(written.lower(), Counter())[written] += 1
    # a word the sentences write in lower case as often is a common word ("party", "house")
    forms = {
        key: written.most_common(1)[0][0]
        for key, written in seen.items()
        if sum(written.values()) > lowered[key]
    }
    return forms, set(lowered)


def _opens_part(text: str, line_start: int, position: int) -> bool:
    before = text[line_start:position].rstrip(" \"“‘'")
    if before.endswith((":", "!", "?")):
        return True
    last = before.split()[-1] if before.split() else ""
    # a full stop, not an abbreviation's ("U.S. Flexes", "Wall St. Center")
    return last.endswith(".") and "." not in last[:-1] and len(last) > 4
