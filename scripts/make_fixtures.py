"""Generates the response fixtures in tests/data/fixtures/ from botocore's
models, and checks every one with botocore's own rest-xml parser.

Usage:

    python3 scripts/make_fixtures.py           # (re)write tests/data/fixtures/
    python3 scripts/make_fixtures.py --check   # write nothing; fail if a committed file differs

The bodies are model-driven: element names, order, list wrappers and list
member names, flattened lists and the namespace come from the service model
(the vendored model/<service>/<version>/service-2.json, else model/service-2.json
for CloudFront, else the pinned botocore's own copy), and every value is
checked against its shape (type, enum, length and range, pattern) before it
is written. Values are realistic (ids, domains, ARNs, enum values of the
model, text with XML escapes, ISO 8601 timestamps) and come from a seeded
generator of our own, so a rerun writes byte-identical files on any Python.

Each 2xx body is then parsed by botocore's RestXMLParser with the
operation's output shape, and the result must equal, member for member, the
value the body was written from (plus spot checks: item counts, values,
every member read somewhere); its element names and nesting must be those
botocore's rest-xml serializer writes for the same value (the parser does
not look at list item names). Each error body must give the error code,
message and request id botocore is expected to read. Any failed check
stops the script before anything is written. botocore is the pinned version (scripts/pinned_botocore.py,
installed with pip if missing); nothing else touches the network.
"""
import argparse
import base64
import dataclasses
import datetime
import hashlib
import json
import pathlib
import re
import xml.etree.ElementTree as ElementTree
from typing import Any, Callable

from pinned_botocore import ROOT, VERSION, ensure_botocore

OUT = ROOT / "tests" / "data" / "fixtures"
UTC = datetime.timezone.utc
ACCOUNT = "123456789012"
OTHER_ACCOUNT = "111122223333"
UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"


# ---------------------------------------------------------------------------
# Deterministic randomness

class Rng:
    """splitmix64, seeded from a name: the same sequence on every Python
    version and platform (unlike `random`, whose algorithms may change)."""

    MASK = (1 << 64) - 1

    def __init__(self, name: str):
        self.state = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def randint(self, lo: int, hi: int) -> int:
        return lo + self.below(hi - lo + 1)

    def choice(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k: int) -> list:
        pool, out = list(items), []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out

    def chance(self, p: float) -> bool:
        return self.below(1_000_000) < p * 1_000_000

    def token(self, alphabet: str, n: int) -> str:
        return "".join(self.choice(alphabet) for _ in range(n))

    def uuid(self) -> str:
        t = self.token(HEX, 32)
        return f"{t[:8]}-{t[8:12]}-4{t[13:16]}-{self.choice('89ab')}{t[17:20]}-{t[20:]}"


# ---------------------------------------------------------------------------
# Models

def load_model(service: str, version: str, legacy: pathlib.Path | None = None) -> tuple[dict, str]:
    """The service model: the vendored file, else the legacy vendored path,
    else the pinned botocore's own data. A vendored file must equal
    botocore's, since botocore's parser is the judge."""
    import botocore.loaders

    packaged = botocore.loaders.create_loader().load_service_model(service, "service-2", version)
    for path in (ROOT / "model" / service / version / "service-2.json", legacy):
        if path is not None and path.exists():
            vendored = json.loads(path.read_text())
            if vendored != json.loads(json.dumps(packaged)):
                raise SystemExit(f"error: {path} differs from botocore {VERSION}'s {service}/{version} model")
            return vendored, str(path.relative_to(ROOT))
    return json.loads(json.dumps(packaged)), f"botocore {VERSION} botocore/data/{service}/{version}"


class Model:
    """What the generator needs from a botocore service model."""

    def __init__(self, data: dict, source: str):
        self.data = data
        self.source = source
        self.shapes = data["shapes"]
        self.namespace = self._namespace()

    def shape(self, name: str) -> dict:
        return self.shapes[name]

    def operation(self, name: str) -> dict:
        return self.data["operations"][name]

    def _namespace(self) -> str:
        """metadata.xmlNamespace if the model has it; else the one namespace
        the operations' inputs declare (CloudFront and Route 53 do that)."""
        declared = self.data["metadata"].get("xmlNamespace")
        if declared:
            return declared if isinstance(declared, str) else declared["uri"]
        uris = {op["input"]["xmlNamespace"]["uri"] for op in self.data["operations"].values()
                if "xmlNamespace" in op.get("input", {})}
        if len(uris) != 1:
            raise SystemExit(f"error: expected one XML namespace in {self.source}, found {sorted(uris)}")
        return uris.pop()

    def error_shape(self, operation: str, code: str) -> dict:
        """The modeled error of `operation` with this code."""
        for ref in self.operation(operation).get("errors", []):
            shape = self.shape(ref["shape"])
            if shape.get("error", {}).get("code", ref["shape"]) == code:
                return shape
        raise SystemExit(f"error: {operation} has no modeled error {code}")


# ---------------------------------------------------------------------------
# Model-driven XML writing, with every value checked against its shape

class XmlWriter:
    """Elements into text: `pretty` puts each element on its own line,
    indented by two spaces; otherwise nothing is added between elements."""

    def __init__(self, pretty: bool):
        self.pretty = pretty
        self.parts: list[str] = []
        self.depth = 0

    def _line(self, text: str) -> None:
        if self.pretty:
            self.parts.append("  " * self.depth + text + "\n")
        else:
            self.parts.append(text)

    def open(self, name: str, attrs: str = "") -> None:
        self._line(f"<{name}{attrs}>")
        self.depth += 1

    def close(self, name: str) -> None:
        self.depth -= 1
        self._line(f"</{name}>")

    def leaf(self, name: str, text: str) -> None:
        self._line(f"<{name}>{escape(text)}</{name}>")

    def document(self) -> bytes:
        tail = "" if self.pretty else "\n"
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(self.parts) + tail).encode()


def escape(text: str) -> str:
    """All five XML escapes, as AWS writes them."""
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&apos;")):
        text = text.replace(raw, entity)
    return text


