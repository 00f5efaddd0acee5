#!/usr/bin/env python3
"""An independent count of what changed between two botocore model folders.

Usage: python3 scripts/model_diff_counts.py OLD NEW [SERVICE...]

OLD and NEW hold <service>/<api-version>/ folders (service-2.json and,
when present, paginators-1.json, waiters-2.json, endpoint-rule-set-1.json),
as model/ and model/history/<version>/ do. Prints, as JSON, per service, how
many changes of each kind `restxml-codegen diff` reports, counted here
straight from the JSON files with nothing but the json module, so that
codegen/tests/model_diff.rs can check the Rust engine against it:

    python3 scripts/model_diff_counts.py model/history/1.35.0 model cloudfront route53 \\
        > codegen/tests/data/model_diff_counts.json

Kinds (as in the report): operations, shapes and structure members added
or removed (members only of shapes both have); became_required /
became_optional; type (an operation's input or output shape, a shape's kind
with string and enum apart, a member's or list/map element's type, where a
type is a structure's or enum's name, Vec<..> or Map<..>, or a scalar
kind); location (member's own or its target shape's, else "body");
wire_name (member's or target's locationName, else the member name; for
list and map elements "member", "key", "value"); enum values; operation
errors; http (method, request URI, response code with 200 by default);
paginators and waiters added, removed or changed; endpoint parameters
added or removed, endpoint rules changed; documentation (of the service, an operation, a shape, a
member, an endpoint parameter, and a waiter's description when nothing
else of the waiter changed). Not counted here: `traits` (other keys of
an operation, shape or member) and endpoint_parameter_changed.
"""
import json
import pathlib
import sys


def load(path: pathlib.Path, default):
    return json.loads(path.read_text()) if path.exists() else default


def newest(root: pathlib.Path, service: str) -> pathlib.Path:
    versions = sorted(p for p in (root / service).iterdir() if (p / "service-2.json").is_file())
    return versions[-1]


def files(folder: pathlib.Path) -> dict:
    return {
        "model": load(folder / "service-2.json", None),
        "pagination": load(folder / "paginators-1.json", {"pagination": {}})["pagination"],
        "waiters": load(folder / "waiters-2.json", {"waiters": {}})["waiters"],
        "rule_set": load(folder / "endpoint-rule-set-1.json", {}),
    }


def kind(shape: dict) -> str:
    if shape["type"] == "string" and "enum" in shape:
        return "enum"
    return shape["type"]


def type_of(shapes: dict, name: str) -> str:
    shape = shapes[name]
    k = kind(shape)
    if k in ("structure", "enum"):
        return "named:" + name
    if k == "list":
        return "Vec<" + type_of(shapes, shape["member"]["shape"]) + ">"
    if k == "map":
        return "Map<" + type_of(shapes, shape["key"]["shape"]) + "," + type_of(shapes, shape["value"]["shape"]) + ">"
    return k


def trait(shapes: dict, ref: dict, key: str):
    """A member's trait, else its target shape's (botocore merges them)."""
    if key in ref:
        return ref[key]
    return shapes[ref["shape"]].get(key)


