//! Setting a team database up, as its admin: the schema, the `unsung_member` group role, the
//! row-level security policies (all in migrations/postgres), then one login role per teammate.
//! `scripts/team-init.sql` does the same through psql, from the same migration files.

use super::{SCHEMA_VERSION, connect};
use crate::{Result, StoreError};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A teammate's database role and the name their notes are signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub role: String,
    pub name: String,
}

impl Member {
    /// `ROLE` (the name is the role) or `ROLE=Name`, such as `ana=Ana García`.
    pub fn parse(text: &str) -> std::result::Result<Member, String> {
        let (role, name) = match text.split_once('=') {
            Some((role, name)) => (role.trim(), name.trim()),
            None => (text.trim(), text.trim()),
        };
        let valid_role = role.len() <= 63
            && role.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && role
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_role {
            return Err(format!(
                "{role:?} cannot be a role name: use lower-case letters, digits and _, starting with a letter (such as ana or ben_k)"
            ));
        }
        if role == "unsung_member" || role.starts_with("pg_") {
            return Err(format!("{role:?} is reserved: choose another role name"));
        }
        if name.is_empty() {
            return Err(format!("the name after {role}= is empty"));
        }
        Ok(Member {
            role: role.to_string(),
            name: name.to_string(),
        })
    }
}

/// What `unsung team init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamInit {
    pub schema_version: i32,
    /// Every member now on the team (`role`, `name`), including ones added before.
    pub members: Vec<Member>,
}

impl super::PgStore {
    /// Creates or updates the schema and adds `members`, connected as an admin (a superuser or
    /// the database's owner with CREATEROLE). Safe to run again.
    pub async fn init_team(admin_url: &str, members: &[Member]) -> Result<TeamInit> {
        let pool = connect(admin_url, 1).await?;
        MIGRATIONS.run(&pool).await?;
        for member in members {
            sqlx::query("SELECT unsung.add_member($1, $2)")
                .bind(&member.role)
                .bind(&member.name)
                .execute(&pool)
                .await
                .map_err(|e| match StoreError::from(e) {
                    StoreError::Query(e) => StoreError::Unsupported(format!(
                        "cannot add {} as {}: {e}",
                        member.role, member.name
                    )),
                    other => other,
                })?;
        }
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT role, person FROM unsung.team_members ORDER BY role COLLATE \"C\"",
        )
        .fetch_all(&pool)
        .await?;
        pool.close().await;
        Ok(TeamInit {
            schema_version: SCHEMA_VERSION,
            members: rows
                .into_iter()
                .map(|(role, name)| Member { role, name })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Member;

    #[test]
    fn a_member_is_a_role_with_an_optional_name() {
        assert_eq!(
            Member::parse("ana=Ana García").unwrap(),
            Member {
                role: "ana".into(),
                name: "Ana García".into()
            }
        );
        assert_eq!(Member::parse("ben").unwrap().name, "ben");
        for bad in [
            "Ana",
            "1ana",
            "ana-b",
            "",
            "ana; DROP ROLE x",
            "pg_read",
            "ana=",
        ] {
            assert!(Member::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
