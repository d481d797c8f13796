"""The reprint (补打) dialog: how often a document was printed, and the required reason for printing it again.

Keyboard-first: the reason field has the focus, Enter prints once a reason is
typed, Esc cancels. The OK button stays disabled while the reason is blank,
so a reprint never goes out without one.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.i18n import translate
from domain.commands.handlers.print_records import MAX_REASON_LENGTH

log = logging.getLogger(__name__)


class ReprintDialog(QDialog):
    """Ask why a document that was printed before is printed again.

    `documents` lists (number, print count) of every document about to be
    reprinted: one for a single print, several for a batch print.
    """

    def __init__(self, documents: list[tuple[str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not documents:
            raise ValueError("ReprintDialog needs at least one document that was printed before")
        self.setObjectName("ReprintDialog")
        self.setWindowTitle(self.tr("Reprint"))
        if len(documents) == 1:
            number, count = documents[0]
            summary = self.tr("{number} was printed %n time(s) before. This print will be marked {mark}.", "", count).format(
                number=number, mark=reprint_mark(count + 1))
        else:
            lines = [self.tr("%n of the selected documents were printed before. Each reprint is marked with its number:",
                             "", len(documents))]
            lines += [self.tr("{number}: {mark}").format(number=number, mark=reprint_mark(count + 1))
                      for number, count in documents]
            summary = "\n".join(lines)

        self.summary = QLabel(summary, self)
        self.summary.setObjectName("reprintSummary")
        self.summary.setWordWrap(True)
        reason_label = QLabel(self.tr("&Reason for the reprint (required):"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reprintReason")
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
        self.reason_edit.setPlaceholderText(self.tr("For example: the customer lost the copy, the printer jammed"))
        reason_label.setBuddy(self.reason_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Reprint"))
        self.ok_button.setEnabled(False)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def accept(self) -> None:
        # Enter in the line edit reaches accept() even while the button is disabled.
        if not self.reason:
            self.reason_edit.setFocus()
            return
        super().accept()


def reprint_mark(print_number: int) -> str:
    """Return the mark a reprint carries on paper ("补打 第2次" in Chinese); empty for the first print."""
    if print_number <= 1:
        return ""
    return translate("ReprintMark", "Reprint no. {number}").format(number=print_number)
