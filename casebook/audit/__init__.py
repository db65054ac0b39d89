"""The append-only, hash-chained audit trail (DESIGN.md section 5)."""
