"""Story assignment: same event together, another event of its kind apart, copies follow originals."""

from __future__ import annotations

from storyline.model import Annotations, Article, Mention
from storyline.stories import assign_stories, story_title

QUAKE_A = (
    "A magnitude 6.1 earthquake struck Qeshm island in Iran on Sunday, killing ten people, officials said."
)
QUAKE_A2 = "Rescuers searched villages on Qeshm after Sunday's magnitude 6.1 quake in Iran killed ten people."
FLOOD = (
    "Heavy floods swept through Emilia-Romagna in Italy, forcing thousands of residents to leave their homes."
)


def _article(
    article_id: str, text: str, names: list[tuple[str, str]], **fields
) -> tuple[Article, Annotations]:
    mentions = [Mention(text.index(n), text.index(n) + len(n), n, label) for n, label in names]
    return Article(id=article_id, source=article_id, text=text, **fields), Annotations(
        article_id, mentions=mentions
    )


def test_reports_of_one_event_join_and_others_stay_apart():
    a, na = _article("a", QUAKE_A, [("Qeshm", "GPE"), ("Iran", "GPE")], title="Quake hits Qeshm")
    b, nb = _article("b", QUAKE_A2, [("Qeshm", "GPE"), ("Iran", "GPE")], published="2005-11-28")
    c, nc = _article("c", FLOOD, [("Emilia-Romagna", "GPE"), ("Italy", "GPE")])
    stories = assign_stories([a, b, c], {"a": na, "b": nb, "c": nc})
    assert sorted(s.article_ids for s in stories) == [["a", "b"], ["c"]]
    quake = next(s for s in stories if "a" in s.article_ids)
    assert quake.first_published == quake.last_published == "2005-11-28"


def test_wire_copies_follow_their_original():
    a, na = _article("a", QUAKE_A, [("Qeshm", "GPE")])
    copy = Article(id="copy", source="copy", text=QUAKE_A, duplicate_of="a")
    c, nc = _article("c", FLOOD, [("Italy", "GPE")])
    stories = assign_stories([a, c, copy], {"a": na, "c": nc})
    assert ["a", "copy"] in [s.article_ids for s in stories]


def test_story_ids_are_stable_and_texts_without_content_words_do_not_break_it():
    first = assign_stories(
        [Article(id="x", source="x", text="the"), Article(id="y", source="y", text="a")], {}
    )
    again = assign_stories(
        [Article(id="x", source="x", text="the"), Article(id="y", source="y", text="a")], {}
    )
    assert [s.id for s in first] == [s.id for s in again]


def test_title_prefers_the_earliest_dated_headline():
    undated = Article(id="u", source="u", text="x", title="Undated headline")
    early = Article(id="e", source="e", text="x", title="Early headline", published="2025-03-12")
    late = Article(id="l", source="l", text="x", title="Late headline", published="2025-03-13")
    assert story_title([undated, late, early]) == "Early headline"
