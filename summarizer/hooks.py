"""Slots the schema calls and a higher layer fills, so the schema stays data and never imports what fills them.

``claim_check``: what ``Digest``'s last validator calls when its validation context holds an article and names
no checker of its own (key ``"claims"``). The package (``summarizer/__init__``) fills it on import with a function
that loads ``summarizer.validation.check_claims`` on first use: ``Digest.model_validate(data, context={"article":
...})`` checks claims as it always did, and ``import summarizer`` stays light.

``notebook_html``: what ``Digest._repr_html_`` (Jupyter) calls, filled the same way with a function that loads
``summarizer.html`` when a notebook first shows a digest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ClaimCheck = Callable[[Any, Mapping[str, Any]], None]
"""Checks a digest's claims against ``context["article"]``; raises ``ValueError`` to fail validation."""

claim_check: ClaimCheck | None = None

NotebookHtml = Callable[[Any], str]
"""Renders a digest as its review page (HTML) for a notebook."""

notebook_html: NotebookHtml | None = None
