import json
import re

import click
import pytest

from bot.cli import main
from tests.cli import claimwatch


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


@pytest.mark.parametrize("path, command", list(_commands(main)),
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_and_a_db_option(path, command):
    assert command.help, f"{' '.join(path)} has no help text"
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    assert "--db" in options, f"{' '.join(path)} lacks --db"


def test_subscribe_to_an_unknown_topic_says_which_exist(tmp_path):
    claimwatch("topics", "add", "sudan", "Sudan, RSF", cwd=tmp_path)
    result = claimwatch("subscribe", "sudn", cwd=tmp_path)
    assert result.returncode == 1
    assert "Unknown topic `sudn`" in result.stdout and "Did you mean `sudan`" in result.stdout


def test_db_option_and_environment_choose_the_file(tmp_path):
    claimwatch("topics", "add", "quake", "earthquake", "--db", "elsewhere.db", cwd=tmp_path)
    assert (tmp_path / "elsewhere.db").exists() and not (tmp_path / "claimwatch.db").exists()
    listed = claimwatch("topics", "list", cwd=tmp_path,
                        env={"CLAIMWATCH_DB": str(tmp_path / "elsewhere.db")})
    assert "quake" in listed.stdout


def test_a_feed_file_that_is_not_a_feed_is_refused_clearly(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Not a feed</h1></body></html>")
    result = claimwatch("feeds", "add", page.as_uri(), cwd=tmp_path)
    assert result.returncode == 1 and "Could not add" in result.stdout
    assert re.search(r"not a (readable )?feed", result.stdout)
    assert "No feeds yet" in claimwatch("feeds", "list", cwd=tmp_path).stdout


def test_extract_reads_jsonl_and_reports_bad_lines(tmp_path):
    lines = "\n".join([
        json.dumps({"id": "a", "text": "Floods killed 12 people in the north, police said.",
                    "published": "2025-03-02"}),
        "[1, 2",
        json.dumps({"id": "b", "text": "Markets rose 3% on Monday."}),
    ])
    result = claimwatch("extract", "--jsonl", "-", cwd=tmp_path, stdin=lines)
    assert result.returncode == 0
    assert "line 2: not JSON" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["claims"][0]["metric"] == "killed" and out[0]["claims"][0]["low"] == 12
    assert out[1]["claims"] == []


def test_extract_reads_words_spelled_with_case_folding_letters(tmp_path):
    # dotless i and long s match ASCII letters case-insensitively; they once crashed the run
    lines = "\n".join([
        json.dumps({"id": "a", "text": "Officials said 12 people were kılled and dozenſ hurt."}),
        json.dumps({"id": "b", "text": "Floods killed 9 people, police said."}),
    ])
    result = claimwatch("extract", "--jsonl", "-", cwd=tmp_path, stdin=lines)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["metric"], c["low"]) for c in out[0]["claims"]] == [("killed", 12),
                                                                  ("wounded", 24)]
    assert out[1]["claims"][0]["low"] == 9


def test_the_demo_prints_the_story_as_alerts(tmp_path):
    result = claimwatch("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for figure in ("about 30", "several hundred", "more than 3,000", "more than 6,000"):
        assert figure in result.stdout.lower()
    assert (tmp_path / "claimwatch-demo.db").exists()


def test_subscribe_can_ask_for_a_daily_digest(tmp_path):
    claimwatch("topics", "add", "gaza", "Gaza, Palestinians", cwd=tmp_path)
    result = claimwatch("subscribe", "gaza", "--slack-channel", "C9", "--digest-hour", "7",
                        cwd=tmp_path)
    assert result.returncode == 0 and "daily digest at 07:00 UTC" in result.stdout
    assert claimwatch("subscribe", "gaza", "--digest-hour", "24", cwd=tmp_path).returncode == 2
