//! Puts and gets an object on the generated crate: builds the client, a
//! PutObject and a GetObject call (futures made, not sent).

use s3_sdk::client::{Client, Config};

fn main() {
    let client = Client::new(Config::builder().region("us-east-1").build());
    let put = client.put_object().bucket("bucket").key("key").body("hello").send();
    let get = client.get_object().bucket("bucket").key("key").send();
    println!("{} {}", std::mem::size_of_val(&put), std::mem::size_of_val(&get));
}
