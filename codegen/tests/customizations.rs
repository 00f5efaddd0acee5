//! Customizations are chosen by the model's service id, and only there:
//! the same small model gets Route 53's id fixing and error reading when
//! its `serviceId` is "Route 53" (whatever its API version), and nothing
//! under any other id.

use restxml_codegen::model::ServiceModel;
use restxml_codegen::{Settings, generate_from_model};

fn model(service_id: &str, api_version: &str) -> ServiceModel {
    let json = serde_json::json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": api_version, "protocol": "rest-xml", "endpointPrefix": "route53",
            "serviceFullName": "Amazon Route 53", "serviceId": service_id, "signatureVersion": "v4",
            "xmlNamespace": "https://route53.amazonaws.com/doc/2013-04-01/"
        },
        "operations": {
            "GetHostedZone": {
                "name": "GetHostedZone",
                "http": { "method": "GET", "requestUri": "/zone/{Id}" },
                "input": { "shape": "GetHostedZoneRequest" },
                "errors": [{ "shape": "InvalidChangeBatch" }]
            }
        },
        "shapes": {
            "ResourceId": { "type": "string" },
            "TagResourceId": { "type": "string" },
            "ErrorMessage": { "type": "string" },
            "ErrorMessages": { "type": "list", "member": { "shape": "ErrorMessage", "locationName": "Message" } },
            "GetHostedZoneRequest": {
                "type": "structure",
                "required": ["Id"],
                "members": {
                    "Id": { "shape": "ResourceId", "location": "uri", "locationName": "Id" },
                    "Tag": { "shape": "TagResourceId", "location": "querystring", "locationName": "tag" }
                }
            },
            "InvalidChangeBatch": {
                "type": "structure",
                "members": { "messages": { "shape": "ErrorMessages" }, "message": { "shape": "ErrorMessage" } },
                "exception": true
            }
        }
    });
    ServiceModel::from_json(&json.to_string(), "service-2.json").unwrap()
}

fn operation_file(service_id: &str, api_version: &str) -> (String, String) {
    let settings = Settings {
        crate_name: "r53".into(),
        runtime_path: "../runtime".into(),
        operations: None,
        command: "test".into(),
        endpoints: None,
    };
    let krate = generate_from_model(&model(service_id, api_version), &settings).unwrap();
    let file = |path: &str| krate.files[std::path::Path::new(path)].clone();
    (file("src/operation/get_hosted_zone.rs"), file("types/src/error/invalid_change_batch.rs"))
}

#[test]
fn route53_customizations_follow_the_service_id_not_the_api_version() {
    for api_version in ["2013-04-01", "2031-01-01"] {
        let (operation, error) = operation_file("Route 53", api_version);
        // The ResourceId label is trimmed; the TagResourceId query is not.
        assert!(
            operation.contains("restxml_runtime::customizations::route53::resource_id(value)"),
            "{api_version}:\n{operation}"
        );
        assert_eq!(operation.matches("customizations::route53::resource_id").count(), 1, "{operation}");
        assert!(operation.contains("restxml_runtime::customizations::route53::error_metadata"), "{operation}");
        assert!(error.contains("\"Messages\""), "{error}");
    }
    let (operation, error) = operation_file("Other", "2013-04-01");
    assert!(!operation.contains("customizations"), "{operation}");
    assert!(operation.contains("restxml_runtime::error_body::error_metadata"), "{operation}");
    assert!(!error.contains("\"Messages\""), "{error}");
}
