"""The points service's application layer: one function per use case, run inside a unit of work.

``USE_CASES`` maps each gRPC method of ``cityplat.points.v1.Points`` to its function; both
entrypoints serve ``API`` (services.common.usecase.UseCases): every write takes an idempotency
key, and awards and redemptions share group commits.
"""
from services.common.usecase import UseCases
from services.points.app import cycle, earning, ledger, rules, stations

USE_CASES = {
    "OpenAccount": ledger.open_account_case,
    "GetAccount": ledger.get_account,
    "Earn": rules.earn,
    "AwardManually": rules.award_manually,
    "DecidePending": rules.decide_pending,
    "ListPending": rules.list_pending,
    "Reverse": ledger.reverse,
    "GetStatement": ledger.statement,
    "GetAccountAudit": ledger.account_audit,
    "GetLeaderboard": ledger.leaderboard,
    "GetTotals": ledger.totals,
    "GetCityTotals": ledger.city_totals,
    "SetExpiryPolicy": ledger.set_expiry_policy,
    "DefineRule": rules.define_rule,
    "ListRules": rules.list_rules,
    "OpenCycle": cycle.open_cycle,
    "SetCycleRules": cycle.set_cycle_rules,
    "AdvanceCycle": cycle.advance_cycle,
    "GetCycle": cycle.get_cycle,
    "ListCycleWork": cycle.list_cycle_work,
    "SelfAssess": cycle.self_assess,
    "RecordAssessment": cycle.record_assessment,
    "RaiseObjection": cycle.raise_objection,
    "AnswerObjection": cycle.answer_objection,
    "RequestExemption": cycle.request_exemption,
    "DecideExemption": cycle.decide_exemption,
    "CreateStation": stations.create_station,
    "AddItem": stations.add_item,
    "Restock": stations.restock,
    "ListStations": stations.list_stations,
    "ListCatalogue": stations.list_catalogue,
    "Redeem": stations.redeem,
    "DecideHonour": stations.decide_honour,
    "PickUp": stations.pick_up,
    "CancelReservation": stations.cancel,
    "ListReservations": stations.list_reservations,
    "ListPendingHandovers": stations.list_pending_handovers,
    "ImportGarbageRecords": earning.import_garbage_records,
}

def _account_of_earn(ctx, params) -> tuple:
    account = params.get("account") if isinstance(params.get("account"), dict) else {}
    return ctx.district, account.get("kind"), account.get("owner")


#: The hot writes, whose concurrent calls share one transaction (group commit, see
#: services.common.batching and app.posting), each with the key that keeps two calls for one
#: account out of the same batch.
GROUP_COMMIT = {
    "Earn": _account_of_earn,
    "Redeem": lambda ctx, params: (ctx.district, params.get("account_id")),
}

API = UseCases(USE_CASES, reads={"GetAccount", "ListPending", "GetStatement", "GetLeaderboard", "GetTotals",
                                 "ListRules", "GetCycle", "ListStations", "ListCatalogue", "ListReservations",
                                 "ListPendingHandovers", "GetAccountAudit", "GetCityTotals",
                                 "ListCycleWork"},
               idempotent=True, group_commit=GROUP_COMMIT)
READS, WRITES = API.reads, API.writes
