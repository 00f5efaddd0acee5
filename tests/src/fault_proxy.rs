//! A fault-injecting HTTP/1.1 proxy on loopback for the fault tests
//! (`tests/tests/faults.rs`): it sits between a client and an upstream
//! server (moto's), and answers each request with the next fault a test
//! queued, or passes it through once the queue is empty. It records every
//! request it reads (method, path, body, the connection it came on, the
//! fault it got) and counts those it forwarded upstream.
//!
//! Plain HTTP only, requests with a `Content-Length` body (what the clients
//! under test send); each forwarded request goes upstream on a connection
//! of its own (`Connection: close`), and its response comes back to the
//! client with a `Content-Length` on a kept-alive connection. Dropping the
//! proxy stops it and every connection it holds.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// What the proxy does with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Reads the request, forwards nothing, and resets the connection (TCP
    /// RST) without a response.
    ResetBeforeResponse,
    /// Forwards the request, sends the response's head and half its body,
    /// then resets the connection.
    ResetMidBody,
    /// Forwards the request, sends the response's head and half its body,
    /// then sends nothing more for this long (then closes).
    StallBody(Duration),
    /// Forwards the request, sends the response's head (with the whole
    /// body's `Content-Length`) and half its body, then closes the
    /// connection in order (FIN).
    Truncate,
    /// Answers with this status (500, 503, ...) and a CloudFront-style
    /// error body, forwarding nothing; the connection stays open.
    Status(u16),
    /// Answers 400 with a CloudFront-style `Throttling` error, and
    /// `x-amz-retry-after` (milliseconds) when given, forwarding nothing;
    /// the connection stays open.
    Throttle {
        /// The `x-amz-retry-after` header's value, in milliseconds.
        retry_after_ms: Option<u64>,
    },
}

/// A request the proxy read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Its method.
    pub method: String,
    /// Its path and query.
    pub path: String,
    /// Its body bytes.
    pub body: Vec<u8>,
    /// Which connection it came on: 0 for the first the proxy accepted, 1
    /// for the second, ...
    pub connection: usize,
    /// The fault it got (`None`: passed through).
    pub fault: Option<Fault>,
}

/// What the proxy shares with its connections.
#[derive(Debug)]
struct State {
    upstream: String,
    faults: Mutex<VecDeque<Fault>>,
    seen: Mutex<Vec<Seen>>,
    forwarded: AtomicUsize,
    connections: AtomicUsize,
}

/// A running proxy; dropping it stops it.
#[derive(Debug)]
pub struct FaultProxy {
    url: String,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

/// Locks `mutex`, whether or not a holder panicked.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl FaultProxy {
    /// Starts a proxy on a free loopback port in front of `upstream`
    /// (`http://host:port`, such as moto's URL), on the current tokio
    /// runtime.
    pub async fn start(upstream: &str) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("the proxy's address"));
        let upstream = upstream.strip_prefix("http://").unwrap_or(upstream).trim_end_matches('/').to_owned();
        let state = Arc::new(State {
            upstream,
            faults: Mutex::new(VecDeque::new()),
            seen: Mutex::new(Vec::new()),
            forwarded: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
        });
        let shared = state.clone();
        let task = tokio::spawn(async move {
            // Dropped with the accept loop: aborts every connection's task.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let number = shared.connections.fetch_add(1, Ordering::SeqCst);
                connections.spawn(serve(stream, number, shared.clone()));
                while connections.try_join_next().is_some() {}
            }
        });
        FaultProxy { url, state, task }
    }

    /// Its endpoint, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Queues `fault` for the next request not yet given one.
    pub fn push(&self, fault: Fault) {
        lock(&self.state.faults).push_back(fault);
    }

    /// Queues `fault` for each of the next `n` requests (a burst).
    pub fn push_n(&self, fault: Fault, n: usize) {
        for _ in 0..n {
            self.push(fault.clone());
        }
    }

    /// The requests read so far, in order.
    pub fn requests(&self) -> Vec<Seen> {
        lock(&self.state.seen).clone()
    }

    /// How many requests were forwarded upstream (passed through, or with
    /// a fault applied to the upstream's response).
    pub fn forwarded(&self) -> usize {
        self.state.forwarded.load(Ordering::SeqCst)
    }

    /// How many connections the proxy accepted.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One HTTP message read off a connection: the head's lines (start line
/// first) and the body.
struct Message {
    lines: Vec<String>,
    body: Vec<u8>,
}

impl Message {
    /// The value of header `name` (any case).
    fn header(&self, name: &str) -> Option<&str> {
        self.lines[1..].iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// The head's lines but the start line, without the hop-by-hop and
    /// framing headers the proxy writes itself.
    fn end_to_end_headers(&self) -> impl Iterator<Item = &String> {
        self.lines[1..].iter().filter(|line| {
            let name = line.split_once(':').map_or("", |(name, _)| name.trim());
            !["connection", "keep-alive", "content-length", "transfer-encoding"]
                .iter()
                .any(|hop| name.eq_ignore_ascii_case(hop))
        })
    }
}

/// Reads the next message's head and `Content-Length` body from `stream`,
/// `buffer` holding bytes read past the last one; `None` at the end of the
/// stream (or an error).
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Message> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        fill(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let lines: Vec<String> = head.split("\r\n").map(str::to_owned).collect();
    let mut message = Message { lines, body: Vec::new() };
    let length: usize = message.header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let start = head_end + 4;
    while buffer.len() < start + length {
        fill(stream, buffer).await?;
    }
    message.body = buffer[start..start + length].to_vec();
    buffer.drain(..start + length);
    Some(message)
}

/// Reads more of `stream` into `buffer`; `None` at its end.
async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}

