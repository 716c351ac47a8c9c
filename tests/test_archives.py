"""WARC archives and CSV tables into raw documents; column mapping for CSV and JSONL.

The WARC files are written here with warcio's own WARCWriter, so their bytes are real WARC:
request records, 200 responses, a 404, a redirect, an image, as a crawler leaves them.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.extract import extract
from storyline.ingest.archives import ColumnMapping, read_csv, read_warc, record_document
from storyline.model import Article, RawDocument, Rejection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"

FIRST_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Envoy flies to Moscow with ceasefire plan | Example Wire</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Envoy flies to Moscow with ceasefire plan</h1>
<p>The U.S. envoy flew to Moscow on Thursday to present a proposal for a 30-day ceasefire, officials said.</p>
<p>The Kremlin said it would study the plan carefully before giving any answer to Washington.</p>
<p>Ukraine accepted the proposal on Tuesday after talks in Jeddah, according to both delegations.</p>
</article><footer>Copyright Example Wire</footer></body></html>"""
SECOND_PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Grain prices rise</title></head>
<body><article><h1>Grain prices rise</h1>
<p>Wheat futures rose three percent on Wednesday after the announcement, traders in Chicago said.</p>
<p>Analysts said the move reflected hopes that Black Sea shipping could resume within weeks.</p>
</article></body></html>"""
NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>"


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes, **headers: str):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers.items()], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def _request(writer: WARCWriter, url: str):
    payload = io.BytesIO(f"GET {url} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode())
    return writer.create_warc_record(url, "request", payload=payload)


def build_warc(
    gz: bool = True, extra: list[tuple[str, str, str, bytes, dict[str, str]]] | None = None
) -> bytes:
    """A crawl as CC-NEWS stores it: each response after its request, a 404 and a redirect between."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    exchanges = [
        ("https://example.org/world/envoy", "200 OK", "text/html; charset=utf-8", FIRST_PAGE, {}),
        ("https://example.org/missing", "404 Not Found", "text/html", NOT_FOUND, {}),
        ("https://example.org/old", "301 Moved Permanently", "text/html", b"", {"Location": "/new"}),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200), {}),
        *(extra or []),
        ("https://example.org/markets/grain", "200 OK", "text/html", SECOND_PAGE, {}),
    ]
    for url, status, content_type, body, headers in exchanges:
        writer.write_record(_request(writer, url))
        writer.write_record(_response(writer, url, status, content_type, body, **headers))
    return buffer.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _split(items: list[RawDocument | Rejection]) -> tuple[list[RawDocument], list[Rejection]]:
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Rejection)]


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_keeps_only_200_html_responses(tmp_path, name, gz):
    documents, rejections = _split(list(read_warc(_write(tmp_path, name, build_warc(gz)))))
    assert rejections == []
    assert [d.hints.url for d in documents] == [
        "https://example.org/world/envoy",
        "https://example.org/markets/grain",
    ]
    assert [d.content for d in documents] == [FIRST_PAGE, SECOND_PAGE]  # the payload verbatim
    assert all(d.kind == "html" for d in documents)
    # WARC-Date is the crawl time: it must not pose as the publication date.
    assert all(d.hints.published is None for d in documents)
    assert documents[0].source.endswith(f"{name}:record 2")


def test_warc_document_extracts_to_an_article_with_its_url(tmp_path):
    documents, _ = _split(list(read_warc(_write(tmp_path, "crawl.warc.gz", build_warc()))))
    article = extract(documents[0])
    assert isinstance(article, Article)
    assert article.url == "https://example.org/world/envoy"
    assert "30-day ceasefire" in article.text and "Copyright" not in article.text


