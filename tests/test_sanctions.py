"""The case-level recommendation: combination rules, repeat escalation, forms by status,
referrals, and the ethics, criminal and status tracks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from _sanctions_cases import (
    AS_OF,
    berat_act,
    finding,
    judged,
    make_case,
    open_tier_act,
    report_of,
    sedang_act,
)
from netralitas_rules import Case, Finding, RuleFileError, evaluate, load_case
from netralitas_rules.engine import get_engine
from netralitas_rules.loader import RegulationSet
from netralitas_rules.models import PriorSanction
from netralitas_rules.models.unknown import day_of
from netralitas_rules.sanctions import (
    Assessment,
    CombinationRule,
    Policy,
    TrackAudit,
    Verdict,
    assess,
    escalate,
    parse_policy,
    penalty_text,
    recommend,
    route,
    shipped_policy,
    shipped_routing,
)
from netralitas_rules.sanctions.recommendation import heaviest
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import ActivityKind, Tier, Track


def _policy(rule: CombinationRule) -> Policy:
    base = shipped_policy()
    return base.model_copy(
        update={"combination": base.combination.model_copy(update={"rule": rule})}
    )


# --------------------------------------------------------------------------- combination


def test_heaviest_rule_takes_the_heaviest_tier_of_several_acts() -> None:
    """Under the default policy a SEDANG act and a BERAT act yield one BERAT sanction."""
    rec = judged(make_case([sedang_act(), berat_act()])).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.tier is Tier.BERAT
    assert [p.id for p in rec.policies] == ["combination:heaviest"]
    assert [f.id for f in rec.forms] == [
        "turun_jabatan_12_bulan",
        "bebas_jabatan_pelaksana_12_bulan",
        "pdh_tidak_aps",
    ]
    assert rec.forms_citation == "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"


def test_heaviest_escalated_rule_raises_two_sedang_acts_to_berat() -> None:
    """With heaviest_escalated, two SEDANG acts climb one tier, with the BERAT forms."""
    case = make_case([sedang_act("a1", "2024-01-10"), sedang_act("a2", "2024-01-15")])
    a = judged(case, policy=_policy(CombinationRule.HEAVIEST_ESCALATED))
    rec = a.recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, [p.id for p in rec.policies]) == (
        Tier.BERAT,
        ["combination:heaviest_escalated"],
    )
    assert rec.forms_citation == "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"


def test_heaviest_rule_keeps_two_sedang_acts_at_sedang() -> None:
    """With the default rule two SEDANG acts stay SEDANG."""
    case = make_case([sedang_act("a1", "2024-01-10"), sedang_act("a2", "2024-01-15")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.tier is Tier.SEDANG


def test_separate_rule_lists_one_sanction_per_act() -> None:
    """With separate, each act keeps its own tier and forms; the case tier is the heaviest."""
    a = judged(make_case([sedang_act(), berat_act()]), policy=_policy(CombinationRule.SEPARATE))
    rec = a.recommendation(Track.DISIPLIN)
    assert rec is not None
    assert [(x.activity_id, x.tier, x.forms[0].id) for x in rec.acts] == [
        ("a1", Tier.SEDANG, "potong_tukin_25_6_bulan"),
        ("b1", Tier.BERAT, "turun_jabatan_12_bulan"),
    ]
    assert (rec.tier, [p.id for p in rec.policies]) == (Tier.BERAT, ["combination:separate"])


def test_a_single_act_applies_no_combination_policy() -> None:
    """One act needs no combination rule, so no policy is reported."""
    rec = judged(make_case([berat_act()])).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.policies) == (Tier.BERAT, ())


def test_combination_policy_is_labelled_as_policy_with_its_reason() -> None:
    """The combination rule says it is policy and why (no article found)."""
    rec = judged(make_case([sedang_act(), berat_act()])).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.policies[0].why_en == (
        "No article on several violations at once was found in PP 53/2010 or PP 94/2021 "
        "(unverified); this is policy, not cited law."
    )


def test_an_unknown_combination_rule_in_a_policy_file_is_a_positioned_error() -> None:
    """A policy file with an unknown rule fails with file, line and the allowed values."""
    text = (
        "combination: {rule: mildest, statement: s, statement_en: s, why: w, why_en: w}\n"
        "repeat: {statement: s, statement_en: s, why: w, why_en: w}\n"
        "kinship: {why: w, why_en: w}\n"
    )
    with pytest.raises(RuleFileError) as exc:
        parse_policy(text, "p.yaml")
    assert str(exc.value) == (
        "p.yaml:1:15: combination.rule: 'mildest' is not allowed; allowed: 'heaviest', "
        "'heaviest_escalated' or 'separate'"
    )


# --------------------------------------------------------------------------- repeat


def _prior(kind: str, day: str = "2022-05-01", tier: str = "SEDANG") -> dict[str, object]:
    return {"date": day, "tier": tier, "nature": kind, "form": "potong tukin 25% 6 bulan"}


def test_repeat_of_the_same_nature_escalates_one_tier_and_names_the_earlier_sanction() -> None:
    """A SEDANG act repeating conduct sanctioned before becomes BERAT, naming the prior."""
    case = make_case([sedang_act()], priors=[_prior("campaign_attendance")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.tier is Tier.BERAT
    (rep,) = rec.repeats
    assert (rep.activity_id, rep.prior_date, rep.prior_form, rep.from_tier, rep.to_tier) == (
        "a1",
        dt.date(2022, 5, 1),
        "potong tukin 25% 6 bulan",
        Tier.SEDANG,
        Tier.BERAT,
    )
    assert [p.id for p in rec.policies] == ["repeat"]


def test_a_prior_of_another_nature_does_not_escalate() -> None:
    """An earlier sanction for different conduct is no repeat."""
    case = make_case([sedang_act()], priors=[_prior("favouring_decision")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.repeats) == (Tier.SEDANG, ())


def test_a_prior_dated_after_the_act_does_not_escalate() -> None:
    """Only a sanction earlier than the act makes it a repeat."""
    case = make_case([sedang_act()], priors=[_prior("campaign_attendance", "2024-02-01")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.tier is Tier.SEDANG


def test_berat_stays_berat_on_a_repeat() -> None:
    """Escalation stops at BERAT."""
    case = make_case([berat_act()], priors=[_prior("favouring_decision")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.repeats[0].from_tier, rec.repeats[0].to_tier) == (
        Tier.BERAT,
        Tier.BERAT,
        Tier.BERAT,
    )


def test_ringan_repeat_climbs_to_sedang_with_the_sedang_forms_of_the_schedule() -> None:
    """A RINGAN finding repeated becomes SEDANG, with the PP 94 Pasal 8 ayat (3) forms."""
    case = make_case([sedang_act()], priors=[_prior("campaign_attendance")])
    report = report_of(case, [finding("a1", dt.date(2024, 1, 10), Tier.RINGAN)])
    policy, routing = shipped_policy(), shipped_routing()
    (rec,) = recommend(report, case, regs=_regs(), policy=policy, routing=routing)
    assert (rec.tier, rec.forms_citation, [f.id for f in rec.forms]) == (
        Tier.SEDANG,
        "Pasal 8 ayat (3) Peraturan Pemerintah Nomor 94 Tahun 2021",
        ["potong_tukin_25_6_bulan", "potong_tukin_25_9_bulan", "potong_tukin_25_12_bulan"],
    )


def test_escalate_climbs_one_tier_and_stops_at_berat() -> None:
    """RINGAN to SEDANG, SEDANG to BERAT, BERAT stays."""
    assert [escalate(t) for t in Tier] == [Tier.SEDANG, Tier.BERAT, Tier.BERAT]


# --------------------------------------------------------------------------- status


def test_pns_and_pppk_get_the_forms_of_their_own_schedule() -> None:
    """A BERAT act: PP 94 Pasal 8 ayat (4) for a PNS, PP 49/2018 PHPK forms for a PPPK."""
    pns = judged(make_case([berat_act()], status="PNS")).recommendation(Track.DISIPLIN)
    pppk = judged(make_case([berat_act()], status="PPPK")).recommendation(Track.DISIPLIN)
    assert pns is not None
    assert pppk is not None
    assert (pns.tier, pns.forms_citation) == (
        Tier.BERAT,
        "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021",
    )
    assert (pppk.tier, pppk.forms_citation, pppk.forms[0].id) == (
        Tier.BERAT,
        "Pasal 53 ayat (2) huruf b Peraturan Pemerintah Nomor 49 Tahun 2018",
        "phpk_dengan_hormat_tidak_aps",
    )


def test_a_pppk_repeat_takes_the_escalated_forms_from_the_pppk_schedule() -> None:
    """A PPPK's SEDANG act repeated becomes BERAT with the PP 49/2018 forms."""
    case = make_case([sedang_act()], status="PPPK", priors=[_prior("campaign_attendance")])
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.forms_citation) == (
        Tier.BERAT,
        "Pasal 53 ayat (2) huruf b Peraturan Pemerintah Nomor 49 Tahun 2018",
    )


