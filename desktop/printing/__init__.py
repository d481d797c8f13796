"""Printed documents: the delivery note laid out with QPainter in millimetres, its preview and PDF."""
