"""Replica migration revisions."""
