#!/usr/bin/env python3
"""Generate botocore's behaviour for many CloudFront operations, both directions.

Usage: python3 scripts/botocore_operations.py

Loads the vendored model (model/cloudfront/<api-version>/service-2.json) and writes
tests/data/operations.json with two lists:

* "requests": params -> the HTTP request botocore 1.43.11 builds
  (ParamValidator must report no error, then the rest-xml serializer runs).
* "responses": an HTTP response -> the output botocore's rest-xml parser
  returns (ResponseMetadata dropped, values normalized), or the parsed error.

If the importable botocore is not 1.43.11 it is installed with pip and the
script re-executes itself. The output is deterministic (byte-identical reruns).

Every operation of the model gets an auto-generated "<op>_full" request
(every input member filled by walking the shape, depth <= 6 then required
members only) and, when it has optional members, an "<op>_minimal" request
(required members only). On the response side, the first operation (in model
order) returning a given payload shape gets "<op>_full" (every output member
filled); every operation with a structure payload gets "<op>_minimal" (header
members plus only the required members of the payload), so each payload
shape is filled completely once and the file stays small. Hand-written cases
then cover the binding kinds and quirks below.

Coverage (binding kind -> cases; "auto" marks auto-generated ones, the other
cases are hand-written; the auto cases alone cover all 167 operations):

  binding kind                          | operations
  --------------------------------------+--------------------------------------------
  URI label (single / two / escaped)    | GetDistribution, GetInvalidation,
                                        | ListDistributionsByOwnedResource (ARN label)
  query string, string values           | ListDistributions (Marker, MaxItems),
                                        | ListCachePolicies (enum Type), ListTagsForResource
  query string, integer values          | ListAnycastIpLists, ListConflictingAliases
  query string, boolean values          | none in the model (only boolean *headers*)
  static query in requestUri            | CreateDistributionWithTags (?WithTags),
                                        | TagResource / UntagResource (?Operation=...)
  If-Match request header               | UpdateDistribution, DeleteDistribution,
                                        | PublishFunction, UpdateFunction, ...
  boolean request header                | CopyDistribution (Staging true/false),
                                        | UpdateTrustStore (UseClientCertificateOCSPEndpoint)
  structure payload                     | CreateDistribution, UpdateDistribution,
                                        | CreateInvalidation, CreateCachePolicy, ...
  union payload                         | UpdateTrustStore (CaCertificatesBundleSource)
  body members without payload          | CreateFunction (blob), TestFunction (blob),
                                        | CreateRealtimeLogConfig (long SamplingRate),
                                        | PutResourcePolicy, CreateTrustStore (union),
                                        | CopyDistribution, ListConnectionGroups
  body members all absent -> no body    | ListTrustStores, ListConnectionGroups
  optional payload absent -> no body    | UpdateTrustStore
  no input members                      | none in the model (every op has a member)
  long / double / float members         | CreateCachePolicy (long TTLs),
                                        | CreateResponseHeadersPolicy (double),
                                        | CreateContinuousDeploymentPolicy (float Weight)
  deprecated members                    | CreateDistribution / GetDistributionConfig
                                        | (CacheBehavior MinTTL, ForwardedValues, ...)
  ETag / Location response headers      | CreateDistribution (201), GetDistribution, ...
  header names case-insensitive         | CreateDistribution (lowercase etag/location)
  model header typo "ETtag"             | UpdateFunction
  no output / empty output shape        | auto: DeleteDistribution (204, no shape),
                                        | DeleteMonitoringSubscription (200, no members)
  output body without payload member    | auto: GetResourcePolicy (root element named
                                        | after the output shape), CreateRealtimeLogConfig
  raw blob payload (streaming)          | GetFunction, GetConnectionFunction
                                        | (UTF-8 and non-UTF-8 bytes)
  timestamps in outputs                 | GetInvalidation (several lexical forms)
  empty list / Quantity 0               | ListDistributions (no Items, <Items/>)
  empty payload body on 200             | GetDistribution
  header members + required-only payload| auto: "<op>_minimal" response cases
  error responses (>= 5 operations)     | GetDistribution, UpdateDistribution,
                                        | CreateDistribution, DeleteDistribution,
                                        | TestFunction, CreateInvalidation,
                                        | GetFunction, ListDistributions; plus an
                                        | empty-body 404 and an HTML 503

Normalization of parsed outputs: datetime -> RFC 3339 UTC with "Z" and the
fraction without trailing zeros (none if zero); bytes -> standard base64;
everything else as botocore returns it. Streaming blob payloads (GetFunction,
GetConnectionFunction) are given to the parser as a botocore StreamingBody,
as botocore's endpoint does, then read and base64-encoded. Response headers
are given as a botocore HeadersDict (case-insensitive), as botocore does.
"""
import base64
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from pinned_botocore import VERSION, ensure_botocore, model_dir

ROOT = Path(__file__).resolve().parent.parent
MODEL = model_dir("cloudfront") / "service-2.json"
OUTPUT = ROOT / "tests" / "data" / "operations.json"
NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/"
MAX_DEPTH = 6
REQUEST_ID = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"



def snake(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def b64(data):
    return base64.b64encode(data).decode("ascii")


# ---------------------------------------------------------------------------
# Deterministic values from the model
# ---------------------------------------------------------------------------

ARN = "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"
FUNCTION_CODE = b"function handler(event) {\n  return event.request;\n}\n"
EVENT_OBJECT = b'{"version":"1.0","context":{"eventType":"viewer-request"},"request":{"method":"GET","uri":"/index.html"}}'
POLICY_DOCUMENT = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"AWS":"arn:aws:iam::123456789012:root"},'
    '"Action":"cloudfront:CreateDistribution","Resource":"*"}]}'
)
PUBLIC_KEY = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAEXAMPLE\n"
    "-----END PUBLIC KEY-----\n"
)

