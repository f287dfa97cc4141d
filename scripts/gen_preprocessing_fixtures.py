"""Fixtures for the preprocessing layers (Keras 3.15.1).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_preprocessing_fixtures.py

Each model here has a twin in tests/layers_preprocessing.rs built with
kerasinfo; each `dump_error` case has a Rust test expecting an `Err`.
"""

import json

import kfix
from kfix import dump_error, fresh
import keras
from keras import layers as L


def dump(group, name, model, variants=None):
    """kfix.dump, except that a config Keras cannot reload itself (e.g.
    RandomShear's get_config writes x_factor=0.2 as [-0.2, 0.2], which its
    constructor rejects) is recorded as `roundtrip_same: false` with the
    error instead of aborting the script."""
    try:
        kfix.dump(group, name, model, variants)
    except Exception as e:  # noqa: BLE001
        variants = dict(variants or {})
        variants.setdefault("default", {})
        data = kfix.describe(model)
        data["variants"] = variants
        data["roundtrip_same"] = False
        # The innermost cause is the last "Exception encountered" line.
        causes = [ln for ln in str(e).splitlines() if ln.startswith("Exception encountered: ")]
        cause = causes[-1].removeprefix("Exception encountered: ") if causes else str(e)
        data["roundtrip_error"] = f"{type(e).__name__}: {cause}"
        (kfix.ROOT / group / f"{name}.json").write_text(
            json.dumps(data, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{group}/{name}: Keras round trip failed: {data['roundtrip_error']}")

G = "preprocessing"
ST = {"show_trainable": {"show_trainable": True}}


def normalization_variants():
    fresh()
    inp = L.Input((8, 8, 3))
    x = L.Normalization()(inp)
    x = L.Normalization(axis=(1, 2))(x)
    x = L.Normalization(axis=None)(x)
    x = L.Normalization(axis=(-1, 1), name="norm_unsorted")(x)
    x = L.Normalization(mean=2.0, variance=3.0)(x)
    x = L.Normalization(mean=[1.0, 2.0, 3.0], variance=[1.0, 1.0, 1.0], invert=True)(x)
    x = L.Normalization(axis=1, trainable=False, name="frozen_norm")(x)
    x = L.Rescaling(1.0 / 255)(x)
    x = L.Rescaling(2.0, offset=-1.0, name="to_pm1")(x)
    model = keras.Model(inp, x, name="normalization_variants")
    dump(G, "normalization_variants", model, ST)


def normalization_dtypes():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 4)),
            L.Normalization(dtype="float64"),
            L.Normalization(dtype="float16"),
            L.Normalization(axis=(-1,), dtype="bfloat16"),
            L.Dense(2),
        ],
        name="normalization_dtypes",
    )
    dump(G, "normalization_dtypes", model, ST)


def normalization_mean_matrix():
    fresh()
    inp = L.Input((4, 5))
    x = L.Normalization(axis=(1, 2), mean=[[0.0] * 5] * 4, variance=[[1.0] * 5] * 4)(inp)
    x = L.Normalization(axis=(1, 2), mean=[0.0] * 5, variance=[1.0] * 5)(x)
    x = L.Normalization(axis=(1, 2), mean=[[0.0]] * 4, variance=[[1.0]] * 4)(x)
    x = L.Normalization(axis=(1, 2))(x)
    model = keras.Model(inp, x, name="normalization_mean_matrix")
    dump(G, "normalization_mean_matrix", model)


def image_resize_crop():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, None, 3)),
            L.Resizing(64, 48, crop_to_aspect_ratio=True),
            L.CenterCrop(32, 30),
            L.RandomCrop(16, 16, seed=1),
            L.Resizing(10, 12, pad_to_aspect_ratio=True, interpolation="nearest"),
            L.Resizing(7, 7, antialias=True, interpolation="bicubic"),
            L.Conv2D(4, 3),
        ],
        name="image_resize_crop",
    )
    dump(G, "image_resize_crop", model, ST)


