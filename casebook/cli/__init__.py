"""The ``casebook`` command line, built on the same services as the GUI."""
