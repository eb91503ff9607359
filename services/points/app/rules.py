"""Earning rules per district, earning by rule, manual awards with approval, deductions."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, func, select

from services.common import clock
from services.common.db import UnitOfWork
from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.divisions import subdistrict_of
from services.common.tables import audit
from services.common.values import parse_date, text
from services.points import models as m
from services.points import serializers
from services.points.app import ledger, posting
from services.points.repository import Repository
from services.points.domain import ledger as ledger_rules
from services.points.domain import rules as rules_domain
from services.points.permissions import POLICY
from services.common.feature_flags import features, place


def _terms(r: m.Rule) -> rules_domain.RuleTerms:
    return rules_domain.RuleTerms(r.action_type, r.points, tuple(r.applies_to), r.daily_cap, r.monthly_cap,
                                  r.needs_approval, r.effective_from, r.effective_to)


def define_rule(uow: UnitOfWork, *, action_type: str, points: int, applies_to: list[str],
                effective_from: str | None = None, effective_to: str | None = None, daily_cap: int | None = None,
                monthly_cap: int | None = None, needs_approval: bool = False, feature_flag: str | None = None,
                description: str | None = None) -> dict:
    """A new version of a rule; the previous open-ended version ends the day before this one starts."""
    POLICY.check(uow.ctx, "manage rules")
    r = Repository(uow)
    district = r.district_setting()
    start = parse_date(effective_from, "effective_from") if effective_from else clock.today()
    end = parse_date(effective_to, "effective_to") if effective_to else None
    daily_cap = daily_cap or None
    monthly_cap = monthly_cap or None
    rules_domain.check_rule(action_type, points, list(applies_to or []), daily_cap, monthly_cap, start, end)
    if feature_flag:
        from services.common.rollout import check_flag_name
        check_flag_name(feature_flag, "feature_flag")
    versions = r.all(m.Rule, m.Rule.action_type == action_type, order_by=m.Rule.version)
    if versions and rules_domain.programme_of_rule(versions[-1].applies_to) != \
            rules_domain.programme_of_rule(list(applies_to)):
        raise InvalidArgument("an action stays in one programme across versions", "applies_to")
    for v in versions:
        if v.effective_from >= start:
            raise InvalidArgument(f"version {v.version} already starts on {v.effective_from}; a new version "
                                  "must start later", "effective_from")
        if v.effective_to is None or v.effective_to >= start:
            v.effective_to = start - timedelta(days=1)
    rule = m.Rule(district=district, action_type=action_type, version=len(versions) + 1, points=points,
                  applies_to=list(applies_to), daily_cap=daily_cap, monthly_cap=monthly_cap,
                  needs_approval=bool(needs_approval), feature_flag=feature_flag or None, effective_from=start,
                  effective_to=end, description=text(description, "description"), created_by=uow.ctx.actor)
    r.add(rule)
    uow.flush()
    audit(uow, district, "define rule", rule.id, after=serializers.rule(rule))
    uow.after_commit(Repository.forget_rules)
    return serializers.rule(rule)


def list_rules(uow: UnitOfWork, *, action_type: str | None = None, on: str | None = None) -> dict:
    POLICY.check(uow.ctx, "read rules")
    if not uow.ctx.district:
        raise InvalidArgument("a city-wide caller must use a district token to read a district's rules",
                              "district")
    where = [m.Rule.action_type == action_type] if action_type else []
    rules = Repository(uow).all(m.Rule, *where, order_by=(m.Rule.action_type, m.Rule.version))
    if on:
        day = parse_date(on, "on")
        rules = [r for r in rules if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)]
    return {"items": [serializers.rule(r) for r in rules]}


def rule_in_force(uow: UnitOfWork, district: str, action_type: str, on: date):
    """(the version in force on ``on``, the ids of every version): caps count across versions."""
    rules = Repository(uow).rule_versions(district, action_type)
    terms = rules_domain.effective([_terms(r) for r in rules], on)
    if terms is None:
        raise FailedPrecondition(f"no {action_type} rule is in force in {district} on {on.isoformat()}",
                                 "action_type")
    return next(r for r in rules if r.effective_from == terms.effective_from), [r.id for r in rules]


def _month_end(on: date) -> date:
    following = date(on.year + (on.month == 12), on.month % 12 + 1, 1)
    return following - timedelta(days=1)


TX = m.Transaction.__table__
#: what a cap counts: the rule's earnings (every version), posted or waiting for approval
_COUNTED = (TX.c.status.in_(("posted", "pending")), TX.c.kind.in_(("award", "deduction")))
#: uow.extras: account id → its capped earnings [(rule id, day, points)] read by count_caps_together
CAP_EARNINGS = "cap earnings"


def _earned_today_and_month(uow: UnitOfWork, account_id: str, rule_ids: list[str], on: date) -> tuple[int, int]:
    read = uow.extras.get(CAP_EARNINGS, {}).get(account_id)
    if read is not None:  # read with the batch's (count_caps_together)
        month_days = [(day, points) for rule_id, day, points in read
                      if rule_id in rule_ids and on.replace(day=1) <= day <= _month_end(on)]
        today_total = sum(points for day, points in month_days if day == on)
        month_total = sum(points for _, points in month_days)
    else:
        today = func.coalesce(func.sum(case((TX.c.occurred_on == on, TX.c.points), else_=0)), 0)
        month = func.coalesce(func.sum(TX.c.points), 0)
        row = uow.session.connection().execute(select(today, month).where(
            TX.c.account_id == account_id, TX.c.rule_id.in_(rule_ids), *_COUNTED,
            TX.c.occurred_on >= on.replace(day=1), TX.c.occurred_on <= _month_end(on))).one()
        today_total, month_total = int(row[0]), int(row[1])
    for w in posting.waiting(uow):  # earned earlier in this same group commit, not written yet
        if (w["account_id"] == account_id and w["rule_id"] in rule_ids and w["status"] in ("posted", "pending")
                and w["kind"] in ("award", "deduction") and on.replace(day=1) <= w["occurred_on"] <= _month_end(on)):
            month_total += w["points"]
            today_total += w["points"] if w["occurred_on"] == on else 0
    return today_total, month_total


def count_caps_together(wanted: list[tuple[UnitOfWork, str, str, date]]) -> None:
    """For a batch of earnings ``(uow, account id, action, day)``: the accounts of the capped ones are
    locked in one statement and their month's capped earnings read in one, so that each earning's cap
    check (``earn``) finds them at hand. An earning that would be refused is left to ``earn``."""
    capped: dict[str, set] = {}
    days = []
    for uow, account_id, action_type, on in wanted:
        account = ledger.load_account(uow, account_id)
        try:
            rule, versions = rule_in_force(uow, account.district, action_type, on) if account else (None, [])
        except FailedPrecondition:
            continue
        if rule is not None and (rule.daily_cap is not None or rule.monthly_cap is not None):
            capped.setdefault(account_id, set()).update(versions)
            days.append(on)
    if not capped:
        return
    uow = wanted[0][0]
    ledger.lock_many_for_caps(uow, list(capped))  # before the earnings are read: none can be added meanwhile
    rows = uow.session.connection().execute(
        select(TX.c.account_id, TX.c.rule_id, TX.c.occurred_on, func.sum(TX.c.points))
        .where(TX.c.account_id.in_(list(capped)), TX.c.rule_id.in_(set().union(*capped.values())), *_COUNTED,
               TX.c.occurred_on >= min(days).replace(day=1), TX.c.occurred_on <= _month_end(max(days)))
        .group_by(TX.c.account_id, TX.c.rule_id, TX.c.occurred_on))
    read = uow.extras.setdefault(CAP_EARNINGS, {})
    for account_id in capped:
        read.setdefault(account_id, [])
    for account_id, rule_id, day, points in rows:
        read[account_id].append((rule_id, day, int(points)))


def earn(uow: UnitOfWork, *, account: dict, action_type: str, occurred_on: str | None = None,
         source: str | None = None, evidence: str | None = None) -> dict:
    """Earn (or lose, for a deduction rule) points for an action, by the district's rule in force."""
    POLICY.check(uow.ctx, "earn by rule")
    acc = ledger.open_account(uow, account)
    on = parse_date(occurred_on, "occurred_on") if occurred_on else clock.today()
    if on > clock.today():
        raise InvalidArgument("must not be in the future", "occurred_on")
    rule, versions = rule_in_force(uow, acc.district, action_type, on)
    if rule.points > 0:  # also when it waits for approval: it would lapse before it is decided
        ledger_rules.check_award_day(on, ledger.policy_of(uow, acc.district), clock.today())
    terms = _terms(rule)
    rules_domain.check_applies(terms, rules_domain.audience_of(acc.kind, acc.category))
    if rule.feature_flag and not features().get_boolean_value(
            rule.feature_flag, False, place(acc.district, community=acc.community)):
        raise FailedPrecondition(f"the {action_type} rule is not rolled out in sub-district "
                                 f"{subdistrict_of(acc.community)} yet", "action_type")
    today_total = month_total = 0
    if terms.daily_cap is not None or terms.monthly_cap is not None:
        ledger.lock_for_caps(uow, acc.id)
        today_total, month_total = _earned_today_and_month(uow, acc.id, versions, on)
    points = rules_domain.capped_points(terms, today_total, month_total)
    if points == 0:
        raise FailedPrecondition(f"the {action_type} cap is reached for {on.isoformat()}", "action_type")
    common = dict(occurred_on=on, rule_id=rule.id, action_type=action_type, source=text(source, "source", 120),
                  evidence=text(evidence, "evidence"))
    if terms.needs_approval:
        return _pending(uow, acc, "award" if rule.points > 0 else "deduction", points, reason=rule.description,
                        **common)
    if rule.points > 0:
        return ledger.award_points(uow, acc, points, **common)
    return ledger.deduct_points(uow, acc, points, **common)


