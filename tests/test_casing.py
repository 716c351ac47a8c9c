"""What the parser reads: headings in Title Case or capitals go to sentence case, offsets unchanged."""

from __future__ import annotations

import pytest

from storyline.annotate import annotate
from storyline.annotate.casing import parser_text
from storyline.model import Article

BODY = (
    "Hillary Clinton said on Sunday that Russian intelligence services hacked into the DNC. "
    "She called the remarks Donald Trump made about Vladimir Putin troubling, and the Democratic "
    "National Committee agreed. The remarks came as Clinton campaigned in the U.S. South, where she "
    "says she visits voters who gave her a win in the debate. Most voters called her a favorite."
)


@pytest.mark.parametrize(
    ("heading", "read"),
    [
        # the body's own capitals decide: names and their plurals keep theirs, common words lose them
        (
            "Clinton Says Russians Hacked DNC, Calls Trump’s Putin Remarks ‘Troubling.’",
            "Clinton says Russians hacked DNC, calls Trump’s Putin remarks ‘troubling.’",
        ),
        # a word the body never writes stays as written unless the body has one of its forms in lower
        # case ("Hacked" beside "hacked"; "Reassures" beside "reassured")
        ("Clinton Reassures Voters", "Clinton Reassures voters"),
        # capitals: the first word keeps one capital; the rest take the body's forms, and a word the
        # body never writes is a common word
        ("EXPERTS SAY CLINTON WON THE LAST DEBATE", "Experts say Clinton won the last debate"),
        # initials stay; a new sentence inside the heading keeps its capital
        (
            "Clinton Visits The U.S. South. Voters Say She Is A Favorite.",
            "Clinton visits the U.S. South. Voters say she is a favorite.",
        ),
    ],
)
def test_a_heading_is_read_in_sentence_case(heading, read):
    text = heading + "\n\n" + BODY
    assert parser_text(text) == read + "\n\n" + BODY
    assert len(parser_text(text)) == len(text)


def test_sentences_a_byline_and_a_short_label_are_left_as_written():
    text = "By Jane Doe\n\n" + BODY + "\n\nRelated Stories"
    assert parser_text(text) == text


def test_a_title_case_headline_attributes_its_statement(nlp):
    """Read as written, "Says" and "Hacked" are parts of one long name and nothing is attributed."""
    text = "Clinton Says Russians Hacked DNC\n\n" + BODY
    [notes] = list(annotate(nlp, [Article(id="a", source="a", text=text, published="2016-07-31")]))
    [headline] = [q for q in notes.quotes if q.start < text.index("\n")]
    assert (headline.text, headline.kind) == ("Russians Hacked DNC", "indirect")
    # cue and speaker come back in the article's own letters
    assert headline.cue == "Says" and text[headline.cue_start : headline.cue_end] == "Says"
    assert headline.speaker.text == "Clinton" and headline.speaker.name == "Hillary Clinton"
