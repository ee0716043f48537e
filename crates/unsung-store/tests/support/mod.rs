//! The two backends the store contract runs against: a fresh SQLite file, and a fresh database
//! on a real PostgreSQL server (started for this test binary by `unsung-testpg`), set up with
//! `PgStore::init_team` and entered as a teammate's own role.

#![allow(dead_code)] // each test file uses its own subset

use std::sync::Arc;
use unsung_store::{Member, PgStore, Store, open};
use unsung_testpg::Cluster;

/// The team every PostgreSQL test database gets: role, name, password.
pub const TEAM: [(&str, &str, &str); 3] = [
    ("ana", "Ana", "ana-password"),
    ("ben", "Ben", "ben-password"),
    ("dev", "Dev", "dev-password"),
];

pub enum Backend {
    Sqlite {
        _dir: tempfile::TempDir,
        path: String,
    },
    Postgres {
        cluster: &'static Cluster,
        database: String,
    },
}

impl Backend {
    pub async fn sqlite() -> Backend {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unsung.db").to_string_lossy().into_owned();
        Backend::Sqlite { _dir: dir, path }
    }

    pub async fn postgres() -> Backend {
        let cluster = Cluster::shared();
        let database = new_team_database(cluster).await;
        Backend::Postgres { cluster, database }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Backend::Postgres { .. })
    }

    /// The store as `person` (one of [`TEAM`]'s names) sees it: on PostgreSQL, connected as
    /// their role; on SQLite, the one local file, which does not know who is there.
    pub async fn store_as(&self, person: &str) -> Arc<dyn Store> {
        open(&self.url_as(person)).await.unwrap()
    }

    pub fn url_as(&self, person: &str) -> String {
        match self {
            Backend::Sqlite { path, .. } => path.clone(),
            Backend::Postgres { cluster, database } => {
                let (role, _, password) = TEAM
                    .iter()
                    .find(|(_, name, _)| *name == person)
                    .unwrap_or_else(|| panic!("{person} is not on the test team"));
                cluster.url(role, password, database)
            }
        }
    }

    /// What `Store::author_name` should say for `person`.
    pub fn expected_author(&self, person: &str) -> Option<String> {
        self.is_postgres().then(|| person.to_string())
    }
}

/// A new database on `cluster` with Unsung's schema and [`TEAM`] as members. Team setups run
/// one at a time: roles are shared by every database of a server.
pub async fn new_team_database(cluster: &Cluster) -> String {
    static SETUP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one_at_a_time = SETUP.lock().await;
    let database = cluster.create_database();
    let members: Vec<Member> = TEAM
        .iter()
        .map(|(role, name, _)| Member::parse(&format!("{role}={name}")).unwrap())
        .collect();
    PgStore::init_team(&cluster.admin_url(&database), &members)
        .await
        .unwrap();
    for (role, _, password) in TEAM {
        cluster.set_password(role, password);
    }
    database
}
