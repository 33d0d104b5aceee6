"""core.memo: the one in-process memo with expiry (page cache hot copies, tracked links, bots)."""

from core import memo as memo_module
from core.memo import Memo


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_kept_value_is_loaded_once_until_it_expires(monkeypatch):
    # given
    clock = Clock()
    monkeypatch.setattr(memo_module.time, "monotonic", clock)
    loads = []
    memo = Memo(seconds=5)

    def load(key):
        loads.append(key)
        return key.upper()

    # when / then
    assert memo.get("a", load) == "A"
    clock.now += 4.9
    assert memo.get("a", load) == "A"
    assert loads == ["a"]
    clock.now += 0.2
    assert memo.get("a", load) == "A"
    assert loads == ["a", "a"]


def test_without_seconds_a_value_is_kept_until_the_memo_is_emptied(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(memo_module.time, "monotonic", clock)
    memo = Memo()
    memo.keep("a", 1)
    clock.now += 10**9
    assert memo.peek("a") == 1
    memo.clear()
    assert memo.peek("a") is None


def test_keep_takes_its_own_lifetime_and_peek_misses_after_it(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(memo_module.time, "monotonic", clock)
    memo = Memo(seconds=60)
    memo.keep("page", ("stored",), seconds=0.1)
    assert memo.peek("page") == ("stored",)
    clock.now += 0.2
    assert memo.peek("page") is None


def test_a_full_memo_is_emptied_before_it_grows_and_forget_drops_one_key():
    memo = Memo(seconds=60, size=2)
    memo.keep("a", 1)
    memo.keep("b", 2)
    memo.keep("c", 3)
    assert (memo.peek("a"), memo.peek("b"), memo.peek("c")) == (None, None, 3)
    memo.forget("c")
    assert memo.peek("c") is None
