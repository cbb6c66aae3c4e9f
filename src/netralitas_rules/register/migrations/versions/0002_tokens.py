"""The service's access tokens: role, scope and the salted hash of each secret.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tokens table (netralitas_rules.service.tokens)."""
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("agency", sa.String(500)),
        sa.Column("label", sa.String(200)),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    """Drop the tokens (every token stops working)."""
    op.drop_table("tokens")
