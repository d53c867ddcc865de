"""What is under the mouse in the network view, and what pointing at it does: the hit test
(a neuron, an edge, or a hidden unit's weight image, which stands for the unit), the tooltip,
hovering (the labels, the large weight image, `neuron_hovered`) and clicking (select, and
double-click to edit). A part of `NetworkView` (network_view.py), which holds the items and
the signals these use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from .value_text import edge_tooltip, neuron_tooltip
from .view_labels import scene_pixel_size


class Pointing:
    # -- selection, hover, editing ----------------------------------------------------------
    def select(self, sel) -> None:
        self.selection = sel
        self._draw_selection()
        if self.step is not None:
            self.texts.show(self.step, self.gradient, sel, self._hover_item)
        self.selected.emit(sel)

    def _draw_selection(self) -> None:
        lay, sel = self.layout_, self.selection
        if sel is not None and sel[0] == "neuron":
            i = lay.node_id(sel[1], sel[2])
            self.picked_node.setData(x=[lay.node_x[i]], y=[lay.node_y[i]],
                                     size=self.texts.diameters[i] + 14)
        else:
            self.picked_node.setData(x=[], y=[])
        if sel is not None and sel[0] == "edge":
            e = lay.edge_id(*sel[1:])
            self.picked_edge.setData(x=[lay.edge_x0[e], lay.edge_x1[e]],
                                     y=[lay.edge_y0[e], lay.edge_y1[e]], connect="pairs")
        else:
            self.picked_edge.setData(x=[], y=[])

    def item_at(self, scene_pos):
        if self.layout_ is None:
            return None
        vb = self.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        j = self._strip_unit(scene_pos)
        if j is not None:               # a unit's weight image points at the unit (above edges)
            return ("neuron", 1, j)
        p = vb.mapSceneToView(scene_pos)
        px, py = scene_pixel_size(vb)
        hit = self.layout_.neuron_at(p.x(), p.y(), px, py, self.layout_.node_size() / 2 + 3)
        if hit is not None:
            return ("neuron",) + hit
        hit = self.layout_.edge_at(p.x(), p.y(), px, py)
        return None if hit is None else ("edge",) + hit

    def _strip_unit(self, scene_pos):
        """The hidden unit whose weight image (mnist/weight_strip.py) is under the mouse."""
        strip = self.digit_items.strip if self.digit_items is not None else None
        if strip is None:
            return None
        p = self.getViewBox().mapSceneToView(scene_pos)
        return strip.unit_at(p.x(), p.y())

    def tooltip_for(self, sel) -> str:
        if sel is None or self.step is None:
            return ""
        if sel[0] == "neuron":
            return neuron_tooltip(self.step, sel[1], sel[2])
        return edge_tooltip(self.step, *sel[1:])

    def _hover(self, scene_pos) -> None:
        sel = self.item_at(scene_pos)
        neuron = (sel[1], sel[2]) if sel is not None and sel[0] == "neuron" and sel[1] > 0 else None
        strip = self.digit_items.strip if self.digit_items is not None else None
        if strip is not None:
            strip.hover(neuron[1] if neuron is not None and neuron[0] == 1 else None)
        if sel != self._hover_item:
            self._hover_item = sel
            if self.step is not None:
                self.texts.place_edges(self.selection, sel)
        if neuron != self._hovered:
            self._hovered = neuron
            self.neuron_hovered.emit(neuron)
        text = self.tooltip_for(sel)
        if sel is not None and strip is not None and self._strip_unit(scene_pos) is not None:
            text = strip.tooltip(sel[2])
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event) -> None:
        """The mouse left the view: nothing stays hovered (a hidden unit's large image had
        stayed over the input image, through a rebuilt network and into presentation mode)."""
        super().leaveEvent(event)
        strip = self.digit_items.strip if self.digit_items is not None else None
        if strip is not None:
            strip.hover(None)
        if self._hover_item is not None:
            self._hover_item = None
            if self.step is not None:
                self.texts.place_edges(self.selection, None)
        if self._hovered is not None:
            self._hovered = None
            self.neuron_hovered.emit(None)
        QToolTip.hideText()

    def _click(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        sel = self.item_at(event.scenePos())
        self.click_modifiers = event.modifiers()      # Ctrl+click picks for the descent surface
        if event.double() and sel is not None:
            self.select(sel)
            self.edit_requested.emit(sel)
        elif not event.double():
            self.select(sel)

