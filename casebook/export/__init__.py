"""Dossier builders and redaction. Filled by the dossier issue."""
