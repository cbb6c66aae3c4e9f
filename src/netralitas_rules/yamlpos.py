"""Read YAML into plain Python data while remembering where every key and item stands.

PyYAML's composer gives every node its line and column; we build the values ourselves from
the node tree so that we can (a) reject duplicate keys, which PyYAML silently overwrites,
(b) reject tags other than YAML's standard ones, (c) bound the work an alias bomb or a deep
document can cause, and (d) map any key path back to ``line:col`` for error messages.

Case files are read with YAML 1.2's core schema for plain scalars (``read_yaml(...,
core_schema=True)``): PyYAML implements YAML 1.1, where ``NO`` and ``off`` are false, ``017``
is 15 and ``1:20`` is 80, readings a case writer never means. Under the core schema those are
text (and so an error where a boolean or a number is due), except a number with a leading
zero, which the two versions read differently and which is therefore refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .errors import Problem
from .escape import escape_text
from .problemtext import Foreign, Text, text_of

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 64
# Nodes that aliases may add on top of the nodes written out: anchors that share a block or
# two are fine, an alias bomb (a few hundred bytes expanding to millions of nodes) is not.
MAX_ALIAS_NODES = 100_000

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def render_path(path: KeyPath) -> str:
    """``('provisions', 3, 'when')`` -> ``provisions[3].when``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # A key is text from the file: escape what a terminal would act on.
            text = escape_text(str(part))
            out += f".{text}" if out else text
    return out


@dataclass
class Located:
    """Parsed data, the position of each key path, and the problems met while reading."""

    file: str
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: KeyPath) -> tuple[int, int]:
        """``(line, column)`` of the longest prefix of ``path`` that has a position."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos is not None:
                return pos
        return (1, 1)

    # ``message`` is a Text or plain words; typed Any so that an override still typed
    # ``str`` (testing/cases.py's view of a part of a file) stays a valid one.
    def problem(self, path: KeyPath, message: Any) -> Problem:
        """A :class:`Problem` at the place of ``path`` (``message``: a Text or words)."""
        line, col = self.position(path)
        return Problem.of(self.file, line, col, render_path(path), message)


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


class _TooBigError(Exception):
    def __init__(self, message: Text, mark: yaml.Mark | None = None) -> None:
        super().__init__(message)
        self.text = message
        self.mark = mark


def _too_deep() -> Text:
    return Text("yaml.too_deep", depth=MAX_DEPTH)


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's composer recurses once per nesting level, so a deeply nested document would
    exhaust Python's stack (RecursionError) before we see its nodes; stop it at MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _TooBigError(_too_deep(), self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), kept to the
# forms YAML 1.1 also reads as the same type, so that text PyYAML writes unquoted (``0o17``,
# ``1e3``, ``019``: text to YAML 1.1) reads back as text. The other YAML 1.1 forms (yes/no/
# on/off, 0b1, 1_000, 1:20, 1:20.5) read as text; ``017``, octal to YAML 1.1 and decimal to
# YAML 1.2, is refused (see _core_int).
_CORE_RESOLVERS = (
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        _INT,
        re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|[-+]?0[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        _FLOAT,
        re.compile(
            r"^(?:(?:[-+]?[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
)


def _core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """An integer; one written with a leading zero, octal to YAML 1.1 and decimal to YAML
    1.2, is refused rather than guessed."""
    text = str(loader.construct_scalar(node))
    if text.startswith("0x"):
        return int(text[2:], 16)
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0"):
        raise ValueError(
            Text("yaml.leading_zero", octal=int(digits, 8), decimal=int(digits), plain=int(text))
        )
    return int(text)


def _core_schema(cls: type[Any]) -> Any:
    """``cls`` reading plain scalars by YAML 1.2's core schema (see the module docstring)."""
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in cls.yaml_implicit_resolvers.items():
        kept = [(tag, regexp) for tag, regexp in entries if tag not in (_BOOL, _INT, _FLOAT)]
        if kept:
            resolvers[first] = kept
    core: Any = type(
        f"Core{cls.__name__.lstrip('_')}", (cls,), {"yaml_implicit_resolvers": resolvers}
    )
    for tag, regexp, first in _CORE_RESOLVERS:
        core.add_implicit_resolver(tag, regexp, list(first))
    core.add_constructor(_INT, _core_int)
    return core


