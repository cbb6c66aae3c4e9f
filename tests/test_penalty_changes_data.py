"""The shipped penalty changes (``data/penalty_changes.yaml``) carry the certainty their sources
support: UU 1/2026's articles were found in one copy only (pasal.id), so no UU 1/2026 basis is
``verified``; Pasal 494's outcome is an inference, Pasal 188's stays contested until the
article on fines beside imprisonment is found."""

from __future__ import annotations

from netralitas_rules.sanctions.changes import ChangeData, Favourable, shipped_penalty_changes
from netralitas_rules.vocabulary import Certainty


def _change(change_id: str) -> ChangeData:
    return next(c for c in shipped_penalty_changes().changes if c.id == change_id)


def test_pasal_494_follows_the_new_law_by_inference_from_one_copy_of_uu_1_2026() -> None:
    """Pasal 494: the new law is more favourable, an inference; its UU 1/2026 pinpoints come
    from one copy of the text, the KUHP category is verified."""
    change = _change("uu-1-2026-uu7-494")
    assert (change.favourable, change.certainty) == (Favourable.NEW, Certainty.INFERRED)
    assert [(b.instrument, b.pinpoint, b.certainty) for b in change.basis] == [
        ("UU 1/2026", "Pasal 2 ayat (3)", Certainty.SINGLE_SOURCE),
        ("UU 1/2026", "Pasal 2 ayat (2) huruf a", Certainty.SINGLE_SOURCE),
        ("UU 1/2023 (KUHP)", "Pasal 79 ayat (1) huruf b", Certainty.VERIFIED),
    ]


def test_pasal_188_stays_contested_with_no_uu_1_2026_pinpoint_found() -> None:
    """Pasal 188: which law is more favourable is contested; its UU 1/2026 bases (dropped
    minimums, fines beside imprisonment) have no pinpoint and are unverified."""
    change = _change("uu-1-2026-pilkada-188")
    assert (change.favourable, change.certainty) == (Favourable.CONTESTED, Certainty.CONTESTED)
    assert [(b.instrument, b.pinpoint, b.certainty) for b in change.basis] == [
        ("UU 1/2026", None, Certainty.UNVERIFIED),
        ("UU 1/2026", None, Certainty.UNVERIFIED),
    ]
    assert "tidak dapat ditetapkan" in change.notes
    assert "cannot be settled" in change.notes_en


def test_no_uu_1_2026_basis_claims_more_than_one_copy_shows() -> None:
    """No UU 1/2026 basis is verified while pasal.id is the only copy of its text found."""
    for change in shipped_penalty_changes().changes:
        for basis in change.basis:
            if basis.instrument == "UU 1/2026":
                assert basis.certainty is not Certainty.VERIFIED, (change.id, basis.pinpoint)


def test_the_checked_copies_are_listed_among_the_sources() -> None:
    """Both changes list the full-text copies that were checked, and Pasal 494 the only copy
    of UU 1/2026 Pasal 2 and the reports of the closing article."""
    for change_id in ("uu-1-2026-uu7-494", "uu-1-2026-pilkada-188"):
        sources = " ".join(_change(change_id).sources)
        for site in ("edocs.msmconsulting.co.id", "pakagus.com", "mataelang.org", "pasal.id"):
            assert site in sources, (change_id, site)
    sources_494 = " ".join(_change("uu-1-2026-uu7-494").sources)
    assert "koreksi/5823504" in sources_494
    assert "Pasal IX" in sources_494
