"""Case packages between vaults. Filled by the case packages issue."""
