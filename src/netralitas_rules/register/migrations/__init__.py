"""Alembic migrations of the register, shipped in the package and applied on open
(:func:`netralitas_rules.register.store.Register`). A new schema change is a new file in
``versions/``; an applied file is never edited."""
