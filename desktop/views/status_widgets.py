"""Small status-bar widgets: a clickable label and the bar of lasting notices."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.i18n import translate

log = logging.getLogger(__name__)


class ClickableLabel(QLabel):
    """A label that emits `clicked` on a left click while `clickable` is True, with a pointing-hand cursor."""

    clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._clickable = False

    @property
    def clickable(self) -> bool:
        return self._clickable

    def set_clickable(self, clickable: bool) -> None:
        self._clickable = clickable
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._clickable and event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            return
        super().mouseReleaseEvent(event)


class NoticeBar(QFrame):
    """Lasting notes above the status bar, one row each, wrapped to the window's width, each with a close button.

    Sync messages in the status bar are replaced by every attempt; a notice
    here stays until the user closes it, so a note about a rebuilt replica or
    an unsaved sign-in is read in full.
    """

    # Emitted with the notice's key after the user closed it.
    dismissed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#noticeBar { background: #fff8e1; border: 1px solid #e0c36c; }")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 3, 3, 3)
        self._layout.setSpacing(2)
        self._rows: dict[str, tuple[QWidget, QLabel, QToolButton]] = {}
        self.hide()

    def show_notice(self, key: str, text: str) -> None:
        """Show `text` as the notice `key`, replacing that key's earlier text; an empty text removes it."""
        if not text:
            self.remove(key)
            return
        if key in self._rows:
            self._rows[key][1].setText(text)
        else:
            row = QWidget(self)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text, row)
            label.setObjectName(f"notice_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            close = QToolButton(row)
            close.setObjectName(f"closeNotice_{key}")
            close.setText("×")
            close.setAutoRaise(True)
            close.clicked.connect(lambda checked=False, closed=key: self._close(closed))
            layout.addWidget(label, 1)
            layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
            self._layout.addWidget(row)
            self._rows[key] = (row, label, close)
        self.retranslate()
        self.show()

    def remove(self, key: str) -> None:
        found = self._rows.pop(key, None)
        if found is not None:
            found[0].deleteLater()
        self.setVisible(bool(self._rows))

    def text(self, key: str) -> str | None:
        found = self._rows.get(key)
        return found[1].text() if found is not None else None

    def label(self, key: str) -> QLabel | None:
        found = self._rows.get(key)
        return found[1] if found is not None else None

    def close_button(self, key: str) -> QToolButton | None:
        found = self._rows.get(key)
        return found[2] if found is not None else None

    def keys(self) -> list[str]:
        return list(self._rows)

    def retranslate(self) -> None:
        for _row, _label, close in self._rows.values():
            close.setToolTip(translate("MainWindow", "Close this note"))

    def _close(self, key: str) -> None:
        log.info("notice %s closed by the user", key)
        self.remove(key)
        self.dismissed.emit(key)
