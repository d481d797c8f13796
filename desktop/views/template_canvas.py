"""The designer's page: the paper, its margins and every field as a box to drag, resize or nudge, in millimetres.

Scene coordinates are millimetres from the paper's top-left corner, the
template's own unit, and texts are drawn at their printed size, so what the
canvas shows does not depend on the screen's resolution. Zoom only scales
the view. Edits go to the TemplateDesign through `edited`, which the
designer turns into model changes and a redraw.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop.views.template_design import COARSE_STEP_MM, FINE_STEP_MM, TemplateDesign, snap

log = logging.getLogger(__name__)

POINT_MM = 25.4 / 72
# Screen pixels per millimetre at zoom 1: a fixed scale, not the screen's DPI, so every PC shows the same page.
PIXELS_PER_MM = 3.0
# The corner square, in millimetres, that resizes a box instead of moving it.
HANDLE_MM = 2.5
# Spacing of the faint guide lines on the paper.
GRID_LINE_MM = 5.0
# Texts are painted in a tenfold coordinate system because a font's pixel size must be a whole number.
TEXT_SCALE = 10.0

_FIELD_COLOURS = {"text": QColor(30, 90, 200), "qr_code": QColor(20, 140, 60), "table": QColor(190, 90, 20)}


class FieldItem(QGraphicsRectItem):
    """One field's box: its rectangle is in millimetres from the item's position, which is the field's x and y."""

    def __init__(self, canvas: TemplateCanvas, name: str) -> None:
        super().__init__()
        self.canvas = canvas
        self.name = name
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        # A cosmetic pen, so neighbouring boxes do not reach half a millimetre into each other's corners.
        self.setPen(QPen(Qt.GlobalColor.black, 0))
        self._resizing = False

    def sync_from(self, field: dict, columns: list[dict]) -> None:
        self.field = field
        self.columns = columns
        self.setPos(field["x_mm"], field["y_mm"])
        self.setRect(0, 0, field["width_mm"], field["height_mm"])
        self.update()

    def itemChange(self, change, value):
        # The selected box comes to the front, so its resize corner wins over a box it now overlaps.
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(1 if value else 0)
        return super().itemChange(change, value)

    def _in_handle(self, point: QPointF) -> bool:
        rect = self.rect()
        return point.x() >= rect.right() - HANDLE_MM and point.y() >= rect.bottom() - HANDLE_MM

    def hoverMoveEvent(self, event) -> None:
        shape = Qt.CursorShape.SizeFDiagCursor if self._in_handle(event.pos()) else Qt.CursorShape.SizeAllCursor
        self.setCursor(shape)
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event) -> None:
        self._resizing = event.button() == Qt.MouseButton.LeftButton and self._in_handle(event.pos())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._resizing:
            self.prepareGeometryChange()
            self.setRect(0, 0, max(1.0, event.pos().x()), max(1.0, event.pos().y()))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self._resizing = False
        rect = self.rect()
        self.canvas.edited.emit(self.name, snap(self.pos().x()), snap(self.pos().y()), snap(rect.width()),
                                snap(rect.height()))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = _FIELD_COLOURS.get(self.field["kind"], QColor(60, 60, 60))
        pen = QPen(colour, 0)
        pen.setStyle(Qt.PenStyle.SolidLine if self.isSelected() else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(60 if self.isSelected() else 18)
        painter.setBrush(QBrush(fill))
        rect = self.rect()
        painter.drawRect(rect)
        if self.field["kind"] == "table":
            self._paint_columns(painter, rect)
        else:
            self._paint_text(painter, rect, self._label())
        if self.isSelected():
            painter.setBrush(QBrush(colour))
            painter.drawRect(QRectF(rect.right() - HANDLE_MM, rect.bottom() - HANDLE_MM, HANDLE_MM, HANDLE_MM))

    def _label(self) -> str:
        if self.field["kind"] == "qr_code":
            return "QR " + self.field["text"]
        return self.field["text"] or self.name

    def _paint_text(self, painter: QPainter, rect: QRectF, text: str, font_pt: float | None = None,
                    align: str | None = None) -> None:
        painter.save()
        painter.scale(1 / TEXT_SCALE, 1 / TEXT_SCALE)
        font = QFont(self.canvas.font_family)
        points = font_pt if font_pt is not None else float(self.field.get("font_pt", 9))
        font.setPixelSize(max(1, round(points * POINT_MM * TEXT_SCALE)))
        font.setBold(bool(self.field.get("bold")))
        painter.setFont(font)
        painter.setPen(QPen(QColor(20, 20, 20)))
        flags = {"center": Qt.AlignmentFlag.AlignHCenter, "right": Qt.AlignmentFlag.AlignRight}.get(
            align or self.field.get("align", "left"), Qt.AlignmentFlag.AlignLeft)
        scaled = QRectF(rect.x() * TEXT_SCALE, rect.y() * TEXT_SCALE, rect.width() * TEXT_SCALE,
                        rect.height() * TEXT_SCALE)
        painter.drawText(scaled, int(flags | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    def _paint_columns(self, painter: QPainter, rect: QRectF) -> None:
        row_height = float(self.field.get("row_height_mm") or 6.0)
        x = rect.x()
        for column in self.columns:
            width = float(column["width_mm"])
            painter.drawLine(QPointF(x + width, rect.y()), QPointF(x + width, rect.bottom()))
            self._paint_text(painter, QRectF(x, rect.y(), width, row_height), column["title"] or column["field"],
                             align=column.get("align", "left"))
            x += width
        painter.drawLine(QPointF(rect.x(), rect.y() + row_height), QPointF(rect.right(), rect.y() + row_height))


class PaperItem(QGraphicsRectItem):
    """The white paper with a faint line every GRID_LINE_MM; boxes snap to the finer GRID_MM when dropped."""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        rect = self.rect()
        painter.setPen(QPen(QColor(225, 230, 240), 0))
        x = GRID_LINE_MM
        while x < rect.width():
            painter.drawLine(QPointF(x, 0), QPointF(x, rect.height()))
            x += GRID_LINE_MM
        y = GRID_LINE_MM
        while y < rect.height():
            painter.drawLine(QPointF(0, y), QPointF(rect.width(), y))
            y += GRID_LINE_MM


class TemplateCanvas(QGraphicsView):
    """The page view; arrow keys move the selected field by 0.5 mm, Shift+arrows by 5 mm, Ctrl+wheel or Ctrl+± zooms.

    The property panel's field list selects a field from the keyboard, so Tab keeps moving the focus.
    """

    edited = Signal(str, float, float, float, float)
    moved_by_key = Signal(str, float, float)
    selected = Signal(str)

    def __init__(self, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateCanvas")
        self.font_family = font_family
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(QColor(150, 150, 150)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.items_by_name: dict[str, FieldItem] = {}
        self.paper = PaperItem()
        self.paper.setPen(QPen(QColor(80, 80, 80), 0))
        self.paper.setBrush(QBrush(Qt.GlobalColor.white))
        self.paper.setZValue(-20)
        self.margins = QGraphicsRectItem()
        self.margins.setPen(QPen(QColor(160, 160, 160), 0, Qt.PenStyle.DotLine))
        self.margins.setZValue(-5)
        self.background = QGraphicsPixmapItem()
        self.background.setZValue(-10)
        self.background.setOpacity(0.6)
        for item in (self.paper, self.background, self.margins):
            self.scene().addItem(item)
        self.scene().selectionChanged.connect(self._on_selection)
        self.zoom = 1.0
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(8.0, max(0.25, zoom))
        self.setTransform(QTransform.fromScale(PIXELS_PER_MM * self.zoom, PIXELS_PER_MM * self.zoom))

    def show_design(self, design: TemplateDesign) -> None:
        """Redraw the paper and every field from `design`, keeping the selection."""
        chosen = self.selected_name()
        width, height = design.paper_mm
        self.paper.setRect(0, 0, width, height)
        top, right, bottom, left = design.margins_mm
        self.margins.setRect(left, top, width - left - right, height - top - bottom)
        names = [field["name"] for field in design.fields]
        for name in list(self.items_by_name):
            if name not in names:
                self.scene().removeItem(self.items_by_name.pop(name))
        for field in design.fields:
            item = self.items_by_name.get(field["name"])
            if item is None:
                item = FieldItem(self, field["name"])
                self.items_by_name[field["name"]] = item
                self.scene().addItem(item)
            item.sync_from(field, design.columns)
        self.scene().setSceneRect(QRectF(-10, -10, width + 20, height + 20))
        self._fit_background(width, height)
        if chosen in self.items_by_name:
            self.select(chosen)

    def set_background(self, path: pathlib.Path | None, paper_mm: tuple[float, float]) -> bool:
        """Show the image at `path` stretched over the whole paper, or none; return False when it cannot be read."""
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if path is not None and pixmap.isNull():
            log.warning("could not read the background image %s", path)
        self.background.setPixmap(pixmap)
        self._fit_background(*paper_mm)
        return path is None or not pixmap.isNull()

    def _fit_background(self, width: float, height: float) -> None:
        pixmap = self.background.pixmap()
        if pixmap.isNull():
            return
        # The scan covers the paper exactly, whatever resolution it was scanned at.
        self.background.setTransform(QTransform.fromScale(width / pixmap.width(), height / pixmap.height()))

    def selected_name(self) -> str | None:
        chosen = [item for item in self.scene().selectedItems() if isinstance(item, FieldItem)]
        return chosen[0].name if chosen else None

    def select(self, name: str) -> None:
        item = self.items_by_name.get(name)
        if item is None:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        self.ensureVisible(item)

    def _on_selection(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.selected.emit(name)

    def keyPressEvent(self, event) -> None:
        steps = {
            Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1),
        }
        name = self.selected_name()
        key = Qt.Key(event.key())
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal,
                                                                            Qt.Key.Key_Minus):
            self.set_zoom(self.zoom / 1.25 if key == Qt.Key.Key_Minus else self.zoom * 1.25)
            event.accept()
            return
        if key in steps and name is not None:
            step = COARSE_STEP_MM if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else FINE_STEP_MM
            dx, dy = steps[key]
            self.moved_by_key.emit(name, dx * step, dy * step)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom * (1.15 if event.angleDelta().y() > 0 else 1 / 1.15))
            event.accept()
            return
        super().wheelEvent(event)
