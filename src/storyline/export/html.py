"""A self-contained HTML report: one file, inline CSS, no scripts, nothing fetched.

Article text is untrusted, so Jinja2 escapes everything and a Content-Security-Policy forbids
scripts and remote resources even if something slipped through.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline.export.view import story_views

_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(export: dict[str, Any]) -> str:
    return _environment.get_template("report.html").render(
        schema=export.get("schema"),
        stories=story_views(export),
        rejected=export.get("rejected", []),
        counts={key: len(export[key]) for key in ("articles", "stories", "entities", "quotes")},
    )
