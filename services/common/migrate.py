"""Schema migrations with Alembic, one history per service (``services/<service>/migrations``).

``cityplat migrate SERVICE`` creates the PostgreSQL database when it is missing (the server
must be reachable), then upgrades to head.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import create_engine, pool, text

from services.common.db import make_engine, normalise_url


def alembic_config(service: str, url: str) -> Config:
    folder = Path(importlib.import_module(f"services.{service}").__file__).parent / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["service"] = service
    return cfg


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database named in ``url`` if it does not exist; True if created."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "postgresql":
        return False
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
                return True
    finally:
        admin.dispose()
    return False


def upgrade(service: str, url: str, revision: str = "head") -> None:
    ensure_database(url)
    command.upgrade(alembic_config(service, url), revision)


def run_env(metadata) -> None:
    """Body of every service's ``migrations/env.py``."""
    url = context.config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                              compare_type=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()
