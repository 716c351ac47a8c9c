"""Entity resolution inside a story: name variants become one entity named in full."""

from __future__ import annotations

from storyline.crosscheck import analyse_story, canonical_name
from storyline.crosscheck.names import parse_person, same_person
from storyline.model import Annotations, Article, Mention, Quote, Speaker, Story


def _same(a: str, b: str) -> bool:
    first, second = parse_person(a), parse_person(b)
    assert first and second
    return same_person(first, second)


def test_transliterations_short_forms_and_surnames_match():
    assert _same("Volodymyr Zelensky", "Volodymyr Zelenskyy")
    assert _same("Yuri Ushakov", "Yuriy Ushakov")
    assert _same("Mike Waltz", "Michael Waltz")
    assert _same("Ushakov", "Yuri Ushakov")
    assert _same("Putin’s", "Vladimir Putin")
    assert _same("President Donald Trump", "Trump")


def test_different_people_do_not_match():
    assert not _same("Donald Trump", "Melania Trump")
    assert not _same("Steve Witkoff", "Mike Waltz")
    assert not _same("Dmitry Peskov", "Maria Zakharova")


def test_canonical_name_prefers_full_and_formal_forms():
    from collections import Counter

    assert canonical_name(Counter({"Ushakov": 5, "Yuri Ushakov": 2, "Yuriy Ushakov": 1})) == "Yuri Ushakov"
    assert canonical_name(Counter({"Mike Waltz": 2, "Michael Waltz": 1})) == "Michael Waltz"


def _article(article_id: str, text: str, names: list[tuple[str, str]]) -> tuple[Article, Annotations]:
    mentions = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name, label))
    return Article(id=article_id, source=article_id, text=text), Annotations(article_id, mentions=mentions)


def test_story_entities_merge_variants_and_link_speakers():
    a1, n1 = _article(
        "a1",
        "Yuri Ushakov met Mike Waltz in Kyiv.",
        [("Yuri Ushakov", "PERSON"), ("Mike Waltz", "PERSON"), ("Kyiv", "GPE")],
    )
    a0, n0 = _article("a0", "Yuri Ushakov spoke.", [("Yuri Ushakov", "PERSON")])  # the most used spelling
    text = "Kremlin aide Yuriy Ushakov spoke to Michael Waltz. “No,” Ushakov said in Kiev."
    a2, n2 = _article(
        "a2",
        text,
        [("Yuriy Ushakov", "PERSON"), ("Michael Waltz", "PERSON"), ("Ushakov", "PERSON"), ("Kiev", "GPE")],
    )
    start = text.index("No")
    speaker_start = text.index("Ushakov said")
    speaker = Speaker(speaker_start, speaker_start + 7, "Ushakov", "Yuriy Ushakov")
    n2.quotes = [Quote(start, start + 2, "No", "direct", "said", speaker=speaker)]
    analysis = analyse_story(
        Story("s", "t", ["a0", "a1", "a2"]), [a0, a1, a2], {"a0": n0, "a1": n1, "a2": n2}
    )
    by_name = {e.name: e for e in analysis.entities}
    assert set(by_name) == {"Yuri Ushakov", "Michael Waltz", "Kyiv"}
    assert set(by_name["Yuri Ushakov"].aliases) == {"Yuriy Ushakov", "Ushakov"}
    assert len(by_name["Yuri Ushakov"].mentions) == 4
    assert by_name["Kyiv"].aliases == ["Kiev"]
    for entity in analysis.entities:
        for span in entity.mentions:
            source = {"a0": a0, "a1": a1, "a2": a2}[span.article_id]
            assert source.text[span.start : span.end] == span.text
    [quote] = analysis.quotes
    assert quote.speaker_name == "Yuri Ushakov" and quote.speaker_entity_id == by_name["Yuri Ushakov"].id


def test_a_descriptor_the_article_left_unnamed_is_the_person_the_story_describes_so():
    a1, n1 = _article("a1", "Top Kremlin aide Yuri Ushakov met Mike Waltz.", [("Yuri Ushakov", "PERSON")])
    n1.mentions[0].descriptor = "Top Kremlin aide"
    text = "• Top Kremlin aide warned against a hasty truce. • A source said talks would go on."
    a2, n2 = _article("a2", text, [])
    quotes = []
    for said, content in [("Top Kremlin aide", "a hasty truce"), ("A source", "talks would go on")]:
        start, content_start = text.index(said), text.index(content)
        speaker = Speaker(start, start + len(said), said, said.split(" ", 1)[-1] if said[0] == "A" else said)
        quotes.append(Quote(content_start, content_start + len(content), content, "indirect", speaker=speaker))
    n2.quotes = quotes
    analysis = analyse_story(Story("s", "t", ["a1", "a2"]), [a1, a2], {"a1": n1, "a2": n2})
    ushakov = next(e for e in analysis.entities if e.name == "Yuri Ushakov")
    aide, source = sorted(analysis.quotes, key=lambda q: q.quote.start)
    assert aide.speaker_entity_id == ushakov.id and aide.speaker_name == "Yuri Ushakov"
    assert source.speaker_entity_id is None and source.speaker_name == "source"  # unnamed stays unnamed


