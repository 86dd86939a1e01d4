"""`claimwatch extract`: claims as JSON, from one text or from JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.inputs import InputError, parse_date, read_article_lines, read_topics_toml
from handlers.extraction import extract_claims
from handlers.models import Article, Topic


def run_extract(file: str, *, jsonl: bool, topics_file: str | None,
                published: str | None, db_path: str | None = None) -> int:
    """Returns the exit status: 0, or 2 when the input or topics cannot be read at all."""
    try:
        topics = _topics(topics_file, db_path)
        stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8",
                                                               errors="replace")
    except (InputError, OSError) as error:
        print(f"claimwatch extract: {error}", file=sys.stderr)
        return 2
    with stream:
        if not jsonl:
            article = Article(id=file, title="", text=stream.read(),
                              published=parse_date(published))
            claims = [claim.to_json() for claim in extract_claims(article, topics)]
            print(json.dumps({"id": article.id, "claims": claims}, indent=2, ensure_ascii=False))
            return 0
        for line in read_article_lines(stream):
            if line.error:
                print(f"claimwatch extract: {line.error}; skipped", file=sys.stderr)
                continue
            try:
                claims = [claim.to_json() for claim in extract_claims(line.article, topics)]
            except Exception as error:  # one article the engine trips on must not end the run
                print(f"claimwatch extract: line {line.line}: extraction failed "
                      f"({type(error).__name__}); skipped", file=sys.stderr)
                continue
            print(json.dumps({"id": line.article.id, "claims": claims}, ensure_ascii=False))
    return 0


def _topics(topics_file: str | None, db_path: str | None) -> list[Topic]:
    """Topics from the TOML file, else from the database (never created just for this)."""
    if topics_file:
        return read_topics_toml(topics_file)
    from bot.settings import SettingsError, load_settings

    try:
        path = db_path or load_settings().db_path
    except SettingsError:
        return []
    if not Path(path).is_file():
        return []
    from storage import open_database
    from storage.topics import list_topics

    return list_topics(open_database(path))
