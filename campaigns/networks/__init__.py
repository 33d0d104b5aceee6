"""The network adapters: one module per network, each with the interface in ``base``.
``registry`` maps a network to its adapter; the adapters share ``graph``, ``http`` and
``read_back``, and never import the registry."""
