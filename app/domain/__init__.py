"""Pure business rules. Imports only the standard library (a test enforces it)."""
