"""The brief as PDF, drawn with fpdf2 (pure Python, offline) from the same figures and
drawings as the HTML brief.

Cyrillic needs a Unicode TrueType font: DejaVu Sans, which Debian ships in
``fonts-dejavu-core`` (on every machine of this project), is looked up in the usual
places; ``KHRONIKA_PDF_FONT`` may name another .ttf file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from khronika.export.brief import Brief, cite, counts_text

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    "C:/Windows/Fonts/DejaVuSans.ttf",
)


class PdfError(RuntimeError):
    """The PDF cannot be made here (no usable font), with what to do about it."""


def find_font() -> Path:
    """A Unicode .ttf font for the PDF, or :class:`PdfError` saying how to get one."""
    wanted = os.environ.get("KHRONIKA_PDF_FONT")
    for candidate in ([wanted] if wanted else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise PdfError("no DejaVu Sans font found for the PDF: install it (Debian: apt-get install "
                   "fonts-dejavu-core) or set KHRONIKA_PDF_FONT to a .ttf file")


def render_pdf(brief: Brief, path: Path) -> None:
    """Write the brief to ``path`` as PDF (A4)."""
    from fpdf import FPDF

    font = find_font()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("Brief", "", str(font))
    pdf.set_title(brief.title)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: float = 13) -> None:
        pdf.set_font("Brief", size=size)
        pdf.ln(2)
        pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def para(text: str, size: float = 8.5, gray: int = 0) -> None:
        pdf.set_font("Brief", size=size)
        pdf.set_text_color(gray, gray, gray)
        pdf.multi_cell(width, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)

    period = (f"{brief.start.isoformat()} – {brief.end.isoformat()}"
              if brief.start and brief.end else "no dated incidents")
    heading(brief.title, 18)
    para(f"{period} · profile {brief.profile} · figures cite report ids (#n); sources are "
         "listed at the end", gray=90)
    heading("Headline figures")
    for f in brief.headline:
        para(f"{f.shown}  {f.label}" + (f" ({f.note})" if f.note else ""), 10)
        para(f"sources: {cite(f.report_ids, 10)}", 7, 100)
    for drawing, figures in brief.charts():
        scale = min(width / drawing.width, 1.0) * 0.9
        if pdf.get_y() + drawing.height * scale + 12 > pdf.h - pdf.b_margin:
            pdf.add_page()
        heading(drawing.title)
        top = pdf.get_y()
        drawing.to_pdf(pdf, pdf.l_margin, top, scale, "Brief")
        pdf.set_y(top + drawing.height * scale + 2)
        _figure_table(pdf, figures, width)
    pdf.add_page()
    heading("Notable incidents")
    for r in brief.notable:
        where = ", ".join(x for x in (r["location"], r["admin1"], r["country"]) if x)
        para(f"{r['type'].replace('_', ' ')} — {where or 'place unknown'}, "
             f"{r['date_start'] or 'date unknown'}", 10)
        para(r["notes"] or "", 8.5)
        para(f"{counts_text(r['counts'])}{' · ' if r['counts'] else ''}status {r['status']} · "
             f"urgency {r['urgency']} · sources: {cite(r['report_ids'])}", 7, 100)
        pdf.ln(1.5)
    heading("Sources")
    for rid in sorted(brief.sources):
        s = brief.sources[rid]
        when = f", {s['published']}" if s["published"] else ""
        para(f"#{rid}  {s['origin']}  ({s['kind']}{when})", 7.5)
    pdf.output(str(path))


def _figure_table(pdf: Any, figures: list[Any], width: float) -> None:
    pdf.set_font("Brief", size=7)
    pdf.set_text_color(80, 80, 80)
    for f in figures:
        pdf.multi_cell(width, 3.2, f"{f.label}: {f.shown} — reports {cite(f.report_ids, 15)}",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
