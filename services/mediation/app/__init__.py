"""The mediation service's application layer: one function per use case, run inside a unit of work.

``USE_CASES`` maps each gRPC method of ``cityplat.mediation.v1.Mediation`` to its function; both
entrypoints serve ``API`` (services.common.usecase.UseCases): every write takes an idempotency key, so a
retried call (an ``OpenCase`` whose answer was lost) gets the first answer and opens no second case. The
hotline import too: its orders are keyed row by row by the hotline's own numbers, which keeps a file sent
again from adding cases, but only the key gives a retry the first import's report (without it the retry
would report every order as a duplicate, and the importer would never learn which cases it opened).
"""
from services.common.usecase import UseCases
from services.mediation.app import cases, deliberation, figures, history, hotline

USE_CASES = {
    "ConfigureCategory": cases.configure_category,
    "ListCategories": cases.list_categories,
    "SetVotingRules": deliberation.set_voting_rules,
    "OpenCase": cases.open_case,
    "GetCase": cases.get_case_view,
    "ListCases": cases.list_cases,
    "ListMyCases": cases.list_my_cases,
    "GetCaseHistory": history.get_case_history,
    "GetCaseOutcomeAudit": history.get_case_outcome_audit,
    "AssignTeam": cases.assign_team,
    "GetWorkload": cases.workload,
    "RecordSession": cases.record_session,
    "ResolveCase": cases.resolve_case,
    "RateCase": cases.rate_case,
    "ReopenCase": cases.reopen_case,
    "EscalateByHand": cases.escalate_by_hand,
    "ImportHotlineOrders": hotline.import_orders,
    "ExportHotlineOutcomes": hotline.export_outcomes,
    "SetHotlineHeaders": hotline.set_headers,
    "ScheduleMeeting": deliberation.schedule_meeting,
    "ProposeMatter": deliberation.propose_matter,
    "RecordDeliberation": deliberation.record_deliberation,
    "RecordVote": deliberation.record_vote,
    "PublishDecision": deliberation.publish_decision,
    "CompleteAction": deliberation.complete_action,
    "PublishResult": deliberation.publish_result,
    "GetMatter": deliberation.get_matter,
    "GetFigures": figures.get_figures,
    "GetCityFigures": figures.get_city_figures,
}

READ_ONLY = {"ListCategories", "GetCase", "ListCases", "ListMyCases", "GetCaseHistory", "GetCaseOutcomeAudit",
             "GetWorkload", "ExportHotlineOutcomes", "GetMatter", "GetFigures", "GetCityFigures"}
API = UseCases(USE_CASES, reads=READ_ONLY, idempotent=True)
READS, WRITES = API.reads, API.writes
