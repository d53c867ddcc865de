"""Keyboard control: Space plays and pauses training, E trains one epoch, → steps the walk."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from bpviz.app import create_main_window

TIMEOUT = 20_000


def test_space_plays_and_pauses_and_e_trains_one_epoch(qtbot):
    window = create_main_window("xor")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):     # window shortcuts only reach the active window
        window.show()
        window.activateWindow()
    controller = window.training
    epoch_label = window.findChild(QLabel, "epoch_label")

    window.network_view.setFocus()
    qtbot.keyClick(window.network_view, Qt.Key_E)
    qtbot.waitUntil(lambda: not controller.running and controller.epoch == 1, timeout=TIMEOUT)
    assert epoch_label.text() == "epoch 1 of 1\u00a0000"

    qtbot.keyClick(window.network_view, Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.running, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: controller.epoch > 5, timeout=TIMEOUT)
    qtbot.keyClick(window.network_view, Qt.Key_Space)
    qtbot.waitUntil(lambda: not controller.running, timeout=TIMEOUT)
    assert controller.state == "paused"
    window.close()


def test_right_arrow_steps_the_walk(qtbot):
    window = create_main_window("toy-40-80")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.network_view.setFocus()
    assert window.walk.step.index == 0
    qtbot.keyClick(window.network_view, Qt.Key_Right)
    qtbot.keyClick(window.network_view, Qt.Key_Right)
    assert window.walk.step.phase == "forward" and window.walk.step.layer == 2
    qtbot.keyClick(window.network_view, Qt.Key_Left)
    assert window.walk.step.layer == 1
    window.close()
