"""Organisations (组织) and what may sit under what.

The tree is the party organisation tree of a sub-district, often "1+3+N": one committee, three
standing branches, N functional groups. Partner work units (共驻共建单位) and social
organisations (社会组织) stand beside the tree, attached to a community.
"""
from __future__ import annotations

from services.common.divisions import within
from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import text


class Kind:
    WORKING_COMMITTEE = "working_committee"          # 街道党工委
    COMMUNITY_COMMITTEE = "community_committee"      # 社区党委
    GENERAL_BRANCH = "general_branch"                # 党总支
    BRANCH = "branch"                                # 党支部
    PARTY_GROUP = "party_group"                      # 党小组
    GRID_BRANCH = "grid_branch"                      # 网格党支部
    FUNCTIONAL_GROUP = "functional_group"            # 功能型党小组
    RESIDENTS_COMMITTEE = "residents_committee"      # 居委会
    NEW_ORG_BRANCH = "new_org_branch"                # "两新"组织党支部
    ORGAN_BRANCH = "organ_branch"                    # 机关党支部
    PARTNER_UNIT = "partner_unit"                    # 共驻共建单位
    SOCIAL_ORGANISATION = "social_organisation"      # 社会组织


class PartnerKind:
    ORGAN = "party_government_organ"      # 党政机构
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    STATE_OWNED = "state_owned_enterprise"     # 公有制企业
    PRIVATE = "private_enterprise"             # 非公有制企业
    ALL = (ORGAN, PUBLIC_INSTITUTION, STATE_OWNED, PRIVATE)


#: which parent kinds each kind may sit under (an empty tuple: it is a root)
ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    Kind.WORKING_COMMITTEE: (),
    Kind.COMMUNITY_COMMITTEE: (Kind.WORKING_COMMITTEE,),
    Kind.GENERAL_BRANCH: (Kind.COMMUNITY_COMMITTEE, Kind.WORKING_COMMITTEE),
    Kind.BRANCH: (Kind.COMMUNITY_COMMITTEE, Kind.GENERAL_BRANCH, Kind.WORKING_COMMITTEE),
    Kind.GRID_BRANCH: (Kind.COMMUNITY_COMMITTEE, Kind.GENERAL_BRANCH),
    Kind.PARTY_GROUP: (Kind.BRANCH, Kind.GRID_BRANCH, Kind.NEW_ORG_BRANCH, Kind.ORGAN_BRANCH),
    Kind.FUNCTIONAL_GROUP: (Kind.COMMUNITY_COMMITTEE, Kind.GENERAL_BRANCH, Kind.BRANCH),
    Kind.RESIDENTS_COMMITTEE: (Kind.COMMUNITY_COMMITTEE,),
    Kind.NEW_ORG_BRANCH: (Kind.COMMUNITY_COMMITTEE, Kind.WORKING_COMMITTEE, Kind.GENERAL_BRANCH),
    Kind.ORGAN_BRANCH: (Kind.WORKING_COMMITTEE,),
    Kind.PARTNER_UNIT: (),
    Kind.SOCIAL_ORGANISATION: (),
}

#: the division level each kind is attached to
DIVISION_LEVEL: dict[str, tuple[str, ...]] = {
    Kind.WORKING_COMMITTEE: ("subdistrict",),
    Kind.COMMUNITY_COMMITTEE: ("community",),
    Kind.GENERAL_BRANCH: ("community", "subdistrict"),
    Kind.BRANCH: ("community", "subdistrict"),
    Kind.GRID_BRANCH: ("grid",),
    Kind.PARTY_GROUP: ("community", "grid", "subdistrict"),
    Kind.FUNCTIONAL_GROUP: ("community", "grid"),
    Kind.RESIDENTS_COMMITTEE: ("community",),
    Kind.NEW_ORG_BRANCH: ("community", "subdistrict"),
    Kind.ORGAN_BRANCH: ("subdistrict",),
    Kind.PARTNER_UNIT: ("community", "subdistrict", "district"),
    Kind.SOCIAL_ORGANISATION: ("community", "subdistrict"),
}

