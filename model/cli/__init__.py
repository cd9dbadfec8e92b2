"""The ``exile-model`` command line: a thin layer that parses, calls the library, prints.

Exit codes: 0 success; 2 invalid input or usage (one message per problem, on stderr);
3 an internal error (a bug: the message names the engine version).

May import every layer; nothing imports it.

Layout: :mod:`.options` (the grammar), :mod:`.commands` (one function per subcommand),
:mod:`.streams` (encodings, Markdown safety, SIGTERM, the progress bar), :mod:`.app`
(``main`` and the console entry point).
"""

from model.cli.app import main, main_entry
from model.cli.commands import COMMANDS
from model.cli.options import MAX_SAMPLES, build_parser
from model.cli.streams import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_TERMINATED, ProgressBar

__all__ = [
    "COMMANDS",
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "MAX_SAMPLES",
    "ProgressBar",
    "build_parser",
    "main",
    "main_entry",
]
