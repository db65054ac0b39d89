"""The vault on disk: key file, SQLCipher database, migrations, atomic writes."""