KINDS = tuple(ALLOWED_PARENTS)
#: kinds that are rated by stars and can be listed for rectification
BRANCH_KINDS = (Kind.BRANCH, Kind.GRID_BRANCH, Kind.GENERAL_BRANCH, Kind.NEW_ORG_BRANCH, Kind.ORGAN_BRANCH,
                Kind.COMMUNITY_COMMITTEE)
#: kinds whose members hold their party membership there (one at a time per person)
PARTY_UNIT_KINDS = (Kind.BRANCH, Kind.GRID_BRANCH, Kind.GENERAL_BRANCH, Kind.NEW_ORG_BRANCH,
                    Kind.ORGAN_BRANCH, Kind.COMMUNITY_COMMITTEE)

#: the party organisations (党组织): everything but the residents' committee and the units beside the tree.
#: Their posts are held by their members (services.registry.domain.people.check_post_holder)
PARTY_KINDS = tuple(k for k in KINDS if k not in (Kind.RESIDENTS_COMMITTEE, Kind.PARTNER_UNIT,
                                                  Kind.SOCIAL_ORGANISATION))


def check_kind(kind: str, partner_kind: str | None = None) -> None:
    if kind not in ALLOWED_PARENTS:
        raise InvalidArgument(f"unknown kind {kind!r}; one of {', '.join(KINDS)}", "kind")
    if kind == Kind.PARTNER_UNIT:
        if partner_kind not in PartnerKind.ALL:
            raise InvalidArgument(f"a partner unit needs one of {', '.join(PartnerKind.ALL)}", "partner_kind")
    elif partner_kind:
        raise InvalidArgument("only partner units have a partner kind", "partner_kind")


def check_placement(kind: str, division_level: str, division_code: str,
                    parent_kind: str | None, parent_division: str | None, parent_active: bool = True) -> None:
    """May an organisation of ``kind`` at ``division_code`` sit under the given parent?"""
    if division_level not in DIVISION_LEVEL[kind]:
        raise InvalidArgument(
            f"a {kind} is attached to a {' or '.join(DIVISION_LEVEL[kind])}, not a {division_level}",
            "division_code")
    allowed = ALLOWED_PARENTS[kind]
    if parent_kind is None:
        if allowed:
            raise InvalidArgument(f"a {kind} must sit under one of {', '.join(allowed)}", "parent_id")
        return
    if not allowed:
        raise InvalidArgument(f"a {kind} has no parent organisation", "parent_id")
    if parent_kind not in allowed:
        raise InvalidArgument(f"a {kind} cannot sit under a {parent_kind}; allowed: {', '.join(allowed)}",
                              "parent_id")
    if not parent_active:
        raise FailedPrecondition("the parent organisation is dissolved", "parent_id")
    if parent_division and not within(division_code, parent_division):
        raise InvalidArgument(f"{division_code} lies outside the parent's division {parent_division}",
                              "division_code")


def check_no_cycle(org_id: str, new_parent_id: str | None, ancestors_of_new_parent: list[str]) -> None:
    """Moving ``org_id`` under ``new_parent_id`` must not make it its own ancestor."""
    if new_parent_id is None:
        return
    if new_parent_id == org_id or org_id in ancestors_of_new_parent:
        raise InvalidArgument("would create a cycle: the new parent lies inside this organisation's subtree",
                              "parent_id")


def check_name(name: str | None, field: str = "name") -> str:
    """An organisation's name: required, at most 200 characters (read by the one text validator)."""
    return text(name, field, 200, required=True)


def check_merge(source_id: str, target_id: str, source_kind: str, target_kind: str,
                source_active: bool, target_active: bool) -> None:
    if source_id == target_id:
        raise InvalidArgument("cannot merge an organisation into itself", "target_id")
    if not (source_active and target_active):
        raise FailedPrecondition("both organisations must be active", "source_id" if not source_active else "target_id")
    if source_kind != target_kind:
        raise InvalidArgument(f"can only merge organisations of one kind ({source_kind} ≠ {target_kind})",
                              "target_id")
