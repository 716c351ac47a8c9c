"""Time normalisation rules, each checked on the phrasing news uses (anchors are publication dates)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate.times import is_reference_date, normalise, time_parts

THURSDAY = date(2025, 3, 13)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("July last year", "2024-07", "DATE"),
        ("April next year", "2026-04", "DATE"),
        ("January this year", "2025-01", "DATE"),
        ("January nineteen ninety-seven", "1997-01", "DATE"),
        ("nineteen ninety-one", "1991", "DATE"),
        ("the winter of nineteen ninety-four", "1994-WI", "DATE"),
        ("mid-1996", "1996", "DATE"),
        ("the late 1980s", "198", "DATE"),
        ("recent years", "PAST_REF", "DATE"),
        ("the last few months", "PAST_REF", "DATE"),
        ("coming months", "FUTURE_REF", "DATE"),
        ("the next three years", "P3Y", "DURATION"),
        ("the past two weeks", "P2W", "DURATION"),
        ("almost four years ago", "2021", "DATE"),
        ("the end of November", "2024-11", "DATE"),
        ("the full year", "2025", "DATE"),
        ("the weekend", "2025-W11-WE", "DATE"),
    ],
)
def test_normalise_against_a_thursday(text, value, kind):
    assert normalise(text, THURSDAY) == (value, kind)


def test_the_weekend_read_on_a_monday_is_the_one_just_gone():
    assert normalise("the weekend", date(2025, 3, 10)) == ("2025-W10-WE", "DATE")


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("that day", "1998-10-23", "1998-10-23"),
        ("Earlier that day", "1998-10-23", "1998-10-23"),
        ("the following year", "1995", "1996"),
        ("later that year", "1998-06", "1998"),
        ("the next day", "2025-02-28", "2025-03-01"),
        ("the previous month", "2025-01-15", "2024-12"),
    ],
)
def test_anaphora_lean_on_the_last_named_date(text, reference, value):
    assert normalise(text, THURSDAY, reference=reference) == (value, "DATE")


def test_anaphora_without_a_reference_stay_unresolved():
    value, _ = normalise("the following year", THURSDAY)
    assert value is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("between 1994 and 1997", ["1994", "1997"]),
        ("Aug. 26 to Oct. 20", ["Aug. 26", "Oct. 20"]),
        ("the quarter ended Sept. 30", ["the quarter", "Sept. 30"]),
        ("today through Nov. 17", ["today", "Nov. 17"]),
        ("April 24 and 25", ["April 24 and 25"]),
        ("the next 12 to 18 months", ["the next 12 to 18 months"]),
        ("March 5, 1946", ["March 5, 1946"]),
        ("up to 180 days", ["up to 180 days"]),
    ],
)
def test_ranges_split_into_their_expressions(text, parts):
    assert [text[start:end] for start, end in time_parts(text)] == parts


def test_reference_dates_are_calendar_values_only():
    assert is_reference_date("1998-10-23") and is_reference_date("1998") and is_reference_date("1998-10")
    assert not is_reference_date("PRESENT_REF") and not is_reference_date("1998-W43") and not is_reference_date(None)


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("the third quarter of 1984", None, "1984-Q3"),
        ("a fourth-quarter", None, "1989-Q4"),
        ("the 1988 second quarter", None, "1988-Q2"),
        ("next year's first quarter", None, "1990-Q1"),
        ("the year-earlier quarter", "1989-Q3", "1988-Q3"),
        ("that quarter", "1988-Q2", "1988-Q2"),
        ("a year earlier", "1989-Q3", "1988-Q3"),
        ("a year earlier", None, "1988"),
    ],
)
def test_quarters_in_earnings_news(text, reference, value):
    assert normalise(text, date(1989, 11, 2), reference=reference) == (value, "DATE")


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("the past year", "2024", "DATE"),
        ("the current fiscal year", "2025", "DATE"),
        ("year end", "2025", "DATE"),
        ("the nineties", "199", "DATE"),
        ("the mid-1990s", "199", "DATE"),
        ("the 20th century", "19", "DATE"),
        ("the year two thousand", "2000", "DATE"),
        ("this past spring", "2025-SP", "DATE"),
        ("six weeks ago", "2025-W05", "DATE"),
        ("five months ago", "2024-10", "DATE"),
        ("several years ago", "PAST_REF", "DATE"),
        ("last night", "2025-03-12TNI", "TIME"),
        ("mid-afternoon", "2025-03-13TAF", "TIME"),
        ("10 p.m. Wednesday", "2025-03-12T22:00", "TIME"),
        ("5 p.m. EST, March 9", "2025-03-09T17:00", "TIME"),
        ("May", "2025-05", "DATE"),  # nearest: two months ahead rather than ten back
    ],
)
def test_more_expressions_against_a_thursday(text, value, kind):
    assert normalise(text, THURSDAY) == (value, kind)


def test_a_yearless_date_follows_the_tense_when_the_nearest_is_far_on_the_other_side():
    may = date(1999, 5, 6)
    assert normalise("Oct. 23", may) == ("1999-10-23", "DATE")
    assert normalise("Oct. 23", may, past=True) == ("1998-10-23", "DATE")
    assert normalise("June 10", may, past=True) == ("1999-06-10", "DATE")  # a month ahead: still this year
    assert normalise("March 31", date(1989, 11, 1), past=True) == ("1989-03-31", "DATE")


def test_the_latest_quarter_ignores_an_earlier_years_quarter():
    anchor = date(1989, 11, 2)
    assert normalise("the latest quarter", anchor, reference="1988-Q3") == ("1989-Q3", "DATE")
    assert normalise("the year-ago quarter", anchor) == ("1988-Q3", "DATE")


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The minister met the envoy on Tuesday, officials said.", "Tuesday", "2025-03-11"),
        ("The minister will meet the envoy on Tuesday, officials said.", "Tuesday", "2025-03-18"),
        ("The two leaders meet Monday in Geneva.", "Monday", "2025-03-17"),
        ("The visitors could arrive as early as Saturday.", "Saturday", "2025-03-15"),
        ("Protesters have gathered every day since Monday.", "Monday", "2025-03-10"),
        ("The recall began in late October and was completed recently.", "recently", "PAST_REF"),
        ("The talks resumed at 9 a.m. Tuesday.", "9 a.m. Tuesday", "2025-03-11T09:00"),
    ],
)
def test_sentences_decide_the_side_of_publication(nlp, sentence, phrase, value):
    from storyline.annotate import annotate
    from storyline.model import Article

    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=sentence, published=THURSDAY.isoformat())])
    values = {t.text: t.value for t in notes.times}
    assert values.get(phrase) == value, values


def test_a_month_inside_a_noun_phrase_after_since_is_past(nlp):
    from storyline.annotate import annotate
    from storyline.model import Article

    text = "The shift underscores a change since the president's return to office in January."
    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=text, published=THURSDAY.isoformat())])
    assert {t.text: t.value for t in notes.times}["January"] == "2025-01"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a couple of years", "P2Y"),
        ("the next few days", "PXD"),
        ("Four days later", "P4D"),
        ("Just over an hour later", "PT1H"),
        ("A week earlier", "P1W"),
        ("Nine trading days", "P9D"),
        ("no more than ninety days", "P90D"),
        ("centuries", "PXCE"),
        ("the first hours", "PTXH"),
        ("an additional month", "P1M"),
        ("a quarter", "P1Q"),  # "more than a quarter of its shares": no date
    ],
)
def test_lengths_of_time_are_durations_not_dates(text, value):
    assert normalise(text, THURSDAY) == (value, "DURATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("an Aug. 10, 2023", "2023-08-10"),  # "an Aug. 10, 2023 filing"
        ("both 2019", "2019"),
        ("as early as next year's first quarter", "2026-Q1"),
        ("a 19th century", "18"),
        ("the near future", "FUTURE_REF"),
        ("a later date", "FUTURE_REF"),
        ("coming quarters", "FUTURE_REF"),
        ("recent quarters", "PAST_REF"),
        ("a year earlier", "2024"),  # earnings news: the period compared with, a date
    ],
)
def test_words_around_a_date_do_not_hide_it(text, value):
    assert normalise(text, THURSDAY) == (value, "DATE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("every month", "P1M"),
        ("each year", "P1Y"),
        ("every quarter", "P1Q"),
        ("each July", "XXXX-07"),
        ("Saturdays", "XXXX-WXX-6"),
        ("Friday nights", "XXXX-WXX-5TNI"),
    ],
)
def test_recurring_times_are_sets(text, value):
    assert normalise(text, THURSDAY) == (value, "SET")


def test_a_weekday_after_each_recurs(nlp):
    from storyline.annotate import annotate
    from storyline.model import Article

    text = "The market opens each Thursday in the square. It opened on Thursday after a week's pause."
    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=text, published=THURSDAY.isoformat())])
    found = [(t.text, t.value, t.type) for t in notes.times if "Thursday" in t.text]
    assert found == [("Thursday", "XXXX-WXX-4", "SET"), ("Thursday", "2025-03-13", "DATE")]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("Thanksgiving Day", date(2026, 1, 9), "2025-11-27"),
        ("last Christmas", date(2025, 3, 13), "2024-12-25"),
        ("Election Day", date(2024, 10, 20), "2024-11-05"),
        ("Easter Sunday", date(2025, 4, 1), "2025-04-20"),
        ("Easter week", date(2025, 4, 22), "2025-W16"),  # the ISO week that ends on Easter Sunday
        ("Labor Day", date(2025, 8, 20), "2025-09-01"),
        ("Memorial Day", date(2025, 6, 2), "2025-05-26"),
    ],
)
def test_holidays_are_their_day(text, anchor, value):
    assert normalise(text, anchor) == (value, "DATE")


def test_a_holiday_in_a_sentence_is_found_and_dated(nlp):
    from storyline.annotate import annotate
    from storyline.model import Article

    text = "The fishermen were rescued on Thanksgiving Day after two nights adrift."
    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=text, published="2026-01-09")])
    assert ("Thanksgiving Day", "2025-11-27") in [(t.text, t.value) for t in notes.times]


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The council has scheduled a hearing Monday on the plan.", "Monday", "2025-03-17"),
        ("The talks are set to resume Tuesday in Oslo.", "Tuesday", "2025-03-18"),
        ("The agency postponed until Wednesday any ruling on the request.", "Wednesday", "2025-03-19"),
        ("The court gave the parties until Monday to settle.", "Monday", "2025-03-17"),
        ("The bid had been due to expire Friday.", "Friday", "2025-03-07"),
        ("The vote had been scheduled to take place Saturday.", "Saturday", "2025-03-08"),
        ("Rebels set fire to a depot on Tuesday.", "Tuesday", "2025-03-11"),
    ],
)
def test_schedules_look_ahead_and_pluperfect_plans_look_back(nlp, sentence, phrase, value):
    from storyline.annotate import annotate
    from storyline.model import Article

    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=sentence, published=THURSDAY.isoformat())])
    values = {t.text: t.value for t in notes.times}
    assert values.get(phrase) == value, values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the second half of 2023", "2023-H2"),
        ("the first half of next year", "2026-H1"),
        ("the first two quarters of 2024", "2024-H1"),
        ("the '90s", "199"),
        ("this century", "20"),
        ("last Oct. 23", "2024-10-23"),  # the one gone, though this year's is nearer
        ("next Feb. 2", "2026-02-02"),
        ("this coming Sunday, March sixteenth", "2025-03-16"),
        ("April twenty-first", "2025-04-21"),
    ],
)
def test_halves_spelled_days_and_sided_dates(text, value):
    assert normalise(text, THURSDAY) == (value, "DATE")


def test_a_list_of_years_is_one_expression_each():
    text = "2019, 2021 and 2023"
    assert [text[start:end] for start, end in time_parts(text)] == ["2019", "2021", "2023"]


def test_an_age_in_decades_is_no_date(nlp):
    from storyline.annotate import annotate
    from storyline.model import Article

    text = "The painter, now in her 40s, first exhibited in the 1990s."
    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=text, published=THURSDAY.isoformat())])
    assert [t.text for t in notes.times if "0s" in t.text] == ["the 1990s"]


def test_a_bare_clock_time_is_on_the_day_the_text_is_on(nlp):
    from storyline.annotate import annotate
    from storyline.model import Article

    text = "The dam gave way on Tuesday. Water reached the square at about 6 a.m., residents said."
    [notes] = annotate(nlp, [Article(id="a", source="a.txt", text=text, published=THURSDAY.isoformat())])
    clock = [t.value for t in notes.times if "a.m" in t.text]
    assert clock == ["2025-03-11T06:00"]


def test_a_span_with_no_time_word_and_no_value_is_dropped(nlp):
    from storyline.annotate.times import time_expressions

    text = "Boxes will sell for as little as 99 cents from Monday."
    doc = nlp(text)
    price, monday = text.index("as little"), text.index("Monday")
    spans = [(price, text.index(" from")), (monday, monday + len("Monday"))]
    assert [t.text for t in time_expressions(doc, spans, THURSDAY)] == ["Monday"]
