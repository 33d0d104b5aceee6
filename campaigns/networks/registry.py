"""Which adapter speaks to which network. Adding a network = one module with the interface
in ``base`` and one line in ``ADAPTERS``."""

from types import ModuleType

from ..models.accounts import Network
from . import facebook, instagram, telegram, webhook, x

ADAPTERS: dict[str, ModuleType] = {
    Network.INSTAGRAM: instagram,
    Network.FACEBOOK: facebook,
    Network.X: x,
    Network.TELEGRAM: telegram,
    Network.WEBHOOK: webhook,
}


def adapter_for(network: str) -> ModuleType:
    return ADAPTERS[network]
