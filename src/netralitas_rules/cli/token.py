"""``netralitas register token add|revoke|list``: the service's access tokens, kept
(hashed) in the register. ``add`` prints the new token once on standard output; it is
never shown again. ``list`` is for the people who manage the tokens: tab-separated so it
cuts well, its id and role as ``revoke`` and ``--role`` take them, its state in words
(``dicabut 3 Mei 2024``, not an ISO date). (A part of ``netralitas register``, which calls
:func:`add_token_command`; not a command of its own.)
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..messages import date_text, msg
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_lang


def add_token_command(cmds: Any, default_db: str) -> None:
    """Add ``token`` and its ``add``, ``revoke`` and ``list`` to ``netralitas register``'s
    subcommands ``cmds``."""
    p: argparse.ArgumentParser = cmds.add_parser(
        "token",
        help="make, revoke and list the service's access tokens",
        description="Tokens per role and scope for netralitas serve, hashed in the register.",
    )
    p.set_defaults(exits="token")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", help="make a token (printed once)")
    add.add_argument(
        "--role", required=True, choices=("supervisor", "ppk", "inspectorate", "auditor")
    )
    add.add_argument("--agency", help="the agency whose cases it sees (ppk, inspectorate)")
    add.add_argument("--label", help="what the token is for (no personal data)")
    revoke = verbs.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("token_id", metavar="ID")
    listing = verbs.add_parser(
        "list",
        help="list tokens for people, one per line, tab-separated: id, role, agency, state "
        "(active, or revoked on a day in words), label; never secrets",
    )
    for q in (add, revoke, listing):
        q.add_argument(
            "--db", default=default_db, help=f"SQLite file or PostgreSQL URL (default {default_db})"
        )
        add_lang(q)
        q.set_defaults(run=run, exits="token")


def run(args: argparse.Namespace) -> int:
    """Do the verb asked."""
    from ..service import Role, TokenStore

    lang = args.lang
    with TokenStore(args.db, lang=lang) as store:
        if args.verb == "add":
            token, info = store.add(Role(args.role), agency=args.agency, label=args.label)
            print(token)
            scope = f", {info.agency}" if info.agency else ""
            print(
                msg("token.made", lang, id=info.id, role=info.role.value, scope=scope),
                file=sys.stderr,
            )
            return EXIT_OK
        if args.verb == "revoke":
            done = store.revoke(args.token_id)
            if done is None:
                print(msg("token.unknown", lang, id=args.token_id), file=sys.stderr)
                return EXIT_FINDINGS
            if done.already:
                # Nothing changed: said, with the day it was revoked, and exit 1 as for an
                # unknown id (an id mistyped for another token's must not pass unnoticed).
                day = date_text(done.revoked_at.date(), lang)
                print(
                    msg("token.already_revoked", lang, id=args.token_id, date=day), file=sys.stderr
                )
                return EXIT_FINDINGS
            print(msg("token.revoked", lang, id=args.token_id), file=sys.stderr)
            return EXIT_OK
        for t in store.list():
            state = (
                msg("token.revoked_on", lang, date=date_text(t.revoked_at.date(), lang))
                if t.revoked_at
                else msg("token.active", lang)
            )
            print("\t".join((t.id, t.role.value, t.agency or "*", state, t.label or "")))
    return EXIT_OK
