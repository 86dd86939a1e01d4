"""Score the extraction engine on the shared eval corpora with the shared scorer.

    python bench/extraction_score.py                      # seeds + dev
    python bench/extraction_score.py path/to/corpus.jsonl -q

Runs `extract_claims` in-process, writes predictions as JSONL to a temporary file and
prints the output of `score.py -v` (every miss and false alarm, then the summary).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.extraction import extract_claims  # noqa: E402
from handlers.models import Article, Topic  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
if not SHARED.exists():
    SHARED = Path("/work/shared/eval")


def load_topics(path: Path) -> list[Topic]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        Topic(key=key, name=entry.get("name", key), aliases=tuple(entry.get("aliases", ())))
        for key, entry in data.get("topics", {}).items()
    ]


def to_article(record: dict) -> Article:
    published = record.get("published") or None
    return Article(
        id=record["id"], title=record.get("title", ""), text=record.get("text", ""),
        published=date.fromisoformat(published) if published else None,
        outlet=record.get("outlet", ""), url=record.get("url", ""),
    )


def score(corpus: Path, topics: list[Topic], scorer: Path, verbose: bool) -> None:
    records = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as out:
        for record in records:
            claims = extract_claims(to_article(record), topics)
            out.write(json.dumps({"id": record["id"],
                                  "claims": [c.to_json() for c in claims]}) + "\n")
    command = [sys.executable, str(scorer), "--gold", str(corpus), "--pred", out.name]
    if verbose:
        command.append("-v")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f"== {corpus.name}")
    print(result.stdout + result.stderr, end="")
    Path(out.name).unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--topics", type=Path, default=SHARED / "topics.toml")
    parser.add_argument("--scorer", type=Path, default=SHARED / "score.py")
    parser.add_argument("-q", "--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args()
    corpora = args.corpora or [SHARED / "seeds.jsonl", SHARED / "dev.jsonl"]
    missing = [p for p in (*corpora, args.topics, args.scorer) if not p.exists()]
    if missing:
        print(f"eval files not found ({', '.join(map(str, missing))}); "
              "this benchmark needs the shared eval folder.")
        return 0
    topics = load_topics(args.topics)
    for corpus in corpora:
        score(corpus, topics, args.scorer, not args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
