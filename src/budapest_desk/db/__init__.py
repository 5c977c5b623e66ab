"""Database layer: SQLAlchemy models, engine, migrations. Imports nothing else of the app."""
