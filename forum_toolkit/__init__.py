"""forum_toolkit: participation for every resident of a town.

Consultation files become frozen models (`forum_toolkit.consultation`), participants' ballots go into
an append-only store (`forum_toolkit.store`), and the command line `forum-toolkit` ties them together.
"""

__version__ = "0.1.0"
