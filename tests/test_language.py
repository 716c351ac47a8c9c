"""Language detection on the demo articles and on news paragraphs in other languages.

The non-English paragraphs were written for these tests (no third-party text), in the register
of a news report, including the close pairs a detector confuses: Russian and Ukrainian,
Spanish and Portuguese, German and Dutch.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storyline.extract.language import detect_language, normalise_language, resolve_language

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEMO = Path(__file__).resolve().parents[1] / "examples" / "ceasefire-2025-03"

PARAGRAPHS = {
    "de": "Die Ukraine hat einem Vorschlag der Vereinigten Staaten für eine dreißigtägige Waffenruhe "
    "zugestimmt. Der Kreml erklärte am Donnerstag, man werde den Plan sorgfältig prüfen, bevor man "
    "Washington eine Antwort gebe.",
    "nl": "Oekraïne heeft ingestemd met een Amerikaans voorstel voor een staakt-het-vuren van dertig "
    "dagen. Het Kremlin liet donderdag weten dat het plan zorgvuldig zal worden bestudeerd voordat "
    "Washington een antwoord krijgt.",
    "fr": "L'Ukraine a accepté jeudi la proposition américaine d'un cessez-le-feu de trente jours. Le "
    "Kremlin a indiqué qu'il étudierait le plan avec attention avant de répondre à Washington.",
    "es": "Ucrania aceptó la propuesta estadounidense de un alto el fuego de treinta días. El Kremlin "
    "dijo el jueves que estudiará el plan con cuidado antes de dar una respuesta a Washington.",
    "pt": "A Ucrânia aceitou a proposta norte-americana de um cessar-fogo de trinta dias. O Kremlin "
    "afirmou na quinta-feira que vai estudar o plano com cuidado antes de dar uma resposta a Washington.",
    "it": "L'Ucraina ha accettato la proposta americana di un cessate il fuoco di trenta giorni. Il "
    "Cremlino ha dichiarato giovedì che studierà il piano con attenzione prima di rispondere a Washington.",
    "pl": "Ukraina przyjęła amerykańską propozycję trzydziestodniowego zawieszenia broni. Kreml "
    "oświadczył w czwartek, że dokładnie przeanalizuje plan, zanim udzieli odpowiedzi Waszyngtonowi.",
    "ru": "Украина согласилась на предложение США о тридцатидневном прекращении огня. В Кремле в "
    "четверг заявили, что внимательно изучат план, прежде чем дать ответ Вашингтону.",
    "uk": "Україна погодилася на пропозицію США щодо тридцятиденного припинення вогню. У Кремлі в "
    "четвер заявили, що уважно вивчать план, перш ніж дати відповідь Вашингтону.",
    "tr": "Ukrayna, ABD'nin otuz günlük ateşkes önerisini kabul etti. Kremlin perşembe günü yaptığı "
    "açıklamada, Washington'a yanıt vermeden önce planı dikkatle inceleyeceğini söyledi.",
    "ar": "وافقت أوكرانيا على اقتراح أمريكي بوقف إطلاق النار لمدة ثلاثين يوما. وقال الكرملين يوم "
    "الخميس إنه سيدرس الخطة بعناية قبل الرد على واشنطن.",
    "zh": "乌克兰已同意美国提出的为期三十天的停火建议。克里姆林宫周四表示，将在答复华盛顿之前仔细研究这一计划。",
    "ja": "ウクライナは米国が提案した三十日間の停戦案を受け入れた。ロシア大統領府は木曜日、ワシントンに回答する前に計画を慎重に検討すると述べた。",
}


def _seed_texts() -> list[str]:
    folder = SEEDS if SEEDS.is_dir() else DEMO
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        pytest.skip(f"no demo articles in {SEEDS} or {DEMO}")
    return [path.read_text(encoding="utf-8") for path in paths]


def test_demo_articles_are_english():
    assert [detect_language(text) for text in _seed_texts()] == ["en"] * len(_seed_texts())


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_news_paragraphs_in_other_languages(code):
    assert detect_language(PARAGRAPHS[code]) == code


@pytest.mark.parametrize(
    "text", ["", "   \n", "Kyiv", "Hello", "12.03.2025 14:05", "https://example.org/a/b", "—"]
)
def test_too_short_or_no_words_is_unknown(text):
    assert detect_language(text) is None


def test_ambiguous_name_lists_are_unknown():
    # Names alone belong to no language: lingua must not be taken at its first guess.
    assert detect_language("Rubio Witkoff Ushakov Peskov Zelensky") is None


def test_article_with_a_foreign_quote_keeps_its_language():
    text = (
        "The Kremlin aide spoke to reporters after the call and repeated the position that Moscow "
        "had set out last week, adding that no date for talks had been fixed. "
        + PARAGRAPHS["ru"][:60]
        + " He declined to say more about the proposal or about the envoy's visit."
    )
    assert detect_language(text) == "en"


def test_normalise_language_codes():
    assert [normalise_language(v) for v in ["en-US", "pt_BR", "EN", "deu", "English", "zh-Hant", "fra"]] == [
        "en",
        "pt",
        "en",
        "de",
        "en",
        "zh",
        "fr",
    ]
    assert [normalise_language(v) for v in [None, "", "xx", "klingon", "12"]] == [None] * 5


def test_resolve_language_order():
    german = PARAGRAPHS["de"]
    assert resolve_language("fr", "en", german) == "fr"  # the source declared it for this document
    assert resolve_language(None, "en", german) == "de"  # a site template's lang="en" is overruled
    assert resolve_language(None, "en-GB", "Kyiv") == "en"  # too short to detect: the page's tag stands
    assert resolve_language("nonsense", None, german) == "de"


def test_detector_is_shared_across_threads():
    results: list[str | None] = []
    threads = [
        threading.Thread(target=lambda c=c: results.append(detect_language(PARAGRAPHS[c])))
        for c in PARAGRAPHS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r for r in results if r) == sorted(PARAGRAPHS)