def _pending(uow: UnitOfWork, acc: m.Account, kind: str, points: int, **fields) -> dict:
    tx = m.Transaction(district=acc.district, kind=kind, status="pending", account_id=acc.id, points=points,
                       actor=uow.ctx.actor, **fields)
    uow.session.add(tx)
    uow.flush()
    if (counted := uow.extras.get(CAP_EARNINGS, {}).get(acc.id)) is not None:  # the batch's caps count it too
        counted.append((tx.rule_id, tx.occurred_on, points))
    audit(uow, acc.district, f"request {kind}", tx.id, after={"account": acc.id, "points": points})
    return serializers.transaction(tx, ledger.spendable_of(uow, acc.id))


def award_manually(uow: UnitOfWork, *, account: dict, points: int, reason: str, evidence: str,
                   deduction: bool = False) -> dict:
    """A manual award (or member-points deduction) with evidence; it waits for approval by someone else."""
    POLICY.check(uow.ctx, "award manually")
    acc = ledger.open_account(uow, account)
    points = ledger_rules.check_amount(points)
    if deduction and acc.kind != "member":
        raise InvalidArgument("deductions apply to member points only", "deduction")
    return _pending(uow, acc, "deduction" if deduction else "award", points,
                    occurred_on=clock.today(), action_type="manual", reason=text(reason, "reason", required=True),
                    evidence=text(evidence, "evidence", required=True))


