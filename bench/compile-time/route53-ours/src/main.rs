//! A DNS-01 style program on the generated crate: builds the client, an
//! UPSERT of a TXT record and a GetChange call (futures made, not sent).

use route53_sdk::client::{Client, Config};
use route53_sdk::types::{Change, ChangeAction, ChangeBatch, RRType, ResourceRecord, ResourceRecordSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let record = ResourceRecordSet::builder()
        .name("_acme-challenge.example.com.")
        .r#type(RRType::Txt)
        .ttl(60)
        .resource_records(vec![ResourceRecord::builder().value("\"token\"").build()?])
        .build()?;
    let change = Change::builder().action(ChangeAction::Upsert).resource_record_set(record).build()?;
    let client = Client::new(Config::builder().region("us-east-1").build());
    let change = client
        .change_resource_record_sets()
        .hosted_zone_id("Z1")
        .change_batch(ChangeBatch::builder().changes(vec![change]).build()?)
        .send();
    let status = client.get_change().id("C1").send();
    println!("{} {}", std::mem::size_of_val(&change), std::mem::size_of_val(&status));
    Ok(())
}
