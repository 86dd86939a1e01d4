"""Plain data that flows between the layers: articles in, claims out.

Nothing here does I/O. `bot/` parses feeds and files into `Article`; the extraction
engine turns an `Article` into `Claim`s; `storage/` persists them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from storage.models import Topic

__all__ = ["METRICS", "Article", "Claim", "Topic"]
METRICS = ("killed", "wounded", "casualties", "missing", "captured", "deployed")


@dataclass(frozen=True)
class Article:
    """One news article as the pipeline sees it, whatever it came from."""

    id: str
    title: str
    text: str
    published: date | None = None
    outlet: str = ""
    url: str = ""


@dataclass(frozen=True)
class Claim:
    """One casualty estimate found in an article (see ANNOTATION.md for each field).

    `low`/`high` bound the figure: exact 1,000 is 1000/1000, "more than 3,000" is
    3000/None, "up to 500" is None/500. `figure` is the figure as written
    ("more than 3,000"), for people to read. `increment` marks figures that add to an
    earlier total ("3,000 additional troops", "11 more bodies") rather than restate it.
    """

    metric: str
    low: int | None
    high: int | None
    approx: bool = False
    qualifier: str = ""
    subject: str = ""
    claimant: str = ""
    period: str = ""
    claim_date: str = ""
    topics: tuple[str, ...] = ()
    evidence: str = ""
    hedge: str = ""
    figure: str = ""
    increment: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        """The `claimwatch extract` output contract (ANNOTATION.md field names)."""
        data = asdict(self)
        data["topics"] = list(self.topics)
        data.pop("extra")
        return data
