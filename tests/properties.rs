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
        let options = SummaryOptions::new()
            .line_length(line_length)
            .show_trainable(show_trainable)
            .console_width(console);
        if let Ok(text) = summary.render(&options) {
            prop_assert!(text.ends_with('\n'));
            if console >= 40 {
                prop_assert!(text.starts_with("Model: "));
            }
        }
        let _ = summary.render(&SummaryOptions::new().console_width(console).show_trainable(show_trainable));
    }
}