def test_pp53_forms_apply_to_acts_before_31_august_2021() -> None:
    """The seed case (2019) gets the PP 53/2010 Pasal 7 ayat (4) forms, incl. PTDH."""
    case = load_case("examples/muaro-jambi-2019.yaml")
    rec = assess(evaluate(case), case, as_of=AS_OF).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.forms_citation, rec.forms[-1].id) == (
        Tier.BERAT,
        "Pasal 7 ayat (4) Peraturan Pemerintah Nomor 53 Tahun 2010",
        "ptdh",
    )


# --------------------------------------------------------------------------- referral


def test_a_finding_with_an_open_tier_is_referred_with_its_alternatives() -> None:
    """PP 94 Pasal 5 huruf n angka 1 has no tier: no tier is guessed, the PPK gets the readings."""
    rec = judged(make_case([open_tier_act()])).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.forms) == (None, ())
    (ref,) = rec.referrals
    assert ref.provision_id == "pp94-5-n-1"
    assert [a.tier for a in ref.alternatives] == [Tier.BERAT, Tier.SEDANG, None]


def test_an_open_tier_finding_is_referred_but_does_not_hide_a_fixed_tier() -> None:
    """Beside a BERAT act, the open-tier act is still referred, not dropped."""
    rec = judged(make_case([open_tier_act(), berat_act()])).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, [r.activity_id for r in rec.referrals]) == (Tier.BERAT, ["o1"])


