#!/usr/bin/env python3
"""Generate botocore's expected HTTP requests for CloudFront UpdateStreamingDistribution.

Usage: python3 scripts/botocore_requests.py

Loads the vendored model (model/cloudfront/<api-version>/service-2.json), runs each case in CASES
through botocore 1.43.11's parameter validator and rest-xml serializer, and
writes the results to tests/data/update_streaming_distribution_requests.json.
If the importable botocore is not 1.43.11 it is installed with pip and the
script re-executes itself. The output is deterministic (byte-identical reruns).
"""
import json
from pathlib import Path

from pinned_botocore import VERSION, ensure_botocore, model_dir

ROOT = Path(__file__).resolve().parent.parent
MODEL = model_dir("cloudfront") / "service-2.json"
OUTPUT = ROOT / "tests" / "data" / "update_streaming_distribution_requests.json"
OPERATION = "UpdateStreamingDistribution"



def config(**overrides):
    """A minimal valid StreamingDistributionConfig, with members overridden or added."""
    cfg = {
        "CallerReference": "ref-1",
        "S3Origin": {
            "DomainName": "bucket.s3.amazonaws.com",
            "OriginAccessIdentity": "origin-access-identity/cloudfront/E1ABCDEF",
        },
        "Comment": "minimal",
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "Enabled": True,
    }
    cfg.update(overrides)
    return cfg


def case(name, description, cfg=None, dist_id="EDFDVBD6EXAMPLE", if_match=None, **extra):
    params = {}
    if dist_id is not None:
        params["Id"] = dist_id
    if if_match is not None:
        params["IfMatch"] = if_match
    params["StreamingDistributionConfig"] = config() if cfg is None else cfg
    params.update(extra)
    return {"name": name, "description": description, "params": params}


def without(d, key):
    return {k: v for k, v in d.items() if k != key}


FULL = config(
    CallerReference="2024-01-01T00:00:00Z",
    Comment="fully populated",
    Aliases={"Quantity": 3, "Items": ["a.example.com", "b.example.com", "c.example.com"]},
    Logging={"Enabled": True, "Bucket": "logs.s3.amazonaws.com", "Prefix": "rtmp/"},
    TrustedSigners={"Enabled": True, "Quantity": 2, "Items": ["self", "123456789012"]},
    PriceClass="PriceClass_All",
)

