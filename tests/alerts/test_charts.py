"""The chart is a real PNG of a sane size, drawn from a real claims history."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from bot.charts import render_claims_chart
from handlers.articles import handle_article
from handlers.commands import ClaimsReply, claims_history
from tests.alerts.helpers import DPRK, article, seeded_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _history(tmp_path) -> ClaimsReply:
    db = seeded_db(tmp_path)
    texts = [
        ("a", "Ukraine's intelligence agency said about 30 North Korean soldiers were killed "
              "or wounded.", date(2024, 12, 16)),
        ("b", "President Zelenskyy said more than 3,000 North Korean soldiers had been "
              "killed or wounded.", date(2024, 12, 23)),
        ("c", "Washington said Pyongyang had sent 10,000 to 12,000 troops to Russia.",
         date(2024, 12, 24)),
    ]
    for ident, text, published in texts:
        handle_article(db, article(ident, text, published), [DPRK],
                       now=datetime(2025, 1, 1))
    reply = claims_history(db, "dprk")
    assert isinstance(reply, ClaimsReply)
    return reply


def _image(png: bytes):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.image

    return matplotlib.image.imread(io.BytesIO(png), format="png")


def test_chart_is_a_png_of_sane_size(tmp_path):
    reply = _history(tmp_path)
    assert any(entry.low for entry in reply.entries()), "the history carries figures"
    png = render_claims_chart(reply)
    assert png.startswith(PNG_MAGIC)
    assert 10_000 < len(png) < 2_000_000
    height, width = _image(png).shape[:2]
    assert 800 <= width <= 2000
    assert 300 <= height <= 2000


def test_chart_of_an_empty_topic_still_draws(tmp_path):
    db = seeded_db(tmp_path)
    png = render_claims_chart(claims_history(db, "dprk"))
    assert png.startswith(PNG_MAGIC)
    height, width = _image(png).shape[:2]
    assert width >= 800 and height >= 200


def test_chart_draws_more_ink_for_more_series(tmp_path):
    reply = _history(tmp_path)
    one_series = ClaimsReply(topic=reply.topic, series=reply.series[:1], total_claims=1)
    assert len(reply.series) >= 2
    assert _image(render_claims_chart(reply)).shape[0] > _image(
        render_claims_chart(one_series)).shape[0]


def test_cli_writes_the_chart(tmp_path):
    from click.testing import CliRunner

    from bot.cli import main

    db_path = tmp_path / "t.db"
    seeded_db(tmp_path).close()
    out = tmp_path / "out.png"
    result = CliRunner().invoke(main, ["claims", "dprk", "--db", str(db_path),
                                       "--chart", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(PNG_MAGIC)
