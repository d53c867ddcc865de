"""Work too big for the GUI thread: building or reading a network above the documented size
(core/size_check.py). The window first asks (`ask_large`), then runs the work in a QThread
while a progress dialog shows (`run_off_gui_thread`); the window keeps repainting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from .mnemonics import ask


def ask_large(parent: QWidget, title: str, reason: str) -> bool:
    """`reason` (the size check's one line) and "Continue anyway?"; True for Yes."""
    answer = ask(
        parent, title, parent.tr("{0}\n\nThe window may be slow while it works. Continue "
                                 "anyway?").format(reason),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


class _Job(QThread):
    done = Signal()

    def __init__(self, work: Callable[[], object]):
        super().__init__()
        self.setObjectName("bpviz-heavy")
        self.work = work
        self.result = self.error = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as e:            # handed to the GUI thread, raised there
            self.error = e
        self.done.emit()


def run_off_gui_thread(parent: QWidget, label: str, work: Callable[[], object]):
    """Run `work()` in a QThread while a modal progress dialog (objectName `heavy_progress`)
    shows `label`; return its result or raise its exception in the GUI thread. The thread is
    always joined before this returns."""
    dialog = QProgressDialog(label, None, 0, 0, parent)     # busy bar, no cancel: it cannot stop
    dialog.setObjectName("heavy_progress")
    dialog.setWindowTitle(parent.tr("Working"))
    dialog.setMinimumDuration(0)
    job = _Job(work)
    loop = QEventLoop()
    job.done.connect(loop.quit)
    job.start()
    dialog.show()
    if not job.isFinished():
        loop.exec()
    job.wait()
    dialog.close()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result
