"""`python -m bot` is the same as the `claimwatch` command."""

from bot.cli import main

main()
