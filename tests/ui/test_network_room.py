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


@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 4, 1], [784, 30, 10]])
@pytest.mark.parametrize("view_px, room_px, header_px", [(221, 75, 50), (300, 64, 55), (900, 64, 55)])
def test_the_fitted_range_keeps_the_headers_above_the_neurons(sizes, view_px, room_px, header_px):
    lay = Layout(sizes)
    x0, x1, y0, y1 = lay.bounds_with_room(view_px, room_px, [header_px] * len(sizes))
    assert (x0, x1) == lay.bounds()[0:2]
    assert y0 <= lay.bounds()[2] and y1 >= lay.bounds()[3]
    per_px = (y1 - y0) / view_px
    floor = float(lay.node_y[lay.node_layer > 0].max())                # the highest neuron
    if lay.image_rect is not None:                                     # and the input image
        floor = max(floor, lay.image_rect[1] + lay.image_rect[3])
    else:
        floor = max(floor, float(lay.node_y.max()))
    assert (y1 - floor) / per_px >= header_px - 1e-6                   # pixels over it
    assert (lay.node_y.min() - y0) / per_px >= room_px - 1e-6          # and under the network
    if y1 > lay.bounds()[3]:                                           # raised: no more than that
        assert (y1 - floor) / per_px == pytest.approx(header_px)


def test_a_view_too_short_for_all_keeps_the_results_room_and_gives_the_headers_the_rest():
    lay = Layout([2, 3, 1])
    view_px, room_px = 200, 75
    x0, x1, y0, y1 = lay.bounds_with_room(view_px, room_px, [60, 60, 60])
    per_px = (y1 - y0) / view_px
    assert (lay.node_y.min() - y0) / per_px >= room_px - 1e-6
    # what is left for the headers: the network keeps 1 − 1/1.6 of the view
    assert (y1 - lay.node_y.max()) / per_px == pytest.approx(view_px / 1.6 - room_px)
