"""Reading ECB+ (Cybulska & Vossen, LREC 2014; CC BY 3.0): documents as plain articles.

Each XML file holds one tokenised news document. Its gold story is its topic plus its
sub-topic: ``ecb`` documents report one real event, ``ecbplus`` documents another event of
the same kind. ECB+ documents start with their URL, title and date line as sentences.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.extract.text_metadata import parse_date_line

DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus" / "ECB+"


@dataclass
class EcbDocument:
    name: str  # "3_1ecbplus"
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    url: str | None
    title: str | None
    sentences: list[str]

    @property
    def story(self) -> str:
        return f"{self.topic}_{self.subtopic}"

    @property
    def text(self) -> str:
        return "\n\n".join(self.sentences)


_ATTACH_LEFT = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "n't",
    "'m",
    "’s",
}
_ATTACH_RIGHT = {"(", "[", "{", "$", "#"}


def detokenize(tokens: list[str], open_quote: bool = False) -> str:
    """Join tokens back into readable text ("Reid , 33 ," -> "Reid, 33,"; `` x '' -> “x”).

    ``open_quote`` says a straight quotation mark opened in an earlier sentence is still open.
    """
    return _detokenize(tokens, open_quote)[0]


def detokenize_sentences(sentences: list[list[str]]) -> list[str]:
    """Detokenize each sentence, carrying open quotation marks from one sentence to the next."""
    texts, open_quote = [], False
    for tokens in sentences:
        text, open_quote = _detokenize(tokens, open_quote)
        texts.append(text)
    return texts


def _detokenize(tokens: list[str], open_quote: bool) -> tuple[str, bool]:
    pieces: list[str] = []
    glue_next = True  # no space before the first token
    for token in tokens:
        if token == "``" or (token == '"' and not open_quote):
            pieces.append(("" if glue_next else " ") + "“")
            open_quote, glue_next = True, True
            continue
        if token == "''" or (token == '"' and open_quote):
            pieces.append("”")
            open_quote, glue_next = False, False
            continue
        glue = glue_next or token in _ATTACH_LEFT or token.lower() in _ATTACH_LEFT
        pieces.append(("" if glue else " ") + token)
        glue_next = token in _ATTACH_RIGHT
    text = "".join(pieces)
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)  # "6. 1" -> "6.1"
    text = re.sub(r"(\d) ?: (\d)", r"\1:\2", text)  # "12: 52" -> "12:52": times as written
    text = re.sub(r"\b(\d{1,4}) / (\d{1,2}) / (\d{2,4})\b", r"\1/\2/\3", text)  # "05 / 05 / 2010"
    text = re.sub(r"\b([ap])\. m\.", r"\1.m.", text)  # "p. m." -> "p.m."
    text = re.sub(r"\b([A-Z])\. ([A-Z])\.", r"\1.\2.", text)  # "U. S." -> "U.S."
    text = re.sub(r"(?<=[a-z]) - (?=[a-z])", "-", text)  # "high - rise" -> "high-rise"
    return text, open_quote


def read_document(path: Path) -> EcbDocument:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
    ordered = [sentences[k] for k in sorted(sentences)]
    name = path.name.removesuffix(".xml")
    subtopic = "ecbplus" if name.endswith("ecbplus") else "ecb"
    url = title = None
    if subtopic == "ecbplus" and ordered and ordered[0] and ordered[0][0].lower().startswith("http"):
        url = "".join(ordered.pop(0))
        # the title follows the URL, but some documents put their date line first: it stays in the text
        start = 1 if len(ordered) > 1 and parse_date_line(detokenize(ordered[0])) else 0
        if len(ordered) > start:
            title = detokenize(ordered.pop(start))
    return EcbDocument(
        name=name,
        topic=int(name.split("_")[0]),
        subtopic=subtopic,
        url=url,
        title=title,
        sentences=detokenize_sentences(ordered),
    )


def iter_documents(root: Path = DEFAULT_ROOT, topics: set[int] | None = None) -> Iterator[EcbDocument]:
    for path in sorted(root.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        if topics is None or int(path.parent.name) in topics:
            yield read_document(path)