def iso8601(value: datetime.datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as AWS writes timestamps."""
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond // 1000:03d}Z"


class ShapeError(Exception):
    pass


class Writer:
    """Writes a value (botocore's parsed form: dicts, lists, str, int, bool,
    datetime, bytes) as the XML the model describes."""

    def __init__(self, model: Model, xml: XmlWriter):
        self.model = model
        self.xml = xml

    def root(self, shape_name: str, value: Any, element: str) -> None:
        ns = f' xmlns="{self.model.namespace}"'
        self.structure(shape_name, value, element, ns, element)

    def structure(self, shape_name: str, value: dict, element: str, attrs: str, path: str) -> None:
        shape = self.model.shape(shape_name)
        check_structure(shape_name, shape, value, path)
        self.xml.open(element, attrs)
        for member, ref in shape["members"].items():
            if member in value:
                self.member(member, ref, value[member], f"{path}/{member}")
        self.xml.close(element)

    def member(self, member: str, ref: dict, value: Any, path: str) -> None:
        target = self.model.shape(ref["shape"])
        name = ref.get("locationName", member)
        if target["type"] == "list":
            self.list(ref, target, value, name, path)
        elif target["type"] == "map":
            self.map(ref, target, value, name, path)
        else:
            self.value(ref["shape"], value, name, path)

    def list(self, ref: dict, shape: dict, value: list, name: str, path: str) -> None:
        check_length(shape, value, path, "items")
        item = shape["member"]
        if ref.get("flattened") or shape.get("flattened"):
            for i, v in enumerate(value):
                self.value(item["shape"], v, item.get("locationName", name), f"{path}[{i}]")
            return
        self.xml.open(name)
        for i, v in enumerate(value):
            self.value(item["shape"], v, item.get("locationName", "member"), f"{path}[{i}]")
        self.xml.close(name)

    def map(self, ref: dict, shape: dict, value: dict, name: str, path: str) -> None:
        key, val = shape["key"], shape["value"]
        flattened = ref.get("flattened") or shape.get("flattened")
        if not flattened:
            self.xml.open(name)
        for k, v in value.items():
            self.xml.open(name if flattened else "entry")
            self.value(key["shape"], k, key.get("locationName", "key"), f"{path}.key")
            self.value(val["shape"], v, val.get("locationName", "value"), f"{path}[{k}]")
            self.xml.close(name if flattened else "entry")
        if not flattened:
            self.xml.close(name)

    def value(self, shape_name: str, value: Any, name: str, path: str) -> None:
        shape = self.model.shape(shape_name)
        if shape["type"] == "structure":
            self.structure(shape_name, value, name, "", path)
        else:
            self.xml.leaf(name, scalar_text(shape, value, path))


def check_structure(name: str, shape: dict, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise ShapeError(f"{path}: {name} needs a dict, got {type(value).__name__}")
    unknown = set(value) - set(shape["members"])
    if unknown:
        raise ShapeError(f"{path}: {name} has no member {sorted(unknown)}")
    missing = [m for m in shape.get("required", []) if m not in value]
    if missing:
        raise ShapeError(f"{path}: required member {missing} of {name} missing")
    if shape.get("union") and len(value) != 1:
        raise ShapeError(f"{path}: union {name} needs exactly one member")
    if "Quantity" in value and "Items" in shape["members"]:
        if value["Quantity"] != len(value.get("Items", [])):
            raise ShapeError(f"{path}: Quantity {value['Quantity']} but {len(value.get('Items', []))} Items")


def check_length(shape: dict, value, path: str, what: str) -> None:
    if "min" in shape and len(value) < shape["min"]:
        raise ShapeError(f"{path}: {len(value)} {what}, the model's min is {shape['min']}")
    if "max" in shape and len(value) > shape["max"]:
        raise ShapeError(f"{path}: {len(value)} {what}, the model's max is {shape['max']}")


def check_range(shape: dict, value, path: str) -> None:
    if "min" in shape and value < shape["min"] or "max" in shape and value > shape["max"]:
        raise ShapeError(f"{path}: {value} is outside [{shape.get('min')}, {shape.get('max')}]")


def scalar_text(shape: dict, value: Any, path: str) -> str:
    """The text of a scalar, after checking it against its shape."""
    kind = shape["type"]
    if kind == "string":
        return string_text(shape, value, path)
    if kind == "boolean" and isinstance(value, bool):
        return "true" if value else "false"
    if kind in ("integer", "long") and isinstance(value, int) and not isinstance(value, bool):
        check_range(shape, value, path)
        return str(value)
    if kind in ("float", "double") and isinstance(value, float):
        check_range(shape, value, path)
        return repr(value)
    if kind == "timestamp" and isinstance(value, datetime.datetime) and value.tzinfo is not None:
        if shape.get("timestampFormat", "iso8601") != "iso8601":
            raise ShapeError(f"{path}: timestamp format {shape['timestampFormat']} is not written here")
        return iso8601(value)
    if kind == "blob" and isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise ShapeError(f"{path}: {value!r} is not a {kind}")


def string_text(shape: dict, value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ShapeError(f"{path}: {value!r} is not a string")
    if "enum" in shape and value not in shape["enum"]:
        raise ShapeError(f"{path}: {value!r} is not one of the model's values {shape['enum']}")
    check_length(shape, value, path, "characters")
    if value and not matches_pattern(shape.get("pattern"), value):
        raise ShapeError(f"{path}: {value!r} does not match the model's pattern {shape['pattern']}")
    return value


def matches_pattern(pattern: str | None, value: str) -> bool:
    """Whether `value` matches the model's pattern (true when there is none,
    or when it is not a regular expression Python reads)."""
    if not pattern:
        return True
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return True


# ---------------------------------------------------------------------------
# Responses: an operation's output value into headers and body

@dataclasses.dataclass
class Fixture:
    name: str
    service: str
    operation: str
    status: int
    headers: dict
    body: bytes
    description: str
    expected: dict  # 2xx: botocore's parsed output; errors: the error botocore reads
    spot_checks: list = dataclasses.field(default_factory=list)  # (what, fn(parsed) -> bool)
    body_model: tuple | None = None  # 2xx: (shape name, value, root element) the body was written from


def render_output(model: Model, operation: str, output: dict, pretty: bool) -> tuple[dict, bytes, tuple]:
    """Headers and body of a 2xx response whose botocore parse is `output`:
    header-bound members become headers, the payload member (or every
    member left, under the output shape's name) the body. Also what the
    body was written from: (shape name, value, root element)."""
    shape_name = model.operation(operation)["output"]["shape"]
    shape = model.shape(shape_name)
    check_structure(shape_name, shape, output, shape_name)
    headers, body_members = {}, {}
    for member, ref in shape["members"].items():
        if member not in output:
            continue
        if ref.get("location") == "header":
            headers[ref.get("locationName", member)] = scalar_text(model.shape(ref["shape"]), output[member], member)
        elif ref.get("location"):
            raise ShapeError(f"{operation}: {ref['location']}-bound {member} is not written here")
        else:
            body_members[member] = output[member]
    xml = XmlWriter(pretty)
    writer = Writer(model, xml)
    if "payload" in shape:
        ref = shape["members"][shape["payload"]]
        target = model.shape(ref["shape"])
        body = (ref["shape"], body_members[shape["payload"]],
                target.get("locationName", ref.get("locationName", ref["shape"])))
    else:
        body = (shape_name, body_members, shape.get("locationName", shape_name))
    writer.root(*body)
    return headers, xml.document(), body


def error_response(model: Model, operation: str, code: str, message: str, request_id: str) -> tuple[int, bytes]:
    """The generic rest-xml error body, `<ErrorResponse><Error>...`, for a
    modeled error of the operation; its status comes from the model."""
    shape = model.error_shape(operation, code)
    status = shape.get("error", {}).get("httpStatusCode", 400)
    fault = "Sender" if shape.get("error", {}).get("senderFault", status < 500) else "Receiver"
    xml = XmlWriter(pretty=True)
    xml.open("ErrorResponse", f' xmlns="{model.namespace}"')
    xml.open("Error")
    xml.leaf("Type", fault)
    xml.leaf("Code", code)
    xml.leaf("Message", message)
    xml.close("Error")
    xml.leaf("RequestId", request_id)
    xml.close("ErrorResponse")
    return status, xml.document()


def output_fixture(model: Model, service: str, operation: str, output: dict, pretty: bool, **kw) -> Fixture:
    headers, body, body_model = render_output(model, operation, output, pretty)
    status = model.operation(operation)["http"].get("responseCode", 200)
    return Fixture(service=service, operation=operation, status=status, headers=headers, body=body,
                   expected=output, body_model=body_model, **kw)


def members_never_filled(model: Model, shape_name: str, value: Any) -> set[str]:
    """The "Shape.Member"s of every structure `value` reaches that no
    instance of it has: empty when every member appears somewhere."""
    possible, seen = set(), set()

    def walk(name: str, v: Any) -> None:
        shape = model.shape(name)
        if shape["type"] == "structure":
            for member, ref in shape["members"].items():
                possible.add(f"{name}.{member}")
                if member in v:
                    seen.add(f"{name}.{member}")
                    walk(ref["shape"], v[member])
        elif shape["type"] == "list":
            for item in v:
                walk(shape["member"]["shape"], item)
        elif shape["type"] == "map":
            for item in v.values():
                walk(shape["value"]["shape"], item)

    walk(shape_name, value)
    return possible - seen


# ---------------------------------------------------------------------------
# Filling shapes from the model with realistic values

@dataclasses.dataclass
class Ctx:
    """Where the filler is: the random source, the record it is filling
    (`site`: values shared by one list item, e.g. one distribution), and
    the index in each enclosing list, by "Owner.Member" key."""
    rng: Rng
    site: dict
    at: dict

    def index(self, key: str) -> int:
        return self.at[key]

    def child(self, key: str, i: int) -> "Ctx":
        return Ctx(self.rng, self.site, {**self.at, key: i})


@dataclasses.dataclass
class Rules:
    """Realism for one service, keyed by "Owner.Member" (a structure's shape
    name and the member), or "Owner.Member[]" for a list's items:
    `values` give a member's value, `lengths` a list's length, `one_of`
    picks the one member of a group of alternatives a structure gets, and
    `items` gives each item of a list its own record."""
    values: dict[str, Callable[[Ctx], Any]]
    lengths: dict[str, Callable[[Ctx], int]]
    one_of: dict[str, tuple[tuple[str, ...], Callable[[Ctx], str]]]
    items: dict[str, Callable[[Ctx, int], dict]]


class Filler:
    """Walks a shape and fills every member of every structure (except the
    alternatives `one_of` leaves out), lists with several items; a
    Quantity/Items structure gets the Quantity of its Items."""

    def __init__(self, model: Model, rules: Rules):
        self.model = model
        self.rules = rules
        self.generic: set[str] = set()  # members that got no realistic value

    def structure(self, name: str, ctx: Ctx) -> dict:
        shape = self.model.shape(name)
        members = list(shape["members"])
        if name in self.rules.one_of:
            group, pick = self.rules.one_of[name]
            chosen = pick(ctx)
            members = [m for m in members if m not in group or m == chosen]
        out = {}
        for member in members:
            if member == "Quantity" and "Items" in shape["members"]:
                continue
            out[member] = self.member(name, member, shape["members"][member], ctx)
        if "Quantity" in shape["members"] and "Items" in shape["members"]:
            out["Quantity"] = len(out.get("Items", []))
            if not out.get("Items"):
                out.pop("Items", None)
        return out

    def member(self, owner: str, member: str, ref: dict, ctx: Ctx) -> Any:
        key = f"{owner}.{member}"
        if key in self.rules.values:
            return self.rules.values[key](ctx)
        target = self.model.shape(ref["shape"])
        if target["type"] == "structure":
            return self.structure(ref["shape"], ctx)
        if target["type"] == "list":
            return self.list(key, target, ctx)
        return self.scalar(key, target, ctx)

    def list(self, key: str, shape: dict, ctx: Ctx) -> list:
        n = self.rules.lengths[key](ctx) if key in self.rules.lengths else ctx.rng.randint(2, 4)
        n = max(shape.get("min", 0), min(n, shape.get("max", n)))
        item = self.model.shape(shape["member"]["shape"])
        if "enum" in item and f"{key}[]" not in self.rules.values:
            return ctx.rng.sample(item["enum"], n)
        out = []
        for i in range(n):
            child = ctx.child(key, i)
            if key in self.rules.items:
                child = Ctx(ctx.rng, self.rules.items[key](ctx, i), child.at)
            if f"{key}[]" in self.rules.values:
                out.append(self.rules.values[f"{key}[]"](child))
            elif item["type"] == "structure":
                out.append(self.structure(shape["member"]["shape"], child))
            else:
                out.append(self.scalar(f"{key}[]", item, child))
        return out

    def scalar(self, key: str, shape: dict, ctx: Ctx) -> Any:
        rng, kind = ctx.rng, shape["type"]
        if "enum" in shape:
            return rng.choice(shape["enum"])
        if kind == "boolean":
            return rng.chance(0.5)
        if kind in ("integer", "long"):
            lo = shape.get("min", 0)
            return rng.randint(lo, min(shape.get("max", lo + 100), lo + 100))
        if kind == "timestamp":
            return timestamp(rng)
        self.generic.add(key)
        if kind == "string":
            return f"{key.split('.')[-1].lower()}-{ctx.site.get('name', 'x')}"
        raise ShapeError(f"{key}: no value for a {kind}")


def timestamp(rng: Rng) -> datetime.datetime:
    """A time in 2023-2024, to the millisecond."""
    start = datetime.datetime(2023, 1, 1, tzinfo=UTC)
    return start + datetime.timedelta(seconds=rng.below(2 * 365 * 86400), milliseconds=rng.below(1000))


# ---------------------------------------------------------------------------
# CloudFront

def cloudfront_id(rng: Rng, first: str = "E") -> str:
    return first + rng.token(UPPER_DIGITS, 13)


def cloudfront_update_streaming_distribution_200(model: Model) -> Fixture:
    """A StreamingDistribution with every member: the values the tests
    assert (tests/tests/update_streaming_distribution.rs)."""
    def signer(account: str, keys: list[str]) -> dict:
        return {"AwsAccountNumber": account, "KeyPairIds": {"Quantity": len(keys), "Items": keys}}

    aliases = ["media.example.com", "video.example.com", "rtmp.example.org"]
    distribution = {
        "Id": "EGTXBD79H29TRA8",
        "ARN": f"arn:aws:cloudfront::{ACCOUNT}:streaming-distribution/EGTXBD79H29TRA8",
        "Status": "InProgress",
        "LastModifiedTime": datetime.datetime(2024, 3, 15, 17, 42, 9, 123000, tzinfo=UTC),
        "DomainName": "s5c39gqb8ow64r.cloudfront.net",
        "ActiveTrustedSigners": {"Enabled": True, "Quantity": 2, "Items": [
            signer("self", ["APKAEIBAERJR2EXAMPLE", "APKAJ5QMRZ7U3EXAMPLE"]),
            signer(OTHER_ACCOUNT, ["APKAI3NVVJ7L6EXAMPLE", "APKAQWERTYUI0EXAMPLE"]),
        ]},
        "StreamingDistributionConfig": {
            "CallerReference": "media-rtmp-2024-03-15T17:40:00Z-7f3a",
            "S3Origin": {"DomainName": "example-media-bucket.s3.amazonaws.com",
                         "OriginAccessIdentity": "origin-access-identity/cloudfront/E127EXAMPLE51Z"},
            "Aliases": {"Quantity": len(aliases), "Items": aliases},
            "Comment": "Video & audio streaming for <prod> \"Main\" 'EU' site",
            "Logging": {"Enabled": True, "Bucket": "example-logs-bucket.s3.amazonaws.com",
                        "Prefix": "streaming/media/"},
            "TrustedSigners": {"Enabled": True, "Quantity": 2, "Items": ["self", OTHER_ACCOUNT]},
            "PriceClass": "PriceClass_100",
            "Enabled": True,
        },
    }
    output = {"StreamingDistribution": distribution, "ETag": "E2QWRUHAPOMQZL"}
    sd = lambda p: p["StreamingDistribution"]  # noqa: E731
    return output_fixture(
        model, "cloudfront", "UpdateStreamingDistribution", output, pretty=True,
        name="update_streaming_distribution_200.xml",
        description="200 body: a StreamingDistribution with every member: 2 active trusted signers with "
                    "2 key pairs each, 3 CNAMEs, a Comment with all five XML escapes, logging, 2 trusted "
                    "signers, PriceClass_100. Its `ETag` header is in `responses.json`.",
        spot_checks=[
            ("ETag header", lambda p: p["ETag"] == "E2QWRUHAPOMQZL"),
            ("2 active signers, 2 key pairs each",
             lambda p: [len(s["KeyPairIds"]["Items"]) for s in sd(p)["ActiveTrustedSigners"]["Items"]] == [2, 2]),
            ("3 CNAMEs", lambda p: len(sd(p)["StreamingDistributionConfig"]["Aliases"]["Items"]) == 3),
            ("Comment unescaped", lambda p: sd(p)["StreamingDistributionConfig"]["Comment"]
             == "Video & audio streaming for <prod> \"Main\" 'EU' site"),
            ("PriceClass_100", lambda p: sd(p)["StreamingDistributionConfig"]["PriceClass"] == "PriceClass_100"),
            ("every member of every structure read",
             lambda p: not members_never_filled(model, "StreamingDistribution", sd(p))),
        ],
    )


def cloudfront_update_streaming_distribution_404(model: Model) -> Fixture:
    message = "The specified streaming distribution does not exist."
    request_id = "a1b2c3d4-5e6f-47a8-9b0c-1d2e3f4a5b6c"
    status, body = error_response(model, "UpdateStreamingDistribution", "NoSuchStreamingDistribution",
                                  message, request_id)
    return Fixture(
        name="update_streaming_distribution_404_no_such.xml", service="cloudfront",
        operation="UpdateStreamingDistribution", status=status, headers={}, body=body,
        description="404 error body (`<ErrorResponse>` form): NoSuchStreamingDistribution with a message "
                    "and a RequestId.",
        expected={"Error": {"Type": "Sender", "Code": "NoSuchStreamingDistribution", "Message": message},
                  "RequestId": request_id, "Modeled": {"Message": message}},
    )


CLOUDFRONT_REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
                      "ap-northeast-1", "sa-east-1"]
CACHE_POLICIES = ["658327ea-f89d-4fab-a63d-7e88639e58f6", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                  "b2884449-e4de-46a7-ac36-70bc7f1ddd6d"]
ORIGIN_REQUEST_POLICIES = ["216adef6-5c7f-47e4-b989-5492eafa07d3", "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
                           "b689b0a8-53d0-40ab-baf2-68738e2966ac"]
RESPONSE_HEADERS_POLICIES = ["67f7725c-6f97-4210-82d7-5512b31e9d03", "60669652-455b-4ae9-85a4-c4c02393f86c",
                             "5cc3b908-e619-4b99-88e5-2cf7f45965bd"]
COUNTRIES = ["US", "CA", "MX", "GB", "IE", "DE", "FR", "NL", "ES", "IT", "SE", "JP", "KR", "SG", "AU", "BR", "IN"]
ORIGIN_KINDS = [("S3OriginConfig", "S3", "assets"), ("CustomOriginConfig", "ALB", "web"),
                ("VpcOriginConfig", "VPC", "api"), ("CustomOriginConfig", "APIGW", "v2")]
CUSTOM_HEADERS = [("X-Origin-Verify", "v-{token}"), ("X-Env", "production"),
                  ("X-Forwarded-Host", "{apex}"), ("X-Tenant", "{name} & co <prod>")]
METHOD_SETS = [["HEAD", "GET"], ["HEAD", "GET", "OPTIONS"],
               ["HEAD", "DELETE", "POST", "GET", "OPTIONS", "PUT", "PATCH"]]
PATH_PATTERNS = ["/api/*", "/static/*", "/images/*.jpg", "/media/*", "/downloads/*.zip", "/ws/*"]


def cloudfront_site(rng: Rng, i: int) -> dict:
    """What one DistributionSummary's values share: names, ids, origins."""
    name = f"site{i:03d}"
    apex = f"{name}.example.{('com', 'org', 'net')[i % 3]}"
    region = rng.choice(CLOUDFRONT_REGIONS)
    origins = []
    for kind, prefix, role in ORIGIN_KINDS[: 4 if i % 4 == 0 else 3]:
        domain = {
            "S3": f"{name}-{role}.s3.{region}.amazonaws.com",
            "ALB": f"{name}-alb-{rng.randint(100000000, 999999999)}.{region}.elb.amazonaws.com",
            "VPC": f"internal-{name}-{role}-{rng.randint(100000000, 999999999)}.{region}.elb.amazonaws.com",
            "APIGW": f"{rng.token(LOWER_DIGITS, 10)}.execute-api.{region}.amazonaws.com",
        }[prefix]
        origins.append({"id": f"{prefix}-{name}-{role}", "kind": kind, "domain": domain})
    return {
        "i": i, "name": name, "apex": apex, "region": region, "origins": origins,
        "id": cloudfront_id(rng), "domain": f"d{rng.token(LOWER_DIGITS, 13)}.cloudfront.net",
        "aliases": [apex, f"www.{apex}", f"static.{apex}", f"media.{apex}"][: 2 + i % 3],
        "group": f"group-{name}-failover",
        "comment": rng.choice([
            "Site #{i}: web & API <prod> \"edge\" tier",
            "{apex} - marketing site (EU & US) <migrated 2024>",
            "Tenant '{name}': static assets & APIs",
        ]).format(i=i, apex=apex, name=name),
    }


LAMBDA_FUNCTIONS = [("auth", "viewer-request"), ("headers", "origin-response"), ("rewrite", "origin-request")]
CLOUDFRONT_FUNCTIONS = [("rewrite", "viewer-request"), ("headers", "viewer-response"), ("auth", "origin-request")]
ERROR_PAGES = [(403, "404"), (404, "404"), (500, "500"), (502, "502"), (503, "503"), (504, "503")]


def row(table: list, key: str) -> Callable[[Ctx], Any]:
    """The row of `table` for the current item of the list `key`."""
    return lambda c: table[c.index(key)]


def from_site(f: Callable[[dict, Ctx], Any]) -> Callable[[Ctx], Any]:
    """A value made from the current record (one distribution) and context."""
    return lambda c: f(c.site, c)


def origin(c: Ctx) -> dict:
    return c.site["origins"][c.index("Origins.Items")]


def regional_arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:us-east-1:{ACCOUNT}:{resource}"


def cloudfront_arn(resource: str) -> str:
    return f"arn:aws:cloudfront::{ACCOUNT}:{resource}"


def lambda_arn(c: Ctx) -> str:
    name = LAMBDA_FUNCTIONS[c.index("LambdaFunctionAssociations.Items")][0]
    return regional_arn("lambda", f"function:{c.site['name']}-{name}:{c.rng.randint(1, 40)}")


def function_arn(c: Ctx) -> str:
    return cloudfront_arn(f"function/{c.site['name']}-{CLOUDFRONT_FUNCTIONS[c.index('FunctionAssociations.Items')][0]}")


def custom_header_value(c: Ctx) -> str:
    template = CUSTOM_HEADERS[c.index("CustomHeaders.Items")][1]
    return template.format(token=c.rng.token(HEX, 8), apex=c.site["apex"], name=c.site["name"])


def cloudfront_values() -> dict[str, Callable[[Ctx], Any]]:
    """Realistic values of DistributionList's members, by "Owner.Member";
    members not named here are filled from the model (enums, booleans,
    numbers, timestamps)."""
    constant = lambda v: (lambda c: v)  # noqa: E731
    pick = lambda *options: (lambda c: c.rng.choice(list(options)))  # noqa: E731
    certificate = lambda c: regional_arn("acm", f"certificate/{c.rng.uuid()}")  # noqa: E731
    behaviour = {  # the same members in DefaultCacheBehavior and CacheBehavior
        "FieldLevelEncryptionId": lambda c: c.rng.choice(["", cloudfront_id(c.rng, "C")]),
        "RealtimeLogConfigArn": from_site(lambda s, c: cloudfront_arn(f"realtime-log-config/{s['name']}-rt")),
        "CachePolicyId": pick(*CACHE_POLICIES),
        "OriginRequestPolicyId": pick(*ORIGIN_REQUEST_POLICIES),
        "ResponseHeadersPolicyId": pick(*RESPONSE_HEADERS_POLICIES),
        "MinTTL": constant(0),
        "DefaultTTL": pick(0, 3600, 86400),
        "MaxTTL": constant(31536000),
    }
    values = {f"{owner}.{member}": f for owner in ("DefaultCacheBehavior", "CacheBehavior")
              for member, f in behaviour.items()}
    values |= {
        "DistributionList.Marker": constant(""),
        "DistributionList.NextMarker": lambda c: cloudfront_id(c.rng),
        "DistributionList.MaxItems": constant(200),
        "DistributionList.IsTruncated": constant(True),
        "DistributionSummary.Id": from_site(lambda s, c: s["id"]),
        "DistributionSummary.ARN": from_site(lambda s, c: cloudfront_arn(f"distribution/{s['id']}")),
        "DistributionSummary.ETag": lambda c: cloudfront_id(c.rng),
        "DistributionSummary.Status": pick("Deployed", "Deployed", "InProgress"),
        "DistributionSummary.DomainName": from_site(lambda s, c: s["domain"]),
        "DistributionSummary.Comment": from_site(lambda s, c: s["comment"]),
        "DistributionSummary.Enabled": lambda c: c.rng.chance(0.9),
        "DistributionSummary.Staging": lambda c: c.rng.chance(0.1),
        "DistributionSummary.IsIPV6Enabled": lambda c: c.rng.chance(0.8),
        "DistributionSummary.WebACLId": from_site(lambda s, c: f"arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/"
                                                                f"{s['name']}-acl/{c.rng.uuid()}"),
        "DistributionSummary.AnycastIpListId": lambda c: f"aip_{c.rng.token(ALNUM, 22)}",
        "Aliases.Items": from_site(lambda s, c: list(s["aliases"])),
        "AliasICPRecordal.CNAME": lambda c: c.site["aliases"][c.index("DistributionSummary.AliasICPRecordals")],
        "Origin.Id": lambda c: origin(c)["id"],
        "Origin.DomainName": lambda c: origin(c)["domain"],
        "Origin.OriginPath": pick("", "/public", "/v1", "/prod"),
        "Origin.ConnectionAttempts": pick(1, 2, 3),
        "Origin.ConnectionTimeout": pick(5, 10),
        "Origin.ResponseCompletionTimeout": pick(30, 60, 120),
        "Origin.OriginAccessControlId": lambda c: cloudfront_id(c.rng),
        "OriginCustomHeader.HeaderName": lambda c: CUSTOM_HEADERS[c.index("CustomHeaders.Items")][0],
        "OriginCustomHeader.HeaderValue": custom_header_value,
        "S3OriginConfig.OriginAccessIdentity": lambda c: c.rng.choice(
            ["", f"origin-access-identity/cloudfront/{cloudfront_id(c.rng)}"]),
        "S3OriginConfig.OriginReadTimeout": constant(30),
        "CustomOriginConfig.HTTPPort": constant(80),
        "CustomOriginConfig.HTTPSPort": constant(443),
        "CustomOriginConfig.OriginReadTimeout": pick(30, 60),
        "CustomOriginConfig.OriginKeepaliveTimeout": constant(5),
        "OriginSslProtocols.Items": lambda c: c.rng.choice([["TLSv1.2"], ["TLSv1.2", "TLSv1.1"]]),
        "OriginMtlsConfig.ClientCertificateArn": certificate,
        "VpcOriginConfig.VpcOriginId": lambda c: f"vo_{c.rng.token(ALNUM, 22)}",
        "VpcOriginConfig.OwnerAccountId": constant(ACCOUNT),
        "VpcOriginConfig.OriginReadTimeout": constant(30),
        "VpcOriginConfig.OriginKeepaliveTimeout": constant(5),
        "OriginShield.Enabled": constant(True),
        "OriginShield.OriginShieldRegion": from_site(lambda s, c: s["region"]),
        "OriginGroup.Id": from_site(lambda s, c: s["group"]),
        "StatusCodes.Items": lambda c: sorted(c.rng.sample([403, 404, 500, 502, 503, 504], c.rng.randint(2, 4))),
        "OriginGroupMember.OriginId": from_site(lambda s, c: s["origins"][c.index("OriginGroupMembers.Items")]["id"]),
        "DefaultCacheBehavior.TargetOriginId": from_site(lambda s, c: s["origins"][1]["id"]),
        "CacheBehavior.TargetOriginId": from_site(lambda s, c: c.rng.choice([o["id"] for o in s["origins"]]
                                                                             + [s["group"]])),
        "CacheBehavior.PathPattern": row(PATH_PATTERNS, "CacheBehaviors.Items"),
        "TrustedSigners.Enabled": constant(True),
        "TrustedSigners.Items": lambda c: ["self", OTHER_ACCOUNT][: c.rng.randint(1, 2)],
        "TrustedKeyGroups.Enabled": constant(True),
        "TrustedKeyGroups.Items": lambda c: [cloudfront_id(c.rng, "K") for _ in range(c.rng.randint(1, 2))],
        "AllowedMethods.Items": lambda c: list(METHOD_SETS[c.rng.below(3)]),
        "CachedMethods.Items": lambda c: list(METHOD_SETS[c.rng.below(2)]),
        "LambdaFunctionAssociation.LambdaFunctionARN": lambda_arn,
        "LambdaFunctionAssociation.EventType": lambda c: LAMBDA_FUNCTIONS[
            c.index("LambdaFunctionAssociations.Items")][1],
        "FunctionAssociation.FunctionARN": function_arn,
        "FunctionAssociation.EventType": lambda c: CLOUDFRONT_FUNCTIONS[c.index("FunctionAssociations.Items")][1],
        "CookiePreference.Forward": constant("whitelist"),
        "CookieNames.Items": lambda c: c.rng.sample(["session-id", "locale", "ab_test", "cart", "consent"], 3),
        "Headers.Items": lambda c: c.rng.sample(["Origin", "Access-Control-Request-Method",
                                                 "Access-Control-Request-Headers", "Accept-Language",
                                                 "CloudFront-Viewer-Country"], c.rng.randint(2, 3)),
        "QueryStringCacheKeys.Items": lambda c: c.rng.sample(["v", "lang", "page", "q", "sort"], 2),
        "CustomErrorResponse.ErrorCode": lambda c: ERROR_PAGES[c.index("CustomErrorResponses.Items")][0],
        "CustomErrorResponse.ResponsePagePath": lambda c: (
            f"/errors/{ERROR_PAGES[c.index('CustomErrorResponses.Items')][0]}.html"),
        "CustomErrorResponse.ResponseCode": lambda c: ERROR_PAGES[c.index("CustomErrorResponses.Items")][1],
        "CustomErrorResponse.ErrorCachingMinTTL": pick(0, 10, 60, 300),
        "ViewerCertificate.CloudFrontDefaultCertificate": constant(False),
        "ViewerCertificate.IAMCertificateId": lambda c: "ASCA" + c.rng.token(UPPER_DIGITS, 17),
        "ViewerCertificate.ACMCertificateArn": certificate,
        "ViewerCertificate.Certificate": certificate,
        "ViewerCertificate.CertificateSource": constant("acm"),
        "GeoRestriction.RestrictionType": pick("whitelist", "blacklist"),
        "GeoRestriction.Items": lambda c: c.rng.sample(COUNTRIES, c.rng.randint(3, 7)),
        "TrustStoreConfig.TrustStoreId": from_site(lambda s, c: f"ts-{s['name']}"),
        "ConnectionFunctionAssociation.Id": from_site(lambda s, c: f"cf-{s['name']}-{c.rng.token(LOWER_DIGITS, 8)}"),
    }
    return values


def cloudfront_rules() -> Rules:
    lengths = {
        "DistributionList.Items": lambda c: 200,
        "Origins.Items": lambda c: len(c.site["origins"]),
        "OriginGroups.Items": lambda c: 1,
        "OriginGroupMembers.Items": lambda c: 2,
        "CustomHeaders.Items": lambda c: c.rng.randint(1, 3),
        "CacheBehaviors.Items": lambda c: c.rng.randint(1, 2),
        "LambdaFunctionAssociations.Items": lambda c: c.rng.randint(1, 2),
        "FunctionAssociations.Items": lambda c: c.rng.randint(1, 2),
        "CustomErrorResponses.Items": lambda c: c.rng.randint(2, 4),
        "DistributionSummary.AliasICPRecordals": lambda c: len(c.site["aliases"]),
    }
    one_of = {"Origin": (("S3OriginConfig", "CustomOriginConfig", "VpcOriginConfig"), lambda c: origin(c)["kind"])}
    items = {"DistributionList.Items": lambda c, i: cloudfront_site(c.rng, i)}
    return Rules(cloudfront_values(), lengths, one_of, items)


def cloudfront_list_distributions_large(model: Model) -> Fixture:
    rng = Rng("list_distributions_large")
    filler = Filler(model, cloudfront_rules())
    distribution_list = filler.structure("DistributionList", Ctx(rng, {}, {}))
    if filler.generic:
        raise SystemExit(f"error: no realistic value rule for CloudFront members {sorted(filler.generic)}")
    output = {"DistributionList": distribution_list}
    items = lambda p: p["DistributionList"]["Items"]  # noqa: E731
    summary_members = set(model.shape("DistributionSummary")["members"])
    return output_fixture(
        model, "cloudfront", "ListDistributions", output, pretty=False,
        name="list_distributions_large.xml",
        description="200 body, compact: 200 DistributionSummary items with every member filled (each "
                    "Origins list holds an S3, a custom and a VPC origin, so every origin member appears), "
                    "lists of several items, Comments with XML escapes; IsTruncated with a NextMarker. "
                    "The parse-throughput and call-latency benchmarks' input.",
        spot_checks=[
            ("200 items", lambda p: len(items(p)) == 200 and p["DistributionList"]["Quantity"] == 200),
            ("every DistributionSummary member in every item", lambda p: all(set(d) == summary_members
                                                                              for d in items(p))),
            ("every member of every structure read somewhere",
             lambda p: not members_never_filled(model, "DistributionList", p["DistributionList"])),
            ("NextMarker", lambda p: p["DistributionList"]["NextMarker"]
             == distribution_list["NextMarker"] and p["DistributionList"]["IsTruncated"] is True),
            ("first and last ids", lambda p: [items(p)[0]["Id"], items(p)[-1]["Id"]]
             == [distribution_list["Items"][0]["Id"], distribution_list["Items"][-1]["Id"]]),
            ("every origin kind", lambda p: all(
                {k for o in d["Origins"]["Items"] for k in o} >= {"S3OriginConfig", "CustomOriginConfig",
                                                                  "VpcOriginConfig"} for d in items(p))),
        ],
    )


# ---------------------------------------------------------------------------
# Route 53

ZONE = "example.com."
ZONE_ID = "Z1D633PJN98FT9"
ALIAS_ZONES = {  # AWS's fixed hosted zone ids of alias targets
    "cloudfront": "Z2FDTNDATAQYW2",
    "us-east-1": "Z35SXDOTRQ7X7K", "eu-west-1": "Z32O12XQLNTSW2", "ap-southeast-1": "Z1LMS91P8CMLE5",
    "s3-website-us-east-1": "Z3AQBSTGFYJSTF",
}
LATENCY_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"]


def rr(*values: str) -> list[dict]:
    return [{"Value": v} for v in values]


def ipv4(rng: Rng, net: str = "192.0.2") -> str:
    return f"{net}.{rng.randint(1, 254)}"


def ipv6(rng: Rng) -> str:
    return f"2001:db8:{rng.token(HEX, 4).lstrip('0') or '0'}::{rng.token(HEX, 3).lstrip('0') or '1'}"


def alias(zone: str, dns: str, evaluate: bool) -> dict:
    return {"HostedZoneId": ALIAS_ZONES[zone], "DNSName": dns, "EvaluateTargetHealth": evaluate}


def apex_records(rng: Rng) -> list[dict]:
    """The zone's own records: SOA, NS, alias A/AAAA, MX, TXT, CAA, mail
    authentication and wildcard names."""
    cdn = f"d{rng.token(LOWER_DIGITS, 13)}.cloudfront.net."
    dkim = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + rng.token(ALNUM, 200)
    return [
        {"Name": ZONE, "Type": "SOA", "TTL": 900, "ResourceRecords": rr(
            "ns-2048.awsdns-64.net. hostmaster.example.com. 1 7200 900 1209600 86400")},
        {"Name": ZONE, "Type": "NS", "TTL": 172800, "ResourceRecords": rr(
            "ns-2048.awsdns-64.com.", "ns-2049.awsdns-65.net.", "ns-2050.awsdns-66.org.",
            "ns-2051.awsdns-67.co.uk.")},
        {"Name": ZONE, "Type": "A", "AliasTarget": alias("cloudfront", cdn, False)},
        {"Name": ZONE, "Type": "AAAA", "AliasTarget": alias("cloudfront", cdn, False)},
        {"Name": ZONE, "Type": "MX", "TTL": 300, "ResourceRecords": rr(
            "10 mx1.mail.example.com.", "20 mx2.mail.example.com.", "30 backup-mx.example.net.")},
        {"Name": ZONE, "Type": "TXT", "TTL": 300, "ResourceRecords": rr(
            '"v=spf1 include:_spf.example.net include:amazonses.com ~all"',
            f'"google-site-verification={rng.token(ALNUM, 43)}"',
            '"say \\"hello\\" & <goodbye>" "second string with spaces"')},
        {"Name": ZONE, "Type": "CAA", "TTL": 3600, "ResourceRecords": rr(
            '0 issue "amazon.com"', '0 issuewild ";"', '0 iodef "mailto:security@example.com"')},
        {"Name": f"_dmarc.{ZONE}", "Type": "TXT", "TTL": 300, "ResourceRecords": rr(
            '"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com; pct=100"')},
        {"Name": f"selector1._domainkey.{ZONE}", "Type": "TXT", "TTL": 300, "ResourceRecords": rr(
            f'"{dkim[:255]}" "{dkim[255:]}"')},
        {"Name": f"\\052.{ZONE}", "Type": "A", "TTL": 60, "ResourceRecords": rr(ipv4(rng), ipv4(rng))},
        {"Name": f"\\052.dev.{ZONE}", "Type": "CNAME", "TTL": 300, "ResourceRecords": rr(f"dev-lb.{ZONE}")},
        {"Name": f"odd\\040name.{ZONE}", "Type": "TXT", "TTL": 60, "ResourceRecords": rr('"a name with a space"')},
        {"Name": f"_sip._tcp.{ZONE}", "Type": "SRV", "TTL": 300, "ResourceRecords": rr(
            "10 60 5060 sip1.example.com.", "20 40 5060 sip2.example.com.")},
        {"Name": f"_443._tcp.cdn.{ZONE}", "Type": "TLSA", "TTL": 3600, "ResourceRecords": rr(
            "3 1 1 " + rng.token(HEX, 64))},
        {"Name": f"bastion.{ZONE}", "Type": "SSHFP", "TTL": 3600, "ResourceRecords": rr(
            "4 2 " + rng.token(HEX, 64))},
        {"Name": f"cdn.{ZONE}", "Type": "HTTPS", "TTL": 300, "ResourceRecords": rr(
            '1 . alpn="h2,h3" ipv4hint="192.0.2.10"')},
        {"Name": f"_svc.{ZONE}", "Type": "SVCB", "TTL": 300, "ResourceRecords": rr(
            '1 svc.example.com. alpn="h2" port="8443"')},
        {"Name": f"sip.{ZONE}", "Type": "NAPTR", "TTL": 300, "ResourceRecords": rr(
            '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.')},
        {"Name": f"legacy.{ZONE}", "Type": "SPF", "TTL": 300, "ResourceRecords": rr('"v=spf1 -all"')},
        {"Name": f"secure.{ZONE}", "Type": "DS", "TTL": 3600, "ResourceRecords": rr(
            "12345 13 2 " + rng.token(HEX, 64).upper())},
        {"Name": f"10.2.0.192.in-addr.{ZONE}", "Type": "PTR", "TTL": 300, "ResourceRecords": rr(f"www.{ZONE}")},
    ]


def plain_records(rng: Rng, host: str, n: int) -> list[dict]:
    return [{"Name": host, "Type": "A", "TTL": 300, "filler": True,
             "ResourceRecords": rr(*[ipv4(rng) for _ in range(rng.randint(1, 3))])},
            {"Name": host, "Type": "AAAA", "TTL": 300, "ResourceRecords": rr(ipv6(rng)), "filler": True}]


def cname_records(rng: Rng, host: str, n: int) -> list[dict]:
    return [{"Name": host, "Type": "CNAME", "TTL": rng.choice([60, 300, 3600]),
             "ResourceRecords": rr(f"{host[:-1]}.edgekey.net."), "filler": True}]


def txt_mx_records(rng: Rng, host: str, n: int) -> list[dict]:
    team = rng.choice(["blue", "green", "red"])
    return [{"Name": host, "Type": "TXT", "TTL": 300, "filler": True, "ResourceRecords": rr(
                f'"owner=team-{team}; env=prod"', '"contact: ops & oncall <ops@example.com>"')},
            {"Name": host, "Type": "MX", "TTL": 300, "ResourceRecords": rr("10 inbound-smtp.us-east-1.amazonaws.com.")}]


def weighted_records(rng: Rng, host: str, n: int) -> list[dict]:
    return [{"Name": host, "Type": "A", "SetIdentifier": colour, "Weight": weight, "TTL": 60,
             "ResourceRecords": rr(ipv4(rng, "198.51.100")), "HealthCheckId": rng.uuid()}
            for colour, weight in (("blue", 200), ("green", 55))]


def latency_records(rng: Rng, host: str, n: int) -> list[dict]:
    label = host.split(".")[0]
    return [{"Name": host, "Type": "A", "SetIdentifier": f"{label}-{region}", "Region": region,
             "AliasTarget": alias(region, f"dualstack.{label}-{rng.randint(10**8, 10**9 - 1)}"
                                          f".{region}.elb.amazonaws.com.", True)}
            for region in LATENCY_REGIONS]


def geolocation_records(rng: Rng, host: str, n: int) -> list[dict]:
    places = [{"ContinentCode": "EU"}, {"CountryCode": "JP"}, {"CountryCode": "US", "SubdivisionCode": "WA"},
              {"CountryCode": "*"}]
    return [{"Name": host, "Type": "A", "SetIdentifier": "geo-" + "-".join(place.values()).replace("*", "default"),
             "GeoLocation": place, "TTL": 300, "ResourceRecords": rr(ipv4(rng, "203.0.113"))} for place in places]


def failover_records(rng: Rng, host: str, n: int) -> list[dict]:
    return [{"Name": host, "Type": "A", "SetIdentifier": "primary", "Failover": "PRIMARY", "HealthCheckId": rng.uuid(),
             "AliasTarget": alias("us-east-1", f"dualstack.primary-{n}.us-east-1.elb.amazonaws.com.", True)},
            {"Name": host, "Type": "A", "SetIdentifier": "secondary", "Failover": "SECONDARY",
             "AliasTarget": alias("s3-website-us-east-1", "s3-website-us-east-1.amazonaws.com.", False)}]


def multivalue_records(rng: Rng, host: str, n: int) -> list[dict]:
    return [{"Name": host, "Type": "A", "SetIdentifier": f"mv-{k}", "MultiValueAnswer": True, "TTL": 60,
             "ResourceRecords": rr(ipv4(rng, "198.51.100")), "HealthCheckId": rng.uuid()} for k in range(3)]


def cidr_records(rng: Rng, host: str, n: int) -> list[dict]:
    collection = rng.uuid()
    return [{"Name": host, "Type": "AAAA", "SetIdentifier": f"cidr-{place}", "TTL": 300, "ResourceRecords": rr(
                ipv6(rng)), "CidrRoutingConfig": {"CollectionId": collection, "LocationName": place}}
            for place in ("office-nyc", "office-ber", "*")]


def geoproximity_records(rng: Rng, host: str, n: int) -> list[dict]:
    """Geoproximity records, made by a traffic policy instance."""
    instance = rng.uuid()
    places = [("us", {"AWSRegion": "us-east-1", "Bias": rng.randint(-50, 50)}),
              ("bos", {"LocalZoneGroup": "us-east-1-bos-1", "Bias": 0}),
              ("fra", {"Coordinates": {"Latitude": "50.11", "Longitude": "8.68"}, "Bias": -10})]
    return [{"Name": host, "Type": "A", "SetIdentifier": f"geoprox-{label}", "TTL": 60, "ResourceRecords": rr(
                ipv4(rng)), "GeoProximityLocation": place, "TrafficPolicyInstanceId": instance}
            for label, place in places]


HOST_KINDS = [plain_records, cname_records, txt_mx_records, weighted_records, latency_records, geolocation_records,
              failover_records, multivalue_records, cidr_records, geoproximity_records]


def host_records(rng: Rng, n: int) -> list[dict]:
    """One host's records, of a kind chosen by `n`: plain, alias and every
    routing policy. Records that may be dropped to size the page carry
    `filler`."""
    host = f"{rng.choice(['app', 'api', 'web', 'svc', 'db', 'cache', 'mail', 'img'])}{n:03d}.{ZONE}"
    return HOST_KINDS[n % len(HOST_KINDS)](rng, host, n)


def dns_order(record: dict) -> tuple:
    """Route 53's listing order: the name with its labels reversed, then
    the type, then the set identifier."""
    labels = record["Name"].rstrip(".").split(".")
    return tuple(reversed(labels)), record["Type"], record.get("SetIdentifier", "")


def record_page(rng: Rng, size: int) -> tuple[list[dict], dict]:
    """`size` record sets in listing order and the next one, which shares
    its name and type with the last of the page and has a SetIdentifier (a
    page boundary inside a routing policy's records)."""
    records, n = apex_records(rng), 0
    while len(records) < size + 40:
        records += host_records(rng, n)
        n += 1
    records.sort(key=dns_order)
    cut = next(k for k in range(size, len(records))
               if "SetIdentifier" in records[k] and dns_order(records[k])[:2] == dns_order(records[k - 1])[:2])
    fillers = [k for k in range(cut) if records[k].get("filler")]
    if len(fillers) < cut - size:
        raise SystemExit("error: not enough filler records to size the Route 53 page")
    drop = set(fillers[: cut - size])
    page = [r for k, r in enumerate(records[:cut]) if k not in drop]
    strip = lambda r: {k: v for k, v in r.items() if k != "filler"}  # noqa: E731
    return [strip(r) for r in page], strip(records[cut])


def route53_list_resource_record_sets_large(model: Model) -> Fixture:
    rng = Rng("list_resource_record_sets_large")
    page, following = record_page(rng, 1000)
    output = {
        "ResourceRecordSets": page, "IsTruncated": True, "NextRecordName": following["Name"],
        "NextRecordType": following["Type"], "NextRecordIdentifier": following["SetIdentifier"],
        "MaxItems": "1000",
    }
    sets = lambda p: p["ResourceRecordSets"]  # noqa: E731
    kinds = {"SetIdentifier", "Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer", "AliasTarget",
             "HealthCheckId", "TrafficPolicyInstanceId", "CidrRoutingConfig", "GeoProximityLocation"}
    return output_fixture(
        model, "route53", "ListResourceRecordSets", output, pretty=False,
        name="list_resource_record_sets_large.xml",
        description="200 body, compact: 1000 ResourceRecordSets in listing order (more than the 300 a real "
                    "page holds, for scale) of all 17 record types: alias targets (CloudFront, ELB, S3), "
                    "weighted, latency, geolocation, failover, multivalue, CIDR and geoproximity records with "
                    "SetIdentifier, TXT values with quotes, spaces and XML escapes, names escaped as Route 53 "
                    "writes them (`\\052.example.com.`, `odd\\040name.example.com.`); IsTruncated with "
                    "NextRecordName, NextRecordType and NextRecordIdentifier.",
        spot_checks=[
            ("1000 record sets", lambda p: len(sets(p)) == 1000),
            ("every record type", lambda p: {r["Type"] for r in sets(p)} == set(model.shape("RRType")["enum"])),
            ("every member of every structure read somewhere",
             lambda p: not members_never_filled(model, "ListResourceRecordSetsResponse", p)),
            ("routing policies", lambda p: {k for r in sets(p) for k in r} >= kinds),
            ("escaped names", lambda p: "\\052.example.com." in {r["Name"] for r in sets(p)}),
            ("TXT with quotes and escapes", lambda p: any(
                v["Value"] == '"say \\"hello\\" & <goodbye>" "second string with spaces"'
                for r in sets(p) for v in r.get("ResourceRecords", []))),
            ("next record", lambda p: p["IsTruncated"] is True and (
                p["NextRecordName"], p["NextRecordType"], p["NextRecordIdentifier"])
             == (following["Name"], following["Type"], following["SetIdentifier"])),
        ],
    )


def route53_change_info(status: str, rng: Rng) -> dict:
    return {"Id": f"/change/C{rng.token(UPPER_DIGITS, 13)}", "Status": status,
            "SubmittedAt": datetime.datetime(2024, 3, 15, 17, 48, 16, 751000, tzinfo=UTC),
            "Comment": "Add api & www records for <prod> \"blue/green\" cut-over"}


def route53_get_change(model: Model) -> Fixture:
    info = route53_change_info("INSYNC", Rng("route53_change"))
    return output_fixture(
        model, "route53", "GetChange", {"ChangeInfo": info}, pretty=True, name="get_change_200.xml",
        description="200 body: GetChangeResponse, ChangeInfo INSYNC with a Comment with XML escapes.",
        spot_checks=[("INSYNC", lambda p: p["ChangeInfo"]["Status"] == "INSYNC"),
                     ("every member", lambda p: not members_never_filled(model, "GetChangeResponse", p)),
                     ("SubmittedAt", lambda p: p["ChangeInfo"]["SubmittedAt"] == info["SubmittedAt"])],
    )


def route53_change_resource_record_sets(model: Model) -> Fixture:
    info = route53_change_info("PENDING", Rng("route53_change"))
    return output_fixture(
        model, "route53", "ChangeResourceRecordSets", {"ChangeInfo": info}, pretty=True,
        name="change_resource_record_sets_200.xml",
        description="200 body: ChangeResourceRecordSetsResponse, ChangeInfo PENDING.",
        spot_checks=[("PENDING", lambda p: p["ChangeInfo"]["Status"] == "PENDING"),
                     ("change id", lambda p: p["ChangeInfo"]["Id"] == info["Id"])],
    )


def route53_invalid_change_batch(model: Model) -> Fixture:
    """Route 53's own error form: the error shape as root, its `messages`
    (list member `Message`) under `<Messages>` as the API reference shows."""
    shape = model.error_shape("ChangeResourceRecordSets", "InvalidChangeBatch")
    item = model.shape(shape["members"]["messages"]["shape"])["member"]["locationName"]
    messages = [
        "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
        "RRSet of type CNAME with DNS name \\052.dev.example.com. is not permitted because a conflicting "
        "RRSet of type A with the same DNS name already exists in zone example.com.",
    ]
    request_id = "b25f48e8-84fd-11e6-80d9-574e0c4664cb"
    xml = XmlWriter(pretty=True)
    xml.open("InvalidChangeBatch", f' xmlns="{model.namespace}"')
    xml.open("Messages")
    for m in messages:
        xml.leaf(item, m)
    xml.close("Messages")
    xml.leaf("RequestId", request_id)
    xml.close("InvalidChangeBatch")
    body = xml.document()
    return Fixture(
        name="invalid_change_batch_400.xml", service="route53", operation="ChangeResourceRecordSets",
        status=shape.get("error", {}).get("httpStatusCode", 400), headers={}, body=body,
        description="400 error body in Route 53's own form, `<InvalidChangeBatch><Messages><Message>` (2 "
                    "messages) and a RequestId. botocore reads only the request id from this form: its error "
                    "Code and Message are empty and the repeated `<Message>`s come out as `{}`; a client has "
                    "to go by the root element name.",
        expected={"Error": {"Code": "", "Message": ""}, "Messages": {item: {}}, "RequestId": request_id},
        spot_checks=[("the messages, read with ElementTree", lambda p: element_texts(
            body, f"{{{model.namespace}}}Messages/{{{model.namespace}}}{item}") == messages)],
    )


def route53_no_such_hosted_zone(model: Model) -> Fixture:
    message = f"No hosted zone found with ID: {ZONE_ID}"
    request_id = "8e3a9f2c-6a0d-4f3e-9b1d-2c7e5a4b3f10"
    status, body = error_response(model, "ListResourceRecordSets", "NoSuchHostedZone", message, request_id)
    return Fixture(
        name="no_such_hosted_zone_404.xml", service="route53", operation="ListResourceRecordSets",
        status=status, headers={}, body=body,
        description="404 error body (`<ErrorResponse>` form): NoSuchHostedZone with a message and a "
                    "RequestId. botocore reads the code and message from `<Error>`; the modeled shape's "
                    "member is `message` (lower case), so its modeled parse adds nothing.",
        expected={"Error": {"Type": "Sender", "Code": "NoSuchHostedZone", "Message": message},
                  "RequestId": request_id, "Modeled": {}},
    )


# ---------------------------------------------------------------------------
# Checks with botocore's parser

def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where two parsed values differ (empty if they are equal)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual), key=str):
            if key not in actual:
                out.append(f"{path}/{key}: missing from botocore's parse")
            elif key not in expected:
                out.append(f"{path}/{key}: botocore read {actual[key]!r}, not written")
            else:
                out += differences(expected[key], actual[key], f"{path}/{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items written, botocore read {len(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{path}[{i}]")]
    if type(expected) is not type(actual) and not isinstance(actual, datetime.datetime) or expected != actual:
        return [f"{path}: wrote {expected!r}, botocore read {actual!r}"]
    return []