STRINGS = {
    "Id": "EDFDVBD6EXAMPLE",
    "DistributionId": "EDFDVBD6EXAMPLE",
    "TargetDistributionId": "EDFDVBD6EXAMPLE",
    "PrimaryDistributionId": "EDFDVBD6EXAMPLE",
    "StagingDistributionId": "E3STAGINGEXAMPLE",
    "IfMatch": "E2QWRUHAPOMQZL",
    "ETag": "E2QWRUHAPOMQZL",
    "CallerReference": "ref-2024-03-15-001",
    "Comment": "generated from the model",
    "DomainName": "d111111abcdef8.cloudfront.net",
    "Marker": "EMARKER000001",
    "NextMarker": "EMARKER000002",
    "MaxItems": "100",
    "Name": "example-name",
    "Resource": ARN,
    "PolicyDocument": POLICY_DOCUMENT,
    "EncodedKey": PUBLIC_KEY,
    "ContentType": "application/octet-stream",
    "Status": "Deployed",
}
INTEGERS = {
    "HTTPPort": 80,
    "HTTPSPort": 443,
    "ErrorCode": 404,
    "OriginReadTimeout": 30,
    "OriginKeepaliveTimeout": 5,
    "ConnectionAttempts": 3,
    "ConnectionTimeout": 10,
    "MaxItems": 100,
    "IpCount": 3,
}
LONGS = {"MinTTL": 0, "DefaultTTL": 86400, "MaxTTL": 31536000, "SamplingRate": 100,
         "ErrorCachingMinTTL": 300}


class Gen:
    """Fills shapes with deterministic values (JSON form: blobs as base64 text).

    Structures get every member down to MAX_DEPTH, then only required members.
    Lists get 2 items at the top levels, 1 deeper (never below the shape's min).
    A structure with a Quantity member and one list member gets
    Quantity == len(list) (0 with the list absent).
    """

    def __init__(self, response):
        self.response = response
        self.flip = False

    def boolean(self):
        self.flip = not self.flip
        return self.flip

    def value(self, shape, label, depth=0, index=None, required_only=False):
        t = shape.type_name
        meta = shape.metadata
        if t == "structure":
            return self.structure(shape, depth, required_only, label)
        if t == "list":
            n = 2 if depth <= 1 else 1
            n = max(n, meta.get("min", 0))
            return [self.value(shape.member, label, depth, i, required_only) for i in range(n)]
        enum = meta.get("enum")
        if enum:
            return enum[(index or 0) % len(enum)]
        if t == "string":
            if label.endswith(("Arn", "ARN")):
                return ARN
            base = STRINGS.get(label, f"{snake(label).replace('_', '-')}-value")
            return base if index is None else f"{base}-{index + 1}"
        if t == "integer":
            return max(INTEGERS.get(label, 7), meta.get("min", 0))
        if t == "long":
            return LONGS.get(label, 31536000)
        if t == "double":
            return 12.5
        if t == "float":
            return 0.125
        if t == "boolean":
            return self.boolean()
        if t == "timestamp":
            return "2024-03-15T17:42:09.123Z" if self.response else "2024-03-15T17:42:09Z"
        if t == "blob":
            return b64(FUNCTION_CODE)
        raise AssertionError(f"unhandled type {t}")

    def structure(self, shape, depth, required_only, label=""):
        required = set(shape.metadata.get("required", []))
        only_required = required_only or depth >= MAX_DEPTH
        out = {}
        for name, member in shape.members.items():
            if shape.is_tagged_union:
                if out:
                    break  # a union gets exactly one member: the first
            elif only_required and name not in required:
                continue
            # List items of a Quantity/Items wrapper are named after the wrapper.
            child = label if name == "Items" and label else name
            out[name] = self.value(member, child, depth + 1, None, required_only)
        fix_quantities(out, shape)
        return out


def fix_quantities(value, shape):
    """Quantity == len(<the list member>), or 0 when the list is absent."""
    if shape.type_name != "structure" or "Quantity" not in shape.members:
        return
    lists = [n for n, m in shape.members.items() if m.type_name == "list"]
    if len(lists) == 1 and "Quantity" in value:
        value["Quantity"] = len(value.get(lists[0], []))


def check_quantities(value, shape, path=""):
    """Assert the Quantity rule over a whole params tree."""
    if shape.type_name == "structure" and isinstance(value, dict):
        if "Quantity" in shape.members and "Quantity" in value:
            lists = [n for n, m in shape.members.items() if m.type_name == "list"]
            if len(lists) == 1:
                items = value.get(lists[0])
                assert value["Quantity"] == (len(items) if items is not None else 0), path
        for k, v in value.items():
            check_quantities(v, shape.members[k], f"{path}.{k}")
    elif shape.type_name == "list":
        for i, v in enumerate(value):
            check_quantities(v, shape.member, f"{path}[{i}]")


def in_model_order(value, shape):
    """Reorder struct members into model order: botocore emits XML children in dict order."""
    if shape.type_name == "structure" and isinstance(value, dict):
        known = {k: in_model_order(value[k], m) for k, m in shape.members.items() if k in value}
        return {**known, **{k: v for k, v in value.items() if k not in shape.members}}
    if shape.type_name == "list" and isinstance(value, list):
        return [in_model_order(v, shape.member) for v in value]
    return value


def to_botocore(value, shape):
    """JSON params -> botocore params: base64 text of blob members becomes bytes."""
    if shape.type_name == "structure":
        return {k: to_botocore(v, shape.members[k]) for k, v in value.items()}
    if shape.type_name == "list":
        return [to_botocore(v, shape.member) for v in value]
    if shape.type_name == "blob":
        return base64.b64decode(value, validate=True)
    return value


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------

def s3_origin(origin_id="s3-origin", domain="example-bucket.s3.us-east-1.amazonaws.com"):
    return {"Id": origin_id, "DomainName": domain, "OriginPath": "",
            "S3OriginConfig": {"OriginAccessIdentity": ""},
            "OriginAccessControlId": "E2OACEXAMPLE"}


