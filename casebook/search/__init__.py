"""Arabic-aware text normalisation and full-text search. Filled by the case records issue."""
