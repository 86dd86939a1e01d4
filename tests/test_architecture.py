"""Imports go one way: bot/ -> handlers/ -> storage/; chat and HTTP libraries stay in bot/."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "storage": {"bot", "handlers", "discord", "slack_bolt", "slack_sdk", "aiohttp",
                "matplotlib", "feedparser", "apscheduler", "rich"},
    "handlers": {"bot", "discord", "slack_bolt", "slack_sdk", "aiohttp", "matplotlib",
                 "feedparser", "apscheduler", "rich"},
}


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upwards(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_package_shadows_a_chat_library():
    assert not (ROOT / "bot" / "discord").exists() and not (ROOT / "bot" / "slack").exists()
