//! Issue 16's summary extras against Keras-generated fixtures
//! (scripts/gen_summary_extras_fixtures.py): the ASCII table Keras prints
//! on an ASCII console, and depth-limited nested expansion.

#![cfg(feature = "keras-json")]

mod common;

use common::{fixture_dir, fixture_names};
use kerasinfo::{Keras3Options, Summary};
use serde_json::Value;

fn load(group: &str, name: &str) -> (Summary, Value) {
    kerasinfo::naming::clear_session();
    let dir = fixture_dir(group);
    let config = std::fs::read_to_string(dir.join(format!("{name}.config.json"))).unwrap();
    let model = kerasinfo::config::model_from_json(&config).unwrap();
    let fx: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
            .unwrap();
    (model.summary(), fx)
}

fn text(group: &str, name: &str, variant: &str) -> String {
    std::fs::read_to_string(fixture_dir(group).join(format!("{name}__{variant}.txt"))).unwrap()
}

fn options(kwargs: &Value) -> Keras3Options {
    let mut o = Keras3Options::new();
    if let Some(n) = kwargs.get("line_length").and_then(Value::as_u64) {
        o = o.line_length(usize::try_from(n).unwrap());
    }
    if let Some(b) = kwargs.get("show_trainable").and_then(Value::as_bool) {
        o = o.show_trainable(b);
    }
    if let Some(b) = kwargs.get("expand_nested").and_then(Value::as_bool) {
        o = o.expand_nested(b);
    }
    o
}

/// How deep models are nested in `s` (0: none).
fn nesting(s: &Summary) -> usize {
    s.rows
        .iter()
        .filter_map(|r| r.nested.as_deref())
        .map(|n| 1 + nesting(n))
        .max()
        .unwrap_or(0)
}

#[test]
fn ascii_tables_match_keras_on_an_ascii_console() {
    let names = fixture_names("ascii", ".config.json");
    assert_eq!(names.len(), 4, "{names:?}");
    let mut checked = 0;
    for name in &names {
        let (s, fx) = load("ascii", name);
        for (variant, kwargs) in fx["variants"].as_object().unwrap() {
            let want = text("ascii", name, variant);
            let got = s.render(&options(kwargs).ascii(true)).unwrap();
            assert_eq!(got, want, "ascii/{name} {variant}");
            assert!(got.is_ascii());
            // The same text as the Unicode table, box characters aside.
            let unicode = s.render(&options(kwargs)).unwrap();
            assert_eq!(
                got.lines().count(),
                unicode.lines().count(),
                "{name} {variant}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 24);
}

#[test]
fn ascii_fixtures_record_where_a_strict_ascii_console_fails() {
    // Keras raises UnicodeEncodeError under PYTHONIOENCODING=ascii exactly
    // where the Unicode text has a character past ASCII, which the ASCII
    // table writes as `?`.
    for name in fixture_names("ascii", ".config.json") {
        let (s, fx) = load("ascii", &name);
        let strict: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture_dir("ascii").join(format!("{name}.strict.json")))
                .unwrap(),
        )
        .unwrap();
        for (variant, kwargs) in fx["variants"].as_object().unwrap() {
            let got = s.render(&options(kwargs).ascii(true)).unwrap();
            assert_eq!(
                strict[variant].is_null(),
                !got.contains('?'),
                "{name} {variant}"
            );
        }
    }
}

#[test]
fn depth_limited_expansion_matches_keras_at_both_ends() {
    let mut checked = 0;
    for name in fixture_names("expand_depth", ".config.json") {
        let (s, _) = load("expand_depth", &name);
        let deep = nesting(&s);
        assert!(deep >= 1, "{name}");
        for trainable in [false, true] {
            let suffix = if trainable { "trainable" } else { "" };
            let collapsed = text(
                "expand_depth",
                &name,
                if trainable { "trainable" } else { "default" },
            );
            let expanded = text(
                "expand_depth",
                &name,
                &["expand", suffix].join(if trainable { "_" } else { "" }),
            );
            let base = Keras3Options::new().show_trainable(trainable);
            // Depth 0: the unexpanded text; a depth covering the nesting:
            // Keras's full expansion.
            let at = |d: usize| s.render(&base.clone().expand_nested_depth(d)).unwrap();
            assert_eq!(at(0), collapsed, "{name} depth 0");
            for d in deep..deep + 3 {
                assert_eq!(at(d), expanded, "{name} depth {d}");
            }
            assert_eq!(at(usize::MAX), expanded, "{name}");
            // In between: each level adds rows, every one of them a row of
            // the full expansion, in the same order.
            let mut previous = at(0).lines().count();
            for d in 1..deep {
                let partial = at(d);
                let n = partial.lines().count();
                assert!(n > previous, "{name} depth {d}");
                previous = n;
                let mut full = expanded.lines();
                for line in partial.lines() {
                    assert!(full.any(|l| l == line), "{name} depth {d}: {line}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

#[test]
fn depth_one_of_a_three_deep_model() {
    // nested3: block > stem > core. Depth 1 lists block's layers; stem
    // stays one row.
    let (s, _) = load("expand_depth", "nested3");
    let text = s
        .render(&Keras3Options::new().expand_nested_depth(1))
        .unwrap();
    assert!(text.contains("│    └ stem (Sequential)"), "{text}");
    assert!(!text.contains("└ core"), "{text}");
    let two = s
        .render(&Keras3Options::new().expand_nested_depth(2))
        .unwrap();
    assert!(two.contains("│       └ core (Sequential)"), "{two}");
    assert!(!two.contains("└ dense (Dense)"), "{two}");
}

#[test]
fn keras2_and_markdown_take_the_depth_too() {
    use kerasinfo::render::keras2::{self, Keras2Options};
    use kerasinfo::render::markdown::{self, MarkdownOptions};
    for name in fixture_names("expand_depth", ".config.json") {
        let (s, _) = load("expand_depth", &name);
        let deep = nesting(&s);
        let k2 = |o: Keras2Options| keras2::render(&s, &o).unwrap();
        assert_eq!(
            k2(Keras2Options::new().expand_nested_depth(0)),
            k2(Keras2Options::new())
        );
        assert_eq!(
            k2(Keras2Options::new().expand_nested_depth(deep)),
            k2(Keras2Options::new().expand_nested(true))
        );
        let md = |o: MarkdownOptions| markdown::render(&s, &o).unwrap();
        assert_eq!(
            md(MarkdownOptions::new().expand_nested_depth(0)),
            md(MarkdownOptions::new())
        );
        assert_eq!(
            md(MarkdownOptions::new().expand_nested_depth(deep)),
            md(MarkdownOptions::new().expand_nested(true))
        );
        if deep > 1 {
            let one = md(MarkdownOptions::new().expand_nested_depth(1));
            assert!(
                one.lines().count()
                    < md(MarkdownOptions::new().expand_nested(true))
                        .lines()
                        .count()
            );
        }
    }
}
