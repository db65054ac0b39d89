"""Use cases. Each mutation is one transaction that also appends its audit entry."""
