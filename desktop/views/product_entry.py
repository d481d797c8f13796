"""The product cell of the order entry grid: finding a product from typed text, and the cell's editor.

A clerk types a product code, a barcode (or scans it), the pinyin initials
of the name (助记码, "pecb" for 普洱茶饼), or part of the code or name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.i18n import translate
from desktop.models.order_lines import ProductChoice

log = logging.getLogger(__name__)


class ProductIndex:
    """Finds a product from what was typed: an exact code, an exact barcode, then a unique code, name or initials match."""

    def __init__(self, products: tuple[ProductChoice, ...], inactive: tuple[ProductChoice, ...] = (),
                 barcodes: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.products = products
        self.by_code = {product.code.casefold(): product for product in products}
        self.by_id = {product.id: product for product in products}
        # Products that exist but may not be ordered, so a typed code gets a reason, not silence.
        self.inactive_by_code = {product.code.casefold(): product for product in inactive}
        # Barcode -> (product id, unit name) of the active products; a pack unit has its own barcode.
        self.barcodes = {code: found for code, found in (barcodes or {}).items() if found[0] in self.by_id}
        self.labels = [self.label(product) for product in products]

    @staticmethod
    def label(product: ProductChoice) -> str:
        return f"{product.code}  {product.name}"

    def scanned(self, text: str) -> tuple[ProductChoice, str] | None:
        """Return the product and unit whose barcode is exactly `text`, or None."""
        found = self.barcodes.get(text.strip())
        if found is None:
            return None
        return self.by_id[found[0]], found[1]

    def find(self, text: str) -> ProductChoice | None:
        typed = text.strip()
        if not typed:
            return None
        first_word = typed.split()[0].casefold()
        if first_word in self.by_code:
            return self.by_code[first_word]
        scanned = self.scanned(typed)
        if scanned is not None:
            return scanned[0]
        by_initials = [p for p in self.products if p.mnemonic and p.mnemonic.casefold() == typed.casefold()]
        if len(by_initials) == 1:
            return by_initials[0]
        matches = self.matches(typed)
        return matches[0] if len(matches) == 1 else None

    def matches(self, text: str) -> list[ProductChoice]:
        """Return the products whose code, name or pinyin initials contain `text`, ignoring case."""
        needle = text.strip().casefold()
        if not needle:
            return []
        return [p for p in self.products
                if needle in p.code.casefold() or needle in p.name.casefold() or needle in p.mnemonic.casefold()]

    def rejection(self, text: str) -> str:
        """Return the translated reason why `text` picks no product."""
        typed = text.strip()
        inactive = self.inactive_by_code.get(typed.split()[0].casefold()) if typed else None
        if inactive is not None:
            return translate("OrderGrid", "Product {code} ({name}) is inactive and cannot be ordered; choose another product.").format(
                code=inactive.code, name=inactive.name)
        return translate("OrderGrid", "No single product matches \"{text}\"; type a product code or more of its name.").format(
            text=typed)


# Minimum width of the product completer's popup in pixels, wider than the
# product column so the code, name and unit fit.
COMPLETER_MIN_WIDTH = 420


def completion_label(label: str, product: ProductChoice) -> str:
    """Return the completer's text of a product; the initials are in it so that typing them filters the list."""
    text = f"{label}  ({product.base_unit})"
    return f"{text}  {product.mnemonic}" if product.mnemonic else text


class ProductEditor(QLineEdit):
    """The product cell's editor.

    `chosen` is emitted when Enter picks a completion from the popup,
    `tabbed` (True forward, False backward) when Tab or Shift+Tab leaves it
    and `browse` when F2 asks for the product picker.
    """

    chosen = Signal()
    tabbed = Signal(bool)
    browse = Signal()

    def __init__(self, index: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = [completion_label(label, product) for label, product in zip(index.labels, index.products)]
        completer = QCompleter(labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.popup().setMinimumWidth(COMPLETER_MIN_WIDTH)
        self.setCompleter(completer)
        # With the popup open, QCompleter consumes Enter and Tab before the
        # delegate's event filter sees them and passes them to event() directly;
        # returnPressed and the event() override catch that path.
        self.returnPressed.connect(self.chosen)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.tabbed.emit(event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F2:
            self.browse.emit()
            return True
        return super().event(event)
