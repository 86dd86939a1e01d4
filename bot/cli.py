"""The `claimwatch` command. Each command is a thin adapter over one handler or job.

Imports are kept inside commands so that `claimwatch poll --once` pays only for what
it uses (a cron job that runs every minute should not load matplotlib or discord.py).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from bot.settings import Settings, SettingsError, load_settings

CLI_ACTOR_CHANNEL = "stdout"


class Context:
    """Settings and a lazily opened database, shared by one command's run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._db = None

    @property
    def db(self):
        if self._db is None:
            from storage import StorageError, open_database

            try:
                self._db = open_database(self.settings.db_path)
            except StorageError as error:
                raise click.ClickException(str(error)) from None
        return self._db


def with_db(command):
    """Give a command `--db PATH` and a `Context` as its first argument."""

    @click.option("--db", "db_path", metavar="PATH", envvar=None,
                  help="SQLite database file (default: $CLAIMWATCH_DB or ./claimwatch.db).")
    @functools.wraps(command)
    def wrapper(*args, db_path: str | None = None, **kwargs):
        try:
            settings = load_settings()
        except SettingsError as error:
            raise click.ClickException(str(error)) from None
        if db_path:
            from dataclasses import replace

            settings = replace(settings, db_path=db_path)
        _configure_logging(settings.log_level)
        return command(Context(settings), *args, **kwargs)

    return wrapper


def _configure_logging(level: str) -> None:
    import logging

    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)


def cli_actor() -> object:
    from handlers.commands import Actor

    return Actor(platform="console", channel=CLI_ACTOR_CHANNEL, can_manage=True)


def echo_reply(reply) -> None:
    from rich.console import Console

    from bot.console import render_reply

    render_reply(reply, Console(highlight=False))
    if not reply.ok:
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """claimwatch: watch news feeds for casualty estimates and alert when one changes."""


@main.command()
@with_db
def run(ctx: Context) -> None:
    """Poll feeds on schedule and serve the configured chat platforms until Ctrl-C."""
    from bot.runner import run_forever
    from bot.service import StartupError

    try:
        run_forever(ctx.settings, ctx.db)
    except StartupError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.option("--once", is_flag=True, help="Poll every feed once, deliver alerts, and exit.")
@with_db
def poll(ctx: Context, once: bool) -> None:
    """Poll feeds and deliver the alerts they cause (use --once from cron)."""
    from bot.runner import poll_once, run_forever

    if not once:
        run_forever(ctx.settings, ctx.db, chat=False)
        return
    summary = poll_once(ctx.settings, ctx.db)
    click.echo(summary, err=True)


@main.command()
@click.option("--keep", is_flag=True, help="Keep the demo database instead of starting fresh.")
@with_db
def demo(ctx: Context, keep: bool) -> None:
    """Replay the bundled sample feed into a console channel subscribed to `dprk`."""
    from bot.demo import run_demo

    path = None if ctx.settings.db_path == load_settings().db_path else ctx.settings.db_path
    run_demo(Path(path or "claimwatch-demo.db"), fresh=not keep)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@with_db
def ingest(ctx: Context, file: str) -> None:
    """Handle articles from a JSON-lines FILE (id, title, text, published, outlet, url)
    in published order, as if they had just arrived from a feed, then deliver alerts."""
    from bot.runner import ingest_file

    summary = ingest_file(ctx.settings, ctx.db, file)
    click.echo(summary, err=True)


