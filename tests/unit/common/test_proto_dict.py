"""Protobuf messages to parameter dicts and back: maps, repeated messages, bytes."""
from __future__ import annotations

import pytest
from cityplat.registry.v1 import registry_pb2 as pb
from google.protobuf.json_format import ParseError

from services.common.proto_dict import to_message, to_params


def test_only_set_fields_are_passed():
    assert to_params(pb.ListOrganisationsRequest()) == {}
    assert to_params(pb.ListOrganisationsRequest(kind="branch")) == {"kind": "branch"}
    # proto3 scalars at their default value are "not set": the use case's default applies
    assert to_params(pb.ListOrganisationsRequest(kind="branch", include_dissolved=False)) == {"kind": "branch"}


def test_a_map_becomes_a_dict_and_round_trips():
    msg = pb.SubmitInspectionRequest(organisation_id="o1", year=2026, quarter=2,
                                     items={"political_study": 18.5, "records": 8})
    params = to_params(msg)
    assert params == {"organisation_id": "o1", "year": 2026, "quarter": 2,
                      "items": {"political_study": 18.5, "records": 8.0}}
    assert isinstance(params["items"], dict)
    assert to_message(params, pb.SubmitInspectionRequest) == msg


def test_repeated_messages_become_lists_of_dicts_and_round_trip():
    msg = pb.HoldElectionRequest(organisation_id="o1", held_on="2026-06-01",
                                 elected=[pb.Elected(person_id="p1", title="secretary"),
                                          pb.Elected(person_id="p2", title="committee_member")])
    params = to_params(msg)
    assert params["elected"] == [{"person_id": "p1", "title": "secretary"},
                                 {"person_id": "p2", "title": "committee_member"}]
    assert to_message(params, pb.HoldElectionRequest) == msg


def test_nested_repeated_scalars_inside_repeated_messages():
    msg = pb.SplitOrganisationRequest(id="o1", parts=[pb.SplitPart(name="A", person_ids=["p1", "p2"]),
                                                      pb.SplitPart(name="B", child_ids=["c1"])])
    params = to_params(msg)
    assert params["parts"] == [{"name": "A", "person_ids": ["p1", "p2"]}, {"name": "B", "child_ids": ["c1"]}]
    assert isinstance(params["parts"][0]["person_ids"], list)
    assert to_message(params, pb.SplitOrganisationRequest) == msg


def test_repeated_scalars_become_lists():
    msg = pb.RegisterInServiceRequest(person_id="p", volunteer_projects=["水电维修", "理论宣讲"])
    assert to_params(msg)["volunteer_projects"] == ["水电维修", "理论宣讲"]


def test_bytes_stay_bytes():
    content = "code,level,name\n310101,district,示范区\n".encode()
    params = to_params(pb.ImportRecordsRequest(kind="divisions", format="csv", content=content, dry_run=True))
    assert params == {"kind": "divisions", "format": "csv", "content": content, "dry_run": True}
    assert isinstance(params["content"], bytes)


@pytest.mark.parametrize("content", [b"code,level,name\n310101,district,D\n", b"\x00\xff\x10binary"])
def test_bytes_round_trip(content):
    """A dict holding bytes (as to_params produces it) must turn back into the same message."""
    msg = pb.ImportRecordsRequest(kind="divisions", format="csv", content=content)
    assert to_message(to_params(msg), pb.ImportRecordsRequest).content == content


def test_responses_are_parsed_strictly():
    with pytest.raises(ParseError):
        to_message({"code": "310101", "colour": "red"}, pb.Division)


def test_a_use_case_result_becomes_its_response_message():
    result = {"items": [{"code": "310101", "level": "district", "name": "D", "district": "310101"}]}
    msg = to_message(result, pb.DivisionList)
    assert msg.items[0].code == "310101" and msg.items[0].parent_code == ""
