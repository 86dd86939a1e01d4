"""The backbone's acceptance story, through the real command on our own sample articles.

Five articles (Dec 2024 - Jun 2025) retell how the estimate of North Korean losses in
Kursk moved; aggregator noise, re-reports and an unrelated Israel story are mixed in.
"""

import json

import pytest

from tests.cli import claimwatch
from tests.conftest import SAMPLES, sample_articles, write_articles_jsonl


@pytest.fixture
def story(tmp_path):
    topics = tmp_path / "topics.toml"
    topics.write_bytes((SAMPLES / "topics.toml").read_bytes())
    assert claimwatch("topics", "import", str(topics), cwd=tmp_path).returncode == 0
    assert claimwatch("subscribe", "dprk", "--console", cwd=tmp_path).returncode == 0
    return write_articles_jsonl(tmp_path / "articles.jsonl", sample_articles())


def _alerts(tmp_path):
    result = claimwatch("alerts", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_ingest_alerts_each_change_once_in_order(tmp_path, story):
    result = claimwatch("ingest", str(story), cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    alerts = _alerts(tmp_path)
    casualties = [(a["low"], a["high"], a["period"] != "") for a in alerts
                  if a["metric"] == "casualties"]
    assert casualties == [(30, 30, True), (200, 900, False), (1000, 1000, True),
                          (3000, None, False), (6000, None, False)] or casualties == [
        (30, 30, True), (200, 900, False), (3000, None, False), (1000, 1000, True),
        (6000, None, False)]
    assert all(a["topic"] == "dprk" and a["destination"] == "console:stdout" for a in alerts)
    assert all(a["status"] == "sent" for a in alerts)
    six_thousand = next(a for a in alerts if a["low"] == 6000)
    assert "3,000" in six_thousand["previous"]
    assert "6,000" in result.stdout  # delivered to the console before the command exited


def test_re_reports_are_sources_and_unrelated_stories_stay_out(tmp_path, story):
    claimwatch("ingest", str(story), cwd=tmp_path)

    history = json.loads(claimwatch("claims", "dprk", "--json", cwd=tmp_path).stdout)
    entries = [e for series in history["series"] for e in series["history"]]
    several_hundred = [e for e in entries if e["figure"].lower() == "several hundred"]
    assert len(several_hundred) == 1 and several_hundred[0]["sources"] == 3
    assert not any(a["low"] in (24, 4) for a in _alerts(tmp_path))
    israel = json.loads(claimwatch("claims", "israel-iran", "--json", cwd=tmp_path).stdout)
    assert {e["figure"] for s in israel["series"] for e in s["history"]} >= {"at least 24"}


def test_a_second_ingest_adds_and_alerts_nothing(tmp_path, story):
    claimwatch("ingest", str(story), cwd=tmp_path)
    before = _alerts(tmp_path)

    again = claimwatch("ingest", str(story), cwd=tmp_path)

    assert again.returncode == 0
    assert "ingested 0 new articles (5 seen before" in again.stderr
    assert _alerts(tmp_path) == before


def test_bad_lines_are_reported_and_the_rest_goes_on(tmp_path, story):
    lines = story.read_text().splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([lines[0], "{not json", '{"id": "empty", "text": ""}',
                                 *lines[1:]]) + "\n")

    result = claimwatch("ingest", str(broken), cwd=tmp_path)

    assert result.returncode == 0
    assert "line 2: not JSON" in result.stderr
    assert "'empty' has no text" in result.stderr
    assert len([a for a in _alerts(tmp_path) if a["metric"] == "casualties"]) == 5
