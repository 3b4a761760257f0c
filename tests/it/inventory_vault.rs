//! A vars file encrypted whole with ansible-vault: the variables it may define are unknown,
//! so a check that needs one is an error with a hint, never "absent".

use crate::common::TestEnvironment;

const VAULT: &str =
    "$ANSIBLE_VAULT;1.1;AES256\n62313365396662343061393464336163383764373764613633653634306231386433626436623361\n";

#[test]
fn a_variable_only_a_vault_file_could_define_is_unknown_not_absent() {
    let env = TestEnvironment::new();
    env.write("inv/hosts.ini", "[web]\nweb1 ansible_connection=local\n[db]\ndb1 ansible_connection=local\n");
    env.write("inv/group_vars/web/vault.yml", VAULT);
    env.write("inv/group_vars/web/plain.yml", "visible: yes\n");
    let check = |id: &str, var: &str| {
        format!(
            "```mb-check\nid: {id}\ntitle: {id}\nhosts: all\nprobe:\n  var: {var}\nexpect:\n  equals: \"x\"\n```\n\n"
        )
    };
    env.write("rules/vars.md", format!("# vars\n\n{}{}", check("secret", "db_password"), check("plain", "visible")));
    let out = env.run(["audit", "-i", "inv", "--no-save", "--format", "json"]);
    let report = out.json();
    let finding = |check: &str, host: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["check"] == check && f["host"] == host)
            .cloned()
            .unwrap()
    };
    let secret = finding("secret", "web1");
    assert_eq!(secret["status"], "error", "{secret}");
    let message = secret.to_string();
    assert!(message.contains("unknown (vault)") && message.contains("vault.yml"), "{message}");
    // db1 has no vault file: its variable is simply absent, and `plain` is judged on web1.
    assert_ne!(finding("secret", "db1")["status"], "error");
    assert_eq!(finding("plain", "web1")["status"], "fail");
    assert!(out.to_string().contains("vault-encrypted"), "{out}");
    let hosts = env.run(["hosts", "-i", "inv", "--json"]).json();
    assert_eq!(hosts[0]["vault_files"][0].as_str().map(|f| f.ends_with("vault.yml")), Some(true), "{hosts}");
}
