"""What an HTML page would run or fetch, read with the standard library's parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._chunks)


def parse(html: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def active_markup(page: Page) -> list[str]:
    """Tags and attributes that could run code or load something from elsewhere."""
    found = []
    for tag, attrs in page.tags:
        if tag in {"img", "iframe", "object", "embed"}:
            found.append(tag)
        if tag == "script" and (
            attrs.get("src") or attrs.get("type") not in {None, "application/json"}
        ):
            found.append(f"script {attrs}")
        if tag == "link" and attrs.get("rel") == "stylesheet":
            found.append("link stylesheet")
        found += [f"{tag} {name}" for name in attrs if name.startswith("on")]
    return found
