"""Alembic environment of the evidence store.

`zopa.evidence.store.Store` runs the migrations itself, passing its open
connection in ``config.attributes["connection"]``; the ``alembic`` command line
works too, with ``sqlalchemy.url`` set in its configuration
(see :func:`zopa.evidence.store.alembic_config`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool


def _run_offline() -> None:
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as connection:
        context.configure(connection=connection, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


# Importing this file outside a migration run (pytest's doctest collection does) does nothing.
if getattr(context, "config", None) is not None:
    if context.is_offline_mode():
        _run_offline()
    else:
        _run_online()
