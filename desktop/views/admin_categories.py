"""Customer categories (客户分类) of the Administration page: payment terms, price level, default credit limit.

Categories have no active flag, so this list has no Deactivate button.
A category that should not be picked any more is renamed or left unused.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from PySide6.QtWidgets import QComboBox

from desktop.i18n import translate
from desktop.models.admin_rows import load_categories
from desktop.models.customer_form import FieldError
from desktop.models.order_models import format_money
from desktop.models.paged_model import Column
from desktop.views.admin_form import CHOICE, MONEY, NUMBER, TEXT, AdminFormDialog, required
from desktop.views.admin_list_tab import AdminListTab
from domain.ids import new_id
from domain.models.pricing import PriceLevel

CONTEXT = "AdminCategories"
# Ten years, as the category command allows: longer terms are a typing error.
MAX_PAYMENT_TERMS_DAYS = 3650
# Money columns store two decimal places; a third is an input error, never rounded away.
CENTS = Decimal("0.01")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def price_level_label(level: str | None) -> str:
    """Return a price level's name in the user's language; a level outside PriceLevel shows as its code."""
    labels = {
        PriceLevel.WHOLESALE.value: translate("AdminCategories", "Wholesale price"),
        PriceLevel.RETAIL.value: translate("AdminCategories", "Retail price"),
        PriceLevel.KEY_ACCOUNT.value: translate("AdminCategories", "Key account price"),
        PriceLevel.EXPORT.value: translate("AdminCategories", "Export price"),
    }
    return labels.get(level or "", level or "")


class CategoryDialog(AdminFormDialog):
    fields = (("code", TEXT), ("name", TEXT), ("payment_terms_days", NUMBER), ("price_level", CHOICE),
              ("default_credit_limit", MONEY))

    def __init__(self, context, row=None, parent=None, used_levels: tuple[str, ...] = ()) -> None:
        # Levels that other categories store but PriceLevel lacks stay choosable, shown by their code.
        self.used_levels = used_levels
        super().__init__(context, row, parent)
        self.setObjectName("categoryDialog")

    def fill_choices(self, field: str, combo: QComboBox) -> None:
        combo.addItem(translate("AdminCategories", "None (list prices)"), None)
        for level in PriceLevel:
            combo.addItem(price_level_label(level.value), level.value)
        known = {level.value for level in PriceLevel}
        for level in sorted(set(self.used_levels) - known):
            combo.addItem(level, level)

    def labels(self) -> dict[str, str]:
        return {
            "code": translate("AdminCategories", "&Code:"),
            "name": translate("AdminCategories", "&Name:"),
            "payment_terms_days": translate("AdminCategories", "&Payment terms (days):"),
            "price_level": translate("AdminCategories", "Price &level:"),
            "default_credit_limit": translate("AdminCategories", "Default cre&dit limit:"),
        }

    def window_title(self) -> str:
        if self.is_new:
            return translate("AdminCategories", "New customer category")
        return translate("AdminCategories", "Edit customer category {code}").format(code=self.row["code"])

    def initial_values(self) -> dict[str, Any]:
        return {"payment_terms_days": 30}

    def shown(self, field: str, value: Any) -> str:
        if field == "default_credit_limit":
            return format_money(value)
        return super().shown(field, value)

    def clean(self, field: str, text: str) -> Any:
        text = text.strip()
        if field == "payment_terms_days":
            return int(text)
        if field == "default_credit_limit":
            return _decimal(text).quantize(CENTS) if text else None
        return text or None

    def check(self, values: dict[str, Any]) -> list[FieldError]:
        errors = required({field: values[field].strip() for field in ("code", "name", "payment_terms_days")},
                          "code", "name", "payment_terms_days")
        days = values["payment_terms_days"].strip()
        if days and not days.isdigit():
            errors.append(FieldError("payment_terms_days", "invalid_number",
                                     {"field": "payment_terms_days", "value": days}))
        elif days and int(days) > MAX_PAYMENT_TERMS_DAYS:
            errors.append(FieldError("payment_terms_days", "value_out_of_range", {
                "field": "payment_terms_days", "value": days, "minimum": 0, "maximum": MAX_PAYMENT_TERMS_DAYS}))
        limit_text = values["default_credit_limit"].strip()
        if limit_text:
            limit = _decimal(limit_text)
            if limit is None:
                errors.append(FieldError("default_credit_limit", "invalid_number",
                                         {"field": "default_credit_limit", "value": limit_text}))
            elif limit < 0:
                errors.append(FieldError("default_credit_limit", "value_negative",
                                         {"field": "default_credit_limit", "value": limit_text}))
            elif limit != limit.quantize(CENTS):
                errors.append(FieldError("default_credit_limit", "too_many_decimal_places",
                                         {"field": "default_credit_limit", "value": limit_text, "places": 2}))
        return errors

    def command(self, values: dict[str, Any], changed: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if self.is_new:
            fields = {field: _wire(value) for field, value in values.items()
                      if field not in ("code", "name") and value is not None}
            return "customer_category.create", {"id": new_id(), "code": values["code"], "name": values["name"],
                                                "fields": fields}
        return "customer_category.update", {"id": self.row["id"],
                                            "fields": {field: _wire(value) for field, value in changed.items()}}


def _wire(value: Any) -> Any:
    """Return a value as the payload carries it: a Decimal travels as its string, never as a float."""
    return str(value) if isinstance(value, Decimal) else value


class CategoriesTab(AdminListTab):
    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("AdminCategories", "Code"), width=110),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("AdminCategories", "Name"), width=220),
        Column("payment_terms_days", CONTEXT, QT_TRANSLATE_NOOP("AdminCategories", "Payment terms (days)"),
               align_right=True, width=140),
        Column("price_level", CONTEXT, QT_TRANSLATE_NOOP("AdminCategories", "Price level"), width=120),
        Column("default_credit_limit", CONTEXT, QT_TRANSLATE_NOOP("AdminCategories", "Default credit limit"),
               align_right=True),
    )
    tables = frozenset({"customer_category"})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.setObjectName("categoriesTab")

    def loader(self):
        return load_categories

    def formatters(self):
        return {"price_level": lambda row: price_level_label(row["price_level"]),
                "default_credit_limit": lambda row: format_money(row["default_credit_limit"])}

    def make_dialog(self, row):
        used = tuple(level for level in (row["price_level"] for row in self.model.rows()) if level)
        return CategoryDialog(self.context, row, self, used_levels=used)

    def texts(self) -> dict[str, str]:
        return {
            "search": translate("AdminCategories", "Search by code, name or price level"),
            "add": translate("AdminCategories", "New category... (Ctrl+N)"),
            "edit": translate("AdminCategories", "Edit... (Enter)"),
            "count": translate("AdminCategories", "Categories: {count}"),
        }
