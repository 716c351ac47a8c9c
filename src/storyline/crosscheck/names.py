"""Person-name matching: when two written names can denote the same person.

Outlets spell one name several ways: transliterations (Zelensky / Zelenskyy, Yuri / Yuriy),
short first names (Mike / Michael), surname-only mentions ("Ushakov"), possessives
("Putin’s"). A name is split into given names and a surname; two names match when their
surnames are near-identical and their given names, where both have one, are compatible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

# Short forms of English given names common in news; transliteration variants are left to
# fuzzy matching instead of a list.
NICKNAMES = {
    "mike": "michael",
    "mick": "michael",
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "rob": "robert",
    "bobby": "robert",
    "jim": "james",
    "jimmy": "james",
    "joe": "joseph",
    "tom": "thomas",
    "tony": "anthony",
    "dick": "richard",
    "rick": "richard",
    "steve": "steven",
    "dave": "david",
    "dan": "daniel",
    "danny": "daniel",
    "chris": "christopher",
    "nick": "nicholas",
    "ben": "benjamin",
    "sam": "samuel",
    "alex": "alexander",
    "andy": "andrew",
    "ted": "edward",
    "ed": "edward",
    "pete": "peter",
    "matt": "matthew",
    "jon": "jonathan",
    "tim": "timothy",
    "kate": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "jen": "jennifer",
    "sue": "susan",
    "chuck": "charles",
    "charlie": "charles",
    "hank": "henry",
    "larry": "lawrence",
    "jerry": "gerald",
    "pat": "patrick",
    "ron": "ronald",
    "don": "donald",
    "greg": "gregory",
    "jeff": "jeffrey",
    "ken": "kenneth",
    "vlad": "vladimir",
    "sasha": "alexander",
    "misha": "mikhail",
    "dima": "dmitry",
}
TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "secretary",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "lt",
    "col",
    "capt",
    "prof",
    "king",
    "queen",
    "pope",
}
SURNAME_SIMILARITY = 85  # rapidfuzz ratio: Zelensky/Zelenskyy 94, Ushakov/Ushakova 93
GIVEN_SIMILARITY = 80  # Yuri/Yuriy 89, Dmitry/Dmitri 83


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]  # lower-cased given names, may be empty
    surname: str  # lower-cased

    @property
    def is_full(self) -> bool:
        return bool(self.given)


def clean_name(text: str) -> str:
    """Strip a possessive and surrounding punctuation: "Putin’s" -> "Putin"."""
    text = re.sub(r"[’']s?$", "", text.strip())
    return text.strip(' ,.;:"“”()')


def parse_person(text: str) -> PersonName | None:
    words = [w for w in re.split(r"\s+", clean_name(text)) if w]
    while words and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    if not words:
        return None
    lowered = [w.lower().rstrip(".") for w in words]
    if len(lowered) > 1 and lowered[-1] in {"jr", "sr", "ii", "iii"}:
        lowered = lowered[:-1]
    return PersonName(given=tuple(lowered[:-1]), surname=lowered[-1])


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    if NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return True
    return fuzz.ratio(a, b) >= GIVEN_SIMILARITY


def same_person(a: PersonName, b: PersonName) -> bool:
    if a.surname != b.surname and fuzz.ratio(a.surname, b.surname) < SURNAME_SIMILARITY:
        return False
    if a.given and b.given:
        return _given_compatible(a.given[0], b.given[0])
    return True  # a surname alone fits any full name with that surname


def is_nickname(given: str) -> bool:
    return given in NICKNAMES
