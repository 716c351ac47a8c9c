"""Exports of the store: the JSON contract, Markdown, and a self-contained HTML report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from storyline.export.json_export import SCHEMA, build_export

Format = Literal["json", "md", "html"]

__all__ = ["SCHEMA", "build_export", "render", "write"]


def render(export: dict[str, Any], fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(export, ensure_ascii=False, indent=2)
    if fmt == "md":
        from storyline.export.markdown import render_markdown

        return render_markdown(export)
    if fmt == "html":
        from storyline.export.html import render_html

        return render_html(export)
    raise ValueError(f"unknown export format {fmt!r}: choose json, md or html")


def write(export: dict[str, Any], fmt: Format, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(export, fmt), encoding="utf-8")
    return target
