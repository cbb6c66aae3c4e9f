"""Load rule files into a checked :class:`RegulationSet`.

Every problem of a file is reported at once, as ``path:line:col: key.path: message``; then
the files are checked together: provision ids unique within a version and across
instruments (a provision keeps its id in every version of its instrument), exceptions that
name loaded provisions (:mod:`.excepting`), instruments named the same way in each
version, no overlapping or gapped versions of one instrument, a succession of instruments
without cycles, second successors, gaps or overlaps (:mod:`.lineage`), and cross references
that name a loaded instrument.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Problem, RegulationSetError, RuleFileError
from .excepting import target_problems
from .hints import suggestion
from .lineage import lineage_of, succession_problems
from .problemtext import Text
from .regulation import ExceptionProvision, Instrument, Provision, Ref, RegulationFile
from .validation import field_problems
from .yamlpos import Located, read_yaml, render_path


def shipped_regulations_dir() -> Traversable:
    """The folder of rule files shipped inside the package."""
    return resources.files("netralitas_rules.corpus")


def validate_located(located: Located, model: type[Any]) -> tuple[Any, list[Problem]]:
    """Validate parsed data against a pydantic model; returns (object or None, problems)."""
    if located.problems:
        return None, list(located.problems)
    if not isinstance(located.data, dict):
        return None, [located.problem((), Text("document.not_mapping"))]
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        return None, [located.problem(path, msg) for path, msg in field_problems(model, exc)]


def load_rule_file(text: str | bytes, file: str) -> RegulationFile:
    """Parse and validate one rule file; raises :class:`RuleFileError` with every problem."""
    located = read_yaml(text, file)
    obj, problems = validate_located(located, RegulationFile)
    if obj is not None:
        problems = _file_checks(located, obj)
    if problems:
        raise RuleFileError(problems)
    assert isinstance(obj, RegulationFile)
    return obj


def _file_checks(located: Located, reg: RegulationFile) -> list[Problem]:
    problems = []
    # The naming convention regulations/<instrument>/<effective_from>.yaml is checked for
    # files that follow it (named by a date); other file names are the author's choice.
    path = Path(located.file)
    if path.stem[:4].isdigit():
        if path.stem != reg.version.effective_from.isoformat():
            problems.append(
                located.problem(
                    ("version", "effective_from"),
                    Text(
                        "rulefile.name_date",
                        stem=path.stem,
                        effective_from=reg.version.effective_from,
                    ),
                )
            )
        if path.parent.name not in ("", ".") and path.parent.name != reg.instrument.id:
            problems.append(
                located.problem(
                    ("instrument", "id"),
                    Text("rulefile.folder", id=reg.instrument.id, folder=path.parent.name),
                )
            )
    seen: dict[str, str] = {}
    for where, ident in _ids(reg):
        if ident in seen:
            problems.append(
                located.problem(
                    (*where, "id"), Text("rulefile.id_repeats", id=ident, first=seen[ident])
                )
            )
        seen.setdefault(ident, render_path(where))
    return problems


def _ids(reg: RegulationFile) -> Iterator[tuple[tuple[str, int], str]]:
    """The ids of a file's provisions and exceptions (one namespace), with their places."""
    for i, prov in enumerate(reg.provisions):
        yield ("provisions", i), prov.id
    for i, exc in enumerate(reg.exceptions):
        yield ("exceptions", i), exc.id


@dataclass(frozen=True)
class LoadedFile:
    """A validated rule file and where it came from."""

    path: str
    regulation: RegulationFile
    located: Located


def _rule_files(paths: Sequence[str | Path | Traversable]) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for entry in paths:
        if isinstance(entry, str):
            entry = Path(entry)
        found.extend(_walk(entry, str(entry)))
    return sorted(found)


def _walk(entry: Path | Traversable, label: str) -> list[tuple[str, bytes]]:
    if entry.is_file():
        return [(label, entry.read_bytes())]
    out: list[tuple[str, bytes]] = []
    if not entry.is_dir():
        raise RuleFileError([Problem.of(label, 1, 1, "", Text("file.no_such"))])
    for child in entry.iterdir():
        name = child.name
        child_label = f"{label}/{name}"
        if child.is_dir():
            if name in ("tests", "__pycache__") or name.startswith("."):
                continue
            out.extend(_walk(child, child_label))
        elif name.endswith((".yaml", ".yml")):
            out.append((child_label, child.read_bytes()))
    return out


class RegulationSet:
    """Validated rule files that fit together, with a content hash for report stamps."""

    def __init__(self, files: Iterable[LoadedFile]) -> None:
        self.files: tuple[LoadedFile, ...] = tuple(sorted(files, key=lambda f: f.regulation.key))
        self.versions: tuple[RegulationFile, ...] = tuple(f.regulation for f in self.files)
        self.instruments: dict[str, Instrument] = {}
        for reg in self.versions:
            self.instruments.setdefault(reg.instrument.id, reg.instrument)
        self.content_hash = _content_hash(self.versions)

    def provisions(self) -> Iterable[tuple[RegulationFile, Provision]]:
        """Every provision with the version it belongs to."""
        for reg in self.versions:
            for prov in reg.provisions:
                yield reg, prov

    def exceptions(self) -> Iterable[tuple[RegulationFile, ExceptionProvision]]:
        """Every exception with the version it belongs to."""
        for reg in self.versions:
            for exc in reg.exceptions:
                yield reg, exc

    def in_force(self, day: Any) -> list[RegulationFile]:
        """The versions in force on that day."""
        return [reg for reg in self.versions if reg.version.covers(day)]

    def instrument_of(self, ref: Ref, own: Instrument) -> Instrument:
        """The instrument a reference names (its own file's, when it names none)."""
        return self.instruments[ref.instrument] if ref.instrument else own

    def lineage(self, instrument_id: str) -> tuple[str, ...]:
        """Instrument ids that succeed one another with this one, oldest first (see
        :func:`.lineage.lineage_of`; it stops where a cycle would close)."""
        return lineage_of(instrument_id, self.instruments)


