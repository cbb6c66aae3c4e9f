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
from ._errors import Parser
from ._help import formatter, localise

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 70, 130, 141

DEBUG_ENV = "NETRALITAS_DEBUG"

LANGS = ("id", "en")
"""The languages of ``--lang``: those of :data:`netralitas_rules.messages.LANGS`, written
again here because importing that module loads the rule models before the first usage line
(a test keeps the two equal)."""

LANG_HELP = (
    "language of the help, the messages and the output (default id); it may stand before "
    "the command words (`netralitas --lang en check CASE`) or, where the command has a "
    "--lang of its own, after them; the last one given wins"
)
"""The help of the ``--lang`` that :func:`declare` gives the top parser and each group
(translated with the rest of the help)."""

ExitTexts = Mapping[int, Mapping[str, str]]
"""What each exit code of one command means, per language: ``{code: {"id": ..., "en": ...}}``.
A command declares its own codes with ``parser.set_defaults(exits=...)``; the codes every
command shares (:data:`COMMON`) are added to its help by the dispatcher."""

DEFAULT_EXITS: ExitTexts = {0: {"id": "selesai", "en": "done"}}

COMMON: ExitTexts = {
    EXIT_INVALID: {
        "id": "masukan tidak valid (pesan di stderr menunjuk berkas dan tempatnya)",
        "en": "invalid input (the message on stderr names the file and the place)",
    },
    EXIT_INTERNAL: {
        "id": "kesalahan internal program; laporkan (jejaknya dengan --debug)",
        "en": "internal error of the program; please report it (traceback with --debug)",
    },
    EXIT_INTERRUPTED: {"id": "dihentikan (Ctrl-C)", "en": "interrupted (Ctrl-C)"},
}

# `netralitas --help`: the scheme every command follows.
OVERVIEW: ExitTexts = {
    EXIT_OK: {
        "id": "perintah menjawab dan tidak ada yang perlu diperhatikan",
        "en": "the command answered and there is nothing to look at",
    },
    EXIT_FINDINGS: {
        "id": "perintah menjawab dan ada yang perlu diperhatikan (temuan, sanksi terlalu "
        "ringan, uji atau sifat yang gagal, rekaman yang ditolak; lihat bantuan perintahnya)",
        "en": "the command answered and there is something to look at (findings, "
        "under-sanctioned cases, failed tests or properties, rejected records; see the "
        "command's help)",
    },
    **COMMON,
    EXIT_BROKEN_PIPE: {
        "id": "keluaran standar ditutup pembacanya (mis. `| head`)",
        "en": "standard output closed by its reader (e.g. `| head`)",
    },
}

TEXT: Mapping[str, Mapping[str, str]] = {
    "exit_codes": {"id": "Kode keluar", "en": "Exit codes"},
    "debug": {
        "id": f"cetak jejak lengkap kesalahan (juga {DEBUG_ENV}=1)",
        "en": f"print the full traceback of an error (also {DEBUG_ENV}=1)",
    },
    "internal": {
        "id": "{prog}: kesalahan internal ({kind}); ini cacat program, bukan kesalahan "
        "masukan Anda: jalankan ulang dengan --debug dan kirim jejaknya beserta berkas "
        "masukan kepada pengelola netralitas-rules",
        "en": "{prog}: internal error ({kind}); this is a defect of the program, not of your "
        "input: rerun with --debug and send the traceback with the input files to the "
        "netralitas-rules maintainers",
    },
    "interrupted": {"id": "{prog}: dihentikan", "en": "{prog}: interrupted"},
}

# Errors of the file system the user can fix (a path, a permission, a full disk): invalid
# input, exit 2. Any other OSError is ours (a bad descriptor, a socket of a Dask worker).
_FILE_ERRNOS: Mapping[int, Mapping[str, str]] = {
    errno.ENOENT: {"id": "tidak ada berkas atau folder itu", "en": "no such file or folder"},
    errno.EACCES: {"id": "izin ditolak", "en": "permission denied"},
    errno.EPERM: {"id": "operasi tidak diizinkan", "en": "operation not permitted"},
    errno.EISDIR: {"id": "ini folder, bukan berkas", "en": "is a folder, not a file"},
    errno.ENOTDIR: {"id": "bagian jalurnya bukan folder", "en": "a part of the path is no folder"},
    errno.ENOSPC: {"id": "ruang disk penuh", "en": "no space left on the device"},
    errno.EDQUOT: {"id": "kuota disk habis", "en": "disk quota exceeded"},
    errno.EROFS: {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    errno.EFBIG: {"id": "berkas terlalu besar", "en": "file too large"},
    errno.ENAMETOOLONG: {"id": "nama berkas terlalu panjang", "en": "file name too long"},
    errno.ELOOP: {"id": "terlalu banyak tautan simbolik", "en": "too many symbolic links"},
    errno.EEXIST: {"id": "berkas sudah ada", "en": "file exists"},
    errno.ENXIO: {"id": "perangkat tidak tersedia", "en": "no such device"},
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
    from ..messages import msg

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


def epilog(exits: ExitTexts, lang: str) -> str:
    """``Exit codes:`` and one line per code."""
    lines = [f"  {code:>3}  {texts[lang]}" for code, texts in sorted(exits.items())]
    return "\n".join([f"{TEXT['exit_codes'][lang]}:", *lines])


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
        parser.add_argument("--debug", action="store_true", help=TEXT["debug"][lang])
        parser.epilog = epilog(OVERVIEW, lang)
    else:
        # SUPPRESS: a subcommand's default must not overwrite a --debug given before it.
        parser.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=TEXT["debug"][lang]
        )
        exits = parser.get_default("exits") or DEFAULT_EXITS
        parser.epilog = epilog({**COMMON, **exits}, lang)
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
    reason = _FILE_ERRNOS.get(exc.errno or -1)
    if reason is None:
        return None
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return ": ".join([*paths, reason[lang]])


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
        _say(TEXT["interrupted"][lang].format(prog=prog()))
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
        _say(TEXT["internal"][lang].format(prog=prog(), kind=type(exc).__name__))
        return EXIT_INTERNAL
