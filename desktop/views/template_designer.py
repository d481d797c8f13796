"""The print template designer: the page to lay out with mouse or keyboard, the property panel and a live preview.

Saving (Ctrl+S) checks the layout and submits `print_template.save` through
the outbox, so the template reaches every PC at the next sync. 套打 mode
(printing over a pre-printed form) keeps only the values in the texts and
shows a scanned image of the form behind the layout. That image stays on
this PC (see template_backgrounds) and is never printed.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.printing.layout import print_font_family
from desktop.views.template_backgrounds import BackgroundError, BackgroundStore
from desktop.views.template_canvas import TemplateCanvas
from desktop.views.template_design import TemplateDesign
from desktop.views.template_panel import TemplatePanel
from desktop.views.template_preview import PreviewPane, render_page
from domain.commands.handlers.print_templates import PrintTemplateSave
from domain.print_templates import PAPER_MM, default_template, template_id

log = logging.getLogger(__name__)

# Quiet time after the last edit before the preview is painted again.
PREVIEW_DELAY_MS = 200
# The keys print_template.save takes; the rest of a stored row (revision, sync columns) stays out of the payload.
SAVE_KEYS = frozenset(PrintTemplateSave.model_fields)


def document_label(document_type: str) -> str:
    return {
        "delivery_note": translate("TemplateDesigner", "Delivery note"),
        "sales_return": translate("TemplateDesigner", "Sales return note"),
        "quotation": translate("TemplateDesigner", "Quotation"),
        "sales_order": translate("TemplateDesigner", "Sales order"),
        "goods_receipt": translate("TemplateDesigner", "Goods receipt"),
        "stock_transfer": translate("TemplateDesigner", "Stock transfer"),
    }.get(document_type, document_type)


def paper_label(paper_size: str) -> str:
    return {
        "a4": translate("TemplateDesigner", "A4 (210 × 297 mm)"),
        "a5": translate("TemplateDesigner", "A5 (148 × 210 mm)"),
        "continuous_full": translate("TemplateDesigner", "Continuous form 241 mm, whole (241 × 279.4 mm)"),
        "continuous_half": translate("TemplateDesigner", "Continuous form 241 mm, halved (241 × 139.7 mm)"),
        "continuous_third": translate("TemplateDesigner", "Continuous form 241 mm, thirds (241 × 93.1 mm)"),
    }.get(paper_size, paper_size)


class TemplateDesigner(QDialog):
    """Edits one template; `saved` carries the template id once print_template.save is queued."""

    saved = Signal(str)

    def __init__(self, context: AppContext, design: TemplateDesign, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDesigner")
        self.context = context
        self.design = design
        self.backgrounds = BackgroundStore(context.data_dir)
        if design.background_sha256 is None:
            design.background_sha256 = self.backgrounds.digest_for(design.data["id"])
            design.mark_saved()
        self._preview_generation = 0

        self.paper_combo = QComboBox(self)
        self.paper_combo.setObjectName("templatePaper")
        for paper in PAPER_MM:
            self.paper_combo.addItem("", paper)
        self.paper_combo.activated.connect(lambda index: self._change_paper(self.paper_combo.itemData(index)))
        self.paper_label = QLabel(self)
        self.paper_label.setBuddy(self.paper_combo)
        self.preprinted_check = QCheckBox(self)
        self.preprinted_check.setObjectName("templatePreprinted")
        self.preprinted_check.toggled.connect(self._toggle_preprinted)
        self.background_button = QPushButton(self)
        self.background_button.setObjectName("templateBackground")
        self.background_button.setAutoDefault(False)
        self.background_button.clicked.connect(self.choose_background)
        self.clear_background_button = QPushButton(self)
        self.clear_background_button.setAutoDefault(False)
        self.clear_background_button.clicked.connect(lambda: self.set_background(None))
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("templateReset")
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset_to_default)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("templateSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)

        self.canvas = TemplateCanvas(print_font_family(), self)
        self.panel = TemplatePanel(design, self)
        self.preview = PreviewPane(self)
        self.canvas.edited.connect(self._canvas_edited)
        self.canvas.moved_by_key.connect(self._moved_by_key)
        self.canvas.selected.connect(self.panel.show_field)
        self.panel.field_chosen.connect(self.canvas.select)
        self.panel.changed.connect(self._panel_changed)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("templateProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b00020;")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("templateMessage")

        top = QHBoxLayout()
        for widget in (self.paper_label, self.paper_combo, self.preprinted_check, self.background_button,
                       self.clear_background_button):
            top.addWidget(widget)
        top.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.preview)
        splitter.setSizes([600, 320, 400])
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        for button in (self.reset_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(buttons)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self._render_preview)
        self.resize(1400, 800)
        self.retranslate()
        self._show_design()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("TemplateDesigner", "Print template: {document}, {paper}").format(
            document=document_label(self.design.document_type), paper=paper_label(self.design.paper_size)))
        self.paper_label.setText(translate("TemplateDesigner", "&Paper:"))
        for index in range(self.paper_combo.count()):
            self.paper_combo.setItemText(index, paper_label(self.paper_combo.itemData(index)))
        self.preprinted_check.setText(translate("TemplateDesigner", "P&re-printed form (print values only)"))
        self.background_button.setText(translate("TemplateDesigner", "Form &image…"))
        self.background_button.setToolTip(translate(
            "TemplateDesigner", "A scan of the pre-printed form, shown behind the layout while designing and never "
            "printed. It stays on this computer; other computers get the layout without it."))
        self.clear_background_button.setText(translate("TemplateDesigner", "Remove i&mage"))
        self.reset_button.setText(translate("TemplateDesigner", "Reset to &default"))
        self.save_button.setText(translate("TemplateDesigner", "&Save (Ctrl+S)"))
        self.close_button.setText(translate("TemplateDesigner", "C&lose"))

    # -- showing ---------------------------------------------------------

    def _show_design(self) -> None:
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(self.design.paper_size)))
        self.preprinted_check.blockSignals(True)
        self.preprinted_check.setChecked(self.design.preprinted_form)
        self.preprinted_check.blockSignals(False)
        self.canvas.show_design(self.design)
        self._show_background()
        self.panel.reload()
        self._after_edit()

    def _show_background(self) -> None:
        digest = self.design.background_sha256
        path = self.backgrounds.path(digest) if self.backgrounds.has(digest) else None
        self.canvas.set_background(path, self.design.paper_mm)
        self.clear_background_button.setEnabled(digest is not None)
        if digest and path is None:
            self.message_label.setText(translate(
                "TemplateDesigner", "The form image of this template is on another computer; choose it again "
                "here to design over it. Printing does not need it."))

    def _after_edit(self) -> None:
        problems = self.design.check()
        self.problems_label.setText("\n".join(problem.message for problem in problems))
        self.preview_timer.start()

    def _render_preview(self) -> None:
        try:
            spec = self.design.spec()
        except (KeyError, TypeError, ValueError) as error:
            log.info("no preview of template %s: %s", self.design.data.get("id"), error)
            return
        self._preview_generation += 1
        generation = self._preview_generation

        def shown(image) -> None:
            if generation == self._preview_generation:
                self.preview.show_image(image)

        self.context.tasks.run(lambda control: render_page(spec), on_result=shown,
                               on_error=lambda error: log.warning("template preview failed: %s", error))

    # -- editing ---------------------------------------------------------

    def _canvas_edited(self, name: str, x: float, y: float, width: float, height: float) -> None:
        self.design.set_geometry(name, x, y, width, height)
        self.canvas.show_design(self.design)
        self.panel.show_field(name)
        self._after_edit()

    def _moved_by_key(self, name: str, dx: float, dy: float) -> None:
        self.design.move_by(name, dx, dy)
        self.canvas.show_design(self.design)
        self.panel.show_field(name)
        self._after_edit()

    def _panel_changed(self) -> None:
        self.canvas.show_design(self.design)
        self._after_edit()

    def _change_paper(self, paper: str) -> None:
        if paper == self.design.paper_size:
            return
        # A template belongs to one paper, so the edited layout becomes the template of the new paper.
        self.design.set_paper(paper)
        self.design.data["id"] = template_id(self.design.document_type, paper)
        self.retranslate()
        self._show_design()

    def _toggle_preprinted(self, on: bool) -> None:
        self.design.set_preprinted_form(on)
        self.panel.reload()
        self.canvas.show_design(self.design)
        self._after_edit()

    def choose_background(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, translate("TemplateDesigner", "Scanned form image"), "",
            translate("TemplateDesigner", "Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_background(pathlib.Path(path))

    def set_background(self, path: pathlib.Path | None) -> None:
        """Store the image at `path` and show it behind the layout, or remove the background with None."""
        if path is None:
            self.design.background_sha256 = None
        else:
            try:
                self.design.background_sha256 = self.backgrounds.add(path)
            except BackgroundError as error:
                show_error(self, error)
                return
        self._show_background()

    def reset_to_default(self) -> None:
        """Replace the layout by the built-in default of this document and paper; saving makes it count."""
        data = default_template(self.design.document_type, self.design.paper_size)
        data["id"] = self.design.data["id"]
        self.design.data = data
        self.panel.current = None
        self._show_design()

    # -- saving and closing ------------------------------------------

    def save(self) -> None:
        problems = self.design.check()
        if problems:
            self.problems_label.setText("\n".join(problem.message for problem in problems))
            self.canvas.select(problems[0].field)
            self.panel.show_field(problems[0].field)
            return
        payload = self.design.payload(SAVE_KEYS)
        template = payload["id"]
        self.save_button.setEnabled(False)

        def queued(submitted) -> None:
            self.save_button.setEnabled(True)
            self.design.mark_saved()
            self.backgrounds.assign(template, self.design.background_sha256)
            self.message_label.setText(translate(
                "TemplateDesigner", "Saved. Other computers print with this layout after their next sync."))
            log.info("print template %s queued as %s", template, submitted.mutation_id)
            self.saved.emit(template)
            # Other PCs should print the new layout soon, not a minute from now.
            self.context.sync.sync_now()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, error)

        self.context.tasks.submit("print_template.save", payload, on_result=queued, on_error=failed, parent=self,
                                  label=translate("TemplateDesigner", "Saving the print template..."))

    def keyPressEvent(self, event) -> None:
        # Escape closes through closeEvent, so the unsaved-changes question is asked.
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.design.is_modified():
            answer = QMessageBox.question(
                self, translate("TemplateDesigner", "Unsaved changes"),
                translate("TemplateDesigner", "This print template has changes that are not saved. "
                          "Close and lose them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        event.accept()
