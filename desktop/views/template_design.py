"""The print template being edited in the designer: moves, resizes, paper changes and checks, in millimetres.

The template is held in domain.print_templates' dict form, the payload of
`print_template.save`, so the designer saves exactly what it edited and
unknown keys written by newer versions survive a round trip. No widgets
here: the canvas and the property panel call these methods and redraw.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import re
from typing import Any

from desktop.i18n import translate
from desktop.printing.template_model import TemplateSpec, template_from_dict
from domain.print_templates import PAPER_MM, default_template

log = logging.getLogger(__name__)

# Step of the arrow keys and of the snap grid, and the step of Shift+arrow.
FINE_STEP_MM = 0.5
COARSE_STEP_MM = 5.0
GRID_MM = 0.5
# Smallest box the designer lets a field shrink to by mouse.
MIN_SIZE_MM = 1.0
# The command's own slack for positions built from shares of the width.
SLACK_MM = 0.05

# Placeholders each document fills (desktop.printing.documents) and every page adds
# (template_engine.page_values). NOTE: kept by hand next to those two functions.
PAGE_PLACEHOLDERS = ("page", "pages", "page_subtotal", "total", "total_capitals")
PLACEHOLDERS = {
    "delivery_note": ("company", "number", "date", "customer_name", "address", "phone", "freight",
                      "document_discount", "reprint_mark") + PAGE_PLACEHOLDERS,
    "sales_return": ("company", "number", "date", "customer_name", "delivery_number", "warehouse_name", "reason",
                     "reprint_mark") + PAGE_PLACEHOLDERS,
    "quotation": ("company", "number", "date", "valid_until", "customer_name", "address", "phone", "price_title",
                  "tax_amount", "reprint_mark") + PAGE_PLACEHOLDERS,
    "sales_order": ("company", "number", "date", "customer_name", "address", "phone", "delivery_date_wanted",
                    "salesperson", "note", "freight", "document_discount", "reprint_mark") + PAGE_PLACEHOLDERS,
    "goods_receipt": ("company", "number", "date", "supplier_name", "warehouse_name", "note", "prepared_by",
                      "reprint_mark") + PAGE_PLACEHOLDERS,
    "stock_transfer": ("company", "number", "date", "from_warehouse", "to_warehouse", "note", "prepared_by",
                       "reprint_mark") + PAGE_PLACEHOLDERS,
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclasses.dataclass(frozen=True)
class Problem:
    """A layout mistake found before saving: the field it concerns and the translated message."""

    field: str
    message: str


def placeholders_in(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def snap(value: float, grid: float = GRID_MM) -> float:
    """Round `value` to the grid, and to 0.01 mm (the stored precision) so 0.1 + 0.2 does not leak into a save."""
    return round(round(value / grid) * grid, 2)


class TemplateDesign:
    """An editable copy of one template's dict form, with the saved copy it is compared with."""

    def __init__(self, data: dict[str, Any], revision: int = 0) -> None:
        self.data = copy.deepcopy(data)
        self.revision = revision
        self._saved = self._snapshot()
        self.background_sha256: str | None = data.get("background_image_sha256")
        self._saved_background = self.background_sha256

    @classmethod
    def default(cls, document_type: str, paper_size: str) -> TemplateDesign:
        return cls(default_template(document_type, paper_size))

    # -- reading ---------------------------------------------------------

    @property
    def document_type(self) -> str:
        return self.data["document_type"]

    @property
    def paper_size(self) -> str:
        return self.data["paper_size"]

    @property
    def paper_mm(self) -> tuple[float, float]:
        return float(self.data["paper_width_mm"]), float(self.data["paper_height_mm"])

    @property
    def margins_mm(self) -> tuple[float, float, float, float]:
        """Top, right, bottom and left margins."""
        return tuple(float(self.data.get(f"margin_{side}_mm") or 0) for side in ("top", "right", "bottom", "left"))

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.data["fields"]

    @property
    def columns(self) -> list[dict[str, Any]]:
        return self.data["columns"]

    @property
    def preprinted_form(self) -> bool:
        return bool(self.data.get("preprinted_form"))

    def field(self, name: str) -> dict[str, Any]:
        for field in self.fields:
            if field["name"] == name:
                return field
        raise KeyError(f"the template has no field named {name!r}")

    def table(self) -> dict[str, Any]:
        return next(field for field in self.fields if field["kind"] == "table")

    def placeholders(self) -> tuple[str, ...]:
        return PLACEHOLDERS.get(self.document_type, PAGE_PLACEHOLDERS)

    def spec(self) -> TemplateSpec:
        """Return the template as the engine reads it, for the live preview."""
        return template_from_dict(self.data, revision=max(1, self.revision))

    def is_modified(self) -> bool:
        return self._snapshot() != self._saved or self.background_sha256 != self._saved_background

    def mark_saved(self) -> None:
        self._saved = self._snapshot()
        self._saved_background = self.background_sha256

    def _snapshot(self) -> str:
        return json.dumps(self.data, sort_keys=True, default=str)

    # -- editing ---------------------------------------------------------

    def move_by(self, name: str, dx: float, dy: float) -> None:
        field = self.field(name)
        self.set_geometry(name, field["x_mm"] + dx, field["y_mm"] + dy, field["width_mm"], field["height_mm"])

    def set_geometry(self, name: str, x: float, y: float, width: float, height: float) -> None:
        """Place field `name`; the box stays on the paper and at least MIN_SIZE_MM wide and high.

        A table's height follows its rows, so only its position and width change.
        """
        field = self.field(name)
        paper_width, paper_height = self.paper_mm
        width = min(max(MIN_SIZE_MM, width), paper_width)
        height = min(max(MIN_SIZE_MM, height), paper_height)
        if field["kind"] == "table":
            height = field["height_mm"]
            self._fit_columns(width)
        field["x_mm"] = round(min(max(0.0, x), paper_width - width), 2)
        field["y_mm"] = round(min(max(0.0, y), max(0.0, paper_height - height)), 2)
        field["width_mm"] = round(width, 2)
        field["height_mm"] = round(height, 2)

    def set_property(self, name: str, key: str, value: Any) -> None:
        """Set a non-geometric property of field `name`: text, font_pt, bold, align or pages."""
        if key not in ("text", "font_pt", "bold", "align", "pages"):
            raise KeyError(f"{key!r} is not an editable field property")
        self.field(name)[key] = value

    def set_column_width(self, index: int, width: float) -> None:
        self.columns[index]["width_mm"] = round(max(MIN_SIZE_MM, width), 2)

    def set_column_title(self, index: int, title: str) -> None:
        self.columns[index]["title"] = title

    def set_rows_per_page(self, rows: int) -> None:
        """Set the lines per page; the table grows or shrinks by whole rows, the title and summary rows stay."""
        table = self.table()
        rows = max(1, int(rows))
        extra_rows = 1 + len(table.get("summary") or ())
        self.data["rows_per_page"] = rows
        table["height_mm"] = round((rows + extra_rows) * float(table.get("row_height_mm") or 6.0), 2)
        if self.data.get("text_mode"):
            self.data["text_mode"].pop("rows_per_page", None)

    def set_paper(self, paper_size: str) -> None:
        """Change the paper, keeping every field's place; fields beyond the new edge show up in check()."""
        width, height = PAPER_MM[paper_size]
        self.data["paper_size"] = paper_size
        self.data["paper_width_mm"] = width
        self.data["paper_height_mm"] = height

    def set_preprinted_form(self, on: bool) -> None:
        """Turn 套打 on or off. The texts keep their labels: the print engine prints only their values on a form."""
        self.data["preprinted_form"] = bool(on)

    def _fit_columns(self, table_width: float) -> None:
        # Columns share a resized table in their present proportions, so the table never prints wider than its box.
        total = sum(float(column["width_mm"]) for column in self.columns)
        if total <= 0 or abs(total - table_width) < 0.01:
            return
        for column in self.columns:
            column["width_mm"] = round(float(column["width_mm"]) * table_width / total - 0.005, 2)

    # -- checking and saving -------------------------------------------

    def check(self) -> list[Problem]:
        """Return the layout mistakes that would print badly or that the server rejects, in the user's language."""
        problems: list[Problem] = []
        paper_width, paper_height = self.paper_mm
        table = self.table()
        for field in self.fields:
            name = field["name"]
            if field["width_mm"] <= 0 or field["height_mm"] <= 0:
                problems.append(Problem(name, translate(
                    "TemplateDesign", "The field {field} has no size; give it a width and a height above 0 mm.").format(
                        field=name)))
            if (field["x_mm"] + field["width_mm"] > paper_width + SLACK_MM
                    or field["y_mm"] + field["height_mm"] > paper_height + SLACK_MM):
                problems.append(Problem(name, translate(
                    "TemplateDesign", "The field {field} reaches beyond the {width} × {height} mm paper; "
                    "move it or make it smaller.").format(field=name, width=f"{paper_width:g}",
                                                          height=f"{paper_height:g}")))
            if field is not table and field["kind"] == "text" and field["text"] and _overlap(field, table):
                problems.append(Problem(name, translate(
                    "TemplateDesign", "The field {field} overlaps the table of lines; move it above or below the table.")
                    .format(field=name)))
            unknown = [key for key in placeholders_in(field.get("text", "")) if key not in self.placeholders()]
            if unknown:
                problems.append(Problem(name, translate(
                    "TemplateDesign", "The field {field} uses {{{placeholder}}}, which this document does not fill; "
                    "pick one from the list of placeholders.").format(field=name, placeholder=unknown[0])))
        columns_width = sum(float(column["width_mm"]) for column in self.columns)
        if columns_width > table["width_mm"] + SLACK_MM:
            problems.append(Problem(table["name"], translate(
                "TemplateDesign", "The columns are {columns} mm wide in all, more than the {table} mm table; "
                "narrow a column or widen the table.").format(columns=f"{columns_width:g}",
                                                             table=f"{table['width_mm']:g}")))
        return problems

    def payload(self, accepted_keys: frozenset[str] | None = None) -> dict[str, Any]:
        """Return the `print_template.save` payload: the dict form with millimetre columns as decimal strings.

        `accepted_keys` names the payload keys the command takes; the background
        reference is sent only when the command takes it.
        """
        payload = copy.deepcopy(self.data)
        for key in ("paper_width_mm", "paper_height_mm", "margin_top_mm", "margin_bottom_mm", "margin_left_mm",
                    "margin_right_mm"):
            if key in payload:
                payload[key] = f"{float(payload[key]):.2f}"
        if self.background_sha256:
            payload["background_image_sha256"] = self.background_sha256
        if accepted_keys is not None:
            payload = {key: value for key, value in payload.items() if key in accepted_keys}
        payload["is_default"] = True
        return payload


def _overlap(field: dict[str, Any], other: dict[str, Any]) -> bool:
    # Touching edges do not count, so a header line may end where the table starts.
    return (field["x_mm"] < other["x_mm"] + other["width_mm"] - SLACK_MM
            and other["x_mm"] < field["x_mm"] + field["width_mm"] - SLACK_MM
            and field["y_mm"] < other["y_mm"] + other["height_mm"] - SLACK_MM
            and other["y_mm"] < field["y_mm"] + field["height_mm"] - SLACK_MM)
