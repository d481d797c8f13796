"""On the Stock page: the read-only view of a posted receipt or transfer, costs by role, and short transfer lines."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.context import AppContext  # noqa: E402
from desktop.views.stock_view import StockView  # noqa: E402
from domain.ids import new_id  # noqa: E402
from domain.models import StockTransfer, User  # noqa: E402
from sync.client import open_replica, sync  # noqa: E402
from sync.local_commands import submit  # noqa: E402
from tests.server.server_process import ServerProcess  # noqa: E402
from tests.warehouse.receipt_data import KEEPER, MANAGER, PASSWORD  # noqa: E402
from tests.warehouse import test_receipt_transfer_gui as receipt_gui  # noqa: E402
from tests.warehouse.test_receipt_transfer_gui import balances, enter, open_editor, press, wait_cell  # noqa: E402

pytestmark = pytest.mark.timeout(300)

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()

# The keeper's company and replica, shared with the receipt and transfer entry tests.
company_template = receipt_gui.company_template
memory_keyring = receipt_gui.memory_keyring
keeper_context = receipt_gui.keeper_context


@pytest.fixture
def manager_context(tmp_path, company_template, memory_keyring):
    """The manager's app context on a synced replica, with the server stopped; yields (context, ids)."""
    template, ids = company_template
    for source in template.parent.glob(template.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path / "server.log", imports=())
    server.start()
    replica = open_replica(tmp_path / "client")
    sync(replica, server.url, MANAGER, PASSWORD)
    server.stop()
    context = AppContext(replica, server.url, MANAGER)
    yield context, ids
    context.close()


def shown_view(qtbot, context) -> StockView:
    view = StockView(context)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    return view


def focus_first_row(qtbot, view: StockView, tab) -> None:
    if QApplication.activeWindow() is not view:
        with qtbot.waitActive(view):
            view.activateWindow()
    view.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.table.hasFocus(), timeout=10_000)


def wait_viewer(qtbot, tab):
    qtbot.waitUntil(lambda: tab.viewer is not None and tab.viewer.detail is not None, timeout=10_000)
    viewer = tab.viewer
    qtbot.waitUntil(lambda: viewer.table.hasFocus(), timeout=10_000)
    return viewer


