"""Polling bench: 2,000 generated feeds x 20 entries on loopback nginx, claimwatch beside
the feed-reader library `reader` on the same files, in the same run.

    python bench/feeds_bench.py [--feeds 2000] [--entries 20] [--cycles 10]

Cycles, each a whole `claimwatch poll --once` process (start-up included), with the RSS
of its process tree (workers included) sampled every 200 ms:
  1. first poll: every entry recorded, claims extracted into the history, no alerts;
  2. every feed answers 304;
  3. 5% of the feeds have one new entry with a new figure (alerts queued in the outbox);
then, in one long-lived process, `--cycles` cycles of 5% changes, to see whether memory
stays flat. `reader` (pip install reader; never a claimwatch dependency) runs cycles 1-3
with 8 worker threads. nginx is installed with apt-get if absent; without it, an aiohttp
static server (with ETag and Last-Modified) stands in. Results go to stdout and to
bench/results/feeds-<time>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.feeds.generate import add_new_entries, generate  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TOPICS = ROOT / "bot" / "samples" / "topics.toml"
TARGETS = {"first_feeds_per_s": 50, "first_entries_per_s": 1000,
           "not_modified_feeds_per_s": 1000, "peak_rss_mb": 300}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(directory: Path, work: Path) -> tuple[subprocess.Popen, int, str]:
    """nginx (installed if absent) serving `directory`; the aiohttp stand-in otherwise."""
    port = free_port()
    if not shutil.which("nginx") and shutil.which("apt-get"):
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install "
                       "-y -qq nginx", shell=True, check=False, capture_output=True)
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if nginx:
        conf = work / "nginx.conf"
        conf.write_text(f"""
daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/nginx-error.log;
user root;
events {{ worker_connections 4096; }}
http {{
  access_log off; sendfile on; keepalive_requests 100000; etag on;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  types {{ application/rss+xml xml; }}
  server {{ listen 127.0.0.1:{port}; root {directory}; }}
}}
""")
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)])
        kind = "nginx"
    else:
        process = subprocess.Popen([sys.executable, "-c", (
            "import sys; from aiohttp import web; app = web.Application(); "
            "app.router.add_static('/', sys.argv[1]); "
            "web.run_app(app, host='127.0.0.1', port=int(sys.argv[2]), print=None)"),
            str(directory), str(port)])
        kind = "aiohttp static server"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return process, port, kind


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS (MB) summed over `pid` and its descendants."""
    pids, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            children = []
        pids += [int(child) for child in children]
        frontier += [int(child) for child in children]
    rss = pss = 0.0
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            pass
    return rss, pss


def run_measured(command: list[str], env: dict) -> dict:
    """Run a command; wall time and peak tree RSS/PSS, sampled every 200 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peaks = {"rss": 0.0, "pss": 0.0}

    def sample() -> None:
        while process.poll() is None:
            rss, pss = tree_rss_mb(process.pid)
            peaks["rss"], peaks["pss"] = max(peaks["rss"], rss), max(peaks["pss"], pss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    summary = [line for line in stderr.splitlines() if line.startswith("polled")]
    return {"seconds": seconds, "peak_rss_mb": peaks["rss"], "peak_pss_mb": peaks["pss"],
            "summary": summary[-1] if summary else stderr[-300:]}


def claimwatch_env(db: Path) -> dict:
    return {**os.environ, "CLAIMWATCH_DB": str(db), "CLAIMWATCH_LOG_LEVEL": "WARNING",
            "CLAIMWATCH_MAX_CONCURRENCY": "50", "CLAIMWATCH_PER_HOST_CONCURRENCY": "50",
            "PYTHONPATH": str(ROOT)}


def prepare_claimwatch(db: Path, urls: list[str], env: dict) -> None:
    subprocess.run(["claimwatch", "topics", "import", str(TOPICS)], env=env, check=True,
                   capture_output=True)
    from storage import open_database
    from storage.feeds import add_feed
    from storage.subscriptions import subscribe

    database = open_database(db)
    for url in urls:
        add_feed(database, url)
    for topic in ("dprk", "ukraine-war", "gaza", "sudan", "quake"):
        # A Slack channel with no Slack token: alerts wait in the outbox, nothing is posted.
        subscribe(database, platform="slack", workspace="T1", channel="C-bench", topic=topic)
    database.close()


def count(db: Path, sql: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


READER_CYCLE = """
import sys, time, resource
from reader import make_reader
reader = make_reader(sys.argv[1])
if sys.argv[2] == "add":
    for url in open(sys.argv[3]).read().split():
        reader.add_feed(url, exist_ok=True)
    sys.exit(0)
started = time.perf_counter()
reader.update_feeds(workers=8, scheduled=False)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_reader(db: Path, urls: list[str], label: str) -> dict | None:
    try:
        import reader  # noqa: F401
    except ImportError:
        print("reader is not installed (pip install reader): skipped", flush=True)
        return None
    if label == "first":
        listing = db.with_suffix(".urls")
        listing.write_text("\n".join(urls))
        subprocess.run([sys.executable, "-c", READER_CYCLE, str(db), "add", str(listing)],
                       check=True)
    command = [sys.executable, "-c", READER_CYCLE, str(db), "update"]
    process = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, max_rss_kb = process.stdout.split()
    return {"seconds": float(seconds), "peak_rss_mb": int(max_rss_kb) / 1024}


