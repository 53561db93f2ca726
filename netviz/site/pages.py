"""What every netviz page shares: the Jinja environment and templates, the inlined scripts and
stylesheets, the Content-Security-Policy, and JSON that is safe inside a ``<script>``.

Templates live in ``netviz/site/templates``: ``base.html`` (skeleton, CSP)
which every page extends, and the scripts and stylesheets pages inline or a
site writes once into its data folder (:func:`write_site_assets`).
vis-network is the one pyvis bundles.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from netviz import __version__
from netviz.errors import NetvizError
from netviz.io import atomic_write_text
from netviz.site.palette import SIGN_COLORS

#: Our templates, stylesheet and scripts.
TEMPLATES = Path(__file__).parent / "templates"
#: The vis-network that pyvis bundles; inlined into every map.
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element (sorted keys, compact).

    ``<``, ``>``, ``&`` and U+2028/2029 only occur inside JSON strings, where
    their ``\\uXXXX`` forms mean the same: no ``</script>`` or ``<!--`` can
    end or confuse the element.

    >>> str(script_json({"s": "</script><b>&"}))
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:
        raise NetvizError(f"page data holds a number JSON cannot carry (NaN or infinity): {exc}") from None
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text))


# vis-network.min.js ends with a source map comment: devtools would request the map file.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
# a closing tag inside inlined code would end its element early
_CLOSING_TAG = re.compile(r"</(?=script|style)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    path = VIS_LIB / name if name.startswith("vis-network") else TEMPLATES / name
    text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    return _CLOSING_TAG.sub("<\\/", text)


def asset(name: str) -> Markup:
    """The text of a script or stylesheet to inline: ``netviz/site/templates/<name>``,
    or vis-network's ``vis-network.min.js`` / ``vis-network.css``."""
    return Markup(_asset(name))


_NONE = "'none'"
_SELF = " 'self'"


@lru_cache(maxsize=None)
def _script_hash(name: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(_asset(name).encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Sequence[str], site_data: str | None = None) -> str:
    """The Content-Security-Policy of a page whose only scripts are the inlined ``scripts``.

    Nothing may be fetched from the network; scripts run only if their hash is
    listed, so an injected ``<script>`` or ``onerror=`` would not run. A site
    page (``site_data``: its data folder, a relative path) may also load scripts
    and stylesheets from its own site (``'self'``: on ``file://`` that is the
    local disk, never the network).
    """
    # a site page runs only its site's script files: it has no inline script to hash
    sources = "'self'" if site_data else " ".join(_script_hash(s) for s in scripts) or _NONE
    return (
        f"default-src 'none'; script-src {sources}; "
        f"style-src 'unsafe-inline'{_SELF if site_data else ''}; img-src data:; base-uri 'none'; form-action 'none'"
    )


#: The scripts and stylesheets a site writes once into its data folder for every page.
SITE_ASSETS = ("vis-network.min.js", "netviz.js", "replay.js", "map.js", "timeline.js", "netviz.css", "timeline.css")


def write_site_assets(folder: str | Path) -> list[Path]:
    """Write the pages' scripts and stylesheets into a site's data folder (atomically, UTF-8)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(folder / name, _asset(name)) for name in SITE_ASSETS]


@lru_cache(maxsize=None)
def environment() -> Environment:
    """The Jinja environment of every netviz page (autoescaping on).

    Globals: ``asset``, ``csp``, ``version``, ``palette``; filter ``json``
    (:func:`script_json`). Pages for other modules extend ``base.html``.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        asset=asset,
        csp=csp,
        version=__version__,
        palette={"cooperation": SIGN_COLORS[1], "conflict": SIGN_COLORS[-1], "mixed": SIGN_COLORS[0]},
    )
    env.filters["json"] = script_json
    return env


def render_page(template: str, path: str | Path, **context: Any) -> Path:
    """Render ``netviz/site/templates/<template>`` with ``context`` to ``path`` (atomic, UTF-8).

    The folder of ``path`` is created if needed.
    """
    path = Path(path)
    text = environment().get_template(template).render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)