def image_channels_first():
    fresh()
    cf = "channels_first"
    model = keras.Sequential(
        [
            L.Input((3, 40, 30)),
            L.Resizing(20, 24, data_format=cf),
            L.CenterCrop(10, 12, data_format=cf),
            L.RandomCrop(8, 9, data_format=cf),
            L.RandomFlip(data_format=cf),
            L.RandomRotation(0.1, data_format=cf),
            L.RandomZoom(0.1, data_format=cf),
        ],
        name="image_channels_first",
    )
    dump(G, "image_channels_first", model)


def image_odd_ranks():
    # Keras replaces axes 0/1 (channels_last) of inputs that are not 4D.
    fresh()
    a = L.Input((8, 3))
    b = L.Input((2, 8, 8, 3))
    c = L.Input((6, 5))
    outs = [
        L.CenterCrop(4, 5)(a),
        L.RandomCrop(4, 5)(a),
        L.Resizing(6, 7)(a),
        L.Resizing(6, 7)(b),
        L.RandomCrop(3, 2)(b),
        L.Resizing(2, 3, data_format="channels_first")(c),
        L.RandomCrop(4, 4, data_format="channels_first")(c),
    ]
    model = keras.Model([a, b, c], outs, name="image_odd_ranks")
    dump(G, "image_odd_ranks", model)


def augmentation_all():
    fresh()
    model = keras.Sequential(
        [
            L.Input((32, 32, 3)),
            L.RandomFlip("horizontal"),
            L.RandomRotation(0.1, fill_mode="constant"),
            L.RandomZoom((-0.2, 0.3), width_factor=0.1),
            L.RandomTranslation(0.1, (-0.2, 0.2)),
            L.RandomContrast(0.2),
            L.RandomBrightness((-0.2, 0.4), value_range=(0, 1)),
            L.RandomGrayscale(factor=0.2),
            L.RandomHue(0.5),
            L.RandomSaturation(0.5),
            L.RandomSharpness(0.5),
            L.RandomShear(x_factor=0.2, y_factor=(0.1, 0.3)),
            L.RandomColorJitter(brightness_factor=0.2, hue_factor=0.1),
            L.RandomColorDegeneration(0.5),
            L.RandomPosterization(4),
            L.RandomInvert(factor=0.5),
            L.RandomErasing(),
            L.RandomGaussianBlur(factor=0.3),
            L.RandomPerspective(),
            L.RandomElasticTransform(),
            L.AutoContrast(),
            L.Solarization(threshold_factor=0.5),
            L.MixUp(alpha=0.4),
            L.CutMix(),
            L.AugMix(),
            L.RandAugment(value_range=(0, 1)),
            L.MaxNumBoundingBoxes(10),
            L.ContrastLimitedAdaptiveHistogramEqualization(clip_limit=2.0),
            L.GlobalAveragePooling2D(),
            L.Dense(3),
        ],
        name="augmentation_all",
    )
    dump(G, "augmentation_all", model, ST)


def augmentation_inner_names():
    # RandomColorJitter, AugMix and RandAugment create (and so name) inner
    # layers in their constructors.
    fresh()
    model = keras.Sequential(
        [
            L.Input((16, 16, 3)),
            L.RandomColorJitter(brightness_factor=0.1, saturation_factor=0.2),
            L.RandomBrightness(0.1),
            L.AugMix(all_ops=False, num_chains=2, chain_depth=2, alpha=0.5),
            L.RandomShear(),
            L.RandAugment(num_ops=3),
            L.RandomContrast(0.1),
            L.AugMix(),
            L.Solarization(),
            L.RandomSharpness(0.2),
            L.RandomErasing(scale=(0.1, 0.2)),
            L.RandomGaussianBlur(kernel_size=5, sigma=0.5),
            L.RandomPerspective(scale=0.5, interpolation="nearest"),
            L.RandomElasticTransform(scale=0.5, fill_mode="mirror"),
            L.RandomShear(x_factor=(0.1, 0.2), fill_mode="wrap"),
        ],
        name="augmentation_inner_names",
    )
    dump(G, "augmentation_inner_names", model)


