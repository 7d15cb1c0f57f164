"""The paper a report prints on: Letter where that is the norm, A4 everywhere else."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

# Where Letter paper is the norm; everywhere else prints on A4.
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.Philippines,
        QLocale.Country.Guatemala,
        QLocale.Country.CostaRica,
        QLocale.Country.Panama,
        QLocale.Country.PuertoRico,
        QLocale.Country.DominicanRepublic,
        QLocale.Country.ElSalvador,
        QLocale.Country.Nicaragua,
        QLocale.Country.Belize,
    }
)


def page_size_for_locale(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    territory = (locale or QLocale.system()).territory()
    return QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES else QPageSize.PageSizeId.A4


def paper_name(page_size: QPageSize.PageSizeId) -> str:
    """'Letter' or 'A4', as the DOCX writer names them."""
    return "Letter" if page_size == QPageSize.PageSizeId.Letter else "A4"