_CoreBoundedLoader: Any = _core_schema(_BoundedLoader)


def _check_expansion(root: yaml.Node) -> None:
    """Reject alias bombs and recursive aliases before any value is built.

    Sizes are memoised per node, so the work is proportional to the nodes written out, not to
    the nodes the aliases would expand to."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()

    def visit(node: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(node)
        if key in open_nodes:
            raise _TooBigError(Text("yaml.recursive_alias"), node.start_mark)
        known = sizes.get(key)
        if known is None:
            if depth > MAX_DEPTH:
                raise _TooBigError(_too_deep(), node.start_mark)
            open_nodes.add(key)
            children: list[yaml.Node] = []
            if isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            elif isinstance(node, yaml.SequenceNode):
                children = list(node.value)
            size, height = 1, 0
            for child in children:
                child_size, child_height = visit(child, depth + 1)
                size = min(size + child_size, MAX_NODES + 1)
                height = max(height, child_height + 1)
            open_nodes.discard(key)
            known = sizes[key] = (size, height)
        if depth + known[1] > MAX_DEPTH:
            raise _TooBigError(_too_deep(), node.start_mark)
        return known

    expanded, _ = visit(root, 0)
    if expanded - len(sizes) > MAX_ALIAS_NODES or expanded > MAX_NODES:
        raise _TooBigError(Text("yaml.alias_bomb", nodes=MAX_ALIAS_NODES))


class BadByte(NamedTuple):
    """Where bytes stop being UTF-8: the 1-based line and column, and the 0-based offset."""

    line: int
    column: int
    offset: int


def decode_utf8(data: bytes, first_line: int = 1) -> str | BadByte:
    """The text of ``data``, or where its first byte that is not UTF-8 stands (lines
    counted from ``first_line``); shared by the YAML and the JSON readers."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + first_line
        return BadByte(line, start - data.rfind(b"\n", 0, start), start)


def read_yaml(text: str | bytes, file: str, *, core_schema: bool = False) -> Located:
    """Parse one YAML document; problems are collected, never raised. ``core_schema`` reads
    plain scalars as YAML 1.2 does (see the module docstring).

    >>> loc = read_yaml("a:\\n  b: 1\\n", "x.yaml")
    >>> loc.data, loc.positions[("a", "b")]
    ({'a': {'b': 1}}, (2, 3))
    """
    located = Located(file, None)
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            located.problems.append(_too_large(file, len(text)))
            return located
        decoded = decode_utf8(text)
        if isinstance(decoded, BadByte):
            message = Text("file.not_utf8", byte=decoded.offset)
            located.problems.append(Problem.of(file, decoded.line, decoded.column, "", message))
            return located
        text = decoded
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        located.problems.append(_too_large(file, len(text)))
        return located
    fast = _compose_with_libyaml(text, _CCoreLoader if core_schema else _CLoader)
    if fast is not None:
        node, c_loader = fast
        try:
            return _located(node, c_loader, located)
        finally:
            c_loader.dispose()
    try:
        # The reader rejects control characters as soon as it is built.
        loader = (_CoreBoundedLoader if core_schema else _BoundedLoader)(text)
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
        character = (
            Text("yaml.character_code", code=f"#x{exc.character:04x}")
            if isinstance(exc.character, int)
            else Text("yaml.a_character")
        )
        located.problems.append(
            Problem.of(file, line, col, "", Text("yaml.character", character=character))
        )
        return located
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node)
    except _TooBigError as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (1, 1)
        located.problems.append(Problem.of(file, line, col, "", exc.text))
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = Foreign("yaml", str(exc.problem or exc.context))
        located.problems.append(Problem.of(file, line, col, "", Text("yaml.syntax", detail=detail)))
        return located
    except yaml.YAMLError as exc:
        detail = Foreign("yaml", str(exc))
        located.problems.append(Problem.of(file, 1, 1, "", Text("yaml.syntax", detail=detail)))
        return located
    try:
        return _located(node, loader, located)
    finally:
        loader.dispose()


