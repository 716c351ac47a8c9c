"""Reported speech: statements without quotation marks, with their cue and speaker, as exact spans."""

from __future__ import annotations

import pytest

from storyline.annotate import annotate
from storyline.model import Article


def _quotes(nlp, text: str):
    [notes] = list(annotate(nlp, [Article(id="a", source="a", text=text, published="2025-03-13")]))
    for quote in notes.quotes:  # every span is exact characters of the text
        assert text[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    return notes.quotes


def _only(nlp, text: str):
    quotes = [q for q in _quotes(nlp, text) if q.kind == "indirect"]
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def test_said_with_a_clause_is_indirect_speech(nlp):
    quote = _only(nlp, "Ushakov said a temporary truce is a respite for the Ukrainian military.")
    assert quote.text == "a temporary truce is a respite for the Ukrainian military"
    assert (quote.kind, quote.cue, quote.speaker.name) == ("indirect", "said", "Ushakov")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mayor Ann Doyle made it clear that the library would stay open.", "the library would stay open"),
        ("Mayor Ann Doyle made clear she would not sign the budget.", "she would not sign the budget"),
        ("Mayor Ann Doyle made it very clear to reporters that she had their backs.", "she had their backs"),
    ],
)
def test_what_a_speaker_made_clear(nlp, text, content):
    quote = _only(nlp, text)
    assert quote.text == content
    assert quote.cue.startswith("made") and quote.cue.endswith("clear")
    assert quote.speaker.name == "Ann Doyle"


def test_that_clause_and_a_recipient(nlp):
    quote = _only(nlp, "Donald Trump told reporters that he was ready to meet Vladimir Putin soon.")
    assert quote.text == "he was ready to meet Vladimir Putin soon"  # neither "that" nor "reporters"
    assert quote.cue == "told" and quote.speaker.name == "Donald Trump"


def test_the_attribution_after_the_clause(nlp):
    quote = _only(nlp, "The van was diverted to a private flat on Sunday, another source said.")
    assert quote.text == "The van was diverted to a private flat on Sunday"
    assert quote.cue == "said" and quote.speaker.text == "another source"


def test_a_pronoun_speaker_is_the_person_named_before(nlp):
    text = "Kremlin aide Yuri Ushakov met the envoy on Thursday.\n\nHe said the proposal was premature."
    quote = _only(nlp, text)
    assert quote.speaker.text == "He" and quote.speaker.name == "Yuri Ushakov"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The Kremlin said on Thursday that Putin would consider the proposal.", "Kremlin", "Putin would"),
        (
            "The Russian Ministry of Defence claimed its forces had retaken Sudzha.",
            "Russian Ministry of Defence",
            "its forces had retaken Sudzha",
        ),
        ("Moscow said the talks in Riyadh had been useful.", "Moscow", "the talks in Riyadh"),
    ],
)
def test_organisations_and_capitals_speak_as_organisations(nlp, text, speaker, content):
    quote = _only(nlp, text)
    assert quote.speaker.label == "ORG" and speaker in quote.speaker.name
    assert quote.text.startswith(content)


def test_the_ministry_resolves_to_the_ministry_named_before(nlp):
    text = (
        "The Russian Ministry of Defence published a map on Wednesday.\n\n"
        "The ministry said its troops had taken two villages near Sudzha."
    )
    quote = _only(nlp, text)
    assert quote.speaker.label == "ORG" and quote.speaker.name == "Russian Ministry of Defence"


def test_according_to_without_a_speech_verb(nlp):
    quote = _only(nlp, "According to the Ukrainian general staff, the troops left Sudzha in good order.")
    assert quote.cue == "According to"
    assert quote.text == "the troops left Sudzha in good order"
    assert "general staff" in quote.speaker.text


def test_a_name_and_a_colon(nlp):
    quote = _only(nlp, "Peskov: the talks with the American delegation will go on next week.")
    assert quote.cue == ":" and quote.speaker.text == "Peskov"
    assert quote.text == "the talks with the American delegation will go on next week"


def test_a_dateline_is_not_a_speaker(nlp):
    text = "MOSCOW: A high-level US delegation arrived in Moscow on Thursday for talks with officials."
    assert [q for q in _quotes(nlp, text) if q.cue == ":"] == []
    # the parser may take the place for the verb's subject; the one who speaks is the subject after it
    text = "PHILADELPHIA — The Harbor Committee released a statement on Monday, offering an apology to the mayor."
    quotes = _quotes(nlp, text)
    assert {q.speaker.name for q in quotes} == {"The Harbor Committee"}
    assert [q.cue for q in quotes] == ["offering"]  # "a statement on Monday": when, not what


def test_a_dateline_before_a_dash_or_an_agency_is_not_a_speaker(nlp):
    text = "WASHINGTON ― The city council announced plans on Tuesday to expand the bus network across the region."
    [quote] = _quotes(nlp, text)  # the tagger may take the dash for a verb: it attributes nothing
    assert (quote.cue, quote.speaker.name) == ("announced", "city council")
    text = "New York (AFP) – Senator Ana Ruiz on Monday joined the campaign, accusing the governor of neglecting it."
    [quote] = _quotes(nlp, text)
    assert (quote.cue, quote.speaker.name) == ("accusing", "Ana Ruiz")


def test_a_dateline_with_its_date_and_agency_is_not_a_speaker():
    import spacy
    from spacy.tokens import Doc, Span

    from storyline.annotate.reported import _subject

    # "DENVER, May 2 (UPI) — Mayor Ann Ruiz told the council ..." as the small model parses it inside
    # a wire report: the place is the subject and the mayor its apposition
    words = ["DENVER", ",", "May", "2", "(", "UPI", ")", "—", "Mayor", "Ann", "Ruiz", "told", "the", "council"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        deps=["nsubj", "punct", "npadvmod", "nummod", "punct", "appos", "punct", "punct", "compound",
              "compound", "appos", "ROOT", "det", "dobj"],
        heads=[11, 0, 0, 2, 5, 0, 5, 0, 10, 10, 0, 11, 13, 11],
    )
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 2, 4, "DATE"), Span(doc, 5, 6, "ORG"), Span(doc, 9, 11, "PERSON")]
    assert _subject(doc[11]).text == "Ruiz"


def test_the_passive_with_its_agent(nlp):
    quote = _only(nlp, "It was reported by Reuters that the talks had stalled over the weekend.")
    assert quote.cue == "reported" and quote.speaker.name == "Reuters"
    assert quote.text == "the talks had stalled over the weekend"


def test_a_vow_and_an_accusation(nlp):
    vow = _only(nlp, "Putin vowed to press on with the offensive in the Kursk region.")
    assert vow.text == "to press on with the offensive in the Kursk region" and vow.speaker.name == "Putin"
    accusation = _only(nlp, "Ukraine accused Russia of stalling the ceasefire talks.")
    assert accusation.text.startswith("Russia of stalling the ceasefire") and accusation.speaker.label == "ORG"


def test_a_statement_inside_a_statement_is_not_taken_apart(nlp):
    quote = _only(nlp, "Rubio said that Lavrov had claimed the ceasefire was a trap for Russia.")
    assert quote.speaker.name == "Rubio" and quote.text.startswith("Lavrov had claimed")


def test_a_direct_quote_is_not_also_reported(nlp):
    quotes = _quotes(nlp, "“It gives us nothing,” Ushakov said on Thursday.")
    assert [(q.kind, q.text) for q in quotes] == [("direct", "It gives us nothing,")]


def test_a_mixed_quote_inside_reported_speech(nlp):
    quotes = _quotes(nlp, "Ushakov said Moscow seeks a “long-term peaceful settlement” of the conflict.")
    kinds = {q.kind: q for q in quotes}
    assert kinds["mixed"].text == "long-term peaceful settlement"
    assert kinds["indirect"].text == "Moscow seeks a “long-term peaceful settlement” of the conflict"
    assert kinds["mixed"].cue_start == kinds["indirect"].cue_start  # one statement, one cue


def test_actions_and_scare_quotes_are_not_quotes(nlp):
    text = "The army moved north on Sunday.\n\nThe so-called “peace plan” was printed in every paper."
    assert _quotes(nlp, text) == []


def test_quotes_can_be_left_out(nlp):
    [notes] = list(
        annotate(nlp, [Article(id="a", source="a", text="Ushakov said it was over.")], quotes=False)
    )
    assert notes.quotes == []


def test_doubled_apostrophes_are_quotation_marks(nlp):
    text = "''We will not sign this,'' the minister said on Friday. ''Not now, not later.''"
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.text) for q in quotes] == [("direct", "We will not sign this,"), ("direct", "Not now, not later.")]
    assert quotes[0].cue == "said" and quotes[0].speaker.text == "the minister"


def test_a_transcript_label_names_the_speaker(nlp):
    text = (
        '"WALLACE: Let me ask about the debate on Monday night."\n\n'
        '"PENCE: Well, the governor will be ready for every question."'
    )
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes][0] == "Let me ask about the debate on Monday night."
    assert [(q.cue, q.speaker.text) for q in quotes] == [(":", "WALLACE"), (":", "PENCE")]


def test_a_quote_signed_with_a_dash(nlp):
    text = "“We can build bridges instead of walls.” ― Maria Lopez, 34, Phoenix"
    [quote] = _quotes(nlp, text)
    assert quote.cue == "―" and quote.speaker.text.startswith("Maria Lopez")


def test_a_blockquote_signed_on_its_last_line_inside_the_marks(nlp):
    # the signed quote follows another speaker's: it must not continue that speaker
    text = (
        "“The pool will stay open all summer,” said Mayor Tom Hale.\n\n"
        "\"Closing it now would hurt the families who need it most.\nState Sen. Ann Doyle.\"\n\n"
        "The council votes on Tuesday."
    )
    quotes = _quotes(nlp, text)
    assert [q.speaker.name for q in quotes] == ["Tom Hale", "Ann Doyle"]
    assert quotes[1].text == "Closing it now would hurt the families who need it most."
    thanked = text.replace("State Sen. Ann Doyle.", "Thank you, Ann Doyle.")  # words to her, not her signature
    assert _quotes(nlp, thanked)[1].text.endswith("Thank you, Ann Doyle.")


def test_a_relative_pronoun_speaks_for_its_antecedent(nlp):
    quote = _only(nlp, "The talks were led by Marco Rubio, who said the ceasefire could start within days.")
    assert quote.speaker.text == "who" and quote.speaker.name == "Marco Rubio"


