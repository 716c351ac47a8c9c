"""Exact and near-duplicate detection on real texts.

The wire copies are made from a demo article the way outlets republish an agency story: their
own header and footer, a changed paragraph, a cut ending. The demo articles themselves are four
outlets' own reports of one event and must stay apart; so must ECB+ reports of one event by
different outlets, while the agency copies ECB+ itself holds (CC BY 3.0, read from
../shared/data at run time) are linked.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from storyline.dedup import (
    MIN_SHINGLES,
    DuplicateIndex,
    Signature,
    is_copy,
    make_signature,
    overlap,
    signature,
    words,
)
from storyline.extract import extract
from storyline.model import Article, RawDocument

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
DEMO = REPO / "examples" / "ceasefire-2025-03"
ECBPLUS = REPO.parent / "shared" / "data" / "ecbplus" / "ECB+"


def _demo_texts() -> list[str]:
    """The demo articles as the extract stage leaves them (dedup runs after extract)."""
    folder = SEEDS if SEEDS.is_dir() else DEMO
    texts = []
    for path in sorted(folder.glob("*.txt")):
        article = extract(RawDocument(source=str(path), content=path.read_bytes(), kind="text"))
        assert isinstance(article, Article)
        texts.append(article.text)
    if len(texts) < 4:
        pytest.skip(f"the four demo articles are not in {SEEDS} or {DEMO}")
    return texts


@pytest.fixture(scope="module")
def demo() -> list[str]:
    return _demo_texts()


def _republished(text: str) -> dict[str, str]:
    """One agency story as three outlets print it."""
    paragraphs = text.split("\n\n")
    edited = list(paragraphs)
    edited[3] = (
        "In a separate statement on Thursday, the Kremlin said contacts with Washington would continue "
        "next week and that no decision on the proposal had been taken yet."
    )
    return {
        "herald": "ALSO READ: Markets slip as investors weigh tariff threats\n\n"
        + text
        + "\n\nCopyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",
        "courier": "MOSCOW (AP) — "
        + "\n\n".join(edited)
        + "\n\nRelated Posts\n\nSign up for our morning newsletter to get the top stories in your inbox.",
        "gazette": "\n\n".join(paragraphs[:-3])
        + "\n\nContributing: Associated Press staff in Kyiv and Moscow.",
    }


def test_outlets_own_reports_of_one_event_stay_apart(demo):
    index = DuplicateIndex()
    assert [index.add(f"seed{i}", text) for i, text in enumerate(demo)] == [None] * len(demo)
    for first, second in itertools.combinations(demo, 2):
        jaccard, contained = overlap(make_signature(first), make_signature(second))
        assert jaccard < 0.05 and contained < 0.1  # shared quotes and names, few shared runs of five words


def test_wire_copies_are_linked_to_the_first_arrival(demo):
    index = DuplicateIndex()
    for i, text in enumerate(demo):
        index.add(f"seed{i}", text)
    copies = _republished(demo[0])
    assert {name: index.add(name, text) for name, text in copies.items()} == {
        "herald": "seed0",
        "courier": "seed0",
        "gazette": "seed0",
    }
    assert index.duplicate_of("seed0") is None  # the first arrival is the original


def test_copies_chain_to_the_root_original(demo):
    """A copy matched only through another copy still points at the first arrival."""
    copies = _republished(demo[0])
    index = DuplicateIndex()
    assert index.add("herald", copies["herald"]) is None  # the herald's print arrived first
    assert index.add("courier", copies["courier"]) == "herald"
    # The courier's edited version, edited again: closest to the courier, linked to the root.
    reedit = copies["courier"].replace("next week", "within days").replace("Related Posts", "More stories")
    assert index.add("reedit", reedit) == "herald"
    assert index.add("seed0", demo[0]) == "herald"  # the bare story, arriving after its copies


def test_excerpt_is_a_copy_but_a_page_holding_much_more_is_not(demo):
    story, other = demo[0], demo[1]
    paragraphs = story.split("\n\n")
    excerpt = "From our wire desk.\n\n" + "\n\n".join(paragraphs[: len(paragraphs) // 2])
    live_blog = story + "\n\n" + other  # the story quoted whole inside a page with as much again
    index = DuplicateIndex()
    index.add("story", story)
    assert index.add("excerpt", excerpt) == "story"
    assert index.add("live-blog", live_blog) is None  # most of the blog is its own
    later = DuplicateIndex()
    later.add("live-blog", live_blog)
    assert later.add("story", story) == "live-blog"  # the story itself is all in the blog


def test_exact_copy_up_to_case_spacing_and_punctuation():
    text = "Talks resumed on Monday.  The envoy said: “progress was made”, and left for Riyadh."
    same = "talks resumed on monday the envoy said progress was made and left for riyadh"
    index = DuplicateIndex()
    assert index.add("a", text) is None
    assert index.add("b", same) == "a"  # short, but exact: linked
    assert (
        index.add("c", "Talks resumed on Tuesday. The envoy said progress was made.") is None
    )  # short, near


def test_short_texts_are_never_near_duplicates():
    base = " ".join(f"word{i}" for i in range(MIN_SHINGLES + 1))  # 21 words make 17 five-word shingles
    a, b = make_signature(base), make_signature(base + " extra")
    assert a.shingles < MIN_SHINGLES and not is_copy(b, a)


def test_empty_text_is_nobodys_copy():
    index = DuplicateIndex()
    assert index.add("a", "") is None and index.add("b", "  —  ") is None


def test_same_article_twice_changes_nothing(demo):
    index = DuplicateIndex()
    index.add("seed0", demo[0])
    copy = _republished(demo[0])["herald"]
    assert index.add("herald", copy) == "seed0"
    assert index.add("herald", copy) == "seed0" and len(index) == 2
    assert index.add("seed0", demo[0]) is None


def test_chinese_copies_are_compared_by_characters():
    assert words("乌克兰同意停火。Kyiv 同意") == [
        "乌",
        "克",
        "兰",
        "同",
        "意",
        "停",
        "火",
        "kyiv",
        "同",
        "意",
    ]
    story = (
        "乌克兰已同意美国提出的为期三十天的停火建议。克里姆林宫周四表示，将在答复华盛顿之前仔细研究这一计划。"
        "美国特使本周前往莫斯科，与俄罗斯官员会面并讨论停火的具体安排。"
    )
    index = DuplicateIndex()
    index.add("xinhua", story)
    assert index.add("copy", "【本报讯】" + story + "（责任编辑：王明）") == "xinhua"
    other = "俄罗斯总统助理表示，三十天的临时停火对俄罗斯没有任何好处，只会让乌克兰获得喘息的机会。"
    assert index.add("other", other) is None


def test_signature_round_trip_and_index_rebuilt_from_the_store(demo):
    """The store keeps each article's signature and link; a new index from them answers the same."""
    blob = signature(demo[0])
    assert Signature.from_bytes(blob).to_bytes() == blob
    copies = _republished(demo[0])
    first = DuplicateIndex()
    stored = []
    for article_id, text in [("seed0", demo[0]), ("seed1", demo[1]), ("herald", copies["herald"])]:
        sig = signature(text)
        stored.append((article_id, sig, first.add_signature(article_id, sig)))
    assert stored[-1][2] == "seed0"
    rebuilt = DuplicateIndex()
    for article_id, sig, duplicate_of in stored:
        rebuilt.restore(article_id, sig, duplicate_of)
    assert rebuilt.duplicate_of("herald") == "seed0"
    assert rebuilt.signature_of("seed1") == stored[1][1]
    assert rebuilt.add("courier", copies["courier"]) == first.add("courier", copies["courier"]) == "seed0"


@pytest.mark.parametrize(
    "blob", [b"", b"SLM2", signature("one two three four five six")[:-4], b"XXXX" + bytes(40)]
)
def test_bad_signature_is_refused(blob):
    with pytest.raises(ValueError):
        Signature.from_bytes(blob)


def test_ecbplus_agency_copies_linked_and_other_outlets_apart():
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ is not in {ECBPLUS}")
    from storyline.eval.ecbplus import iter_documents

    documents = [d for d in iter_documents(ECBPLUS, topics={22, 29}) if d.text.strip()]
    index = DuplicateIndex()
    links = {d.name: index.add(d.name, d.text) for d in documents}
    linked = {name: original for name, original in links.items() if original}
    # Both verified by reading them: the same AP story, one with its dateline and headline changed.
    assert linked.get("22_14ecbplus") == "22_12ecbplus"
    assert {linked.get("29_5ecbplus"), linked.get("29_9ecbplus")} == {"29_1ecbplus"}
    by_name = {d.name: d for d in documents}
    for name, original in linked.items():
        assert by_name[name].story == by_name[original].story  # never across two different events
    assert len(linked) <= len(documents) // 4  # most reports are the outlets' own
