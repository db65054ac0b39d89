"""The PySide6 desktop interface. Qt is imported only under this package (DESIGN.md section 2).

Start it with ``casebook-gui`` (``casebook.gui.app:run``); ``docs/gui.md`` describes the
windows, the lock behaviour, the settings file and how translations are updated.
"""
