"""Place hierarchy (country > ... > site). Filled by the taxonomy and gazetteer issue."""
