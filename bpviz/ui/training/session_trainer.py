"""A `Trainer` made from the Session's network, data and settings, and kept up to date with
them: what the training controller hands its worker thread."""

from __future__ import annotations

from ...core.bug_backprop import BuggyNetwork
from ...training.trainer import Trainer
from ..session import Session


def new_trainer(session: Session) -> Trainer:
    """A trainer on a copy of the Session's network. The bug lab's ticked mistakes train
    too (a copy that runs the mistaken backprop); with the symmetric-init mistake the
    Session takes the copy's equal weights, since the mistake is the start and must show."""
    network = BuggyNetwork(session.network, session.bugs) if session.bugs else session.network.copy()
    if "symmetric-init" in session.bugs:
        session.set_params(network.params)
    data = session.dataset
    trainer = Trainer(network, data.x, data.y, eta=session.eta, optimizer=session.optimizer,
                      l2=session.l2, seed=session.seed, x_test=data.x_test, y_test=data.y_test,
                      pixels=data.pixels)
    trainer.set_batch_size(session.batch_size)    # (None: all)
    return trainer


def take_settings(trainer: Trainer, session: Session) -> None:
    """The Session's weights and settings as they are now: edits and walks made while
    paused count. Raises BpvizError for a setting the trainer refuses."""
    trainer.set_params(session.network.params)
    trainer.set_eta(session.eta)
    trainer.set_batch_size(session.batch_size)    # (None: all)
    trainer.set_optimizer(session.optimizer)
    trainer.set_l2(session.l2)
