"""Qt item models of the desktop views."""
