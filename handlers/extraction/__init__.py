"""Casualty-claim extraction: article text in, `Claim`s out.

One engine for the CLI (`claimwatch extract`) and the pipeline. Rules only (regular
expressions and small word tables), compiled once per process at import.

Modules: `segment` splits paragraphs and sentences, `numbers` reads figures, `metrics`
ties a figure to what it counts, `claimants` finds who says it, `dates` and `periods`
read when and over what window, `topics` matches topic aliases, `engine` ties them up.
"""

from __future__ import annotations

from handlers.extraction.engine import extract_claims

__all__ = ["extract_claims"]
