"""Commands: the only way replicated data changes, on the client and on the server."""
