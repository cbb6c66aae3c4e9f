"""The register: cases, events, decision log; events and log append-only.

Revision ID: 0001
Revises:
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = ("events", "decision_log")


def upgrade() -> None:
    """Create the tables and the triggers that keep events and the log append-only."""
    op.create_table(
        "cases",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("asn_id", sa.String(200), nullable=False),
        sa.Column("agency", sa.String(500)),
        sa.Column("region", sa.String(500)),
        sa.Column("election", sa.String(200), nullable=False),
        sa.Column("election_kind", sa.String(50)),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date()),
        sa.Column("due_what", sa.String(100)),
        sa.Column("closed_on", sa.Date()),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cases_verdict", "cases", ["verdict"])
    op.create_index("ix_cases_agency", "cases", ["agency"])
    op.create_index("ix_cases_due_on", "cases", ["due_on"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(200), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "seq", name="uq_events_case_seq"),
    )
    op.create_table(
        "decision_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(200), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("regulations_hash", sa.String(128), nullable=False),
        sa.Column("library_version", sa.String(100), nullable=False),
        sa.Column("backend", sa.String(50), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("verdicts", sa.JSON(), nullable=False),
        sa.Column("due_on", sa.Date()),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_decision_log_case", "decision_log", ["case_id", "seq"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION netralitas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$"
        )
        for table in _APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION netralitas_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION netralitas_append_only()"
            )
    else:
        for table in _APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
                )


def downgrade() -> None:
    """Drop everything (the log's history goes with it: only for a scratch database)."""
    for table in ("decision_log", "events", "cases"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS netralitas_append_only()")