SERVICE_LOOP = """
import asyncio, sys, time
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from bench.feeds.generate import add_new_entries
from bot.fetching import Fetcher
from bot.polling import PollOptions, poll_feeds
from storage import open_database

def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

db = open_database(sys.argv[1])
directory, feeds, entries, cycles = Path(sys.argv[2]), int(sys.argv[3]), 20, int(sys.argv[5])
async def main():
    fetcher = Fetcher(max_concurrency=50, per_host=50)
    try:
        for number in range(cycles):
            add_new_entries(directory, feeds=feeds, entries=entries, fraction=0.05,
                            round_number=2 + number)
            started = time.perf_counter()
            results = await poll_feeds(db, fetcher, now=lambda: datetime.now(UTC),
                                       options=PollOptions(workers=1))
            print(f"{time.perf_counter() - started:.3f} {rss_mb():.1f} "
                  f"{sum(r.alerts for r in results)}", flush=True)
    finally:
        await fetcher.close()
asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--cycles", type=int, default=10)
    arguments = parser.parse_args()
    feeds, entries = arguments.feeds, arguments.entries
    work = Path(tempfile.mkdtemp(prefix="claimwatch-bench-"))
    os.chmod(work, 0o755)
    data = work / "feeds"
    generate(data, feeds=feeds, entries=entries)
    server, port, kind = start_server(data, work)
    report: dict = {"feeds": feeds, "entries_per_feed": entries, "server": kind,
                    "cpus": os.cpu_count()}
    try:
        urls = [f"http://127.0.0.1:{port}/feed{number}.xml" for number in range(feeds)]
        db, reader_db = work / "claimwatch.db", work / "reader.sqlite"
        env = claimwatch_env(db)
        prepare_claimwatch(db, urls, env)
        poll = ["claimwatch", "poll", "--once"]
        total = feeds * entries

        first = run_measured(poll, env)
        first["feeds_per_s"] = feeds / first["seconds"]
        first["entries_per_s"] = total / first["seconds"]
        first["articles"] = count(db, "SELECT count(*) FROM articles")
        first["claims"] = count(db, "SELECT count(*) FROM claims")
        first["alerts"] = count(db, "SELECT count(*) FROM alerts")
        report["first"] = first
        report["reader_first"] = run_reader(reader_db, urls, "first")
        show("first cycle", first, report["reader_first"], feeds, total)

        cached = run_measured(poll, env)
        cached["feeds_per_s"] = feeds / cached["seconds"]
        report["not_modified"] = cached
        report["reader_not_modified"] = run_reader(reader_db, urls, "304")
        show("304 cycle", cached, report["reader_not_modified"], feeds, total)

        changed = add_new_entries(data, feeds=feeds, entries=entries, fraction=0.05,
                                  round_number=1)
        alerts_before = count(db, "SELECT count(*) FROM alerts")
        fresh = run_measured(poll, env)
        fresh["feeds_per_s"] = feeds / fresh["seconds"]
        fresh["changed_feeds"] = changed
        fresh["alerts"] = count(db, "SELECT count(*) FROM alerts") - alerts_before
        report["five_percent"] = fresh
        report["reader_five_percent"] = run_reader(reader_db, urls, "5%")
        show("5% cycle", fresh, report["reader_five_percent"], feeds, total)

        loop = subprocess.run([sys.executable, "-c", SERVICE_LOOP, str(db), str(data),
                               str(feeds), str(ROOT), str(arguments.cycles)],
                              capture_output=True, text=True, env=env)
        if loop.returncode:
            raise SystemExit(loop.stderr[-3000:])
        rows = [line.split() for line in loop.stdout.splitlines()]
        report["service_cycles"] = [{"seconds": float(s), "rss_mb": float(r),
                                     "alerts": int(a)} for s, r, a in rows]
        print("long-lived process, 5% cycles: " + ", ".join(
            f"{float(s):.2f}s/{float(r):.0f}MB/{a} alerts" for s, r, a in rows))
    finally:
        server.terminate()
        server.wait(timeout=10)
    report["targets"] = TARGETS
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"feeds-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"written to {out}")
    shutil.rmtree(work, ignore_errors=True)


def show(label: str, ours: dict, theirs: dict | None, feeds: int, total: int) -> None:
    line = (f"{label}: claimwatch {ours['seconds']:.2f}s = {feeds / ours['seconds']:.0f} "
            f"feeds/s, {total / ours['seconds']:.0f} entries/s, peak RSS "
            f"{ours['peak_rss_mb']:.0f} MB (PSS {ours['peak_pss_mb']:.0f} MB) — "
            f"{ours['summary']}")
    if theirs:
        line += (f"\n    reader {theirs['seconds']:.2f}s = {feeds / theirs['seconds']:.0f} "
                 f"feeds/s, peak RSS {theirs['peak_rss_mb']:.0f} MB; claimwatch is "
                 f"{theirs['seconds'] / ours['seconds']:.1f}x reader's speed")
    print(line, flush=True)


if __name__ == "__main__":
    main()
