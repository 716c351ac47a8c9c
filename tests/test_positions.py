"""Positions: who demands, accepts, rejects, proposes or threatens what, with every source.

The short articles below go through the real annotate and crosscheck stages (spaCy, entity
resolution, quote attribution) before ``find_positions`` reads them.
"""

from __future__ import annotations

import pytest

from conftest import DEMO_STORY
from storyline.annotate import annotate
from storyline.crosscheck import analyse_story
from storyline.crosscheck.positions import find_positions
from storyline.model import Article, Position, Story


def _positions(nlp, *texts: str, embedder=None) -> list[Position]:
    articles = [
        Article(id=f"a{number}", source=f"a{number}.txt", text=text, published="2025-03-13")
        for number, text in enumerate(texts)
    ]
    annotations = {notes.article_id: notes for notes in annotate(nlp, articles)}
    story = Story(id="s", title="test", article_ids=[a.id for a in articles])
    analysis = analyse_story(story, articles, annotations)
    found = find_positions(articles, annotations, analysis.quotes, analysis.entities, nlp, embedder=embedder)
    by_id = {a.id: a for a in articles}
    for position in found:  # every source points at the article's own characters
        for span in position.sources:
            assert by_id[span.article_id].text[span.start : span.end] == span.text
    return found


def _summary(positions: list[Position]) -> set[tuple[str, str, str]]:
    return {(p.actor, p.stance, p.text) for p in positions}


def _one(positions: list[Position], actor: str, stance: str, words: str) -> Position:
    found = [p for p in positions if p.actor == actor and p.stance == stance and words in p.text]
    assert len(found) == 1, (actor, stance, words, _summary(positions))
    return found[0]


def test_demand_that_clause(nlp):
    found = _positions(nlp, "Russia demanded that Ukraine withdraw its troops from the Kursk region.")
    position = _one(found, "Russia", "demand", "withdraw its troops from the Kursk region")
    assert position.entity_id is not None
    assert position.sources[0].text.startswith("demanded")


def test_call_for_with_coordinated_verbs_gives_two_demands(nlp):
    found = _positions(
        nlp,
        "Russia is calling for Ukraine to abandon its push for NATO membership, and accept a nuclear-free "
        "status.",
    )
    assert _summary(found) == {
        ("Russia", "demand", "Ukraine to abandon its push for NATO membership"),
        ("Russia", "demand", "Ukraine to accept a nuclear-free status"),
    }


def test_demands_include_split_and_carried_to_the_next_sentence(nlp):
    found = _positions(
        nlp,
        "Russia’s demands include a halt to Western arms deliveries and the lifting of sanctions on its "
        "banks. The demands also include international recognition of its claims to four regions.",
    )
    for words in ("halt to Western arms deliveries", "lifting of sanctions", "recognition of its claims"):
        _one(found, "Russia", "demand", words)
    assert not any(p.stance != "demand" for p in found)


def test_seek_is_a_demand_and_wanting_not_is_a_rejection(nlp):
    found = _positions(
        nlp,
        "Kremlin officials met in Russia on Monday. Moscow seeks a long-term peace settlement. "
        "Moscow doesn’t want a temporary ceasefire.",
    )
    # Moscow stands for Russia, which the story names
    _one(found, "Russia", "demand", "long-term peace settlement")
    _one(found, "Russia", "reject", "temporary ceasefire")


def test_accept_active_and_passive(nlp):
    found = _positions(
        nlp,
        "Ukraine accepted the 30-day ceasefire proposal on Tuesday. The truce plan, reportedly backed by Poland "
        "at the talks, goes to Moscow next.",
    )
    _one(found, "Ukraine", "accept", "30-day ceasefire proposal")
    _one(found, "Poland", "accept", "truce plan")


def test_negated_accept_is_a_rejection_and_negated_reject_is_nothing(nlp):
    found = _positions(
        nlp,
        "Hungary did not accept the new sanctions package. Poland did not reject the joint patrol plan.",
    )
    _one(found, "Hungary", "reject", "new sanctions package")
    assert not [p for p in found if p.actor == "Poland"], _summary(found)


def test_reject_forms(nlp):
    found = _positions(
        nlp,
        "Germany refused to send long-range missiles to the front. "
        "Russia has firmly ruled out the deployment of foreign peacekeeping forces in Ukraine. "
        "“It is absolutely unacceptable to us that army units of other states are stationed in Ukraine,” "
        "Russian Foreign Ministry spokeswoman Maria Zakharova said. "
        "Later, Zakharova went further, rejecting “any” foreign military presence.",
    )
    _one(found, "Germany", "reject", "send long-range missiles")
    _one(found, "Russia", "reject", "deployment of foreign peacekeeping forces")
    _one(found, "Maria Zakharova", "reject", "army units of other states are stationed in Ukraine")
    presence = _one(found, "Maria Zakharova", "reject", "foreign military presence")
    assert "“" not in presence.text and presence.sources[0].text.startswith("rejecting")


def test_propose(nlp):
    found = _positions(
        nlp,
        "France proposed a summit of European leaders in Paris. Turkey offered to host the next round of "
        "talks. The U.S.-proposed truce, which the United States announced on Monday, would last 30 days.",
    )
    _one(found, "France", "propose", "summit of European leaders")
    _one(found, "Turkey", "propose", "host the next round of talks")
    truce = _one(found, "the United States", "propose", "truce")
    assert truce.text == "truce" and truce.sources[0].text == "The U.S.-proposed truce"


