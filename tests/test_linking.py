"""Entities across stories (one global id per real actor) and metonyms (what "the Kremlin" stands for)."""

from __future__ import annotations

from storyline.crosscheck.linking import link_across_stories, stands_for
from storyline.model import Entity, StoryAnalysis


def _entity(story: str, name: str, kind: str = "PERSON", aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=f"{story}:{name}", name=name, type=kind, aliases=list(aliases))


def _link(*stories: list[Entity]) -> None:
    link_across_stories([StoryAnalysis(story_id=f"s{i}", entities=list(e)) for i, e in enumerate(stories)])


def test_transliterations_and_short_names_are_one_actor_across_stories():
    zelensky = _entity("a", "Volodymyr Zelensky", aliases=("Zelensky",))
    zelenskyy = _entity("b", "Volodymyr Zelenskyy")
    waltz = _entity("a", "Michael Waltz", aliases=("Mike Waltz",))
    mike = _entity("b", "Mike Waltz")
    _link([zelensky, waltz], [zelenskyy, mike])
    assert zelensky.global_id and zelensky.global_id == zelenskyy.global_id
    assert waltz.global_id and waltz.global_id == mike.global_id
    assert zelensky.global_id != waltz.global_id


def test_same_surname_other_given_name_stays_apart_and_a_lone_surname_needs_one_fit():
    donald, melania = _entity("a", "Donald Trump"), _entity("b", "Melania Trump")
    trump = _entity("c", "Trump")
    ushakov, lone = _entity("a", "Yuri Ushakov"), _entity("d", "Ushakov")
    _link([donald, ushakov], [melania], [trump], [lone])
    assert donald.global_id != melania.global_id
    assert trump.global_id not in {donald.global_id, melania.global_id}  # two full names fit: neither
    assert lone.global_id == ushakov.global_id  # one full name fits


def test_places_and_organisations_match_by_name_not_across_kinds():
    kremlin_a, kremlin_b = _entity("a", "Kremlin", "ORG"), _entity("b", "the Kremlin", "ORG")
    georgia_place, georgia_org = _entity("a", "Georgia", "GPE"), _entity("b", "Georgia", "ORG")
    _link([kremlin_a, georgia_place], [kremlin_b, georgia_org])
    assert kremlin_a.global_id == kremlin_b.global_id
    assert georgia_place.global_id != georgia_org.global_id


def test_metonyms_record_what_they_stand_for():
    assert stands_for(_entity("a", "the Kremlin", "ORG"), speaks=False) == "the Russian presidency"
    assert stands_for(_entity("a", "White House", "ORG"), speaks=True) == "the US presidency"
    assert stands_for(_entity("a", "Moscow", "GPE"), speaks=True) == "the government of Russia"
    assert stands_for(_entity("a", "Moscow", "GPE"), speaks=False) is None  # the city where things happen
    assert stands_for(_entity("a", "Russia", "GPE"), speaks=True) == "the government of Russia"
    assert stands_for(_entity("a", "Yuri Ushakov"), speaks=True) is None
