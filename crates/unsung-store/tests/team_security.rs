//! Authorship is enforced by PostgreSQL itself: on a real server, a teammate connected as their
//! own role cannot post as someone else, nor change or delete someone else's note, nor say
//! which other names are a teammate's, nor write an explanation in someone else's name,
//! whether through Unsung or by hand in Debian's psql. Also: setting the database up, twice, by
//! `PgStore::init_team` or by `scripts/team-init.sql`.

mod support;

use chrono::{SubsecRound, Utc};
use std::path::Path;
use support::{TEAM, changing_roles, new_team_database};
use unsung_core::{Explanation, Person, ThankYou};
use unsung_store::{Member, PgStore, Store, StoreError, open};
use unsung_testpg::Cluster;

fn note(author: &str, message: &str) -> ThankYou {
    ThankYou {
        id: uuid::Uuid::now_v7().to_string(),
        author: author.into(),
        recipients: vec!["Dev".into()],
        message: message.into(),
        incident_id: None,
        period_from: None,
        period_to: None,
        created_at: Utc::now().trunc_subsecs(0),
        edited_at: None,
        is_demo: false,
    }
}

fn password(role: &str) -> &'static str {
    TEAM.iter().find(|(r, _, _)| *r == role).unwrap().2
}

/// psql as `role`, printing bare values; returns (succeeded, stdout, stderr).
fn psql_as(
    cluster: &Cluster,
    role: &str,
    database: &str,
    script: &str,
    vars: &[(&str, &str)],
) -> (bool, String, String) {
    let script = format!("\\pset tuples_only on\n\\pset format unaligned\n{script}");
    let out = cluster.psql(role, password(role), database, &script, vars);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
        String::from_utf8_lossy(&out.stderr).trim().to_string(),
    )
}

/// Runs `script` in psql as `role` and checks that the database refused it `because`.
fn assert_refused(
    cluster: &Cluster,
    (role, database): (&str, &str),
    (script, vars): (&str, &[(&str, &str)]),
    because: &str,
) {
    let (ok, stdout, stderr) = psql_as(cluster, role, database, script, vars);
    assert!(!ok, "the database accepted it: {stdout}");
    assert!(
        stderr.contains(because),
        "refused, but not because {because:?}: {stderr}"
    );
}

async fn store(cluster: &Cluster, database: &str, role: &str) -> std::sync::Arc<dyn Store> {
    open(&cluster.url(role, password(role), database))
        .await
        .unwrap()
}

#[tokio::test]
async fn nobody_can_post_as_someone_else_even_from_psql() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    let forged = "INSERT INTO unsung.thanks (id, author, recipients, message, created_at) \
                  VALUES (gen_random_uuid(), 'Ben', '{Dev}', 'forged by ana', now());";
    assert_refused(
        cluster,
        ("ana", &db),
        (forged, &[]),
        "new row violates row-level security policy",
    );
    let with_role = "INSERT INTO unsung.thanks (id, author, author_role, recipients, message, created_at) \
                     VALUES (gen_random_uuid(), 'Ben', 'ben', '{Dev}', 'forged by ana', now());";
    assert_refused(cluster, ("ana", &db), (with_role, &[]), "permission denied");
    assert_refused(
        cluster,
        ("ana", &db),
        ("SET ROLE ben;", &[]),
        "permission denied to set role",
    );
    assert_refused(
        cluster,
        ("ana", &db),
        (
            "UPDATE unsung.team_members SET person = 'Ben' WHERE role = 'ana';",
            &[],
        ),
        "permission denied",
    );
    assert_refused(
        cluster,
        ("ana", &db),
        ("SELECT unsung.add_member('ana2', 'Ben');", &[]),
        "permission denied for function",
    );
    assert_refused(
        cluster,
        ("ana", &db),
        ("ALTER TABLE unsung.thanks DISABLE ROW LEVEL SECURITY;", &[]),
        "must be owner",
    );

    // The same through Unsung: the database refuses, whatever the app sends.
    let ana = store(cluster, &db, "ana").await;
    let error = ana.insert_thanks(&note("Ben", "forged")).await.unwrap_err();
    assert!(matches!(error, StoreError::Refused(_)), "{error:?}");

    // Ana posting as herself works, from psql too.
    let own = "INSERT INTO unsung.thanks (id, author, recipients, message, created_at) \
               VALUES (gen_random_uuid(), 'Ana', '{Dev}', 'from ana by hand', now());";
    let (ok, _, stderr) = psql_as(cluster, "ana", &db, own, &[]);
    assert!(ok, "{stderr}");
    let authors: Vec<String> = ana
        .list_thanks(10)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.author)
        .collect();
    assert_eq!(authors, ["Ana"], "nothing forged got in");
}

