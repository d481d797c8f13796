"""The question asked before quitting while changes wait for the server.

Unsynced changes are safe in the local outbox, so quitting loses nothing; the
question tells the user that they have not reached the server, so a colleague
will not see them yet, and offers to sync first.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import translate

log = logging.getLogger(__name__)


class QuitChoice(enum.Enum):
    QUIT = "quit"
    SYNC_FIRST = "sync_first"
    STAY = "stay"


class QuitTexts(QObject):
    """The question's texts; a class, because pyside6-lupdate marks a text as plural only in a self.tr call."""

    def question(self, unsynced: int, refused: int) -> str:
        """Return the question's text for `unsynced` waiting and `refused` rejected changes."""
        parts = []
        if unsynced:
            parts.append(self.tr(
                "%n change(s) saved on this computer have not reached the server yet. "
                "They stay saved and are sent at the next sync, but colleagues do not see them until then.",
                "", unsynced,
            ))
        if refused:
            parts.append(self.tr(
                "%n change(s) were rejected by the server and wait for you under Sync problems.", "", refused,
            ))
        parts.append(translate("QuitGuard", "Quit Kaidan now?"))
        return "\n\n".join(parts)


def quit_question(unsynced: int, refused: int) -> str:
    return QuitTexts().question(unsynced, refused)


def ask_before_quit(parent: QWidget, unsynced: int, refused: int, online: bool) -> QuitChoice:
    """Ask whether to quit with changes the server has not accepted; QUIT at once when there are none."""
    if not unsynced and not refused:
        return QuitChoice.QUIT
    box = QMessageBox(QMessageBox.Icon.Question, translate("QuitGuard", "Changes not on the server yet"),
                      quit_question(unsynced, refused), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("quitGuardBox")
    quit_button = box.addButton(translate("QuitGuard", "&Quit"), QMessageBox.ButtonRole.AcceptRole)
    sync_button = None
    if unsynced and online:
        sync_button = box.addButton(translate("QuitGuard", "&Sync now"), QMessageBox.ButtonRole.ActionRole)
    stay_button = box.addButton(translate("QuitGuard", "&Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(sync_button or stay_button)
    box.setEscapeButton(stay_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is quit_button:
        choice = QuitChoice.QUIT
    elif sync_button is not None and clicked is sync_button:
        choice = QuitChoice.SYNC_FIRST
    else:
        choice = QuitChoice.STAY
    log.info("quit asked with %d unsynced and %d refused changes: %s", unsynced, refused, choice.value)
    return choice
