//! Plugging in your own HTTP stack: anything that implements
//! `cloudfront_sdk::client::HttpClient` (one method: send a signed
//! `http::Request<Vec<u8>>`, return the whole response) is a transport.
//!
//! This one is a deliberately small HTTP/1.1 client over tokio's
//! `TcpStream`, for plain-`http://` endpoints such as a local emulator; an
//! application would wrap the HTTP client it already has the same way
//! (`reqwest` needs no wrapper: enable the `reqwest` feature and use
//! `client::ReqwestClient`). With `default-features = false` and the
//! `client` feature instead of `https`, no HTTPS stack of ours is compiled:
//!
//! ```sh
//! python3 -m pip install 'moto[server]==5.2.1' && moto_server -p 5000 &
//! cargo run -p cloudfront-examples --example custom_transport -- http://127.0.0.1:5000
//! ```

use cloudfront_sdk::client::{
    BoxFuture, Client, Config, Credentials, HttpClient, RequestId as _, TransportError, TransportErrorKind,
};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// HTTP/1.1 over one TCP connection per request (`Connection: close`).
#[derive(Debug, Clone, Copy)]
struct PlainHttp;

impl HttpClient for PlainHttp {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let uri = request.uri();
            let (Some("http"), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
                return Err(TransportError::new(format!("PlainHttp only speaks http://, not {uri}")));
            };
            let host = authority.host().to_string();
            let port = authority.port_u16().unwrap_or(80);
            let mut stream = tokio::net::TcpStream::connect((host.as_str(), port))
                .await
                .map_err(|e| TransportError::of_kind(TransportErrorKind::Connect, "connecting").with_source(e))?;

            let path = uri.path_and_query().map_or("/", |p| p.as_str());
            let mut head =
                format!("{} {path} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\n", request.method());
            for (name, value) in request.headers() {
                let value = value.to_str().map_err(|e| TransportError::new("a header is not text").with_source(e))?;
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!("content-length: {}\r\n\r\n", request.body().len()));
            let io = |e: std::io::Error| TransportError::new("talking to the server").with_source(e);
            stream.write_all(head.as_bytes()).await.map_err(io)?;
            stream.write_all(request.body()).await.map_err(io)?;

            // Read to the end (the server closes), at most the head plus `max_body`.
            let mut raw = Vec::new();
            let limit = max_body as u64 + 64 * 1024;
            stream.take(limit + 1).read_to_end(&mut raw).await.map_err(io)?;
            if raw.len() as u64 > limit {
                return Err(TransportError::of_kind(TransportErrorKind::BodyTooLarge, "response too large"));
            }
            parse_response(&raw)
        })
    }
}

/// An HTTP/1.1 response with a `Content-Length` body (or one read to the end).
fn parse_response(raw: &[u8]) -> Result<http::Response<Vec<u8>>, TransportError> {
    let bad = |what: &str| TransportError::of_kind(TransportErrorKind::Body, format!("malformed response: {what}"));
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad("headers are not text"))?;
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).ok_or_else(|| bad("no status line"))?;
    let mut response = http::Response::builder().status(status.parse::<u16>().map_err(|_| bad("status"))?);
    let mut length = None;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| bad("a header without ':'"))?;
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse::<usize>().ok();
        }
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(bad("chunked bodies are beyond this example"));
        }
        response = response.header(name.trim(), value.trim());
    }
    let body = &raw[split + 4..];
    let body = match length {
        Some(n) => body.get(..n).ok_or_else(|| bad("body shorter than Content-Length"))?,
        None => body,
    };
    response.body(body.to_vec()).map_err(|e| bad(&e.to_string()))
}

#[tokio::main]
async fn main() -> Result<(), cloudfront_sdk::Error> {
    let endpoint = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:5000".to_string());
    let client = Client::new(
        Config::builder()
            .http_client(PlainHttp)
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    );
    let list = client.list_distributions().send().await?;
    let count = list.distribution_list.as_ref().and_then(|l| l.items.as_ref()).map_or(0, Vec::len);
    println!("{count} distributions (request id {:?})", list.request_id());
    Ok(())
}
