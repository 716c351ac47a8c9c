"""Language of an article's text: lingua, restricted to the languages news arrives in.

Restricting the candidates makes lingua faster and surer between neighbours (Russian and
Ukrainian, Spanish and Portuguese, Dutch and German), at the price that a text in a language
outside the set is given its nearest member, or None when no member is clearly ahead. Short
or ambiguous text gets None rather than a guess: a wrong language would send an article down
the wrong path later, while None only says "unknown".

The page's own claim (``<html lang>``, Content-Language) is often a site template's default,
so ``resolve_language`` lets a confident detection overrule it; a language the source declared
for this very document (JSONL, CSV, feed entry) is trusted as given.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes of the languages most news in the world is published in.
NEWS_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "pl",
    "ru",
    "uk",
    "el",
    "tr",
    "ar",
    "fa",
    "he",
    "hi",
    "zh",
    "ja",
    "ko",
)
MIN_LETTERS = 12  # fewer letters than a short sentence say too little
MIN_CONFIDENCE = 0.5  # lingua's confidences over the candidates sum to 1: above a half, it leads them all
SAMPLE_CHARS = 4_000  # an article's language shows in its first pages; bounds time on huge texts

_detector: LanguageDetector | None = None
_lock = threading.Lock()
_TAG = re.compile(r"[A-Za-z]{2,3}")


def _get_detector() -> LanguageDetector:
    """The detector, built once on first use; its models load on the first detection (0.2-2 s)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in NEWS_LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*languages).build()
    return _detector


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language ("en", "de"), or None when too short or unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    confidences = _get_detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return str(confidences[0].language.iso_code_639_1.name.lower())


def normalise_language(value: str | None) -> str | None:
    """An ISO 639-1 code from what sources write: "en-US", "pt_BR", "EN", "deu", "English"."""
    if not value or not value.strip():
        return None
    from lingua import IsoCode639_1, IsoCode639_3, Language

    value = value.strip()
    tag = re.split(r"[-_]", value, maxsplit=1)[0]
    try:
        if len(tag) == 2 and _TAG.fullmatch(tag):
            return str(IsoCode639_1.from_str(tag.lower()).name.lower())
        if len(tag) == 3 and _TAG.fullmatch(tag):
            language = Language.from_iso_code_639_3(IsoCode639_3.from_str(tag.lower()))
        else:
            language = Language.from_str(value.lower())
    except ValueError:
        return None
    return str(language.iso_code_639_1.name.lower())


def resolve_language(declared: str | None, page: str | None, text: str) -> str | None:
    """The article's language: the source's declaration, else a confident detection, else the page's tag."""
    declared_code = normalise_language(declared)
    if declared_code:
        return declared_code
    return detect_language(text) or normalise_language(page)
