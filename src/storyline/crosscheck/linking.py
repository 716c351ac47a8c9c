"""Entities across stories, and what a metonym stands for.

Each story resolves its own entities (``crosscheck.analyse_story``). A reader following a person
through many stories needs one identity: ``link_across_stories`` gives every story entity a
``global_id`` shared with the entities of other stories that denote the same actor. People match
as inside a story (``names.same_person``: transliterations, short first names), but across stories
a surname alone is too weak, so a surname-only entity links only when exactly one full name in the
archive fits it. Organisations and places match by their normalised name.

News also names governments by their seats ("the Kremlin said", "Washington rejected"): such an
entity keeps the name the text uses and records what it stands for in ``stands_for``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.crosscheck.names import PersonName, clean_name, parse_person, same_person
from storyline.model import Entity, StoryAnalysis, content_id

# Seats of government and of power that stand for an institution in news text.
SEATS = {
    "kremlin": "the Russian presidency",
    "white house": "the US presidency",
    "downing street": "the UK prime minister's office",
    "number 10": "the UK prime minister's office",
    "elysee": "the French presidency",
    "élysée": "the French presidency",
    "pentagon": "the US Department of Defense",
    "state department": "the US Department of State",
    "foggy bottom": "the US Department of State",
    "whitehall": "the UK government",
    "bankova": "the Ukrainian presidency",
    "zhongnanhai": "the Chinese leadership",
    "quai d'orsay": "the French foreign ministry",
    "capitol hill": "the US Congress",
    "number ten": "the UK prime minister's office",
}
# Capitals that speak for their country's government ("Moscow said", "Kyiv accepted").
CAPITALS = {
    "moscow": "Russia",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "washington": "the United States",
    "beijing": "China",
    "london": "the United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tehran": "Iran",
    "jerusalem": "Israel",
    "ankara": "Turkey",
    "tokyo": "Japan",
    "brussels": "the European Union",
    "delhi": "India",
    "new delhi": "India",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "damascus": "Syria",
    "riyadh": "Saudi Arabia",
    "minsk": "Belarus",
}
PLACE_TYPES = {"GPE", "LOC", "FAC"}


def _key(name: str) -> str:
    key = clean_name(name).lower().replace("’", "'")
    return re.sub(r"^the\s+", "", key)


def stands_for(entity: Entity, speaks: bool) -> str | None:
    """What ``entity`` stands for when its name is a metonym: a seat of power always, a capital or
    a country when it speaks ("Moscow said" is the Russian government, not the city)."""
    key = _key(entity.name)
    if key in SEATS:
        return SEATS[key]
    if speaks and key in CAPITALS:
        return f"the government of {CAPITALS[key]}"
    if speaks and entity.type == "GPE":
        return f"the government of {entity.name}"
    return None


def _person_names(entity: Entity) -> list[PersonName]:
    names = [parse_person(form) for form in [entity.name, *entity.aliases]]
    return [name for name in names if name is not None]


def link_across_stories(analyses: Iterable[StoryAnalysis]) -> None:
    """Set ``global_id`` on every entity of ``analyses``: one id per real actor across stories."""
    entities = [entity for analysis in analyses for entity in analysis.entities]
    clusters: list[list[Entity]] = []
    full_people: list[tuple[PersonName, list[Entity]]] = []  # a full name and the cluster it opened
    by_key: dict[tuple[str, str], list[Entity]] = {}
    surname_only: list[Entity] = []
    for entity in entities:
        if entity.type != "PERSON":
            group = "PLACE" if entity.type in PLACE_TYPES else entity.type
            cluster = by_key.setdefault((group, _key(entity.name)), [])
            if not cluster:
                clusters.append(cluster)
            cluster.append(entity)
            continue
        names = _person_names(entity)
        full = [name for name in names if name.is_full]
        if not full:
            surname_only.append(entity)
            continue
        match = next(
            (cluster for known, cluster in full_people if any(same_person(known, name) for name in full)),
            None,
        )
        if match is None:
            match = []
            clusters.append(match)
        match.append(entity)
        full_people.extend((name, match) for name in full)
    for entity in surname_only:
        names = _person_names(entity)
        fits = {
            id(cluster): cluster
            for known, cluster in full_people
            if any(same_person(known, name) for name in names)
        }
        if len(fits) == 1:
            next(iter(fits.values())).append(entity)
        else:
            clusters.append([entity])
    for cluster in clusters:
        _name_cluster(cluster)


def _name_cluster(cluster: list[Entity]) -> None:
    """One id per cluster from its most used fullest name, so it is stable while the name is."""
    forms = Counter(entity.name for entity in cluster)
    name = max(forms, key=lambda form: (len(form.split()), forms[form], form))
    kind = "PLACE" if cluster[0].type in PLACE_TYPES else cluster[0].type
    global_id = content_id("global-entity", kind, name)
    for entity in cluster:
        entity.global_id = global_id
