"""Sarabun for PDFs: the fonts :func:`prongsai.core.documents.render_pdf` embeds.

Why not the packaged files as they are: a PDF keeps its text layer (what
copy, search, screen readers and ``pdftotext`` read) as one Unicode string
per *glyph* (the font's ``ToUnicode`` map).  HarfBuzz draws the vowel SARA
AM (ำ, U+0E33) as two glyphs, NIKHAHIT (ํ) and SARA AA (า), and moves the
nikhahit in front of a tone mark (น้ำ → น ํ้ า, the nikhahit and the tone
being one ligature glyph in Sarabun).  WeasyPrint gives the text of such a
cluster to its last glyph, SARA AA, and keeps the first text a glyph was
drawn with for the whole document.  The one SARA AA glyph therefore read
as "า" everywhere or "ำ" everywhere: ``ประจำปี`` came out as ``ประจาปี``, or
``องค์การ`` as ``องค์กำร``, and the tone mark of ``น้ำ`` was lost.

The fix is in the font: :func:`pdf_font_files` derives copies of the
Sarabun faces with one extra glyph per SARA AM cluster, ``uni0E32.am`` (and
``uni0E32.am48`` … ``.am4B`` after each tone ligature), each a composite of
the SARA AA outline, and a last GSUB lookup in ``ccmp`` that puts them in
place of SARA AA right after a nikhahit (or nikhahit + tone) glyph.  Every
glyph then stands for exactly one text: ``า`` for SARA AA, ``ำ`` (or ``้ำ``
…) for the copies, so the text layer reads back as the Thai that was
written.  The pictures are unchanged (same outline, same advance).

The derived files are written once per process into a cache directory
(``PRONGSAI_PDF_FONT_DIR``, by default ``<tmp>/prongsai-pdf-fonts``) under a
name that changes with the source file and :data:`PATCH_VERSION`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

import fontpkg_sarabun

__all__ = [
    "FONT_DIR",
    "FONT_FILES",
    "PATCH_VERSION",
    "SARA_AM_VARIANTS",
    "patch_sara_am",
    "pdf_font_dir",
    "pdf_font_files",
]

#: The packaged Sarabun files (unchanged; charts and the patch read them).
FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
FONT_FILES = {
    "regular": "Sarabun-Regular.ttf",
    "bold": "Sarabun-Bold.ttf",
    "italic": "Sarabun-Italic.ttf",
    "bold_italic": "Sarabun-BoldItalic.ttf",
}
#: Bump when :func:`patch_sara_am` changes, so cached files are rebuilt.
PATCH_VERSION = 1

_SARA_AA = "uni0E32"
_NIKHAHIT = "uni0E4D"
#: The SARA AA copy for each glyph that may precede it in a SARA AM cluster:
#: nikhahit alone, or its ligature with a tone mark (mai ek … mai chattawa).
SARA_AM_VARIANTS: dict[str, tuple[str, str]] = {
    "": (f"{_SARA_AA}.am", "\u0e33"),
    "0E48": (f"{_SARA_AA}.am48", "\u0e48\u0e33"),
    "0E49": (f"{_SARA_AA}.am49", "\u0e49\u0e33"),
    "0E4A": (f"{_SARA_AA}.am4A", "\u0e4a\u0e33"),
    "0E4B": (f"{_SARA_AA}.am4B", "\u0e4b\u0e33"),
}


def _add_composite_copy(font, source: str, name: str) -> None:
    """Add glyph *name* drawing *source* (a one-component composite, same width)."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    component = GlyphComponent()
    component.glyphName = source
    component.x = component.y = 0
    component.flags = 0x4  # ROUND_XY_TO_GRID
    glyph = Glyph()
    glyph.numberOfContours = -1
    glyph.components = [component]
    glyf = font["glyf"]
    glyf[name] = glyph
    glyph.recalcBounds(glyf)
    font["hmtx"][name] = font["hmtx"][source]
    order = font.getGlyphOrder()  # glyf shares it; make sure it is there
    if name not in order:
        font.setGlyphOrder([*order, name])
    font.getReverseGlyphMap(rebuild=True)


def _coverage(font, glyphs):
    from fontTools.otlLib.builder import buildCoverage

    return buildCoverage(glyphs, font.getReverseGlyphMap())


def patch_sara_am(font) -> None:
    """Give every SARA AM cluster of *font* (a ``TTFont``) its own SARA AA glyph.

    See the module docstring.  The new lookups are appended to the lookup
    list and to every ``ccmp`` feature, so they run after the font's own
    decomposition and nikhahit–tone ligatures.
    """
    from fontTools.otlLib.builder import buildSingleSubstSubtable
    from fontTools.ttLib.tables import otTables

    order = set(font.getGlyphOrder())
    if _SARA_AA not in order or _NIKHAHIT not in order:
        return
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    chain = otTables.Lookup()
    chain.LookupType = 6
    chain.LookupFlag = 0
    chain.SubTable = []
    single_lookups = []
    for tone, (variant, _text) in SARA_AM_VARIANTS.items():
        before = [f"{_NIKHAHIT}{tone}", f"{_NIKHAHIT}{tone}.narrow"]
        before = [name for name in before if name in order]
        if not before:
            continue
        _add_composite_copy(font, _SARA_AA, variant)
        single = otTables.Lookup()
        single.LookupType = 1
        single.LookupFlag = 0
        single.SubTable = [buildSingleSubstSubtable({_SARA_AA: variant})]
        single.SubTableCount = 1
        single_lookups.append(single)
        rule = otTables.ChainContextSubst()
        rule.Format = 3
        rule.BacktrackGlyphCount = 1
        rule.BacktrackCoverage = [_coverage(font, before)]
        rule.InputGlyphCount = 1
        rule.InputCoverage = [_coverage(font, [_SARA_AA])]
        rule.LookAheadGlyphCount = 0
        rule.LookAheadCoverage = []
        record = otTables.SubstLookupRecord()
        record.SequenceIndex = 0
        record.LookupListIndex = 0  # set below, once the chain's index is known
        rule.SubstLookupRecord = [record]
        rule.SubstCount = 1
        chain.SubTable.append(rule)
    if not chain.SubTable:
        return
    chain_index = len(lookups)
    for offset, rule in enumerate(chain.SubTable, start=1):
        rule.SubstLookupRecord[0].LookupListIndex = chain_index + offset
    chain.SubTableCount = len(chain.SubTable)
    lookups.extend([chain, *single_lookups])
    gsub.LookupList.LookupCount = len(lookups)
    ccmp = [
        record.Feature
        for record in gsub.FeatureList.FeatureRecord
        if record.FeatureTag == "ccmp"
    ]
    if not ccmp:
        raise ValueError("the font has no ccmp feature to extend")
    for feature in ccmp:
        feature.LookupListIndex = [*feature.LookupListIndex, chain_index]
        feature.LookupCount = len(feature.LookupListIndex)


def pdf_font_dir() -> Path:
    """The directory the derived PDF fonts are written to."""
    configured = os.environ.get("PRONGSAI_PDF_FONT_DIR")
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / "prongsai-pdf-fonts"


def _build(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    patch_sara_am(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    font.save(partial)
    os.replace(partial, target)  # atomic: other processes see all or nothing


@functools.cache
def pdf_font_files() -> dict[str, Path]:
    """Return the derived Sarabun files by style (built on first use)."""
    files = {}
    for style, name in FONT_FILES.items():
        source = FONT_DIR / name
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        target = pdf_font_dir() / f"{source.stem}-pdf{PATCH_VERSION}-{digest}.ttf"
        if not target.exists():
            _build(source, target)
        files[style] = target
    return files
