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

/// Held by every test while it creates roles, grants or sets passwords. Roles belong to the
/// whole server, which the tests of this binary share: two such statements at once on the same
/// role fail with PostgreSQL's "tuple concurrently updated".
pub async fn changing_roles() -> tokio::sync::MutexGuard<'static, ()> {
    static ROLES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    ROLES.lock().await
}

/// A new database on `cluster` with Unsung's schema and [`TEAM`] as members.
pub async fn new_team_database(cluster: &Cluster) -> String {
    let _one_at_a_time = changing_roles().await;
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
