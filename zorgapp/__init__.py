"""Zorgapp: case management for the Dutch zorgcoördinator mensenhandel."""

__version__ = "0.1.0"
APP_NAME = "Zorgapp"
