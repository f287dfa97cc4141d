//! Property tests: shape arithmetic against brute force, count invariants,
//! and renderers that never panic.

use kerasinfo::args::{Padding, conv_output_length};
use kerasinfo::layers::merging::merge_shape;
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{Dim, Shape};
use proptest::prelude::*;

/// The number of window positions, counted one by one.
fn brute_force_windows(
    n: u64,
    kernel: u64,
    stride: u64,
    dilation: u64,
    padding: Padding,
) -> Option<u64> {
    let span = (kernel - 1) * dilation + 1;
    match padding {
        Padding::Valid => {
            let count = (0..n)
                .step_by(stride as usize)
                .filter(|start| start + span <= n)
                .count() as u64;
            (count > 0).then_some(count)
        }
        // Keras's "same": one output per stride step over the input.
        _ => Some((0..n).step_by(stride as usize).count() as u64),
    }
}

proptest! {
    #[test]
    fn conv_lengths_match_brute_force(n in 0u64..80, k in 1u64..9, s in 1u64..6, d in 1u64..4, same in any::<bool>()) {
        let padding = if same { Padding::Same } else { Padding::Valid };
        let got = conv_output_length(Dim::Known(n), k, s, d, padding).ok().and_then(Dim::known);
        let expected = brute_force_windows(n, k, s, d, padding);
        if padding == Padding::Valid {
            prop_assert_eq!(got, expected);
        } else {
            prop_assert_eq!(got, expected.or(Some(0)));
        }
    }

    #[test]
    fn flatten_keeps_the_element_count(dims in proptest::collection::vec(1u64..7, 1..5)) {
        clear_session();
        let x = Input::new(dims.clone()).tensor().unwrap();
        let y = Flatten::new().call(&x).unwrap();
        let product: u64 = dims.iter().product();
        prop_assert_eq!(y.shape().dims()[1], Dim::Known(product));
    }

    #[test]
    fn merge_broadcasting_is_symmetric(a in proptest::collection::vec(1u64..4, 1..4), b in proptest::collection::vec(1u64..4, 1..4)) {
        let sa = Shape::batched(a);
        let sb = Shape::batched(b);
        let ab = merge_shape(&[sa.clone(), sb.clone()]).ok();
        let ba = merge_shape(&[sb, sa]).ok();
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn totals_are_the_sum_of_rows_and_freezing_keeps_them(
        units in proptest::collection::vec(1i64..20, 1..8),
        frozen in proptest::collection::vec(any::<bool>(), 8),
        bn in proptest::collection::vec(any::<bool>(), 8),
    ) {
        clear_session();
        let mut s = Sequential::new().input_shape([5]);
        for (i, u) in units.iter().enumerate() {
            s = s.add(Dense::new(*u).trainable(!frozen[i]));
            if bn[i] {
                s = s.add(BatchNormalization::new());
            }
        }
        let model = s.build().unwrap();
        let summary = model.summary();
        let rows: u64 = summary.rows.iter().map(|r| r.params).sum();
        prop_assert_eq!(summary.total_params, rows);
        prop_assert_eq!(summary.trainable_params + summary.non_trainable_params, summary.total_params);
        let frozen_model = model.clone().trainable(false).summary();
        prop_assert_eq!(frozen_model.total_params, summary.total_params);
        prop_assert_eq!(frozen_model.trainable_params, 0);
    }

    #[test]
    fn rendering_never_panics(line_length in 0usize..300, show_trainable in any::<bool>(), console in 0usize..250) {
        clear_session();
        let a = Input::new([3]).name("an_input_with_a_long_name").tensor().unwrap();
        let b = Input::new([3]).tensor().unwrap();
        let x = Add::new().call([&a, &b]).unwrap();
        let y = Dense::new(2).name("averyveryveryveryverylongnamewithoutbreaks").call(&x).unwrap();
        let summary = Functional::new([&a, &b], &y).build().unwrap().summary();
        let options = Keras3Options::new()
            .line_length(line_length)
            .show_trainable(show_trainable)
            .console_width(console);
        if let Ok(text) = summary.render(&options) {
            prop_assert!(text.ends_with('\n'));
            if console >= 40 {
                prop_assert!(text.starts_with("Model: "));
            }
        }
        let _ = summary.render(&Keras3Options::new().console_width(console).show_trainable(show_trainable));
    }
}

/// Keras's output length along one axis for a window layer, by brute force:
/// `None` where Keras raises ("Computed output size would be zero or
/// negative"), i.e. where no window fits.
fn windows(n: u64, kernel: u64, stride: u64, dilation: u64, same: bool) -> Option<u64> {
    let padding = if same { Padding::Same } else { Padding::Valid };
    brute_force_windows(n, kernel, stride, dilation, padding).filter(|&c| c > 0)
}

/// The known dimensions after the batch dimension.
fn known_dims(t: &Tensor) -> Vec<u64> {
    t.shape()
        .dims()
        .iter()
        .skip(1)
        .map(|d| d.known().unwrap())
        .collect()
}

fn padding_of(same: bool) -> Padding {
    if same { Padding::Same } else { Padding::Valid }
}

proptest! {
    #[test]
    fn conv_layers_match_brute_force(
        h in 1u64..30, w in 1u64..30,
        kh in 1i64..6, kw in 1i64..6,
        sh in 1i64..4, sw in 1i64..4,
        dil in 1i64..3,
        same in any::<bool>(),
    ) {
        clear_session();
        // Keras refuses strides > 1 together with dilation > 1.
        let (dh, dw) = if sh > 1 || sw > 1 { (1, 1) } else { (dil, dil) };
        let x = Input::new([h, w, 3]).tensor().unwrap();
        let y = Conv2D::new(4, (kh, kw))
            .strides((sh, sw))
            .dilation_rate((dh, dw))
            .padding(padding_of(same))
            .call(&x);
        let expected = windows(h, kh as u64, sh as u64, dh as u64, same)
            .zip(windows(w, kw as u64, sw as u64, dw as u64, same));
        match (y, expected) {
            (Ok(y), Some((oh, ow))) => prop_assert_eq!(known_dims(&y), vec![oh, ow, 4]),
            (Err(_), None) => {}
            (y, e) => prop_assert!(false, "got {:?}, brute force {:?}", y.map(|t| t.shape().to_string()), e),
        }

        let x1 = Input::new([h, 2]).tensor().unwrap();
        let y1 = Conv1D::new(3, kh).strides(sh).dilation_rate(if sh > 1 { 1 } else { dil })
            .padding(padding_of(same)).call(&x1);
        let e1 = windows(h, kh as u64, sh as u64, if sh > 1 { 1 } else { dil as u64 }, same);
        prop_assert_eq!(y1.ok().map(|t| known_dims(&t)), e1.map(|l| vec![l, 3]));
    }

    #[test]
    fn pooling_layers_match_brute_force(
        h in 1u64..30, w in 1u64..30,
        ph in 1i64..5, pw in 1i64..5,
        strides in proptest::option::of((1i64..4, 1i64..4)),
        same in any::<bool>(),
        max in any::<bool>(),
    ) {
        clear_session();
        // Keras's strides default to the pool size.
        let (sh, sw) = strides.unwrap_or((ph, pw));
        let x = Input::new([h, w, 2]).tensor().unwrap();
        let y = if max {
            let mut p = MaxPooling2D::new((ph, pw)).padding(padding_of(same));
            if let Some(s) = strides { p = p.strides(s); }
            p.call(&x)
        } else {
            let mut p = AveragePooling2D::new((ph, pw)).padding(padding_of(same));
            if let Some(s) = strides { p = p.strides(s); }
            p.call(&x)
        };
        let expected = windows(h, ph as u64, sh as u64, 1, same)
            .zip(windows(w, pw as u64, sw as u64, 1, same));
        prop_assert_eq!(y.ok().map(|t| known_dims(&t)), expected.map(|(a, b)| vec![a, b, 2]));

        let x1 = Input::new([h, 2]).tensor().unwrap();
        let mut p1 = MaxPooling1D::new(ph).padding(padding_of(same));
        if let Some((s, _)) = strides { p1 = p1.strides(s); }
        let e1 = windows(h, ph as u64, sh as u64, 1, same);
        prop_assert_eq!(p1.call(&x1).ok().map(|t| known_dims(&t)), e1.map(|l| vec![l, 2]));
    }

    #[test]
    fn cropping_and_padding_count_the_kept_positions(
        h in 1u64..20, w in 1u64..20,
        crop in (0i64..12, 0i64..12, 0i64..12, 0i64..12),
        pad in (0i64..6, 0i64..6, 0i64..6, 0i64..6),
    ) {
        clear_session();
        // Positions i with `before <= i < n - after`, counted; Keras
        // raises when none is left.
        let kept = |n: u64, before: i64, after: i64| {
            let c = (0..n).filter(|&i| i >= before as u64 && i + (after as u64) < n).count() as u64;
            (c > 0).then_some(c)
        };
        let x = Input::new([h, w, 1]).tensor().unwrap();
        let (a, b, c, d) = crop;
        let y = Cropping2D::new(((a, b), (c, d))).call(&x);
        let expected = kept(h, a, b).zip(kept(w, c, d));
        prop_assert_eq!(y.ok().map(|t| known_dims(&t)), expected.map(|(p, q)| vec![p, q, 1]));

        let x1 = Input::new([h, 3]).tensor().unwrap();
        let y1 = Cropping1D::new((a, b)).call(&x1);
        prop_assert_eq!(y1.ok().map(|t| known_dims(&t)), kept(h, a, b).map(|l| vec![l, 3]));

        // Zero padding: every input position plus the padded ones.
        let (p, q, r, s) = pad;
        let z = ZeroPadding2D::new(((p, q), (r, s))).call(&x).unwrap();
        let count = |n: u64, before: i64, after: i64| (0..before as u64 + n + after as u64).count() as u64;
        prop_assert_eq!(known_dims(&z), vec![count(h, p, q), count(w, r, s), 1]);
        let z1 = ZeroPadding1D::new((p, q)).call(&x1).unwrap();
        prop_assert_eq!(known_dims(&z1), vec![count(h, p, q), 3]);
    }

    #[test]
    fn reshape_keeps_the_element_count(
        dims in proptest::collection::vec(1u64..6, 1..4),
        split in 0usize..4,
        infer in proptest::option::of(0usize..2),
        off_by in 1i64..3,
    ) {
        clear_session();
        let total: u64 = dims.iter().product();
        let first: u64 = dims.iter().take(split).product();
        let mut target = vec![first as i64, (total / first) as i64];
        if let Some(i) = infer {
            target[i] = -1;
        }
        let x = Input::new(dims.clone()).tensor().unwrap();
        let y = Reshape::new(target.clone()).call(&x).unwrap();
        prop_assert_eq!(known_dims(&y).iter().product::<u64>(), total);
        prop_assert_eq!(known_dims(&y), vec![first, total / first]);
        // A target that does not hold the same count is refused.
        let wrong = vec![total as i64 + off_by];
        prop_assert!(Reshape::new(wrong).call(&x).is_err());
    }
}
