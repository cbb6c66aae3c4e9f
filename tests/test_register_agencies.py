"""Counts of an agency no registered case names: refused as a likely typo, naming the
agencies that are registered (the closest first), not answered as counts of nothing
(``netralitas register stats --agency nope`` said 0 cases, exit 0). The service's scoped
tokens still get zero counts for an agency without cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netralitas_rules import examples, load_case
from netralitas_rules.register import Register, UnknownAgencyError

DAY = dt.datetime(2024, 6, 1, 9, tzinfo=dt.UTC)
MUARO = "Pemerintah Kabupaten Muaro Jambi"


def _register(reg: Register, agencies: list[str]) -> None:
    seed = load_case(examples.path("muaro-jambi-2019"))
    for i, agency in enumerate(agencies):
        asn = seed.asn.model_copy(update={"agency": agency})
        reg.add_case(seed.model_copy(update={"id": f"c-{i}", "asn": asn}), actor="test")


def test_an_unknown_agency_names_the_closest_registered_first(tmp_path: Path) -> None:
    others = [f"Pemerintah Kota {name}" for name in ("Bogor", "Depok", "Bekasi", "Medan", "Solo")]
    with Register(tmp_path / "r.sqlite", clock=lambda: DAY) as reg:
        _register(reg, [*others, *others[:2], MUARO])
        assert reg.agencies() == {
            others[0]: 2,
            others[1]: 2,
            **dict.fromkeys(others[2:], 1),
            MUARO: 1,
        }
        with pytest.raises(UnknownAgencyError) as raised:
            reg.stats(agency="Pemerintah Kabupaten Muara Jambi")
        assert isinstance(raised.value, LookupError)
        said = str(raised.value)
        head = (
            f"{reg.where}: tidak ada kasus instansi 'Pemerintah Kabupaten Muara Jambi' di "
            f"register; 6 instansi terdaftar, di antaranya '{MUARO}', "
        )
        tail = ". Tulis nama instansi persis seperti instansi ASN yang tertulis pada kasusnya"
        assert said.startswith(head), said
        assert said.endswith(tail), said
        named = said[len(head) : -len(tail)].split(", ")
        assert len(named) == 4
        assert {n.strip("'") for n in named} <= set(others)
        assert reg.stats(agency=MUARO).cases == 1
        # What the service asks for a token's agency: counts of nothing, not a refusal.
        assert reg.stats(agency="Kabupaten Lain", refuse_unknown_agency=False).cases == 0
        assert reg.stats().cases == 8


def test_an_empty_register_says_it_holds_no_case(tmp_path: Path) -> None:
    with Register(tmp_path / "r.sqlite", clock=lambda: DAY, lang="en") as reg:
        with pytest.raises(UnknownAgencyError) as raised:
            reg.stats(agency=MUARO)
        assert str(raised.value).endswith(
            f"no case of agency '{MUARO}' is in the register; the register holds no case "
            "yet. Write the agency exactly as the cases state the ASN's agency"
        )
        assert reg.stats().cases == 0