def augmentation_ranks():
    fresh()
    a = L.Input((None, None, 3))
    b = L.Input((8, 3))
    c = L.Input((2, 8, 8, 3))
    d = L.Input((3, 8, 8))
    outs = [
        L.RandomFlip()(a),
        L.RandomRotation((-0.2, 0.1))(b),
        L.RandomContrast(0.3)(c),
        L.RandomColorDegeneration(0.2)(b),
        L.RandomColorDegeneration(0.2, data_format="channels_first")(d),
        L.RandomColorDegeneration(0.2)(a),
    ]
    model = keras.Model([a, b, c, d], outs, name="augmentation_ranks")
    dump(G, "augmentation_ranks", model)


def categorical():
    fresh()
    ids = L.Input((5,), dtype="int32", name="ids")
    one = L.Input((1,), dtype="int32", name="one")
    vals = L.Input((4,), name="vals")
    seq = L.Input((3, 4), name="seq")
    flat = L.Input(batch_shape=(None,), dtype="int32", name="flat")
    outs = [
        L.CategoryEncoding(10)(ids),
        L.CategoryEncoding(10, output_mode="one_hot")(ids),
        L.CategoryEncoding(10, output_mode="one_hot")(one),
        L.CategoryEncoding(10, output_mode="count")(ids),
        L.CategoryEncoding(4, output_mode="one_hot")(flat),
        L.CategoryEncoding(4, output_mode="multi_hot")(flat),
        L.Hashing(7)(ids),
        L.Hashing(7, output_mode="one_hot")(one),
        L.Hashing(7, output_mode="multi_hot", salt=3)(ids),
        L.Hashing(7, output_mode="count", mask_value=0)(seq),
        L.Hashing(5, output_mode="multi_hot")(flat),
        L.Discretization(bin_boundaries=[0.0, 1.0, 2.0])(vals),
        L.Discretization(num_bins=4, output_mode="one_hot")(vals),
        L.Discretization(bin_boundaries=[0.5], output_mode="multi_hot")(vals),
        L.Discretization(bin_boundaries=[0.5, 1.5], output_mode="count")(seq),
        L.Discretization(num_bins=3, output_mode="one_hot")(seq),
        L.Discretization(bin_boundaries=[1.0], output_mode="multi_hot")(flat),
        L.Discretization(bin_boundaries=[1.0], output_mode="one_hot")(one),
    ]
    model = keras.Model([ids, one, vals, seq, flat], outs, name="categorical")
    dump(G, "categorical", model)


def lookups():
    fresh()
    ints = L.Input((5,), dtype="int32", name="ints")
    one = L.Input((1,), dtype="int32", name="one")
    words = L.Input((3,), dtype="string", name="words")
    flat = L.Input(batch_shape=(None,), dtype="int32", name="flat")
    v = [12, 36, 1138, 42]
    outs = [
        L.IntegerLookup(vocabulary=v)(ints),
        L.IntegerLookup(vocabulary=v, output_mode="one_hot")(ints),
        L.IntegerLookup(vocabulary=v, output_mode="one_hot")(one),
        L.IntegerLookup(vocabulary=v, output_mode="multi_hot", num_oov_indices=3)(ints),
        L.IntegerLookup(vocabulary=v, output_mode="count", mask_token=0)(ints),
        L.IntegerLookup(vocabulary=[0, -1] + v, mask_token=0)(ints),
        L.IntegerLookup(vocabulary=[-1] + v, output_mode="multi_hot")(ints),
        L.IntegerLookup(vocabulary=v, output_mode="tf_idf", idf_weights=[1.0, 2.0, 3.0, 4.0])(ints),
        L.IntegerLookup(vocabulary=v, output_mode="multi_hot", max_tokens=20, pad_to_max_tokens=True)(ints),
        L.IntegerLookup(vocabulary=v, invert=True)(ints),
        L.IntegerLookup(output_mode="one_hot")(ints),
        L.IntegerLookup(max_tokens=9, output_mode="count", pad_to_max_tokens=True)(ints),
        L.IntegerLookup(vocabulary=v, output_mode="multi_hot", num_oov_indices=0)(flat),
        L.StringLookup(vocabulary=["a", "b", "c"])(words),
        L.StringLookup(vocabulary=["a", "b", "c"], output_mode="one_hot")(words),
        L.StringLookup(vocabulary=["a", "b", "c"], output_mode="multi_hot", mask_token="")(words),
        L.StringLookup(vocabulary=["[UNK]", "a", "b"], output_mode="count", oov_token="[UNK]")(words),
        L.StringLookup(vocabulary=["a", "b"], output_mode="tf_idf", idf_weights=[0.5, 0.25])(words),
        L.StringLookup(output_mode="multi_hot", max_tokens=6, pad_to_max_tokens=True)(words),
        L.StringLookup(vocabulary=["a", "b"], oov_method="farmhash", salt=7, num_oov_indices=2, output_mode="count")(words),
        L.IntegerLookup(vocabulary=v, oov_method="farmhash", salt=5)(ints),
    ]
    model = keras.Model([ints, one, words, flat], outs, name="lookups")
    dump(G, "lookups", model)