def test_they_is_the_group_named_before(nlp):
    text = "European diplomats met in Brussels on Monday. They said the sanctions would stay in place."
    quote = _only(nlp, text)
    assert quote.speaker.text == "They" and quote.speaker.name == "European diplomats"


def test_a_stand_taken_on_what_is_named(nlp):
    endorsement = _only(nlp, "The former governor endorsed Senator Jane Miller on Tuesday.")
    assert endorsement.text == "Senator Jane Miller" and endorsement.cue == "endorsed"
    criticism = _only(nlp, "Ushakov criticized the proposal for its vague timetable.")
    assert criticism.text == "the proposal for its vague timetable" and criticism.speaker.name == "Ushakov"


def test_what_a_verb_with_a_preposition_is_about(nlp):
    quote = _only(nlp, "Peskov talked about the prospects of a ceasefire in Ukraine.")
    assert quote.text == "the prospects of a ceasefire in Ukraine" and quote.speaker.name == "Peskov"


def test_an_attribution_set_off_by_commas_mid_sentence(nlp):
    quote = _only(nlp, "This harvest, he says, is unlike any of the years before.")
    assert quote.cue == "says" and quote.text == "This harvest, he says, is unlike any of the years before"


def test_an_aside_the_parser_made_the_root_still_gives_the_whole_sentence():
    import spacy
    from spacy.tokens import Doc

    from storyline.annotate.reported import _clause_before

    # "The files were on topics, the paper said, including memos." with "said" as the root and the
    # clause before it as its complement, as the small model parses it inside one news page
    words = ["The", "files", "were", "on", "topics", ",", "the", "paper", "said", ",", "including", "memos", "."]
    doc = Doc(
        spacy.blank("en").vocab,  # English lexical attributes: which tokens are punctuation
        words=words,
        spaces=[True, True, True, True, False, True, True, True, False, True, True, False, False],
        tags=["DT", "NNS", "VBD", "IN", "NNS", ",", "DT", "NN", "VBD", ",", "VBG", "NNS", "."],
        pos=["DET", "NOUN", "AUX", "ADP", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "VERB", "NOUN", "PUNCT"],
        deps=["det", "nsubj", "ccomp", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "punct", "prep", "pobj",
              "punct"],
        heads=[1, 2, 8, 2, 3, 8, 7, 8, 8, 8, 8, 10, 8],
    )
    start, end = _clause_before(doc[8])
    assert doc.text[start:end] == "The files were on topics, the paper said, including memos"


def test_an_aside_inside_another_statement_is_the_phrase_it_interrupts(nlp):
    text = (
        "Asked about the lost vote, Ruth Kaplan said that was a normal part of having to run a city — "
        "no different, she said, from the defeats of every mayor before her."
    )
    said = {q.text: q.speaker.name for q in _quotes(nlp, text) if q.cue == "said"}
    assert said == {
        "that was a normal part of having to run a city": "Ruth Kaplan",
        "no different, she said, from the defeats of every mayor before her": "Ruth Kaplan",
    }


def test_an_aside_whose_sentence_the_parser_hung_on_it(nlp):
    text = "Robert Smith said the race was hard. It was no different, he said, from other fights."
    contents = [q.text for q in _quotes(nlp, text) if q.kind == "indirect"]
    assert contents == ["the race was hard", "It was no different, he said, from other fights"]


def test_a_finding_in_a_poll(nlp):
    quote = _only(nlp, "In a Marist poll released on Tuesday, 48 percent of farmers chose the senator.")
    assert quote.cue == "In" and quote.speaker.text.endswith("poll")
    assert quote.text == "48 percent of farmers chose the senator"


def test_a_document_named_before_a_speech_verb_is_not_the_cue(nlp):
    text = (
        "Maria Lopez addressed the dock workers in an email to supporters, "
        "saying that “the port will stay open for good.”"
    )
    assert [q.cue for q in _quotes(nlp, text)] == ["saying"]


def test_a_surname_is_the_person_named_most_often(nlp):
    text = (
        "Donald Trump spoke in Ohio on Monday. Melania Trump stayed in New York. Donald Trump left at noon."
        "\n\nTrump said the rally was the biggest of the campaign."
    )
    assert _only(nlp, text).speaker.name == "Donald Trump"


def test_the_writers_words_around_a_quoted_phrase(nlp):
    quotes = _quotes(nlp, "Trump called the protesters “thugs” at a rally in Chicago.")
    kinds = {q.kind: q for q in quotes}
    assert kinds["mixed"].text == "thugs"
    assert kinds["indirect"].text.startswith("the protesters “thugs")
    assert kinds["indirect"].cue_start == kinds["mixed"].cue_start  # one statement, one cue


def test_the_writers_i_is_the_byline_when_there_is_one(nlp):
    from storyline.annotate.quotes import extract_quotes

    text = "I think the ceasefire talks in Riyadh will fail within a week."
    doc = nlp(text)
    [with_byline] = extract_quotes(doc, list(doc.ents), text, author="Jane Doe")
    assert with_byline.speaker.text == "I" and with_byline.speaker.name == "Jane Doe"
    [without] = extract_quotes(doc, list(doc.ents), text)
    assert without.speaker.text == "I" and without.speaker.name == "the writer"  # an unsigned piece


def test_the_writers_we_and_a_quoted_i(nlp):
    text = (
        "We believe the council should publish the contracts.\n\n"
        "“I can promise you all one thing: We will find the money for the shelter,”"
        " Reading fire Chief Omar Haddad said Friday."
    )
    we, promise = _quotes(nlp, text)
    assert we.speaker.text == "We" and we.speaker.name == "the writers" and we.speaker.label == "GROUP"
    # the parser takes the quote's "We" for the subject of "said": the quoted speaker's, not the writer's
    assert promise.cue == "said" and (promise.speaker is None or promise.speaker.name == "Omar Haddad")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [  # beliefs, plans, hopes and judgements are attributed to their holder, not only speech
        ("The mayor suspects the budget figures were changed before the vote.", "suspects", "the budget"),
        ("Senator Alma Reyes hopes to pass the water bill before the summer recess.", "hopes", "to pass"),
        ("The governor sees the new tunnel as a waste of public money.", "sees", "the new tunnel as a waste"),
        ("Councillor Tom Baker focused on the rising cost of rents in the city.", "focused", "the rising"),
        ("Most delegates voted for the shorter timetable.", "voted", "the shorter timetable"),
    ],
)
def test_beliefs_plans_and_judgements(nlp, text, cue, content):
    quote = _only(nlp, text)
    assert quote.cue == cue and quote.text.startswith(content)


def test_whom_a_stand_is_taken_on_may_be_a_pronoun(nlp):
    text = "Jane Miller met the union leaders on Monday.\n\nThe governor praised her for the agreement."
    quote = _only(nlp, text)
    assert quote.text == "her for the agreement" and quote.cue == "praised"


def test_the_passive_subject_is_what_the_agent_reported(nlp):
    quote = _only(nlp, "The secret meeting was first reported by the Daily Ledger on Sunday.")
    assert quote.text == "The secret meeting" and quote.speaker.text == "the Daily Ledger"


def test_a_share_of_people_speaks_as_a_group(nlp):
    quote = _only(nlp, "Half of the county's farmers said the new subsidy came too late.")
    assert quote.speaker.label == "GROUP" and quote.speaker.text.startswith("Half of the county")
    share = _only(nlp, "In the same survey, 41 percent said the mayor should resign.")
    assert share.speaker.label == "GROUP" and share.speaker.text == "41 percent"


def test_a_document_speaks_as_written(nlp):
    quote = _only(nlp, "The complaint alleged that the company had hidden its losses for years.")
    assert quote.speaker.text == "The complaint" and quote.speaker.name == "complaint"


def test_a_participle_borrows_the_noun_it_describes(nlp):
    text = "The council released emails, with staff members suggesting the vote should be delayed."
    quote = next(q for q in _quotes(nlp, text) if q.cue == "suggesting")
    assert quote.speaker.text == "staff members" and quote.text == "the vote should be delayed"


def test_markup_left_in_the_text_is_not_a_statement(nlp):
    text = 'The candidate posted a tweet <tweet author="someone" datetime="2016-01-01"> on Monday.'
    assert [q for q in _quotes(nlp, text) if '="' in q.text] == []


def test_she_skips_a_man_quoted_last(nlp):
    text = (
        "Senator Maria Lopez arrived first; she had flown in from Dallas.\n\n"
        "“We will win this county,” said Governor Peter Hall. He left before noon.\n\n"
        "She said the turnout in the north had surprised her campaign."
    )
    quote = _only(nlp, text)
    assert quote.speaker.text == "She" and quote.speaker.name == "Maria Lopez"


def test_a_daughter_sharing_her_fathers_surname_is_still_a_she(nlp):
    text = (
        "Mr. Mark Lund died on Thursday. He was 95. His daughter Anna Lund said her father ate a big "
        "breakfast.\n\n“He slipped away,” she said."
    )
    slipped = next(q for q in _quotes(nlp, text) if q.kind == "direct")
    assert slipped.speaker.name == "Anna Lund"


def test_a_title_the_model_read_into_the_name_still_tells_the_gender(nlp):
    text = (
        "Sarah Palin spoke at the church on Sunday; she was upset.\n\nFire chief James Steele said the "
        "fire had been set on purpose. Mrs Palin thanked the firefighters.\n\n"
        "“Everything is just speculation,” he said."
    )
    speculation = next(q for q in _quotes(nlp, text) if q.kind == "direct")
    assert speculation.speaker.name == "James Steele"


def test_a_descriptor_is_not_someone_named_inside_the_quote(nlp):
    text = (
        "Governor Tom Baker endorsed the businessman on Monday.\n\n"
        "“I think he is the right man to defeat Anna Stone,” the governor said."
    )
    [quote] = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker.text == "the governor" and quote.speaker.name == "Tom Baker"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Senator Ruth Cole attacked the bill on Sunday, calling Mayor Fox a coward.", "calling", "Mayor Fox"),
        ("Ramos considers himself an outsider in the party.", "considers", "himself an outsider"),
        ("Ramos has been speaking out about rents in the city.", "speaking", "rents in the city"),
        ("Most tenants view the landlord unfavorably.", "view", "the landlord unfavorably"),
        (
            "Senator Anna Price is calling for the state to close the old mine by next year.",
            "calling",
            "the state to close the old mine",
        ),
    ],
)
def test_naming_and_calling_for(nlp, text, cue, content):
    quote = next(q for q in _quotes(nlp, text) if q.cue == cue)
    assert quote.text.startswith(content)


