"""The glossary: each vocabulary value and fact path with its Indonesian term, English gloss
and the article that defines or uses it, rendered as ``docs/glossary.md``.

The entries are data written by hand, since a term's gloss and defining article are legal
knowledge; :func:`missing_entries` names every vocabulary value or fact path without an entry,
so a test keeps the glossary complete. A defining article is given only where
``legal-basis.md`` records it; "—" marks machinery terms the law does not define.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from enum import StrEnum

from . import vocabulary
from .facts import FACTS

NO_ARTICLE = "—"


@dataclass(frozen=True)
class GlossaryEntry:
    """One term: Indonesian wording, English gloss, and where the law defines or uses it."""

    term: str
    gloss: str
    article: str = NO_ARTICLE


def _e(term: str, gloss: str, article: str = NO_ARTICLE) -> GlossaryEntry:
    return GlossaryEntry(term, gloss, article)


_PEMILU_OFFICE = "UU 7/2017"
_PILKADA_OFFICE = "UU 1/2015 jo. UU 10/2016"
_TAHAPAN = "PKPU 3/2022 (Pemilu 2024); PKPU 2/2024 (Pilkada 2024)"

# Keyed by enum class name, then by value.
VOCABULARY: dict[str, dict[str, GlossaryEntry]] = {
    "AsnStatus": {
        "PNS": _e(
            "Pegawai Negeri Sipil",
            "civil servant with a permanent appointment",
            "UU 5/2014; UU 20/2023",
        ),
        "PPPK": _e(
            "Pegawai Pemerintah dengan Perjanjian Kerja",
            "government employee under a work agreement",
            "PP 49/2018",
        ),
        "CPNS": _e(
            "Calon Pegawai Negeri Sipil",
            "civil-servant candidate on probation",
            "PP 94/2021 Pasal 43 (1 source)",
        ),
    },
    "PositionKind": {
        "JPT": _e(
            "jabatan pimpinan tinggi",
            "senior executive post",
            "UU 20/2023 Pasal 56 (JPT madya/pratama)",
        ),
        "ADMINISTRATOR": _e("jabatan administrator", "administrator post"),
        "PENGAWAS": _e("jabatan pengawas", "supervisor post"),
        "FUNGSIONAL": _e("jabatan fungsional", "functional post"),
        "PELAKSANA": _e(
            "jabatan pelaksana", "executor (non-managerial) post", "PP 94/2021 Pasal 8 ayat (4)"
        ),
    },
    "Office": {
        "PRESIDEN": _e("Presiden", "President", _PEMILU_OFFICE),
        "WAKIL_PRESIDEN": _e("Wakil Presiden", "Vice-President", _PEMILU_OFFICE),
        "DPR": _e(
            "anggota Dewan Perwakilan Rakyat",
            "member of the House of Representatives",
            _PEMILU_OFFICE,
        ),
        "DPD": _e(
            "anggota Dewan Perwakilan Daerah",
            "member of the Regional Representative Council",
            _PEMILU_OFFICE,
        ),
        "DPRD_PROVINSI": _e(
            "anggota DPRD provinsi", "member of a provincial legislature", _PEMILU_OFFICE
        ),
        "DPRD_KABUPATEN_KOTA": _e(
            "anggota DPRD kabupaten/kota", "member of a regency or city legislature", _PEMILU_OFFICE
        ),
        "GUBERNUR": _e("gubernur", "governor", _PILKADA_OFFICE),
        "WAKIL_GUBERNUR": _e("wakil gubernur", "deputy governor", _PILKADA_OFFICE),
        "BUPATI": _e("bupati", "regent", _PILKADA_OFFICE),
        "WAKIL_BUPATI": _e("wakil bupati", "deputy regent", _PILKADA_OFFICE),
        "WALI_KOTA": _e("wali kota", "mayor", _PILKADA_OFFICE),
        "WAKIL_WALI_KOTA": _e("wakil wali kota", "deputy mayor", _PILKADA_OFFICE),
    },
    "ElectionKind": {
        "PEMILU": _e(
            "Pemilihan Umum", "general election (President, DPR, DPD, DPRD)", _PEMILU_OFFICE
        ),
        "PILKADA": _e(
            "Pemilihan gubernur, bupati dan wali kota", "regional head election", _PILKADA_OFFICE
        ),
    },
    "StageKind": {
        "PENDAFTARAN": _e("pendaftaran calon", "candidate registration", _TAHAPAN),
        "PENETAPAN_CALON": _e(
            "penetapan calon / pasangan calon", "determination of candidates by the KPU", _TAHAPAN
        ),
        "MASA_KAMPANYE": _e("masa kampanye", "campaign period", _TAHAPAN),
        "MASA_TENANG": _e("masa tenang", "quiet period before the vote", _TAHAPAN),
        "PEMUNGUTAN_SUARA": _e("pemungutan suara", "voting day", _TAHAPAN),
    },
    "CandidateStanding": {
        "BAKAL_CALON": _e(
            "bakal calon",
            "prospective candidate, before penetapan",
            "SE B/71/2017; SKB 2022 Lampiran (kode etik)",
        ),
        "CALON": _e(
            "calon / pasangan calon",
            "candidate, from penetapan on",
            "MK 41/PUU-XII/2014; UU 20/2023 Pasal 59 ayat (3)",
        ),
    },
    "CampaignPhase": {
        "before_campaign": _e(
            "sebelum masa kampanye", "before the campaign period", "UU 7/2017 Pasal 283 ayat (1)"
        ),
        "during_campaign": _e(
            "selama masa kampanye", "during the campaign period", "UU 7/2017 Pasal 283 ayat (1)"
        ),
        "after_campaign": _e(
            "sesudah masa kampanye", "after the campaign period", "UU 7/2017 Pasal 283 ayat (1)"
        ),
    },
    "ActivityKind": {
        "campaign_attendance": _e(
            "ikut kampanye (peserta kampanye)",
            "attending a campaign event",
            "PP 94/2021 Pasal 5 huruf n angka 1",
        ),
        "campaign_organiser": _e(
            "pelaksana / tim kampanye",
            "campaign organiser or team member",
            "UU 7/2017 Pasal 280 ayat (3)",
        ),
        "party_event_speaker": _e(
            "pembicara / narasumber kegiatan partai politik",
            "speaker at a party event",
            "SE B/71/2017 huruf g",
        ),
        "party_event_attendance": _e(
            "menghadiri acara partai politik",
            "attending a party event",
            "Bawaslu Karawang list (1 source, no article)",
        ),
        "declaration_attendance": _e(
            "menghadiri deklarasi (bakal) calon",
            "attending a (prospective) candidate's declaration",
            "SE B/71/2017 huruf d",
        ),
        "self_declaration": _e(
            "mendeklarasikan diri sebagai bakal calon",
            "declaring oneself a prospective candidate",
            "SE B/71/2017 huruf c",
        ),
        "banner_display": _e(
            "memasang spanduk / baliho / alat peraga",
            "putting up banners or campaign props",
            "SE B/71/2017 huruf b",
        ),
        "social_media_post": _e(
            "mengunggah / sosialisasi di media sosial",
            "posting or promoting on social media",
            "SKB 2022 Lampiran (A2, B2)",
        ),
        "social_media_like": _e("menyukai (like)", "liking a post", "SE B/71/2017 huruf e"),
        "social_media_comment": _e("mengomentari", "commenting", "SE B/71/2017 huruf e"),
        "social_media_share": _e("membagikan / menyebarluaskan", "sharing", "SE B/71/2017 huruf e"),
        "social_media_follow": _e(
            "bergabung / mengikuti akun pemenangan",
            "joining or following a campaign account",
            "SKB 2022 Lampiran (A4, B6)",
        ),
        "partisan_photo": _e(
            "foto bersama dengan simbol keberpihakan",
            "photo with a candidate showing partisanship",
            "SE B/71/2017 huruf f",
        ),
        "partisan_gathering": _e(
            "kegiatan yang mengarah kepada keberpihakan (pertemuan, ajakan, imbauan, seruan)",
            "partisan meeting, appeal or call",
            "UU 7/2017 Pasal 283 ayat (2); PP 94/2021 Pasal 5 huruf n angka 6",
        ),
        "goods_giving": _e(
            "pemberian barang",
            "giving goods",
            "UU 7/2017 Pasal 283 ayat (2); PP 94/2021 Pasal 5 huruf n angka 6",
        ),
        "favouring_decision": _e(
            "keputusan dan/atau tindakan yang menguntungkan atau merugikan",
            "decision or action favouring or harming a candidate",
            "PP 94/2021 Pasal 5 huruf n angka 5; UU 7/2017 Pasal 282",
        ),
        "state_facility_use": _e(
            "menggunakan fasilitas negara",
            "using state facilities",
            "PP 94/2021 Pasal 5 huruf n angka 4",
        ),
        "asn_mobilisation": _e(
            "mengerahkan PNS lain",
            "mobilising other civil servants",
            "PP 94/2021 Pasal 5 huruf n angka 3",
        ),
        "ktp_support_letter": _e(
            "surat dukungan disertai fotokopi KTP",
            "support letter with a copy of the identity card",
            "PP 94/2021 Pasal 5 huruf n angka 7",
        ),
        "party_membership": _e(
            "anggota / pengurus partai politik",
            "party membership or office",
            "UU 5/2014 Pasal 87 ayat (4) huruf b; UU 20/2023 Pasal 52 ayat (3) huruf j",
        ),
        "candidacy": _e(
            "mencalonkan diri", "running for elected office", "UU 20/2023 Pasal 59 ayat (3)"
        ),
        "party_approach": _e(
            "pendekatan ke partai politik",
            "approaching a party about a nomination",
            "SE B/71/2017 huruf a",
        ),
        "fund_raising": _e(
            "menggalang dana untuk (bakal) calon", "raising funds for a (prospective) candidate"
        ),
        "ktp_support_collection": _e(
            "mengumpulkan atau memfasilitasi dukungan KTP orang lain",
            "collecting or facilitating other people's ID-card support statements",
        ),
    },
    "Attribute": {
        "party": _e(
            "atribut partai",
            "party attributes (clothing, vehicles, media)",
            "Penjelasan PP 94/2021 Pasal 5 huruf n angka 2 (1 source)",
        ),
        "asn": _e(
            "atribut PNS",
            "civil-service attributes (Korpri or official uniform, official car)",
            "Penjelasan PP 94/2021 Pasal 5 huruf n angka 2 (1 source)",
        ),
        "candidate": _e(
            "atribut (bakal) pasangan calon", "a candidate's attributes", "SE B/71/2017 huruf d"
        ),
    },
    "Channel": {
        "in_person": _e("tatap muka", "in person"),
        "social_media": _e("media sosial", "social media"),
        "messaging": _e("pesan / grup percakapan", "messaging"),
        "print": _e("media cetak", "print"),
        "broadcast": _e("siaran", "broadcast"),
        "official_document": _e("dokumen resmi", "official document"),
        "other": _e("lainnya", "other"),
    },
    "Audience": {
        "colleagues": _e(
            "PNS dalam lingkungan unit kerjanya",
            "colleagues in the work unit",
            "UU 7/2017 Pasal 283 ayat (2)",
        ),
        "subordinates": _e("bawahan", "subordinates"),
        "family": _e("anggota keluarga", "family members", "UU 7/2017 Pasal 283 ayat (2)"),
        "public": _e("masyarakat", "the public", "UU 7/2017 Pasal 283 ayat (2)"),
        "party": _e("partai politik", "a political party", "SE B/71/2017 huruf a"),
    },
    "Kinship": {
        "spouse": _e(
            "suami / istri", "spouse", "SKB 2022 Lampiran (A7); SKB 2020 Lampiran angka 11"
        ),
        "parent": _e("orang tua", "parent"),
        "child": _e("anak", "child"),
        "sibling": _e("saudara kandung", "sibling"),
        "in_law": _e("keluarga semenda (mertua, menantu, ipar)", "in-law"),
        "other_kin": _e("kerabat lain (menurut derajat)", "other relative, by degree"),
    },
    "TieKind": {
        "superior": _e("atasan", "the other person is his superior"),
        "former_superior": _e("mantan atasan", "the other person was his superior"),
        "association_chair": _e(
            "ketua asosiasi atau organisasi profesi", "chairs his association or profession's body"
        ),
        "other": _e("hubungan lain", "another tie"),
    },
    "OfficialRole": {
        "PPK": _e(
            "Pejabat Pembina Kepegawaian",
            "staffing authority who imposes sanctions",
            "PP 42/2004 Pasal 15 ayat (2)",
        ),
        "ATASAN_LANGSUNG": _e("atasan langsung", "direct superior", "PP 94/2021 Pasal 26 ayat (1)"),
        "PEJABAT_BERWENANG": _e(
            "pejabat yang berwenang menghukum",
            "official authorised to punish",
            "PP 94/2021 Pasal 24 ayat (2) (1 source)",
        ),
    },
    "Track": {
        "ETIK": _e(
            "pelanggaran kode etik",
            "ethics breach (moral sanction)",
            "PP 42/2004 Pasal 11 huruf c, Pasal 15",
        ),
        "DISIPLIN": _e(
            "pelanggaran disiplin", "discipline breach", "PP 53/2010 Pasal 7; PP 94/2021 Pasal 8"
        ),
        "PIDANA": _e(
            "tindak pidana pemilu / pemilihan",
            "election crime",
            "UU 7/2017 Pasal 494; UU 1/2015 jo. UU 10/2016 Pasal 188",
        ),
        "STATUS_KEPEGAWAIAN": _e(
            "status kepegawaian (pemberhentian, pengunduran diri)",
            "employment status (dismissal, resignation)",
            "UU 20/2023 Pasal 52; PP 11/2017 Pasal 255",
        ),
    },
    "Tier": {
        "RINGAN": _e(
            "hukuman disiplin ringan",
            "light discipline sanction",
            "PP 53/2010 Pasal 7 ayat (2); PP 94/2021 Pasal 8 ayat (2)",
        ),
        "SEDANG": _e(
            "hukuman disiplin sedang",
            "moderate discipline sanction",
            "PP 53/2010 Pasal 7 ayat (3); PP 94/2021 Pasal 8 ayat (3)",
        ),
        "BERAT": _e(
            "hukuman disiplin berat",
            "heavy discipline sanction",
            "PP 53/2010 Pasal 7 ayat (4); PP 94/2021 Pasal 8 ayat (4)",
        ),
    },
    "Certainty": {
        "verified": _e("terverifikasi", "confirmed by at least two independent sources"),
        "single_source": _e("satu sumber", "one source only"),
        "inferred": _e("disimpulkan", "inferred, e.g. a number derived from the order of a list"),
        "contested": _e("diperdebatkan", "sources disagree; the prevailing reading is encoded"),
        "unresolved": _e("belum terselesaikan", "no reading prevails; referred to the PPK"),
        "unverified": _e("belum terverifikasi", "not confirmed by any source found"),
    },
    "InstrumentKind": {
        "UU": _e("Undang-Undang", "statute"),
        "PERPPU": _e(
            "Peraturan Pemerintah Pengganti Undang-Undang",
            "government regulation in lieu of a statute",
        ),
        "PP": _e("Peraturan Pemerintah", "government regulation"),
        "PERPRES": _e("Peraturan Presiden", "presidential regulation"),
        "SE": _e("Surat Edaran", "circular"),
        "SKB": _e("Keputusan Bersama", "joint decree"),
        "PUTUSAN_MK": _e("Putusan Mahkamah Konstitusi", "Constitutional Court ruling"),
    },
}

FACT_TERMS: dict[str, GlossaryEntry] = {
    "activity.active_support": _e(
        "memberikan tindakan / dukungan secara aktif",
        "gave active support beyond presence",
        "SKB 2022 Lampiran (A3, B4)",
    ),
    "activity.asn_mobilised": _e(
        "jumlah PNS lain yang dikerahkan",
        "number of other civil servants mobilised",
        "PP 94/2021 Pasal 5 huruf n angka 3",
    ),
    "activity.attributes_worn": _e(
        "atribut yang dipakai", "attributes worn or displayed", "PP 94/2021 Pasal 5 huruf n angka 2"
    ),
    "activity.audience": _e(
        "sasaran kegiatan", "who the conduct was aimed at", "UU 7/2017 Pasal 283 ayat (2)"
    ),
    "activity.campaign_phase": _e(
        "sebelum / selama / sesudah masa kampanye",
        "place of the act relative to the campaign",
        "UU 7/2017 Pasal 283 ayat (1)",
    ),
    "activity.channel": _e("saluran", "channel of the conduct"),
    "activity.date": _e("tanggal perbuatan", "date of the act; chooses the law in force"),
    "activity.in_official_duty": _e(
        "dalam rangka tugas kedinasan",
        "done on an official assignment",
        "SE B/71/2017 huruf g; SKB 2020 Lampiran angka 4",
    ),
    "activity.kind": _e("bentuk perbuatan", "kind of conduct (see ActivityKind)"),
    "activity.partisan_gesture": _e(
        "simbol tangan / gerakan keberpihakan",
        "partisan hand sign or gesture",
        "SE B/71/2017 huruf f",
    ),
    "activity.government_programme": _e(
        "memakai program pemerintah atau penyerahan bantuan",
        "used a government programme, aid handover or public service to solicit support",
    ),
    "activity.party": _e("partai politik", "political party involved"),
    "activity.platform": _e("platform media sosial", "social-media platform"),
    "activity.public": _e(
        "dapat diakses publik", "visible to the public", "SKB 2022 Lampiran (A5, B7)"
    ),
    "activity.resigned": _e(
        "mengundurkan diri secara tertulis",
        "resigned in writing from the civil service",
        "UU 20/2023 Pasal 59 ayat (3)",
    ),
    "activity.state_facility": _e(
        "fasilitas negara", "state facility used", "PP 94/2021 Pasal 5 huruf n angka 4"
    ),
    "activity.used_position": _e(
        "menyalahgunakan wewenang", "used the authority of his office", "PP 94/2021 Pasal 5 huruf a"
    ),
    "asn.agency": _e("instansi", "employing agency"),
    "asn.is_pejabat_asn": _e(
        "pejabat ASN / pejabat struktural dan fungsional",
        "holder of a structural or functional office",
        "UU 7/2017 Pasal 282; UU 1/2015 jo. UU 10/2016 Pasal 71 ayat (1), Pasal 188",
    ),
    "asn.is_pejabat_negara": _e("pejabat negara", "state official", "UU 7/2017 Pasal 547"),
    "asn.on_unpaid_leave": _e(
        "cuti di luar tanggungan negara (CLTN)", "on unpaid leave", "SKB 2022 Lampiran (A7, B3)"
    ),
    "asn.position_kind": _e("jenis jabatan", "kind of position (see PositionKind)"),
    "asn.region": _e("daerah", "region"),
    "asn.status": _e("status kepegawaian ASN", "employment status (see AsnStatus)"),
    "asn.unit": _e("unit kerja", "work unit"),
    "candidate.is_incumbent": _e(
        "petahana",
        "incumbent regional head",
        "UU 1/2015 jo. UU 10/2016 Pasal 71 ayat (2), (3), (5)",
    ),
    "candidate.is_independent": _e(
        "calon perseorangan",
        "independent candidate, nominated without a party",
        "PP 94/2021 Pasal 5 huruf n angka 7",
    ),
    "candidate.kinship_with_asn": _e(
        "hubungan keluarga dengan ASN",
        "family tie between the ASN and the candidate",
        "SKB 2022 Lampiran (A7)",
    ),
    "candidate.office": _e("jabatan yang diperebutkan", "office contested (see Office)"),
    "candidate.party": _e("partai pengusul", "nominating party"),
    "candidate.penetapan_date": _e(
        "tanggal penetapan calon", "day the KPU determined the candidate", "MK 41/PUU-XII/2014"
    ),
    "candidate.standing": _e(
        "bakal calon / calon",
        "standing on the day of the act (see CandidateStanding)",
        "SE B/71/2017; SKB 2022 Lampiran",
    ),
    "election.kind": _e("Pemilu / Pilkada", "kind of election (see ElectionKind)"),
}


def vocabulary_enums() -> dict[str, type[StrEnum]]:
    """Every closed vocabulary defined in :mod:`netralitas_rules.vocabulary`, by class name."""
    return {
        name: obj
        for name, obj in inspect.getmembers(vocabulary, inspect.isclass)
        if issubclass(obj, StrEnum) and obj.__module__ == vocabulary.__name__
    }


def missing_entries() -> list[str]:
    """Vocabulary values (``Enum.value``) and fact paths that have no glossary entry."""
    missing = [
        f"{name}.{member.value}"
        for name, enum in vocabulary_enums().items()
        for member in enum
        if member.value not in VOCABULARY.get(name, {})
    ]
    missing += [f"fact {path}" for path in FACTS if path not in FACT_TERMS]
    return missing


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_markdown() -> str:
    """``docs/glossary.md``: one table per vocabulary, then the fact paths."""
    lines = [
        "# Glossary",
        "",
        "Generated by `netralitas rules glossary` from `src/netralitas_rules/glossary.py`; do "
        "not edit by hand, run `make docs`. Each identifier is the value a case or rule file "
        "writes; the article is where the law defines or uses the term (— for machinery terms "
        "the law does not define).",
        "",
    ]
    header = ["| Istilah | Identifier | English | Article |", "|---|---|---|---|"]
    for name, enum in vocabulary_enums().items():
        lines += [f"## {name}", "", (enum.__doc__ or "").strip().splitlines()[0], ""]
        lines += header
        for member in enum:
            entry = VOCABULARY.get(name, {}).get(member.value)
            if entry is not None:
                lines.append(
                    f"| {_cell(entry.term)} | `{member.value}` | {_cell(entry.gloss)} | "
                    f"{_cell(entry.article)} |"
                )
        lines.append("")
    lines += ["## Fact paths", "", "What a rule condition can test (see `FACTS`).", ""]
    lines += header
    for path, spec in FACTS.items():
        entry = FACT_TERMS.get(path)
        if entry is not None:
            derived = " (derived)" if spec.derived else ""
            lines.append(
                f"| {_cell(entry.term)} | `{path}`{derived} | {_cell(entry.gloss)} | "
                f"{_cell(entry.article)} |"
            )
    return "\n".join(lines) + "\n"


__all__ = [
    "FACT_TERMS",
    "VOCABULARY",
    "GlossaryEntry",
    "glossary_markdown",
    "missing_entries",
    "vocabulary_enums",
]
