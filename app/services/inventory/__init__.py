"""The inventory core: posting documents, stock queries, invariant checks."""