def count(old: dict, new: dict) -> dict:
    counts = {}

    def add(k: str, n: int = 1) -> None:
        if n:
            counts[k] = counts.get(k, 0) + n

    om, nm = old["model"], new["model"]
    add("documentation", om.get("documentation") != nm.get("documentation"))
    oops, nops = om.get("operations", {}), nm.get("operations", {})
    add("operation_added", len(nops.keys() - oops.keys()))
    add("operation_removed", len(oops.keys() - nops.keys()))
    for name in oops.keys() & nops.keys():
        o, n = oops[name], nops[name]
        add("documentation", o.get("documentation") != n.get("documentation"))
        for io in ("input", "output"):
            add("type", (o.get(io) or {}).get("shape") != (n.get(io) or {}).get("shape"))
        oe = {e["shape"] for e in o.get("errors", [])}
        ne = {e["shape"] for e in n.get("errors", [])}
        add("error_added", len(ne - oe))
        add("error_removed", len(oe - ne))
        oh, nh = o["http"], n["http"]
        add("http", (oh["method"], oh["requestUri"], oh.get("responseCode", 200))
            != (nh["method"], nh["requestUri"], nh.get("responseCode", 200)))
    osh, nsh = om["shapes"], nm["shapes"]
    add("shape_added", len(nsh.keys() - osh.keys()))
    add("shape_removed", len(osh.keys() - nsh.keys()))
    for name in osh.keys() & nsh.keys():
        o, n = osh[name], nsh[name]
        add("documentation", o.get("documentation") != n.get("documentation"))
        add("type", kind(o) != kind(n))
        if "enum" in o and "enum" in n:
            add("enum_value_added", len(set(n["enum"]) - set(o["enum"])))
            add("enum_value_removed", len(set(o["enum"]) - set(n["enum"])))
        for part in ("member", "key", "value"):
            if part in o and part in n:
                add("type", type_of(osh, o[part]["shape"]) != type_of(nsh, n[part]["shape"]))
                add("wire_name", (trait(osh, o[part], "locationName") or part)
                    != (trait(nsh, n[part], "locationName") or part))
        if "members" not in o or "members" not in n:
            continue
        om_, nm_ = o["members"], n["members"]
        add("member_added", len(nm_.keys() - om_.keys()))
        add("member_removed", len(om_.keys() - nm_.keys()))
        oreq, nreq = set(o.get("required", [])), set(n.get("required", []))
        for member in om_.keys() & nm_.keys():
            a, b = om_[member], nm_[member]
            add("documentation", a.get("documentation") != b.get("documentation"))
            add("became_required", member not in oreq and member in nreq)
            add("became_optional", member in oreq and member not in nreq)
            add("type", type_of(osh, a["shape"]) != type_of(nsh, b["shape"]))
            add("location", (trait(osh, a, "location") or "body") != (trait(nsh, b, "location") or "body"))
            add("wire_name", (trait(osh, a, "locationName") or member) != (trait(nsh, b, "locationName") or member))
    op, np_ = old["pagination"], new["pagination"]
    add("paginator_added", len(np_.keys() - op.keys()))
    add("paginator_removed", len(op.keys() - np_.keys()))
    add("paginator_changed", sum(op[k] != np_[k] for k in op.keys() & np_.keys()))
    ow, nw = old["waiters"], new["waiters"]
    add("waiter_added", len(nw.keys() - ow.keys()))
    add("waiter_removed", len(ow.keys() - nw.keys()))
    for name in ow.keys() & nw.keys():
        a, b = ow[name], nw[name]
        same = [a.get(k) for k in ("operation", "delay", "maxAttempts", "acceptors")] == \
               [b.get(k) for k in ("operation", "delay", "maxAttempts", "acceptors")]
        add("waiter_changed", not same)
        add("documentation", same and a.get("description") != b.get("description"))
    opar, npar = old["rule_set"].get("parameters", {}), new["rule_set"].get("parameters", {})
    add("endpoint_rules_changed", old["rule_set"].get("rules", []) != new["rule_set"].get("rules", []))
    add("endpoint_parameter_added", len(npar.keys() - opar.keys()))
    add("endpoint_parameter_removed", len(opar.keys() - npar.keys()))
    for name in opar.keys() & npar.keys():
        add("documentation", opar[name].get("documentation") != npar[name].get("documentation"))
    return dict(sorted(counts.items()))


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old_root, new_root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    services = sys.argv[3:] or sorted(p.name for p in new_root.iterdir()
                                      if p.is_dir() and any((v / "service-2.json").is_file() for v in p.iterdir()
                                                            if v.is_dir()))
    result = {}
    for service in services:
        old_dir, new_dir = newest(old_root, service), newest(new_root, service)
        result[service] = {
            "old_api_version": old_dir.name,
            "new_api_version": new_dir.name,
            "counts": count(files(old_dir), files(new_dir)),
        }
    print(json.dumps(result, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
