"""Kaidan's desktop client: start-up and the `kaidan` command line."""
