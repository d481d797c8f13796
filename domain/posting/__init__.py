"""Posting rules shared by the command handlers: periods, stock, cost and receivables.

Everything here writes through the ORM session. Every row it creates gets an
id derived from the command's mutation id or from a natural key, so the
client's optimistic run and the server's run of a command write the same rows.
"""
