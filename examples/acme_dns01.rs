//! Publishes and removes an ACME DNS-01 challenge record in Route 53: the
//! job certbot's `dns-route53` plugin, lego and acme.sh do for a
//! certificate.
//!
//! **DNS-01.** To prove control of `example.com`, an ACME certificate
//! authority (Let's Encrypt, ...) hands the client a token; the client
//! derives the key authorization digest from it (base64url of the SHA-256 of
//! `token.thumbprint`) and publishes it as a TXT record at
//! `_acme-challenge.example.com`; the CA looks the record up over DNS, and
//! once it has seen it, the record can go. A wildcard name (`*.example.com`)
//! is validated at the same `_acme-challenge.example.com`. This program takes
//! the value to publish as `<token>` and does the Route 53 part:
//!
//! 1. UPSERT the TXT record `_acme-challenge.<domain>` (TTL 60, the value in
//!    double quotes, as TXT values are written),
//! 2. wait with the `ResourceRecordSetsChanged` waiter (GetChange until the
//!    change is `INSYNC`, i.e. every Route 53 name server serves it; the
//!    model's 30 s between polls, at most 60 polls),
//! 3. print the change id and status (this is when the CA would validate),
//! 4. DELETE the record (with the same TTL and value, as Route 53 requires)
//!    and wait again.
//!
//! **IAM.** The caller needs `route53:ChangeResourceRecordSets` on the zone
//! (`arn:aws:route53:::hostedzone/<id>`) and `route53:GetChange` on
//! `arn:aws:route53:::change/*`; nothing else, since the zone id is given
//! (tools that find the zone from the domain also need
//! `route53:ListHostedZones` or `ListHostedZonesByName`). A policy can narrow
//! the first to TXT records named `_acme-challenge.*` with the
//! `route53:ChangeResourceRecordSetsRecordTypes` and
//! `route53:ChangeResourceRecordSetsNormalizedRecordNames` condition keys.
//!
//! **Running it.** On AWS, with credentials from the environment or
//! `~/.aws` (`AWS_PROFILE`); the zone id as Route 53 returns it
//! (`/hostedzone/Z...`) or bare (`Z...`), either is fine:
//!
//! ```sh
//! cargo run -p cloudfront-examples --example acme_dns01 -- Z1D633PJN98FT9 example.com 'gfj9Xq...Rg85nM'
//! ```
//!
//! Against a local moto server (`python3 -m moto.server -p 5999`) with any
//! credentials, after creating a zone there (for example with botocore,
//! `create_hosted_zone(Name="example.com", CallerReference="1")`):
//!
//! ```sh
//! AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
//!   cargo run -p cloudfront-examples --example acme_dns01 -- /hostedzone/<id> example.com test-token \
//!   --endpoint-url http://127.0.0.1:5999
//! ```

use route53_sdk::client::{Client, Config};
use route53_sdk::operation::change_resource_record_sets::{
    ChangeResourceRecordSetsError, ChangeResourceRecordSetsInput,
};
use route53_sdk::types::{Change, ChangeAction, ChangeBatch, RRType, ResourceRecord, ResourceRecordSet};
use route53_sdk::{ProvideErrorMetadata, SdkError};

const USAGE: &str = "usage: acme_dns01 <hosted-zone-id> <domain> <token> [--endpoint-url URL]";

/// The challenge record's TTL: short, so a stale value does not linger in
/// resolvers between attempts.
const TTL: i64 = 60;

struct Args {
    zone_id: String,
    domain: String,
    token: String,
    endpoint_url: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut endpoint_url = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--endpoint-url" {
            endpoint_url = Some(args.next().ok_or("--endpoint-url needs a URL")?);
        } else if let Some(url) = arg.strip_prefix("--endpoint-url=") {
            endpoint_url = Some(url.to_string());
        } else if arg == "-h" || arg == "--help" {
            return Err(String::new());
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else {
            positional.push(arg);
        }
    }
    let [zone_id, domain, token]: [String; 3] =
        positional.try_into().map_err(|p: Vec<String>| format!("expected 3 arguments, got {}", p.len()))?;
    Ok(Args { zone_id, domain, token, endpoint_url })
}

/// `_acme-challenge.<domain>.`: a wildcard validates at its base name, and
/// the name is written fully qualified, as Route 53 returns names.
fn challenge_name(domain: &str) -> String {
    let domain = domain.trim_end_matches('.');
    let domain = domain.strip_prefix("*.").unwrap_or(domain);
    format!("_acme-challenge.{domain}.")
}

/// A TXT value as the zone file writes it: in double quotes, with `"` and
/// `\` escaped (an ACME digest is base64url and has neither).
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One change of the challenge record, as a whole ChangeResourceRecordSets
/// request.
fn change(
    zone_id: &str,
    action: ChangeAction,
    name: &str,
    value: &str,
) -> Result<ChangeResourceRecordSetsInput, Box<dyn std::error::Error>> {
    let record = ResourceRecordSet::builder()
        .name(name)
        .r#type(RRType::Txt)
        .ttl(TTL)
        .resource_records(vec![ResourceRecord::builder().value(value).build()?])
        .build()?;
    let change = Change::builder().action(action).resource_record_set(record).build()?;
    Ok(ChangeResourceRecordSetsInput::builder()
        // As Route 53 returns it (`/hostedzone/Z...`) or bare: the bare id is sent.
        .hosted_zone_id(zone_id)
        .change_batch(
            ChangeBatch::builder()
                .comment("ACME DNS-01 challenge (acme_dns01 example)")
                .changes(vec![change])
                .build()?,
        )
        .build()?)
}

/// Sends one change, then waits until Route 53 has it everywhere.
async fn apply(client: &Client, input: ChangeResourceRecordSetsInput) -> Result<(), Box<dyn std::error::Error>> {
    let action = input.change_batch.changes[0].action.as_str().to_string();
    let info = match client.change_resource_record_sets_with(input).send().await {
        Ok(output) => output.change_info,
        Err(SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error))) => {
            // Route 53 lists every problem with the batch.
            let messages = error.messages.clone().unwrap_or_default();
            return Err(format!(
                "{action} refused: {}",
                if messages.is_empty() { error.to_string() } else { messages.join("; ") }
            )
            .into());
        }
        Err(err) => {
            let code = err.as_service_error().and_then(|e| e.code()).unwrap_or("no code");
            return Err(format!("{action} failed ({code}): {err}").into());
        }
    };
    println!("{action}: change {} is {}", info.id, info.status.as_str());
    // The change id as returned (`/change/C...`) goes straight back.
    let synced = client.get_change().id(&info.id).wait_until_resource_record_sets_changed().await?;
    println!("{action}: change {} is {}", synced.change_info.id, synced.change_info.status.as_str());
    Ok(())
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("{problem}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(err) = run(args).await {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    // Route 53 is global; us-east-1 signs for it.
    let mut config = Config::builder().region("us-east-1");
    if let Some(url) = &args.endpoint_url {
        config = config.endpoint_url(url);
    }
    let client = Client::new(config.build());

    let name = challenge_name(&args.domain);
    let value = quoted(&args.token);
    println!("publishing TXT {name} {value}");
    apply(&client, change(&args.zone_id, ChangeAction::Upsert, &name, &value)?).await?;
    println!("{name} is served by every Route 53 name server; the CA can validate now");

    println!("removing TXT {name} {value}");
    apply(&client, change(&args.zone_id, ChangeAction::Delete, &name, &value)?).await?;
    println!("{name} removed");
    Ok(())
}
