"""A pytest plugin that runs policy-writer test files as tests: one pytest item per case.

Registered through the ``pytest11`` entry point, so installing netralitas-rules is enough.
It collects nothing until told where the test files are:

* ini option ``netralitas_case_paths`` (paths relative to the ini file), collected whenever
  pytest visits those folders (add them to ``testpaths`` to run them with plain ``pytest``);
* command line ``--netralitas-cases PATH`` (repeatable), collected on top of the usual
  arguments.

A folder contributes its YAML files that lie in a ``tests`` folder. Cases run against the
shipped regulations unless ``netralitas_rule_paths`` or ``--netralitas-rules`` name rule
files or folders. A failing case reports ``file:line: case 'name'`` and its expected and
actual findings side by side.

Failures, bad test files and bad rule files are reported in Indonesian by default, like the
``netralitas`` command; the ini option ``netralitas_lang = en`` or ``--netralitas-lang en``
(which wins over the ini option) reports them in English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..engine import Engine, get_engine
from ..errors import CaseFileError, NetralitasError
from ..loader import load_regulations
from ..messages import LANGS, msg
from .cases import CaseResult, PolicyCase, is_case_file, parse_test_file, run_case

_ROOTS = pytest.StashKey[list[Path]]()
_ENGINE = pytest.StashKey[Engine]()
_LANG = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ``--netralitas-*`` options and the ``netralitas_*_paths`` ini options."""
    group = parser.getgroup("netralitas", "policy-writer test files (netralitas-rules)")
    group.addoption(
        "--netralitas-cases",
        action="append",
        default=[],
        metavar="PATH",
        help="collect policy-writer test files from PATH (repeatable)",
    )
    group.addoption(
        "--netralitas-rules",
        action="append",
        default=[],
        metavar="PATH",
        help="run the cases against these rule files or folders instead of the shipped ones",
    )
    group.addoption(
        "--netralitas-lang",
        choices=LANGS,
        default=None,
        help="language of the failures and problems reported (default: the ini option "
        "netralitas_lang, else id)",
    )
    parser.addini(
        "netralitas_case_paths",
        type="paths",
        default=[],
        help="folders (or files) of policy-writer test files to collect",
    )
    parser.addini(
        "netralitas_rule_paths",
        type="paths",
        default=[],
        help="rule files or folders the cases run against (default: the shipped regulations)",
    )
    parser.addini(
        "netralitas_lang",
        default="id",
        help="language of the failures and problems reported: id (default) or en",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Remember the case roots; add command-line roots to what pytest collects."""
    ini_roots = [Path(p).resolve() for p in config.getini("netralitas_case_paths")]
    cli_roots = [
        (config.invocation_params.dir / p).resolve() for p in config.getoption("netralitas_cases")
    ]
    config.stash[_ROOTS] = ini_roots + cli_roots
    lang = config.getoption("netralitas_lang") or str(config.getini("netralitas_lang")).strip()
    if lang not in LANGS:
        said = msg(
            "test.plugin_lang", "id", option="netralitas_lang", lang=lang, langs=", ".join(LANGS)
        )
        raise pytest.UsageError(said)
    config.stash[_LANG] = lang
    collected = [(config.invocation_params.dir / a.split("::")[0]).resolve() for a in config.args]
    for root in cli_roots:
        if not any(root == a or a in root.parents for a in collected):
            config.args.append(str(root))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A YAML file under a case root, inside a ``tests`` folder (or named as a root)."""
    roots = parent.config.stash.get(_ROOTS, [])
    path = file_path.resolve()
    if any(path == root or is_case_file(path, root) for root in roots):
        node: pytest.Collector = CaseFile.from_parent(parent, path=file_path)
        return node
    return None


def language(config: pytest.Config) -> str:
    """The language the plugin reports in (``id`` unless told)."""
    return config.stash.get(_LANG, "id")


def _engine(config: pytest.Config) -> Engine:
    if _ENGINE not in config.stash:
        paths = [str(p) for p in config.getini("netralitas_rule_paths")] + [
            str(config.invocation_params.dir / p) for p in config.getoption("netralitas_rules")
        ]
        config.stash[_ENGINE] = get_engine("python", load_regulations(paths) if paths else None)
    return config.stash[_ENGINE]


class CaseFile(pytest.File):
    """One test file; its cases are the items."""

    def collect(self) -> Iterator[pytest.Item]:
        """One :class:`CaseItem` per case; a bad file is one collection error listing every
        problem with its place."""
        label = os.path.relpath(self.path, self.config.rootpath)
        try:
            test_file = parse_test_file(self.path.read_bytes(), label)
        except CaseFileError as exc:
            raise self.CollectError(exc.render(language(self.config))) from None
        for case in test_file.cases:
            yield CaseItem.from_parent(self, name=case.id, case=case)


class CaseFailedError(AssertionError):
    """A case's findings did not meet its expectations (said in ``lang``)."""

    def __init__(self, result: CaseResult, lang: str = "id") -> None:
        self.result = result
        super().__init__(result.describe(lang))


class CaseItem(pytest.Item):
    """One policy-writer case."""

    def __init__(self, *, case: PolicyCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Evaluate the case and compare the findings with its expectations."""
        result = run_case(self.case, _engine(self.config))
        if not result.passed:
            raise CaseFailedError(result, language(self.config))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """``file:line: case 'name'`` with expected and actual findings side by side; a
        library error (e.g. a bad rule file) as its message."""
        if isinstance(excinfo.value, NetralitasError):
            return excinfo.value.render(language(self.config))
        if isinstance(excinfo.value, CaseFailedError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the case stands, for pytest's report."""
        name = msg("test.case_name", language(self.config), name=self.case.name)
        return self.path, self.case.line - 1, name
