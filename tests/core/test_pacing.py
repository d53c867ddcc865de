"""The pacer that spaces out costly recurring work (accuracy measured while training), driven by
a fake clock: no timing of real work."""

import pytest

from bpviz.training.pacing import Pacer


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def work_taking(clock: FakeClock, seconds: float, result="done"):
    def work():
        clock.now += seconds
        return result
    return work


def test_due_at_once_then_after_cost_times_one_over_share_minus_one():
    clock = FakeClock()
    pacer = Pacer(0.1, clock)
    assert pacer.due()
    assert pacer.run(work_taking(clock, 0.010)) == "done"      # ends at 100.010
    # 10 % of the time: 10 ms of work, then 90 ms without
    assert pacer.next_due == pytest.approx(100.010 + 0.090)
    clock.now = 100.099
    assert not pacer.due()
    clock.now = 100.101
    assert pacer.due()


def test_share_of_time_spent_over_many_rounds_is_the_share():
    clock = FakeClock()
    pacer = Pacer(0.25, clock)
    busy, start = 0.0, clock.now
    for _ in range(1000):                      # a loop that checks every millisecond
        if pacer.due():
            pacer.run(work_taking(clock, 0.004))
            busy += 0.004
        clock.now += 0.001
    assert busy / (clock.now - start) == pytest.approx(0.25, abs=0.01)


def test_cheap_work_is_due_again_almost_at_once():
    clock = FakeClock()
    pacer = Pacer(0.1, clock)
    pacer.run(work_taking(clock, 0.0))
    assert pacer.due()                         # no cost: no wait


def test_forced_run_counts_too():
    clock = FakeClock()
    pacer = Pacer(0.5, clock)
    pacer.run(work_taking(clock, 0.2))           # e.g. at an epoch end, due or not
    pacer.run(work_taking(clock, 0.2))
    assert pacer.next_due == pytest.approx(100.4 + 0.2)


@pytest.mark.parametrize("share", [0, -0.1, 1.5])
def test_share_outside_0_1_is_refused(share):
    with pytest.raises(ValueError):
        Pacer(share)