def test_a_stance_held_rather_than_said(nlp):
    quote = _only(nlp, "Local farmers have been critical of the new water tax for months.")
    assert quote.cue == "critical" and quote.text.startswith("the new water tax")
    assert quote.speaker.text == "Local farmers"


@pytest.mark.parametrize(
    ("text", "cue", "content", "speaker"),
    [
        ("Governor Hall's claim that the budget was balanced drew scorn.", "claim", "the budget was", "Hall"),
        ("Senator Price took a swipe at the governor during the debate.", "swipe", "the governor", "Price"),
        ("Mayor Lena Ortiz spoke first. Her call for a new bridge was ignored.", "call", "a new bridge", "Her"),
        ("The nurses' union raised concerns about the new rota.", "concerns", "the new rota", "union"),
        ("Governor Hall continued his attacks on the county judge.", "attacks", "the county judge", "his"),
        ("The board's refusal to reopen the pool angered parents.", "refusal", "to reopen the pool", "board"),
        ("The council's decision to close the library was a mistake.", "decision", "to close the library", "council"),
    ],
)
def test_a_noun_that_carries_an_attribution(nlp, text, cue, content, speaker):
    quote = next(q for q in _quotes(nlp, text) if q.cue == cue)
    assert quote.text.startswith(content) and speaker in quote.speaker.text


@pytest.mark.parametrize(
    "text",
    [
        "The governor made his pitch to rural voters at the county fair.",
        "Her appeal to the donors came late in the evening.",
    ],
)
def test_whom_a_noun_is_addressed_to_is_not_what_it_says(nlp, text):
    assert [q for q in _quotes(nlp, text) if q.cue in {"pitch", "appeal"}] == []


@pytest.mark.parametrize(
    "text",
    [
        "A county official spoke on condition of anonymity after the vote.",
        "The candidate was speaking on a local radio show in the morning.",
    ],
)
def test_how_one_spoke_is_not_what_was_said(nlp, text):
    assert [q.text for q in _quotes(nlp, text)] == []


def test_a_noun_without_a_holder_is_not_an_attribution(nlp):
    assert [q for q in _quotes(nlp, "The claim that the budget was balanced drew scorn.") if q.cue == "claim"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [  # what the verb governs runs past its object, but not into when it was said or the next clause
        ("Prosecutors charged the coach with filing a false report.", "the coach with filing a false report"),
        ("The mayor described the dinner as a waste of money on Friday.", "the dinner as a waste of money"),
        ("Senator Cole praised the efforts of a donor to rebuild the school.", "the efforts of a donor to rebuild the school"),
    ],
)
def test_what_the_verb_governs_past_its_object(nlp, text, content):
    assert any(q.text.startswith(content) and "Friday" not in q.text for q in _quotes(nlp, text))


def test_a_verb_wanting_someone_to_do_something(nlp):
    quote = next(q for q in _quotes(nlp, "Senator Hall wants voters to know that he backs the farmers.") if q.cue == "wants")
    assert quote.text.startswith("voters to know")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The idea is that small donors can still give to the fund.", "idea"),
        ("A common refrain is that small donors can still give to the fund.", "refrain"),
    ],
)
def test_a_cue_noun_said_to_be_a_clause(nlp, text, cue):
    quote = next(q for q in _quotes(nlp, text) if q.cue == cue)
    assert quote.text == "small donors can still give to the fund"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Mayor Lena Ortiz was blunt. Her message was: sorry, but the port will close.", "message", "sorry, but"),
        ("The mayor laughed. The joke was that he was a hostage reading a script.", "joke", "he was a hostage"),
    ],
)
def test_what_a_message_or_a_joke_was(nlp, text, cue, content):
    quote = next(q for q in _quotes(nlp, text) if q.cue == cue)
    assert quote.text.startswith(content)


def test_a_light_verb_and_its_noun(nlp):
    text = "Senator Ruth Cole took several swipes at the governor during the debate."
    quote = next(q for q in _quotes(nlp, text) if q.cue == "swipes")
    assert quote.text.startswith("the governor") and quote.speaker.text == "Ruth Cole"


def test_a_verb_split_from_its_subject_by_the_parser(nlp):
    text = "Governor Marsh jokingly offered the fisherman a post in her cabinet, then says she will welcome his advice."
    quote = next(q for q in _quotes(nlp, text) if q.cue == "says")
    assert quote.speaker is not None and quote.speaker.name.endswith("Marsh")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked whether the mayor should resign, 61 percent of residents said yes.", "yes"),
        ("Only a third of the traders said so in March.", "so"),
    ],
)
def test_a_word_that_stands_for_the_statement(nlp, text, content):
    [quote] = [q for q in _quotes(nlp, text) if q.cue == "said"]
    assert quote.text == content and quote.kind == "indirect"


def test_said_that_opening_a_clause_is_not_the_statement(nlp):
    quote = _only(nlp, "The harbour master said that the ferry would sail on Friday.")
    assert quote.text == "the ferry would sail on Friday"


def test_a_judgement_on_the_subject_without_a_source(nlp):
    quote = _only(nlp, "The harbour figures appear to be badly out of date.")
    assert quote.text == "The harbour figures appear to be badly out of date"
    assert quote.cue == "appear" and quote.speaker is None


def test_what_a_person_seems_to_do_is_theirs(nlp):
    quote = _only(nlp, "Mayor Ann Lund seemed to concede the point about the harbour budget.")
    assert quote.cue == "seemed" and quote.speaker.name == "Ann Lund"
    # ... but it is no statement of theirs that a quote in the next paragraph would continue
    text = "Mayor Ann Lund seemed to concede the point about the harbour budget.\n\n“The ferry is late again.”"
    assert [q.speaker for q in _quotes(nlp, text) if q.text.startswith("The ferry")] == [None]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("It appears that the harbour board had sent a clear message.", "the harbour board had sent a clear message"),
        ("It seemed the ferry would sail on time.", "the ferry would sail on time"),
        ("It appeared as though the harbour deal was dead.", "the harbour deal was dead"),
    ],
)
def test_what_it_seems_is_a_judgement_without_a_source(nlp, text, content):
    quote = _only(nlp, text)
    assert quote.text == content
    assert quote.cue in {"appears", "seemed", "appeared"} and quote.speaker is None


def test_a_statement_reported_according_to_a_source_is_one_statement_of_that_source(nlp):
    # the inner "said" and the outer "according to" each held the other's cue: both were dropped
    text = "More than half of city voters said that the ferry tax does more harm than good, according to the poll."
    quote = _only(nlp, text)
    assert quote.text == "More than half of city voters said that the ferry tax does more harm than good"
    assert quote.cue == "according to" and quote.speaker.name == "poll"


def test_of_two_statements_that_hold_each_others_cue_the_longer_stands(nlp):
    # the parser reads "show" as a report of all before it; "hope" holds "show" in its clause
    text = (
        "Supporters hope employers would respond by cutting prices, while workers would end up better off "
        "because the extra money would show up in their pay."
    )
    quote = _only(nlp, text)
    assert quote.cue == "hope" and quote.text.startswith("employers would respond")


def test_two_speech_verbs_of_one_speaker_are_two_statements(nlp):
    quotes = _quotes(nlp, "Mayor Alice Brandt says she admires the council and calls its budget reckless.")
    texts = {q.text for q in quotes if q.kind == "indirect"}
    assert "she admires the council" in texts
    assert all("calls" not in t for t in texts)


def test_a_second_speech_verb_after_a_chain_of_bare_verbs_is_a_statement_of_its_own(nlp):
    text = (
        "Governor Ada Holm says she would sit the mayor down and tell him to stop "
        "and tells the crowd she was the first one to say the budget must be cut."
    )
    quotes = [q for q in _quotes(nlp, text) if q.kind == "indirect"]
    said = next(q for q in quotes if q.cue == "says")
    told = next(q for q in quotes if q.cue == "tells")
    assert said.text == "she would sit the mayor down and tell him to stop"
    assert told.text.startswith("she was the first one") and told.speaker.name == "Ada Holm"


def test_adding_after_a_reported_clause_is_the_reporters(nlp):
    text = (
        "Sheriff Ada Lund said the harbour road will remain closed through the weekend, "
        "adding that she did not know if there could be more floods."
    )
    added = next(q for q in _quotes(nlp, text) if q.cue == "adding")
    assert added.text == "she did not know if there could be more floods"
    assert added.speaker.name == "Ada Lund"


def test_an_unnamed_holder_with_a_clause_of_its_own(nlp):
    quote = _only(nlp, "Critics bet the harbour tax will be repealed within a year.")
    assert quote.text == "the harbour tax will be repealed within a year" and quote.cue == "bet"


def test_a_verb_that_reports_with_its_particle(nlp):
    quote = _only(nlp, "Senator Ruth Calder pointed out that the harbour tax had never been collected.")
    assert quote.text == "the harbour tax had never been collected" and quote.cue == "pointed"
    quote = _only(nlp, "The governor walked back his remarks about the harbour tax.")
    assert quote.text == "his remarks about the harbour tax" and quote.cue == "walked"


def test_a_pronoun_object_with_a_phrase_of_its_own(nlp):
    quote = _only(nlp, "Mayor Alice Brandt did not mention any of her rivals in the speech.")
    assert quote.text.startswith("any of her rivals") and quote.cue == "mention"


def test_a_named_holder_is_open_about_something(nlp):
    quote = _only(nlp, "Senator Ruth Calder was upfront about her dislike of the harbour tax.")
    assert quote.text == "her dislike of the harbour tax" and quote.cue == "upfront"


def test_a_position_said_to_be_a_clause(nlp):
    quote = _only(nlp, "Her position is that the harbour tax should be repealed.")
    assert quote.text == "the harbour tax should be repealed"


def test_an_aside_with_as_attributes_the_main_clause(nlp):
    quote = _only(nlp, "As the local paper reported, the harbour authority had quietly raised its fees twice.")
    assert quote.text == "the harbour authority had quietly raised its fees twice"
    assert quote.cue == "reported" and quote.speaker.text == "the local paper"


