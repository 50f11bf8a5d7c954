"""The Head office section: sync status (queue, failed events, clock, peer documents) and
other stores' stock (live from head office, else the last snapshot with its age)."""
