//! `JsonValue::parse` (a fast reader, serde_json for what it leaves) reads
//! every JSON fixture and a set of edge cases exactly as serde_json does.
#![cfg(feature = "keras-json")]

use std::io::Read;
use std::path::Path;

use kerasinfo::config::{JsonNumber, JsonValue};
use serde_json::Value;

/// `v` as serde_json holds it: objects by sorted key, a repeated key
/// with its last value.
fn to_serde(v: &JsonValue<'_>) -> Value {
    match v {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(JsonNumber::PosInt(n)) => Value::from(*n),
        JsonValue::Number(JsonNumber::NegInt(n)) => Value::from(*n),
        JsonValue::Number(JsonNumber::Float(f)) => {
            Value::Number(serde_json::Number::from_f64(*f).unwrap())
        }
        JsonValue::String(s) => Value::String(s.to_string()),
        JsonValue::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        JsonValue::Object(o) => Value::Object(
            o.sorted()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), to_serde(v)))
                .collect(),
        ),
    }
}

/// Equal, but for floats 1 ULP apart: the reader rounds floats correctly
/// (as Rust's `str::parse`), serde_json's default parser may be 1 ULP off
/// (`1e-30` reads as `9.999999999999999e-31`).
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x.to_bits().abs_diff(y.to_bits()) == 1 && x.signum() == y.signum())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, x), (ky, y))| kx == ky && close(x, y))
        }
        _ => a == b,
    }
}

#[test]
fn floats_are_correctly_rounded() {
    for text in ["1e-30", "0.1", "2.5e-8", "0.0010000000474974513", "-0.8"] {
        let v = JsonValue::parse(text).unwrap();
        assert_eq!(v.as_f64(), Some(text.parse::<f64>().unwrap()), "{text}");
    }
}

/// Parses `text` both ways and compares (or checks both fail).
fn same_as_serde(text: &str, what: &str) {
    let ours = JsonValue::parse(text);
    match serde_json::from_str::<Value>(text) {
        Ok(expected) => {
            let ours = ours.unwrap_or_else(|e| panic!("{what}: {e}"));
            let ours = to_serde(&ours);
            assert!(close(&ours, &expected), "{what}:\n{ours}\n{expected}");
            // And the conversion from serde_json's value agrees.
            let converted = JsonValue::from_serde(&expected).unwrap();
            assert_eq!(to_serde(&converted), expected, "{what}");
        }
        Err(e) => {
            let err = ours.expect_err(what).to_string();
            assert!(err.contains("not valid JSON"), "{what}: {err}");
            assert!(err.contains(&e.to_string()), "{what}: {err} vs {e}");
        }
    }
}

fn visit(dir: &Path, count: &mut usize) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, count);
            continue;
        }
        let name = path.to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let text = if name.ends_with(".json.gz") {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            text
        } else if name.ends_with(".json") {
            String::from_utf8(bytes).unwrap()
        } else {
            continue;
        };
        same_as_serde(&text, &name);
        *count += 1;
    }
}

#[test]
fn every_json_fixture_reads_as_serde_json_reads_it() {
    let mut count = 0;
    visit(Path::new("tests/fixtures"), &mut count);
    assert!(count > 100, "{count}");
}

#[test]
fn edge_cases_read_as_serde_json_reads_them() {
    let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let too_deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
    let cases = [
        "{}",
        "[]",
        " { \"a\" : [ 1 , -2 , 3.5 , -0 , 0 , -0.0 , 1e3 , 1E-3 , 2.5e+2 ] } ",
        r#"{"a": "x\"y", "b\n": "\u00e9\ud83d\ude00", "c": "tab\there"}"#,
        r#"{"a": 1, "a": 2}"#,
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "9223372036854775808",
        "0.1",
        "3.141592653589793",
        "0.00392156862745098",
        "1.7976931348623157e308",
        "1e400",
        "-1e400",
        "1e-400",
        "123456789012345678901234567890",
        "0.30000000000000004",
        "true",
        "false",
        "null",
        "\"caf\u{e9}\"",
        "{\"a\": [null, true, false, {\"b\": {}}]}",
        &deep_ok,
        &too_deep,
        // Invalid: each must fail with serde_json's message.
        "",
        "   ",
        "{",
        "[1,]",
        "{\"a\": 1,}",
        "{\"a\" 1}",
        "{a: 1}",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "[1] x",
        "nul",
        "tru",
        "\"unterminated",
        "\"ctrl\u{1}char\"",
        "\"bad escape \\q\"",
        "[1 2]",
        "{\"a\": 1 \"b\": 2}",
        "NaN",
        "Infinity",
    ];
    for case in cases {
        same_as_serde(case, case);
    }
}
