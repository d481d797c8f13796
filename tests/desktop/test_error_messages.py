"""Errors of the sync engine read as translated sentences in the desktop."""

from __future__ import annotations

from desktop.errors import user_message
from sync.errors import DataFolderMismatch, InvalidServerAddress


def test_folder_of_other_user_in_chinese(chinese):
    error = DataFolderMismatch("data folder belongs to user 'ken'", owner="user", folder_value="ken", requested="amy")
    text = user_message(error)
    assert "ken" in text
    assert "amy" in text
    assert "belongs" not in text


def test_invalid_address_in_chinese(chinese):
    text = user_message(InvalidServerAddress("invalid server URL 'ftp://x'", address="ftp://x"))
    assert "ftp://x" in text
    assert "invalid server URL" not in text
