//! A moto server (`moto[server]`, pinned in scripts/test.sh) for the end
//! to end tests: started on a free loopback port, killed when dropped, so a
//! test's server stops when the test ends, pass or fail.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto server on a free port, killed on drop.
pub struct Moto {
    child: Child,
    /// Its endpoint, `http://127.0.0.1:<port>`.
    pub url: String,
}

impl Moto {
    /// Starts `python3 -m moto.server` on a free port and waits (at most
    /// 30 s) until it accepts connections.
    pub fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m moto.server (install with: python3 -m pip install 'moto[server]==5.2.1'; scripts/test.sh does)");
        let moto = Moto { child, url: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
