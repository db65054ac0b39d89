"""Pure value types, rules and the error hierarchy. No I/O, no Qt."""
