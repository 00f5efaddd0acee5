#!/usr/bin/env python3
"""Record what botocore does on our own small models: the fidelity suites.

Usage: python3 scripts/botocore_fidelity.py [--check]

tests/fidelity/<topic>.json are hand-written suites in the AWS
protocol-test format (`metadata`, `shapes`, `cases` with `given` and
`params` or `response`), as `{"input": [suites], "output": [suites]}`, one
file per part of botocore's model format that CloudFront does not use. This script runs botocore 1.43.11
on every case and writes tests/data/fidelity/input.json and output.json with
botocore's answer filled in, in the fields the protocol harness reads:

* input cases get `serialized` (`method`, `uri` with the query string,
  `headers`, `body`) from botocore's rest-xml serializer, after the
  `before-parameter-build` handler every client runs for idempotency tokens
  (`generate_idempotent_uuid`, with uuid4 fixed to the token the harness
  injects, 00000000-0000-4000-8000-000000000000); header-bound members that
  botocore leaves out are listed in `forbidHeaders`;
* output cases get `result` (botocore's parse, timestamps as epoch
  seconds, `ResponseMetadata` left out), or for error responses
  `errorCode`, `errorMessage` and `error` (the modeled error's members, as
  botocore's endpoint adds them with a second parse); both kinds also get
  `requestId` and `hostId` (botocore's `ResponseMetadata` `RequestId` and
  S3's `HostId`) when botocore reports them, checked by
  tests/tests/request_ids.rs.

A case may carry `"ours": {"why": "...", <field>: <value>}` where we differ
from botocore on purpose: the listed fields replace botocore's, and
botocore's own values are kept beside them under `"botocore"`, so the
difference stays visible in the data. The output is deterministic;
`--check` writes nothing and fails if the committed files are stale.
"""
import copy
import datetime
import json
import pathlib
import sys
import uuid

from pinned_botocore import ROOT, ensure_botocore

SOURCES = ROOT / "tests" / "fidelity"
OUT = ROOT / "tests" / "data" / "fidelity"
TOKEN = "00000000-0000-4000-8000-000000000000"
HOST = "https://example.com"


def service_model(suite: dict, case: dict):
    from botocore.model import ServiceModel

    given = case["given"]
    model = {"metadata": suite["metadata"], "shapes": suite["shapes"], "operations": {given["name"]: given}}
    return ServiceModel(model, service_name="fidelity")


def serialized(suite: dict, case: dict) -> dict:
    from botocore import handlers, serialize
    from botocore.awsrequest import create_request_object, prepare_request_dict

    operation = service_model(suite, case).operation_model(case["given"]["name"])
    params = copy.deepcopy(case.get("params", {}))
    real_uuid4 = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(TOKEN)
    try:
        handlers.generate_idempotent_uuid(params, operation)
    finally:
        uuid.uuid4 = real_uuid4
    request = serialize.create_serializer("rest-xml", include_validation=True).serialize_to_request(params, operation)
    prepare_request_dict(request, endpoint_url=HOST)
    prepared = create_request_object(request).prepare()
    uri = prepared.url[len(HOST):] or "/"
    # User-Agent is botocore's own; Content-Length is the transport's (the
    # protocol suites leave both out too).
    headers = {k: v for k, v in prepared.headers.items() if k.lower() not in ("user-agent", "content-length")}
    body = prepared.body or b""
    result = {
        "method": prepared.method,
        "uri": uri,
        "headers": {k: v.decode() if isinstance(v, bytes) else v for k, v in sorted(headers.items())},
        "body": body.decode("utf-8") if isinstance(body, bytes) else body,
    }
    sent = {k.lower() for k in headers}
    forbidden = sorted(
        {
            member.serialization.get("name", name)
            for name, member in (operation.input_shape.members.items() if operation.input_shape else [])
            if member.serialization.get("location") == "header"
        }
        - {""}
    )
    forbidden = [h for h in forbidden if h.lower() not in sent]
    if forbidden:
        result["forbidHeaders"] = forbidden
    return result


def plain(value):
    """botocore's parsed values as JSON: timestamps as epoch seconds,
    bytes as text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        seconds = value.timestamp()
        return int(seconds) if seconds == int(seconds) else seconds
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def parsed(suite: dict, case: dict) -> dict:
    from botocore.awsrequest import HeadersDict
    from botocore.parsers import RestXMLParser

    model = service_model(suite, case)
    operation = model.operation_model(case["given"]["name"])
    raw = case["response"]
    response = {
        "status_code": raw["status_code"],
        "headers": HeadersDict(raw.get("headers", {})),
        "body": raw.get("body", "").encode("utf-8"),
    }
    parser = RestXMLParser()
    result = parser.parse(response, operation.output_shape)
    if raw["status_code"] < 300:
        return {"result": plain(result), **request_ids(result)}
    error = result.get("Error", {})
    answer = {"errorCode": error.get("Code", ""), "errorMessage": error.get("Message", "")}
    shape = model.shape_for_error_code(answer["errorCode"])
    if shape is not None:
        modeled = parser.parse(response, shape)
        answer["error"] = plain({k: v for k, v in modeled.items() if k != "Error"})
    return {**answer, **request_ids(result)}


def request_ids(parsed: dict) -> dict:
    """botocore's request id and S3 extended id (`ResponseMetadata`'s
    `RequestId` and `HostId`) as `requestId` and `hostId`, each only when
    botocore reports a non-empty one."""
    metadata = parsed.get("ResponseMetadata", {})
    ids = {"requestId": metadata.get("RequestId"), "hostId": metadata.get("HostId")}
    return {k: v for k, v in ids.items() if v}


def sources(kind: str) -> list:
    """Every topic's suites of `kind`, topics in file-name order."""
    suites = []
    for path in sorted(SOURCES.glob("*.json")):
        topic = json.loads(path.read_text())
        unknown = set(topic) - {"input", "output"}
        if unknown:
            raise SystemExit(f"error: {path.relative_to(ROOT)}: unknown keys {sorted(unknown)}")
        suites += topic.get(kind, [])
    return suites


def fill(kind: str) -> list:
    suites = sources(kind)
    for suite in suites:
        for case in suite["cases"]:
            botocore = {"serialized": serialized(suite, case)} if kind == "input" else parsed(suite, case)
            ours = case.pop("ours", None)
            case.update(botocore)
            if ours is not None:
                ours = dict(ours)
                why = ours.pop("why")
                case["botocore"] = {k: botocore.get(k) for k in ours}
                case["ours"] = {"why": why}
                case.update(ours)
    return suites


def main() -> None:
    ensure_botocore()
    check = "--check" in sys.argv[1:]
    stale = []
    for kind in ("input", "output"):
        text = json.dumps(fill(kind), indent=2, sort_keys=False) + "\n"
        path = OUT / f"{kind}.json"
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        raise SystemExit(f"stale: {', '.join(stale)}; run python3 scripts/botocore_fidelity.py")
    counts = {k: sum(len(s["cases"]) for s in sources(k)) for k in ("input", "output")}
    print(f"tests/data/fidelity: {counts['input']} input cases, {counts['output']} output cases"
          + (" (up to date)" if check else ""))


if __name__ == "__main__":
    main()