def _located(node: yaml.Node | None, loader: Any, located: Located) -> Located:
    """The values of a composed document, with their positions and problems."""
    if node is None:
        located.problems.append(Problem.of(located.file, 1, 1, "", Text("file.empty")))
        return located
    try:
        located.data = _build(node, (), located, _Budget(), loader, depth=0)
    except _TooBigError as exc:
        located.problems.append(Problem.of(located.file, 1, 1, "", exc.text))
        located.data = None
    return located


_CLoader: Any = getattr(yaml, "CSafeLoader", None)
_CCoreLoader: Any = _core_schema(_CLoader) if _CLoader is not None else None


def _compose_with_libyaml(text: str, c_loader: Any) -> tuple[yaml.Node | None, Any] | None:
    """The document composed by libyaml (several times faster than PyYAML's own parser,
    which matters for loading the corpus at start-up), or None: when libyaml is missing,
    and whenever anything is wrong with the text (then the pure-Python loader reads it
    again and words the problem as it always has).

    libyaml's composer recurses in C, so the nesting depth is checked first on its event
    stream (which it produces without recursion); the alias and size limits are checked
    on the composed tree as for the Python loader.
    """
    if c_loader is None:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=c_loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        loader = c_loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_expansion(node)
        except BaseException:
            loader.dispose()
            raise
    except (yaml.YAMLError, _TooBigError):
        return None
    return node, loader


def _too_large(file: str, size: int) -> Problem:
    return Problem.of(file, 1, 1, "", Text("file.too_large", size=size, limit=MAX_FILE_BYTES))


def _mark(node: yaml.Node) -> tuple[int, int]:
    """The 1-based ``(line, column)`` where a node starts."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _key_problem(located: Located, key_node: yaml.Node, path: KeyPath, message: Text) -> Problem:
    """A problem reported at a mapping key's own place."""
    line, column = _mark(key_node)
    return Problem.of(located.file, line, column, render_path(path), message)


def _build(
    node: yaml.Node,
    path: KeyPath,
    located: Located,
    budget: _Budget,
    loader: yaml.SafeLoader,
    depth: int,
) -> Any:
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise _TooBigError(Text("yaml.too_many_nodes", nodes=MAX_NODES))
    if depth > MAX_DEPTH:
        raise _TooBigError(_too_deep())
    located.positions.setdefault(path, _mark(node))
    if node.tag not in _STANDARD_TAGS:
        located.problems.append(located.problem(path, Text("yaml.tag", tag=node.tag)))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE_TAG:
                located.problems.append(
                    _key_problem(located, key_node, path, Text("yaml.merge_key"))
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                located.problems.append(
                    _key_problem(located, key_node, path, Text("yaml.key_not_text"))
                )
                continue
            try:
                key = str(loader.construct_object(key_node))
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                located.problems.append(
                    _key_problem(
                        located,
                        key_node,
                        path,
                        Text("yaml.bad_key", key=key_node.value, reason=_reason(exc)),
                    )
                )
                continue
            child = (*path, key)
            if key in result:
                first = located.positions[child]
                message = Text("key.duplicate_line", key=key, line=first[0])
                located.problems.append(_key_problem(located, key_node, child, message))
                continue
            located.positions[child] = _mark(key_node)
            result[key] = _build(value_node, child, located, budget, loader, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), located, budget, loader, depth + 1)
            for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        located.problems.append(
            located.problem(path, Text("yaml.bad_value", value=node.value, reason=_reason(exc)))
        )
        return None


def _reason(exc: BaseException) -> Text | Foreign:
    """Why a scalar cannot be read: our own Text, else the words of PyYAML or of Python's
    date (``month must be in 1..12``)."""
    text = text_of(exc)
    return text if text is not None else Foreign("date", str(exc))
