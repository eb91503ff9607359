"""The field constraints declared in the .proto files, and the edge check that reads them."""
from __future__ import annotations

import importlib

import pytest
from buf.validate import validate_pb2
from google.protobuf.descriptor import FieldDescriptor

from services.common import proto_rules
from services.common.errors import InvalidArgument
from cityplat.mediation.v1 import mediation_pb2 as med
from cityplat.points.v1 import points_pb2 as pts
from cityplat.registry.v1 import registry_pb2 as reg

SERVICES = {"registry": "Registry", "points": "Points", "mediation": "Mediation"}


def _service_descriptors():
    for service, name in SERVICES.items():
        pb = importlib.import_module(f"cityplat.{service}.v1.{service}_pb2")
        yield pb, pb.DESCRIPTOR.services_by_name[name]


def _request_types():
    """Every request message of every RPC, and the messages they hold, once each."""
    seen, out = set(), []

    def visit(descriptor):
        if descriptor.full_name in seen or descriptor.GetOptions().map_entry:
            return
        seen.add(descriptor.full_name)
        out.append(descriptor)
        for field in descriptor.fields:
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                visit(field.message_type)

    for _, service in _service_descriptors():
        for method in service.methods:
            visit(method.input_type)
    return out


def test_a_nested_violation_is_named_by_its_path():
    request = reg.SplitOrganisationRequest(id="a" * 32, parts=[reg.SplitPart(name="东湖一支部"),
                                                                reg.SplitPart(name="bell\x07")])
    assert [path for path, _ in proto_rules.violations(request)] == ["parts[1].name"]
    with pytest.raises(InvalidArgument) as caught:
        proto_rules.check(request)
    assert caught.value.field == "parts[1].name"
    assert str(caught.value).startswith("parts[1].name: ")


def test_message_fields_map_values_and_keys_are_named_where_they_stand():
    rules = pts.SetCycleRulesRequest(cycle_id="c" * 32, idempotency_key="k",
                                     thresholds=pts.Thresholds(excellent=float("nan"), qualified=70,
                                                               basically_qualified=60))
    assert proto_rules.violations(rules)[0][0] == "thresholds.excellent"
    sheet = {"political_study": 18, "organisational_life": 18, "team_building": 12, "member_management": 12,
             "service_to_residents": 18, "records": 8}
    inspection = reg.SubmitInspectionRequest(organisation_id="o" * 32, year=2026, quarter=2,
                                             items={**sheet, "records": 1e308})
    assert [p for p, _ in proto_rules.violations(inspection)] == ["items.records"]   # as the service says it
    unknown = reg.SubmitInspectionRequest(organisation_id="o" * 32, year=2026, quarter=2,
                                          items={**sheet, "bribes": 1, "a b": 1})
    assert {(path, reason.split()[0]) for path, reason in proto_rules.violations(unknown)} == \
        {("items.bribes", "key"), ('items["a b"]', "key")}   # a key that is no identifier is quoted


def test_a_valid_request_passes_and_blank_optional_fields_are_not_checked():
    proto_rules.check(med.OpenCaseRequest(
        channel="walk_in", category="neighbour_noise", community=" 310101002001 ", grid="310101002001-G01",
        summary="楼上装修噪音\n夜间", parties=[med.Party(name="张三", phone="139-1234 0001")],
        idempotency_key="k"))
    proto_rules.check(pts.LeaderboardRequest(community="310101002001"))   # limit 0: the default applies
    proto_rules.check(reg.GetRolloutRequest())
    proto_rules.check(med.Party(name="王五", phone=" - "))    # no phone at all
    proto_rules.check(pts.EarnRequest(account=pts.AccountRef(kind="resident", owner="r1", community="gone"),
                                      action_type="checkin", idempotency_key="k"))   # an existing account's: ignored


