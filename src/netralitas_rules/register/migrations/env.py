"""Alembic environment: migrate the connection the register hands in
(``config.attributes["connection"]``), inside its transaction."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from netralitas_rules.register.schema import Base

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection)
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
