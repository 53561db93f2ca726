"""netviz: alliance network maps from news articles.

The Python API for notebooks and scripts:

>>> import netviz
>>> run = netviz.build("data")                      # doctest: +SKIP
>>> G = run.snapshot("last")                        # doctest: +SKIP
>>> netviz.show(G)                                  # doctest: +SKIP
"""

__version__ = "0.1.0"

from netviz.pipeline import Build, SnapshotOptions, build, write_site  # noqa: E402
from netviz.export.notebook import show  # noqa: E402

__all__ = ["Build", "SnapshotOptions", "build", "show", "write_site", "__version__"]
