"""Casebook: encrypted, offline documentation of human-rights violations."""

__version__ = "0.1.0"
