"""The head-office server: FastAPI + SQLAlchemy on PostgreSQL, SQLite embedded by default.

It may import app.domain, never the desktop UI (the layer contract test enforces it).
(Arrives with head office sync, issue 5.)
"""