/// Serves one client connection until it closes or a fault ends it.
async fn serve(mut stream: TcpStream, number: usize, state: Arc<State>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer).await {
        let fault = lock(&state.faults).pop_front();
        let mut start = request.lines[0].split(' ');
        lock(&state.seen).push(Seen {
            method: start.next().unwrap_or_default().to_owned(),
            path: start.next().unwrap_or_default().to_owned(),
            body: request.body.clone(),
            connection: number,
            fault: fault.clone(),
        });
        match fault {
            Some(Fault::ResetBeforeResponse) => return reset(stream),
            Some(Fault::Status(status)) => {
                let code = if status == 503 { "ServiceUnavailable" } else { "InternalError" };
                let body = error_body("Receiver", code, "injected by the fault proxy");
                if write_response(&mut stream, status, &[], &body).await.is_err() {
                    return;
                }
                continue;
            }
            Some(Fault::Throttle { retry_after_ms }) => {
                let hint = retry_after_ms.map(|ms| ("x-amz-retry-after".to_owned(), ms.to_string()));
                let body = error_body("Sender", "Throttling", "Rate exceeded");
                if write_response(&mut stream, 400, hint.as_slice(), &body).await.is_err() {
                    return;
                }
                continue;
            }
            _ => {}
        }
        state.forwarded.fetch_add(1, Ordering::SeqCst);
        let Some(response) = forward(&state.upstream, &request).await else {
            // Upstream is gone: a 502, as a gateway would answer.
            let body = error_body("Receiver", "BadGateway", "the upstream did not answer");
            let _ = write_response(&mut stream, 502, &[], &body).await;
            return;
        };
        let head = response_head(&response, response.body.len());
        let half = &response.body[..response.body.len() / 2];
        match fault {
            None => {
                let mut whole = head.into_bytes();
                whole.extend_from_slice(&response.body);
                if stream.write_all(&whole).await.is_err() {
                    return;
                }
            }
            Some(Fault::ResetMidBody) => {
                let _ = write_part(&mut stream, &head, half).await;
                // Lets the client read the head and the part before the reset.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return reset(stream);
            }
            Some(Fault::StallBody(pause)) => {
                let _ = write_part(&mut stream, &head, half).await;
                tokio::time::sleep(pause).await;
                return;
            }
            Some(Fault::Truncate) => {
                let _ = write_part(&mut stream, &head, half).await;
                let _ = stream.shutdown().await;
                return;
            }
            Some(Fault::ResetBeforeResponse | Fault::Status(_) | Fault::Throttle { .. }) => {
                unreachable!("answered above")
            }
        }
    }
}

/// Closes `stream` with a reset (SO_LINGER zero) instead of a FIN.
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

/// Writes a response's head and part of its body, and flushes.
async fn write_part(stream: &mut TcpStream, head: &str, part: &[u8]) -> std::io::Result<()> {
    let mut bytes = head.as_bytes().to_vec();
    bytes.extend_from_slice(part);
    stream.write_all(&bytes).await?;
    stream.flush().await
}

/// A CloudFront-style `<ErrorResponse>` body.
fn error_body(kind: &str, code: &str, message: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">\
         <Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error>\
         <RequestId>fault-proxy</RequestId></ErrorResponse>"
    )
    .into_bytes()
}

/// Writes a whole response of the proxy's own, with `headers`.
async fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} Injected\r\nContent-Type: text/xml\r\nx-amzn-RequestId: fault-proxy\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    stream.write_all(&bytes).await
}

/// The head for `response` with a body of `length` bytes, kept alive.
fn response_head(response: &Message, length: usize) -> String {
    let mut head = format!("{}\r\n", response.lines[0]);
    for line in response.end_to_end_headers() {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    head
}

/// Sends `request` upstream on a connection of its own and reads the whole
/// response (to the end of the connection); `None` if that fails.
async fn forward(upstream: &str, request: &Message) -> Option<Message> {
    let mut connection = TcpStream::connect(upstream).await.ok()?;
    let mut head = format!("{}\r\n", request.lines[0]);
    for line in request.end_to_end_headers() {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", request.body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&request.body);
    connection.write_all(&bytes).await.ok()?;
    let mut raw = Vec::new();
    connection.read_to_end(&mut raw).await.ok()?;
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut response = Message { lines: head.split("\r\n").map(str::to_owned).collect(), body: Vec::new() };
    let rest = &raw[head_end + 4..];
    response.body = if response.header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else {
        match response.header("content-length").and_then(|v| v.parse::<usize>().ok()) {
            Some(length) => rest.get(..length)?.to_vec(),
            None => rest.to_vec(),
        }
    };
    Some(response)
}

/// A chunked body's bytes; `None` if it is malformed.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}
