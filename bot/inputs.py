"""Reading articles (JSON lines) and topics (TOML) from files, with line-numbered errors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from handlers.models import Article, Topic


class InputError(Exception):
    """A file or line we cannot use; the message says where and why."""


@dataclass(frozen=True)
class ArticleLine:
    line: int
    article: Article | None
    error: str = ""


def read_article_lines(lines: Iterable[str]) -> Iterator[ArticleLine]:
    """Articles from JSON lines (id, title, text, published, outlet, url); blank lines skip."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield ArticleLine(number, article_from_json(json.loads(line), number))
        except (json.JSONDecodeError, InputError, TypeError) as error:
            reason = f"not JSON ({error.msg})" if isinstance(error, json.JSONDecodeError) \
                else str(error)
            yield ArticleLine(number, None, f"line {number}: {reason}")


def article_from_json(data: object, number: int = 0) -> Article:
    if not isinstance(data, dict):
        raise InputError("expected a JSON object")
    text, title = data.get("text") or "", data.get("title") or ""
    if not isinstance(text, str) or not isinstance(title, str):
        raise InputError("'text' and 'title' must be strings")
    return Article(
        id=str(data.get("id") or f"line-{number}"),
        title=title,
        text=text,
        published=parse_date(data.get("published")),
        outlet=str(data.get("outlet") or ""),
        url=str(data.get("url") or ""),
    )


def parse_date(value: object) -> date | None:
    """ISO dates or datetimes; anything else is treated as undated."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def read_topics_toml(path: str | Path) -> list[Topic]:
    """Topics from a TOML file: `[topics.KEY]` tables with `name` and `aliases`."""
    import tomllib

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path} is not valid TOML: {error}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise InputError(f"{path} has no [topics.KEY] tables")
    topics = []
    for key, table in tables.items():
        aliases = table.get("aliases", []) if isinstance(table, dict) else None
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"{path}: topics.{key}.aliases must be a list of strings")
        topics.append(Topic(key=key, name=str(table.get("name") or key), aliases=tuple(aliases)))
    return topics
