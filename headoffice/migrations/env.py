"""Alembic environment of the head office: runs on the connection `headoffice.migrate`
hands over, never on a URL from a config file (so a password never sits in alembic.ini)."""
from alembic import context

from headoffice.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite",
                  transactional_ddl=True, transaction_per_migration=True,
                  version_table="hq_alembic_version")
with context.begin_transaction():
    context.run_migrations()
