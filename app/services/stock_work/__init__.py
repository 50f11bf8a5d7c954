"""Stock work in the back office (issue 7 item 3): the stock list by warehouse and batch,
write-offs with a reason and a photo, transfers out and in, stocktakes (snapshot, blind
counts, handheld files, variance, submission for approval) and the near-expiry list with
markdown suggestions. Every document goes through `inventory.posting` / `lifecycle`."""