def preprocessing_pipeline():
    # A typical image model: augmentation and preprocessing up front.
    fresh()
    inp = L.Input((None, None, 3), name="image")
    x = L.Resizing(72, 72)(inp)
    x = L.Rescaling(1.0 / 255)(x)
    x = L.Normalization()(x)
    x = L.RandomFlip("horizontal")(x)
    x = L.RandomRotation(0.02)(x)
    x = L.RandomZoom(0.2, 0.2)(x)
    x = L.RandomCrop(64, 64)(x)
    x = L.Conv2D(8, 3, activation="relu")(x)
    x = L.GlobalAveragePooling2D()(x)
    out = L.Dense(10)(x)
    model = keras.Model(inp, out, name="preprocessing_pipeline")
    dump(G, "preprocessing_pipeline", model, {**ST, "line100": {"line_length": 100}})


def pipelines():
    fresh()
    inp = L.Input((16, 16, 3))
    aug = L.Pipeline(
        [L.RandomFlip(), L.RandomRotation(0.1), L.Normalization(), L.Rescaling(0.5)]
    )
    x = aug(inp)
    prep = L.Pipeline(
        [L.Resizing(8, 8), L.Normalization(axis=None, trainable=False)], name="prep"
    )
    x = prep(x)
    inner = L.Pipeline([L.CenterCrop(4, 4), L.Normalization(axis=(1, 2))])
    outer = L.Pipeline([L.RandomZoom(0.1), inner])
    x = outer(x)
    x = L.Flatten()(x)
    out = L.Dense(2)(x)
    model = keras.Model(inp, out, name="pipelines")
    dump(G, "pipelines", model, ST)


def pipeline_in_sequential():
    fresh()
    model = keras.Sequential(
        [
            L.Input((6, 6, 3)),
            L.Pipeline([L.RandomFlip("vertical"), L.Normalization()]),
            L.Normalization(),
            L.Flatten(),
            L.Dense(1),
        ],
        name="pipeline_in_sequential",
    )
    dump(G, "pipeline_in_sequential", model, ST)