#[tokio::test]
async fn nobody_can_change_or_delete_someone_elses_note_even_from_psql() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    let ben = store(cluster, &db, "ben").await;
    let bens = note("Ben", "Ben's own words");
    ben.insert_thanks(&bens).await.unwrap();
    let id = [("id", bens.id.as_str())];

    let update = "WITH changed AS (UPDATE unsung.thanks SET message = 'changed by ana' \
                  WHERE id = :'id' RETURNING 1) SELECT count(*) FROM changed;";
    let (ok, changed, stderr) = psql_as(cluster, "ana", &db, update, &id);
    assert!(ok, "{stderr}");
    assert_eq!(
        changed, "0",
        "row-level security hides Ben's note from Ana's UPDATE"
    );
    let delete = "WITH gone AS (DELETE FROM unsung.thanks WHERE id = :'id' RETURNING 1) \
                  SELECT count(*) FROM gone;";
    let (ok, deleted, stderr) = psql_as(cluster, "ana", &db, delete, &id);
    assert!(ok, "{stderr}");
    assert_eq!(deleted, "0", "and from Ana's DELETE");
    assert_refused(
        cluster,
        ("ana", &db),
        (
            "UPDATE unsung.thanks SET author_role = 'ana' WHERE id = :'id';",
            &id,
        ),
        "permission denied",
    );
    assert_refused(
        cluster,
        ("ana", &db),
        (
            "UPDATE unsung.thanks SET author = 'Ana' WHERE id = :'id';",
            &id,
        ),
        "permission denied",
    );
    assert_refused(
        cluster,
        ("ana", &db),
        ("TRUNCATE unsung.thanks;", &[]),
        "permission denied",
    );

    // Through Unsung, even claiming to be Ben.
    let ana = store(cluster, &db, "ana").await;
    let claimed = ThankYou {
        message: "changed by ana".into(),
        ..bens.clone()
    };
    assert!(!ana.update_thanks(&claimed).await.unwrap());
    assert!(!ana.delete_thanks(&bens.id, "Ben").await.unwrap());

    assert_eq!(
        ben.thanks_by_id(&bens.id).await.unwrap(),
        Some(bens.clone())
    );
    // Ben himself can.
    let (ok, changed, stderr) = psql_as(cluster, "ben", &db, update, &id);
    assert!(ok && changed == "1", "{stderr}");
}