def test_warc_plain_text_and_compressed_bodies(tmp_path):
    text = b"The council voted on Monday to reopen the harbour, the mayor said."
    extra = [
        ("https://example.org/wire.txt", "200 OK", "text/plain; charset=utf-8", text, {}),
        (
            "https://example.org/gz",
            "200 OK",
            "text/html",
            gzip.compress(SECOND_PAGE),
            {"Content-Encoding": "gzip"},
        ),
        (
            "https://example.org/br",
            "200 OK",
            "text/html",
            b"\x1b\x00\xf8\xff",
            {"Content-Encoding": "zstd-x"},
        ),
    ]
    documents, rejections = _split(
        list(read_warc(_write(tmp_path, "mixed.warc.gz", build_warc(extra=extra))))
    )
    by_url = {d.hints.url: d for d in documents}
    assert by_url["https://example.org/wire.txt"].kind == "text"
    assert by_url["https://example.org/wire.txt"].content == text
    assert by_url["https://example.org/gz"].content == SECOND_PAGE  # Content-Encoding undone
    assert [r.reason for r in rejections] == [
        "response body is zstd-x-compressed, which cannot be decoded here"
    ]
    assert "https://example.org/markets/grain" in by_url  # records after the rejected one still come


def test_warc_record_over_the_limit_and_compression_bomb(tmp_path):
    bomb = gzip.compress(b"<p>" + b"a" * 3_000_000 + b"</p>")  # 3 MB of HTML in a few kilobytes
    extra = [("https://example.org/bomb", "200 OK", "text/html", bomb, {"Content-Encoding": "gzip"})]
    path = _write(tmp_path, "bomb.warc.gz", build_warc(extra=extra))
    documents, rejections = _split(list(read_warc(path, max_bytes=50_000)))
    assert [d.hints.url for d in documents] == [
        "https://example.org/world/envoy",
        "https://example.org/markets/grain",
    ]
    assert len(rejections) == 1
    assert rejections[0].reason == "decompressed response body is over the 50,000 bytes limit (--max-bytes)"

    documents, rejections = _split(list(read_warc(path, max_bytes=200)))
    assert documents == []
    assert all("WARC record is" in r.reason and "over the 200 bytes limit" in r.reason for r in rejections)
    assert len(rejections) == 3  # the two pages and the bomb; skipped records are not rejections


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_off_mid_record_keeps_what_came_before(tmp_path, gz):
    data = build_warc(gz)
    cut = data[: len(data) - 200]  # inside the last response
    documents, rejections = _split(list(read_warc(_write(tmp_path, "cut.warc.gz", cut))))
    assert [d.hints.url for d in documents] == ["https://example.org/world/envoy"]
    assert len(rejections) == 1
    assert "cut off" in rejections[0].reason
    assert rejections[0].source.startswith(f"{tmp_path / 'cut.warc.gz'}:record 10 (offset ")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_anywhere_never_raises_and_never_invents(tmp_path, gz):
    """At every cut point: a prefix of the true documents, each complete, and at most one rejection."""
    data = build_warc(gz)
    full = [d.content for d in read_warc(_write(tmp_path, "full.warc", data)) if isinstance(d, RawDocument)]
    path = tmp_path / "cut.warc"
    cut_reported = 0
    for cut in range(0, len(data), 7):
        path.write_bytes(data[:cut])
        documents, rejections = _split(list(read_warc(path)))
        assert [d.content for d in documents] == full[: len(documents)], cut
        assert len(rejections) <= 1, (cut, rejections)
        cut_reported += len(rejections)
    # Only cuts that fall exactly between records go unreported (the archive is then merely shorter).
    assert cut_reported >= len(range(0, len(data), 7)) - 12


def test_warc_compressed_as_one_gzip_stream(tmp_path):
    """`gzip crawl.warc` makes one gzip member for the whole file, which warcio alone refuses."""
    path = _write(tmp_path, "whole.warc.gz", gzip.compress(build_warc(gz=False)))
    documents, rejections = _split(list(read_warc(path)))
    assert rejections == [] and [d.content for d in documents] == [FIRST_PAGE, SECOND_PAGE]