def decide_pending(uow: UnitOfWork, *, transaction_id: str, approve: bool, note: str | None = None) -> dict:
    """Approve or reject a pending award or deduction; nobody approves their own request."""
    POLICY.check(uow.ctx, "approve awards")
    tx = Repository(uow).get(m.Transaction, transaction_id, "transaction_id", "transaction", write=True)
    if tx.status != "pending":
        raise FailedPrecondition(f"the transaction is {tx.status}", "transaction_id")
    if tx.actor == uow.ctx.actor:
        raise PermissionDenied("a request is approved by someone other than who made it", "transaction_id")
    acc = uow.session.get(m.Account, tx.account_id)
    if not approve:
        tx.status, tx.approved_by = "rejected", uow.ctx.actor
        audit(uow, acc.district, f"reject {tx.kind}", tx.id, {"status": "pending"}, {"status": "rejected"}, note)
        return serializers.transaction(tx, ledger.spendable_of(uow, acc.id))
    fields = dict(occurred_on=tx.occurred_on, rule_id=tx.rule_id, action_type=tx.action_type, reason=tx.reason,
                  evidence=tx.evidence, source=tx.id, approved_by=uow.ctx.actor)
    result = (ledger.award_points if tx.kind == "award" else ledger.deduct_points)(uow, acc, tx.points, **fields)
    tx.status, tx.approved_by = "approved", uow.ctx.actor  # the request; the posting is ``result``
    audit(uow, acc.district, f"approve {tx.kind}", tx.id, {"status": "pending"},
          {"status": "approved", "posted": result["id"]}, note)
    return result


def list_pending(uow: UnitOfWork, *, community: str | None = None) -> dict:
    POLICY.check(uow.ctx, "approve awards")
    r = Repository(uow)
    r.district()  # a district's queue: a city-wide caller names none
    q = r.select(m.Transaction).where(m.Transaction.status == "pending")
    if community:
        community = r.code(community, "community", "community")
        q = q.join(m.Account, m.Account.id == m.Transaction.account_id).where(m.Account.community == community)
    return {"items": [serializers.transaction(t) for t in uow.session.scalars(q.order_by(m.Transaction.created_at))]}
