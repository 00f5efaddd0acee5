//! The same DNS-01 style program on aws-sdk-route53: builds the client, an
//! UPSERT of a TXT record and a GetChange call (futures made, not sent).

use aws_sdk_route53::config::{BehaviorVersion, Region};
use aws_sdk_route53::types::{Change, ChangeAction, ChangeBatch, ResourceRecord, ResourceRecordSet, RrType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let record = ResourceRecordSet::builder()
        .name("_acme-challenge.example.com.")
        .r#type(RrType::Txt)
        .ttl(60)
        .resource_records(ResourceRecord::builder().value("\"token\"").build()?)
        .build()?;
    let change = Change::builder().action(ChangeAction::Upsert).resource_record_set(record).build()?;
    let conf = aws_sdk_route53::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let client = aws_sdk_route53::Client::from_conf(conf);
    let change = client
        .change_resource_record_sets()
        .hosted_zone_id("Z1")
        .change_batch(ChangeBatch::builder().changes(change).build()?)
        .send();
    let status = client.get_change().id("C1").send();
    println!("{} {}", std::mem::size_of_val(&change), std::mem::size_of_val(&status));
    Ok(())
}