def test_a_participle_of_speech_after_a_comma_is_a_second_statement(nlp):
    text = (
        "Mayor Ellen Brandt said the bridge would reopen in May, telling residents that the detour "
        "would end soon."
    )
    quotes = {q.cue: q.text for q in _quotes(nlp, text) if q.kind == "indirect"}
    assert quotes["said"] == "the bridge would reopen in May"
    assert quotes["telling"] == "the detour would end soon"


def test_a_date_inside_what_a_verb_governs_does_not_end_it(nlp):
    quote = _only(nlp, "Senator Ruth Okafor criticized the governor on Tuesday over his plan for the ports.")
    assert quote.text == "the governor on Tuesday over his plan for the ports"


def test_an_infinitive_keeps_its_condition(nlp):
    quote = _only(nlp, "The union vowed to strike again unless the company restores the night shift.")
    assert quote.text == "to strike again unless the company restores the night shift"


def test_bare_verbs_coordinated_with_a_reporting_verb_belong_to_its_content(nlp):
    quote = _only(nlp, "The mayor promised to repave Elm Street, hire more teachers and open two libraries.")
    assert quote.text == "to repave Elm Street, hire more teachers and open two libraries"


def test_a_reporting_verb_reports_its_noun_object(nlp):
    quote = _only(nlp, "The minister stressed broad support for the new rail tunnel.")
    assert quote.text == "broad support for the new rail tunnel"
    assert quote.cue == "stressed" and quote.speaker.text == "The minister"


def test_a_verb_whose_object_is_seldom_a_statement_reports_nothing(nlp):
    assert [q for q in _quotes(nlp, "The council read the report aloud.") if q.kind == "indirect"] == []


def test_a_passive_with_as_and_no_agent_has_no_speaker(nlp):
    quote = _only(nlp, "The tax plan was widely condemned as a giveaway to landlords.")
    assert quote.text == "The tax plan was widely condemned as a giveaway to landlords"
    assert quote.cue == "condemned" and quote.speaker is None


def test_a_passive_with_a_pronoun_subject_and_an_agent(nlp):
    quote = _only(nlp, "She was backed by most of the county's teachers.")
    assert quote.text == "She" and quote.speaker.text == "most of the county's teachers"


def test_a_gerund_object_is_what_was_proposed(nlp):
    quote = _only(nlp, "The senator proposed taxing imported steel at a higher rate.")
    assert quote.text == "taxing imported steel at a higher rate"
    assert quote.cue == "proposed" and quote.speaker.text == "The senator"


@pytest.mark.parametrize(
    ("text", "content", "backers"),
    [
        ("Councilwoman Ada Pruitt has the support of the city's largest unions.", "Councilwoman Ada Pruitt",
         "the city's largest unions"),
        ("The reform drew strong support from rural voters.", "The reform", "rural voters"),
    ],
)  # fmt: skip
def test_support_won_from_backers_named_after_it(nlp, text, content, backers):
    quote = _only(nlp, text)
    assert (quote.text, quote.cue, quote.speaker.text) == (content, "support", backers)


@pytest.mark.parametrize(
    ("text", "content", "cue", "critics"),
    [
        ("The toll plan has drawn harsh criticism from county commuters.", "The toll plan", "criticism",
         "county commuters"),
        ("Mayor Ada Pruitt came under fire last week.", "Mayor Ada Pruitt", "fire", None),
        ("The ferry schedule has faced tough scrutiny from the harbour board.", "The ferry schedule", "scrutiny",
         "the harbour board"),
    ],
)  # fmt: skip
def test_blame_met_is_said_of_the_subject(nlp, text, content, cue, critics):
    quote = _only(nlp, text)
    assert (quote.text, quote.cue) == (content, cue)
    assert (quote.speaker.text if quote.speaker else None) == critics


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Ada Pruitt has come out in support of the school levy.", "the school levy", "Pruitt"),
        ("The county board voted in favor of joining the water compact.", "joining the water compact",
         "county board"),
    ],
)  # fmt: skip
def test_in_support_of_is_a_stand_of_the_verbs_subject(nlp, text, content, speaker):
    quote = _only(nlp, text)
    assert quote.text == content and speaker in quote.speaker.text


def test_whose_conduct_came_under_scrutiny_says_nothing_of_its_own(nlp):
    quotes = _quotes(nlp, "The clerk, whose own conduct came under scrutiny, kept the ledger.")
    assert not [q for q in quotes if q.cue == "scrutiny"]


def test_a_quote_after_a_relative_clause_continues_the_speech_verb(nlp):
    text = (
        "“Sales are up a little this spring,” said Ms. Varga, who noted that rents had doubled since 2019. "
        "“The market is turning in our favour.”"
    )
    later = next(q for q in _quotes(nlp, text) if q.text.startswith("The market"))
    assert later.cue == "said" and later.speaker.name == "Varga"


@pytest.mark.parametrize(
    "text",
    [
        "“The ferry will sail again in May,” the harbour master said, adding that two new crews were hired. "
        "“Nobody will wait on the pier this summer.”",
        "“We have fixed the boiler,” Ms. Okafor said, describing how her staff worked through the night. "
        "“Nobody will wait on the pier this summer.”",
    ],
)
def test_a_quote_after_an_added_statement_continues_the_speech_verb(nlp, text):
    # the participle after "said" has a statement of its own; the next quote goes on with the first one
    later = next(q for q in _quotes(nlp, text) if q.text.startswith("Nobody"))
    assert later.cue == "said"


def test_a_second_speaker_set_beside_the_statement_speaks_for_themselves(nlp):
    text = (
        "About half of the voters in the poll said they trusted the governor, "
        "and three-quarters said the same of the mayor."
    )
    said = sorted((q.text, q.speaker.text) for q in _quotes(nlp, text) if q.cue == "said")
    assert said == [
        ("the same of the mayor", "three-quarters"),
        ("they trusted the governor", "About half of the voters in the poll"),
    ]


def test_a_clause_joined_by_and_is_not_what_the_next_verb_reports(nlp):
    # "some complained": the sentence before the "and" is what residents said, not what some complained
    text = "Residents said the water tasted of metal, and some complained of rashes."
    contents = {q.cue: q.text for q in _quotes(nlp, text)}
    assert contents["said"] == "the water tasted of metal"
    assert not any(content.startswith("Residents") for content in contents.values())


def test_a_statement_does_not_end_on_a_dangling_and():
    import spacy
    from spacy.tokens import Doc

    from storyline.annotate.reported import _content

    # a statement cut before the clause after "and", as the governed end can leave it
    words = ["the", "talks", "would", "resume", ",", "and"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, True, True, False, True, False],
        deps=["det", "nsubj", "aux", "ROOT", "punct", "cc"],
        heads=[1, 3, 3, 3, 3, 3],
    )
    start, end = _content(list(doc))
    assert doc.text[start:end] == "the talks would resume"


def test_a_statement_inside_another_ones_content_is_not_taken_apart(nlp):
    text = "The survey concluded that most tenants say they want a “fair landlord” above all else."
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.cue) for q in quotes] == [("indirect", "concluded")]
    assert quotes[0].text == "most tenants say they want a “fair landlord” above all else"


def test_a_direct_quote_inside_a_reported_statement_stays(nlp):
    text = "Officials said the mayor had told them: “The bridge will reopen next week.”"
    kinds = {(q.kind, q.cue) for q in _quotes(nlp, text)}
    assert kinds == {("indirect", "said"), ("direct", "told")}


def test_a_quote_the_participle_introduces_is_its_own(nlp):
    text = "The mayor spoke on Monday, adding this: “Nobody will wait on the pier this summer.”"
    later = next(q for q in _quotes(nlp, text) if q.text.startswith("Nobody"))
    assert later.cue == "adding"


@pytest.mark.parametrize(
    "text", ["See the full results of the state poll below.", "Just read what the governor wrote about it."]
)
def test_the_writer_addressing_the_reader_is_no_attribution(nlp, text):
    assert [q for q in _quotes(nlp, text) if q.cue in {"See", "read"}] == []


def test_a_that_clause_hung_on_a_noun_after_the_verb_is_its_complement(nlp):
    # the parser attaches "that he may wait ..." to "conference" as a relative clause
    text = (
        "Courted by most of the parties, the farmer said late on Tuesday during a town hall meeting "
        "that he may wait until the spring to decide."
    )
    quote = _only(nlp, text)
    assert quote.text == "he may wait until the spring to decide"
    assert (quote.cue, quote.speaker.name) == ("said", "farmer")


def test_but_that_opens_a_second_complement_of_the_same_verb(nlp):
    text = (
        "The coach said the team needs to defend better and score more goals, "
        "but that he would not change the starting lineup."
    )
    quote = _only(nlp, text)
    assert quote.text.endswith("but that he would not change the starting lineup")
    assert quote.text.startswith("the team needs to defend better")


def test_a_headline_names_its_speaker_before_the_colon(nlp):
    text = (
        "Senator Ana Lopez at the convention: The bridge will reopen in May.\n\n"
        "The bridge has been closed since a flood damaged it in January."
    )
    quote = _only(nlp, text)
    assert (quote.text, quote.cue, quote.speaker.name) == ("The bridge will reopen in May", ":", "Ana Lopez")


def test_a_label_before_a_quotation_names_its_speaker(nlp):
    text = (
        "Mayor Lopez: ‘The Bridge Will Reopen in May.’\n\n"
        "The bridge has been closed since a flood damaged it in January."
    )
    [quote] = _quotes(nlp, text)
    assert (quote.text, quote.kind, quote.cue, quote.speaker.name) == (
        "The Bridge Will Reopen in May.", "direct", ":", "Mayor Lopez"
    )


def test_a_gerund_after_a_preposition_has_the_main_clauses_speaker(nlp):
    text = "Besides attacking the governor, Senator Ana Ruiz argued that the bridge plan was far too costly."
    quotes = {q.cue: q for q in _quotes(nlp, text)}
    assert quotes["attacking"].text == "the governor"
    assert quotes["attacking"].speaker.name == quotes["argued"].speaker.name == "Ana Ruiz"


def test_a_label_the_tagger_calls_an_adjective_still_names_a_speaker():
    import spacy
    from spacy.tokens import Doc, Span

    from storyline.annotate.reported import names_a_speaker

    # "Lopez: ..." with the lone name tagged as an adjective, as the small model does in some headlines
    doc = Doc(spacy.blank("en").vocab, words=["Lopez", ":", "Moving"], pos=["ADJ", "PUNCT", "VERB"])
    assert not names_a_speaker(doc[0:1])
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert names_a_speaker(doc[0:1])
    doc.ents = [Span(doc, 0, 1, label="DATE")]
    assert not names_a_speaker(doc[0:1])


