"""Escaping and shortening untrusted text for Discord (plain strings, no network)."""

from __future__ import annotations

import discord

from bot.discord_app.embeds import fit_embed
from bot.discord_app.text import link, neutralise_mentions, shorten, untrusted


def test_shorten_keeps_short_text_and_marks_cut_text():
    assert shorten("about 300", 20) == "about 300"
    assert shorten("more than 3,000 soldiers", 10) == "more than…"
    assert len(shorten("x" * 5000, 256)) == 256


def test_untrusted_text_loses_its_markdown_and_mentions():
    text = untrusted("@everyone <@123> <@&456> **bold** `code` [x](http://evil.example)")
    assert "**bold**" not in text and "\\*\\*bold\\*\\*" in text
    assert "@everyone" not in text and "<@123>" not in text and "<@&456>" not in text
    assert "\\[x" in text


def test_untrusted_text_is_flattened_and_never_ends_in_a_broken_escape():
    text = untrusted("line one\n# heading\n" + "*" * 300, 50)
    assert "\n" not in text and len(text) <= 50
    assert not text.endswith("\\")


def test_a_heading_marker_at_the_start_is_escaped():
    assert untrusted("# Breaking").startswith("\\#")


def test_mentions_of_any_length_are_broken():
    assert neutralise_mentions("hi @here and <@!42>") == "hi @\u200bhere and <@\u200b!42>"


def test_links_only_for_plain_web_urls():
    assert link("Daily Lantern", "https://lantern.example/a", 100) == \
        "[Daily Lantern](https://lantern.example/a)"
    assert link("Odd ] outlet", "https://x.example/a", 100) == \
        "[Odd \\] outlet](https://x.example/a)"
    assert link("Sneaky", "javascript:alert(1)", 100) == "Sneaky"
    assert link("Spaces", "https://x.example/a b", 100) == "Spaces"


def test_fit_embed_respects_every_limit():
    embed = discord.Embed(title="t" * 1000, description="d" * 9000)
    for _ in range(40):
        embed.add_field(name="n" * 400, value="v" * 2000)
    embed.set_footer(text="f" * 3000)
    fitted = fit_embed(embed)
    assert len(fitted.title) <= 256 and len(fitted.description) <= 4096
    assert len(fitted.fields) <= 25
    assert all(len(f.name) <= 256 and len(f.value) <= 1024 for f in fitted.fields)
    assert len(fitted) <= 6000
    assert fitted.fields  # shortened, not emptied
