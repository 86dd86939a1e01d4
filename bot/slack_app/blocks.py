"""Block Kit for alerts and command replies, built from the neutral views in `handlers/`.

Everything that came from an article or a user is escaped (`&`, `<`, `>`) before it is
put into mrkdwn, so `<!channel>`, `<!here>` or `<@U123>` in a headline prints as text and
pings nobody; every text object is `verbatim` so Slack does not link-ify names on its own.
Texts are shortened to Block Kit's limits (3000 characters per section, 150 per header,
50 blocks per message) instead of being rejected by Slack.

Nothing here talks to Slack; the functions return the JSON-ready dicts that
`chat.postMessage` and `respond()` take.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from handlers.alerts import AlertView, human_date
from handlers.commands import ClaimsReply, HistoryEntry, Reply
from handlers.pagination import page_of

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
FALLBACK_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000
MAX_BLOCKS = 50
ENTRIES_PER_PAGE = 8
MAX_CURRENT_LINES = 12
PAGE_ACTION_PREFIX = "claims_page"
PREVIOUS_PAGE_ACTION = f"{PAGE_ACTION_PREFIX}_previous"
NEXT_PAGE_ACTION = f"{PAGE_ACTION_PREFIX}_next"
ALERT_EVENT_TYPE = "claimwatch_alert"
BARE_URL = re.compile(r"https?://[^\s<>|`]+")


def escape(text: str) -> str:
    """Slack's three control characters, escaped as Slack asks; nothing else changes."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, for raw (unescaped) text."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit(mrkdwn: str, limit: int = SECTION_LIMIT) -> str:
    """Escaped mrkdwn cut to `limit` without leaving half an entity or half a link."""
    if len(mrkdwn) <= limit:
        return mrkdwn
    cut = mrkdwn[: limit - 1]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[: cut.rfind("&")]
    return cut.rstrip() + "…"


def link(url: str, label: str) -> str:
    """A mrkdwn link for http(s) URLs; anything else is shown as escaped text, not linked."""
    label_text = escape(shorten(label or url, 200)).replace("|", "¦")
    if not url.lower().startswith(("http://", "https://")):
        return label_text
    # Characters that would end the link markup early are percent-encoded.
    safe_url = quote(url[:1000], safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{escape(safe_url)}|{label_text}>"


def escape_with_links(text: str) -> str:
    """Escaped text in which bare http(s) URLs become links (notices, digests, feed lists)."""
    parts, done = [], 0
    for match in BARE_URL.finditer(text):
        url = match.group().rstrip(".,;:!?)'\"")  # trailing punctuation stays text
        parts += [escape(text[done:match.start()]), link(url, url)]
        done = match.start() + len(url)
    return "".join(parts) + escape(text[done:])


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": fit(text), "verbatim": True}


def section(text: str) -> dict:
    return {"type": "section", "text": mrkdwn(text)}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "emoji": False,
                                       "text": plain(shorten(text, HEADER_LIMIT))}}


def plain(text: str) -> str:
    """Text for plain_text objects, which show entities literally: angle brackets become
    look-alikes, so no markup survives whichever way a client reads it."""
    return text.replace("<", "‹").replace(">", "›")


def context(text: str) -> dict:
    return {"type": "context", "elements": [mrkdwn(text)]}


def fallback(text: str) -> str:
    """The notification text shown where blocks are not: escaped and shortened as well."""
    return fit(escape(shorten(text, FALLBACK_LIMIT)), FALLBACK_LIMIT)


# ---------------------------------------------------------------- alerts


def alert_message(view: AlertView) -> dict:
    """`chat.postMessage` arguments (text, blocks, metadata) for one alert."""
    blocks = [header(view.headline), section(_alert_body(view))]
    if view.evidence:
        blocks.append(context("> " + escape(shorten(view.evidence, 600))))
    return {
        "text": fallback(f"{view.headline} — {view.claimant}"),
        "blocks": blocks,
        "metadata": alert_metadata(view.key),
    }


def alert_metadata(alert_key: str) -> dict:
    """Message metadata that lets the sender find its own post again after a restart."""
    return {"event_type": ALERT_EVENT_TYPE, "event_payload": {"alert_key": alert_key}}


def _alert_body(view: AlertView) -> str:
    figure = f"*{escape(shorten(view.figure, 100))}* {escape(view.metric)}"
    if view.subject:
        figure += f" — {escape(shorten(view.subject, 200))}"
    claimant = escape(shorten(view.claimant, 200))
    if view.hedge:
        claimant += f" _({escape(shorten(view.hedge, 100))})_"
    previous = (f"{escape(shorten(view.previous, 300))} — *{escape(view.change)}*"
                if view.previous else escape(view.change))
    source = link(view.url, view.outlet or "source")
    lines = [
        figure,
        f"*Claimed by:* {claimant}, {escape(view.stated_on)}",
        f"*Previous:* {previous}",
        f"*Source:* {source}, {escape(view.published or 'undated')}",
    ]
    if view.title:
        lines.append(escape(shorten(view.title, 300)))
    return "\n".join(lines)