def test_a_capital_that_speaks_is_the_city_the_story_names_not_a_dateline_taken_for_an_organisation():
    text = "MOSCOW: Talks began in Moscow. Moscow rejected the plan. Envoys left Moscow."
    mentions = [Mention(0, 6, "MOSCOW", "ORG")]
    mentions += [Mention(i, i + 6, "Moscow", "GPE") for i in (text.index("in Moscow") + 3, 31, text.index("left Moscow") + 5)]
    notes = Annotations("a1", mentions=mentions)
    start = text.index("the plan")
    notes.quotes = [Quote(start, start + 8, "the plan", "indirect", speaker=Speaker(31, 37, "Moscow", "Moscow", "ORG"))]
    article = Article(id="a1", source="a1", text=text)
    analysis = analyse_story(Story("s", "t", ["a1"]), [article], {"a1": notes})
    city = next(e for e in analysis.entities if e.name == "Moscow")
    [quote] = analysis.quotes
    assert quote.speaker_entity_id == city.id and quote.speaker_name == "Moscow"


def test_same_statement_in_two_translations_but_not_a_shared_word():
    from storyline.crosscheck.quote_groups import same_statement

    assert same_statement(
        "I stated our position that this is nothing other than a temporary respite for the Ukrainian military",
        "(I) outlined our position that this is nothing more than a temporary respite for the Ukrainian military",
    )
    assert same_statement(
        "long-term peaceful settlement", "We believe that our goal is a long-term peaceful settlement."
    )
    assert not same_statement("hasty actions", "hasty")  # one shared word is a coincidence
    assert not same_statement(
        "It only gives the Ukrainians the opportunity to regroup",
        "the Americans and we think that there can be no talk about NATO in the context of the Ukrainian settlement",
    )


def _resolved(article_id: str, text: str, kind: str = "direct", speaker: str = "ushakov"):
    from storyline.model import ResolvedQuote

    quote = Quote(start=0, end=len(text), text=text, kind=kind)  # type: ignore[arg-type]
    return ResolvedQuote(id=f"{article_id}:{text[:12]}", article_id=article_id, quote=quote, speaker_entity_id=speaker)


RESPITE_A = "I stated our position that this is nothing other than a temporary respite for the Ukrainian military"
RESPITE_B = "(I) outlined our position that this is nothing more than a temporary respite for the Ukrainian military"
SETTLEMENT_A = (
    "A peaceful settlement that takes into account the legitimate interests of our country"
    " - that is what we are striving for"
)
SETTLEMENT_B = "We believe that our goal is a long-term peaceful settlement. That is what we are striving for."
COMPOUND = "Moscow seeks a long-term peaceful settlement and that a temporary truce is a respite for the Ukrainian military"


def test_reported_speech_joins_one_statement_and_never_bridges_two(embedder):
    from storyline.crosscheck.quote_groups import group_quotes

    quotes = [
        _resolved("002", RESPITE_A),
        _resolved("004", RESPITE_B),
        _resolved("002", SETTLEMENT_A),
        _resolved("004", SETTLEMENT_B),
        _resolved("001", COMPOUND, kind="indirect"),
        _resolved("001", "any hasty ceasefire deal that does not account for Moscow's interests", kind="indirect"),
    ]
    group_quotes(quotes, embedder)
    respite, _, settlement, _, compound, hasty = (q.group_id for q in quotes)
    assert respite and settlement and respite != settlement  # two statements stay two groups
    assert quotes[1].group_id == respite and quotes[3].group_id == settlement
    assert compound in {respite, settlement}  # joined one of its two statements, bridged neither
    assert hasty is None  # the same topic ("ceasefire") is not the same statement


def test_quotes_of_other_speakers_or_weeks_apart_are_not_one_statement(embedder):
    from storyline.crosscheck.quote_groups import group_quotes

    other_speaker = [_resolved("a", RESPITE_A), _resolved("b", RESPITE_B, speaker="peskov")]
    group_quotes(other_speaker, embedder)
    assert [q.group_id for q in other_speaker] == [None, None]
    weeks_apart = [_resolved("a", RESPITE_A), _resolved("b", RESPITE_B)]
    group_quotes(weeks_apart, embedder, {"a": "2025-03-13", "b": "2025-04-20"})
    assert [q.group_id for q in weeks_apart] == [None, None]
    days_apart = [_resolved("a", RESPITE_A), _resolved("b", RESPITE_B)]
    group_quotes(days_apart, embedder, {"a": "2025-03-13", "b": "2025-03-15"})
    assert days_apart[0].group_id and days_apart[0].group_id == days_apart[1].group_id
