"""The initial schema: documents and their claims.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("issue", sa.String(200), nullable=False),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("position", sa.Text(), nullable=False),
        sa.Column("option", sa.String(200), nullable=True),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("extractor", sa.String(100), nullable=False),
        sa.Column("position_key", sa.String(16), nullable=False),
        sa.CheckConstraint("span_start >= 0 AND span_start <= span_end", name="ck_claims_span"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_claims_confidence"),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_actor_issue", "claims", ["actor", "issue"])
    op.create_index("ix_claims_issue_date", "claims", ["issue", "date"])
    op.create_index("ix_claims_position_key", "claims", ["position_key"])


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("documents")