def legacy_behavior(path_pattern=None):
    """A cache behavior using the deprecated ForwardedValues / *TTL members."""
    b = {}
    if path_pattern is not None:
        b["PathPattern"] = path_pattern
    b.update({
        "TargetOriginId": "s3-origin",
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"],
                           "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]}},
        "Compress": True,
        "ForwardedValues": {
            "QueryString": False,
            "Cookies": {"Forward": "whitelist",
                        "WhitelistedNames": {"Quantity": 2, "Items": ["session", "lang"]}},
            "Headers": {"Quantity": 1, "Items": ["Origin"]},
            "QueryStringCacheKeys": {"Quantity": 0},
        },
        "MinTTL": 0,
        "DefaultTTL": 86400,
        "MaxTTL": 31536000,
    })
    return b


def legacy_distribution_config():
    return {
        "CallerReference": "legacy-2024-03-15",
        "Aliases": {"Quantity": 1, "Items": ["www.example.com"]},
        "DefaultRootObject": "index.html",
        "Origins": {"Quantity": 1, "Items": [s3_origin()]},
        "DefaultCacheBehavior": legacy_behavior(),
        "CacheBehaviors": {"Quantity": 1, "Items": [legacy_behavior("/images/*")]},
        "CustomErrorResponses": {"Quantity": 1, "Items": [
            {"ErrorCode": 404, "ResponsePagePath": "/404.html", "ResponseCode": "404",
             "ErrorCachingMinTTL": 300}]},
        "Comment": "legacy cache settings & deprecated members",
        "PriceClass": "PriceClass_100",
        "Enabled": True,
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True,
                              "MinimumProtocolVersion": "TLSv1.2_2021"},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "HttpVersion": "http2and3",
        "IsIPV6Enabled": True,
    }


