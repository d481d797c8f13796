"""Kaidan's domain: entities, money, posting rules and command handlers.

Shared by the desktop client and the server. Imports neither Qt nor HTTP code.
"""