def answer_box(qtbot, key: Qt.Key, texts: list[str]) -> None:
    """Press `key` in the warning box once it is open, as the keyboard would, and record its text."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        texts.append(box.text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(20, answer)


def test_posted_documents_open_read_only(qtbot, keeper_context):
    context, _server, ids = keeper_context
    receipt_id, transfer_id = new_id(), new_id()
    # An older client's receipt: the keeper typed a cost, which the replica keeps but the keeper's view hides.
    submit(context.replica, "goods_receipt.post", {
        "id": receipt_id, "number": "GR-VIEW-1", "warehouse_id": ids["W1"], "supplier_id": ids["S001"],
        "document_date": TODAY.isoformat(), "note": "整车到货",
        "lines": [
            {"id": new_id(), "product_id": ids["P101"], "quantity": "6", "unit_price": "95.00", "batch_no": "V1",
             "expiry_date": "2027-04-30"},
            {"id": new_id(), "product_id": ids["P001"], "unit_name": "箱", "quantity": "2", "unit_price": "60.00"},
        ],
    })
    submit(context.replica, "stock_transfer.post", {
        "id": transfer_id, "number": "TR-VIEW-1", "from_warehouse_id": ids["W1"], "to_warehouse_id": ids["W2"],
        "document_date": TODAY.isoformat(), "note": None,
        "lines": [{"id": new_id(), "product_id": ids["P101"], "quantity": "2", "batch_no": "V1"}],
    })
    with context.read_session() as session:
        keeper_name = session.execute(select(User.display_name).where(User.username == KEEPER)).scalar_one()

    view = shown_view(qtbot, context)

    # Enter on the receipt row opens it read-only, with the lines focused and no cost columns for a keeper.
    tab = view.receipts
    focus_first_row(qtbot, view, tab)
    press(qtbot, Qt.Key.Key_Return)
    viewer = wait_viewer(qtbot, tab)
    assert viewer.windowTitle() == "Goods receipt GR-VIEW-1"
    labels = {key: label.text() for key, label in viewer.values.items()}
    assert labels == {
        "number": "GR-VIEW-1", "date": TODAY.isoformat(), "supplier": "S001  义乌日用品厂",
        "warehouse": "W1  上海总仓", "note": "整车到货", "posted_by": keeper_name,
    }
    model = viewer.lines_model
    rows = [[model.index(row, column).data() for column in range(model.columnCount())] for row in range(model.rowCount())]
    assert [row[:7] for row in rows] == [
        ["1", "P101", "奶粉", "罐", "6", "V1", "2027-04-30"],
        ["2", "P001", "洗衣粉", "箱", "2", "", ""],
    ]
    assert viewer.table.isColumnHidden(model.columns.index("unit_cost"))
    assert viewer.table.isColumnHidden(model.columns.index("amount"))
    assert all(line.unit_cost is None and line.amount is None for line in viewer.detail.lines)
    assert viewer.total_label.text() == "Lines: 2"
    # The view changes nothing: typing into the lines opens no editor.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_5)
    assert viewer.table.state() != viewer.table.State.EditingState
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible(), timeout=10_000)

    # A double-click on the transfer row opens the transfer; Enter closes it.
    tab = view.transfers
    focus_first_row(qtbot, view, tab)
    rect = tab.table.visualRect(tab.model.index(0, 0))
    # QTest's double-click event alone has no press before it, which a view needs to accept it, as a mouse sends.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = wait_viewer(qtbot, tab)
    assert viewer.windowTitle() == "Stock transfer TR-VIEW-1"
    assert viewer.values["from_warehouse"].text() == "W1  上海总仓"
    assert viewer.values["to_warehouse"].text() == "W2  上海门店仓"
    assert "supplier" not in viewer.values
    assert viewer.lines_model.rowCount() == 1
    assert viewer.lines_model.index(0, viewer.lines_model.columns.index("expiry_date")).data() == "2027-04-30"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not viewer.isVisible(), timeout=10_000)
    assert QApplication.activeModalWidget() is None


def test_manager_types_costs_and_sees_them(qtbot, manager_context):
    context, ids = manager_context
    view = shown_view(qtbot, context)
    editor = open_editor(qtbot, view, view.receipts)
    model = editor.lines_model
    assert not editor.grid.isColumnHidden(model.column(model.UNIT_COST))
    assert "moving average cost" not in editor.hint_label.text()
    # Supplier: none; warehouse: the first (W1); no note; then line 1 without a cost.
    enter(qtbot)
    enter(qtbot)
    enter(qtbot)
    wait_cell(qtbot, editor, 0, model.PRODUCT)
    enter(qtbot, "P001")
    wait_cell(qtbot, editor, 0, model.QUANTITY)
    enter(qtbot, "10")
    wait_cell(qtbot, editor, 0, model.UNIT)
    enter(qtbot)
    wait_cell(qtbot, editor, 0, model.UNIT_COST)
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.message_label.text() != "", timeout=10_000)
    assert editor.message_label.text() == "Line 1: enter the quantity and the unit cost."
    assert editor.isVisible()

    # The grid's current cell is still the empty cost cell: Enter edits it.
    editor.grid.setFocus()
    qtbot.waitUntil(lambda: editor.grid.hasFocus(), timeout=10_000)
    press(qtbot, Qt.Key.Key_Return)
    enter(qtbot, "4.8")
    wait_cell(qtbot, editor, 1, model.PRODUCT)
    assert editor.total_label.text() == "Lines: 1    Total: ¥48.00"
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=15_000)

    tab = view.receipts
    focus_first_row(qtbot, view, tab)
    press(qtbot, Qt.Key.Key_Return)
    viewer = wait_viewer(qtbot, tab)
    model = viewer.lines_model
    assert not viewer.table.isColumnHidden(model.columns.index("unit_cost"))
    assert model.index(0, model.columns.index("unit_cost")).data() == "4.80"
    assert model.index(0, model.columns.index("amount")).data() == "48.00"
    assert viewer.total_label.text() == "Lines: 1    Total: ¥48.00"
    assert viewer.values["supplier"].text() == "(no supplier)"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible(), timeout=10_000)


def test_short_transfer_line_warned_then_posted(qtbot, keeper_context):
    context, _server, ids = keeper_context
    submit(context.replica, "goods_receipt.post", {
        "id": new_id(), "number": "GR-SHORT-1", "warehouse_id": ids["W1"], "document_date": TODAY.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "5"}],
    })
    view = shown_view(qtbot, context)
    editor = open_editor(qtbot, view, view.transfers)
    enter(qtbot)
    enter(qtbot)
    enter(qtbot)
    lines = editor.lines_model
    wait_cell(qtbot, editor, 0, lines.PRODUCT)
    qtbot.waitUntil(lambda: lines.stock_loaded, timeout=10_000)

    # Line 1: 3 of the 5 on hand; line 2: 4 more, which leaves it 2 short.
    enter(qtbot, "P001")
    wait_cell(qtbot, editor, 0, lines.QUANTITY)
    enter(qtbot, "3")
    wait_cell(qtbot, editor, 0, lines.UNIT)
    enter(qtbot)
    wait_cell(qtbot, editor, 1, lines.PRODUCT)
    enter(qtbot, "P001")
    wait_cell(qtbot, editor, 1, lines.QUANTITY)
    enter(qtbot, "4")
    wait_cell(qtbot, editor, 1, lines.UNIT)
    enter(qtbot)
    wait_cell(qtbot, editor, 2, lines.PRODUCT)

    quantity = lines.column(lines.QUANTITY)
    assert lines.index(0, quantity).data(Qt.ItemDataRole.ForegroundRole) is None
    assert lines.index(1, quantity).data(Qt.ItemDataRole.ForegroundRole) is not None
    tooltip = lines.index(1, lines.column(lines.NAME)).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("More than is available: the source warehouse has 2 袋 left for this line")

    # Ctrl+S first shows a confirmation naming the line; Esc goes back to the form and posts nothing.
    texts: list[str] = []
    answer_box(qtbot, Qt.Key.Key_Escape, texts)
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: len(texts) == 1 and editor.confirm_box is None, timeout=10_000)
    assert "Line 2: P001 洗衣粉, 4 袋 of 2 available" in texts[0]
    assert "Line 1:" not in texts[0]
    assert "W1  上海总仓" in texts[0]
    assert editor.isVisible()
    with context.read_session() as session:
        assert session.execute(select(StockTransfer)).first() is None

    # P (Post anyway) posts it: a transfer records goods that already moved.
    editor.activateWindow()
    editor.grid.setFocus()
    qtbot.waitUntil(lambda: editor.grid.hasFocus(), timeout=10_000)
    answer_box(qtbot, Qt.Key.Key_P, texts)
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=15_000)
    assert len(texts) == 2
    assert balances(context.read_session, ids["W1"], ids["P001"]) == {"": (Decimal("-2.000"), None)}
    assert balances(context.read_session, ids["W2"], ids["P001"]) == {"": (Decimal("7.000"), None)}
