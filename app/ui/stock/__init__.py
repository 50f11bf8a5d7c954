"""The Stock section: stock by warehouse and batch, transfers, write-offs, stocktakes,
near expiry and low stock (issue 7 item 3), with Excel import and export."""