def adapted_and_file_vocabularies():
    # State that `to_json` does not carry: adapted mean/variance (weights,
    # `mean: null`), adapted or file vocabularies (`vocabulary: null` with
    # `vocabulary_size`), adapted bin boundaries (both keys written).
    import os
    import tempfile

    import numpy as np

    fresh()
    vocab_dir = tempfile.mkdtemp()
    path = os.path.join(vocab_dir, "vocab.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("a\nb\nc\nd\n")
    ints = L.Input((4,), dtype="int64", name="ints")
    words = L.Input((3,), dtype="string", name="words")
    text = L.Input((1,), dtype="string", name="text")
    vals = L.Input((4,), name="vals")
    norm = L.Normalization()
    norm.adapt(np.arange(12.0).reshape(3, 4))
    ilookup = L.IntegerLookup(output_mode="multi_hot")
    ilookup.adapt(np.array([[1, 2, 3, 3]]))
    slookup_file = L.StringLookup(vocabulary=path, output_mode="one_hot")
    ilookup_int = L.IntegerLookup(num_oov_indices=2)
    ilookup_int.adapt(np.array([[5, 6]]))
    tv = L.TextVectorization(output_mode="count")
    tv.adapt(["the cat sat", "the dog"])
    tv_file = L.TextVectorization(vocabulary=path, output_mode="multi_hot")
    disc = L.Discretization(num_bins=3, output_mode="one_hot")
    disc.adapt(np.arange(20.0).reshape(20, 1))
    outs = [
        norm(vals),
        ilookup(ints),
        slookup_file(words),
        ilookup_int(ints),
        tv(text),
        tv_file(text),
        disc(vals),
    ]
    model = keras.Model([ints, words, text, vals], outs, name="adapted_and_file_vocabularies")
    dump(G, "adapted_and_file_vocabularies", model)


def text_audio():
    fresh()
    s = L.Input((1,), dtype="string", name="text")
    s0 = L.Input(batch_shape=(None,), dtype="string", name="flat_text")
    a = L.Input((1,), dtype="int32", name="a")
    b = L.Input((1,), dtype="int32", name="b")
    c = L.Input((3,), dtype="int32", name="c")
    d = L.Input((3,), dtype="int32", name="d")
    audio = L.Input((16000,), name="audio")
    audio2 = L.Input((None,), name="audio_any")
    audio3 = L.Input((8000, 2), name="stereo")
    outs = [
        L.TextVectorization(max_tokens=10)(s),
        L.TextVectorization(max_tokens=10, output_sequence_length=7)(s),
        L.TextVectorization(max_tokens=10, output_mode="multi_hot")(s),
        L.TextVectorization(output_mode="multi_hot", vocabulary=["a", "b"])(s),
        L.TextVectorization(output_mode="count", max_tokens=6, pad_to_max_tokens=True)(s0),
        L.TextVectorization(split=None, output_mode="one_hot", vocabulary=["a", "b", "c"])(s0),
        L.TextVectorization(split=None, output_mode="tf_idf", vocabulary=["a", "b"], idf_weights=[1.0, 2.0])(s),
        L.TextVectorization(split="character", ngrams=2, output_sequence_length=5, standardize="lower")(s),
        L.StringLookup(vocabulary=["x"])(s),
        L.HashedCrossing(5)([a, b]),
        L.HashedCrossing(5, output_mode="one_hot")([a, b]),
        L.HashedCrossing(5, output_mode="one_hot")([c, d]),
        L.MelSpectrogram()(audio),
        L.MelSpectrogram(fft_length=512, sequence_stride=128, num_mel_bins=40)(audio2),
        L.MelSpectrogram(sequence_stride=100, sequence_length=1024)(audio3),
    ]
    model = keras.Model([s, s0, a, b, c, d, audio, audio2, audio3], outs, name="text_audio")
    dump(G, "text_audio", model)



def text_audio_reloaded():
    # Keras's own reload of text_audio's config differs (an un-adapted
    # TextVectorization's depth is frozen at its special tokens): the
    # config importer follows the reload.
    fresh()
    model = keras.models.model_from_json(
        (kfix.ROOT / G / "text_audio.config.json").read_text(encoding="utf-8")
    )
    dump(G, "text_audio_reloaded", model)

def stft():
    # STFTSpectrogram needs scipy (not in the Keras venv): run with
    # PYTHONPATH pointing at a scipy install; skipped otherwise.
    try:
        import scipy  # noqa: F401
    except ImportError:
        print("stft: scipy missing, fixtures kept as they are")
        return
    fresh()
    a = L.Input((16000, 1), name="mono")
    b = L.Input((2, 16000), name="cf_stereo")
    c = L.Input((1000, 2), name="stereo")
    d = L.Input((None, 1), name="any_length")
    outs = [
        L.STFTSpectrogram()(a),
        L.STFTSpectrogram(data_format="channels_first", frame_length=200)(b),
        L.STFTSpectrogram(expand_dims=True, mode="stft")(c),
        L.STFTSpectrogram(padding="same", frame_step=100, fft_length=512, mode="real")(a),
        L.STFTSpectrogram(mode="imag", scaling=None, window="hamming")(d),
        L.STFTSpectrogram(expand_dims=True, data_format="channels_first", frame_length=64, trainable=False)(b),
    ]
    model = keras.Model([a, b, c, d], outs, name="stft")
    dump(G, "stft", model, ST)

    def stft_step():
        L.STFTSpectrogram(frame_length=64, frame_step=65)

    def stft_fft():
        L.STFTSpectrogram(frame_length=64, fft_length=32)

    def stft_scaling():
        L.STFTSpectrogram(scaling="bogus")

    def stft_rank():
        L.STFTSpectrogram()(L.Input((1000,)))

    def stft_too_short():
        L.STFTSpectrogram()(L.Input((100, 1)))

    for name, f in list(locals().items()):
        if name.startswith("stft_"):
            dump_error(G, f"err_{name}", f)


def errors():
    def norm_mean_only():
        L.Normalization(mean=1.0)(L.Input((3,)))

    def norm_shape_mismatch():
        L.Normalization(mean=[1.0, 2.0], variance=[1.0])(L.Input((2,)))

    def norm_mean_rank():
        L.Normalization(axis=-1, mean=[[1.0]], variance=[[1.0]])(L.Input((1,)))

    def norm_axis_range():
        L.Normalization(axis=3)(L.Input((4, 5)))

    def norm_unknown_axis():
        L.Normalization(axis=1)(L.Input((None, 5)))

    def norm_broadcast():
        L.Normalization(mean=[1.0, 2.0], variance=[1.0, 1.0])(L.Input((3,)))

    def center_crop_rank():
        L.CenterCrop(2, 2)(L.Input((2, 8, 8, 3)))

    def random_crop_rank():
        L.RandomCrop(2, 2)(L.Input((8,)))

    def resizing_cf_rank():
        L.Resizing(2, 2, data_format="channels_first")(L.Input((8,)))

    def category_tokens():
        L.CategoryEncoding(0)

    def category_mode():
        L.CategoryEncoding(3, output_mode="int")

    def hashing_bins():
        L.Hashing(0)

    def hashing_sparse_int():
        L.Hashing(3, sparse=True)

    def disc_both():
        L.Discretization(bin_boundaries=[1.0], num_bins=3)

    def disc_neither():
        L.Discretization()

    def disc_negative():
        L.Discretization(num_bins=-1)

    def disc_tfidf():
        L.Discretization(num_bins=2, output_mode="tf_idf")

    def lookup_max_tokens():
        L.IntegerLookup(max_tokens=1)

    def lookup_pad_no_max():
        L.IntegerLookup(pad_to_max_tokens=True)

    def lookup_oov_negative():
        L.IntegerLookup(num_oov_indices=-1)

    def lookup_invert_mode():
        L.IntegerLookup(vocabulary=[1, 2], invert=True, output_mode="one_hot")

    def lookup_idf_mode():
        L.IntegerLookup(vocabulary=[1, 2], idf_weights=[1.0, 1.0])

    def lookup_tfidf_no_weights():
        L.IntegerLookup(vocabulary=[1, 2], output_mode="tf_idf")

    def lookup_tfidf_len():
        L.StringLookup(vocabulary=["a", "b"], output_mode="tf_idf", idf_weights=[1.0])

    def lookup_repeated():
        L.IntegerLookup(vocabulary=[1, 2, 1])

    def lookup_mask_in_vocab():
        L.StringLookup(vocabulary=["a", "", "b"], mask_token="")

    def lookup_oov_in_vocab_invert():
        L.IntegerLookup(vocabulary=[1, -1, 2], invert=True)

    def lookup_mask_special_multi_hot():
        # The mask token is only a special token in "int" mode.
        L.IntegerLookup(vocabulary=[0, -1, 5], output_mode="multi_hot", mask_token=0)

    def lookup_oov_method():
        L.StringLookup(oov_method="modulo")

    def lookup_salt_floormod():
        L.IntegerLookup(salt=3)

    def lookup_too_large():
        L.StringLookup(vocabulary=["a", "b", "c"], max_tokens=3)

    def lookup_empty():
        L.IntegerLookup(vocabulary=[])

    def rotation_factor():
        L.RandomRotation(1.5)

    def zoom_factor():
        L.RandomZoom(-1.0)

    def translation_factor():
        L.RandomTranslation(0.1, (0.2, 1.2))

    def contrast_factor():
        L.RandomContrast(-0.1)

    def posterization_factor():
        L.RandomPosterization(9)

    def grayscale_factor():
        L.RandomGrayscale(factor=1.5)

    def rotation_fill_mode():
        L.RandomRotation(0.1, fill_mode="mirror")

    def zoom_interpolation():
        L.RandomZoom(0.1, interpolation="bicubic")

    def color_degeneration_rank():
        L.RandomColorDegeneration(0.2)(L.Input((2, 8, 8, 3)))

    def color_degeneration_channels():
        L.RandomColorDegeneration(0.2)(L.Input((8, 8, 4)))

    def equalization_in_model():
        # Equalization.compute_output_spec returns its input tensor, so any
        # model containing it is "part of a cycle" in Keras 3.15.1.
        inp = L.Input((8, 8, 3))
        keras.Model(inp, L.Equalization(bins=128)(inp))

    def tv_sequence_length_mode():
        L.TextVectorization(output_mode="multi_hot", output_sequence_length=3)

    def tv_ragged_mode():
        L.TextVectorization(output_mode="count", ragged=True)

    def tv_standardize():
        L.TextVectorization(standardize="upper")

    def tv_vocab_repeated():
        L.TextVectorization(vocabulary=["a", "a"])

    def shear_factor():
        L.RandomShear(x_factor=1.5)

    def solarization_factor():
        L.Solarization(addition_factor=-0.1)

    def jitter_factor():
        L.RandomColorJitter(contrast_factor=1.5)

    def erasing_scale():
        L.RandomErasing(scale=1.5)

    def blur_kernel():
        L.RandomGaussianBlur(kernel_size=4)

    def perspective_scale():
        L.RandomPerspective(scale=2.0)

    def perspective_interpolation():
        L.RandomPerspective(interpolation="bicubic")

    def elastic_fill_mode():
        L.RandomElasticTransform(fill_mode="bogus")

    def pipeline_inner_error():
        L.Pipeline([L.Rescaling(2.0), L.CenterCrop(2, 2)])(L.Input((4,)))

    def hc_three():
        a = L.Input((1,))
        L.HashedCrossing(5)([a, a, a])

    def hc_mismatch():
        L.HashedCrossing(5)([L.Input((1,)), L.Input((3,))])

    def hc_mode():
        L.HashedCrossing(5, output_mode="multi_hot")

    def mel_fft():
        L.MelSpectrogram(fft_length=256, sequence_length=512)

    for name, f in list(locals().items()):
        dump_error(G, f"err_{name}", f)


if __name__ == "__main__":
    for f in [
        normalization_variants, normalization_dtypes, normalization_mean_matrix,
        image_resize_crop, image_channels_first, image_odd_ranks,
        augmentation_all, augmentation_inner_names, augmentation_ranks, categorical, lookups,
        preprocessing_pipeline, pipelines, pipeline_in_sequential, text_audio, text_audio_reloaded, stft, errors,
        adapted_and_file_vocabularies,
    ]:
        f()
