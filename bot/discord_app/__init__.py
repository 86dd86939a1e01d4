"""The Discord adapter: slash commands over the gateway, and alerts over the REST API.

    stop = await start_discord(settings, db)   # connects in the background
    ...
    await stop()

`sender.DiscordSender` posts alerts without a gateway connection, so `claimwatch poll
--once` from cron can deliver too. Named `discord_app` so it never shadows `discord`.
"""