CASES = [
    case("minimal", "Only required members: Id plus the required config members"),
    case("full", "Every member populated: 3 aliases, logging, trusted signers, price class, If-Match",
         cfg=FULL, if_match="E2QWRUHAPOMQZL"),
    *[case(f"price_class_{pc.lower()}", f"PriceClass {pc}", cfg=config(PriceClass=pc))
      for pc in ["PriceClass_100", "PriceClass_200", "PriceClass_All", "None"]],
    case("enabled_false", "Enabled false", cfg=config(Enabled=False)),
    case("aliases_empty_items", "Aliases with Quantity 0 and an empty Items list",
         cfg=config(Aliases={"Quantity": 0, "Items": []})),
    case("aliases_quantity_only", "Aliases with Quantity but no Items member",
         cfg=config(Aliases={"Quantity": 0})),
    case("aliases_one_item", "Aliases with a single CNAME",
         cfg=config(Aliases={"Quantity": 1, "Items": ["cdn.example.com"]})),
    case("logging_disabled_empty_strings", "Logging disabled with empty Bucket and Prefix",
         cfg=config(Logging={"Enabled": False, "Bucket": "", "Prefix": ""})),
    case("xml_special_chars", "& < > \" ' in Comment and CallerReference",
         cfg=config(Comment="a & b < c > d \" e ' f", CallerReference="&<>\"'")),
    case("xml_cdata_and_comment_text", "]]>, <![CDATA[x]]> and <!-- x --> as text",
         cfg=config(Comment="]]> <![CDATA[x]]> <!-- x -->", CallerReference="]]>")),
    case("non_ascii_text", "Non-BMP (🚀 𝄞) and other non-ASCII (é 中文 Ω) text",
         cfg=config(Comment="rocket 🚀 clef 𝄞 café 中文 Ω", CallerReference="é中🚀")),
    case("whitespace_comment", "Leading/trailing spaces, a tab and a newline inside Comment",
         cfg=config(Comment="  leading\tand\nnewline trailing  ")),
    case("empty_comment", "Empty-string Comment", cfg=config(Comment="")),
    case("long_comment", "A 5000-character Comment", cfg=config(Comment="0123456789" * 500)),
    *[case(f"id_{name}", f"Awkward Id {dist_id!r} in the URI path", dist_id=dist_id)
      for name, dist_id in [
          ("slash", "a/b"),
          ("dot_dot", "../x"),
          ("percent", "100%"),
          ("space", "with space"),
          ("non_ascii", "é中🚀"),
          ("reserved_chars", "a+b=c&d?e#f"),
          ("unreserved_chars", "~tilde_-."),
          ("already_encoded", "%2F"),
      ]],
    case("if_match_etag", "Plain ETag If-Match", if_match="E2QWRUHAPOMQZL"),
    case("if_match_weak_etag", "Weak ETag with quotes in If-Match", if_match='W/"abc"'),
    case("if_match_spaces_punctuation", "If-Match with inner spaces, quotes and punctuation",
         if_match='"a b" , c;d=e!*()'),
    case("trusted_signers_large_quantity", "Quantity 2147483647 not matching len(Items)",
         cfg=config(TrustedSigners={"Enabled": True, "Quantity": 2147483647, "Items": ["self"]},
                    Aliases={"Quantity": 2147483647, "Items": []})),
    case("invalid_missing_id", "Validator rejects a missing Id", dist_id=None),
    case("invalid_missing_comment", "Validator rejects a config without Comment",
         cfg=without(config(), "Comment")),
    case("invalid_missing_domain_name", "Validator rejects an S3Origin without DomainName",
         cfg=config(S3Origin={"OriginAccessIdentity": ""})),
    case("invalid_enabled_string", "Validator rejects Enabled given as the string \"yes\"",
         cfg=config(Enabled="yes")),
    case("invalid_quantity_string", "Validator rejects Aliases.Quantity given as a string",
         cfg=config(Aliases={"Quantity": "1", "Items": ["a.example.com"]})),
    case("invalid_unknown_member", "Validator rejects an unknown top-level parameter",
         Unknown="x"),
]


def in_model_order(value, shape):
    """Reorder struct members into model order: botocore emits XML children in dict order."""
    if shape.type_name == "structure" and isinstance(value, dict):
        known = {k: in_model_order(value[k], m) for k, m in shape.members.items() if k in value}
        return {**known, **{k: v for k, v in value.items() if k not in shape.members}}
    if shape.type_name == "list" and isinstance(value, list):
        return [in_model_order(v, shape.member) for v in value]
    return value


def expected(params, op):
    from botocore.serialize import create_serializer
    from botocore.validate import ParamValidator

    report = ParamValidator().validate(params, op.input_shape)
    if report.has_errors():
        return {"error": report.generate_report()}
    req = create_serializer("rest-xml", include_validation=False).serialize_to_request(params, op)
    body = req.get("body") or b""
    return {
        "method": req["method"],
        "path": req["url_path"],
        "query": dict(req["query_string"]),
        "headers": {k: str(v) for k, v in req["headers"].items()},
        "body": body.decode("utf-8") if isinstance(body, bytes) else body,
    }


def main():
    ensure_botocore()
    from botocore.model import ServiceModel

    with MODEL.open(encoding="utf-8") as f:
        op = ServiceModel(json.load(f), service_name="cloudfront").operation_model(OPERATION)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    cases = []
    for c in CASES:
        params = in_model_order(c["params"], op.input_shape)
        cases.append({**c, "params": params, "expected": expected(params, op)})
    out = {
        "generated_by": "python3 scripts/botocore_requests.py",
        "botocore_version": VERSION,
        "operation": OPERATION,
        "cases": cases,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
