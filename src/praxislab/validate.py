"""Reading and checking YAML written by people (case vignettes, activities).

Two steps, both safe on any input:

1. `read_yaml` parses one file with a deliberately small YAML loader: regular files only
   (a FIFO or a device named `.yaml` is refused at once, never read), at most
   `MAX_BYTES`, nesting at most `MAX_DEPTH` deep, no anchors or aliases (so a
   "billion laughs" file fails in microseconds), no duplicate keys, keys are plain names,
   and nothing but text, numbers, true/false, lists and mappings comes out.
2. `schema_problems` checks the data against a JSON Schema shipped in
   `praxislab/schemas/` (the same schema editors use for autocompletion) and turns each
   failure into a `Problem` in plain words.

Every problem names the file, the path to the field (`stages[2].title`, counting from 1),
what was expected and what was found. Whatever goes wrong, the only exception that leaves
this module's readers is `ContentError`.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import stat
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
"""The largest file read: the longest shipped file is about a tenth of this."""
MAX_DEPTH = 12
"""The deepest nesting of lists and mappings (the formats need 6)."""
MAX_PROBLEMS = 30
"""Problems listed per file; more are summed up in one line."""
WHOLE_FILE = "(whole file)"


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    expected: str
    found: str
    location: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    """The path to the field as keys and 0-based list positions (for grouping)."""

    def __str__(self) -> str:
        return f"{self.file}: field '{self.field}': expected {self.expected}, found {self.found}"


class ContentError(Exception):
    """A content file could not be used; `problems` says exactly why. `loaded` holds
    whatever in the file was still usable (activities that passed every check)."""

    def __init__(self, problems: list[Problem], loaded: dict[str, Any] | None = None):
        self.problems = problems
        self.loaded = loaded or {}
        super().__init__("\n".join(str(p) for p in problems))


def describe(value: Any, expected: str = "") -> str:
    """What was found, in words an instructor knows. When text was `expected`, a number or
    true/false gets a hint: YAML reads `title: 1` and `answer: yes` as those, not text."""
    hint = "; put it in quotes if you mean text" if (
        "text" in expected and "quotes" not in expected) else ""
    if value is None:
        return "nothing (the field is missing or empty)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()}){hint}"
    if isinstance(value, str):
        if not value.strip():
            return "empty text" if not value else "only spaces"
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, (int, float)):
        return f"a number ({value}){hint}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return type(value).__name__


def field_name(location: tuple[Any, ...] | list[Any]) -> str:
    """`('stages', 1, 'title')` -> `stages[2].title` (list positions counted from 1)."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or WHOLE_FILE


# -- the YAML loader ------------------------------------------------------------------------

