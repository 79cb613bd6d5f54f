"""Imported first by the worker pool's forkserver, so that Ctrl-C is the owner's alone.

A terminal's Ctrl-C signals the whole process group, the forkserver included. The
forkserver protects itself from SIGINT only after it has imported its preload modules
(the parsers, which take a while), so an interruption during that import printed a
traceback after the command had already stopped. Ignoring SIGINT here closes that window.
The guard keeps the owner's own interrupts intact should anything else import this.
"""

from __future__ import annotations

import signal
import sys

if sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
