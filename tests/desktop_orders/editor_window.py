"""Opening the order entry form in tests: shown, active, catalog loaded, the blank line's product cell open."""

from __future__ import annotations

from desktop.views.order_editor import OrderEditor


def drop_changes(editor: OrderEditor) -> None:
    """Commit the open cell and mark the form saved, so closing it shows no unsaved-changes question."""
    editor.grid.finish_editing()
    editor.dirty = False


def open_entry_form(qtbot, context, customer_id: str) -> OrderEditor:
    """Open a new order for the customer and wait until its first product cell takes typing."""
    editor = OrderEditor(context, customer_id=customer_id)
    qtbot.addWidget(editor, before_close_func=drop_changes)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.grid.state() == editor.grid.State.EditingState,
                    timeout=15_000)
    return editor
