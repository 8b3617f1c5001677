//! The extracted table values as a flat, ordered list of JSON-pointer
//! fields, each with provenance, and the issues raised while reading them.

use crate::template::Kind;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One failed check or one guess, pointing at the value it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub pointer: String,
    pub message: String,
}

impl Issue {
    pub fn warning(code: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            code: code.into(),
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        }
    }
    pub fn error(code: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            code: code.into(),
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Where a value was read: page, box in points (top-left origin), what was
/// printed, and how sure the reading is.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Prov {
    pub page: usize,
    pub bbox: [f32; 4],
    pub raw: String,
    pub confidence: f32,
}

/// One table value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// JSON pointer from the report root, e.g. "/applications/new/total".
    pub pointer: String,
    pub kind: Kind,
    pub value: Option<f64>,
    pub prov: Option<Prov>,
}

/// All table values in template order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Values {
    pub fields: Vec<Field>,
}

impl Values {
    pub fn get(&self, pointer: &str) -> Option<f64> {
        self.fields
            .iter()
            .find(|f| f.pointer == pointer)
            .and_then(|f| f.value)
    }
    /// True when the pointer names a field (even a null one).
    pub fn has(&self, pointer: &str) -> bool {
        self.fields.iter().any(|f| f.pointer == pointer)
    }
    pub fn push(&mut self, pointer: String, kind: Kind, value: Option<f64>, prov: Option<Prov>) {
        self.fields.push(Field {
            pointer,
            kind,
            value,
            prov,
        });
    }

    /// Nests the fields under `prefix` into a JSON object, in field order.
    pub fn to_json(&self, prefix: &str) -> serde_json::Value {
        let mut root = serde_json::Map::new();
        for f in self.fields.iter().filter(|f| f.pointer.starts_with(prefix)) {
            let rest = &f.pointer[prefix.len()..];
            let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
            insert(&mut root, &parts, number(f.value, f.kind));
        }
        serde_json::Value::Object(root)
    }
}

fn insert(
    map: &mut serde_json::Map<String, serde_json::Value>,
    parts: &[&str],
    v: serde_json::Value,
) {
    match parts {
        [] => {}
        [last] => {
            map.insert((*last).to_string(), v);
        }
        [head, rest @ ..] => {
            let entry = map
                .entry((*head).to_string())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(m) = entry {
                insert(m, rest, v);
            }
        }
    }
}

/// Counts are integers; amounts keep their decimals.
pub fn number(v: Option<f64>, kind: Kind) -> serde_json::Value {
    match v {
        None => serde_json::Value::Null,
        Some(x) if kind != Kind::Amount || x.fract() == 0.0 => serde_json::Value::from(x as i64),
        Some(x) => serde_json::Number::from_f64(x)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_nest_by_pointer_in_order() {
        let mut v = Values::default();
        v.push("/a/x/n".into(), Kind::Count, Some(1.0), None);
        v.push("/a/x/m".into(), Kind::Count, None, None);
        v.push("/a/y".into(), Kind::Amount, Some(0.5), None);
        v.push("/b/z".into(), Kind::Count, Some(2.0), None);
        assert_eq!(
            v.to_json("/a").to_string(),
            r#"{"x":{"n":1,"m":null},"y":0.5}"#
        );
        assert_eq!(v.get("/b/z"), Some(2.0));
        assert!(v.has("/a/x/m") && v.get("/a/x/m").is_none());
    }
}
