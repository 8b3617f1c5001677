//! Report → JSON in the key order of the specification.

use crate::report::{Report, SCHEMA_VERSION};
use serde_json::{Map, Value, json};

/// The report JSON of the spec, provenance included.
pub fn to_json(r: &Report) -> Value {
    let mut prov = Map::new();
    for f in &r.values.fields {
        if let Some(p) = &f.prov {
            let bbox: Vec<Value> = p
                .bbox
                .iter()
                .map(|v| json!((f64::from(*v) * 100.0).round() / 100.0))
                .collect();
            prov.insert(
                f.pointer.clone(),
                json!({"page": p.page, "bbox": bbox, "raw": p.raw, "confidence": (f64::from(p.confidence) * 1000.0).round() / 1000.0}),
            );
        }
    }
    json!({
        "schema_version": SCHEMA_VERSION,
        "source": r.source,
        "report": r.meta,
        "sections": r.sections,
        "active_disclosure": r.values.to_json("/active_disclosure"),
        "applications": r.values.to_json("/applications"),
        "reviews": r.values.to_json("/reviews"),
        "issues": r.issues,
        "provenance": prov,
    })
}

/// One report as text: pretty for reading, one line for JSONL.
pub fn render(r: &Report, pretty: bool) -> String {
    let v = to_json(r);
    let s = if pretty {
        serde_json::to_string_pretty(&v)
    } else {
        serde_json::to_string(&v)
    };
    // Serialising a Value built from owned data cannot fail.
    s.unwrap_or_default()
}