@main.command()
@click.argument("file", required=False, default="-",
                type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--jsonl", is_flag=True, help="Read JSON lines (one article each).")
@click.option("--topics", "topics_file", type=click.Path(dir_okay=False),
              help="Topics TOML file (default: the topics in the database, if any).")
@click.option("--published", help="Publication date (ISO) for a plain-text article.")
@click.option("--db", "db_path", metavar="PATH",
              help="Read topics from this database when --topics is not given.")
def extract(file: str, jsonl: bool, topics_file: str | None, published: str | None,
            db_path: str | None) -> None:
    """Print the casualty claims in an article (FILE or - for stdin) as JSON."""
    from bot.extract_command import run_extract

    sys.exit(run_extract(file, jsonl=jsonl, topics_file=topics_file, published=published,
                         db_path=db_path))


@main.command()
@click.argument("topic")
@click.option("--metric", help="Only this metric (killed, wounded, casualties, ...).")
@click.option("--since", help="Only claims stated on or after this ISO date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--chart", "chart_path", metavar="PNG", type=click.Path(dir_okay=False),
              help="Also draw the estimates over time into this PNG file.")
@with_db
def claims(ctx: Context, topic: str, metric: str | None, since: str | None,
           as_json: bool, chart_path: str | None) -> None:
    """Show the history of estimates for TOPIC, current estimate per series first."""
    from handlers.commands import ClaimsReply, claims_history

    reply = claims_history(ctx.db, topic, metric=metric, since=since)
    if chart_path and isinstance(reply, ClaimsReply):
        from bot.charts import render_claims_chart

        Path(chart_path).write_bytes(render_claims_chart(reply))
        click.echo(f"chart written to {chart_path}", err=True)
    if as_json and isinstance(reply, ClaimsReply):
        from dataclasses import asdict

        click.echo(json.dumps(asdict(reply), indent=2, ensure_ascii=False))
        return
    echo_reply(reply)


@main.group()
def feeds() -> None:
    """Add, list, resume, explain, import, export and remove feeds."""


@feeds.command("add")
@click.argument("url")
@with_db
def feeds_add(ctx: Context, url: str) -> None:
    """Add a feed by URL (http, https or file://); it is checked once."""
    from bot.runner import add_feed_checked

    echo_reply(add_feed_checked(ctx.settings, ctx.db, url, added_by="operator"))


@feeds.command("list")
@with_db
def feeds_list(ctx: Context) -> None:
    """List feeds with their state, last success and last error."""
    from handlers.commands import list_feeds

    echo_reply(list_feeds(ctx.db))


@feeds.command("resume")
@click.argument("url")
@with_db
def feeds_resume(ctx: Context, url: str) -> None:
    """Resume a paused feed; it is polled again on the next cycle."""
    from bot.feed_admin import resume

    echo_reply(resume(ctx.db, url))


@feeds.command("explain")
@click.argument("url")
@with_db
def feeds_explain(ctx: Context, url: str) -> None:
    """Fetch URL now and say why its recent entries did or did not alert."""
    from bot.runner import explain_feed_now

    echo_reply(explain_feed_now(ctx.settings, ctx.db, url))


@feeds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@with_db
def feeds_import(ctx: Context, file: str) -> None:
    """Add the feeds listed in an OPML FILE (checked on their first poll)."""
    from bot.opml import OpmlError, import_opml

    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    try:
        report = import_opml(ctx.db, data)
    except OpmlError as error:
        raise click.ClickException(str(error)) from None
    click.echo(report.summary())


@feeds.command("export")
@with_db
def feeds_export(ctx: Context) -> None:
    """Print every feed as OPML (redirect to a file to save it)."""
    from bot.opml import export_opml

    sys.stdout.buffer.write(export_opml(ctx.db))


@feeds.command("remove")
@click.argument("url")
@with_db
def feeds_remove(ctx: Context, url: str) -> None:
    """Remove a feed (its articles and claims stay in the history)."""
    from handlers.commands import remove_feed

    echo_reply(remove_feed(ctx.db, cli_actor(), url))


@main.group()
def topics() -> None:
    """Add, list, remove and import topics."""


@topics.command("add")
@click.argument("key")
@click.argument("aliases")
@click.option("--name", default="", help="Display name (default: the key).")
@with_db
def topics_add(ctx: Context, key: str, aliases: str, name: str) -> None:
    """Add or replace topic KEY with comma-separated ALIASES."""
    from handlers.commands import add_topic

    echo_reply(add_topic(ctx.db, cli_actor(), key, aliases, name))


@topics.command("list")
@with_db
def topics_list(ctx: Context) -> None:
    """List topics and their aliases."""
    from handlers.commands import list_topics

    echo_reply(list_topics(ctx.db))


@topics.command("remove")
@click.argument("key")
@with_db
def topics_remove(ctx: Context, key: str) -> None:
    """Remove topic KEY and its subscriptions."""
    from handlers.commands import remove_topic

    echo_reply(remove_topic(ctx.db, cli_actor(), key))


@topics.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@with_db
def topics_import(ctx: Context, file: str) -> None:
    """Import topics from a TOML FILE ([topics.KEY] with name and aliases)."""
    from bot.inputs import InputError, read_topics_toml
    from storage.topics import save_topic

    try:
        loaded = read_topics_toml(file)
    except InputError as error:
        raise click.ClickException(str(error)) from None
    for topic in loaded:
        save_topic(ctx.db, topic)
    click.echo(f"imported {len(loaded)} topics: {', '.join(t.key for t in loaded)}")


def _destination_options(command):
    command = click.option("--workspace", default="",
                           help="Discord guild ID or Slack team ID.")(command)
    command = click.option("--slack-channel", metavar="ID")(command)
    command = click.option("--discord-channel", metavar="ID")(command)
    command = click.option("--console", is_flag=True, help="This terminal (the default).")(
        command)
    return command


def _actor(console: bool, discord_channel: str | None, slack_channel: str | None,
           workspace: str):
    from handlers.commands import Actor

    chosen = [name for name, value in (("console", console), ("discord", discord_channel),
                                       ("slack", slack_channel)) if value]
    if len(chosen) > 1:
        raise click.UsageError("choose one of --console, --discord-channel, --slack-channel")
    if discord_channel:
        return Actor("discord", discord_channel, workspace, can_manage=True)
    if slack_channel:
        return Actor("slack", slack_channel, workspace, can_manage=True)
    return Actor("console", CLI_ACTOR_CHANNEL, can_manage=True)


@main.command()
@click.argument("topic")
@_destination_options
@click.option("--digest-hour", type=click.IntRange(0, 23), metavar="H",
              help="Instead of alerts as they happen, one daily digest at H:00 UTC.")
@with_db
def subscribe(ctx: Context, topic: str, console: bool, discord_channel: str | None,
              slack_channel: str | None, workspace: str, digest_hour: int | None) -> None:
    """Send alerts for TOPIC to a channel (default: this console); subscribing a paused
    subscription again resumes it."""
    from handlers.commands import subscribe as subscribe_handler

    actor = _actor(console, discord_channel, slack_channel, workspace)
    echo_reply(subscribe_handler(ctx.db, actor, topic, digest_hour=digest_hour))


@main.command()
@click.argument("topic")
@_destination_options
@with_db
def unsubscribe(ctx: Context, topic: str, console: bool, discord_channel: str | None,
                slack_channel: str | None, workspace: str) -> None:
    """Stop alerts for TOPIC in a channel."""
    from handlers.commands import unsubscribe as unsubscribe_handler

    actor = _actor(console, discord_channel, slack_channel, workspace)
    echo_reply(unsubscribe_handler(ctx.db, actor, topic))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@with_db
def alerts(ctx: Context, as_json: bool) -> None:
    """Show the outbox, oldest first: what was decided, for whom, and whether it was sent."""
    from bot.outbox_listing import outbox_rows, print_outbox

    rows = outbox_rows(ctx.db)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print_outbox(rows)
