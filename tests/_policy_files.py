"""Small rule and test files written to tmp_path by the testing-toolkit tests: a
hypothetical regional circular (no such Bupati exists) with two ETIK provisions."""

from __future__ import annotations

from pathlib import Path

RULE_FILE = """\
instrument:
  id: se-bupati-contoh-2024
  kind: SE
  number: 800/1/2024
  year: 2024
  title: Surat Edaran Bupati Contoh Nomor 800/1/2024 tentang Netralitas ASN
  title_en: Circular of the Regent of Contoh 800/1/2024 on ASN Neutrality
  short_name: SE Bupati Contoh 800/1/2024
  citation_name: Surat Edaran Bupati Contoh Nomor 800/1/2024
version:
  effective_from: 2024-03-01
  checked_against:
    - source: invented for the tests
provisions:
  - id: se-contoh-1
    citation: angka 1
    title: Memasang alat peraga calon
    title_en: Putting up a candidate's campaign material
    summary: ASN dilarang memasang spanduk atau baliho calon peserta Pilkada.
    summary_en: An ASN may not put up banners of a Pilkada contestant.
    when:
      all:
        - activity.kind: banner_display
        - election.kind: PILKADA
    consequence:
      track: ETIK
    certainty:
      level: verified
  - id: se-contoh-2
    citation: angka 2
    title: Menyukai unggahan calon selama kampanye
    title_en: Liking a candidate's post during the campaign
    summary: ASN dilarang menyukai atau membagikan unggahan calon selama masa kampanye.
    summary_en: An ASN may not like or share a candidate's posts during the campaign.
    when:
      all:
        - activity.kind: {in: [social_media_like, social_media_share]}
        - activity.campaign_phase: during_campaign
    consequence:
      track: ETIK
    certainty:
      level: verified
"""

DEFAULTS = """\
defaults:
  election: pilkada-2024
  asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
  candidates:
    - {id: c1, office: BUPATI, party: Partai X}
    - {id: c2, office: BUPATI}
"""

PASSING_CASES = (
    DEFAULTS
    + """\
cases:
  - name: A PNS who likes a candidate's post during the campaign breaches angka 2
    activities:
      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}
    expect:
      findings:
        - {provision: se-contoh-2, activity: a1, candidate: c1, track: ETIK, tier: null}
      absent: [se-contoh-1]
  - name: A PNS who likes a post the day before the campaign breaches nothing
    activities:
      - {id: a1, date: 2024-09-24, kind: social_media_like, candidate_ids: [c1]}
    expect:
      findings: []
      absent: [se-contoh-2]
"""
)


def write_rules(root: Path) -> Path:
    """``root/se-bupati-contoh-2024/2024-03-01.yaml``; returns ``root``."""
    folder = root / "se-bupati-contoh-2024"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024-03-01.yaml").write_text(RULE_FILE, encoding="utf-8")
    return root


def write_tests(root: Path, text: str, name: str = "media-sosial.yaml") -> Path:
    """A test file in ``root/se-bupati-contoh-2024/tests/``; returns its path."""
    folder = root / "se-bupati-contoh-2024" / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
