//! The little Jinja mb renders in connection variables: `{{ var }}` (a host variable,
//! `inventory_hostname` included) and `{{ lookup('env', 'NAME') }}`. Anything else is an
//! error, so that a template is never dialled as a literal host name.

use super::Host;

/// How deep templates may refer to templates.
const DEPTH: usize = 8;

/// Renders `text` for `host`.
pub(crate) fn render(text: &str, host: &Host, depth: usize) -> Result<String, String> {
    if !text.contains("{{") && !text.contains("{%") {
        return Ok(text.to_string());
    }
    if depth >= DEPTH {
        return Err("templates refer to each other too deeply".into());
    }
    if text.contains("{%") {
        return Err("mb renders only `{{ variable }}` templates".into());
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or("a `{{` is not closed")?;
        out.push_str(&expression(after[..close].trim(), host, depth)?);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn expression(expr: &str, host: &Host, depth: usize) -> Result<String, String> {
    if let Some(name) = env_lookup(expr) {
        return Ok(std::env::var(name).unwrap_or_default());
    }
    let is_name = !expr.is_empty()
        && expr.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !expr.starts_with(|c: char| c.is_ascii_digit());
    if !is_name {
        return Err(format!("mb renders only `{{{{ variable }}}}` templates, not `{{{{ {expr} }}}}`"));
    }
    if expr == "inventory_hostname" {
        return Ok(host.name.clone());
    }
    match host.vars.get(expr) {
        None => Err(format!("`{expr}` is not defined for {}", host.name)),
        Some(super::Var::Vault) => Err(format!("`{expr}` is vault-encrypted")),
        Some(v) => render(&v.as_text().unwrap_or_default(), host, depth + 1),
    }
}

/// `lookup('env', 'NAME')` → `NAME`.
fn env_lookup(expr: &str) -> Option<&str> {
    let inner = expr.strip_prefix("lookup(")?.strip_suffix(')')?;
    let (kind, name) = inner.split_once(',')?;
    (unquote(kind)? == "env").then_some(())?;
    unquote(name)
}

fn unquote(s: &str) -> Option<&str> {
    let s = s.trim();
    s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).or_else(|| s.strip_prefix('"')?.strip_suffix('"'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{Var, Vars};

    fn host(vars: &[(&str, &str)]) -> Host {
        let vars: Vars =
            vars.iter().map(|(k, v)| (k.to_string(), Var::Value(serde_json::Value::String(v.to_string())))).collect();
        Host { name: "h1".into(), groups: vec![], vars, vault_files: Vec::new(), vars_problem: None }
    }

    #[test]
    fn variables_render_and_the_rest_is_refused() {
        let h = host(&[("myhost", "127.0.0.3"), ("alias", "{{ myhost }}"), ("loop", "{{ loop }}")]);
        assert_eq!(render("{{myhost}}", &h, 0).unwrap(), "127.0.0.3");
        assert_eq!(render("x-{{ alias }}", &h, 0).unwrap(), "x-127.0.0.3");
        assert_eq!(render("{{ inventory_hostname }}", &h, 0).unwrap(), "h1");
        assert!(render("{{ myhost | upper }}", &h, 0).is_err());
        assert!(render("{{ nothing }}", &h, 0).is_err());
        assert!(render("{{ loop }}", &h, 0).is_err());
        assert!(render("{{ open", &h, 0).is_err());
        assert_eq!(render("{{ lookup('env', 'MB_SURELY_UNSET_VAR') }}", &h, 0).unwrap(), "");
    }
}
