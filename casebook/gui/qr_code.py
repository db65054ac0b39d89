"""A QR code painted with QPainter: the fingerprint a colleague compares, as a code
their phone or eyes can check next to the digits.

The matrix comes from the ``qrcode`` package (``QRCode.get_matrix()``, a grid of
booleans with its quiet zone); no image factory (PIL) is involved, so nothing is
written to disk and nothing but Qt draws.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Pixels per module the widget asks for; it paints smaller or larger as laid out.
PREFERRED_MODULE = 5
MIN_MODULE = 2
#: The quiet zone around the code, in modules (the standard asks for 4).
BORDER = 4


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, quiet zone included (True is a dark module)."""
    # Level M: a screen photographed at an angle or slightly glaring still reads.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


class QrCodeWidget(QWidget):
    """Paints the QR code of ``text``, square, centred, with whole-pixel modules so
    the edges stay sharp at any size."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qr_code")
        self._text = ""
        self._matrix: list[list[bool]] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def matrix(self) -> list[list[bool]]:
        return [list(row) for row in self._matrix]

    def set_text(self, text: str) -> None:
        self._text = text
        self._matrix = qr_matrix(text) if text else []
        self.setAccessibleName(self.tr("QR code of the fingerprint"))
        self.updateGeometry()
        self.update()

    def modules(self) -> int:
        return len(self._matrix)

    def sizeHint(self) -> QSize:
        side = max(self.modules(), 21) * PREFERRED_MODULE
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = max(self.modules(), 21) * MIN_MODULE
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def code_rect(self) -> QRect:
        """Where the code is painted: the largest square of whole modules that fits."""
        count = self.modules()
        if count == 0:
            return QRect()
        module = max(1, min(self.width(), self.height()) // count)
        side = module * count
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted in widget coordinates, which a right-to-left layout does not mirror:
        # the code reads the same in the Arabic interface.
        painter = QPainter(self)
        rect = self.code_rect()
        if rect.isEmpty():
            painter.end()
            return
        module = rect.width() // self.modules()
        # Always black on white, whatever the palette: a dark theme's light-on-dark
        # code is not read by every scanner.
        painter.fillRect(rect, QColor(Qt.GlobalColor.white))
        black = QColor(Qt.GlobalColor.black)
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(rect.x() + x * module, rect.y() + y * module,
                                     module, module, black)
        painter.end()
