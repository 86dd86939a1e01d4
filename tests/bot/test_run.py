"""`claimwatch run` starts the scheduler, polls, and stops cleanly on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time

from storage import open_database
from storage.feeds import get_feed
from tests.cli import claimwatch
from tests.conftest import SAMPLES


def _polled(folder, url: str) -> bool:
    db = open_database(folder / "claimwatch.db")
    try:
        return bool(get_feed(db, url).last_success)
    finally:
        db.close()


def test_run_polls_on_start_and_shuts_down_cleanly(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes((SAMPLES / "dprk-feed.xml").read_bytes())
    assert claimwatch("feeds", "add", feed.as_uri(), cwd=tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CLAIMWATCH_", "DISCORD_", "SLACK_"))}
    env["CLAIMWATCH_POLL_INTERVAL"] = "3600"
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _polled(tmp_path, feed.as_uri()):
            time.sleep(0.3)
        polled = _polled(tmp_path, feed.as_uri())
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert polled, "the scheduler never polled the feed"
    assert process.returncode == 0, stderr
    assert "shutting down" in stderr and "Traceback" not in stderr


def test_a_chat_platform_that_cannot_start_is_one_clear_error(tmp_path):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    result = claimwatch("run", cwd=tmp_path, env={
        "DISCORD_TOKEN": "not-a-real-token",
        "DISCORD_API_BASE": f"http://127.0.0.1:{closed_port}/api/v10"})
    assert result.returncode == 1
    assert "Error: discord did not start" in result.stderr
    assert "DISCORD_TOKEN" in result.stderr and "Traceback" not in result.stderr
    assert "not-a-real-token" not in result.stderr
