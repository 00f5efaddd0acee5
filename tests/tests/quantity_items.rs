//! CloudFront's `Quantity`/`Items` wrappers: nobody counts by hand, and a
//! count that disagrees with the items never leaves the process.

use cloudfront_sdk::types::{Aliases, AllowedMethods, CachedMethods, Method, TrustedSigners};
use restxml_runtime::error::BuildErrorKind;
use restxml_runtime::xml::{WriteXml, XmlWriter};

fn xml<T: WriteXml>(value: &T) -> Result<String, restxml_runtime::BuildError> {
    let mut writer = XmlWriter::new();
    value.write_xml(writer.root("X"))?;
    Ok(writer.as_str().to_string())
}

#[test]
fn builders_count_items() {
    let aliases = Aliases::builder().items(vec!["a.example.com".into(), "b.example.com".into()]).build().unwrap();
    assert_eq!(aliases.quantity, 2);
    let none = Aliases::builder().build().unwrap();
    assert_eq!((none.quantity, none.items), (0, None));
    let signers = TrustedSigners::builder().enabled(true).items(vec!["self".into()]).build().unwrap();
    assert_eq!(signers.quantity, 1);
}

#[test]
fn from_items_counts_too() {
    let aliases = Aliases::from(vec!["a.example.com".to_string()]);
    assert_eq!(aliases.quantity, 1);
    assert_eq!(xml(&aliases).unwrap(), "<X><Quantity>1</Quantity><Items><CNAME>a.example.com</CNAME></Items></X>");
    let cached = CachedMethods::from(vec![Method::Get, Method::Head]);
    assert_eq!(cached.quantity, 2);
}

#[test]
fn a_disagreeing_quantity_is_refused_by_the_builder() {
    let err = Aliases::builder().quantity(3).items(vec!["a".into()]).build().unwrap_err();
    assert_eq!(
        err.kind(),
        &BuildErrorKind::InvalidValue {
            field: "Aliases.Quantity".into(),
            reason: "Quantity is 3 but Items has 1 entries".into()
        }
    );
}

#[test]
fn a_disagreeing_quantity_is_refused_when_writing() {
    let mut aliases = Aliases::from(vec!["a".to_string(), "b".to_string()]);
    aliases.quantity = 1;
    let err = xml(&aliases).unwrap_err();
    assert!(err.to_string().contains("Aliases.Quantity"), "{err}");
    aliases.items = None;
    assert!(xml(&aliases).is_err(), "a positive Quantity without Items");
    aliases.quantity = 0;
    assert!(xml(&aliases).is_ok());

    // Nested: the check runs wherever the wrapper sits.
    let mut methods = AllowedMethods::builder()
        .items(vec![Method::Get, Method::Head])
        .cached_methods(CachedMethods::from(vec![Method::Get]))
        .build()
        .unwrap();
    methods.cached_methods.as_mut().unwrap().quantity = 5;
    assert!(xml(&methods).unwrap_err().to_string().contains("CachedMethods.Quantity"));
}

#[test]
fn absent_and_empty_items_stay_distinct() {
    let empty = Aliases::from(Vec::<String>::new());
    assert_eq!(xml(&empty).unwrap(), "<X><Quantity>0</Quantity><Items></Items></X>");
    let absent = Aliases::builder().build().unwrap();
    assert_eq!(xml(&absent).unwrap(), "<X><Quantity>0</Quantity></X>");
    let read_empty: Aliases = restxml_runtime::xml::read_document(xml(&empty).unwrap().as_bytes(), "X").unwrap();
    assert_eq!(read_empty.items, Some(vec![]));
    let read_absent: Aliases = restxml_runtime::xml::read_document(xml(&absent).unwrap().as_bytes(), "X").unwrap();
    assert_eq!(read_absent.items, None);
}
