"""The exit codes of ``netralitas``, their texts, and the one place that turns an exception
into an exit code, so a script can tell a crash from an answer.

=====  ==================================================================================
 code  meaning
=====  ==================================================================================
  0    the command answered and there is nothing to look at (no findings, all passed ...)
  1    the command answered and there is something to look at; each command's help says
       what (findings, under-sanctioned cases, failed tests or properties, rejected records)
  2    invalid input: no answer for the input the message names (a NetralitasError, a file
       that cannot be read or written, a usage error)
  3    ``batch`` only: the counts do not reconcile
  70   internal error: a defect of this program (sysexits ``EX_SOFTWARE``); one line, the
       traceback only with ``--debug`` or ``NETRALITAS_DEBUG=1``
  130  interrupted (Ctrl-C)
  141  standard output was closed by its reader (``... | head -1``); nothing more is printed
=====  ==================================================================================
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence

from ..errors import NetralitasError
from ..messages import CATALOGUES, msg
from ..messages import LANGS as LANGS  # the languages of --lang: the catalogues' ones
from ._errors import Parser
from ._help import formatter, localise

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 70, 130, 141

DEBUG_ENV = "NETRALITAS_DEBUG"

LANG_HELP = (
    "language of the help, the messages and the output (default id); it may stand before "
    "the command words (`netralitas --lang en check CASE`) or, where the command has a "
    "--lang of its own, after them; the last one given wins"
)
"""The help of the ``--lang`` that :func:`declare` gives the top parser and each group
(translated with the rest of the help)."""

EXIT_PREFIX = "exit."
"""What each exit code means lives in the message catalogues, one key per group and code:
``exit.<group>.<code>``. A command names its group (its own name) with
``parser.set_defaults(exits=...)``; the codes every command shares are the group
:data:`COMMON`, which the dispatcher adds to its help."""

COMMON = "common"
"""The codes every command shares (2, 70, 130)."""
OVERVIEW = "overview"
"""`netralitas --help`: the scheme every command follows (with :data:`COMMON`)."""
DEFAULT_EXITS = "default"
"""The group of a command that declares none."""

# Errors of the file system the user can fix (a path, a permission, a full disk): invalid
# input, exit 2, said by the catalogue's ``cli.file_error.<name>``. Any other OSError is ours
# (a bad descriptor, a socket of a Dask worker).
_FILE_ERRNOS: Mapping[int, str] = {
    getattr(errno, name): name
    for name in (
        "ENOENT",
        "EACCES",
        "EPERM",
        "EISDIR",
        "ENOTDIR",
        "ENOSPC",
        "EDQUOT",
        "EROFS",
        "EFBIG",
        "ENAMETOOLONG",
        "ELOOP",
        "EEXIST",
        "ENXIO",
    )
}


def exit_texts(group: str, lang: str) -> dict[int, str]:
    """What each exit code of ``group`` (a command's name, :data:`COMMON`, :data:`OVERVIEW`
    or :data:`DEFAULT_EXITS`) means in ``lang``: the catalogue's ``exit.<group>.<code>``.

    >>> exit_texts("check", "en")
    {0: 'no findings', 1: 'findings'}
    """
    prefix = f"{EXIT_PREFIX}{group}."
    return {
        int(key[len(prefix) :]): text
        for key, text in CATALOGUES[lang].items()
        if key.startswith(prefix)
    }


# The optional dependencies, by the top-level module a command imports, and the extra of
# netralitas-rules that installs each (pyproject.toml). Missing, they are the user's to
# install (exit 2), not a defect of the program (70). The service cannot run without the
# register, so its modules name both extras.
_EXTRAS: Mapping[str, str] = {
    **dict.fromkeys(
        ("fastapi", "starlette", "uvicorn", "httpx", "httptools", "uvloop", "jinja2"),
        "service,register",
    ),
    **dict.fromkeys(("sqlalchemy", "alembic", "psycopg"), "register"),
    **dict.fromkeys(("pyarrow", "dask", "distributed"), "batch"),
    **dict.fromkeys(("hypothesis", "pytest", "jsonschema"), "test"),
    "durable": "rete",
}


def missing_extra(exc: BaseException, lang: str, prog: str) -> str | None:
    """The line that says which extra to install, when ``exc`` is the import of an optional
    dependency that is not installed; else None."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    module = exc.name.partition(".")[0]
    extra = _EXTRAS.get(module)
    if extra is None:
        return None
    return msg("cli.missing_extra", lang, prog=prog, module=module, extra=extra)


def debug_requested(argv: Sequence[str]) -> bool:
    """``--debug`` among the arguments, or ``NETRALITAS_DEBUG`` set to anything but 0."""
    return "--debug" in argv or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def language(argv: Sequence[str]) -> str:
    """The language of the dispatcher's own texts: the last ``--lang`` given, as argparse
    takes it, else Indonesian (read from the raw arguments, since help and early errors come
    before parsing)."""
    found = "id"
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            found = value
    return found


