"""Build the ``Outgoing`` an adapter receives, for adapter tests against a fake.

``checkpoint`` keeps every saved state (as the dispatcher keeps ``remote_state``) and can
stop the run right after a chosen save, the way a worker that dies there would: the next
``Outgoing`` is built from what was persisted, as the dispatcher would build it.
"""

from collections.abc import Callable

from campaigns.networks.base import Outgoing, OutgoingImage


class WorkerKilled(BaseException):
    """Stands for the worker process dying right after a checkpoint was committed."""


class Store:
    """The delivery's ``remote_state`` column, as far as an adapter can tell."""

    def __init__(self, state: dict | None = None, kill_when: Callable[[dict], bool] | None = None):
        self.state = dict(state or {})
        self.saves: list[dict] = []
        self.kill_when = kill_when

    def checkpoint(self, state: dict) -> None:
        self.state = dict(state)
        self.saves.append(dict(state))
        if self.kill_when and self.kill_when(state):
            self.kill_when = None  # a restarted worker does not die again
            raise WorkerKilled


def outgoing(
    fake,
    *,
    text: str = "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE",
    link: str = "",
    images: int = 0,
    store: Store | None = None,
    credentials: dict | None = None,
    external_id: str | None = None,
) -> Outgoing:
    store = store or Store()
    account = fake.account
    return Outgoing(
        delivery_id=1,
        external_id=external_id if external_id is not None else account.external_id,
        text=text,
        link=link,
        images=[
            OutgoingImage(
                url=fake.image_url(f"foto-{index + 1}.jpg"),
                alt_text=f"Perahu naga di Sungai Cisadane ({index + 1})",
            )
            for index in range(images)
        ],
        credentials=credentials if credentials is not None else account.get_credentials(),
        idempotency_key="00000000-0000-0000-0000-000000000001",
        state=dict(store.state),
        checkpoint=store.checkpoint,
    )
