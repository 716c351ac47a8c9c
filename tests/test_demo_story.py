"""End to end on the demo story: four outlets' reports of the March 2025 ceasefire proposal.

``storyline analyze examples/ceasefire-2025-03`` must show the seven points of the
foundation issue; each test below is one of them.
"""

from __future__ import annotations

import re

import pytest

from conftest import DEMO_STORY
from spans import bad_spans
from storyline import pipeline
from storyline.export import build_export
from storyline.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def export(tmp_path_factory, nlp):
    store = Store.open(tmp_path_factory.mktemp("demo") / "demo.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    data = build_export(store)
    store.close()
    return data


def _article(export, number: str) -> dict:
    [found] = [a for a in export["articles"] if a["source"].split("/")[-1].startswith(number)]
    return found


def _entity_with(export, form: str) -> dict:
    found = [e for e in export["entities"] if e["name"] == form or form in e["aliases"]]
    assert len(found) == 1, f"{form!r} in {len(found)} entities"
    return found[0]


def test_1_one_story_holds_all_four_articles(export):
    assert len(export["stories"]) == 1
    assert len(export["stories"][0]["article_ids"]) == 4
    assert {a["story_id"] for a in export["articles"]} == {export["stories"][0]["id"]}


BOILERPLATE = {
    "001": [
        "DefenseFeaturedInternationalPolicy",
        "Source link",
        "Related Posts",
        "Load More Posts Loading...No More Posts.",
    ],
    "002": [
        "icon-facebook icon-twitter icon-whatsapp",
        "ALSO READ: Russia Says Kursk Operation in Final Stage",
    ],
    "003": ["0"],
    "004": [
        "CNN’s Matthew Chance and Jennifer Hansler contributed to this report.",
        "This is a developing story and will be updated.",
    ],
}


@pytest.mark.parametrize("number", sorted(BOILERPLATE))
def test_2_boilerplate_removed_and_listed(export, number):
    article = _article(export, number)
    for line in BOILERPLATE[number]:
        assert any(removed.startswith(line) for removed in article["removed"]), line
        if line != "0":
            assert line not in article["text"]
    assert not re.search(r"^\s*0\s*$", article["text"], re.M)


@pytest.mark.parametrize("number", ["001", "002", "003", "004"])
def test_2_no_sentence_of_reporting_is_lost(export, number):
    article = _article(export, number)
    source = next(DEMO_STORY.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    normalised = " ".join(article["text"].split())
    boilerplate = set(article["removed"]) | {article["title"]}
    for paragraph in source.split("\n"):
        paragraph = " ".join(paragraph.replace("\xa0", " ").split())
        if not paragraph or paragraph in boilerplate or len(paragraph.split()) < 6:
            continue  # headings and one-word lines are metadata or boilerplate, checked above
        assert paragraph in normalised, paragraph


def test_3_metadata(export):
    assert _article(export, "002")["published"] == "2025-03-13"
    assert _article(export, "004")["outlet"] == "CNN"
    assert (
        _article(export, "001")["title"]
        == "Putin adviser says ceasefire gives nothing to Russia, would only help Ukraine"
    )
    assert (
        _article(export, "002")["title"]
        == "US Delegation Arrives in Russia to Present Ukraine Ceasefire Plan"
    )
    assert _article(export, "003")["title"] == "Putin’s Ukraine ceasefire proposal headed to Trump"
    title_004 = _article(export, "004")["title"]
    assert title_004 and title_004.strip() not in {"CNN", "—"} and len(title_004.split()) >= 5


def test_4_entities_resolved(export):
    assert _entity_with(export, "Yuriy Ushakov") is _entity_with(export, "Yuri Ushakov")
    assert _entity_with(export, "Volodymyr Zelenskyy") is _entity_with(export, "Volodymyr Zelensky")
    assert _entity_with(export, "Michael Waltz") is _entity_with(export, "Mike Waltz")
    for place in ("Kursk", "Sudzha", "Kyiv"):
        assert _entity_with(export, place)["type"] in {"GPE", "LOC"}, place


def _quotations(export) -> list[dict]:
    """The quotations in quotation marks: direct and mixed quotes; reported speech is checked apart."""
    return [q for q in export["quotes"] if q["kind"] != "indirect"]


def test_5_every_quotation_found_with_kind(export):
    quotes = _quotations(export)
    assert len(quotes) == 29
    mixed = sorted(q["text"].strip(" ,.") for q in quotes if q["kind"] == "mixed")
    for phrase in ("hasty actions", "hasty", "very bad things", "long-term peaceful settlement", "any"):
        assert phrase in mixed
    assert all(q["kind"] in {"direct", "mixed"} for q in quotes)


SPEAKERS = {
    "It gives us nothing": "Yuri Ushakov",
    "There’s different ways to construct a deterrent on the ground": "Marco Rubio",
    "Before the talks start": "Dmitry Peskov",
    "His message is that whatever Ukraine still controls": "Andrey Kortunov",
}


@pytest.mark.parametrize("words", sorted(SPEAKERS))
def test_5_speakers_resolved_to_full_names(export, words):
    [quote] = [q for q in export["quotes"] if words in q["text"]]
    assert quote["speaker"]["name"] == SPEAKERS[words]


def test_5_no_speaker_is_a_place_or_a_pronoun(export):
    places = {e["name"] for e in export["entities"] if e["type"] in {"GPE", "LOC", "FAC"}}
    for quote in _quotations(export):
        speaker = quote["speaker"]
        assert speaker is not None, quote["text"]
        assert speaker["name"] not in places, quote["text"]
    for quote in export["quotes"]:
        if quote["speaker"]:
            assert quote["speaker"]["name"].lower() not in {"he", "she", "they", "it", "i", "we"}, quote["text"]


def test_5_reported_speech_found_with_its_speaker(export):
    """Ushakov's respite statement, reported without quotation marks in 001 and 004."""
    reported = [
        q for q in export["quotes"] if q["kind"] == "indirect" and "a respite for the Ukrainian military" in q["text"]
    ]
    assert reported
    assert all(q["speaker"] and q["speaker"]["name"] == "Yuri Ushakov" for q in reported)


def test_every_article_dated_and_estimates_marked(export):
    """002 carries its date line; the others are dated from the story and marked as estimates."""
    assert _article(export, "002")["published_estimated"] is False
    for number, day in (("001", "2025-03-13"), ("003", "2025-03-14"), ("004", "2025-03-13")):
        article = _article(export, number)
        assert (article["published"], article["published_estimated"]) == (day, True), number
    story = export["stories"][0]
    assert (story["first_published"], story["last_published"]) == ("2025-03-13", "2025-03-14")


def test_estimated_dates_anchor_the_other_articles_times(export):
    """003 tells of drones "early on Friday" and a meeting "Thursday night": read against its
    estimated day, they are 14 and 13 March."""
    article = _article(export, "003")
    values = {(t["text"], t["value"]) for t in export["times"] if t["article_id"] == article["id"]}
    assert ("Friday", "2025-03-14") in values
    assert ("Thursday night", "2025-03-13TNI") in values


def _timeline(export, words: str) -> dict:
    return next(entry for entry in export["timeline"] if words in entry["text"])


def test_timeline_runs_from_the_oval_office_to_the_drones_over_moscow(export):
    from storyline.crosscheck.timeline import start_day

    story_days = [e["date"] for e in export["timeline"] if not e["background"]]
    assert story_days == sorted(story_days, key=start_day)  # a week ("2025-W11") sorts at its Monday
    assert story_days[0] == "2025-02-28" and story_days[-1] == "2025-03-14"
    numbers = {a["id"]: a["source"].rsplit("/", 1)[-1][:3] for a in export["articles"]}

    def cited(entry):
        return {numbers[source["article_id"]] for source in entry["sources"]}

    oval_office = next(e for e in export["timeline"] if e["date"] == "2025-02-28")
    assert cited(oval_office) == {"001", "003"} and not oval_office["estimated"]
    kursk = _timeline(export, "visited the region on Wednesday")
    assert kursk["date"] == "2025-03-12" and len(cited(kursk)) >= 2
    assert _timeline(export, "delegation on Thursday arrived in Moscow")["date"] == "2025-03-13"
    drones = _timeline(export, "drones targeting Moscow early on Friday")
    assert (drones["date"], drones["estimated"]) == ("2025-03-14", True)  # rests on 003's estimated day
    assert _timeline(export, "annexed the Crimea peninsula in 2014")["background"] is True
    texts = {a["id"]: a["text"] for a in export["articles"]}
    for entry in export["timeline"]:
        for source in entry["sources"]:
            assert texts[source["article_id"]][source["start"] : source["end"]].strip()


def test_6_times_in_002(export):
    article = _article(export, "002")
    values = {(t["text"], t["value"]) for t in export["times"] if t["article_id"] == article["id"]}
    assert ("Wednesday", "2025-03-12") in values
    assert ("Thursday", "2025-03-13") in values
    assert ("last August", "2024-08") in values


def test_every_span_points_at_its_text(export):
    assert bad_spans(export) == []


def test_analysing_again_changes_nothing(tmp_path, nlp):
    store = Store.open(tmp_path / "twice.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    first = build_export(store)
    report = pipeline.run(store, [DEMO_STORY], nlp=nlp)
    assert report.new_inputs == 0 and report.articles == 0
    assert build_export(store) == first


def _group_of(export, words: str) -> str | None:
    [quote] = [q for q in export["quotes"] if q["text"].startswith(words)]
    return quote["group_id"]


def test_the_same_statement_is_grouped_across_outlets(export):
    respite = _group_of(export, "I stated our position")
    assert respite and respite == _group_of(export, "(I) outlined our position")
    assert respite == _group_of(export, "Moscow seeks")  # 001 reports it in its own words
    unacceptable = _group_of(export, "It is absolutely unacceptable to us")
    assert unacceptable and unacceptable == _group_of(export, "For us, it is absolutely unacceptable")
    kursk = _group_of(export, "Our immediate goal")
    assert kursk and kursk == _group_of(export, "Our task in the near future")
    settlement = _group_of(export, "We believe that our goal")
    assert settlement and settlement == _group_of(export, "long-term peaceful settlement")
    assert len({respite, unacceptable, kursk, settlement}) == 4  # different statements stay apart
    assert _group_of(export, "A 30-day temporary ceasefire") is None


def test_entities_carry_the_titles_the_outlets_give_them(export):
    ushakov = _entity_with(export, "Yuri Ushakov")["descriptions"]
    assert "Kremlin aide" in ushakov
    assert any(d.startswith("former Russian ambassador to the US") for d in ushakov)
    assert "Kremlin spokesman" in _entity_with(export, "Dmitry Peskov")["descriptions"]
    assert "US Secretary of State" in _entity_with(export, "Marco Rubio")["descriptions"]


def test_every_article_is_marked_english(export):
    assert {a["language"] for a in export["articles"]} == {"en"}


def test_the_fifth_of_ukraine_agrees_in_other_words(export):
    """001's "about 20 percent" and 003's "nearly a fifth" are one fact: agree, both cited."""
    [claim] = [c for c in export["claims"] if any("20 percent" in s["text"] for s in c["sources"])]
    assert claim["status"] == "agree"
    assert {_article(export, n)["id"] for n in ("001", "003")} <= {s["article_id"] for s in claim["sources"]}
    assert any("a fifth" in s["text"] for s in claim["sources"])
    assert not bad_spans(export)


def test_claims_hold_no_bare_dates_and_single_ones_name_their_outlet(export):
    for claim in export["claims"]:
        assert claim["status"] in {"agree", "differ", "single"}
        assert not re.fullmatch(r"[\W\d]*(?:on )?\w+day\W*", claim["text"])
        outlets = {s["article_id"] for s in claim["sources"]}
        assert (claim["status"] == "single") == (len(outlets) == 1), claim["text"]


def test_positions_russias_demands_zakharovas_rejection_ukraines_acceptance(export):
    demands = " | ".join(p["text"] for p in export["positions"] if p["actor"] == "Russia" and p["stance"] == "demand")
    for words in ("NATO membership", "nuclear-free status", "foreign troops", "four Ukrainian territories"):
        assert words in demands
    assert any(
        p["actor"] == "Maria Zakharova" and p["stance"] == "reject" and "foreign military presence" in p["text"]
        for p in export["positions"]
    )
    accepted = [p for p in export["positions"] if p["actor"] == "Ukraine" and p["stance"] == "accept"]
    assert any("ceasefire" in p["text"] and len(p["sources"]) >= 2 for p in accepted)


def test_coverage_names_what_only_one_outlet_carries(export):
    coverage = {c["article_id"]: c for c in export["coverage"]}
    assert set(coverage) == {a["id"] for a in export["articles"]}
    drones = coverage[_article(export, "003")["id"]]["unique"]
    assert any("four Ukrainian drones" in item["text"] for item in drones)
    assert not any("four Ukrainian drones" in item["text"] for item in coverage[_article(export, "004")["id"]]["missing"])


def test_metonyms_and_global_identities(export):
    kremlin = [e for e in export["entities"] if e["name"].lower().endswith("kremlin")]
    assert kremlin and all(e["stands_for"] == "the Russian presidency" for e in kremlin)
    russia = _entity_with(export, "Russia")
    assert russia["stands_for"] == "the government of Russia"  # "Russia claims it had retaken Sudzha"
    assert all(e["global_id"] for e in export["entities"])