def _content_hash(versions: Sequence[RegulationFile]) -> str:
    digest = hashlib.sha256()
    for reg in versions:
        digest.update(json.dumps(reg.model_dump(mode="json"), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def load_regulations(
    paths: Sequence[str | Path | Traversable] | None = None,
) -> RegulationSet:
    """Load and check rule files (the shipped corpus when ``paths`` is None).

    Raises :class:`RuleFileError` listing every problem of every file, or
    :class:`RegulationSetError` when valid files do not fit together.

    >>> regs = load_regulations()
    >>> "pp-94-2021" in regs.instruments
    True
    """
    sources = _rule_files(list(paths) if paths is not None else [shipped_regulations_dir()])
    loaded: list[LoadedFile] = []
    problems: list[Problem] = []
    for label, raw in sources:
        located = read_yaml(raw, label)
        obj, file_problems = validate_located(located, RegulationFile)
        if obj is not None:
            file_problems = _file_checks(located, obj)
        if file_problems:
            problems.extend(file_problems)
        else:
            loaded.append(LoadedFile(label, obj, located))
    if problems:
        raise RuleFileError(problems)
    set_problems = check_set(loaded)
    if set_problems:
        raise RegulationSetError(set_problems)
    return RegulationSet(loaded)


def check_set(files: Sequence[LoadedFile]) -> list[Problem]:
    """Cross-file checks: ids, instrument metadata, version chains, the succession of
    instruments (:mod:`.lineage`), references."""
    problems: list[Problem] = []
    by_instrument: dict[str, list[LoadedFile]] = {}
    for f in files:
        by_instrument.setdefault(f.regulation.instrument.id, []).append(f)
    # An id is the same in every version of its instrument (the version key tells the
    # texts apart) and belongs to that one instrument.
    provision_home: dict[str, tuple[str, str]] = {}
    for f in files:
        inst_id = f.regulation.instrument.id
        for place, ident in _ids(f.regulation):
            home = provision_home.setdefault(ident, (inst_id, f.path))
            if home[0] != inst_id:
                problems.append(
                    f.located.problem(
                        (*place, "id"),
                        Text("ruleset.id_other_instrument", id=ident, other=home[0], path=home[1]),
                    )
                )
    for inst_id, group in by_instrument.items():
        group.sort(key=lambda f: f.regulation.version.effective_from)
        first = group[0].regulation.instrument
        for f in group[1:]:
            if f.regulation.instrument != first:
                problems.append(
                    f.located.problem(
                        ("instrument",),
                        Text("ruleset.instrument_differs", id=inst_id, path=group[0].path),
                    )
                )
        for prev, nxt in pairwise(group):
            pv, nv = prev.regulation.version, nxt.regulation.version
            if pv.superseded_on is None:
                problems.append(
                    prev.located.problem(
                        ("version", "superseded_on"),
                        Text(
                            "ruleset.open_ended",
                            effective_from=pv.effective_from,
                            instrument=inst_id,
                            path=nxt.path,
                            next=nv.effective_from,
                        ),
                    )
                )
            elif pv.superseded_on > nv.effective_from:
                problems.append(
                    nxt.located.problem(
                        ("version", "effective_from"),
                        Text(
                            "ruleset.overlap",
                            instrument=inst_id,
                            path=prev.path,
                            until=pv.superseded_on,
                            start=nv.effective_from,
                        ),
                    )
                )
            elif pv.superseded_on < nv.effective_from:
                problems.append(
                    nxt.located.problem(
                        ("version", "effective_from"),
                        Text(
                            "ruleset.gap",
                            instrument=inst_id,
                            path=prev.path,
                            end=pv.superseded_on,
                            start=nv.effective_from,
                        ),
                    )
                )
    problems.extend(succession_problems(by_instrument))
    for f in files:
        for i, prov in enumerate(f.regulation.provisions):
            for j, other in enumerate(prov.consequence.tier_from):
                if other not in provision_home:
                    problems.append(
                        f.located.problem(
                            ("provisions", i, "consequence", "tier_from", j),
                            Text(
                                "ruleset.unknown_tier_from",
                                id=other,
                                hint=suggestion(other, sorted(provision_home)),
                            ),
                        )
                    )
    problems.extend(target_problems(files))
    known = set(by_instrument)
    for f in files:
        for where, ref in f.regulation.references():
            if ref.instrument is not None and ref.instrument not in known:
                problems.append(
                    f.located.problem(
                        where,
                        Text(
                            "ruleset.unknown_instrument",
                            id=ref.instrument,
                            hint=suggestion(ref.instrument, sorted(known)),
                            loaded=", ".join(sorted(known)),
                        ),
                    )
                )
        for old in f.regulation.instrument.succeeds:
            if old not in known:
                problems.append(
                    f.located.problem(
                        ("instrument", "succeeds"),
                        Text(
                            "ruleset.succeeds_unknown",
                            id=old,
                            hint=suggestion(old, sorted(known)),
                            loaded=", ".join(sorted(known)),
                        ),
                    )
                )
    return problems


__all__ = [
    "LoadedFile",
    "RegulationSet",
    "check_set",
    "load_regulations",
    "load_rule_file",
    "render_path",
    "shipped_regulations_dir",
]
