//! `Layer::declare_weights` states the weights of `Layer::weights` a second
//! way (the first call totals them from it, a summary row makes its paths
//! from it): both must give the same weights, and the totals recorded at
//! the first call must be those of `weights`, for every layer of every
//! model config among the test fixtures (the Keras Applications, the
//! random architectures, the per-family models) and for the options of the
//! layers that override it.

use std::io::Read;
use std::path::Path;

use crate::layer::{Layer, WeightSink};
use crate::layers::{BatchNormalization, Conv2D, DepthwiseConv2D, SeparableConv2D};
use crate::model::{LayerHandle, Model};
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// The weights `layer` declares, collected.
fn declared(layer: &dyn Layer, inputs: &[Shape]) -> Result<Vec<WeightSpec>, String> {
    let mut out = Vec::new();
    layer
        .declare_weights(
            inputs,
            &mut WeightSink::new(&mut |s| {
                out.push(s);
                Ok(())
            }),
        )
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Checks one layer on `inputs`: the same weights both ways.
fn check_layer(ctx: &str, layer: &dyn Layer, inputs: &[Shape]) {
    let listed = layer.weights(inputs).map_err(|e| e.to_string());
    assert_eq!(
        declared(layer, inputs),
        listed,
        "{ctx}: declare_weights != weights"
    );
}

/// Checks every layer of `model` (and of the models it nests); returns how
/// many it checked.
fn check_model(ctx: &str, model: &Model) -> usize {
    let mut checked = 0;
    for handle in model.layers() {
        checked += check_handle(ctx, handle);
    }
    checked
}

fn check_handle(ctx: &str, handle: &LayerHandle) -> usize {
    let lctx = format!(
        "{ctx}: layer {:?} ({})",
        handle.name(),
        handle.layer().class_name()
    );
    let specs = handle.weight_specs().unwrap_or_default();
    let dtype = handle.layer().config().dtype;
    let mut sums = Some((0u64, 0u64));
    for s in &specs {
        let (n, b) = s.count_and_bits(dtype).unwrap();
        sums = sums.and_then(|(p, t)| Some((p.checked_add(n)?, t.checked_add(b)?)));
    }
    assert_eq!(
        handle.weight_totals(),
        sums,
        "{lctx}: first-call totals != weights()"
    );
    if let Some(shapes) = handle.first_input_shapes() {
        check_layer(&lctx, handle.layer(), &shapes);
    }
    let nested = handle
        .layer()
        .nested_model()
        .map_or(0, |m| check_model(&lctx, m));
    1 + nested
}

fn read_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .unwrap();
        text
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// Gives `f` every model config among the test fixtures (each `.json` or
/// `.json.gz` file under `tests/fixtures` that imports; the others are
/// other fixtures), each imported in a new session, with its file name.
pub(super) fn for_each_fixture_model(mut f: impl FnMut(&str, &Model)) {
    fn visit(dir: &Path, f: &mut dyn FnMut(&str, &Model)) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                visit(&path, f);
                continue;
            }
            let name = path.to_string_lossy();
            if !(name.ends_with(".json") || name.ends_with(".json.gz")) {
                continue;
            }
            crate::naming::clear_session();
            if let Ok(model) = crate::config::model_from_json(&read_text(&path)) {
                f(&name, &model);
            }
        }
    }
    visit(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut f,
    );
}

#[test]
fn declared_weights_equal_listed_weights_for_every_fixture_model() {
    let (mut models, mut layers) = (0, 0);
    for_each_fixture_model(|name, model| {
        models += 1;
        layers += check_model(name, model);
    });
    // The 40 Applications alone hold more than this.
    assert!(
        models >= 40 && layers >= 10_000,
        "{models} models, {layers} layers"
    );
}

#[test]
fn declared_weights_equal_listed_weights_for_each_option() {
    let image = [Shape::batched([9, 9, 6])];
    let layers: Vec<Box<dyn Layer>> = vec![
        Box::new(Conv2D::new(4, 3)),
        Box::new(Conv2D::new(4, 3).use_bias(false)),
        Box::new(Conv2D::new(4, 3).groups(2)),
        Box::new(Conv2D::new(4, 3).lora_rank(2)),
        Box::new(DepthwiseConv2D::new(3)),
        Box::new(DepthwiseConv2D::new(3).depth_multiplier(2).use_bias(false)),
        Box::new(SeparableConv2D::new(5, 3)),
        Box::new(
            SeparableConv2D::new(5, 3)
                .depth_multiplier(3)
                .use_bias(false),
        ),
        Box::new(BatchNormalization::new()),
        Box::new(BatchNormalization::new().center(false).scale(false)),
        Box::new(BatchNormalization::new().renorm(true)),
        Box::new(BatchNormalization::new().axis(1)),
    ];
    for layer in &layers {
        check_layer(&format!("{layer:?}"), layer.as_ref(), &image);
        // and an input the layer rejects: the same error both ways
        check_layer(
            &format!("{layer:?}"),
            layer.as_ref(),
            &[Shape::batched([9])],
        );
    }
}