@pytest.mark.parametrize(
    "data,expected",
    [
        (b"this is not a web archive\n" * 20, "not a WARC archive"),
        (b"", "no WARC records"),
        (b"\x1f\x8b\x08\x00garbage after a gzip magic number", "not a readable WARC archive"),
        (bytes(range(256)) * 8, "not a readable WARC archive"),
    ],
)
def test_not_a_warc_is_one_rejection(tmp_path, data, expected):
    items = list(read_warc(_write(tmp_path, "bad.warc.gz", data)))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert expected in items[0].reason


def test_missing_warc_file_is_a_rejection(tmp_path):
    (item,) = read_warc(tmp_path / "absent.warc")
    assert isinstance(item, Rejection) and "cannot read file" in item.reason


# --- column mapping ---------------------------------------------------------------------------


def test_column_mapping_parse():
    mapping = ColumnMapping.parse("text=body, title=headline,published=Publish Date")
    assert (mapping.text, mapping.title, mapping.published) == ("body", "headline", "Publish Date")
    assert mapping.url is None
    for bad, message in [
        ("text", "FIELD=COLUMN"),
        ("body=text", "unknown field 'body'"),
        ("text=a,text=b", "twice"),
        ("title=", "FIELD=COLUMN"),
    ]:
        with pytest.raises(ValueError, match=message):
            ColumnMapping.parse(bad)


def test_column_mapping_finds_usual_names():
    header = ["Headline", "Body", "Publish-Date", "Publisher", "Link", "Byline", "Lang"]
    resolved = ColumnMapping().resolve(header)
    assert resolved == {
        "text": "Body",
        "html": None,
        "id": None,
        "url": "Link",
        "outlet": "Publisher",
        "title": "Headline",
        "author": "Byline",
        "published": "Publish-Date",
        "language": "Lang",
    }
    # An explicit column is not guessed again for another field.
    assert ColumnMapping(outlet="source").resolve(["source", "outlet", "text"])["outlet"] == "source"


def test_record_document_keeps_jsonl_behaviour():
    line = b'{"id": "r1", "text": "  ", "html": "<p>Body</p>", "outlet": "Wire"}'
    document = record_document({"id": "r1", "text": "  ", "html": "<p>Body</p>", "outlet": "Wire"}, "f:1")
    assert isinstance(document, RawDocument)
    assert (document.source, document.kind, document.content, document.hints.outlet) == (
        "r1",
        "html",
        b"<p>Body</p>",
        "Wire",
    )
    empty = record_document({"text": ""}, "f:2", content=line)
    assert isinstance(empty, Rejection) and empty.reason == 'JSON line has an empty "text"' and empty.content
    neither = record_document({"title": "x"}, "f:3")
    assert isinstance(neither, Rejection)
    assert neither.reason == 'JSON line has neither a "text" nor an "html" string'
    mapped = record_document(
        {"story": "Words here.", "head": "T"}, "f:4", ColumnMapping.parse("text=story,title=head")
    )
    assert isinstance(mapped, RawDocument) and mapped.hints.title == "T" and mapped.content == b"Words here."


# --- CSV --------------------------------------------------------------------------------------


def test_csv_with_other_tools_column_names():
    documents, rejections = _split(list(read_csv(FIXTURES / "newsapi_style.csv")))
    assert rejections == []
    first, second = documents
    assert first.content.decode().startswith("The U.S. envoy flew to Moscow")
    assert "\n\nThe Kremlin said" in first.content.decode()  # a quoted field keeps its line breaks
    assert (
        first.hints.title,
        first.hints.published,
        first.hints.outlet,
        first.hints.url,
        first.hints.author,
    ) == (
        "Ceasefire talks move to Moscow",
        "2025-03-13",
        "Example Wire",
        "https://example.org/a",
        "Jane Roe",
    )
    assert second.hints.author is None  # an empty cell is no hint
    assert first.source.endswith("newsapi_style.csv:row 2")