def element_texts(body: bytes, path: str) -> list[str]:
    """The texts of the elements at `path` under the root, by ElementTree."""
    return [e.text or "" for e in ElementTree.fromstring(body).findall(path)]


def botocore_parse(fixture: Fixture, shape) -> dict:
    from botocore.awsrequest import HeadersDict
    from botocore.parsers import RestXMLParser

    response = {"body": fixture.body, "headers": HeadersDict(fixture.headers), "status_code": fixture.status}
    return RestXMLParser().parse(response, shape)


def in_model_order(shape, value: Any) -> Any:
    """`value` with every structure's members in the model's order."""
    if shape.type_name == "structure":
        return {m: in_model_order(shape.members[m], value[m]) for m in shape.members if m in value}
    if shape.type_name == "list":
        return [in_model_order(shape.member, v) for v in value]
    if shape.type_name == "map":
        return {k: in_model_order(shape.value, v) for k, v in value.items()}
    return value


def skeleton(element) -> tuple:
    """An element's name (namespace dropped) and its children's skeletons."""
    return element.tag.rpartition("}")[2], tuple(skeleton(child) for child in element)


def skeleton_difference(ours: tuple, theirs: tuple, path: str = "") -> str | None:
    """Where two element trees first differ in names or structure."""
    path = f"{path}/{ours[0]}"
    if ours[0] != theirs[0]:
        return f"{path}: botocore's serializer names it {theirs[0]}"
    for i, (a, b) in enumerate(zip(ours[1], theirs[1])):
        found = skeleton_difference(a, b, f"{path}[{i}]")
        if found:
            return found
    if len(ours[1]) != len(theirs[1]):
        return f"{path}: {len(ours[1])} child elements, botocore's serializer writes {len(theirs[1])}"
    return None