def modern_distribution_config():
    return {
        "CallerReference": "modern-2024-03-15",
        "Origins": {"Quantity": 1, "Items": [s3_origin()]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "s3-origin",
            "ViewerProtocolPolicy": "https-only",
            "Compress": False,
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        "Comment": "",
        "Enabled": False,
    }


def req(op, name, description, params):
    return {"operation": op, "name": name, "description": description, "params": params}


CODE_B64 = b64(FUNCTION_CODE)

HAND_REQUESTS = [
    req("ListDistributions", "list_distributions_no_params",
        "No params: empty query, no headers, empty body", {}),
    req("ListDistributions", "list_distributions_marker_max_items",
        "Query strings Marker and MaxItems (MaxItems is a string-typed member)",
        {"Marker": "EDFDVBD6EXAMPLE", "MaxItems": "10"}),
    req("ListDistributions", "list_distributions_marker_special_chars",
        "Query value with space, &, =, / and non-ASCII: botocore keeps the raw value in "
        "query_string (percent-encoding happens later, when the URL is built)",
        {"Marker": "a b&c=d/é"}),
    req("ListAnycastIpLists", "list_anycast_ip_lists_integer_max_items",
        "Integer-typed query string MaxItems (rendered in decimal)",
        {"Marker": "aip-marker", "MaxItems": 25}),
    req("ListConflictingAliases", "list_conflicting_aliases_query",
        "Four query strings, MaxItems integer-typed",
        {"DistributionId": "EDFDVBD6EXAMPLE", "Alias": "*.example.com", "Marker": "m1",
         "MaxItems": 50}),
    req("ListCachePolicies", "list_cache_policies_type_managed",
        "Enum-typed query string Type", {"Type": "managed", "MaxItems": "5"}),
    req("ListFunctions", "list_functions_stage",
        "Query string Stage (enum)", {"Stage": "LIVE"}),
    req("ListTagsForResource", "list_tags_for_resource_arn_query",
        "ARN with ':' and '/' as a query value (kept raw)", {"Resource": ARN}),
    req("GetDistribution", "get_distribution_uri_label",
        "Single URI label", {"Id": "EDFDVBD6EXAMPLE"}),
    req("GetDistribution", "get_distribution_uri_label_escaping",
        "URI label percent-encoding: only A-Za-z0-9 -._~ stay unescaped ('/' becomes %2F)",
        {"Id": "a/b c+d%é~_-."}),
    req("GetInvalidation", "get_invalidation_two_uri_labels",
        "Two URI labels", {"DistributionId": "EDFDVBD6EXAMPLE", "Id": "I2J0I21PCUYOIK"}),
    req("ListDistributionsByOwnedResource", "list_distributions_by_owned_resource_arn_label",
        "An ARN in a URI label (':' and '/' percent-encoded) plus query strings",
        {"ResourceArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                        "loadbalancer/app/my-alb/50dc6c495c0c9188",
         "Marker": "m", "MaxItems": "2"}),
    req("CreateDistribution", "create_distribution_legacy_cache_settings",
        "Structure payload DistributionConfig with deprecated CacheBehavior and "
        "DefaultCacheBehavior members (ForwardedValues, MinTTL, DefaultTTL, MaxTTL), "
        "integer ErrorCode and long TTLs; '&' in Comment is escaped",
        {"DistributionConfig": legacy_distribution_config()}),
    req("UpdateDistribution", "update_distribution_if_match",
        "URI label + If-Match header + structure payload (cache-policy based config, "
        "empty Comment, Enabled false)",
        {"DistributionConfig": modern_distribution_config(), "Id": "EDFDVBD6EXAMPLE",
         "IfMatch": "E2QWRUHAPOMQZL"}),
    req("CreateDistributionWithTags", "create_distribution_with_tags_static_query",
        "requestUri with a static query (?WithTags): botocore leaves it in url_path and "
        "the query list empty",
        {"DistributionConfigWithTags": {
            "DistributionConfig": modern_distribution_config(),
            "Tags": {"Items": [{"Key": "env", "Value": "prod"}, {"Key": "team"}]}}}),
    req("DeleteDistribution", "delete_distribution_if_match",
        "URI label + If-Match, no body", {"Id": "EDFDVBD6EXAMPLE", "IfMatch": "E2QWRUHAPOMQZL"}),
    req("CopyDistribution", "copy_distribution_staging_true",
        "Boolean header Staging=true, If-Match, body members under the "
        "CopyDistributionRequest root (no payload member)",
        {"PrimaryDistributionId": "EDFDVBD6EXAMPLE", "Staging": True,
         "IfMatch": "E2QWRUHAPOMQZL", "CallerReference": "copy-1", "Enabled": False}),
    req("CopyDistribution", "copy_distribution_staging_false",
        "Boolean header Staging=false",
        {"PrimaryDistributionId": "EDFDVBD6EXAMPLE", "Staging": False,
         "IfMatch": "E2QWRUHAPOMQZL", "CallerReference": "copy-2"}),
    req("CreateInvalidation", "create_invalidation_paths",
        "URI label + InvalidationBatch payload with 3 paths",
        {"DistributionId": "EDFDVBD6EXAMPLE", "InvalidationBatch": {
            "Paths": {"Quantity": 3, "Items": ["/index.html", "/images/*", "/a b/ü?x=1&y=2"]},
            "CallerReference": "inv-2024-03-15"}}),
    req("CreateFunction", "create_function_blob_code",
        "Body members without payload; blob FunctionCode is base64 in the XML",
        {"Name": "rewrite-index", "FunctionConfig": {
            "Comment": "rewrite / to /index.html", "Runtime": "cloudfront-js-2.0",
            "KeyValueStoreAssociations": {"Quantity": 1, "Items": [
                {"KeyValueStoreARN": "arn:aws:cloudfront::123456789012:key-value-store/"
                                     "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"}]}},
         "FunctionCode": CODE_B64}),
    req("UpdateFunction", "update_function_if_match_blob",
        "URI label + If-Match + body members including a blob",
        {"Name": "rewrite-index", "IfMatch": "ETVPDKIKX0DER",
         "FunctionConfig": {"Comment": "", "Runtime": "cloudfront-js-1.0"},
         "FunctionCode": b64(b"function handler(e) { return e.request; }")}),
    req("TestFunction", "test_function_blob_event",
        "Blob EventObject in the body, Stage enum, If-Match",
        {"Name": "rewrite-index", "IfMatch": "ETVPDKIKX0DER", "Stage": "DEVELOPMENT",
         "EventObject": b64(EVENT_OBJECT)}),
    req("TestFunction", "test_function_empty_event",
        "Zero-length blob (min 0) serializes as an empty element",
        {"Name": "f", "IfMatch": "E1", "EventObject": ""}),
    req("PublishFunction", "publish_function_no_body",
        "URI label + If-Match only", {"Name": "rewrite-index", "IfMatch": "ETVPDKIKX0DER"}),
    req("CreateRealtimeLogConfig", "create_realtime_log_config_long_sampling_rate",
        "Body members without payload; SamplingRate is a long in this model; EndPoints "
        "is a list without a member locationName (items are <member>)",
        {"EndPoints": [{"StreamType": "Kinesis", "KinesisStreamConfig": {
            "RoleARN": "arn:aws:iam::123456789012:role/cf-logs",
            "StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/cf-logs"}}],
         "Fields": ["timestamp", "c-ip", "sc-status"], "Name": "rt-logs", "SamplingRate": 5}),
    req("PutResourcePolicy", "put_resource_policy",
        "Body members without payload; JSON text with quotes in an element",
        {"ResourceArn": ARN, "PolicyDocument": POLICY_DOCUMENT}),
    req("GetResourcePolicy", "get_resource_policy",
        "POST with a single body member", {"ResourceArn": ARN}),
    req("CreateTrustStore", "create_trust_store_union",
        "Union CaCertificatesBundleSource (one member set) among body members",
        {"Name": "ts-1", "CaCertificatesBundleSource": {"CaCertificatesBundleS3Location": {
            "Bucket": "ca-bundles", "Key": "bundle.pem", "Region": "us-east-1",
            "Version": "3"}},
         "UseClientCertificateOCSPEndpoint": True,
         "Tags": {"Items": [{"Key": "k", "Value": "v"}]}}),
    req("UpdateTrustStore", "update_trust_store_union_payload",
        "Union as the payload + boolean header UseClientCertificateOCSPEndpoint=false",
        {"Id": "ts-123", "CaCertificatesBundleSource": {"CaCertificatesBundleS3Location": {
            "Bucket": "ca-bundles", "Key": "bundle-v2.pem", "Region": "eu-west-1"}},
         "UseClientCertificateOCSPEndpoint": False, "IfMatch": "E1"}),
    req("UpdateTrustStore", "update_trust_store_no_payload",
        "Optional payload absent: empty body", {"Id": "ts-123", "IfMatch": "E1"}),
    req("TagResource", "tag_resource_static_and_dynamic_query",
        "Static query ?Operation=Tag stays in url_path; Resource in the query list; "
        "Tags payload",
        {"Resource": ARN, "Tags": {"Items": [{"Key": "env", "Value": "prod"},
                                            {"Key": "cost-center", "Value": "42"}]}}),
    req("UntagResource", "untag_resource",
        "Static query ?Operation=Untag; TagKeys payload",
        {"Resource": ARN, "TagKeys": {"Items": ["env", "cost-center"]}}),
    req("CreateCachePolicy", "create_cache_policy_long_ttls",
        "Long members DefaultTTL/MaxTTL/MinTTL (31536000 etc.)",
        {"CachePolicyConfig": {
            "Comment": "long TTLs", "Name": "long-ttl", "DefaultTTL": 86400,
            "MaxTTL": 31536000, "MinTTL": 1,
            "ParametersInCacheKeyAndForwardedToOrigin": {
                "EnableAcceptEncodingGzip": True, "EnableAcceptEncodingBrotli": False,
                "HeadersConfig": {"HeaderBehavior": "none"},
                "CookiesConfig": {"CookieBehavior": "allExcept", "Cookies": {
                    "Quantity": 1, "Items": ["tracking"]}},
                "QueryStringsConfig": {"QueryStringBehavior": "all"}}}}),
    req("CreateResponseHeadersPolicy", "create_response_headers_policy_double",
        "Double member ServerTimingHeadersConfig.SamplingRate = 12.5",
        {"ResponseHeadersPolicyConfig": {"Name": "timing", "ServerTimingHeadersConfig": {
            "Enabled": True, "SamplingRate": 12.5}}}),
    req("CreateResponseHeadersPolicy", "create_response_headers_policy_integral_double",
        "Integral double 100.0: botocore writes Python str(), i.e. '100.0'",
        {"ResponseHeadersPolicyConfig": {"Name": "timing", "ServerTimingHeadersConfig": {
            "Enabled": False, "SamplingRate": 100.0}}}),
    req("CreateContinuousDeploymentPolicy", "create_continuous_deployment_policy_float",
        "Float member SingleWeightConfig.Weight = 0.125",
        {"ContinuousDeploymentPolicyConfig": {
            "StagingDistributionDnsNames": {"Quantity": 1, "Items": ["d2222.cloudfront.net"]},
            "Enabled": True,
            "TrafficConfig": {"SingleWeightConfig": {
                "Weight": 0.125, "SessionStickinessConfig": {
                    "IdleTTL": 300, "MaximumTTL": 600}},
                "Type": "SingleWeight"}}}),
    req("DeleteMonitoringSubscription", "delete_monitoring_subscription",
        "URI label only, DELETE without If-Match", {"DistributionId": "EDFDVBD6EXAMPLE"}),
    req("ListTrustStores", "list_trust_stores_empty_body",
        "Operation with only body members and none given: no body at all", {}),
    req("ListConnectionGroups", "list_connection_groups_filter",
        "Nested body struct AssociationFilter + integer MaxItems in the body",
        {"AssociationFilter": {"AnycastIpListId": "aip-1"}, "MaxItems": 10}),
    req("UpdateDistributionWithStagingConfig", "update_distribution_with_staging_config",
        "URI label + query string + If-Match header",
        {"Id": "EDFDVBD6EXAMPLE", "StagingDistributionId": "E3STAGINGEXAMPLE",
         "IfMatch": "E2QWRUHAPOMQZL, E3STAGINGETAG"}),
    req("AssociateAlias", "associate_alias",
        "PUT with URI label + query string, no body",
        {"TargetDistributionId": "EDFDVBD6EXAMPLE", "Alias": "www.example.com"}),
    req("CreateStreamingDistribution", "create_streaming_distribution",
        "Structure payload with Quantity/Items wrappers",
        {"StreamingDistributionConfig": {
            "CallerReference": "sd-1",
            "S3Origin": {"DomainName": "media.s3.amazonaws.com", "OriginAccessIdentity": ""},
            "Aliases": {"Quantity": 0},
            "Comment": "rtmp",
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
            "Enabled": True}}),
    req("CreatePublicKey", "create_public_key_multiline",
        "Multi-line PEM text inside an element",
        {"PublicKeyConfig": {"CallerReference": "pk-1", "Name": "pk", "EncodedKey": PUBLIC_KEY,
                             "Comment": "<key>"}}),
    req("CreateConnectionFunction", "create_connection_function_blob",
        "Blob ConnectionFunctionCode among body members",
        {"Name": "conn-fn", "ConnectionFunctionConfig": {
            "Comment": "c", "Runtime": "cloudfront-js-2.0"},
         "ConnectionFunctionCode": CODE_B64}),
    req("TestConnectionFunction", "test_connection_function_blob",
        "Blob ConnectionObject, URI label, If-Match",
        {"Id": "cf-1", "IfMatch": "E1", "Stage": "LIVE",
         "ConnectionObject": b64(b"\x00\x01\xfe\xff binary")}),
]


def serialize(params, op):
    """Validate and serialize (botocore params); return the 'expected' object."""
    from botocore.serialize import create_serializer
    from botocore.validate import ParamValidator

    report = ParamValidator().validate(params, op.input_shape)
    if report.has_errors():
        raise AssertionError(f"{op.name}: invalid params:\n{report.generate_report()}")
    r = create_serializer("rest-xml", include_validation=False).serialize_to_request(params, op)
    query = []
    for k, v in r["query_string"].items():
        for item in v if isinstance(v, list) else [v]:
            query.append([k, str(item)])
    body = r.get("body") or b""
    return {
        "method": r["method"],
        "path": r["url_path"],
        "query": query,
        "headers": {k: str(v) for k, v in r["headers"].items()},
        "body": body.decode("utf-8") if isinstance(body, bytes) else body,
    }


def request_cases(service):
    cases = []
    for op_name in service.operation_names:
        op = service.operation_model(op_name)
        shape = op.input_shape
        full = Gen(response=False).structure(shape, 0, False)
        cases.append(req(op_name, f"{snake(op_name)}_full",
                         "Auto-generated from the model: every input member filled", full))
        minimal = Gen(response=False).structure(shape, 0, True)
        if minimal != full:
            cases.append(req(op_name, f"{snake(op_name)}_minimal",
                             "Auto-generated from the model: required members only", minimal))
    cases.extend(HAND_REQUESTS)
    out = []
    for c in cases:
        op = service.operation_model(c["operation"])
        params = in_model_order(c["params"], op.input_shape)
        check_quantities(params, op.input_shape)
        expected = serialize(to_botocore(params, op.input_shape), op)
        out.append({**c, "params": params, "expected": expected})
    return out


# ---------------------------------------------------------------------------
# Responses
# ---------------------------------------------------------------------------

def xml_scalar(value, shape):
    t = shape.type_name
    if t == "boolean":
        return "true" if value else "false"
    if t in ("float", "double"):
        return repr(float(value))
    return str(value)


def to_xml(parent, name, value, shape):
    import xml.etree.ElementTree as ET

    el = ET.SubElement(parent, name)
    if shape.type_name == "structure":
        for mname, mshape in shape.members.items():
            if "location" in mshape.serialization or mname not in value:
                continue
            to_xml(el, mshape.serialization.get("name", mname), value[mname], mshape)
    elif shape.type_name == "list":
        item_name = shape.member.serialization.get("name", "member")
        for item in value:
            to_xml(el, item_name, item, shape.member)
    else:
        el.text = xml_scalar(value, shape)
    return el


def xml_document(root_name, value, shape, pretty=False):
    import xml.etree.ElementTree as ET

    holder = ET.Element("holder")
    root = to_xml(holder, root_name, value, shape)
    root.set("xmlns", NS)
    if pretty:
        ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def location_url(op):
    uri = op.http["requestUri"].split("?")[0]
    uri = re.sub(r"{[^}]+}", "EDFDVBD6EXAMPLE", uri)
    return f"https://cloudfront.amazonaws.com{uri}/EDFDVBD6EXAMPLE"


def response_for(op, value=None, required_only=False, pretty=False):
    """Build (status, headers, body bytes) from a value tree of the output shape."""
    status = int(op.http.get("responseCode", 200))
    headers = {}
    shape = op.output_shape
    if shape is None:
        return status, headers, b""
    if value is None:
        gen = Gen(response=True)
        value = gen.structure(shape, -1, False)
        if required_only:
            # Keep the header members and the payload member itself; fill
            # only the required members inside the payload.
            payload = shape.serialization.get("payload")
            if payload is not None and shape.members[payload].type_name == "structure":
                value[payload] = Gen(response=True).structure(
                    shape.members[payload], 0, True, payload)
    for mname, mshape in shape.members.items():
        if mshape.serialization.get("location") == "header" and mname in value:
            hv = location_url(op) if mname == "Location" else value[mname]
            headers[mshape.serialization["name"]] = xml_scalar(hv, mshape)
    headers["x-amzn-RequestId"] = REQUEST_ID
    payload = shape.serialization.get("payload")
    if payload is not None:
        pshape = shape.members[payload]
        if payload not in value:
            return status, headers, b""
        if pshape.type_name == "blob":
            return status, headers, base64.b64decode(value[payload])
        root = shape.members[payload].serialization.get("name", pshape.name)
        body = xml_document(root, value[payload], pshape, pretty)
    else:
        body_members = {k: v for k, v in value.items()
                        if "location" not in shape.members[k].serialization}
        if not any("location" not in m.serialization for m in shape.members.values()):
            return status, headers, b""
        body = xml_document(shape.name, body_members, shape, pretty)
    headers["Content-Type"] = "text/xml"
    return status, headers, body.encode("utf-8")


def normalize(value):
    if isinstance(value, datetime):
        value = value.astimezone(timezone.utc)
        frac = f"{value.microsecond:06d}".rstrip("0")
        return value.strftime("%Y-%m-%dT%H:%M:%S") + (f".{frac}" if frac else "") + "Z"
    if isinstance(value, (bytes, bytearray)):
        return b64(bytes(value))
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


def parse(op, status, headers, body):
    """Parse like botocore's endpoint: HeadersDict headers, StreamingBody for blob payloads."""
    from botocore.awsrequest import HeadersDict
    from botocore.parsers import create_parser
    from botocore.response import StreamingBody

    if status < 300 and op.has_streaming_output:
        raw_body = StreamingBody(io.BytesIO(body), len(body))
    else:
        raw_body = body
    parsed = create_parser("rest-xml").parse(
        {"status_code": status, "headers": HeadersDict(headers), "body": raw_body},
        op.output_shape,
    )
    if status >= 300:
        meta = parsed.get("ResponseMetadata", {})
        return {"error": {"code": parsed["Error"].get("Code"),
                          "message": parsed["Error"].get("Message"),
                          "request_id": meta.get("RequestId")}}
    parsed.pop("ResponseMetadata", None)
    for name, value in list(parsed.items()):
        if isinstance(value, StreamingBody):
            parsed[name] = value.read()
    return {"output": normalize(parsed)}


def resp(op, name, description, status, headers, body):
    try:
        text, text_b64 = body.decode("utf-8"), None
    except UnicodeDecodeError:
        text, text_b64 = "", b64(body)
    return {"operation": op, "name": name, "description": description,
            "response": {"status": status, "headers": headers, "body": text,
                         "body_base64": text_b64}}


def error_body(code, message, request_id=REQUEST_ID, kind="Sender"):
    return (f'<?xml version="1.0"?>\n<ErrorResponse xmlns="{NS}"><Error><Type>{kind}</Type>'
            f"<Code>{code}</Code><Message>{message}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>").encode("utf-8")


def error_case(service, op_name, code, message, kind="Sender", note=""):
    status = service.shape_for(code).metadata["error"]["httpStatusCode"]
    headers = {"x-amzn-RequestId": REQUEST_ID, "Content-Type": "text/xml"}
    return resp(op_name, f"{snake(op_name)}_error_{snake(code)}",
                f"Error response {code} (HTTP {status}) from the ErrorResponse body{note}",
                status, headers, error_body(code, message, kind=kind))


def hand_responses(service):
    op = service.operation_model
    cases = []

    # 201 with Location and ETag headers; deprecated members in the config.
    create = op("CreateDistribution")
    status, headers, _ = response_for(create)
    dist = {
        "Id": "EDFDVBD6EXAMPLE",
        "ARN": ARN,
        "Status": "InProgress",
        "LastModifiedTime": "2024-03-15T17:42:09.123Z",
        "InProgressInvalidationBatches": 0,
        "DomainName": "d111111abcdef8.cloudfront.net",
        "DistributionConfig": legacy_distribution_config(),
    }
    body = xml_document("Distribution", dist, create.output_shape.members["Distribution"])
    cases.append(resp("CreateDistribution", "create_distribution_created_legacy_config",
                      "201 with Location + ETag headers; DistributionConfig uses deprecated "
                      "ForwardedValues / MinTTL / DefaultTTL / MaxTTL in DefaultCacheBehavior "
                      "and CacheBehaviors; timestamp and '&' entity in text",
                      status, headers, body.encode("utf-8")))
    lower = {k.lower(): v for k, v in headers.items()}
    cases.append(resp("CreateDistribution", "create_distribution_lowercase_headers",
                      "Header names in lower case (etag, location): botocore matches "
                      "them case-insensitively (HeadersDict, as its endpoint does)",
                      status, lower, body.encode("utf-8")))

    # Pretty-printed body: whitespace text in container elements is ignored.
    status, headers, body = response_for(op("GetDistributionConfig"), pretty=True)
    cases.append(resp("GetDistributionConfig", "get_distribution_config_pretty_printed",
                      "Indented XML (whitespace-only text between elements); every "
                      "DistributionConfig member incl. deprecated CacheBehavior MinTTL / "
                      "ForwardedValues", status, headers, body))

    # Empty lists / Quantity 0.
    lst = op("ListDistributions")
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<DistributionList xmlns="{NS}">'
            "<Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated>"
            "<Quantity>0</Quantity></DistributionList>").encode()
    cases.append(resp("ListDistributions", "list_distributions_empty_no_items",
                      "Quantity 0 and no Items element: Items absent from the output; "
                      "empty Marker element parses as ''",
                      200, {"x-amzn-RequestId": REQUEST_ID}, body))
    body = (f'<DistributionList xmlns="{NS}"><Marker/><NextMarker>EXYZ</NextMarker>'
            "<MaxItems>1</MaxItems><IsTruncated>true</IsTruncated><Quantity>0</Quantity>"
            "<Items/></DistributionList>").encode()
    cases.append(resp("ListDistributions", "list_distributions_empty_items_element",
                      "Self-closing <Items/> parses as an empty list; no XML declaration",
                      200, {}, body))

    # Timestamps in several lexical forms.
    inv = op("GetInvalidation")
    for suffix, ts, what in [
        ("no_fraction", "2024-03-15T17:42:09Z", "without fraction"),
        ("microseconds", "2024-03-15T17:42:09.123456Z", "with 6 fraction digits"),
        ("trailing_zeros", "2024-03-15T17:42:09.500Z", "with trailing zero fraction digits"),
        ("offset", "2024-03-15T19:42:09.25+02:00", "with a +02:00 offset (normalized to UTC)"),
    ]:
        value = {"Invalidation": {
            "Id": "I2J0I21PCUYOIK", "Status": "Completed", "CreateTime": ts,
            "InvalidationBatch": {"Paths": {"Quantity": 1, "Items": ["/*"]},
                                  "CallerReference": "inv-1"}}}
        status, headers, body = response_for(inv, value)
        cases.append(resp("GetInvalidation", f"get_invalidation_timestamp_{suffix}",
                          f"Timestamp CreateTime {what}", status, headers, body))

    # Raw blob payloads.
    for op_name in ("GetFunction", "GetConnectionFunction"):
        o = op(op_name)
        payload = o.output_shape.serialization["payload"]
        for suffix, data, what in [
            ("utf8", FUNCTION_CODE, "UTF-8 JavaScript"),
            ("binary", b"\x00\x01\x02\xfe\xff\x80 not utf-8", "non-UTF-8 bytes, given in body_base64"),
            ("empty", b"", "empty body"),
        ]:
            value = {payload: b64(data), "ETag": "ETVPDKIKX0DER",
                     "ContentType": "application/octet-stream"}
            status, headers, body = response_for(o, value)
            cases.append(resp(op_name, f"{snake(op_name)}_raw_payload_{suffix}",
                              f"Raw blob payload ({what}) read from botocore's StreamingBody "
                              "and base64-encoded; ETag and Content-Type headers",
                              status, headers, body))

    # UpdateFunction's ETag member is bound to the header "ETtag" in the model.
    uf = op("UpdateFunction")
    status, headers, body = response_for(uf)
    real = {("ETag" if k == "ETtag" else k): v for k, v in headers.items()}
    cases.append(resp("UpdateFunction", "update_function_real_etag_header",
                      "Model quirk: the ETag member's header is 'ETtag'; a real 'ETag' "
                      "header is therefore ignored and ETag is absent from the output",
                      status, real, body))

    # Empty body where a payload structure is expected.
    status, headers, _ = response_for(op("GetDistribution"))
    cases.append(resp("GetDistribution", "get_distribution_empty_body",
                      "200 with an empty body: botocore still yields an empty payload "
                      "structure", status, headers, b""))

    # Plain-text special characters inside elements.
    oai = op("GetCloudFrontOriginAccessIdentity")
    value = {"ETag": "E1", "CloudFrontOriginAccessIdentity": {
        "Id": "E74FTE3AEXAMPLE", "S3CanonicalUserId": "cd13868f797c227fbea2c64793157e2b",
        "CloudFrontOriginAccessIdentityConfig": {
            "CallerReference": "a<b>&\"c'", "Comment": ""}}}
    status, headers, body = response_for(oai, value)
    cases.append(resp("GetCloudFrontOriginAccessIdentity", "get_oai_escaped_text_empty_comment",
                      "Escaped <, >, & in text; empty Comment element parses as ''",
                      status, headers, body))

    # Errors.
    cases += [
        error_case(service, "GetDistribution", "NoSuchDistribution",
                   "The specified distribution does not exist."),
        error_case(service, "UpdateDistribution", "PreconditionFailed",
                   "The If-Match version is missing or not valid."),
        error_case(service, "CreateDistribution", "CNAMEAlreadyExists",
                   "One or more of the CNAMEs &amp; aliases &lt;www.example.com&gt; "
                   "already exist.", note="; entities in the message are decoded"),
        error_case(service, "DeleteDistribution", "DistributionNotDisabled",
                   "The distribution you are trying to delete has not been disabled."),
        error_case(service, "TestFunction", "TestFunctionFailed",
                   "The CloudFront function failed.", kind="Receiver",
                   note="; status 500 with an XML body is parsed normally"),
        error_case(service, "CreateInvalidation", "BatchTooLarge",
                   "Invalidation batch specified is too large."),
        error_case(service, "GetFunction", "NoSuchFunctionExists",
                   "The function does not exist.",
                   note="; streaming-output operation, error bodies are read whole"),
        error_case(service, "ListDistributions", "AccessDenied", "Access denied."),
    ]
    cases.append(resp("DeleteDistribution", "delete_distribution_error_empty_body",
                      "404 with an empty body: Code is the status code, Message the HTTP "
                      "reason phrase, RequestId from the x-amz-request-id header ('' if none)",
                      404, {"x-amzn-RequestId": REQUEST_ID}, b""))
    cases.append(resp("ListDistributions", "list_distributions_error_503_html",
                      "503 with an HTML body: generic error, Code '503', Message "
                      "'Service Unavailable', no RequestId",
                      503, {"Content-Type": "text/html"},
                      b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>"))
    return cases


def response_cases(service):
    cases = []
    first_full = {}  # payload shape name -> operation whose "full" case fills it
    for op_name in service.operation_names:
        op = service.operation_model(op_name)
        shape = op.output_shape
        payload = shape.serialization.get("payload") if shape is not None else None
        structure_payload = payload and shape.members[payload].type_name == "structure"
        pshape = shape.members[payload].name if structure_payload else None
        if pshape is None or pshape not in first_full:
            if pshape is not None:
                first_full[pshape] = op_name
            status, headers, body = response_for(op)
            if shape is None:
                what = "operation without output shape: empty body, output {}"
            elif not shape.members:
                what = "output shape without members: empty body, output {}"
            else:
                what = "every output member filled (lists of 1-2 items, depth <= 6)"
            cases.append(resp(op_name, f"{snake(op_name)}_full",
                              f"Auto-generated from the model: {what}", status, headers, body))
            note = ""
        else:
            status, headers, body = None, None, None
            note = (f" (payload shape {pshape} is filled completely in "
                    f"{snake(first_full[pshape])}_full)")
        if shape is not None and any(m.serialization.get("name") == "ETtag"
                                     for m in shape.members.values()):
            note += "; model quirk: the ETag member is bound to the header 'ETtag'"
        if pshape is not None:
            mstatus, mheaders, mbody = response_for(op, required_only=True)
            if mbody != body or mheaders != headers:
                cases.append(resp(op_name, f"{snake(op_name)}_minimal",
                                  "Auto-generated from the model: header members plus only "
                                  f"the required members of the payload{note}",
                                  mstatus, mheaders, mbody))
    cases.extend(hand_responses(service))
    out = []
    for c in cases:
        op = service.operation_model(c["operation"])
        r = c["response"]
        body = base64.b64decode(r["body_base64"]) if r["body_base64"] else r["body"].encode()
        out.append({**c, "expected": parse(op, r["status"], r["headers"], body)})
    return out


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------

def binding_kinds(op):
    kinds = set()
    shape = op.input_shape
    for m in shape.members.values():
        loc = m.serialization.get("location")
        if loc:
            kinds.add(f"in:{loc}:{m.type_name}")
    payload = shape.serialization.get("payload")
    if payload:
        kinds.add(f"in:payload:{shape.members[payload].type_name}"
                  + (":union" if shape.members[payload].is_tagged_union else ""))
    elif any("location" not in m.serialization for m in shape.members.values()):
        kinds.add("in:body-members")
    out = op.output_shape
    if out is None:
        kinds.add("out:none")
    else:
        for name, m in out.members.items():
            if m.serialization.get("location") == "header":
                kinds.add(f"out:header:{name}")
        payload = out.serialization.get("payload")
        if payload:
            kinds.add(f"out:payload:{out.members[payload].type_name}")
        elif any("location" not in m.serialization for m in out.members.values()):
            kinds.add("out:body-members")
        else:
            kinds.add("out:empty")
    return kinds


def verify(service, requests, responses):
    names = [c["name"] for c in requests]
    assert len(names) == len(set(names)), "duplicate request case names"
    names = [c["name"] for c in responses]
    assert len(names) == len(set(names)), "duplicate response case names"
    for c in requests:
        op = service.operation_model(c["operation"])
        ordered = in_model_order(c["params"], op.input_shape)
        assert json.dumps(ordered) == json.dumps(c["params"]), f"{c['name']}: member order"
        check_quantities(c["params"], op.input_shape)
        again = serialize(to_botocore(c["params"], op.input_shape), op)  # validates too
        assert again == c["expected"], c["name"]
    for c in responses:
        op = service.operation_model(c["operation"])
        r = c["response"]
        body = base64.b64decode(r["body_base64"]) if r["body_base64"] else r["body"].encode()
        assert not (r["body"] and r["body_base64"]), c["name"]
        assert parse(op, r["status"], r["headers"], body) == c["expected"], c["name"]
        assert ("error" in c["expected"]) == (r["status"] >= 300), c["name"]
    req_ops = {c["operation"] for c in requests}
    resp_ops = {c["operation"] for c in responses}
    err_ops = {c["operation"] for c in responses if "error" in c["expected"]}
    assert len(req_ops) >= 32 and len(resp_ops) >= 30 and len(err_ops) >= 5
    every = set().union(*(binding_kinds(service.operation_model(o))
                          for o in service.operation_names))
    covered_in = set().union(*(binding_kinds(service.operation_model(o)) for o in req_ops))
    covered_out = set().union(*(binding_kinds(service.operation_model(o)) for o in resp_ops))
    missing = {k for k in every if k.startswith("in:") and k not in covered_in}
    missing |= {k for k in every if k.startswith("out:") and k not in covered_out}
    assert not missing, f"binding kinds not covered: {sorted(missing)}"
    return len(req_ops), len(resp_ops), len(err_ops)


def main():
    ensure_botocore()
    from botocore.model import ServiceModel

    with MODEL.open(encoding="utf-8") as f:
        service = ServiceModel(json.load(f), service_name="cloudfront")
    requests = request_cases(service)
    responses = response_cases(service)
    n_req_ops, n_resp_ops, n_err_ops = verify(service, requests, responses)
    out = {
        "generated_by": "python3 scripts/botocore_operations.py",
        "botocore_version": VERSION,
        "requests": requests,
        "responses": responses,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(requests)} request cases ({n_req_ops} operations), "
          f"{len(responses)} response cases ({n_resp_ops} operations, "
          f"{n_err_ops} with errors)")


if __name__ == "__main__":
    main()
