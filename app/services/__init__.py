"""Use cases: one command, one handler, one unit of work."""
