"""An SVG drawn inside a QTextDocument as vectors, so the chart in the PDF stays sharp at any zoom.

Qt's rich text only places raster images. The report's HTML names the chart as
an ordinary <img>; after the document is built, that image character is
swapped for a custom text object whose handler draws the SVG with QSvgRenderer
in the rectangle the layout gave it. Pagination treats it like any image.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QRectF, QSizeF
from PySide6.QtGui import QPainter, QPyTextObject, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtSvg import QSvgRenderer

SVG_OBJECT_TYPE = QTextFormat.ObjectTypes.UserObject + 1
_SIZE_PROPERTY = QTextFormat.Property.UserProperty + 1


class SvgTextObject(QPyTextObject):
    """Draws one SVG at the size its format carries (in the layout's device pixels)."""

    def __init__(self, svg: bytes, parent: QTextDocument) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(QByteArray(svg))

    def intrinsicSize(self, document: QTextDocument, position: int, text_format: QTextFormat) -> QSizeF:
        size = text_format.property(_SIZE_PROPERTY)
        return size if isinstance(size, QSizeF) else QSizeF(self._renderer.defaultSize())

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, document: QTextDocument, position: int, text_format: QTextFormat
    ) -> None:
        painter.save()
        self._renderer.render(painter, QRectF(rect))
        painter.restore()


def embed_svg_image(document: QTextDocument, image_name: str, svg: bytes, css_to_device: float) -> bool:
    """Replace each <img src=image_name> in ``document`` by the SVG drawn at the image's size.

    ``css_to_device`` turns the <img>'s width and height (CSS pixels) into the
    layout's device pixels. Returns whether an image was found.
    """
    handler = SvgTextObject(svg, document)
    document.documentLayout().registerHandler(SVG_OBJECT_TYPE, handler)
    found = False
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            if char_format.isImageFormat() and char_format.toImageFormat().name() == image_name:
                image = char_format.toImageFormat()
                size = QSizeF(image.width() * css_to_device, image.height() * css_to_device)
                svg_format = QTextCharFormat()
                svg_format.setObjectType(SVG_OBJECT_TYPE)
                svg_format.setProperty(_SIZE_PROPERTY, size)
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText("\ufffc", svg_format)
                found = True
                break
            iterator += 1
        block = block.next()
    return found
