"""Sync: the protocol shared with the server, and the client engine. No Qt.

Client modules:

- `replica`: the SQLite file, created and migrated by `Replica.open`;
- `local_tables`: outbox, journal, undo log and sync state;
- `local_commands`: `submit` runs a command optimistically and queues it;
- `engine`: push, then pull with rebase;
- `transport`: HTTP with retries and token refresh;
- `verify`: checksums against the server;
- `client`: the API the desktop and the tests call (`open_replica`,
  `submit`, `sync`, `verify_replica`).
"""
