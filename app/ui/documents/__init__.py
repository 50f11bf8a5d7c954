"""Documents (单据): lists, the full view, PDF, reversal, and the approvals inbox. See docs/back-office.md."""
