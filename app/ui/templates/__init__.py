"""Template editors with a live preview of the real output (issue 11 item 3)."""
