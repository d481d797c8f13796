"""Change numbers in commit order: a change that took its number and stalls is never skipped.

The test holds a transaction that wrote a row and took the next change
number (it holds the counter row's lock) without committing. A push made
meanwhile must wait for its own number, and a pull made meanwhile must not
move past the stalled number. After the stalled transaction commits, the
next pull from the old cursor returns both changes.
"""

from __future__ import annotations

import threading
import time

from domain.ids import new_id
from domain.models import SalesRegion
from server_stub.admin import server_change
from server_stub.db import Database
from tests.server.helpers import region
from tests.server.server_process import add_user


def test_stalled_change_is_not_skipped(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    client.register("pc")
    before = client.pull(0)
    cursor = before["next_cursor"]
    # Signing in writes a token, so the reader signs in before the stall
    # (on SQLite every write waits for the stalled transaction).
    reader = server.client()
    reader.login("ann", "pw")

    db = Database(server.database_url)
    stalled_id = new_id()
    session = db.sessions()
    transaction = session.begin()
    pushed: list = []
    try:
        with server_change(session):
            session.add(SalesRegion(id=stalled_id, code="STALLED", name="stalled"))
        stalled_seq = session.get(SalesRegion, stalled_id).change_seq
        assert stalled_seq == cursor + 1

        thread = threading.Thread(target=lambda: pushed.append(client.push([region(1, "LATER")])))
        thread.start()
        time.sleep(1.5)
        assert thread.is_alive(), "the push must wait for the counter lock of the stalled change"
        # A pull in between sees neither the stalled change nor anything after it.
        middle = reader.pull(cursor)
        assert middle["next_cursor"] == cursor
        assert middle["changes"] == {}
        transaction.commit()
    finally:
        if transaction.is_active:
            transaction.rollback()
        session.close()
        db.dispose()

    thread.join(timeout=60)
    assert pushed and pushed[0].status_code == 200
    later_seq = pushed[0].json()["results"][0]["change_seq"]
    assert later_seq == stalled_seq + 1
    after = reader.pull(cursor)
    codes = {row["code"]: row["change_seq"] for row in after["changes"]["sales_region"]}
    assert codes == {"STALLED": stalled_seq, "LATER": later_seq}
