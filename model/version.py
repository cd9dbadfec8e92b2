"""The engine version: one place, read by the package, the CLI, every manifest and the build.

Imports nothing.
"""

__version__ = "0.2.0"
