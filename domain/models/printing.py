"""Print templates, synced so every PC prints the same, and the log of each print."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import ScaledDecimal, UTCDateTime


def Millimetres() -> ScaledDecimal:
    """Return the column type of a length in millimetres with 2 decimals (139.70 mm, a half form)."""
    return ScaledDecimal(2)


class PaperSize(str, enum.Enum):
    A4 = "a4"
    A5 = "a5"
    CONTINUOUS_FULL = "continuous_full"  # 241 x 279.4 mm
    CONTINUOUS_HALF = "continuous_half"  # 二等分, 241 x 139.7 mm
    CONTINUOUS_THIRD = "continuous_third"  # 三等分, 241 x 93.1 mm
    CUSTOM = "custom"


class Orientation(str, enum.Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class PrintTemplate(Replicated, Base):
    """Layout of one printed document type, in millimetres.

    `fields` is a list of placed fields (name, x, y, width, height, font,
    alignment); `columns` the table columns (field, title, width, alignment).
    """

    __tablename__ = "print_template"

    document_type: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(100))
    paper_size: Mapped[str] = mapped_column(String(20), default=PaperSize.A4.value)
    paper_width_mm: Mapped[Decimal] = mapped_column(Millimetres())
    paper_height_mm: Mapped[Decimal] = mapped_column(Millimetres())
    orientation: Mapped[str] = mapped_column(String(10), default=Orientation.PORTRAIT.value)
    margin_top_mm: Mapped[Decimal] = mapped_column(Millimetres(), default=Decimal(0))
    margin_bottom_mm: Mapped[Decimal] = mapped_column(Millimetres(), default=Decimal(0))
    margin_left_mm: Mapped[Decimal] = mapped_column(Millimetres(), default=Decimal(0))
    margin_right_mm: Mapped[Decimal] = mapped_column(Millimetres(), default=Decimal(0))
    fields: Mapped[list] = mapped_column(JSON, default=list)
    columns: Mapped[list] = mapped_column(JSON, default=list)
    rows_per_page: Mapped[int] = mapped_column(Integer, default=10)
    fill_blank_rows: Mapped[bool] = mapped_column(Boolean, default=True)
    # Pre-printed form mode (套打): print only the values over the form.
    preprinted_form: Mapped[bool] = mapped_column(Boolean, default=False)
    # Name of the scanned form image shown behind the layout while designing; never printed.
    background_image_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    background_image_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Fixed-width layout for dot-matrix printers (line width, form length in lines).
    text_mode: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Layout revision, raised on each saved design; print records name the one they used.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PrintRecord(Replicated, Base):
    """One print of a document; a reprint (补打) carries the reason the user gave.

    `department_id` is the department whose users receive the document: the
    warehouse's department for warehouse documents.
    """

    __tablename__ = "print_record"
    __replication__ = Replication("department", column="department_id")

    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # 1 for the first print; "补打 第N次" shows this number on a reprint.
    print_number: Mapped[int] = mapped_column(Integer)
    is_reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    template_id: Mapped[str | None] = fk("print_template.id", nullable=True)
    template_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    printed_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    printed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
