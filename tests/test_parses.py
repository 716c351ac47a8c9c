"""The annotate stage's parse is kept and read again by crosscheck and dating, never parsed twice."""

from __future__ import annotations

import pytest

from conftest import DEMO_STORY
from storyline import pipeline
from storyline.annotate import parse_text
from storyline.annotate.casing import parser_text
from storyline.annotate.parses import PARSE_FEATURES, doc_from_bytes, doc_to_bytes, parser, sentence_doc
from storyline.model import Article
from storyline.store import Store

TEXT = (
    "Kremlin aide Yuri Ushakov said on Thursday that a 30-day truce would only help Ukraine.\n\n"
    "Russia controls about 20 percent of Ukrainian territory, officials in Kyiv said."
)


def test_a_kept_parse_reads_back_with_its_tags_dependencies_and_entities(nlp):
    doc = nlp(TEXT)
    back = doc_from_bytes(nlp, doc_to_bytes(doc))
    assert back.text == TEXT
    assert [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in back] == [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc]
    assert [(e.text, e.label_) for e in back.ents] == [(e.text, e.label_) for e in doc.ents]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]


def test_a_sentence_is_read_from_the_whole_parse_with_offsets_from_its_start(nlp):
    doc = nlp(TEXT)
    second = list(doc.sents)[1]
    sentence = sentence_doc(doc, second.start_char, second.end_char)
    assert sentence.text == second.text
    assert sentence[0].idx == 0
    assert next(t for t in sentence if t.dep_ == "ROOT").lemma_ == "say"
    controls = next(t for t in sentence if t.lemma_ == "control")
    assert {"Russia", "percent"} <= {t.text for t in controls.children}
    assert sentence_doc(doc, 0, 0).text == ""


def test_an_article_whose_text_changed_is_parsed_again_not_read_from_a_stale_parse(nlp):
    kept = doc_to_bytes(nlp("An older text of the article."))
    parse = parser(nlp, lambda article_id: kept)
    article = Article(id="a", source="a.txt", text=TEXT)
    assert parse(article).text == TEXT
    assert parser(nlp, lambda article_id: b"not a parse")(article).text == TEXT


def test_a_kept_parse_of_a_title_case_heading_is_read_back_not_parsed_again(nlp):
    text = "Kremlin Aide Says Truce Would Only Help Ukraine\n\n" + TEXT
    kept = doc_to_bytes(parse_text(nlp, text))

    class NoParsing:  # the kept parse's vocabulary, and no parser to fall back on
        vocab = nlp.vocab

        def __call__(self, text):
            raise AssertionError("parsed again")

    doc = parser(NoParsing(), lambda article_id: kept)(Article(id="a", source="a.txt", text=text))
    assert doc.text == parser_text(text) != text  # the parser read "says", "truce"
    assert len(doc.text) == len(text)


@pytest.mark.slow
def test_the_pipeline_keeps_each_articles_parse_and_crosscheck_reads_it(tmp_path, nlp):
    store = Store.open(tmp_path / "parses.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    articles = store.articles()
    kept = dict(store.features(PARSE_FEATURES))
    assert set(kept) == {a.id for a in articles}
    for article in articles:
        assert doc_from_bytes(nlp, kept[article.id]).text == parser_text(article.text)
    [analysis] = store.analyses().values()
    assert analysis.claims and analysis.positions  # read from the kept parses