def test_likely_to_say_has_the_subject_of_its_adjective(nlp):
    text = "Republican voters were far more likely to say the mayor had handled the flood well."
    quote = _only(nlp, text)
    assert (quote.cue, quote.speaker.name) == ("say", "Republican voters")
    quote = _only(nlp, "Senator Ana Ruiz was quick to note that the bridge plan had failed twice.")
    assert (quote.text, quote.speaker.name) == ("the bridge plan had failed twice", "Ana Ruiz")


def test_who_is_expected_to_act_is_part_of_the_expectation_and_not_its_speaker(nlp):
    quote = _only(nlp, "The city council is expected to approve the new budget at its meeting in May.")
    assert quote.text == "The city council is expected to approve the new budget at its meeting in May"
    assert quote.speaker is None  # no one is said to expect it
    quote = _only(nlp, "Senator Ana Ruiz was asked to name one bridge the plan would repair.")
    assert quote.speaker is None  # she was asked; who asked is not said


def test_a_share_of_voters_the_parser_hung_on_the_verb_speaks(nlp):
    quote = _only(nlp, "Nearly 4 in 10 say they expect the bridge to close.")
    assert (quote.text, quote.speaker.name) == ("they expect the bridge to close", "Nearly 4 in 10")


def test_a_name_the_parser_made_a_compound_of_the_verb_speaks(nlp):
    text = "Donald Trump took questions.\n\n“Leave the stage right now,” Trump barked and an usher led the heckler away."
    quote = next(q for q in _quotes(nlp, text) if q.kind == "direct")
    assert (quote.cue, quote.speaker.name) == ("barked", "Donald Trump")


def test_a_headline_label_naming_no_one_is_no_attribution(nlp):
    text = "Election 2016 in Ohio and Florida: The results.\n\nVoters went to the polls on Tuesday."
    assert [q for q in _quotes(nlp, text) if q.kind == "indirect"] == []


def test_a_he_after_the_writers_i_is_not_the_writer(nlp):
    text = "Mayor Tom Hale spoke on Monday.\n\nI suspect the plan will fail.\n\nHe said the budget would be cut."
    cut = next(q for q in _quotes(nlp, text) if q.cue == "said")
    assert cut.speaker.name == "Tom Hale"


def test_a_word_of_the_quote_taken_for_the_subject_is_not_the_speaker(nlp):
    text = "“That was a brave thing you did, Mr. Mayor,” Senator Lena Ortiz, Republican of Ohio, told Mr. Hale afterwards."
    [quote] = _quotes(nlp, text)
    assert quote.cue == "told" and quote.speaker.name == "Lena Ortiz"  # set beside "Mayor" by the parser
    text = "“Very good mayor, very good mayor this woman,” Hale, the city's longest-serving councillor, said when she spoke."
    praise = next(q for q in _quotes(nlp, text) if q.text.startswith("Very good mayor"))
    assert praise.speaker is None  # unknown rather than "Very good mayor"


def test_a_first_person_in_an_unclosed_quotation_is_not_the_writer(nlp):
    text = (
        "The quake struck the island at dawn, a shopkeeper told the station.\n\n"
        "\"We ran into the street with the children.\n\n"
        "I saw that the roof of the school had fallen in."
    )
    seen = next(q for q in _quotes(nlp, text) if q.cue == "saw")
    assert seen.speaker is None  # an eyewitness whose closing mark never comes, not the writer


@pytest.mark.parametrize(
    ("text", "content"),
    [  # where the statement begins and ends when the parser hangs a part of it elsewhere
        (  # a phrase set off between the verb's comma and its clause opens the statement
            "Mayor Lina Ortiz says, win or lose in the vote, she is staying in the race.",
            "win or lose in the vote, she is staying in the race",
        ),
        (  # the clause's subject that the parser hung on the verb as a phrase of its own
            "The budget office said about half of the higher deficit reflected losses from the tax cuts.",
            "about half of the higher deficit reflected losses from the tax cuts",
        ),
        (  # but a phrase before "that" is not the clause's
            "Mayor Lina Ortiz said at the hearing that drafting the plan is an open process.",
            "drafting the plan is an open process",
        ),
        (  # whom a call is made on goes with what they are to do
            "Councillor Dan Webb called on the mayor and the council to do the same.",
            "the mayor and the council to do the same",
        ),
        (  # a day between the verb and "for" does not hide the call
            "Councillor Dan Webb called Wednesday for the harbour master to resign.",
            "the harbour master to resign",
        ),
        (  # the second half of the clause that the parser hung on the verb before the participle
            "Coach Ray Garner weighed in, saying he was rooting for Denver but would now root for Carolina.",
            "he was rooting for Denver but would now root for Carolina",
        ),
        (  # bare verbs listed after the infinitive go on with it, after a participle cue too
            "The tenants' union is calling on the mayor to hold hearings, freeze rents and ensure repairs are made.",
            "the mayor to hold hearings, freeze rents and ensure repairs are made",
        ),
    ],
)
def test_the_whole_statement_however_it_is_parsed(nlp, text, content):
    assert _only(nlp, text).text == content


def test_a_bare_verb_the_tagger_read_as_present_tense_is_still_the_writer_addressing_the_reader():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyline.annotate.reported import _imperative

    # the parse the small model gives "See photos from the debate below:" inside one news page
    words = ["See", "photos", "from", "the", "debate", "below", ":"]
    doc = Doc(
        Vocab(),
        words=words,
        tags=["VBP", "NNS", "IN", "DT", "NN", "RB", ":"],
        pos=["VERB", "NOUN", "ADP", "DET", "NOUN", "ADV", "PUNCT"],
        deps=["ROOT", "dobj", "prep", "det", "pobj", "advmod", "punct"],
        heads=[0, 0, 1, 4, 2, 4, 0],
    )
    assert _imperative(doc[0])
    doc[0].tag_ = "VBD"  # "Saw photos ...": a finite verb whose subject was left out is not an order
    assert not _imperative(doc[0])


def test_the_question_a_verb_of_asking_puts_is_its_content(nlp):
    quote = _only(nlp, "A reporter asked Tom Hale how he was feeling on the day of the vote.")
    assert quote.text == "how he was feeling on the day of the vote"  # not "A reporter asked Tom Hale"
    assert quote.cue == "asked" and quote.speaker.name == "reporter"


def test_asked_whether_without_the_asker_has_no_speaker(nlp):
    # the one asked answers in the main clause; who asked is not said
    quotes = {q.cue: q for q in _quotes(nlp, "Asked if he was ever bullied as a child, Tom Hale said he was not.")}
    assert quotes["Asked"].text == "he was ever bullied as a child" and quotes["Asked"].speaker is None
    assert quotes["said"].text == "he was not" and quotes["said"].speaker.name == "Tom Hale"


def test_a_verb_of_judging_inside_the_statement_does_not_take_the_attribution_for_its_content(nlp):
    text = "Ann Doyle, asked which candidate she would back, said she had not decided."
    quotes = {q.cue: q for q in _quotes(nlp, text)}
    assert quotes["said"].text == "she had not decided" and quotes["said"].speaker.name == "Ann Doyle"
    assert quotes["asked"].text == "which candidate she would back" and quotes["asked"].speaker is None


def test_a_clause_coordinated_after_the_statement_with_the_speakers_pronoun_is_not_what_was_said(nlp):
    text = "Senator Tom Hale said the real danger to the town is the new dam, and he railed against the board."
    quotes = {q.cue: q for q in _quotes(nlp, text)}
    assert quotes["said"].text == "the real danger to the town is the new dam"
    assert quotes["said"].speaker.name == "Tom Hale"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "The senator pledged to cut taxes for farmers, fix the county’s “broken” water system and expand "
            "rural broadband.",
            "to cut taxes for farmers, fix the county’s “broken” water system and expand rural broadband",
            id="a list of what was pledged runs over its commas",
        ),
        pytest.param(
            # "push" reports only with its preposition ("pushing for reform")
            "The survey showed that young voters came out in large numbers to back the mayor, pushing turnout up.",
            "young voters came out in large numbers to back the mayor, pushing turnout up",
            id="a participle that reports nothing stays inside",
        ),
        pytest.param(
            "The union endorsed the re-election of Mayor Ann Doyle.",
            "the re-election of Mayor Ann Doyle",
            id="a hyphen inside a word",
        ),
        pytest.param(
            "The mayor railed against the corrupting influence of big donors, including the one backing his rival.",
            "the corrupting influence of big donors, including the one backing his rival",
            id="examples after a comma",
        ),
        pytest.param(
            "The governor called it a common ailment during long campaigns.",
            "it a common ailment during long campaigns",
            id="what a thing was called, with the phrases its verb governs",
        ),
        pytest.param(
            "She supports raising wages by cutting fees, freezing rents and changing the tax code.",
            "raising wages by cutting fees, freezing rents and changing the tax code",
            id="a list of gerunds runs over its commas",
        ),
        pytest.param(
            "She vowed to pass a budget, fix the county’s “failing” jails and end the hiring freeze.",
            "to pass a budget, fix the county’s “failing” jails and end the hiring freeze",
            id="a list of bare verbs runs over its commas",
        ),
        pytest.param(
            "The union endorsed the re-election of Senator Mary Hall (D-Ore.) last week.",
            "the re-election of Senator Mary Hall (D-Ore.)",
            id="a bracket opened in the statement is closed in it",
        ),
        pytest.param(
            "The poll showed Smith leading the field with 31 percent of voters, followed by Jones at 17 percent "
            "and Brown at 9 percent.",
            "Smith leading the field with 31 percent of voters, followed by Jones at 17 percent and Brown at 9 percent",
            id="the rest of a ranking",
        ),
        pytest.param(
            "The mayor will come on the show to talk about housing and how it is changing the city.",
            "housing and how it is changing the city",
            id="a question coordinated with what was talked about",
        ),
        pytest.param(
            "Ms. Ortiz said she expected to get her license back, and then would start driving again.",
            "she expected to get her license back, and then would start driving again",
            id="a subjectless conjunct after a comma and 'and' goes on with the statement",
        ),
    ],
)
def test_where_a_statement_ends(nlp, text, content):
    assert _only(nlp, text).text == content


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "He had been studying law for two years, a college spokesman told The Boston Globe.",
            "He had been studying law for two years",
            "college spokesman",
        ),
        (
            "Her son was safe and would soon be home, the governor told her.",
            "Her son was safe and would soon be home",
            "governor",
        ),
    ],
)
def test_whom_a_trailing_verb_of_telling_addresses_is_not_its_content(nlp, text, content, speaker):
    quote = _only(nlp, text)
    assert (quote.text, quote.cue, quote.speaker.name) == (content, "told", speaker)


