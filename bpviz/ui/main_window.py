"""Placeholder main window (the explorer issue replaces this with the real one)."""

from PySide6.QtWidgets import QMainWindow

from .session import Session


class MainWindow(QMainWindow):
    def __init__(self, preset: str = "toy-40-80"):
        super().__init__()
        self.setWindowTitle("bpviz")
        self.session = Session(preset, self)
        from .training_panel import install_training
        install_training(self)