def test_a_statute_tiered_by_a_discipline_pp_is_not_referred_when_the_pp_fixes_the_tier() -> None:
    """UU 7/2017 Pasal 283 defers its tier to PP 94 angka 6 (tier_from): no referral."""
    act = {"id": "g1", "date": "2024-01-10", "kind": "partisan_gathering", "candidate_ids": ["c1"]}
    assessment = judged(make_case([act]))
    fired = {f.provision_id: f.tier for f in evaluate(make_case([act])).findings}
    assert fired == {"pp94-5-n-6": Tier.BERAT, "uu7-283": None}
    rec = assessment.recommendation(Track.DISIPLIN)
    assert rec is not None
    assert (rec.tier, rec.referrals) == (Tier.BERAT, ())


def test_a_statute_tiered_by_a_pp_is_referred_when_no_pp_provision_fixes_the_tier() -> None:
    """Under PP 53/2010 partisan gatherings are tiered only for presidential pairs: toward a
    legislative candidate in 2019 UU 7/2017 Pasal 283 stands alone and goes to the PPK."""
    caleg = {
        "id": "c1",
        "office": "DPRD_KABUPATEN_KOTA",
        "party": "X",
        "penetapan_date": "2018-09-20",
    }
    act = {"id": "g1", "date": "2019-03-10", "kind": "partisan_gathering", "candidate_ids": ["c1"]}
    case = make_case([act], election="pemilu-2019", candidates=[caleg])
    # The ethics floor (PP 42/2004 Pasal 11 huruf c) stands beside it on its own track.
    assert [f.provision_id for f in evaluate(case).findings] == ["uu7-283", "pp42-11-c-calon"]
    rec = judged(case).recommendation(Track.DISIPLIN)
    assert rec is not None
    assert [(r.provision_id, r.activity_id) for r in rec.referrals] == [("uu7-283", "g1")]


# --------------------------------------------------------------------------- other tracks


def test_ethics_recommends_a_moral_sanction_pronounced_by_the_ppk_in_writing() -> None:
    """Sharing a prospective candidate's post: sanksi moral, closed or open, by the PPK."""
    act = {"id": "e1", "date": "2023-10-10", "kind": "social_media_share", "candidate_ids": ["c1"]}
    rec = judged(make_case([act])).recommendation(Track.ETIK)
    assert rec is not None
    assert [f.id for f in rec.forms] == ["pernyataan_tertutup", "pernyataan_terbuka"]
    assert rec.imposed_by == "PPK"
    assert rec.imposed_by_basis[0].text == "Pasal 15 ayat (2) PP 42/2004"


