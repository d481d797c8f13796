"""Collect the visible strings of a widget tree, and the source texts of the zh_CN translation."""

from __future__ import annotations

import pathlib
import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

TS_PATH = pathlib.Path(__file__).resolve().parents[2] / "resources" / "translations" / "kaidan_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def translation_entries() -> list[tuple[str, str, str]]:
    """Return (context, source, translation) of every message in the .ts."""
    entries = []
    for context in ET.parse(TS_PATH).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text or "".join(form.text or "" for form in translation.iter("numerusform"))
            entries.append((name, message.findtext("source"), text))
    return entries


def source_pattern(source: str) -> re.Pattern:
    """Match a source text with its {placeholders} and %n filled in by anything."""
    parts = re.split(r"(\{[a-z_]*\}|%n)", source)
    return re.compile("".join(".*?" if re.fullmatch(r"\{[a-z_]*\}|%n", part) else re.escape(part) for part in parts) + r"\Z", re.S)


def collect_strings(root: QWidget) -> list[tuple[str, str]]:
    """Return (where, text) of every user-visible string of `root` and its descendants.

    Covers texts, window titles, tool tips, placeholder texts, item views'
    column headers, list and combo box items, menus and actions; cell values
    of item views are data and are left out.
    """
    found: list[tuple[str, str]] = []

    def add(where: str, text: object) -> None:
        # Default headers are row and column numbers, not text.
        if isinstance(text, str) and text.strip():
            found.append((where, text.replace("&", "")))

    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        add(f"{name}.toolTip", widget.toolTip())
        if widget.isWindow():
            add(f"{name}.windowTitle", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(f"{name}.text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(f"{name}.text", widget.text())
        if isinstance(widget, QLineEdit):
            add(f"{name}.placeholderText", widget.placeholderText())
        if isinstance(widget, QGroupBox):
            add(f"{name}.title", widget.title())
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(f"{name}.tab", widget.tabText(index))
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                # Items with data are records (warehouses); items without are labels.
                if widget.itemData(index) is None:
                    add(f"{name}.item", widget.itemText(index))
        if isinstance(widget, QListWidget):
            for index in range(widget.count()):
                add(f"{name}.item", widget.item(index).text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                add(f"{name}.header", model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        if isinstance(widget, QMenu):
            add(f"{name}.title", widget.title())
        for action in widget.actions():
            add(f"{name}.action", action.text())
            add(f"{name}.action.toolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            add("menuBar.action", action.text())
    return found
