"""The morning brief (issue 8 item 6): yesterday's figures as a PDF by e-mail and/or a
WeCom or DingTalk robot message, at a set time, once per day and channel.

`fields` declares its store settings, `config` reads and saves them (secrets in the OS
keyring, `secrets`), `content` builds the brief, `channels` delivers it, `sending` runs a
send and records it, `schedule` finds the brief that is due (also one missed while the
PC was off). Keep this module free of imports: `app.services.settings` imports `fields`.
"""
