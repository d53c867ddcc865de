"""File → Download full MNIST… and File → Import MNIST files…: the download runs in a thread of
its own, its progress relayed to a cancellable progress dialog through a signal; failures are
one-line dialogs and leave the data in use as it was (core/mnist_download.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ...core.errors import BpvizError
from ...core.mnist import (
    FULL_TEST,
    FULL_TRAIN,
    VALIDATION_SIZE,
    cache_file,
    has_full,
    import_mnist,
    load_mnist,
)
from ...core.mnist_download import DownloadCancelled, Unreachable, download_mnist
from ...core.mnist_files import is_idx_file
from ...core.notation import count


class MnistDataActions(QObject):
    progressed = Signal(int, int, str)       # bytes done, bytes in all, file name (any thread)
    finished = Signal(object)                # None on success, else the one-line message

    def __init__(self, window, session, on_new_data):
        super().__init__(window)
        self.window, self.session, self.on_new_data = window, session, on_new_data
        self.download = QAction(self.tr("Download full MNIST…"), window)
        self.download.setObjectName("mnist_download")
        self.download.setToolTip(self.tr("Fetch the full MNIST set into bpviz's cache (checked by "
                                         "SHA-256): {n} digits, {train} training (of which {valid} "
                                         "for validation) + {test} test").format(
            n=count(FULL_TRAIN + FULL_TEST), train=count(FULL_TRAIN), valid=count(VALIDATION_SIZE),
            test=count(FULL_TEST)))
        self.download.triggered.connect(self.start_download)
        self.import_ = QAction(self.tr("Import MNIST files…"), window)
        self.import_.setObjectName("mnist_import")
        self.import_.triggered.connect(self.import_files)
        self.progressed.connect(self._progress, Qt.QueuedConnection)
        self.finished.connect(self._finished, Qt.QueuedConnection)
        self.dialog = None
        self.cancel = threading.Event()
        self.thread = None

    def start_download(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            return
        self.cancel = threading.Event()
        self.dialog = QProgressDialog(self.tr("Downloading MNIST…"), self.tr("Cancel"), 0, 1000,
                                      self.window)
        self.dialog.setObjectName("mnist_download_progress")
        self.dialog.setWindowTitle(self.tr("Download full MNIST"))
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel.set)
        self.dialog.show()
        self.thread = threading.Thread(target=self._run, name="mnist-download", daemon=True)
        self.thread.start()

    def _run(self) -> None:                      # the download thread: signals only
        try:
            download_mnist(progress=lambda done, total, name: self.progressed.emit(
                int(done), int(total), str(name)), cancel=self.cancel)
            self.finished.emit(None)
        except DownloadCancelled:
            self.finished.emit("")
        except Unreachable as e:                 # the window's ways out, not the CLI's options
            stays = (self.tr("The MNIST data in use stays unchanged.") if has_full() else
                     self.tr("The bundled 5 000-digit subset stays in use."))
            self.finished.emit(self.tr(
                "Could not reach {0} ({1}): are you offline? {2} Try again later, or File → "
                "Import MNIST files… with files you already have.").format(e.where, e.reason, stays))
        except BpvizError as e:
            self.finished.emit(str(e))
        except Exception as e:                   # noqa: BLE001 — one line, never a traceback
            self.finished.emit(f"download failed: {e}")

    def _progress(self, done: int, total: int, name: str) -> None:
        if self.dialog is not None and total > 0:
            self.dialog.setValue(min(999, int(1000 * done / total)))
            self.dialog.setLabelText(self.tr("Downloading {name}: {mb:.1f} of {all:.1f} MB")
                                     .format(name=name, mb=done / 2**20, all=total / 2**20))

    def _finished(self, message) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        if self.thread is not None:
            self.thread.join(timeout=1)
            self.thread = None
        if message:
            QMessageBox.warning(self.window, self.tr("Download full MNIST"), message)
        elif message is None:
            self._use_new_data()

    def import_files(self) -> None:
        # a file, not a folder: mnist.pkl.gz itself, or any of the four IDX files (their
        # folder is imported); a folder chooser had hidden the pickle it named
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import MNIST: mnist.pkl.gz, or one of the four IDX files"),
            "", self.tr("MNIST files (*.gz *-ubyte *.pkl);;All files (*)"))
        if not path:
            return
        if is_idx_file(path):
            path = str(Path(path).parent)
        try:
            import_mnist(path)
        except BpvizError as e:
            QMessageBox.warning(self.window, self.tr("Import MNIST files"), str(e))
            return
        except MemoryError:          # (core refuses files too large to be MNIST before this)
            QMessageBox.warning(self.window, self.tr("Import MNIST files"), self.tr(
                "{0}: not enough memory to import it; the MNIST data in use is unchanged"
            ).format(path))
            return
        self._use_new_data()

    def _use_new_data(self) -> None:
        """The full set is in the cache now: the mnist preset's data becomes it."""
        try:
            data = load_mnist()
            if self.session.dataset.name.startswith("mnist") and not self.session.busy:
                self.session.set_dataset(data.dataset())
        except BpvizError as e:
            QMessageBox.warning(self.window, self.tr("MNIST"), str(e))
        except MemoryError:
            QMessageBox.warning(self.window, self.tr("MNIST"), self.tr(
                "{0}: not enough memory to use it; the data in use stays (delete the file to go "
                "back to the bundled subset)").format(cache_file()))
        self.on_new_data()

    def stop(self) -> None:
        """The window is closing: cancel a download and wait for its thread."""
        self.cancel.set()
        if self.thread is not None:
            self.thread.join(timeout=5)
