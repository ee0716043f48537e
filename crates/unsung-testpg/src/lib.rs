//! A real, throwaway PostgreSQL server for tests, from Debian's `postgresql-15` package.
//!
//! [`Cluster::start`] runs `initdb` in a fresh temporary directory and starts the server on a
//! free port of 127.0.0.1 (its Unix socket stays in that directory), with password (SCRAM)
//! authentication, so connecting as a role needs that role's password. PostgreSQL refuses to
//! run as root, so when the tests run as root every server command runs as the unprivileged
//! `postgres` user (through `runuser`), and the directory belongs to that user.
//!
//! The server always stops, and its directory is removed: a small supervisor shell waits on a
//! pipe from this process, and when the pipe closes (the cluster is dropped, or the test
//! process ends in any way, even killed) it stops the server and removes the directory. Every
//! wait is bounded. Nothing here needs a server installed system-wide or left running.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The superuser `initdb` creates.
pub const ADMIN: &str = "unsung_admin";
/// How long a server command (initdb, pg_ctl start/stop, psql) may take.
const COMMAND_LIMIT: Duration = Duration::from_secs(120);

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A running PostgreSQL server in a temporary directory.
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    admin_password: String,
    /// `Some("postgres")` when this process is root.
    run_as: Option<String>,
    /// The supervisor's stdin: closing it stops the server and removes `dir`.
    supervisor: Mutex<Option<(Child, ChildStdin)>>,
}

fn unique() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// Where Debian puts the server programs: `UNSUNG_PG_BIN`, or the newest
/// `/usr/lib/postgresql/<version>/bin` that has `initdb`.
fn server_bin() -> PathBuf {
    if let Some(dir) = std::env::var_os("UNSUNG_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "PostgreSQL server programs not found in /usr/lib/postgresql/<version>/bin: install \
             Debian's postgresql-15 package (scripts/setup does), or set UNSUNG_PG_BIN"
        )
    })
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs `command` to completion, killing it if it takes longer than [`COMMAND_LIMIT`].
fn run_bounded(mut command: Command, what: &str) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    let deadline = Instant::now() + COMMAND_LIMIT;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within {COMMAND_LIMIT:?}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("reading what {what} printed: {e}"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("find a free port on 127.0.0.1")
}

