"""Child processes that a test interrupts with SIGINT, as a user's Ctrl-C would."""

from __future__ import annotations

import signal


def take_ctrl_c() -> None:
    """``preexec_fn``: restore SIGINT's default in the child.

    A job started in the background by a non-interactive shell (nohup, CI wrappers) ignores SIGINT, and children
    inherit that; Python then never raises KeyboardInterrupt, so a Ctrl-C test would test nothing or hang.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