def check_element_names(service_model, fixture: Fixture) -> list[str]:
    """The parser reads a list's items whatever their element names are, so
    the names and nesting are checked against botocore's own rest-xml
    serializer writing the same value (text is checked by the parse)."""
    from botocore.serialize import RestXMLSerializer

    shape_name, value, root_name = fixture.body_model
    shape = service_model.shape_for(shape_name)
    pseudo_root = ElementTree.Element("pseudo-root")
    RestXMLSerializer()._serialize(shape, in_model_order(shape, value), pseudo_root, root_name)
    found = skeleton_difference(skeleton(ElementTree.fromstring(fixture.body)), skeleton(pseudo_root[0]))
    return [f"element names: {found}"] if found else []


def check_output(service_model, fixture: Fixture) -> list[str]:
    operation = service_model.operation_model(fixture.operation)
    parsed = botocore_parse(fixture, operation.output_shape)
    parsed.pop("ResponseMetadata", None)
    problems = differences(fixture.expected, parsed) + check_element_names(service_model, fixture)
    return problems + [f"spot check failed: {what}" for what, ok in fixture.spot_checks if not ok(parsed)]


def check_error(service_model, fixture: Fixture) -> list[str]:
    """As botocore's client reads an error: the code from a parse with the
    output shape, then the modeled error's members from a parse with the
    shape that code names."""
    operation = service_model.operation_model(fixture.operation)
    parsed = botocore_parse(fixture, operation.output_shape)
    expected = dict(fixture.expected)
    problems = []
    if parsed.get("ResponseMetadata", {}).get("RequestId") != expected.pop("RequestId"):
        problems.append(f"request id: botocore read {parsed.get('ResponseMetadata')}")
    modeled = expected.pop("Modeled", None)
    parsed.pop("ResponseMetadata", None)
    problems += differences(expected, parsed)
    error_shape = service_model.shape_for_error_code(parsed["Error"]["Code"])
    if (error_shape is None) != (modeled is None):
        problems.append(f"code {parsed['Error']['Code']!r}: modeled shape {error_shape}, expected {modeled}")
    elif error_shape is not None:
        problems += differences(modeled, botocore_parse(fixture, error_shape), "(modeled)")
    return problems + [f"spot check failed: {what}" for what, ok in fixture.spot_checks if not ok(parsed)]


