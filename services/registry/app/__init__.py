"""The registry's application layer: one function per use case, run inside a unit of work.

``USE_CASES`` maps each gRPC method of ``cityplat.registry.v1.Registry`` to its function;
``API`` declares which only read; both entrypoints (gRPC servicer and nameko worker) serve it
(services.common.usecase.UseCases), so they cannot drift.
"""
from services.common.usecase import UseCases
from services.registry.app import followups, organisations, people, ratings, records, rollout, territory

USE_CASES = {
    "CreateDivision": territory.create_division,
    "GetDivision": territory.get_division,
    "ListChildren": territory.list_children,
    "ListAncestors": territory.list_ancestors,
    "ListSubtree": territory.list_subtree,
    "RenameDivision": territory.rename_division,
    "RetireDivision": territory.retire_division,
    "GetDivisionHistory": territory.get_division_history,
    "FoundOrganisation": organisations.found_organisation,
    "GetOrganisation": organisations.get_organisation,
    "ListOrganisations": organisations.list_organisations,
    "ListOrganisationTree": organisations.list_organisation_tree,
    "RenameOrganisation": organisations.rename_organisation,
    "MoveOrganisation": organisations.move_organisation,
    "DissolveOrganisation": organisations.dissolve_organisation,
    "MergeOrganisations": organisations.merge_organisations,
    "SplitOrganisation": organisations.split_organisation,
    "GetNameHistory": organisations.get_name_history,
    "PairDepartment": organisations.pair_department,
    "ListPairings": organisations.list_pairings,
    "EndPairing": organisations.end_pairing,
    "RegisterPerson": people.register_person,
    "GetPerson": people.get_person,
    "ListPeople": people.list_people,
    "JoinOrganisation": people.join_organisation,
    "EndMembership": people.end_membership,
    "ListMemberships": people.list_memberships,
    "AppointPost": people.appoint_post,
    "EndPost": people.end_post,
    "HoldElection": people.hold_election,
    "HoldByElection": people.hold_by_election,
    "ListPosts": people.list_posts,
    "ListTermsEnding": people.list_terms_ending,
    "AddReserveCadre": people.add_reserve_cadre,
    "RemoveReserveCadre": people.remove_reserve_cadre,
    "GetReserveStatus": people.get_reserve_status,
    "ListReserveShortfalls": people.list_reserve_shortfalls,
    "RegisterInService": people.register_in_service,
    "RecordVolunteerService": people.record_volunteer_service,
    "GetEmployerFeedback": people.get_employer_feedback,
    "ListInServiceMembers": people.list_in_service_members,
    "RegisterFloatingMember": people.register_floating_member,
    "RecordFloatingReport": people.record_floating_report,
    "EndFloating": people.end_floating,
    "ListOverdueFloatingReports": people.list_overdue_floating_reports,
    "SubmitInspection": ratings.submit_inspection,
    "ListRatings": ratings.list_ratings,
    "DispatchFirstSecretary": ratings.dispatch_first_secretary,
    "CloseRectification": ratings.close_rectification,
    "GetHonoursEligibility": ratings.get_honours_eligibility,
    "ListWeakBranches": ratings.list_weak_branches,
    "ListFlaggedSecretaries": ratings.list_flagged_secretaries,
    "GetRatingAudit": ratings.get_rating_audit,
    "ListFollowUps": followups.list_follow_ups,
    "AssignRing": rollout.assign_ring,
    "SetFeatureStage": rollout.set_feature_stage,
    "GetRollout": rollout.get_rollout,
    "ImportRecords": records.import_records,
}

API = UseCases(USE_CASES, reads={name for name in USE_CASES if name.startswith(("Get", "List"))})
READS, WRITES = API.reads, API.writes