def test_criminal_exposure_names_the_penal_article_and_its_maximum() -> None:
    """An ASN on a Pemilu campaign team: Pasal 494, kurungan up to 1 year and Rp12,000,000."""
    act = {"id": "k1", "date": "2024-01-10", "kind": "campaign_organiser", "candidate_ids": ["c1"]}
    rec = judged(make_case([act])).recommendation(Track.PIDANA)
    assert rec is not None
    (exp,) = rec.exposures
    assert exp.penal_article == "Pasal 494 Undang-Undang Nomor 7 Tahun 2017"
    assert exp.text == "kurungan paling lama 1 tahun dan denda paling banyak Rp12.000.000"
    assert (
        exp.text_en == "confinement (kurungan) of at most 1 year and a fine of at most Rp12.000.000"
    )


def test_penalty_text_renders_a_minimum_and_and_or() -> None:
    """UU Pilkada Pasal 188's range reads as the statute states it."""
    from netralitas_rules.regulation import Penalty

    p = Penalty.model_validate(
        {
            "kind": "PENJARA",
            "min_months": 1,
            "max_months": 6,
            "combination": "dan/atau",
            "fine_min_rupiah": 600000,
            "fine_max_rupiah": 6000000,
        }
    )
    assert penalty_text(p, "id") == (
        "penjara paling singkat 1 bulan dan paling lama 6 bulan dan/atau denda paling sedikit "
        "Rp600.000 dan paling banyak Rp6.000.000"
    )


def test_party_membership_yields_the_status_consequences_with_their_articles() -> None:
    """A PNS party member in 2024: PTDH under PP 11/2017 and UU 20/2023."""
    act = {"id": "m1", "date": "2024-01-10", "kind": "party_membership"}
    rec = judged(make_case([act])).recommendation(Track.STATUS_KEPEGAWAIAN)
    assert rec is not None
    assert sorted((s.provision_id, s.effect.value) for s in rec.status_effects) == [
        ("pp11-255", "PTDH"),
        ("uu20-52-3-j", "PTDH"),
    ]


def test_no_findings_no_recommendation() -> None:
    """A case without violations gets no recommendation on any track."""
    act = {"id": "n1", "date": "2024-01-10", "kind": "social_media_follow"}
    assert judged(make_case([act])).recommendations == ()


# --------------------------------------------------------------------------- properties


def _regs() -> RegulationSet:
    return get_engine().rules.regulations


def _rank(tier: Tier | None) -> int:
    return tier.rank if tier else 0


_TIERS = st.none() | st.sampled_from(Tier)
_DAYS = st.dates(dt.date(2021, 9, 1), dt.date(2025, 12, 31))


@st.composite
def _findings_case(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[Finding]]:
    n = draw(st.integers(1, 4))
    kinds = draw(st.lists(st.sampled_from(ActivityKind), min_size=n, max_size=n))
    days = draw(st.lists(_DAYS, min_size=n, max_size=n))
    acts = [{"id": f"a{i}", "date": days[i].isoformat(), "kind": kinds[i].value} for i in range(n)]
    found = [
        finding(f"a{i}", days[i], t, provision=f"p{j}")
        for i in range(n)
        for j, t in enumerate(draw(st.lists(_TIERS, min_size=1, max_size=3)))
    ]
    return acts, found


@settings(max_examples=examples(150))
@given(data=_findings_case(), rule=st.sampled_from(CombinationRule), extra=_TIERS)
def test_aggravating_facts_never_lower_the_recommended_tier(
    data: tuple[list[dict[str, str]], list[Finding]], rule: CombinationRule, extra: Tier | None
) -> None:
    """A prior of the same nature, or a further violation, never lowers the tier (any rule)."""
    acts, found = data
    policy, routing, regs = _policy(rule), shipped_routing(), _regs()

    def tier(case: Case, fs: list[Finding]) -> Tier | None:
        recs = recommend(report_of(case, fs), case, regs=regs, policy=policy, routing=routing)
        rec = next((r for r in recs if r.track is Track.DISIPLIN), None)
        return rec.tier if rec else None

    case = make_case(acts)
    before = _rank(tier(case, found))
    first = case.activities[0]
    prior = PriorSanction(date=day_of(first.date) - dt.timedelta(days=30), nature=first.kind)
    repeated = case.model_copy(
        update={"asn": case.asn.model_copy(update={"prior_sanctions": (prior,)})}
    )
    assert _rank(tier(repeated, found)) >= before
    further = make_case([*acts, {"id": "z", "date": "2024-01-10", "kind": "goods_giving"}])
    more = [*found, finding("z", dt.date(2024, 1, 10), extra, provision="pz")]
    assert _rank(tier(further, more)) >= before


