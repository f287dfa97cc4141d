//! The `kerasinfo` flags of issue 16 (`--ascii`, `--expand-nested=N`,
//! `--show-memory`, `--format csv`, `--input-shape`) on Keras-generated
//! fixtures (scripts/gen_summary_extras_fixtures.py).

#![cfg(feature = "cli")]

mod common;

use common::kerasinfo;

fn path(group: &str, file: &str) -> String {
    common::fixture_dir(group).join(file).display().to_string()
}

fn read(group: &str, file: &str) -> String {
    std::fs::read_to_string(common::fixture_dir(group).join(file)).unwrap()
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = kerasinfo(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn fails(args: &[&str]) -> (i32, String) {
    let (code, out, err) = kerasinfo(args);
    assert_ne!(code, 0, "{args:?} should fail: {out}");
    assert!(!err.contains("panicked"), "{err}");
    (code, err)
}

#[test]
fn ascii_is_keras_on_an_ascii_console() {
    let cfg = path("ascii", "nested3.config.json");
    assert_eq!(
        ok(&["--ascii", &cfg]),
        read("ascii", "nested3__default.txt")
    );
    assert_eq!(
        ok(&["--ascii", "--expand-nested", "--show-trainable", &cfg]),
        read("ascii", "nested3__expand_trainable.txt")
    );
    assert_eq!(
        ok(&["--ascii", "--line-length", "60", &cfg]),
        read("ascii", "nested3__narrow.txt")
    );
    let (code, err) = fails(&["--ascii", "--format", "markdown", &cfg]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--ascii applies to the keras3 format"),
        "{err}"
    );
}

#[test]
fn expand_nested_takes_an_optional_depth() {
    let cfg = path("expand_depth", "nested3.config.json");
    let collapsed = read("expand_depth", "nested3__default.txt");
    let full = read("expand_depth", "nested3__expand.txt");
    assert_eq!(ok(&["--expand-nested", &cfg]), full);
    assert_eq!(ok(&["--expand-nested=0", &cfg]), collapsed);
    assert_eq!(ok(&["--expand-nested=3", &cfg]), full);
    assert_eq!(ok(&["--expand-nested=99", &cfg]), full);
    let one = ok(&["--expand-nested=1", &cfg]);
    assert!(
        one.contains("└ stem (Sequential)") && !one.contains("└ core"),
        "{one}"
    );
    // Markdown and keras2 take it as well.
    let md = ok(&["--format", "markdown", "--expand-nested=1", &cfg]);
    assert!(
        md.contains("└ stem (Sequential)") && !md.contains("└ core"),
        "{md}"
    );
    let k2 = ok(&["--format", "keras2", "--expand-nested=0", &cfg]);
    assert_eq!(k2, ok(&["--format", "keras2", &cfg]));
    // Bad depths are usage errors; a depth where it means nothing too.
    for bad in [
        "--expand-nested=-1",
        "--expand-nested=x",
        "--expand-nested=",
    ] {
        let (code, err) = fails(&[bad, &cfg]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("--expand-nested"), "{bad}: {err}");
    }
    let (code, err) = fails(&["--format", "dot", "--expand-nested=1", &cfg]);
    assert_eq!(code, 1);
    assert!(err.contains("depth for --expand-nested"), "{err}");
    // Without `=`, a number is the model path, not a depth.
    let (_, err) = fails(&["--expand-nested", "2"]);
    assert!(err.contains("cannot read 2"), "{err}");
}

#[test]
fn help_describes_the_new_flags() {
    let help = ok(&["--help"]);
    for flag in [
        "--ascii",
        "--expand-nested[=<N>]",
        "--input-shape <SHAPE>",
        "--show-memory",
        "csv",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn input_shape_rebuilds_the_model() {
    // The case: MobileNetV3Small's FLOPs are unknown until the
    // image size is given; then they are TF's profiler's.
    let cfg = path("input_shape", "mobilenet_v3_small.config.json");
    let fx: serde_json::Value =
        serde_json::from_str(&read("input_shape", "mobilenet_v3_small.rebuilt.json")).unwrap();
    let before: serde_json::Value = serde_json::from_str(&ok(&["--format", "json", &cfg])).unwrap();
    assert_eq!(before["total_flops"], serde_json::Value::Null);
    let after: serde_json::Value = serde_json::from_str(&ok(&[
        "--format",
        "json",
        "--input-shape",
        "224,224,3",
        &cfg,
    ]))
    .unwrap();
    assert_eq!(after["total_flops"], fx["tf_flops"]);
    assert_eq!(
        ok(&["--input-shape", "224,224,3", &cfg]),
        read("input_shape", "mobilenet_v3_small__rebuilt__default.txt")
    );
    // One shape per input, in order; `None` keeps a dimension unknown.
    let two = path("input_shape", "text_two_inputs.config.json");
    assert_eq!(
        ok(&["--input-shape", "40", "--input-shape", "None,6", &two]),
        read("input_shape", "text_two_inputs__rebuilt__default.txt")
    );
    let text = ok(&["--input-shape", "(40)", "--input-shape", "(none, 6)", &two]);
    assert_eq!(
        text,
        read("input_shape", "text_two_inputs__rebuilt__default.txt")
    );
}

#[test]
fn bad_input_shapes_are_clear_errors() {
    let cfg = path("input_shape", "dynamic_cnn.config.json");
    for (bad, says) in [
        ("0,x", "dimension 1 is 0"),
        ("32,x,3", "dimension 2 (\"x\") is not a size"),
        ("-1,3,3", "dimension 1 (\"-1\") is not a size"),
        ("32,,3", "dimension 2 (\"\") is not a size"),
    ] {
        let (code, err) = fails(&["--input-shape", bad, &cfg]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(
            err.contains(says) && err.contains("--input-shape"),
            "{bad}: {err}"
        );
    }
    let (code, err) = fails(&["--input-shape", "32,32", &cfg]);
    assert_eq!(code, 1);
    assert!(
        err.contains("layer \"input_layer\" (InputLayer)")
            && err.contains("has rank 3, the input's has rank 4"),
        "{err}"
    );
    let (code, err) = fails(&["--input-shape", "32,32,3", "--input-shape", "1", &cfg]);
    assert_eq!(code, 1);
    assert!(err.contains("expects 1 input shape(s)"), "{err}");
    let (_, err) = fails(&["--input-shape", "2,2,3", &cfg]);
    assert!(
        err.contains("layer \"conv2d\" (Conv2D)") || err.contains("layer \"depthwise_conv2d\""),
        "{err}"
    );
    let flat = path("input_shape", "err_flatten_dense.config.json");
    let (_, err) = fails(&["--input-shape", "32,32,1", &flat]);
    assert!(
        err.starts_with("kerasinfo: layer \"head\" (Dense): on input (None, 3600)"),
        "{err}"
    );
}

#[test]
fn show_memory_and_csv() {
    let cfg = path("input_shape", "dynamic_cnn.config.json");
    // Unknown image size: activations unknown until --input-shape.
    let text = ok(&["--show-memory", &cfg]);
    assert!(
        text.contains("Param memory") && text.contains("│              ? │"),
        "{text}"
    );
    let text = ok(&[
        "--show-memory",
        "--batch-size",
        "4",
        "--input-shape",
        "32,32,3",
        &cfg,
    ]);
    // conv2d: 4 × 16·16·8 float32 outputs; 224 float32 weights.
    assert!(
        text.contains("│ conv2d (Conv2D)                      │ (None, 16, 16, 8)           │             224 │       896.00 B │       32.00 KB │"),
        "{text}"
    );
    // Keras's text, then the memory plan for the batch.
    assert!(text.contains(" Memory for batch size 4:"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "--format",
        "json",
        "--show-memory",
        "--batch-size",
        "4",
        "--input-shape",
        "32,32,3",
        &cfg,
    ]))
    .unwrap();
    assert_eq!(json["layers"][0]["activation_bytes"], 4 * 16 * 16 * 8 * 4);
    assert_eq!(json["layers"][0]["param_bytes"], 896);
    assert_eq!(json["activation_batch_size"], 4);
    let forward: u64 = json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["activation_bytes"].as_u64().unwrap())
        .sum();
    assert_eq!(json["memory"]["forward_bytes"], forward);
    let md = ok(&[
        "--format",
        "markdown",
        "--show-memory",
        "--input-shape",
        "32,32,3",
        &cfg,
    ]);
    assert!(
        md.contains("| conv2d (Conv2D) | (None, 16, 16, 8) | 224 | 896.00 B | 8.00 KB |"),
        "{md}"
    );
    let csv = ok(&[
        "--format",
        "csv",
        "--batch-size",
        "2",
        "--input-shape",
        "32,32,3",
        &cfg,
    ]);
    let mut lines = csv.split("\r\n");
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("name,class_name,nested_level,output_shape,")
    );
    assert_eq!(
        lines.next().unwrap(),
        "conv2d,Conv2D,0,\"(None, 16, 16, 8)\",224,224,0,true,55296,112640,896,16384,"
    );
    let (code, err) = fails(&["--format", "dot", "--show-memory", &cfg]);
    assert_eq!(code, 1);
    assert!(err.contains("--show-memory applies to"), "{err}");
    let (code, err) = fails(&["--format", "csv", "--batch-size", "0", &cfg]);
    assert_eq!(code, 1);
    assert!(err.contains("batch size must be at least 1"), "{err}");
    let nested = path("expand_depth", "nested3.config.json");
    let csv = ok(&["--format", "csv", "--expand-nested=1", &nested]);
    assert!(
        csv.contains("\r\nstem,Sequential,1,") && !csv.contains(",Sequential,2,"),
        "{csv}"
    );
}
