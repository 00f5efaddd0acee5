//! A moto server (`moto[server]`, pinned in scripts/test.sh) for the end
//! to end tests: started on a free loopback port, killed when dropped, so a
//! test's server stops when the test ends, pass or fail; or one shared by a
//! test binary's tests ([`Moto::shared`]), which stops when the binary ends.

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
        Moto::spawn(false)
    }

    /// One server for every test of a test binary that asks for it,
    /// started by the first. A static is never dropped, so this one stops
    /// when the binary exits instead: it watches its standard input, a pipe
    /// from this process, and exits at its end. Tests sharing it run at
    /// the same time: each must keep its resources apart from the others'.
    pub fn shared() -> &'static Moto {
        static SHARED: std::sync::OnceLock<Moto> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Moto::spawn(true))
    }

    /// Starts the server; with `watch_stdin`, it exits when its standard
    /// input (a pipe kept open by the returned `Moto`) ends.
    fn spawn(watch_stdin: bool) -> Moto {
        const WATCHED: &str = "import os, sys, threading\n\
            threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()\n\
            from moto.server import main\n\
            main(sys.argv[1:])";
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let port_text = port.to_string();
        let server = ["-H", "127.0.0.1", "-p", port_text.as_str()];
        let mut command = Command::new("python3");
        if watch_stdin {
            command.args(["-c", WATCHED]).args(server).stdin(Stdio::piped());
        } else {
            command.args(["-m", "moto.server"]).args(server);
        }
        let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect(
            "python3 -m moto.server (install with: python3 -m pip install 'moto[server]==5.2.1'; scripts/test.sh does)",
        );
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