@settings(max_examples=examples(40))
@given(case=strategies.cases(election="pemilu-2024", max_activities=3))
def test_on_generated_cases_a_repeat_or_a_further_act_never_lowers_the_tier(case: Case) -> None:
    """With the shipped rules: adding a same-nature prior or another act never lowers the tier."""

    def tier(c: Case) -> int:
        rec = assess(evaluate(c), c, as_of=dt.date(2026, 1, 1)).recommendation(Track.DISIPLIN)
        return _rank(rec.tier) if rec else 0

    before = tier(case)
    act = case.activities[0]
    prior = PriorSanction(date=day_of(act.date) - dt.timedelta(days=1), nature=act.kind)
    priors = (*case.asn.prior_sanctions, prior)
    assert (
        tier(
            case.model_copy(update={"asn": case.asn.model_copy(update={"prior_sanctions": priors})})
        )
        >= before
    )
    again = act.model_copy(update={"id": f"{act.id}-again"})
    assert tier(case.model_copy(update={"activities": (*case.activities, again)})) >= before


@given(tiers=st.lists(st.sampled_from(Tier), max_size=5))
def test_heaviest_is_the_maximum_rank(tiers: list[Tier]) -> None:
    """heaviest() picks the tier of highest rank, None for none."""
    got = heaviest(tiers)
    assert (got.rank if got else 0) == max((t.rank for t in tiers), default=0)


# --------------------------------------------------------------------------- construction


@settings(max_examples=examples(60))
@given(
    case=strategies.cases(),
    day=st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_an_assessment_built_without_validation_equals_its_revalidation(
    case: Case, day: dt.date
) -> None:
    """The stage builds its models from already valid values without revalidating them; on
    generated cases every assessment validates back to an equal model with the same JSON."""
    assessment = assess(evaluate(case), case, as_of=day)
    again = Assessment.model_validate_json(assessment.model_dump_json())
    assert again == assessment
    assert again.model_dump_json() == assessment.model_dump_json()


def test_model_construct_gives_what_validation_gives_for_the_same_fields() -> None:
    """A sanctions model built by model_construct has the same fields, in the same order,
    with the same defaults and the same fields set as one built by validation."""
    values: dict[str, Any] = {
        "track": Track.ETIK,
        "verdict": Verdict.NOT_YET_IMPOSED,
        "days_elapsed": 3,
        "text": "t",
        "text_en": "t",
    }
    built = TrackAudit.model_construct(**values)
    validated = TrackAudit.model_validate(values)
    assert list(built.__dict__.items()) == list(validated.__dict__.items())
    assert built.model_fields_set == validated.model_fields_set == set(values)
    assert built == validated
    assert hash(built) == hash(validated)


@settings(max_examples=examples(40))
@given(
    case=strategies.cases(),
    day=st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31)),
    shift=st.integers(min_value=-3_000, max_value=3_000),
    moves=st.lists(st.integers(min_value=-4_000, max_value=4_000), max_size=6),
)
def test_a_remembered_routing_equals_one_worked_out_afresh(
    case: Case, day: dt.date, shift: int, moves: list[int]
) -> None:
    """route() remembers answers per routing data and stretch of days: with the shipped data
    and with data whose KASN-to-BKN switch moved, for the case and for it with its acts
    moved by some days, each answer equals the one worked out with nothing remembered."""
    from netralitas_rules.sanctions.memo import forget

    shipped = shipped_routing()
    moved = shipped.model_copy(
        update={
            "switch": shipped.switch.model_copy(
                update={"date": shipped.switch.date + dt.timedelta(days=shift)}
            )
        }
    )
    cases = [case]
    for days in moves:
        acts = tuple(
            a.model_copy(update={"date": day_of(a.date) + dt.timedelta(days=days)})
            for a in case.activities
        )
        cases.append(case.model_copy(update={"activities": acts}))
    judged = [(c, evaluate(c)) for c in cases]
    runs = [(c, r, data) for c, r in judged for data in (shipped, moved)]
    remembered = [route(r, c, routing=data, as_of=day) for c, r, data in runs]
    forget()
    fresh = []
    for c, r, data in runs:
        fresh.append(route(r, c, routing=data, as_of=day))
        forget()
    assert remembered == fresh
