//! How much a 1 GiB object streamed through the client raises the
//! process's peak memory: PutObject from a file (`ByteStream::from_path`)
//! and GetObject read chunk by chunk, against moto's S3 (`python3 -m
//! moto.server`, as the tests pin it: `moto[server]==5.2.1`) on a free
//! loopback port. The peak resident set (`VmHWM`) is reset before each
//! phase (`/proc/self/clear_refs`), so each phase's peak is its own.
//!
//! ```sh
//! cargo run --release --manifest-path bench/s3-memory/Cargo.toml [-- SIZE_MIB]
//! ```

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use s3_sdk::ByteStream;
use s3_sdk::client::{Client, Config, Credentials};

const MIB: u64 = 1024 * 1024;

/// moto's server, killed on drop.
struct Moto(Child, String);

impl Moto {
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m moto.server (python3 -m pip install 'moto[server]==5.2.1')");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto(child, format!("http://127.0.0.1:{port}"))
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A field of `/proc/self/status`, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Resets the peak resident set to the current one.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting VmHWM (Linux 4.0 or later)");
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let size_mib: u64 = std::env::args().nth(1).map_or(1024, |a| a.parse().expect("SIZE_MIB"));
    let size = size_mib * MIB;
    let path = std::env::temp_dir().join(format!("s3-memory-{}.bin", std::process::id()));
    {
        use std::io::Write as _;
        let chunk: Vec<u8> = (0..MIB).map(|i| (i % 251) as u8).collect();
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for _ in 0..size_mib {
            file.write_all(&chunk).unwrap();
        }
    }
    let moto = Moto::start();
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&moto.1)
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .build(),
    );
    client.create_bucket().bucket("memory").send().await.unwrap();
    // Warm up: a small object both ways, so the baseline holds the client,
    // its connection pool and the runtime's threads.
    client.put_object().bucket("memory").key("small").body(vec![1u8; 64 * 1024]).send().await.unwrap();
    let small = client.get_object().bucket("memory").key("small").send().await.unwrap();
    small.body.unwrap().collect().await.unwrap();
    let baseline = status_kib("VmRSS:");

    reset_peak();
    let started = Instant::now();
    let body = ByteStream::from_path(&path).unwrap();
    client.put_object().bucket("memory").key("big").body(body).send().await.unwrap();
    let upload = started.elapsed();
    let upload_peak = status_kib("VmHWM:");

    reset_peak();
    let started = Instant::now();
    let object = client.get_object().bucket("memory").key("big").send().await.unwrap();
    let mut body = object.body.unwrap();
    let (mut read, mut sum) = (0u64, 0u64);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        read += chunk.len() as u64;
        sum = chunk.iter().fold(sum, |s, b| s.wrapping_add(u64::from(*b)));
    }
    let download = started.elapsed();
    let download_peak = status_kib("VmHWM:");
    let expected: u64 = (0..MIB).map(|i| i % 251).sum::<u64>() * size_mib;
    assert_eq!((read, sum), (size, expected), "the object came back different");
    std::fs::remove_file(&path).unwrap();

    println!("object: {size_mib} MiB; resident before: {:.1} MiB", mib(baseline));
    println!(
        "PutObject from a file: peak {:.1} MiB (+{:.1} MiB), {:.1} s, {:.0} MiB/s",
        mib(upload_peak),
        mib(upload_peak.saturating_sub(baseline)),
        upload.as_secs_f64(),
        size_mib as f64 / upload.as_secs_f64()
    );
    println!(
        "GetObject read in chunks: peak {:.1} MiB (+{:.1} MiB), {:.1} s, {:.0} MiB/s",
        mib(download_peak),
        mib(download_peak.saturating_sub(baseline)),
        download.as_secs_f64(),
        size_mib as f64 / download.as_secs_f64()
    );
}
