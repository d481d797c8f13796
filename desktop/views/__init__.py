"""The desktop screens."""
