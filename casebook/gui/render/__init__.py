"""Documents Casebook paints itself (PDF reports)."""