fn person(name: &str, aliases: &[&str]) -> Person {
    Person {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

#[tokio::test]
async fn the_team_shares_one_list_of_people_and_only_you_say_which_names_are_yours() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    let ana = store(cluster, &db, "ana").await;
    let ben = store(cluster, &db, "ben").await;
    ana.save_person(&person("Ana", &["ana.garcia"]))
        .await
        .unwrap();
    // Anyone adds people who are not teammates, with their other names, for everyone.
    ben.save_person(&person("Chloe", &["chloe.w"]))
        .await
        .unwrap();
    assert_eq!(
        ana.people().await.unwrap(),
        vec![
            person("Ana", &["ana.garcia"]),
            person("Chloe", &["chloe.w"])
        ]
    );
    assert_eq!(ben.people().await.unwrap(), ana.people().await.unwrap());

    // Ben cannot change which names are Ana's, take her off, or claim her name.
    for refused in [
        ben.save_person(&person("Ana", &["ana.garcia", "oncall-bot"]))
            .await,
        ben.save_person(&person("Ben", &["ana"])).await,
        ben.remove_person("Ana").await.map(|_| ()),
    ] {
        assert!(
            matches!(refused, Err(StoreError::Refused(_))),
            "{refused:?}"
        );
    }
    assert_refused(
        cluster,
        ("ben", &db),
        (
            "UPDATE unsung.people SET aliases = '{x}' WHERE name = 'Ana';",
            &[],
        ),
        "only Ana can say which other names are theirs",
    );
    // The database records who changed each entry; nobody writes that for someone else.
    let (ok, changed_by, stderr) = psql_as(
        cluster,
        "ben",
        &db,
        "UPDATE unsung.people SET changed_by = 'ana' WHERE name = 'Chloe' RETURNING changed_by;",
        &[],
    );
    assert!(ok, "{stderr}");
    assert!(changed_by.starts_with("ben"), "{changed_by}");
    // Ana herself can, and Ben still can change Chloe's.
    ana.save_person(&person("Ana", &["agarcia"])).await.unwrap();
    ben.save_person(&person("Chloe", &[])).await.unwrap();
    assert!(ben.remove_person("Chloe").await.unwrap());
    assert_eq!(
        ben.people().await.unwrap(),
        vec![person("Ana", &["agarcia"])]
    );
}

#[tokio::test]
async fn a_role_that_is_not_on_the_team_or_a_wrong_password_gets_nothing() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    {
        let _one_at_a_time = changing_roles().await;
        cluster.admin_script(
            "postgres",
            "DO $$ BEGIN CREATE ROLE mallory LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
            &[],
        );
        cluster.set_password("mallory", "mallory-password");
    }
    let error = open(&cluster.url("mallory", "mallory-password", &db))
        .await
        .err()
        .expect("refused");
    assert!(matches!(error, StoreError::NotSetUp(_)), "{error:?}");
    assert!(error.to_string().contains("unsung team init"), "{error}");

    let error = open(&cluster.url("ben", password("ana"), &db))
        .await
        .err()
        .expect("refused");
    assert!(
        error.to_string().contains("password authentication failed"),
        "{error}"
    );
    assert!(!error.to_string().contains(password("ana")), "{error}");
}

#[tokio::test]
async fn setting_up_again_keeps_the_notes_and_adds_members() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    let ben = store(cluster, &db, "ben").await;
    let kept = note("Ben", "kept across a second init");
    ben.insert_thanks(&kept).await.unwrap();

    let again = {
        let _one_at_a_time = changing_roles().await;
        let again = PgStore::init_team(
            &cluster.admin_url(&db),
            &[Member::parse("chloe=Chloe").unwrap()],
        )
        .await
        .unwrap();
        cluster.set_password("chloe", "chloe-password");
        again
    };
    let roles: Vec<&str> = again.members.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["ana", "ben", "chloe", "dev"]);
    let chloe = open(&cluster.url("chloe", "chloe-password", &db))
        .await
        .unwrap();
    assert_eq!(chloe.author_name().await.unwrap().as_deref(), Some("Chloe"));
    chloe
        .insert_thanks(&note("Chloe", "hello team"))
        .await
        .unwrap();
    assert_eq!(ben.list_thanks(10).await.unwrap().len(), 2);
    assert_eq!(ben.thanks_by_id(&kept.id).await.unwrap(), Some(kept));
}

#[tokio::test]
async fn the_psql_script_in_the_repository_sets_up_the_same_database() {
    let cluster = Cluster::shared();
    let db = cluster.create_database();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/team-init.sql");
    let script = script.canonicalize().expect("scripts/team-init.sql exists");
    let output = {
        let _one_at_a_time = changing_roles().await;
        let output = cluster.admin_script(
            &db,
            &format!("\\i {}\n", script.display()),
            &[("members", "ana=Ana, ben")],
        );
        for (role, _, password) in TEAM {
            cluster.set_password(role, password);
        }
        output
    };
    assert!(output.contains("ana") && output.contains("Ana"), "{output}");
    let ana = store(cluster, &db, "ana").await;
    assert_eq!(ana.author_name().await.unwrap().as_deref(), Some("Ana"));
    let ben = store(cluster, &db, "ben").await;
    assert_eq!(ben.author_name().await.unwrap().as_deref(), Some("ben"));
    let first = note("Ana", "set up by psql");
    ana.insert_thanks(&first).await.unwrap();
    assert!(matches!(
        ana.insert_thanks(&note("ben", "forged")).await,
        Err(StoreError::Refused(_))
    ));
    // `unsung team init` on top of it: the same schema, nothing lost.
    {
        let _one_at_a_time = changing_roles().await;
        PgStore::init_team(&cluster.admin_url(&db), &[])
            .await
            .unwrap();
    }
    assert_eq!(ben.list_thanks(10).await.unwrap(), vec![first]);
}

