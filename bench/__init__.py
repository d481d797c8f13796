"""Benchmarks of the sync engine against a real server process on loopback."""
