"""Small helpers for checking YAML written by people (vignettes, activities).

Every problem names the file, the field, what was expected and what was found, so an
instructor can fix a case file without reading Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: field '{self.field}': expected {self.expected}, found {self.found}"


class ContentError(Exception):
    """A content file could not be used; `problems` says exactly why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def describe(value: Any) -> str:
    if value is None:
        return "nothing (the field is missing or empty)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return type(value).__name__


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; a syntax error becomes a ContentError with the line."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError([Problem(name, "(whole file)", "UTF-8 text",
                                    "bytes that are not UTF-8 text")]) from None
    except OSError as exc:
        raise ContentError([Problem(name, "(whole file)", "a readable file",
                                    exc.strerror or str(exc))]) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        reason = getattr(exc, "problem", None) or "a syntax error"
        raise ContentError([Problem(name, "(whole file)", "valid YAML",
                                    f"{reason} at {where}")]) from None


class Checker:
    """Collects problems while reading one mapping."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, field: str, expected: str, found: Any) -> None:
        self.problems.append(Problem(self.file, field, expected, describe(found)))

    def text(self, data: Any, key: str, where: str = "", *, required: bool = True,
             default: str = "") -> str:
        field = f"{where}{key}"
        value = data.get(key) if isinstance(data, dict) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(field, "some text", value)
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.add(field, "text", value)
            return default
        return value.strip()

    def boolean(self, data: Any, key: str, where: str = "", *, default: bool = False) -> bool:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(f"{where}{key}", "true or false", value)
            return default
        return value

    def choice(self, data: Any, key: str, allowed: tuple[str, ...], where: str = "",
               *, required: bool = True, default: str = "") -> str:
        value = self.text(data, key, where, required=required, default=default)
        if value and value not in allowed:
            self.add(f"{where}{key}", "one of " + ", ".join(allowed), value)
            return default
        return value

    def items(self, data: Any, key: str, where: str = "", *, minimum: int = 1,
              maximum: int | None = None, required: bool = True) -> list[Any]:
        field = f"{where}{key}"
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            if required:
                self.add(field, f"a list of at least {minimum} item(s)", value)
            return []
        if not isinstance(value, list):
            self.add(field, "a list (lines starting with '- ')", value)
            return []
        if len(value) < minimum or (maximum is not None and len(value) > maximum):
            bound = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
            self.add(field, f"a list of {bound} items", value)
        return value

    def texts(self, data: Any, key: str, where: str = "", *, minimum: int = 1,
              maximum: int | None = None, required: bool = True) -> list[str]:
        out = []
        for i, item in enumerate(self.items(data, key, where, minimum=minimum,
                                            maximum=maximum, required=required)):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{where}{key}[{i + 1}]", "some text", item)
            else:
                out.append(item.strip())
        return out

    def mapping(self, data: Any, key: str, where: str = "", *, required: bool = True) -> dict:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            if required:
                self.add(f"{where}{key}", "a mapping (indented key: value lines)", value)
            return {}
        if not isinstance(value, dict):
            self.add(f"{where}{key}", "a mapping (indented key: value lines)", value)
            return {}
        return value

    def unknown_keys(self, data: Any, known: set[str], where: str = "") -> None:
        if isinstance(data, dict):
            for key in data:
                if key not in known:
                    self.problems.append(Problem(
                        self.file, f"{where}{key}",
                        f"one of the documented fields ({', '.join(sorted(known))})",
                        "a field with an unknown name (a typo?)"))

    def done(self) -> None:
        if self.problems:
            raise ContentError(self.problems)
