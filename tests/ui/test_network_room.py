"""The network view leaves room under the network for the walk's result text."""

import pytest

from bpviz.ui.explorer.network_layout import Layout


@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 4, 1], [784, 30, 10]])
@pytest.mark.parametrize("view_px, room_px", [(200, 90), (235, 64), (600, 64)])
def test_the_fitted_range_shows_the_room_asked_for_under_the_lowest_neuron(sizes, view_px, room_px):
    lay = Layout(sizes)
    x0, x1, y0, y1 = lay.bounds_with_room(view_px, room_px)
    assert (x0, x1, y1) == lay.bounds()[0:2] + lay.bounds()[3:]      # only the bottom moves
    assert y0 <= lay.bounds()[2]
    low = lay.node_y.min()
    shown_px = (low - y0) / (y1 - y0) * view_px                       # pixels under it
    assert shown_px >= room_px - 1e-9
    if y0 < lay.bounds()[2]:                     # lowered: exactly the room, no more
        assert shown_px == pytest.approx(room_px)


def test_a_view_too_small_for_the_room_keeps_the_plain_bounds():
    lay = Layout([784, 30, 10])
    assert lay.bounds_with_room(100, 64) == lay.bounds()
    assert lay.bounds_with_room(0, 64) == lay.bounds()
