//! The same program on aws-sdk-s3: builds the client (from a config, as
//! the generated crate's program does), a PutObject and a GetObject call
//! (futures made, not sent).

use aws_sdk_s3::config::{BehaviorVersion, Region};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::{Client, Config};

fn main() {
    let config = Config::builder().behavior_version(BehaviorVersion::latest()).region(Region::new("us-east-1")).build();
    let client = Client::from_conf(config);
    let put = client.put_object().bucket("bucket").key("key").body(ByteStream::from_static(b"hello")).send();
    let get = client.get_object().bucket("bucket").key("key").send();
    println!("{} {}", std::mem::size_of_val(&put), std::mem::size_of_val(&get));
}