def test_a_trailing_verb_of_telling_whose_teller_the_parser_lost_reports_nothing():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyline.annotate.reported import _clause_before

    # '“Yes, I back him,” Tom Hale tells News.' with the name hung on the quote: the clause before
    # would hold the speaker's own name
    words = ["“", "Yes", ",", "I", "back", "him", ",", "”", "Tom", "Hale", "tells", "News", "."]
    deps = ["punct", "intj", "punct", "nsubj", "ccomp", "dobj", "punct", "punct", "compound", "appos",
            "ROOT", "dobj", "punct"]  # fmt: skip
    heads = [4, 4, 4, 4, 10, 4, 4, 4, 9, 5, 10, 10, 10]
    tags = ["``", "UH", ",", "PRP", "VBP", "PRP", ",", "''", "NNP", "NNP", "VBZ", "NNP", "."]
    pos = ["PUNCT", "INTJ", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB",
           "PROPN", "PUNCT"]  # fmt: skip
    lemmas = [w.lower() for w in words]
    doc = Doc(Vocab(), words=words, tags=tags, pos=pos, deps=deps, heads=heads, lemmas=lemmas)
    doc[10].lemma_ = "tell"
    assert _clause_before(doc[10]) is None
    doc[9].dep_, doc[9].head = "nsubj", doc[10]  # with its teller, the clause before is what was told
    assert _clause_before(doc[10]) is not None


def _parsed(rows: str):
    """A Doc from one "word tag pos dep head" row per token, for parses the model gives only sometimes;
    spaced as print sets it (none before a comma or a closing mark, none after an opening mark)."""
    import spacy
    from spacy.tokens import Doc

    words, tags, pos, deps, heads = zip(*(row.split() for row in rows.strip().splitlines()), strict=True)
    spaces = [w != "“" and (n + 1 == len(words) or words[n + 1] not in {",", ".", "”"}) for n, w in enumerate(words)]
    return Doc(spacy.blank("en").vocab, words=list(words), spaces=spaces, tags=list(tags), pos=list(pos),
               deps=list(deps), heads=[int(h) for h in heads], lemmas=[w.lower() for w in words])  # fmt: skip


def test_a_complement_the_parser_made_the_head_of_the_verb_of_telling_is_what_was_told():
    from storyline.annotate.reported import _clause_after

    # "told" hung on the clause it introduces, as the model parses some sentences of this form
    doc = _parsed("""The DT DET det 1
        vote NN NOUN nsubj 2
        comes VBZ VERB ROOT 2
        after IN SCONJ mark 5
        Lund NNP PROPN nsubj 5
        told VBD VERB advcl 9
        the DT DET det 7
        paper NN NOUN dobj 5
        he PRP PRON nsubj 9
        was VBD AUX ccomp 2
        not RB PART neg 9
        ready JJ ADJ acomp 9
        . . PUNCT punct 2""")
    doc[5].lemma_ = "tell"
    start, end = _clause_after(doc[5])
    assert doc.text[start:end] == "he was not ready"


def test_a_clause_after_a_comma_is_not_told_by_the_subordinate_verb_of_telling():
    from storyline.annotate.reported import _clause_after

    doc = _parsed("""After IN SCONJ mark 2
        Lund NNP PROPN nsubj 2
        told VBD VERB advcl 7
        the DT DET det 4
        paper NN NOUN dobj 2
        , , PUNCT punct 2
        he PRP PRON nsubj 7
        left VBD VERB ROOT 7
        . . PUNCT punct 7""")
    doc[2].lemma_ = "tell"
    assert _clause_after(doc[2]) is None  # "After Lund told the paper, he left": he left


@pytest.mark.parametrize(
    "text",
    [
        "The clerk committed identity theft to open fraudulent bank accounts in 2014.",
        "The company moved thousands of jobs out of the country in a string of deals.",
    ],
)
def test_a_deed_done_to_an_object_is_not_a_statement(nlp, text):
    assert [q.cue for q in _quotes(nlp, text)] == []


def test_a_finite_verb_hung_on_the_reported_clause_has_the_speakers_subject(nlp):
    quotes = _quotes(nlp, "Mayor Lee said the ferry plan would fail and warned that fares would rise.")
    warned = next(q for q in quotes if q.cue == "warned")
    assert warned.text == "fares would rise" and warned.speaker.name == "Lee"


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ada Lee told NBC’s “Morning Desk” she would run again.",
        "Mayor Ada Lee, who once starred in “Harbour Lights,” said she would run again.",
    ],
)
def test_the_title_of_a_show_in_marks_is_no_quote(nlp, text):
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["she would run again"]


def test_a_nickname_in_title_case_is_still_a_quote(nlp):
    quotes = _quotes(nlp, "Mayor Ada Lee called the plan “Dead On Arrival” at the rally.")
    assert "Dead On Arrival" in [q.text for q in quotes if q.kind == "mixed"]


def test_the_name_before_an_aside_and_the_verb_speaks():
    from spacy.tokens import Span

    from storyline.annotate.quotes import _name_before

    # '"...," Lund, 58, told AFP': the parser gave "told" no subject outside the quote
    doc = _parsed("""” '' PUNCT punct 1
        Lund NNP PROPN conj 1
        , , PUNCT punct 1
        58 CD NUM appos 1
        , , PUNCT punct 1
        told VBD VERB conj 5
        AFP NNP PROPN dobj 5
        . . PUNCT punct 5""")
    doc.ents = [Span(doc, 1, 2, label="PERSON")]
    assert _name_before(doc[5]).text == "Lund"
    doc.ents = []  # not a name: the verb's subject stays unknown
    assert _name_before(doc[5]) is None


def test_a_speaker_the_parser_hung_elsewhere_is_the_name_before_the_verb():
    from spacy.tokens import Span

    from storyline.annotate.quotes import find_quotes

    # "said" left without a subject: the parser made the name an apposition of the date before it
    doc = _parsed("""On IN ADP prep 10
        May NNP PROPN pobj 0
        3 CD NUM nummod 1
        , , PUNCT punct 1
        Col. NNP PROPN compound 5
        Lund NNP PROPN appos 1
        , , PUNCT punct 5
        a DT DET det 8
        spokeswoman NN NOUN appos 5
        , , PUNCT punct 5
        said VBD VERB ROOT 10
        , , PUNCT punct 10
        “ `` PUNCT punct 10
        Raids NNS NOUN nsubj 14
        are VBP AUX ccomp 10
        risky JJ ADJ acomp 14
        . . PUNCT punct 10
        ” '' PUNCT punct 10""")
    doc[10].lemma_ = "say"
    doc.ents = [Span(doc, 5, 6, label="PERSON")]
    [found] = find_quotes(doc, doc.text)
    assert found.cue.text == "said" and found.subject.text == "Lund"


def test_a_descriptor_is_the_person_in_focus_rather_than_the_one_named_last(nlp):
    text = (
        "Prime Minister Lars Holm opened his annual news conference on Tuesday with a long speech on the economy.\n\n"
        "He even spoke warmly of Ambassador Peter Grant, praising his work in Washington.\n\n"
        "“There is no doubt that he is a capable and honest man,” the Danish leader said."
    )
    [quote] = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker.text == "the Danish leader" and quote.speaker.name == "Lars Holm"


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("a city official said", "city official"),  # the writer does not name them
        ("her spokesman said", "her spokesman"),  # not the mayor herself
        ("one woman told reporters", "one woman"),
    ],
)
def test_an_unnamed_speaker_is_not_the_person_named_before(nlp, said, name):
    text = f"Mayor Ann Lund closed the park on Friday.\n\n“The decision was rushed and nobody asked us,” {said}."
    [quote] = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker.name == name


def test_a_descriptor_given_to_a_name_in_place_is_that_person(nlp):
    text = "Mayor Ann Lund closed the park on Friday.\n\nSenator Ruth Cole, a fierce critic who has vowed to close the old mine, spoke next."
    quote = _only(nlp, text)
    assert quote.speaker.text == "who" and quote.speaker.name == "Ruth Cole"


def test_a_newspaper_the_model_left_unnamed_speaks_for_itself(nlp):
    text = "Mayor Ann Lund closed the park on Friday.\n\nThe Riverside Evening Ledger reported that the closure would last a month."
    quote = _only(nlp, text)
    assert quote.speaker.name == "Riverside Evening Ledger" and quote.speaker.label == "ORG"


def test_a_surname_the_model_took_for_a_place_is_the_person():
    from spacy.tokens import Span

    from storyline.annotate.quotes import SpeakerResolver

    doc = _parsed("""Rep. NNP PROPN compound 2
        Adam NNP PROPN compound 2
        Berg NNP PROPN nsubj 3
        spoke VBD VERB ROOT 3
        . . PUNCT punct 3
        Mayor NNP PROPN compound 7
        Ann NNP PROPN compound 7
        Lund NNP PROPN nsubj 8
        replied VBD VERB ROOT 8
        . . PUNCT punct 8
        Berg NNP PROPN nsubj 11
        left VBD VERB ROOT 11
        . . PUNCT punct 11""")
    ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 6, 8, label="PERSON"), Span(doc, 10, 11, label="LOC")]
    doc.ents = ents
    speaker = SpeakerResolver(doc, ents).speaker(doc[10])
    assert speaker.text == "Berg" and speaker.name == "Adam Berg" and speaker.label == "PERSON"