def check(fixtures: list[Fixture], models: dict[str, Model]) -> None:
    """Every fixture through botocore's parser; exits naming each failure."""
    from botocore.model import ServiceModel

    service_models = {name: ServiceModel(model.data, service_name=name) for name, model in models.items()}
    failures = []
    for fixture in fixtures:
        service_model = service_models[fixture.service]
        run = check_output if fixture.status < 300 else check_error
        try:
            problems = run(service_model, fixture)
        except Exception as err:  # a body botocore cannot read at all
            problems = [f"botocore raised {type(err).__name__}: {err}"]
        failures += [f"{fixture.name}: {p[:400]}" for p in problems]
    if failures:
        raise SystemExit("error: botocore disagrees with the fixtures:\n  " + "\n  ".join(failures[:50]))


# ---------------------------------------------------------------------------
# Output

def responses_json(fixtures: list[Fixture], models: dict[str, Model]) -> bytes:
    """The sidecar: each fixture's service, operation, status and headers."""
    table = {f.name: {"service": f.service, "operation": f.operation, "status": f.status, "headers": f.headers,
                      "namespace": models[f.service].namespace} for f in fixtures}
    return (json.dumps(table, indent=2) + "\n").encode()


def readme(fixtures: list[Fixture]) -> bytes:
    rows = "\n".join(
        f"| `{f.name}` | {f.service} | {f.operation} | {f.status} | {len(f.body):,} | {f.description} |"
        for f in fixtures)
    return f"""# Response fixtures

Realistic response bodies for the tests and benchmarks, generated by

```sh
python3 scripts/make_fixtures.py           # rewrite these files
python3 scripts/make_fixtures.py --check   # fail if they are not what the script generates
```

Do not edit them by hand. The script walks botocore {VERSION}'s models (the
vendored `model/` files, or the pinned botocore's own copy of a model not
vendored yet): element names, order, list wrappers and member names and the
namespace come from the model, and every value is checked against its shape
(type, enum values, lengths, ranges, patterns; CloudFront's `Quantity`
equals its `Items`). The values are realistic and seeded: a rerun writes the
same bytes.

Every file is checked with botocore {VERSION}'s own rest-xml parser
(`botocore.parsers.RestXMLParser`) before anything is written: a 2xx body,
parsed with the operation's output shape (and the headers below), must give
exactly the value it was written from, member for member, plus spot checks
(item counts, ids, unescaped text, every member of every structure read
somewhere). Since the parser reads a list's items whatever their element
names, the element names and nesting are also compared with what botocore's
rest-xml serializer writes for the same value. An error body must give the
expected error code, message and request id (as botocore's client reads
them: the code from the output shape's parse, then the modeled error's
members).

`responses.json` gives each file's service, operation, HTTP status and
response headers (the `ETag` of the UpdateStreamingDistribution response),
which a test should pair with the body.

| file | service | operation | status | bytes | what |
|---|---|---|---|---|---|
{rows}
""".encode()