#[tokio::test]
async fn any_teammate_may_write_an_explanation_but_the_database_signs_it() {
    let cluster = Cluster::shared();
    let db = new_team_database(cluster).await;
    let ana = store(cluster, &db, "ana").await;
    let ben = store(cluster, &db, "ben").await;
    let at = Utc::now().trunc_subsecs(0);
    // Ana claims Dev wrote it: the database signs it with her name.
    let claimed = Explanation {
        incident_id: "pd/P1".into(),
        text: "We added an early warning.".into(),
        practice: false,
        written_by: "Dev".into(),
        written_at: at,
        edited_by: Some("Dev".into()),
        edited_at: Some(at),
    };
    ana.save_explanation(&claimed).await.unwrap();
    let signed = Explanation {
        written_by: "Ana".into(),
        edited_by: None,
        edited_at: None,
        ..claimed.clone()
    };
    assert_eq!(ben.explanations().await.unwrap(), vec![signed.clone()]);

    // Ben improves it, again in Dev's name: Ana stays its writer, Ben is its last editor.
    let improved = Explanation {
        text: "We added an early warning, so we know first.".into(),
        practice: true,
        written_by: "Dev".into(),
        written_at: at + chrono::Duration::minutes(5),
        edited_by: Some("Dev".into()),
        edited_at: Some(at + chrono::Duration::minutes(5)),
        ..claimed.clone()
    };
    ben.save_explanation(&improved).await.unwrap();
    let edited = Explanation {
        text: improved.text.clone(),
        practice: true,
        edited_by: Some("Ben".into()),
        edited_at: Some(at + chrono::Duration::minutes(5)),
        ..signed.clone()
    };
    assert_eq!(ana.explanations().await.unwrap(), vec![edited.clone()]);

    // By hand in psql: whoever is written in, the row says who did it; who wrote it first
    // cannot be changed, and nobody deletes what the team wrote.
    let (ok, by_hand, stderr) = psql_as(
        cluster,
        "dev",
        &db,
        "INSERT INTO unsung.explanations (incident_id, text, written_by, written_at) \
         VALUES ('pd/P2', 'by hand', 'Ana', now()) RETURNING written_by;",
        &[],
    );
    assert!(ok, "{stderr}");
    assert_eq!(by_hand, "Dev");
    let (ok, editor, stderr) = psql_as(
        cluster,
        "dev",
        &db,
        "UPDATE unsung.explanations SET text = 'Dev was here', edited_by = 'Ana' \
         WHERE incident_id = 'pd/P1' RETURNING written_by || ' ' || edited_by;",
        &[],
    );
    assert!(ok, "{stderr}");
    assert_eq!(editor, "Ana Dev");
    for forged in [
        "UPDATE unsung.explanations SET written_by = 'Dev' WHERE incident_id = 'pd/P1';",
        "UPDATE unsung.explanations SET written_at = now() WHERE incident_id = 'pd/P1';",
        "DELETE FROM unsung.explanations WHERE incident_id = 'pd/P1';",
        "TRUNCATE unsung.explanations;",
    ] {
        assert_refused(cluster, ("ben", &db), (forged, &[]), "permission denied");
    }
    let texts: Vec<(String, String)> = ana
        .explanations()
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.incident_id, e.written_by))
        .collect();
    assert_eq!(
        texts,
        [
            ("pd/P1".into(), "Ana".into()),
            ("pd/P2".into(), "Dev".into())
        ]
    );

    // Any teammate names a service; the database records who did.
    ben.set_service_name("pd/SVC1", Some("The shop"))
        .await
        .unwrap();
    let (ok, set_by, stderr) = psql_as(
        cluster,
        "ana",
        &db,
        "SELECT set_by FROM unsung.service_names WHERE service_id = 'pd/SVC1';",
        &[],
    );
    assert!(ok && set_by == "Ben", "{set_by} {stderr}");
    ana.set_service_name("pd/SVC1", None).await.unwrap();
    let (_, left, _) = psql_as(
        cluster,
        "ben",
        &db,
        "SELECT count(*) FROM unsung.service_names;",
        &[],
    );
    assert_eq!(left, "0");
}