@pytest.mark.parametrize("request_, path", [
    (reg.DivisionRef(code="310100"), "code"),                    # the city's own code, not a district
    (reg.DivisionRef(code="310101000"), "code"),                 # a sub-district's last digits are not 000
    (reg.CreateDivisionRequest(code="310101002001-G01", level="street", name="x"), "level"),
    (reg.RegisterPersonRequest(name="李四", phone="139-123"), "phone"),     # 6 digits: 7 at least
    (reg.ListTermsEndingRequest(within_days=-1), "within_days"),
    (pts.EarnRequest(account=pts.AccountRef(kind="resident", owner="o" * 65), action_type="checkin",
                     idempotency_key="k"), "account.owner"),
    (pts.OpenAccountRequest(account=pts.AccountRef(kind="resident", owner="o"), idempotency_key="tab\tkey"),
     "idempotency_key"),
    (pts.RedeemRequest(account_id="a", item_id="i", quantity=101, idempotency_key="k"), "quantity"),
    (med.AssignTeamRequest(case_id="c", judge_id="j", mediator_id="m", volunteer_ids=["v", "v"]),
     "volunteer_ids"),
    (med.RecordSessionRequest(case_id="c", notes="n", attendance=["王五", ""]), "attendance[1]"),
    (med.SetVotingRulesRequest(quorum=float("inf"), majority=0.5), "quorum"),
])
def test_each_kind_of_constraint_refuses_naming_the_field(request_, path):
    assert proto_rules.violations(request_)[0][0] == path


def test_every_request_field_declares_its_constraints():
    """A new request field (a flag aside) cannot be added without saying what it accepts."""
    bare = [f"{d.full_name}.{f.name}" for d in _request_types() for f in d.fields
            if f.type != FieldDescriptor.TYPE_BOOL and f.type != FieldDescriptor.TYPE_MESSAGE
            and not f.GetOptions().HasExtension(validate_pb2.field)]
    assert bare == []


def test_every_request_type_compiles():
    for descriptor in _request_types():
        cls = getattr(importlib.import_module(descriptor.file.name.replace("/", ".")[:-len(".proto")] + "_pb2"),
                      descriptor.name)
        proto_rules.violations(cls())   # a CompilationError (a malformed rule) would raise here


def _patterns(rules) -> list[str]:
    """The patterns of a FieldRules, with those of its repeated items and map keys and values."""
    found = [rules.string.pattern] if rules.HasField("string") and rules.string.HasField("pattern") else []
    if rules.HasField("repeated") and rules.repeated.HasField("items"):
        found += _patterns(rules.repeated.items)
    if rules.HasField("map"):
        for part in ("keys", "values"):
            if rules.map.HasField(part):
                found += _patterns(getattr(rules.map, part))
    return found


def test_every_declared_pattern_has_a_reason_a_person_can_read():
    declared = {p for d in _request_types() for f in d.fields if f.GetOptions().HasExtension(validate_pb2.field)
                for p in _patterns(f.GetOptions().Extensions[validate_pb2.field])}
    assert declared and declared <= set(proto_rules.PATTERN_REASONS), sorted(declared - set(proto_rules.PATTERN_REASONS))


def test_reasons_read_as_the_services_say_them():
    assert proto_rules.violations(reg.DivisionRef()) == [("code", "is required")]
    (path, reason), = proto_rules.violations(reg.CreateDivisionRequest(code="31010100X", level="subdistrict", name="x"))
    assert path == "code" and "9 digits" in reason


def test_a_caller_without_a_valid_token_hears_unauthenticated_first():
    from services.common.errors import Unauthenticated

    calls = []

    def authenticate():
        calls.append(1)
        raise Unauthenticated("missing bearer token", "authorization")

    with pytest.raises(Unauthenticated):
        proto_rules.check(reg.DivisionRef(), authenticate=authenticate)
    proto_rules.check(reg.DivisionRef(code="310101"), authenticate=authenticate)   # valid: not called
    assert calls == [1]
