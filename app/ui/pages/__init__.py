"""One page per main-window section."""