def test_csv_excel_semicolons_bom_and_crlf():
    documents, rejections = _split(list(read_csv(FIXTURES / "excel_semicolon.csv")))
    assert rejections == []
    assert [d.hints.language for d in documents] == ["de", "fr"]
    assert documents[0].hints.title == "Waffenruhe"  # the BOM is not part of the first column's name
    assert (
        documents[1].content.decode()
        == "L'Ukraine a accepté la proposition d'un cessez-le-feu de 30 jours, a annoncé Kiev."
    )


def test_csv_needs_columns_option_and_says_so():
    (rejection,) = read_csv(FIXTURES / "custom_columns.csv")
    assert isinstance(rejection, Rejection)
    assert "no text or html column" in rejection.reason and "--columns text=COLUMN" in rejection.reason
    mapping = ColumnMapping.parse("text=story_body,title=story_headline,published=when")
    (document,) = read_csv(FIXTURES / "custom_columns.csv", mapping)
    assert isinstance(document, RawDocument)
    assert (document.hints.title, document.hints.published) == ("Port reopens", "2025-02-03")
    (wrong,) = read_csv(FIXTURES / "custom_columns.csv", ColumnMapping.parse("text=article_body"))
    assert isinstance(wrong, Rejection) and "--columns text=article_body: no such column" in wrong.reason


def test_csv_html_column_extracts():
    (document,) = read_csv(FIXTURES / "html_column.csv")
    assert isinstance(document, RawDocument) and document.kind == "html"
    assert document.hints.outlet == "Example City News"
    article = extract(document)
    assert isinstance(article, Article) and "closed on Friday for repairs" in article.text


def test_csv_malformed_rows_are_rejected_one_by_one():
    items = list(read_csv(FIXTURES / "malformed_row.csv"))
    documents, rejections = _split(items)
    assert [d.hints.title for d in documents] == ["First", "Last"]
    assert [r.source.rsplit(":", 1)[1] for r in rejections] == ["row 3", "row 4"]
    assert rejections[0].reason.startswith("malformed CSV row: ")
    assert rejections[1].reason == "malformed CSV row: 1 fields where the header has 3"
    assert rejections[1].content == b"Short row only\n"  # the raw row is kept


def test_csv_windows_1252_is_read():
    (document,) = read_csv(FIXTURES / "windows_1252.csv")
    assert isinstance(document, RawDocument) and document.hints.title == "Café"
    assert "“business is back”" in document.content.decode("utf-8")


def test_csv_utf16_tab_separated(tmp_path):
    path = _write(tmp_path, "excel.csv", "title\ttext\r\nUnicode\tКремль изучит план.\r\n".encode("utf-16"))
    (document,) = read_csv(path)
    assert isinstance(document, RawDocument) and document.content.decode() == "Кремль изучит план."


def test_csv_rows_over_the_limit_and_unclosed_quotes(tmp_path):
    long_line = 'A,"' + "x" * 5_000 + '"\n'
    long_multiline = 'C,"' + "y\n" * 3_000 + '"\n'
    data = (
        "title,text\n" + long_line + "B,short text\n" + long_multiline + 'D,fine\nE,"never closed\nF,lost\n'
    )
    items = list(read_csv(_write(tmp_path, "big.csv", data.encode()), max_bytes=1_000))
    documents, rejections = _split(items)
    assert [d.hints.title for d in documents] == ["B", "D"]
    reasons = {r.source.rsplit(":", 1)[1]: r.reason for r in rejections}
    assert reasons["row 2"].startswith("row is 5,") and "over the 1,000 bytes limit" in reasons["row 2"]
    assert "over the 1,000 bytes limit" in reasons["row 4"]
    assert "never closed" in reasons["row 6"]


def test_csv_empty_and_missing(tmp_path):
    (empty,) = read_csv(_write(tmp_path, "empty.csv", b""))
    assert isinstance(empty, Rejection) and "empty CSV file" in empty.reason
    (missing,) = read_csv(tmp_path / "absent.csv")
    assert isinstance(missing, Rejection) and "cannot read file" in missing.reason