class _Refused(yaml.YAMLError):
    """Something the loader will not accept, with where it was found."""

    def __init__(self, problem: str, mark: Any = None, advice: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark
        self.advice = advice


def _line(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "somewhere"


_BASE = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
"""libyaml's parser when PyYAML has it (ten times faster), PyYAML's own otherwise."""
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


_NO_ANCHORS = "; anchors and aliases (& and *) are not used in these files: write the text out"


def _prescan(text: str) -> None:
    """Walk the parser's events before anything is built: refuse anchors, aliases and deep
    nesting here, so a "billion laughs" file stops at its first anchor."""
    parser = _BASE(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(f"an alias (*{event.anchor})", event.start_mark, _NO_ANCHORS)
            if getattr(event, "anchor", None) is not None:
                raise _Refused(f"an anchor (&{event.anchor})", event.start_mark, _NO_ANCHORS)
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(f"lists or mappings nested more than {MAX_DEPTH} deep",
                                   event.start_mark)
            elif isinstance(event, _CLOSE):
                depth -= 1
    finally:
        parser.dispose()


class _Loader(_BASE):
    """PyYAML's safe loader, made smaller: see the module's docstring."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        first: dict[str, Any] = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("a merge key (<<)", key_node.start_mark, "; write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused("a list or mapping used as a field name", key_node.start_mark)
            key = self.construct_object(key_node)
            if not isinstance(key, str):
                raise _Refused(f"a field name that is not text ({key_node.value})",
                               key_node.start_mark, "; put it in quotes")
            if key in first:
                raise _Refused(f"the field '{key}' a second time in one mapping",
                               key_node.start_mark, f" (it is first at {_line(first[key])}); "
                               "keep one")
            first[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_timestamp_as_text(self, node: Any) -> str:
        return self.construct_scalar(node)

    def refuse_tag(self, node: Any) -> None:
        raise _Refused(f"the YAML type {node.tag}, which these files do not use",
                       node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_timestamp_as_text)
for _tag in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.refuse_tag)


def _whole(name: str, expected: str, found: str) -> ContentError:
    return ContentError([Problem(name, WHOLE_FILE, expected, found)])


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a ContentError. Never
    blocks on a FIFO or device: the file is opened non-blocking and checked first."""
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        found = "a link to nothing" if path.is_symlink() else "no file there"
        raise _whole(name, "a readable file", found) from None
    except OSError as exc:
        raise _whole(name, "a readable file", exc.strerror or type(exc).__name__) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((label for test, label in _KINDS if test(mode)), "not a regular file")
            raise _whole(name, "a regular file", f"{kind}; it was skipped")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _whole(name, "a readable file", exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _whole(name, f"a file of at most {limit // 1024} KB",
                     "a larger file; split it, or check it is the right file")
    return data


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text with the small loader; any failure is a ContentError."""
    loader = None
    try:
        _prescan(text)
        loader = _Loader(text)
        return loader.get_single_data()
    except _Refused as exc:
        raise _whole(name, "valid YAML", f"{exc.problem} at {_line(exc.problem_mark)}"
                     f"{exc.advice}") from None
    except yaml.MarkedYAMLError as exc:
        reason = (exc.problem or "a syntax error").removeprefix("but ").removeprefix("found ")
        if exc.context and "another document" in reason:
            reason += " (one file holds one case: remove the line '---')"
        raise _whole(name, "valid YAML", f"{reason} at {_line(exc.problem_mark)}") from None
    except yaml.reader.ReaderError as exc:
        raise _whole(name, "valid YAML", f"a character YAML does not allow "
                     f"(#x{exc.character:04x}) at character {exc.position}") from None
    except yaml.YAMLError as exc:
        raise _whole(name, "valid YAML", str(exc).splitlines()[0][:200]) from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        # A number thousands of digits long, for example.
        raise _whole(name, "valid YAML", "a value that could not be read "
                     f"({type(exc).__name__}: {str(exc)[:60]})") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml(path: Path) -> Any:
    """Read and parse one YAML file safely; every failure is a ContentError."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _whole(path.name, "UTF-8 text", "bytes that are not UTF-8 text") from None
    return parse_yaml(text, path.name)


# -- the schemas ----------------------------------------------------------------------------

SCHEMAS = ("vignette", "activities")


def schema_path(name: str) -> Path:
    """Where the JSON Schema for `name` ("vignette" or "activities") is installed."""
    return Path(str(resources.files("praxislab") / "schemas" / f"{name}.schema.json"))


def jsonschema_module() -> Any:
    """jsonschema, imported without its slow optional IRI checker.

    jsonschema's import loads the optional rfc3987_syntax package, which compiles dozens
    of Lark grammars: 2 to 10 seconds in every lesson kernel on a shared machine
    (python-jsonschema/jsonschema issues 1392 and 1428), against 0.15 s without it. Only
    the 'iri' and 'iri-reference' formats use it, and none of our schemas or descriptors
    do. Marking it absent before jsonschema's first import makes jsonschema skip those two
    format checkers; nothing else changes. Every loader here imports jsonschema this way.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import jsonschema

    return jsonschema


@functools.cache
def _validator(name: str) -> Any:
    Draft202012Validator = jsonschema_module().Draft202012Validator

    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _resolve(schema: Any, root: dict[str, Any]) -> dict[str, Any]:
    while isinstance(schema, dict) and "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema if isinstance(schema, dict) else {}


_JSON_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def _matches_type(schema: dict[str, Any], value: Any) -> bool:
    kind = schema.get("type")
    if kind in _JSON_TYPES:
        return isinstance(value, _JSON_TYPES[kind])
    if kind in ("number", "integer"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if "enum" in schema:
        return isinstance(value, str)
    return False


def _expected(schema: dict[str, Any], error: Any) -> str:
    said = schema.get("x-expected")
    if said:
        return said
    keyword = error.validator
    if keyword == "minItems":
        return f"a list of at least {error.validator_value} item(s)"
    if keyword == "enum":
        return "one of " + ", ".join(map(str, error.validator_value))
    if keyword == "type":
        return {"string": "some text", "array": "a list (lines starting with '- ')",
                "object": "a mapping (indented key: value lines)", "boolean": "true or false",
                "number": "a number", "integer": "a whole number"}.get(
                    str(error.validator_value), str(error.validator_value))
    if keyword == "minimum":
        return f"a number of at least {error.validator_value}"
    return "a value of another kind"


def _convert(error: Any, root: dict[str, Any], file: str) -> list[Problem]:
    """One jsonschema error as one or more plain-words problems."""
    where = tuple(error.absolute_path)
    schema = _resolve(error.schema, root)
    keyword = error.validator
    if "propertyNames" in error.relative_schema_path:
        name = error.instance
        names = _resolve(schema.get("propertyNames", schema), root)
        return [Problem(file, field_name((*where, name)), names.get("x-expected")
                        or _expected(names, error), f"the name {name!r}", (*where, name))]
    if keyword in ("anyOf", "oneOf"):
        branches = [_resolve(b, root) for b in error.validator_value]
        fitting = [i for i, b in enumerate(branches) if _matches_type(b, error.instance)]
        if len(fitting) == 1:
            inner = [e for e in error.context if e.relative_schema_path[0] == fitting[0]]
            if inner:
                return [p for e in inner for p in _convert(e, root, file)]
        expected = _expected(schema, error)
        return [Problem(file, field_name(where), expected, describe(error.instance, expected),
                        where)]
    if keyword == "required":
        out = []
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                sub = _resolve(schema.get("properties", {}).get(key, {}), root)
                out.append(Problem(file, field_name((*where, key)),
                                   sub.get("x-expected", "this field"),
                                   "nothing (the field is missing)", (*where, key)))
        return out
    if keyword == "additionalProperties" and schema.get("additionalProperties") is False:
        known = sorted(schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (a typo?)"
            out.append(Problem(file, field_name((*where, key)),
                               "one of the fields " + ", ".join(known),
                               f"a field with an unknown name{hint}", (*where, key)))
        return out
    if keyword == "uniqueItems":
        return [Problem(file, field_name(where), _expected(schema, error),
                        "the same value listed twice", where)]
    if keyword == "minProperties":
        return [Problem(file, field_name(where), _expected(schema, error),
                        "an empty mapping", where)]
    expected = _expected(schema, error)
    return [Problem(file, field_name(where), expected, describe(error.instance, expected),
                    where)]


def _order(data: Any, location: tuple[Any, ...]) -> tuple[int, ...]:
    """Where a field sits in the file, so problems are listed top to bottom."""
    out = []
    for part in location:
        if isinstance(data, dict):
            keys = list(data)
            out.append(keys.index(part) if part in data else len(keys))
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int):
            out.append(part)
            data = data[part] if part < len(data) else None
        else:
            out.append(0)
            data = None
    return tuple(out)


def schema_problems(data: Any, name: str, file: str) -> list[Problem]:
    """Every way `data` differs from the schema `name`, in file order, each once."""
    validator = _validator(name)
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for error in validator.iter_errors(data):
        for problem in _convert(error, validator.schema, file):
            key = (problem.field, problem.expected, problem.found)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    problems.sort(key=lambda p: _order(data, p.location))
    return cap(problems, file)


def cap(problems: list[Problem], file: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    extra = len(problems) - MAX_PROBLEMS + 1
    return problems[: MAX_PROBLEMS - 1] + [Problem(
        file, "(more)", "the problems above fixed first",
        f"{extra} more problem(s) in this file; run praxislab check-vignettes or "
        "check-activities after fixing these")]


def finite_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(
        value)
