"""Annotate: entities with the ruler, quote spans, quote kinds and speakers, TIMEX3 values."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate import annotate
from storyline.annotate.quote_spans import find_quote_spans
from storyline.annotate.times import duration, normalise
from storyline.model import Article

THURSDAY = date(2025, 3, 13)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Wednesday", "2025-03-12", "DATE"),
        ("Thursday", "2025-03-13", "DATE"),
        ("on Monday", "2025-03-10", "DATE"),
        ("next Monday", "2025-03-17", "DATE"),
        ("last Thursday", "2025-03-06", "DATE"),
        ("Thursday night", "2025-03-13TNI", "TIME"),
        ("last August", "2024-08", "DATE"),
        ("last March", "2024-03", "DATE"),
        ("January", "2025-01", "DATE"),
        ("earlier this week", "2025-W11", "DATE"),
        ("last week", "2025-W10", "DATE"),
        ("Feb. 28", "2025-02-28", "DATE"),
        ("February 28", "2025-02-28", "DATE"),
        ("Dec. 30", "2024-12-30", "DATE"),
        ("Feb. 2022", "2022-02", "DATE"),
        ("March 13, 2025", "2025-03-13", "DATE"),
        ("2014", "2014", "DATE"),
        ("the 1990s", "199", "DATE"),
        ("yesterday", "2025-03-12", "DATE"),
        ("today", "2025-03-13", "DATE"),
        ("now", "PRESENT_REF", "DATE"),
        ("currently", "PRESENT_REF", "DATE"),
        ("two days ago", "2025-03-11", "DATE"),
        ("30-day", "P30D", "DURATION"),
        ("three-year", "P3Y", "DURATION"),
        ("three years", "P3Y", "DURATION"),
        ("24 hours", "PT24H", "DURATION"),
        ("six months", "P6M", "DURATION"),
        ("weeks", "PXW", "DURATION"),
    ],
)
def test_normalise_against_a_thursday(text, value, kind):
    assert normalise(text, THURSDAY) == (value, kind)


def test_relative_expressions_need_an_anchor():
    assert normalise("Wednesday", None) == (None, "DATE")
    assert normalise("last August", None) == (None, "DATE")
    assert normalise("Feb. 2022", None) == ("2022-02", "DATE")
    assert normalise("30-day", None) == ("P30D", "DURATION")


def test_duration_shapes():
    assert duration("a decade") == "P1DE"
    assert duration("several weeks") == "PXW"
    assert duration("nothing here") is None


def _spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_quote_marks_of_every_kind():
    text = 'He said “one two,” then "three four" and «five six» and ‘seven eight’; Ukraine’s troops’ gear stayed.'
    assert _spans(text) == ["one two,", "three four", "five six", "seven eight"]


def test_quote_over_several_paragraphs_and_unclosed_marks():
    text = "“First part of it.\n\n“Second part,” she said.\n\nAn “unclosed mark here.\n\nNext paragraph."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First part of it.\n\n“Second part,"]
    assert spans[0].paragraphs == 2


def _annotate(nlp, text: str, published: str | None = "2025-03-13"):
    [notes] = list(annotate(nlp, [Article(id="a", source="a", text=text, published=published)]))
    return notes


def test_entity_ruler_types_the_places_the_model_gets_wrong(nlp):
    notes = _annotate(
        nlp, "Russia said it had retaken Sudzha in the Kursk region, threatening Kyiv’s bargaining chip."
    )
    labels = {m.text: m.label for m in notes.mentions}
    assert labels["Sudzha"] == "GPE" and labels["Kursk"] == "GPE" and labels["Kyiv"] == "GPE"


def test_possessives_are_trimmed_from_mentions(nlp):
    notes = _annotate(
        nlp, "US President Donald Trump said the ball is in Russian President Vladimir Putin’s court."
    )
    assert "Vladimir Putin" in {m.text for m in notes.mentions}


def test_speakers_surname_pronoun_descriptor_and_continuation(nlp):
    text = (
        "Kremlin spokesman Dmitry Peskov spoke to reporters on Thursday.\n\n"
        "“We are waiting for details,” Peskov said.\n\n"
        "“Nothing is agreed yet.”\n\n"
        "He later added: “The talks will go on.”\n\n"
        "When Secretary of State Marco Rubio was asked about troops, the top US diplomat responded: “We will see.”\n\n"
        "The minister described the plan as “very premature.”"
    )
    notes = _annotate(nlp, text)
    by_text = {q.text: q for q in notes.quotes}
    assert by_text["We are waiting for details,"].speaker.name == "Dmitry Peskov"
    assert by_text["We are waiting for details,"].cue == "said"
    assert by_text["Nothing is agreed yet."].speaker.name == "Dmitry Peskov"  # continues the last speaker
    assert by_text["The talks will go on."].speaker.name == "Dmitry Peskov"  # "He"
    rubio = by_text["We will see."]
    assert rubio.speaker.name == "Marco Rubio" and rubio.speaker.text == "the top US diplomat"
    assert by_text["very premature."].kind == "mixed"
    assert by_text["We will see."].kind == "direct"
    for quote in notes.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_according_to_and_unknown_speakers(nlp):
    text = "“The ceasefire is holding,” according to Ivan Petrenko, a local official.\n\n“They will be back,” they said."
    notes = _annotate(nlp, text)
    by_text = {q.text: q for q in notes.quotes}
    assert by_text["The ceasefire is holding,"].speaker.name == "Ivan Petrenko"
    assert by_text["The ceasefire is holding,"].cue == "according to"
    assert by_text["They will be back,"].speaker is None  # "they": unknown rather than wrong


def test_times_in_a_dated_article(nlp):
    text = "On Wednesday the envoy flew in, and on Thursday night he met officials, after talks earlier this week."
    values = {t.text: t.value for t in _annotate(nlp, text).times}
    assert values["Wednesday"] == "2025-03-12"
    assert values.get("Thursday night") == "2025-03-13TNI"
    assert values["earlier this week"] == "2025-W11"


def test_a_plural_descriptor_is_a_group_not_a_person(nlp):
    text = "Mayor Anna Berg opened the bridge.\n\nLocal residents said: “We waited ten years for this.”"
    [quote] = _annotate(nlp, text).quotes
    assert quote.speaker is not None
    assert quote.speaker.label == "GROUP" and quote.speaker.name == "Local residents"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Protesters chanted “Stop the war” outside the embassy.", "direct"),  # an imperative is a clause
        ("She urged them to “act now” before the vote.", "mixed"),  # an infinitive fills her sentence
        ("He called the plan “very premature.”", "mixed"),
    ],
)
def test_imperatives_are_full_quotes_infinitives_are_not(nlp, text, kind):
    # the sentence around a phrase in marks may also be reported speech ("urged them to ..."): kind
    # is asked of the quotation itself
    [quote] = [q for q in _annotate(nlp, text).quotes if q.kind != "indirect"]
    assert quote.kind == kind


def test_a_block_quote_introduced_by_the_paragraph_before(nlp):
    text = (
        "The talks in Jeddah ended late on Tuesday.\n\n"
        "Maria Zakharova, the foreign ministry spokeswoman, wrote on Telegram:\n\n"
        "“Any deployment of foreign troops is absolutely unacceptable to us. We have said so many times.”\n\n"
        "“The position has not changed,” she said."
    )
    notes = _annotate(nlp, text)
    block = next(q for q in notes.quotes if q.text.startswith("Any deployment"))
    assert block.cue == "wrote" and block.speaker.name == "Maria Zakharova"
    assert text[block.cue_start : block.cue_end] == "wrote"


def test_a_quote_with_its_own_attribution_keeps_it_after_a_colon_paragraph(nlp):
    text = (
        "Peskov told reporters in Moscow:\n\n"
        "“We are waiting for details,” Dmitry Peskov said, adding that nothing was agreed."
    )
    notes = _annotate(nlp, text)
    quote = next(q for q in notes.quotes if q.text.startswith("We are waiting"))
    assert quote.cue == "said"


def test_a_quote_after_a_colon_is_what_the_clause_before_introduces(nlp):
    text = (
        "The mayor, Ruth Kaplan, opened the bridge on Monday. Her rival, Paul Okafor, had doubted it.\n\n"
        "And Ms. Kaplan gloated: “I told you it would be ready by spring.”\n\n"
        "Later that night Omar Reyes killed 14 people: “We have already arrived.”"
    )
    quotes = {q.text: q for q in _annotate(nlp, text).quotes}
    gloat = quotes["I told you it would be ready by spring."]
    assert gloat.cue == "gloated" and gloat.speaker.name == "Ruth Kaplan"
    assert quotes["We have already arrived."].cue is None  # a verb with an object tells what happened


def test_a_name_modifying_a_noun_is_not_a_mention_of_the_person(nlp):
    text = (
        "Donald Trump held a rally on Monday.\n\n"
        "On Tuesday, Ana Lopez, a teacher, visited the Trump campaign office.\n\n"
        "“We are ready for the vote,” she said."
    )
    [quote] = _annotate(nlp, text).quotes
    assert quote.speaker.name == "Ana Lopez"  # not Donald Trump through "the Trump campaign"


def test_the_age_of_the_person_named_before_is_a_descriptor(nlp):
    text = "Senator Ana Molina arrived at noon.\n\nThe hall was full.\n\n“We are ready for the vote,” said the 58-year-old."
    [quote] = _annotate(nlp, text).quotes
    assert quote.speaker.name == "Ana Molina" and quote.speaker.text == "the 58-year-old"


def test_a_possessive_before_a_nominal_cue_is_the_person_named_before(nlp):
    text = (
        "“We will win,” said Tom Reyes.\n\n"
        "Paul Okafor, the council leader, was in Leeds. His call to close the old bridge before winter "
        "angered drivers."
    )
    call = next(q for q in _annotate(nlp, text).quotes if q.cue == "call")
    assert call.speaker.name == "Paul Okafor"  # not unknown, and not the last speaker


@pytest.mark.parametrize("verb", ["barked", "yelled", "retorted", "gloated", "lamented"])
def test_verbs_of_the_manner_of_speaking_are_cues(nlp, verb):
    text = f"“Go back to your seat,” Mayor Ruth Kaplan {verb}, and a guard led the man out."
    [quote] = _annotate(nlp, text).quotes
    assert quote.cue == verb and quote.speaker.name == "Ruth Kaplan"


def test_a_quote_attributed_in_a_sentence_of_its_own_with_a_title_and_party(nlp):
    # the parser splits '“...”' and 'Rep. Ann Doyle (D-Ore.) said.' into two sentences; punctuation
    # makes the second longer, not less of a bare attribution
    text = (
        "Few members spoke to reporters after the meeting. “He told us that ‘the bridge will open by spring, "
        "and I will be there to cut the ribbon myself,’” Rep. Ann Doyle (D-Ore.) said.\n"
        "Rep. Tom Hale (R-Idaho) said the governor reassured them that the money was safe."
    )
    quote = next(q for q in _annotate(nlp, text).quotes if q.text.startswith("He told us"))
    assert quote.cue == "said" and quote.speaker.name == "Ann Doyle"


def test_he_said_between_the_halves_of_a_quote(nlp):
    text = "Tom Reyes defended the cuts. “This, regrettably,” he said, “is the price of a small budget.”"
    halves = [q for q in _annotate(nlp, text).quotes if q.cue == "said"]
    assert [q.speaker.name for q in halves] == ["Tom Reyes", "Tom Reyes"]  # not the quoted "This"


def test_a_cue_inside_an_earlier_quotation_is_not_the_next_quotes_cue(nlp):
    # the second quote runs over two sentences, so no verb above it in the parse; the nearest speech
    # verb is the "suggest" quoted before it, which is not the writer's cue
    text = (
        "Analyst Ole Brandt of Nordbank, the largest private bank in the region, warned that while "
        "''logic would suggest that a crisis strengthens the case for closer ties,'' the crisis ''may "
        "trigger a rush to get further away from the capital and its agencies especially among those who "
        "are already wary of it. Sad as it is, there is some risk that the crisis may end up strengthening "
        "the other camp.''"
    )
    quotes = _annotate(nlp, text).quotes
    assert [q.cue for q in quotes] == ["warned", "warned"]
    assert [q.speaker.name for q in quotes] == ["Ole Brandt", "Ole Brandt"]


def test_a_cue_the_parser_made_the_subject_of_its_quote_is_not_its_own_speaker():
    import spacy
    from spacy.tokens import Doc, Span

    from storyline.annotate.quotes import _subject

    # 'Zed shared the news, writing "Feels great ..."' as the small model sometimes parses it: the
    # participle is the subject of the quote's first verb, which hangs on "shared"
    words = ["Zed", "shared", "the", "news", ",", "writing", "“", "Feels", "great", ".", "”"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        deps=["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "punct", "conj", "acomp", "punct", "punct"],
        heads=[1, 1, 3, 1, 1, 7, 7, 1, 7, 1, 1],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "PUNCT", "VERB", "ADJ", "PUNCT", "PUNCT"],
    )
    doc.ents = [Span(doc, 0, 1, "PERSON")]
    assert _subject(doc[5]).text == "Zed"


@pytest.mark.parametrize("cue", ["retaliated", "shot back", "hit back"])
def test_a_retort_is_a_cue(nlp, cue):
    text = f"The council met on Monday.\n\n“We will not pay for the bridge,” Mayor Ann Lund {cue}."
    [quote] = _annotate(nlp, text).quotes
    assert quote.cue == cue.split()[0] and quote.speaker.name == "Ann Lund"


def test_a_participle_hung_inside_its_quote_is_said_by_the_sentences_subject(nlp):
    # the parser hangs "telling" on a verb of the quote, whose subject is the quote's "you"
    text = (
        "Senator Ruth Kaplan arrived late. Kaplan seemed to be ready to riff on the incident in Iowa, telling "
        "the crowd, “Some people get a little carried away, have you noticed that?”"
    )
    quote = next(q for q in _annotate(nlp, text).quotes if q.kind == "direct")
    assert quote.cue == "telling" and quote.speaker.name == "Ruth Kaplan"


@pytest.mark.parametrize(
    "text",
    [  # the model reads "Said Hale" as one name; the parser reads "Said" as part of "Said Hale"
        "Tom Hale, an economist, studied the plan. It would make the code more complicated. ",
        "The plan would make the code more complicated, said Tom Hale, an economist. ",
    ],
)
def test_a_cue_opening_its_sentence_is_said_by_the_name_after_it(nlp, text):
    text += "Said Hale: “I don’t get the sense the mayor is the least bit interested in reform.”"
    [quote] = [q for q in _annotate(nlp, text).quotes if q.kind == "direct"]
    assert quote.cue == "Said" and quote.speaker.name == "Tom Hale" and quote.speaker.text == "Hale"


def test_a_tycoon_is_the_person_named_before(nlp):
    text = (
        "Top Republican donor Sam Adler said on Friday he had met the senator.\n\n"
        "“It was very nice,” the gambling tycoon told Reuters in a rare interview."
    )
    quote = next(q for q in _annotate(nlp, text).quotes if q.kind == "direct")
    assert quote.speaker.name == "Sam Adler"  # not an organisation called "gambling tycoon"


def test_a_descriptor_does_not_stand_for_someone_of_the_other_gender(nlp):
    text = (
        "At a town hall meeting in Salem, a young woman asked Mr. Tom Hale about the new tolls, which he had "
        "promised to cut.\n\n“You said the tolls would fall,” the woman said. “Why are they higher?”"
    )
    quotes = [q for q in _annotate(nlp, text).quotes if q.kind == "direct"]
    assert [q.speaker.name for q in quotes] == ["woman", "woman"]  # not Mr. Hale
