"""Kaidan's central server: HTTP API, auth, scope, command execution, persistence."""