impl Cluster {
    /// One server for every test of this test binary, started on first use.
    pub fn shared() -> &'static Cluster {
        static SHARED: OnceLock<Cluster> = OnceLock::new();
        SHARED.get_or_init(Cluster::start)
    }

    /// Starts a new server of its own (for a test that stops and restarts it).
    pub fn start() -> Cluster {
        let bin = server_bin();
        let run_as = (command_output("id", &["-u"]).as_deref() == Some("0")).then(|| {
            let user = std::env::var("UNSUNG_PG_USER").unwrap_or_else(|_| "postgres".into());
            assert!(
                command_output("id", &["-u", &user]).is_some(),
                "PostgreSQL will not run as root and there is no user {user:?} to run it as: \
                 install postgresql-15 (it creates the postgres user) or set UNSUNG_PG_USER"
            );
            user
        });
        let dir = std::env::temp_dir().join(format!("unsung-pg-{}", unique()));
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        let admin_password = format!("admin-{}", unique());
        std::fs::write(dir.join("pwfile"), &admin_password).expect("write the password file");
        if let Some(user) = &run_as {
            let chown = run_bounded(
                {
                    let mut c = Command::new("chown");
                    c.args(["-R", &format!("{user}:")]).arg(&dir);
                    c
                },
                "chown",
            );
            assert!(chown.status.success(), "chown: {chown:?}");
        }
        let mut cluster = Cluster {
            dir,
            bin,
            port: 0,
            admin_password,
            run_as,
            supervisor: Mutex::new(None),
        };
        // The supervisor first, so that even a failed initdb leaves nothing behind.
        cluster.start_supervisor();
        let init = cluster.run_server_command(
            "initdb",
            &[
                "-D",
                &cluster.data().to_string_lossy(),
                "-U",
                ADMIN,
                &format!("--pwfile={}", cluster.dir.join("pwfile").display()),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            ],
        );
        assert!(
            init.status.success(),
            "initdb failed:\n{}{}",
            String::from_utf8_lossy(&init.stdout),
            String::from_utf8_lossy(&init.stderr)
        );
        // A port another process takes between our check and the server's bind: try again.
        for attempt in 1..=5 {
            cluster.port = free_port();
            if cluster.try_start() {
                break;
            }
            assert!(
                attempt < 5,
                "the server did not start:\n{}",
                cluster.log_tail()
            );
        }
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A server program (initdb, pg_ctl) run as the server's user.
    fn server_command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        command.current_dir(&self.dir).env("LC_ALL", "C");
        command
    }

    fn run_server_command(&self, program: &str, args: &[&str]) -> Output {
        let mut command = self.server_command(program);
        command.args(args);
        run_bounded(command, program)
    }

    fn start_supervisor(&mut self) {
        let script = r#"read _ignored; "$0" stop -D "$1" -m immediate -w -t 30 >/dev/null 2>&1; rm -rf "$2""#;
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--", "sh", "-c", script]);
                c
            }
            None => {
                let mut c = Command::new("sh");
                c.args(["-c", script]);
                c
            }
        };
        let mut child = command
            .arg(self.bin.join("pg_ctl"))
            .arg(self.data())
            .arg(&self.dir)
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server's supervisor");
        let stdin = child.stdin.take().expect("the supervisor's stdin");
        *self.supervisor.lock().expect("supervisor lock") = Some((child, stdin));
    }

    fn try_start(&self) -> bool {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 \
             -c shared_buffers=32MB -c fsync=off -c full_page_writes=off \
             -c unix_socket_permissions=0700",
            self.port,
            self.dir.display()
        );
        let out = self.run_server_command(
            "pg_ctl",
            &[
                "start",
                "-D",
                &self.data().to_string_lossy(),
                "-l",
                &self.dir.join("server.log").to_string_lossy(),
                "-w",
                "-t",
                "60",
                "-s",
                "-o",
                &options,
            ],
        );
        out.status.success() && TcpStream::connect(("127.0.0.1", self.port)).is_ok()
    }

    /// Stops the server (fast shutdown: open connections are cut, as when a server goes down).
    pub fn stop(&self) {
        let out = self.run_server_command(
            "pg_ctl",
            &[
                "stop",
                "-D",
                &self.data().to_string_lossy(),
                "-m",
                "fast",
                "-w",
                "-t",
                "60",
                "-s",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl stop failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.log_tail()
        );
    }

    /// Starts the server again after [`Cluster::stop`], on the same port.
    pub fn restart(&self) {
        assert!(
            self.try_start(),
            "the server did not start again:\n{}",
            self.log_tail()
        );
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://user:password@127.0.0.1:port/database`.
    pub fn url(&self, user: &str, password: &str, database: &str) -> String {
        format!(
            "postgres://{user}:{password}@127.0.0.1:{}/{database}",
            self.port
        )
    }

    /// The superuser's URL for `database`.
    pub fn admin_url(&self, database: &str) -> String {
        self.url(ADMIN, &self.admin_password, database)
    }

    /// Creates an empty database with a unique name and returns the name.
    pub fn create_database(&self) -> String {
        let name = format!("test_{}", unique());
        self.admin_script(
            "postgres",
            "CREATE DATABASE :\"name\";",
            &[("name", name.as_str())],
        );
        name
    }

    /// Gives `role` a password (as the superuser). Roles belong to the whole server: tests that
    /// change the same role at once must take turns, or PostgreSQL refuses one of them with
    /// "tuple concurrently updated".
    pub fn set_password(&self, role: &str, password: &str) {
        self.admin_script(
            "postgres",
            "ALTER ROLE :\"role\" PASSWORD :'password';",
            &[("role", role), ("password", password)],
        );
    }

    /// Runs a psql script as the superuser and panics if it fails.
    pub fn admin_script(&self, database: &str, script: &str, vars: &[(&str, &str)]) -> String {
        let out = self.psql(ADMIN, &self.admin_password, database, script, vars);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "psql as admin failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// Runs `script` (read from stdin, so `:'var'` and `:"var"` interpolate `vars` safely) with
    /// Debian's psql, connected over TCP as `user`. Stops at the first error.
    pub fn psql(
        &self,
        user: &str,
        password: &str,
        database: &str,
        script: &str,
        vars: &[(&str, &str)],
    ) -> Output {
        let mut command = Command::new(self.bin.join("psql"));
        command
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"])
            .args(["-p", &self.port.to_string(), "-U", user, "-d", database])
            .env("PGPASSWORD", password)
            .env("PGCONNECT_TIMEOUT", "10")
            .env_remove("PGPASSFILE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in vars {
            command.arg("-v").arg(format!("{name}={value}"));
        }
        let mut child = command.spawn().expect("run psql");
        child
            .stdin
            .take()
            .expect("psql's stdin")
            .write_all(script.as_bytes())
            .expect("write the script to psql");
        let deadline = Instant::now() + COMMAND_LIMIT;
        while child.try_wait().expect("wait for psql").is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("psql did not finish within {COMMAND_LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        child.wait_with_output().expect("psql's output")
    }

    /// The psql program this cluster's tests use.
    pub fn psql_path(&self) -> PathBuf {
        self.bin.join("psql")
    }

    /// The end of the server's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        format!(
            "--- end of the PostgreSQL log ---\n{}",
            lines[lines.len().saturating_sub(30)..].join("\n")
        )
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let Ok(mut guard) = self.supervisor.lock() else {
            return;
        };
        if let Some((mut child, stdin)) = guard.take() {
            drop(stdin); // the supervisor stops the server and removes the directory
            let deadline = Instant::now() + Duration::from_secs(60);
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}
