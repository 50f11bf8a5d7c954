"""The head-office server: FastAPI + SQLAlchemy on PostgreSQL (psycopg 3), SQLite embedded.

api (routes) -> admin (stores, terminals, enrollment), ingest (exactly-once events and
projections), audit (chain anchoring), queries (reports); db (engines, transactions),
migrate (its own Alembic scripts in migrations/). See docs/headoffice.md.

It may import app.domain, never the desktop UI (the layer contract test enforces it).
"""