@pytest.mark.parametrize("phrase", ["took pains to say", "made a point to say"])
def test_an_infinitive_on_the_verbs_object_is_said_by_the_verbs_subject(nlp, phrase):
    quote = _only(nlp, f"Mayor Ann Lund spoke for an hour.\n\nShe {phrase} that the city budget was balanced.")
    assert quote.text == "the city budget was balanced"
    assert quote.speaker.text == "She" and quote.speaker.name == "Ann Lund"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ann Lund works nights at the plant.\n\n''I'm more skilled with my hands than I am with my head,'' "
            "said Ann Lund, half joking. She holds two degrees.",
            "Ann Lund",
        ),
        (
            "“We’ve had far better fairs than this one,” county delegate Peter Holm, wearing a straw hat and "
            "“Vote Berg” campaign pins, said.",
            "Peter Holm",
        ),
        (
            "''If Berg had gone with Kemp, I would have been sitting in a cell for a long time,'' Mr. Holm, now 81 "
            "and retired in Salem, Ore., said by telephone this week.",
            "Holm",
        ),
    ],
)
def test_the_name_that_opens_the_attribution_after_a_quotation_speaks(nlp, text, name):
    # the parser hung the name on the words after it or on the quotation's own verb
    quote = next(q for q in _quotes(nlp, text) if q.kind == "direct")
    assert quote.speaker is not None and quote.speaker.name == name


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Among those who want a continuation of the mayor’s policies, Lund leads.", "those", "GROUP"),
        ("Anyone who says the plant is safe is lying.", "Anyone", "PERSON"),
    ],
)
def test_those_who_speak_are_said_as_written(nlp, text, name, label):
    quote = _only(nlp, text)
    assert quote.speaker.text == "who" and quote.speaker.name == name and quote.speaker.label == label


def test_a_name_right_before_a_subjectless_verb_speaks(nlp):
    # a sentence the parser cannot read ("Saturday" taken for its start): "said" is left without a subject
    text = (
        "Saturday at the state party convention Sen. Ann Lund (D-MA) said Mayor Peter Holm was a "
        "“proven failure” who should resign."
    )
    quotes = _quotes(nlp, text)
    assert {q.kind for q in quotes} == {"indirect", "mixed"}
    assert all(q.speaker is not None and q.speaker.name == "Ann Lund" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "Air defences shot down five drones targeting the capital early on Friday, the mayor's office said.",
        "Guided missiles attacked Lviv overnight, killing two people.",
        "The storm threatened to cut power to thousands of homes along the coast.",
        "Rebel forces attacked the town from three sides before dawn.",
        "Residents felt the quake as far away as the capital.",
        "Witnesses heard a loud explosion near the station.",
        "A total of 31 fire engines responded to the blaze, including three ladder trucks.",
        "The frigate responded to a distress call from the freighter.",
        "An arsonist attacked the Harbour Bible Church on Friday night.",
        "The shooting that claimed the life of a young mother shocked the city.",
        "The Harbour Stars went on posting the worst record in the league.",
        "The ferry company posted a record profit in the third quarter.",
        "Several hundred protesters attacked police with rocks and flares in the capital.",
    ],
)
def test_weapons_storms_and_attacks_on_places_are_deeds_not_statements(nlp, text):
    assert [q.cue for q in _quotes(nlp, text) if q.cue != "said"] == []


def test_a_post_of_a_message_is_still_a_statement(nlp):
    quote = _only(nlp, "The ferry company posted a link to the new timetable on its website.")
    assert quote.cue == "posted" and quote.text.startswith("a link to the new timetable")


def test_a_person_attacking_someone_still_takes_a_stand(nlp):
    quote = _only(nlp, "Senator Ann Lund attacked Mayor Peter Holm for his handling of the flood.")
    assert (quote.cue, quote.speaker.name) == ("attacked", "Ann Lund")
    quote = _only(nlp, "Senator Ann Lund attacked Mayor Peter Holm with a new ad on Monday.")
    assert (quote.cue, quote.speaker.name) == ("attacked", "Ann Lund")


def test_who_was_quoted_as_saying_speaks_and_is_not_what_was_said(nlp):
    text = "“Two people were hurt but both are well,” the district governor Ali Reza Hosseini was quoted as saying."
    [quote] = _quotes(nlp, text)
    assert (quote.kind, quote.speaker.name) == ("direct", "Ali Reza Hosseini")
    reported = _only(nlp, "The mayor was quoted by the paper as saying the bridge would reopen in May.")
    assert (reported.text, reported.speaker.text) == ("the bridge would reopen in May", "The mayor")


def test_a_time_read_as_the_subject_does_not_speak(nlp):
    quote = _only(nlp, "Twelve hours into the search police said it remained unclear whether the two fires were linked.")
    assert quote.speaker.text.endswith("police")
    quote = _only(nlp, "Saturday at the state party convention Sen. Ann Lund (D-MA) said the governor was a failure.")
    assert quote.speaker.name == "Ann Lund"


def test_saying_hung_on_an_object_that_cannot_speak_is_said_by_the_subject(nlp):
    text = "A city official downplayed the unrest saying that for years there had been strikes in this town."
    [quote] = [q for q in _quotes(nlp, text) if q.cue == "saying"]
    assert quote.speaker.text == "A city official"


def test_a_flood_of_words_is_not_a_flood(nlp):
    quote = _only(nlp, "A storm of criticism showed that voters were angry.")
    assert quote.text == "voters were angry"


def test_a_noun_after_and_right_before_a_subjectless_verb_is_its_subject(nlp):
    text = (
        "The main town on the island still has power, water and electricity connections and officials say "
        "they are sending tents to those who have lost their homes."
    )
    quote = _only(nlp, text)
    assert (quote.cue, quote.speaker.text) == ("say", "officials")


def test_an_infinitive_the_parser_left_loose_is_said_by_the_verbs_subject(nlp):
    text = (
        "Police had no motive for the bombing and could offer no details about the bomb other than to say it "
        "was small."
    )
    [quote] = [q for q in _quotes(nlp, text) if q.cue == "say"]
    assert (quote.text, quote.speaker.text) == ("it was small", "Police")


@pytest.mark.parametrize(
    "text",
    [
        "Director of National Intelligence Peter Holm told reporters the threat was real.",
        '"The threat is real," Director of National Intelligence Peter Holm told reporters.',
        "Speaker of the House Rep. Peter Holm (R-WI) said the bill would pass.",
    ],
)
def test_the_holder_of_an_office_named_before_him_speaks(nlp, text):
    [quote] = _quotes(nlp, text)
    assert quote.speaker.name == "Peter Holm"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Supporters of the late Ann Lund said she was right.", "Supporters"),
        ("The son of Rep. Ann Lund said so.", "The son"),
    ],
)
def test_someone_of_a_person_is_not_the_person(nlp, text, speaker):
    [quote] = _quotes(nlp, text)
    assert quote.speaker.text == speaker


def test_a_speaking_they_stands_for_people_not_the_things_named_along_the_way(nlp):
    text = "Residents sent the council dozens of photos and videos. They said the dam had failed in the night."
    quote = _only(nlp, text)
    assert (quote.speaker.text, quote.speaker.name) == ("They", "Residents")


def test_a_descriptor_named_right_after_someone_is_not_that_someone(nlp):
    text = "Senator Peter Holm spoke at the rally. Holm's campaign manager said the crowd was the largest yet."
    quote = _only(nlp, text)
    assert quote.speaker.name == "Holm's campaign manager"  # unnamed, as written: not Holm himself


def test_page_furniture_before_a_colon_says_nothing(nlp):
    text = "Published time: March 12, 2013 02:03\n\nEdited time: March 13, 2013 02:15\n\nPolice said the boy was armed."
    assert [q.cue for q in _quotes(nlp, text)] == ["said"]
    text = "Posted on: 3:35 pm, December 23, 2012\n\nPolice said the boy was armed."
    assert [q.cue for q in _quotes(nlp, text)] == ["said"]


def test_the_descriptor_that_takes_up_an_unnamed_one_stays_unnamed(nlp):
    text = (
        "Peter Holm was arrested on Monday. A police spokeswoman said he was armed. "
        "The spokeswoman said he had a record."
    )
    names = [q.speaker.name for q in _quotes(nlp, text)]
    assert names == ["police spokeswoman", "police spokeswoman"]  # one speaker, and not Holm


@pytest.mark.parametrize(
    "text",
    [
        "Police said Ada Lund shot two co-workers. The fourth person told her to leave the lounge.",
        "Mayor Tom Hale visited the site. The unnamed officer told the paper that teens threw bottles.",
        "Mayor Tom Hale said the site was closed. The other officer told the paper that teens threw bottles.",
    ],
)
def test_the_unnamed_the_other_or_the_fourth_is_nobody_named_before(nlp, text):
    told = next(q for q in _quotes(nlp, text) if q.cue == "told")
    assert told.speaker.name not in {"Ada Lund", "Tom Hale"}
    assert told.speaker.name.endswith(("person", "officer"))


@pytest.mark.parametrize("role", ["judge", "spokesman"])
def test_a_side_role_is_not_the_person_in_focus(nlp, role):
    text = f"Peter Holm was charged with fraud on Monday. The {role} said the trial would begin in May."
    quote = _only(nlp, text)
    assert quote.speaker.name == role


def test_kin_are_people_beside_the_one_in_focus(nlp):
    text = "Peter Holm died on Friday. His grandson said the family was grateful."
    quote = _only(nlp, text)
    assert (quote.speaker.name, quote.speaker.label) == ("His grandson", "PERSON")
    text = "Peter Holm was shot on Saturday. The sister said he was unarmed."
    assert _only(nlp, text).speaker.name == "sister"
    # a "mother of three" is the woman herself, not someone's mother
    text = (
        "Senator Anna Berg noted the rule in an interview. Pressed on why it leaves out fathers, "
        "the mother of three replied, “It is meant to help the mother.”"
    )
    replied = next(q for q in _quotes(nlp, text) if q.cue == "replied")
    assert replied.speaker.name == "Anna Berg"


def test_people_by_their_trade_are_people(nlp):
    text = "Peter Holm died on Friday. The coroner said he died of natural causes."
    quote = _only(nlp, text)
    assert (quote.speaker.name, quote.speaker.label) == ("coroner", "PERSON")
    text = "Ann Lund spoke at the gala on Friday. The actress said the film would open in May."
    assert _only(nlp, text).speaker.name == "Ann Lund"


def test_a_verb_left_without_a_subject_takes_the_name_right_before_it_over_an_adverb():
    import spacy
    from spacy.tokens import Doc, Span

    from storyline.annotate.reported import _subject

    # "At the rally, Ann Weber also railed against the tolls, and explained why" as the small model
    # parses it inside a long sentence: the name hangs on the rally, the verbs have no subject
    words = ["At", "the", "rally", ",", "Ann", "Weber", "also", "railed", "against", "tolls", ",", "and",
             "explained", "why"]  # fmt: skip
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        deps=["prep", "det", "pobj", "punct", "compound", "appos", "advmod", "ROOT", "prep", "pobj", "punct",
              "cc", "conj", "advmod"],  # fmt: skip
        heads=[7, 2, 0, 7, 5, 2, 7, 7, 7, 8, 7, 7, 7, 12],
        tags=["IN", "DT", "NN", ",", "NNP", "NNP", "RB", "VBD", "IN", "NNS", ",", "CC", "VBD", "WRB"],
        pos=["ADP", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "ADV", "VERB", "ADP", "NOUN", "PUNCT", "CCONJ",
             "VERB", "ADV"],  # fmt: skip
    )
    doc.ents = [Span(doc, 4, 6, "PERSON")]
    assert _subject(doc[7]).text == "Weber"
    assert _subject(doc[12]).text == "Weber"  # the verb coordinated with it says it too