def build() -> tuple[list[Fixture], dict[str, Model]]:
    cloudfront = Model(*load_model("cloudfront", "2020-05-31", ROOT / "model" / "service-2.json"))
    route53 = Model(*load_model("route53", "2013-04-01"))
    for model in (cloudfront, route53):
        print(f"model: {model.source}")
    fixtures = [
        cloudfront_update_streaming_distribution_200(cloudfront),
        cloudfront_update_streaming_distribution_404(cloudfront),
        cloudfront_list_distributions_large(cloudfront),
        route53_list_resource_record_sets_large(route53),
        route53_get_change(route53),
        route53_change_resource_record_sets(route53),
        route53_invalid_change_batch(route53),
        route53_no_such_hosted_zone(route53),
    ]
    return fixtures, {"cloudfront": cloudfront, "route53": route53}


def outputs(fixtures: list[Fixture], models: dict[str, Model]) -> dict[str, bytes]:
    files = {f.name: f.body for f in fixtures}
    files["responses.json"] = responses_json(fixtures, models)
    files["README.md"] = readme(fixtures)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a committed file differs")
    args = parser.parse_args()
    ensure_botocore()
    try:
        fixtures, models = build()
    except ShapeError as err:
        raise SystemExit(f"error: a generated value does not fit the model: {err}")
    check(fixtures, models)
    files = outputs(fixtures, models)
    if args.check:
        stale = [n for n, data in files.items() if not (OUT / n).exists() or (OUT / n).read_bytes() != data]
        if stale:
            raise SystemExit(f"error: {', '.join(stale)} in {OUT.relative_to(ROOT)} differ from what "
                             "`python3 scripts/make_fixtures.py` generates")
        print(f"{len(files)} files in {OUT.relative_to(ROOT)} are up to date")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT.relative_to(ROOT) / name} ({len(data):,} bytes)")
    print(f"all {len(fixtures)} fixtures checked with botocore {VERSION}'s rest-xml parser")


if __name__ == "__main__":
    main()
