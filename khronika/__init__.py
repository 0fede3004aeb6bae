"""Khronika: an incident-monitoring and response desk for human-rights defenders."""

__version__ = "0.1.0"
