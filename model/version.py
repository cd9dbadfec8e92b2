"""The engine version: one place, read by the package, the CLI, every manifest and the build."""

__version__ = "0.1.0"
