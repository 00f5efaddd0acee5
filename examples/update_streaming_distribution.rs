//! Updates a streaming distribution's comment on real AWS, with credentials
//! from the environment or `~/.aws` and the read-modify-write helper (which
//! sends the change with the ETag it read, in `If-Match`):
//!
//! ```sh
//! AWS_PROFILE=... cargo run -p cloudfront-examples --example update_streaming_distribution -- EDFDVBD6EXAMPLE "new comment"
//! ```

use cloudfront_sdk::client::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(id), Some(comment)) = (args.next(), args.next()) else {
        eprintln!("usage: update_streaming_distribution <streaming distribution id> <comment>");
        std::process::exit(2);
    };
    // CloudFront is global; us-east-1 signs for it.
    let client = Client::new(Config::builder().region("us-east-1").build());
    let updated =
        client.get_streaming_distribution_config().id(&id).read_modify_write(|config| config.comment = comment).await?;
    println!("updated {id}; new ETag {:?}", updated.e_tag);
    Ok(())
}
