"""Access keys (Alt+letter) on Qt's standard dialog buttons, in every language.

Qt names the standard buttons of QMessageBox and QDialogButtonBox through
the "QPlatformTheme" translation context, and most of those names carry no
access key ("丢弃", "Cancel"). ButtonKeyTranslator is installed after Qt's and
Kaidan's own translators, so Qt queries it first and it returns the texts below.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator


def button_texts() -> dict[str, str]:
    """Return Qt's standard button names mapped to Kaidan's translated names with an access key."""
    return {
        "OK": QCoreApplication.translate("ButtonKeys", "&OK"),
        "Save": QCoreApplication.translate("ButtonKeys", "&Save"),
        "Close": QCoreApplication.translate("ButtonKeys", "&Close"),
        "Cancel": QCoreApplication.translate("ButtonKeys", "&Cancel"),
        "Discard": QCoreApplication.translate("ButtonKeys", "&Discard"),
        "Apply": QCoreApplication.translate("ButtonKeys", "&Apply"),
    }


class ButtonKeyTranslator(QTranslator):
    """Translates Qt's standard button names to names with an access key.

    The texts are read once at installation, after the other translators,
    because QCoreApplication.translate inside translate() would call this
    translator again.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.texts = button_texts()

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None becomes a null QString, which makes Qt ask the next translator; "" would blank the text.
        if context == "QPlatformTheme":
            return self.texts.get(source_text)
        return None