def notice_message(text: str) -> dict:
    return {"text": fallback(text), "blocks": [section(escape_with_links(shorten(text, 2500)))]}


# ---------------------------------------------------------------- replies


def reply_message(reply: Reply) -> dict:
    """`respond()` arguments for a short reply; ephemeral replies stay with the asker."""
    return {
        "text": fallback(reply.text),
        "blocks": [section(escape_with_links(reply.text))],
        "response_type": "ephemeral" if reply.ephemeral else "in_channel",
    }


def claims_message(reply: ClaimsReply, *, page: int = 1, metric: str | None = None) -> dict:
    """`respond()` arguments for a claims history: current estimates, then one page of it."""
    entries = reply.entries()
    shown = page_of(entries, page, ENTRIES_PER_PAGE)
    topic = reply.topic
    blocks: list[dict] = [header(f"{topic.key} — {topic.name}")]
    if not entries:
        blocks.append(section("No estimates recorded for this topic yet."))
    else:
        blocks.append(section(_current_estimates(reply)))
        blocks.append({"type": "divider"})
        blocks.extend(section(_entry_text(entry)) for entry in shown.items)
        blocks.append(context(f"Page {shown.number} of {shown.count} · {len(entries)} "
                              f"estimates, newest first"))
        if shown.count > 1:
            blocks.append(_page_buttons(topic.key, metric, shown.number, shown.count))
    return {
        "text": fallback(f"Estimates for {topic.key}: page {shown.number} of {shown.count}"),
        "blocks": blocks[:MAX_BLOCKS],
        "response_type": "in_channel",
    }


def _current_estimates(reply: ClaimsReply) -> str:
    """One line per series, as many as fit in a section, then how many were left out."""
    lines = ["*Current estimates*"]
    budget = SECTION_LIMIT - 100  # room for the "more series" line
    for view in reply.series[:MAX_CURRENT_LINES]:
        current = view.current
        line = (f"• {escape(shorten(view.label, 120))}: *{escape(shorten(current.figure, 80))}*"
                f" — {escape(shorten(current.claimant, 120))}, "
                f"{escape(human_date(current.stated_on))}")
        if sum(len(text) + 1 for text in lines) + len(line) > budget:
            break
        lines.append(line)
    hidden = len(reply.series) - (len(lines) - 1)
    if hidden > 0:
        lines.append(f"…and {hidden} more series (narrow with a metric, e.g. `killed`)")
    return "\n".join(lines)


def _entry_text(entry: HistoryEntry) -> str:
    repeated = max(entry.sources - 1, 0)
    outlets = getattr(entry, "repeated_by", ())
    repeaters = f" ({escape(shorten(', '.join(outlets), 300))})" if outlets else ""
    hedge = f" _({escape(shorten(entry.hedge, 80))})_" if entry.hedge else ""
    period = f" ({escape(shorten(entry.period, 80))})" if entry.period else ""
    return "\n".join([
        f"*{escape(shorten(entry.figure, 100))}* {escape(entry.metric)}{period} — "
        f"{escape(shorten(entry.claimant, 200))}{hedge}",
        f"First reported {escape(human_date(entry.stated_on))} · "
        f"{link(entry.url, entry.outlet or 'source')} · "
        f"repeated by {repeated} other source{'s' if repeated != 1 else ''}{repeaters}",
    ])


def _page_buttons(topic_key: str, metric: str | None, number: int, count: int) -> dict:
    buttons = []
    if number > 1:
        buttons.append(_button("◀ Newer", PREVIOUS_PAGE_ACTION, topic_key, metric, number - 1))
    if number < count:
        buttons.append(_button("Older ▶", NEXT_PAGE_ACTION, topic_key, metric, number + 1))
    return {"type": "actions", "block_id": "claims_pages", "elements": buttons}


def _button(label: str, action_id: str, topic_key: str, metric: str | None, page: int) -> dict:
    value = json.dumps({"topic": topic_key, "metric": metric or "", "page": page})
    return {"type": "button", "action_id": action_id,
            "text": {"type": "plain_text", "text": label},
            "value": value[:BUTTON_VALUE_LIMIT]}


def parse_page_value(value: str) -> tuple[str, str | None, int] | None:
    """The (topic, metric, page) a pagination button carries, or None if it is malformed."""
    try:
        data = json.loads(value)
        return str(data["topic"]), (str(data["metric"]) or None), int(data["page"])
    except (ValueError, KeyError, TypeError):
        return None