def test_threaten_and_warn(nlp):
    found = _positions(
        nlp,
        "Donald Trump threatened sanctions unless Russia joins the talks. "
        "Trump also warned he would impose tariffs on Russian oil. "
        "Kaja Kallas warned against a rushed deal that ignores Ukraine’s security.",
    )
    _one(found, "Donald Trump", "threaten", "sanctions unless Russia joins the talks")
    _one(found, "Donald Trump", "threaten", "impose tariffs on Russian oil")
    _one(found, "Kaja Kallas", "reject", "rushed deal")


def test_conditions_hedges_and_accusations_are_not_positions(nlp):
    found = _positions(
        nlp,
        "Trump said he would act if Russia rejected the talks. "
        "Russia is expected to present its own set of demands. "
        "“This shows that Russia seeks to prolong the war,” Ukrainian President Volodymyr Zelensky wrote.",
    )
    assert not [p for p in found if p.actor == "Russia"], _summary(found)


def test_questions_refusals_phrasal_verbs_and_others_calls_are_not_positions(nlp):
    found = _positions(
        nlp,
        "But has Donald Trump called for lower taxes on his own hotels? "
        "Emmanuel Macron declined to threaten Moscow with new tariffs. "
        "Keir Starmer backed off some of his early plans for the fuel duty. "
        "Olaf Scholz sounded a call for Germany to take in more Ukrainian refugees. "
        "The footage contradicts the army’s earlier claim that the driver had refused to stop at the "
        "checkpoint.",
    )
    assert _summary(found) == set()


def test_vow_threatens_only_with_force(nlp):
    found = _positions(
        nlp,
        "Vladimir Putin vowed to retaliate against any strike on Russian soil. "
        "Vladimir Putin also vowed to cut taxes for small firms.",
    )
    assert _summary(found) == {("Vladimir Putin", "threaten", "retaliate against any strike on Russian soil")}


def test_head_conjuncts_split_but_not_what_is_contrasted(nlp):
    found = _positions(
        nlp,
        "Donald Tusk called for fair wages and relief for young families. Russia seeks a long-term peace settlement rather than a temporary cessation of "
        "hostilities.",
    )
    demands = {p.text for p in found if p.stance == "demand"}
    assert "a long-term peace settlement" in demands
    assert not any("cessation" in text for text in demands)
    assert {"fair wages", "relief for young families"} <= demands, demands


def test_pronoun_speaker_through_quote_attribution(nlp):
    found = _positions(
        nlp,
        "Kremlin aide Yuri Ushakov spoke to state television on Thursday. "
        "He warned against any “hasty” ceasefire deal, saying, “It will be necessary to work on it.”",
    )
    position = _one(found, "Yuri Ushakov", "reject", "hasty ceasefire deal")
    assert position.text == "any hasty ceasefire deal"


def test_same_position_in_two_outlets_is_merged(nlp):
    found = _positions(
        nlp,
        "Ukraine accepted the ceasefire proposal during talks in Jeddah.",
        "Kyiv has already accepted the US ceasefire proposal, officials said. Ukraine wants peace.",
    )
    position = _one(found, "Ukraine", "accept", "ceasefire proposal")
    assert {s.article_id for s in position.sources} == {"a0", "a1"}


@pytest.mark.slow
def test_embedder_merges_differently_worded_positions(nlp):
    from storyline.stories import default_embedder

    texts = (
        "Yuri Ushakov warned against a rushed ceasefire that does not consider Russia’s security concerns.",
        "Yuri Ushakov warned against any hasty ceasefire deal that does not account for Moscow’s interests.",
    )
    apart = [p for p in _positions(nlp, *texts) if p.actor == "Yuri Ushakov"]
    assert len(apart) == 2, _summary(apart)
    merged = [p for p in _positions(nlp, *texts, embedder=default_embedder()) if p.actor == "Yuri Ushakov"]
    assert len(merged) == 1 and len(merged[0].sources) == 2, _summary(merged)


@pytest.fixture(scope="module")
def demo_positions(nlp, tmp_path_factory):
    from storyline import pipeline
    from storyline.store import Store

    store = Store.open(tmp_path_factory.mktemp("positions") / "demo.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    [story] = store.stories()
    articles = store.articles(story.article_ids)
    annotations = store.annotations(story.article_ids)
    store.close()
    analysis = analyse_story(story, articles, annotations)
    found = find_positions(articles, annotations, analysis.quotes, analysis.entities, nlp)
    by_id = {a.id: a for a in articles}
    for position in found:
        for span in position.sources:
            assert by_id[span.article_id].text[span.start : span.end] == span.text
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "words", ["NATO membership", "nuclear-free status", "foreign troops", "four Ukrainian territories"]
)
def test_demo_russia_demands(demo_positions, words):
    _one(demo_positions, "Russia", "demand", words)


@pytest.mark.slow
def test_demo_zakharova_rejects_foreign_military_presence(demo_positions):
    rejected = [p for p in demo_positions if p.actor == "Maria Zakharova" and p.stance == "reject"]
    assert any("foreign military presence" in p.text for p in rejected), _summary(rejected)
    # her two quotes in two outlets, read as one position
    assert any(len({s.article_id for s in p.sources}) == 2 for p in rejected), _summary(rejected)


@pytest.mark.slow
def test_demo_ukraine_accepts_the_ceasefire(demo_positions):
    accepted = [p for p in demo_positions if p.actor == "Ukraine" and p.stance == "accept"]
    assert len(accepted) == 1, _summary(accepted)
    assert "ceasefire" in accepted[0].text
    assert len({s.article_id for s in accepted[0].sources}) == 4  # every outlet reports it


@pytest.mark.slow
def test_demo_no_accusation_read_as_russia_position(demo_positions):
    # Zelensky's "Russia seeks to prolong the war" is his charge, not a position Russia takes
    assert not any("prolong the war" in p.text for p in demo_positions)
    assert not any(p.actor == "Russia" and p.stance == "accept" for p in demo_positions)