def epilog(groups: Sequence[str], lang: str) -> str:
    """``Exit codes:`` and one line per code of the exit groups ``groups`` (a later group's
    text of a code replaces an earlier one's)."""
    texts: dict[int, str] = {}
    for group in groups:
        texts.update(exit_texts(group, lang))
    lines = [f"  {code:>3}  {text}" for code, text in sorted(texts.items())]
    return "\n".join([f"{msg('exit.codes', lang)}:", *lines])


def debug_help(lang: str) -> str:
    """The help of ``--debug`` in ``lang``."""
    return msg("cli.debug", lang, env=DEBUG_ENV)


def declare(parser: argparse.ArgumentParser, lang: str, *, top: bool = True) -> None:
    """Give ``parser`` and every subcommand under it its help and its usage errors in
    ``lang`` (:mod:`._help`, :mod:`._errors`), the ``--debug`` option, an epilog listing its
    exit codes (its declared ``exits`` default plus :data:`COMMON`), and ``--lang`` where a
    command word may follow (the top parser and each group): a subcommand's own ``--lang``
    then has no default of its own, so it falls back to the one given before it."""
    if not isinstance(parser, Parser):
        raise TypeError(
            f"{parser.prog}: a {type(parser).__name__}, whose usage errors would stay English; "
            "make it with add_parser and no parser_class, so it is a cli._errors.Parser"
        )
    parser.lang = lang
    children = [
        child
        for action in parser._actions  # argparse has no public walk over subparsers
        if isinstance(action, argparse._SubParsersAction)
        for child in dict.fromkeys(action.choices.values())
    ]
    own = next((a for a in parser._actions if "--lang" in a.option_strings), None)
    # Below the top, SUPPRESS: a subcommand's default must not overwrite a --lang given
    # before it (argparse copies every default of a subcommand over its parent's values).
    default = "id" if top else argparse.SUPPRESS
    if own is None and (top or children):
        parser.add_argument("--lang", choices=LANGS, default=default, help=LANG_HELP)
    elif own is not None:
        own.default = default
    localise(parser, lang)  # first: what follows is written in ``lang`` already
    parser.formatter_class = formatter(lang)
    if top:
        parser.add_argument("--debug", action="store_true", help=debug_help(lang))
        parser.epilog = epilog([COMMON, OVERVIEW], lang)
    else:
        # SUPPRESS: a subcommand's default must not overwrite a --debug given before it.
        parser.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help(lang)
        )
        parser.epilog = epilog([COMMON, parser.get_default("exits") or DEFAULT_EXITS], lang)
    for child in children:
        declare(child, lang, top=False)


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # stderr itself closed: nothing left to tell
        print(line, file=sys.stderr)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's flush at exit does not
    report the broken pipe a second time."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a test's capture
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def file_error(exc: OSError, lang: str) -> str | None:
    """``path: reason`` of a file-system error the user can fix, else None."""
    name = _FILE_ERRNOS.get(exc.errno or -1)
    if name is None:
        return None
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return ": ".join([*paths, msg(f"cli.file_error.{name}", lang)])


def guarded(
    body: Callable[[], int],
    argv: Sequence[str],
    prog: Callable[[], str],
) -> int:
    """Run ``body`` and map what escapes it to an exit code and at most one line on stderr
    (problem lines of a file: one per problem), with the traceback under ``--debug``."""
    debug = debug_requested(argv)
    lang = language(argv)
    try:
        code = body()
        sys.stdout.flush()  # a closed pipe shows here, where it can still be caught
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit:
        # argparse's help and usage errors end here; a closed pipe must stay quiet for them too
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        raise
    except KeyboardInterrupt:
        _say(msg("cli.interrupted", lang, prog=prog()))
        return EXIT_INTERRUPTED
    except NetralitasError as exc:
        if debug:
            traceback.print_exc()
        # Problem lines stay bare `path:line:col: key.path: message` so editors can jump.
        text = exc.render(lang)
        _say(text if getattr(exc, "problems", None) else f"netralitas: {text}")
        return EXIT_INVALID
    except Exception as exc:  # the one place that turns a defect into exit 70
        if debug:
            traceback.print_exc()
        located = file_error(exc, lang) if isinstance(exc, OSError) else None
        if located is not None:
            _say(f"{prog()}: {located}")
            return EXIT_INVALID
        extra = missing_extra(exc, lang, prog())
        if extra is not None:
            _say(extra)
            return EXIT_INVALID
        _say(msg("cli.internal", lang, prog=prog(), kind=type(exc).__name__))
        return EXIT_INTERNAL