def test_verbs_hung_on_an_opening_participle_share_the_subject_of_the_one_before():
    import spacy
    from spacy.tokens import Doc, Span

    from storyline.annotate.reported import _subject

    # "Hastily politicizing the flood, Okafor cast the blame on his rivals, and emphasized the threat"
    words = ["Hastily", "politicizing", "the", "flood", ",", "Okafor", "cast", "the", "blame", ",", "and",
             "emphasized", "the", "threat"]  # fmt: skip
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        deps=["advmod", "ROOT", "det", "dobj", "punct", "nsubj", "conj", "det", "dobj", "punct", "cc", "conj",
              "det", "dobj"],  # fmt: skip
        heads=[1, 1, 3, 1, 1, 6, 1, 8, 6, 1, 1, 1, 13, 11],
        tags=["RB", "VBG", "DT", "NN", ",", "NNP", "VBD", "DT", "NN", ",", "CC", "VBD", "DT", "NN"],
        pos=["ADV", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "CCONJ", "VERB",
             "DET", "NOUN"],  # fmt: skip
    )
    doc.ents = [Span(doc, 5, 6, "PERSON")]
    assert _subject(doc[11]).text == "Okafor"


@pytest.mark.parametrize(
    "text",
    [
        "Washington (AFP) - Ann Lund is bent on securing the Democratic nomination before the convention.",
        "New York (AFP) - Oscar-winning actress Ann Lund, star of the cult classic “Rain,” is not sure she "
        "can vote for the mayor.",
    ],
)
def test_a_stance_after_a_dateline_is_the_persons_not_the_places(nlp, text):
    [quote] = _quotes(nlp, text)
    assert quote.speaker.name == "Ann Lund"


def test_a_statement_put_out_by_someone_is_theirs(nlp):
    quote = _only(nlp, "After a late meeting, the Arctic Council issued a statement calling the new dam a danger to the river.")
    assert quote.cue == "calling" and quote.speaker.text == "the Arctic Council"  # not "a statement"


def test_what_is_announced_at_a_news_conference_is_said_by_who_held_it(nlp):
    quotes = _quotes(nlp, "Mayor Ann Lund spoke at a news conference announcing that the city was suing the state.")
    announced = next(q for q in quotes if q.cue == "announcing")
    assert announced.speaker.name == "Ann Lund"  # not "a news conference"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Author Maria Lowe will discuss her new book, The Long Road Home, and the governor's budget plan.",
            "her new book, The Long Road Home, and the governor's budget plan",
        ),
        ("Senator Ruth Bell criticized the tax bill and the governor defended it.", "the tax bill"),
    ],
)
def test_a_second_object_hung_on_the_verb_is_more_of_what_was_named(nlp, text, content):
    # the parser hangs "and the governor's budget plan" on "discuss" as if it were a second verb;
    # a coordinated clause with a verb of its own still ends the statement
    quote = next(q for q in _quotes(nlp, text) if q.kind == "indirect")
    assert quote.text == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Senator Ann Lund rebutted the mayor's account of the vote.", "rebutted", "the mayor's account of the vote"),
        (
            "The governor portrayed the new budget as a betrayal of rural voters.",
            "portrayed",
            "the new budget as a betrayal of rural voters",
        ),
        # whom one convinces is a recipient: what they are to believe is the content
        ("Mayor Tom Hale is trying to convince voters he can fix the roads.", "convince", "he can fix the roads"),
        ("The party chairman stood by the nominee.", "stood", "the nominee"),
    ],
)
def test_verbs_of_rebuttal_portrayal_persuasion_and_loyalty_report_a_stance(nlp, text, cue, content):
    quote = _only(nlp, text)
    assert (quote.cue, quote.text) == (cue, content)


def test_a_participle_describing_a_noun_reports_nothing(nlp):
    assert _quotes(nlp, "Clinton leads Sanders by 271 pledged delegates, and the convention's pledged delegates met.") == []


def test_an_aside_between_dashes_or_commas_is_inside_the_statement_it_interrupts(nlp):
    quote = _only(nlp, "Mayor Tom Hale promised to close the pool — the city's oldest building — for the whole summer.")
    assert quote.text == "to close the pool — the city's oldest building — for the whole summer"
    quote = _only(nlp, "Mayor Tom Hale promised to close the pool, the city's oldest building, for the whole summer.")
    assert quote.text == "to close the pool, the city's oldest building, for the whole summer"


def test_an_embeds_markup_is_no_statement(nlp):
    text = (
        "The governor answered on Twitter.\n\n"
        '<tweet pic="" author="GovAnnLund" timestamp="1449075600">Praying for the families tonight.</tweet>'
    )
    assert all(q.cue != "tweet" and "=" not in q.text for q in _quotes(nlp, text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Trump said if he is elected, he will build a wall on the border.", "if he is elected, he will build a wall on the border"),
        (
            "Ryan says no matter what action Obama takes on guns, “his word does not trump the Second Amendment.”",
            "no matter what action Obama takes on guns, “his word does not trump the Second Amendment",
        ),
    ],
)
def test_a_condition_before_the_clause_is_part_of_the_statement(nlp, text, content):
    [quote] = [q for q in _quotes(nlp, text) if q.kind == "indirect"]
    assert quote.text == content
    assert _only(nlp, "The mayor asked if the council would vote.").text == "the council would vote"


@pytest.mark.parametrize(
    ("text", "cue", "content", "speaker"),
    [
        (
            "The council passed a budget that many residents strongly oppose.",
            "oppose",
            "a budget that many residents strongly oppose",
            "many residents",
        ),
        (
            "These are the very figures the senator points to in every speech.",
            "points",
            "the very figures the senator points to in every speech",
            "the senator",
        ),
        (
            "Here are the five things the mayor has said about the stadium.",
            "said",
            "the five things the mayor has said about the stadium",
            "the mayor",
        ),
        (
            "The only reform the mayor has proposed was a new bus lane.",
            "proposed",
            "The only reform the mayor has proposed was a new bus lane",
            "the mayor",
        ),
    ],
)
def test_a_relative_clause_that_leaves_out_its_object_reports_on_the_noun(nlp, text, cue, content, speaker):
    quote = _only(nlp, text)
    assert (quote.cue, quote.text, quote.speaker.text) == (cue, content, speaker)


def test_a_relative_clause_of_time_reports_nothing_of_its_noun(nlp):
    quotes = _quotes(nlp, "Last week was the day the governor endorsed her.")
    assert all("day" not in q.text for q in quotes)


def test_a_participle_with_its_agent_reports_on_the_noun(nlp):
    quote = _only(nlp, "The bridge plan proposed by the council last year was dropped.")
    assert (quote.cue, quote.speaker.text) == ("proposed", "the council")
    assert quote.text == "The bridge plan proposed by the council"
    assert not [q for q in _quotes(nlp, "The memo seen by the paper was short.") if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked who should lead the party, the senator said Ryan.", "Ryan"),
        ("The mayor says the same thing.", "the same thing"),
    ],
)
def test_what_was_said_named_by_a_noun(nlp, text, content):
    [quote] = [q for q in _quotes(nlp, text) if q.cue == "said" or q.cue == "says"]
    assert quote.text == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("She won most of the contests known as Super Tuesday.", "the contests known as Super Tuesday"),
        ("The senator is known as a tough negotiator.", "The senator is known as a tough negotiator"),
    ],
)
def test_a_name_or_reputation_given_by_no_one_in_particular(nlp, text, content):
    quote = _only(nlp, text)
    assert (quote.cue, quote.text, quote.speaker) == ("known", content, None)


def test_a_cue_noun_with_a_that_clause_reports_it_though_nobody_is_named(nlp):
    quote = _only(nlp, "The tax was unpopular because of fears that firms would cut benefits.")
    assert (quote.cue, quote.text, quote.speaker) == ("fears", "firms would cut benefits", None)
    cases = _quotes(nlp, "The court heard cases that it had lost before.")
    assert not [q for q in cases if q.kind == "indirect"]


def test_what_something_sounds_like_is_a_judgement(nlp):
    quote = _only(nlp, "The mayor's plan sounds reasonable.")
    assert (quote.cue, quote.text, quote.speaker) == ("sounds", "The mayor's plan sounds reasonable", None)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The senator raised questions about the mayor's spending.", "the mayor's spending", "The senator"),
        ("The key question is whether voters will turn out.", "voters will turn out", None),
    ],
)
def test_a_question_raised_or_put(nlp, text, content, speaker):
    quote = _only(nlp, text)
    assert quote.cue.startswith("question") and quote.text == content
    assert (quote.speaker.text if quote.speaker else None) == speaker


def test_a_cue_noun_with_an_infinitive_reports_it_though_nobody_is_named(nlp):
    quote = _only(nlp, "The campaign is buying more ads, with plans to spend ten million dollars.")
    assert (quote.cue, quote.text) == ("plans", "to spend ten million dollars")
    support = _quotes(nlp, "The bill won enough support to pass the Senate.")
    assert not [q for q in support if q.kind == "indirect"]


def test_a_cue_noun_without_a_holder_is_voiced_by_the_subject_of_its_verb(nlp):
    text = "Senator Ann Lund stirred controversy last June with an assertion that the budget was fake."
    quote = _only(nlp, text)
    assert (quote.cue, quote.text, quote.speaker.name) == ("assertion", "the budget was fake", "Ann Lund")
    quote = _only(nlp, "Officials took questions about the flood.")
    assert (quote.cue, quote.text, quote.speaker.text) == ("questions", "the flood", "Officials")


def test_what_someone_seems_in_a_relative_clause(nlp):
    quote = _only(nlp, "The mayor spoke to a voter who seemed confused by the new ballot.")
    assert (quote.cue, quote.text) == ("seemed", "who seemed confused by the new ballot")
