"""The generic layer index l in rich text. The modifier letter ˡ (as in Wˡ) reads as a
superscript one in the window's serif equation font (Wˡ ← Wˡ looks like W¹ ← W¹); in the
window's rich text it is written as an italic l raised, which no digit resembles. The Qt-free
core and the command line keep the plain-text ˡ."""

from __future__ import annotations

_ITALIC = "<sup><i>l</i>{0}</sup>"


def italic_layer_index(html_text: str) -> str:
    """Escaped HTML with every ˡ (and ˡ⁺¹, ˡ⁻¹) as a raised italic l: Wˡ → W<sup><i>l</i></sup>."""
    return (html_text.replace("ˡ⁺¹", _ITALIC.format("+1"))
            .replace("ˡ⁻¹", _ITALIC.format("\u22121"))
            .replace("ˡ", _ITALIC.format("")))
