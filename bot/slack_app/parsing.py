"""Reading the text typed after `/claims` and `/claimwatch`; plain strings in, data out.

The command scheme (also in docs/slack.md and `HELP`):

    /claims TOPIC [METRIC] [chart]
    /claimwatch subscribe TOPIC [digest HOUR]
    /claimwatch unsubscribe TOPIC
    /claimwatch subscriptions
    /claimwatch topics list | topics add KEY ALIASES | topics remove KEY
    /claimwatch feeds list | feeds add URL | feeds remove URL | feeds resume URL
    /claimwatch feeds explain URL
    /claimwatch help

TOPIC may be several words (a key, name or alias: `dprk`, `North Korea`).
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.models import METRICS

HELP = """*claimwatch commands*
`/claims TOPIC [METRIC]` — estimates for a topic: the current one per series, then the history, newest first. METRIC is one of: {metrics}.
`/claims TOPIC [METRIC] chart` — the same history as a chart.
`/claimwatch subscribe TOPIC [digest HOUR]` — alert this channel when an estimate changes, or send one daily digest at HOUR (0-23 UTC).
`/claimwatch unsubscribe TOPIC` — stop alerts for a topic here.
`/claimwatch subscriptions` — what this channel follows, and whether delivery is paused.
`/claimwatch topics list` · `topics add KEY ALIAS, ALIAS` · `topics remove KEY`
`/claimwatch feeds list` · `feeds add URL` · `feeds remove URL` · `feeds resume URL` · `feeds explain URL` (why recent entries did or did not alert)
Changing subscriptions, topics or feeds is for workspace admins and members of the admin user group.""".format(  # noqa: E501
    metrics=", ".join(METRICS))

# Subcommands that change something, so the adapter reads the user's permissions first.
MANAGING = frozenset({"subscribe", "unsubscribe", "topics add", "topics remove", "feeds add",
                      "feeds remove", "feeds resume"})
FEED_URL_VERBS = ("add", "remove", "resume", "explain")


@dataclass(frozen=True)
class ClaimsQuery:
    topic: str
    metric: str | None = None
    chart: bool = False


@dataclass(frozen=True)
class ClaimwatchCommand:
    """One `/claimwatch` request: `action` names the subcommand; `usage` is set when malformed."""

    action: str
    argument: str = ""
    aliases: str = ""
    digest_hour: int | None = None
    usage: str = ""

    @property
    def managing(self) -> bool:
        return self.action in MANAGING


def parse_claims(text: str) -> ClaimsQuery | None:
    """`dprk`, `North Korea killed`, `dprk killed chart`; None when no topic is given."""
    words = text.split()
    chart = bool(words) and words[-1].lower() == "chart"
    if chart:
        words = words[:-1]
    metric = None
    if len(words) > 1 and words[-1].lower() in METRICS:
        metric = words.pop().lower()
    if not words:
        return None
    return ClaimsQuery(topic=" ".join(words), metric=metric, chart=chart)


def parse_claimwatch(text: str) -> ClaimwatchCommand:
    words = text.split()
    if not words or words[0].lower() in ("help", "?"):
        return ClaimwatchCommand("help")
    verb, rest = words[0].lower(), words[1:]
    if verb in ("subscribe", "unsubscribe"):
        return _subscription_command(verb, rest)
    if verb == "subscriptions":
        return ClaimwatchCommand("subscriptions")
    if verb in ("topics", "feeds"):
        return _admin_command(verb, rest)
    return ClaimwatchCommand("help", usage=f"Unknown subcommand `{verb[:40]}`.")


def _subscription_command(verb: str, rest: list[str]) -> ClaimwatchCommand:
    digest_hour = None
    if verb == "subscribe" and len(rest) >= 2 and rest[-2].lower() == "digest":
        if not rest[-1].isdigit():
            return ClaimwatchCommand(verb, usage="Usage: `subscribe TOPIC [digest HOUR]`, "
                                                 "HOUR 0-23 (UTC).")
        digest_hour, rest = int(rest[-1]), rest[:-2]
    if not rest:
        return ClaimwatchCommand(verb, usage=f"Usage: `{verb} TOPIC`.")
    return ClaimwatchCommand(verb, argument=" ".join(rest), digest_hour=digest_hour)


def _admin_command(noun: str, rest: list[str]) -> ClaimwatchCommand:
    sub = rest[0].lower() if rest else "list"
    arguments = rest[1:]
    action = f"{noun} {sub}"
    if sub == "list":
        return ClaimwatchCommand(action)
    if noun == "topics" and sub == "add":
        if len(arguments) < 2:
            return ClaimwatchCommand(action, usage="Usage: `topics add KEY ALIAS, ALIAS`.")
        return ClaimwatchCommand(action, argument=arguments[0], aliases=" ".join(arguments[1:]))
    if sub in ("add", "remove") or (noun == "feeds" and sub in FEED_URL_VERBS):
        if len(arguments) != 1:
            what = "KEY" if noun == "topics" else "URL"
            return ClaimwatchCommand(action, usage=f"Usage: `{noun} {sub} {what}`.")
        return ClaimwatchCommand(action, argument=_unwrap_link(arguments[0]))
    return ClaimwatchCommand("help", usage=f"Unknown subcommand `{noun} {sub[:40]}`.")


def _unwrap_link(word: str) -> str:
    """Slack may send a pasted URL as `<https://x|x>` (when escaping is on); keep the URL."""
    if word.startswith("<") and word.endswith(">"):
        return word[1:-1].split("|", 1)[0]
    return word
