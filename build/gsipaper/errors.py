"""The errors the build reports: bad input, a bug of the package, an invalid package."""

from __future__ import annotations

__all__ = ["Invalid", "SchemaMismatch", "SourceError"]  # the rest are its own helpers


class SourceError(Exception):
    """A problem in the input: where it is, what is wrong and what was expected.

    Stages raise it without a file name; the shell adds the file with `at_file`.
    """

    def __init__(self, problem: str, expected: str, line: int | None = None, file: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.expected = expected
        self.line = line
        self.file = file

    def at_file(self, file: str) -> SourceError:
        """The same error in `file`, unless it already names its file."""
        return SourceError(self.problem, self.expected, self.line, self.file or file)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.problem} ({self.expected})"


class SchemaMismatch(Exception):
    """The code makes columns its Table Schemas do not declare: a bug of the package, not
    of its input. The build refuses to publish the table."""


class Invalid(Exception):
    """The built package failed validation, or differs from the published one."""
