//! A canned HTTP/1.1 server on loopback for load and retry-storm tests:
//! every request gets the answer a function gives for its method and path,
//! over keep-alive connections, and the server counts requests and
//! connections (accepted, open now, most open at once).
//!
//! It reads requests with a `Content-Length` body (what the clients under
//! test send) and is not a general HTTP server. It depends on std and
//! tokio only, so `bench/load` compiles this same file.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// One response: status, headers (besides `Content-Length`, which the
/// server writes) and body.
#[derive(Debug, Clone)]
pub struct Canned {
    /// The HTTP status code.
    pub status: u16,
    /// Extra headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Arc<[u8]>,
}

/// What the server has seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Requests received (whole, body included).
    pub requests: u64,
    /// Connections accepted.
    pub connections: u64,
    /// Connections open now.
    pub open_connections: u64,
    /// The most connections open at once.
    pub peak_open_connections: u64,
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    connections: AtomicU64,
    open: AtomicU64,
    peak_open: AtomicU64,
}

type Answer = dyn Fn(&str, &str) -> Canned + Send + Sync;

/// A running server; it stops (and closes its connections) when dropped.
pub struct CannedServer {
    address: std::net::SocketAddr,
    counters: Arc<Counters>,
    accept: tokio::task::JoinHandle<()>,
}

impl CannedServer {
    /// Starts a server on an ephemeral loopback port that answers each
    /// request with `answer(method, path_and_query)`.
    pub async fn start(answer: impl Fn(&str, &str) -> Canned + Send + Sync + 'static) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let answer: Arc<Answer> = Arc::new(answer);
        let accept = tokio::spawn(accept_loop(listener, Arc::clone(&counters), answer));
        Ok(CannedServer { address, counters, accept })
    }

    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The counts so far.
    pub fn stats(&self) -> Stats {
        let counters = &self.counters;
        Stats {
            requests: counters.requests.load(Ordering::Relaxed),
            connections: counters.connections.load(Ordering::Relaxed),
            open_connections: counters.open.load(Ordering::Relaxed),
            peak_open_connections: counters.peak_open.load(Ordering::Relaxed),
        }
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every
        // connection task.
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, counters: Arc<Counters>, answer: Arc<Answer>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                counters.connections.fetch_add(1, Ordering::Relaxed);
                let open = counters.open.fetch_add(1, Ordering::Relaxed) + 1;
                counters.peak_open.fetch_max(open, Ordering::Relaxed);
                let counters = Arc::clone(&counters);
                let answer = Arc::clone(&answer);
                connections.spawn(async move {
                    // A connection ends when the client closes it or sends
                    // something this server does not read.
                    let _ = serve(stream, &counters, &*answer).await;
                    counters.open.fetch_sub(1, Ordering::Relaxed);
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve(stream: TcpStream, counters: &Counters, answer: &Answer) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut line = String::new();
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            return Ok(());
        };
        let (method, target) = (method.to_owned(), target.to_owned());
        let mut length = 0usize;
        loop {
            line.clear();
            if read.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        read.read_exact(&mut body).await?;
        counters.requests.fetch_add(1, Ordering::Relaxed);
        let canned = answer(&method, &target);
        let mut head = format!("HTTP/1.1 {} Canned\r\ncontent-length: {}\r\n", canned.status, canned.body.len());
        for (name, value) in &canned.headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        write.write_all(head.as_bytes()).await?;
        write.write_all(&canned.body).await?;
    }
}
