"""One sanitiser per output format for text that residents (or anyone outside) wrote.

A resident's words travel into a chart's SVG, a console page's HTML, a CSV staff open in Excel and XML.
Each format has its own way to be broken by a string, so each has one function here, and every place
that writes resident text into that format calls it:

- :func:`plain_text` — what every format shares: control characters, bidirectional overrides and
  isolates (which reorder what staff read), lone surrogates and non-characters (which cannot be encoded
  or are not well-formed XML) are removed. Tabs and line breaks survive only where asked for.
- :func:`svg_label` — a label matplotlib draws into a chart's SVG: plain one-line text, shortened, and
  every ``$`` escaped, so ``$x^{$`` is drawn as it is and never parsed as a mathtext formula (matplotlib
  3.5, which Rasa pins, has no switch to turn mathtext off); matplotlib escapes the SVG's markup itself.
- :func:`csv_cell` — a cell a spreadsheet opens: plain text, and a cell that would start a formula
  (``=``, ``+``, ``-``, ``@``, a tab or carriage return, also in their full-width forms) gets one
  leading ``'`` (:func:`defuse_formula`, which the entries' CSV shares).
- :func:`xml_text` — character data or an attribute value in XML: plain text, escaped.
- :func:`html_text` — the console's templates: Jinja2 escapes, this removes what escaping cannot
  (it is the templates' ``finalize``, so every ``{{ value }}`` passes through it).

>>> svg_label("$x^{$\\u202e abc\\x00")
'\\\\$x^{\\\\$ abc'
>>> csv_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> xml_text("<a>&\\x1b")
'&lt;a&gt;&amp;'
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

# C0 and C1 controls but tab and line feed; DEL; bidi marks, embeddings, overrides and isolates; the
# line and paragraph separators; the BOM and zero-width space (invisible, they hide a string's identity);
# lone surrogates; the non-characters U+FFFE and U+FFFF.
_ALWAYS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
    "\ud800-\udfff\ufffe\uffff"
)
_UNSAFE = re.compile(f"[{_ALWAYS}]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t]")
_SPACES = re.compile(r"[ \t]{2,}")

# Excel and LibreOffice also start a formula at the full-width and small forms of = + - @.
_FORMULA_CHARS = r"=+\-@\t\r＝＋－＠﹦﹢﹣﹫"
FORMULA_START = re.compile(rf"^'*[{_FORMULA_CHARS}]")
ADDED_QUOTE = re.compile(rf"^'+[{_FORMULA_CHARS}]")

SVG_LABEL_CHARS = 24


def plain_text(text: str, keep_line_breaks: bool = False) -> str:
    """``text`` without the characters no output format should carry; line breaks (CR LF, CR, LF) and
    tabs become one space unless ``keep_line_breaks`` (then CR LF and CR become LF; tabs stay)."""
    text = _UNSAFE.sub("", text)
    if keep_line_breaks:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", text))


def svg_label(text: str, limit: int = SVG_LABEL_CHARS) -> str:
    """A chart label: one line of plain text, at most ``limit`` characters (then ending in 「…」), with its
    dollar signs escaped for matplotlib (it shows ``\\$`` as ``$``)."""
    text = plain_text(text).strip()
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("$", "\\$")


def defuse_formula(cell: str) -> str:
    """One leading ``'`` on a cell a spreadsheet would read as a formula; the entries' CSV import takes
    exactly one off again (:data:`ADDED_QUOTE`), so export → import is the identity."""
    return f"'{cell}" if FORMULA_START.match(cell) else cell


def csv_cell(value: Any) -> Any:
    """A CSV cell from anything a table holds: numbers unchanged, text plain (line breaks kept, as Excel
    shows Alt+Enter) and formula-safe."""
    if not isinstance(value, str):
        return value
    return defuse_formula(plain_text(value, keep_line_breaks=True))


def xml_text(text: str) -> str:
    """Character data or a double-quoted attribute value in an XML document."""
    return escape(plain_text(text, keep_line_breaks=True), {'"': "&quot;"})


def html_text(value: Any) -> Any:
    """Jinja2's ``finalize``: strings lose what escaping cannot make safe; other values pass (autoescape
    then escapes the text as usual)."""
    if type(value) is str:  # not Markup: what a template marks safe is the template's own text
        return _UNSAFE.sub("", value)
    return value
