"""``python -m model`` runs the command line.

May import :mod:`model.cli` only.
"""

from model.cli import main_entry

main_entry()
