//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/preprocessing/`: tests/layers_preprocessing.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

pub fn normalization_variants() -> kerasinfo::Result<Model> {
    let inp = Input::new([8, 8, 3]).tensor()?;
    let x = Normalization::new().call(&inp)?;
    let x = Normalization::new().axis([1, 2]).call(&x)?;
    let x = Normalization::new().axis(None::<i64>).call(&x)?;
    let x = Normalization::new()
        .axis([-1, 1])
        .name("norm_unsorted")
        .call(&x)?;
    let x = Normalization::new().mean(2.0).variance(3.0).call(&x)?;
    let x = Normalization::new()
        .mean([1.0, 2.0, 3.0])
        .variance([1.0, 1.0, 1.0])
        .invert(true)
        .call(&x)?;
    let x = Normalization::new()
        .axis(1)
        .trainable(false)
        .name("frozen_norm")
        .call(&x)?;
    let x = Rescaling::new(1.0 / 255.0).call(&x)?;
    let x = Rescaling::new(2.0).offset(-1.0).name("to_pm1").call(&x)?;
    let model = Functional::new(&inp, &x)
        .name("normalization_variants")
        .build()?;
    Ok(model)
}

pub fn normalization_dtypes() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("normalization_dtypes")
        .add(Input::new([None, Some(4)]))
        .add(Normalization::new().dtype(DType::Float64))
        .add(Normalization::new().dtype(DType::Float16))
        .add(Normalization::new().axis([-1]).dtype(DType::BFloat16))
        .add(Dense::new(2))
        .build()?;
    Ok(model)
}

pub fn normalization_mean_matrix() -> kerasinfo::Result<Model> {
    let inp = Input::new([4, 5]).tensor()?;
    let x = Normalization::new()
        .axis([1, 2])
        .mean(vec![vec![0.0; 5]; 4])
        .variance(vec![vec![1.0; 5]; 4])
        .call(&inp)?;
    let x = Normalization::new()
        .axis([1, 2])
        .mean(vec![0.0; 5])
        .variance(vec![1.0; 5])
        .call(&x)?;
    let x = Normalization::new()
        .axis([1, 2])
        .mean(vec![vec![0.0]; 4])
        .variance(vec![vec![1.0]; 4])
        .call(&x)?;
    let x = Normalization::new().axis([1, 2]).call(&x)?;
    let model = Functional::new(&inp, &x)
        .name("normalization_mean_matrix")
        .build()?;
    Ok(model)
}

pub fn image_resize_crop() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("image_resize_crop")
        .add(Input::new([None, None, Some(3)]))
        .add(Resizing::new(64, 48).crop_to_aspect_ratio(true))
        .add(CenterCrop::new(32, 30))
        .add(RandomCrop::new(16, 16).seed(1))
        .add(
            Resizing::new(10, 12)
                .pad_to_aspect_ratio(true)
                .interpolation("nearest"),
        )
        .add(Resizing::new(7, 7).antialias(true).interpolation("bicubic"))
        .add(Conv2D::new(4, 3))
        .build()?;
    Ok(model)
}

pub fn image_channels_first() -> kerasinfo::Result<Model> {
    let cf = DataFormat::ChannelsFirst;
    let model = Sequential::new()
        .name("image_channels_first")
        .add(Input::new([3, 40, 30]))
        .add(Resizing::new(20, 24).data_format(cf))
        .add(CenterCrop::new(10, 12).data_format(cf))
        .add(RandomCrop::new(8, 9).data_format(cf))
        .add(RandomFlip::new().data_format(cf))
        .add(RandomRotation::new(0.1).data_format(cf))
        .add(RandomZoom::new(0.1).data_format(cf))
        .build()?;
    Ok(model)
}

pub fn image_odd_ranks() -> kerasinfo::Result<Model> {
    let a = Input::new([8, 3]).tensor()?;
    let b = Input::new([2, 8, 8, 3]).tensor()?;
    let c = Input::new([6, 5]).tensor()?;
    let cf = DataFormat::ChannelsFirst;
    let outs = [
        CenterCrop::new(4, 5).call(&a)?,
        RandomCrop::new(4, 5).call(&a)?,
        Resizing::new(6, 7).call(&a)?,
        Resizing::new(6, 7).call(&b)?,
        RandomCrop::new(3, 2).call(&b)?,
        Resizing::new(2, 3).data_format(cf).call(&c)?,
        RandomCrop::new(4, 4).data_format(cf).call(&c)?,
    ];
    let model = Functional::new([&a, &b, &c], &outs)
        .name("image_odd_ranks")
        .build()?;
    Ok(model)
}

pub fn augmentation_all() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("augmentation_all")
        .add(Input::new([32, 32, 3]))
        .add(RandomFlip::new().mode(FlipMode::Horizontal))
        .add(RandomRotation::new(0.1).fill_mode("constant"))
        .add(RandomZoom::new((-0.2, 0.3)).width_factor(0.1))
        .add(RandomTranslation::new(0.1, (-0.2, 0.2)))
        .add(RandomContrast::new(0.2))
        .add(RandomBrightness::new((-0.2, 0.4)).value_range(0.0, 1.0))
        .add(RandomGrayscale::new().factor(0.2))
        .add(RandomHue::new(0.5))
        .add(RandomSaturation::new(0.5))
        .add(RandomSharpness::new(0.5))
        .add(RandomShear::new().x_factor(0.2).y_factor((0.1, 0.3)))
        .add(
            RandomColorJitter::new()
                .brightness_factor(0.2)
                .hue_factor(0.1),
        )
        .add(RandomColorDegeneration::new(0.5))
        .add(RandomPosterization::new(4))
        .add(RandomInvert::new().factor(0.5))
        .add(RandomErasing::new())
        .add(RandomGaussianBlur::new().factor(0.3))
        .add(RandomPerspective::new())
        .add(RandomElasticTransform::new())
        .add(AutoContrast::new())
        .add(Solarization::new().threshold_factor(0.5))
        .add(MixUp::new().alpha(0.4))
        .add(CutMix::new())
        .add(AugMix::new())
        .add(RandAugment::new().value_range(0.0, 1.0))
        .add(MaxNumBoundingBoxes::new(10))
        .add(ContrastLimitedAdaptiveHistogramEqualization::new().clip_limit(2.0))
        .add(GlobalAveragePooling2D::new())
        .add(Dense::new(3))
        .build()?;
    Ok(model)
}

pub fn augmentation_ranks() -> kerasinfo::Result<Model> {
    let a = Input::new([None, None, Some(3)]).tensor()?;
    let b = Input::new([8, 3]).tensor()?;
    let c = Input::new([2, 8, 8, 3]).tensor()?;
    let d = Input::new([3, 8, 8]).tensor()?;
    let outs = [
        RandomFlip::new().call(&a)?,
        RandomRotation::new((-0.2, 0.1)).call(&b)?,
        RandomContrast::new(0.3).call(&c)?,
        RandomColorDegeneration::new(0.2).call(&b)?,
        RandomColorDegeneration::new(0.2)
            .data_format(DataFormat::ChannelsFirst)
            .call(&d)?,
        RandomColorDegeneration::new(0.2).call(&a)?,
    ];
    let model = Functional::new([&a, &b, &c, &d], &outs)
        .name("augmentation_ranks")
        .build()?;
    Ok(model)
}

pub fn categorical() -> kerasinfo::Result<Model> {
    let ids = Input::new([5]).dtype(DType::Int32).name("ids").tensor()?;
    let one = Input::new([1]).dtype(DType::Int32).name("one").tensor()?;
    let vals = Input::new([4]).name("vals").tensor()?;
    let seq = Input::new([3, 4]).name("seq").tensor()?;
    let flat = Input::with_batch_shape([None::<i64>])
        .dtype(DType::Int32)
        .name("flat")
        .tensor()?;
    let oh = OutputMode::OneHot;
    let mh = OutputMode::MultiHot;
    let count = OutputMode::Count;
    let outs = [
        CategoryEncoding::new(10).call(&ids)?,
        CategoryEncoding::new(10).output_mode(oh).call(&ids)?,
        CategoryEncoding::new(10).output_mode(oh).call(&one)?,
        CategoryEncoding::new(10).output_mode(count).call(&ids)?,
        CategoryEncoding::new(4).output_mode(oh).call(&flat)?,
        CategoryEncoding::new(4).output_mode(mh).call(&flat)?,
        Hashing::new(7).call(&ids)?,
        Hashing::new(7).output_mode(oh).call(&one)?,
        Hashing::new(7).output_mode(mh).salt(3).call(&ids)?,
        Hashing::new(7)
            .output_mode(count)
            .mask_value(0)
            .call(&seq)?,
        Hashing::new(5).output_mode(mh).call(&flat)?,
        Discretization::new()
            .bin_boundaries([0.0, 1.0, 2.0])
            .call(&vals)?,
        Discretization::new()
            .num_bins(4)
            .output_mode(oh)
            .call(&vals)?,
        Discretization::new()
            .bin_boundaries([0.5])
            .output_mode(mh)
            .call(&vals)?,
        Discretization::new()
            .bin_boundaries([0.5, 1.5])
            .output_mode(count)
            .call(&seq)?,
        Discretization::new()
            .num_bins(3)
            .output_mode(oh)
            .call(&seq)?,
        Discretization::new()
            .bin_boundaries([1.0])
            .output_mode(mh)
            .call(&flat)?,
        Discretization::new()
            .bin_boundaries([1.0])
            .output_mode(oh)
            .call(&one)?,
    ];
    let model = Functional::new([&ids, &one, &vals, &seq, &flat], &outs)
        .name("categorical")
        .build()?;
    Ok(model)
}

pub fn lookups() -> kerasinfo::Result<Model> {
    let ints = Input::new([5]).dtype(DType::Int32).name("ints").tensor()?;
    let one = Input::new([1]).dtype(DType::Int32).name("one").tensor()?;
    // Keras uses Input(dtype="string"); only the shape matters here.
    let words = Input::new([3]).name("words").tensor()?;
    let flat = Input::with_batch_shape([None::<i64>])
        .dtype(DType::Int32)
        .name("flat")
        .tensor()?;
    let v = [12, 36, 1138, 42];
    let oh = OutputMode::OneHot;
    let mh = OutputMode::MultiHot;
    let outs = [
        IntegerLookup::new().vocabulary(v).call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(oh)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(oh)
            .call(&one)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(mh)
            .num_oov_indices(3)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(OutputMode::Count)
            .mask_token(0)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary([0, -1, 12, 36, 1138, 42])
            .mask_token(0)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary([-1, 12, 36, 1138, 42])
            .output_mode(mh)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(OutputMode::TfIdf)
            .idf_weights([1.0, 2.0, 3.0, 4.0])
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(mh)
            .max_tokens(20)
            .pad_to_max_tokens(true)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .invert(true)
            .call(&ints)?,
        IntegerLookup::new().output_mode(oh).call(&ints)?,
        IntegerLookup::new()
            .max_tokens(9)
            .output_mode(OutputMode::Count)
            .pad_to_max_tokens(true)
            .call(&ints)?,
        IntegerLookup::new()
            .vocabulary(v)
            .output_mode(mh)
            .num_oov_indices(0)
            .call(&flat)?,
        StringLookup::new()
            .vocabulary(["a", "b", "c"])
            .call(&words)?,
        StringLookup::new()
            .vocabulary(["a", "b", "c"])
            .output_mode(oh)
            .call(&words)?,
        StringLookup::new()
            .vocabulary(["a", "b", "c"])
            .output_mode(mh)
            .mask_token("")
            .call(&words)?,
        StringLookup::new()
            .vocabulary(["[UNK]", "a", "b"])
            .output_mode(OutputMode::Count)
            .oov_token("[UNK]")
            .call(&words)?,
        StringLookup::new()
            .vocabulary(["a", "b"])
            .output_mode(OutputMode::TfIdf)
            .idf_weights([0.5, 0.25])
            .call(&words)?,
        StringLookup::new()
            .output_mode(mh)
            .max_tokens(6)
            .pad_to_max_tokens(true)
            .call(&words)?,
        StringLookup::new()
            .vocabulary(["a", "b"])
            .oov_method("farmhash")
            .salt(7)
            .num_oov_indices(2)
            .output_mode(OutputMode::Count)
            .call(&words)?,
        IntegerLookup::new()
            .vocabulary(v)
            .oov_method("farmhash")
            .salt(5)
            .call(&ints)?,
    ];
    let model = Functional::new([&ints, &one, &words, &flat], &outs)
        .name("lookups")
        .build()?;
    Ok(model)
}

pub fn preprocessing_pipeline() -> kerasinfo::Result<Model> {
    let inp = Input::new([None, None, Some(3)]).name("image").tensor()?;
    let x = Resizing::new(72, 72).call(&inp)?;
    let x = Rescaling::new(1.0 / 255.0).call(&x)?;
    let x = Normalization::new().call(&x)?;
    let x = RandomFlip::new().mode(FlipMode::Horizontal).call(&x)?;
    let x = RandomRotation::new(0.02).call(&x)?;
    let x = RandomZoom::new(0.2).width_factor(0.2).call(&x)?;
    let x = RandomCrop::new(64, 64).call(&x)?;
    let x = Conv2D::new(8, 3).activation("relu").call(&x)?;
    let x = GlobalAveragePooling2D::new().call(&x)?;
    let out = Dense::new(10).call(&x)?;
    let model = Functional::new(&inp, &out)
        .name("preprocessing_pipeline")
        .build()?;
    Ok(model)
}

pub fn pipelines() -> kerasinfo::Result<Model> {
    let inp = Input::new([16, 16, 3]).tensor()?;
    let aug = Pipeline::new([])
        .layer(RandomFlip::new())
        .layer(RandomRotation::new(0.1))
        .layer(Normalization::new())
        .layer(Rescaling::new(0.5));
    let x = aug.call(&inp)?;
    let prep = Pipeline::new([])
        .layer(Resizing::new(8, 8))
        .layer(Normalization::new().axis(None::<i64>).trainable(false))
        .name("prep");
    let x = prep.call(&x)?;
    let inner = Pipeline::new([])
        .layer(CenterCrop::new(4, 4))
        .layer(Normalization::new().axis([1, 2]));
    let outer = Pipeline::new([]).layer(RandomZoom::new(0.1)).layer(inner);
    let x = outer.call(&x)?;
    let x = Flatten::new().call(&x)?;
    let out = Dense::new(2).call(&x)?;
    let model = Functional::new(&inp, &out).name("pipelines").build()?;
    Ok(model)
}

pub fn pipeline_in_sequential() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("pipeline_in_sequential")
        .add(Input::new([6, 6, 3]))
        .add(
            Pipeline::new([])
                .layer(RandomFlip::new().mode(FlipMode::Vertical))
                .layer(Normalization::new()),
        )
        .add(Normalization::new())
        .add(Flatten::new())
        .add(Dense::new(1))
        .build()?;
    Ok(model)
}

pub fn text_audio() -> kerasinfo::Result<Model> {
    // Keras uses Input(dtype="string") for the text inputs.
    let s = Input::new([1]).name("text").tensor()?;
    let s0 = Input::with_batch_shape([None::<i64>])
        .name("flat_text")
        .tensor()?;
    let a = Input::new([1]).dtype(DType::Int32).name("a").tensor()?;
    let b = Input::new([1]).dtype(DType::Int32).name("b").tensor()?;
    let c = Input::new([3]).dtype(DType::Int32).name("c").tensor()?;
    let d = Input::new([3]).dtype(DType::Int32).name("d").tensor()?;
    let audio = Input::new([16000]).name("audio").tensor()?;
    let audio2 = Input::new([None::<i64>]).name("audio_any").tensor()?;
    let audio3 = Input::new([8000, 2]).name("stereo").tensor()?;
    let oh = OutputMode::OneHot;
    let outs = [
        TextVectorization::new().max_tokens(10).call(&s)?,
        TextVectorization::new()
            .max_tokens(10)
            .output_sequence_length(7)
            .call(&s)?,
        TextVectorization::new()
            .max_tokens(10)
            .output_mode(OutputMode::MultiHot)
            .call(&s)?,
        TextVectorization::new()
            .output_mode(OutputMode::MultiHot)
            .vocabulary(["a", "b"])
            .call(&s)?,
        TextVectorization::new()
            .output_mode(OutputMode::Count)
            .max_tokens(6)
            .pad_to_max_tokens(true)
            .call(&s0)?,
        TextVectorization::new()
            .split(TextSplit::None)
            .output_mode(oh)
            .vocabulary(["a", "b", "c"])
            .call(&s0)?,
        TextVectorization::new()
            .split(TextSplit::None)
            .output_mode(OutputMode::TfIdf)
            .vocabulary(["a", "b"])
            .idf_weights([1.0, 2.0])
            .call(&s)?,
        TextVectorization::new()
            .split(TextSplit::Character)
            .ngrams(2)
            .output_sequence_length(5)
            .standardize(Some("lower"))
            .call(&s)?,
        StringLookup::new().vocabulary(["x"]).call(&s)?,
        HashedCrossing::new(5).call([&a, &b])?,
        HashedCrossing::new(5).output_mode(oh).call([&a, &b])?,
        HashedCrossing::new(5).output_mode(oh).call([&c, &d])?,
        MelSpectrogram::new().call(&audio)?,
        MelSpectrogram::new()
            .fft_length(512)
            .sequence_stride(128)
            .num_mel_bins(40)
            .call(&audio2)?,
        MelSpectrogram::new()
            .sequence_stride(100)
            .sequence_length(1024)
            .call(&audio3)?,
    ];
    let model = Functional::new([&s, &s0, &a, &b, &c, &d, &audio, &audio2, &audio3], &outs)
        .name("text_audio")
        .build()?;
    Ok(model)
}

pub fn augmentation_inner_names() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("augmentation_inner_names")
        .add(Input::new([16, 16, 3]))
        .add(
            RandomColorJitter::new()
                .brightness_factor(0.1)
                .saturation_factor(0.2),
        )
        .add(RandomBrightness::new(0.1))
        .add(
            AugMix::new()
                .all_ops(false)
                .num_chains(2)
                .chain_depth(2)
                .alpha(0.5),
        )
        .add(RandomShear::new())
        .add(RandAugment::new().num_ops(3))
        .add(RandomContrast::new(0.1))
        .add(AugMix::new())
        .add(Solarization::new())
        .add(RandomSharpness::new(0.2))
        .add(RandomErasing::new().scale((0.1, 0.2)))
        .add(RandomGaussianBlur::new().kernel_size(5).sigma(0.5))
        .add(RandomPerspective::new().scale(0.5).interpolation("nearest"))
        .add(RandomElasticTransform::new().scale(0.5).fill_mode("mirror"))
        .add(RandomShear::new().x_factor((0.1, 0.2)).fill_mode("wrap"))
        .build()?;
    Ok(model)
}

pub fn stft() -> kerasinfo::Result<Model> {
    let a = Input::new([16000, 1]).name("mono").tensor()?;
    let b = Input::new([2, 16000]).name("cf_stereo").tensor()?;
    let c = Input::new([1000, 2]).name("stereo").tensor()?;
    let d = Input::new([None, Some(1)]).name("any_length").tensor()?;
    let cf = DataFormat::ChannelsFirst;
    let outs = [
        STFTSpectrogram::new().call(&a)?,
        STFTSpectrogram::new()
            .data_format(cf)
            .frame_length(200)
            .call(&b)?,
        STFTSpectrogram::new()
            .expand_dims(true)
            .mode(StftMode::Stft)
            .call(&c)?,
        STFTSpectrogram::new()
            .padding(Padding::Same)
            .frame_step(100)
            .fft_length(512)
            .mode(StftMode::Real)
            .call(&a)?,
        STFTSpectrogram::new()
            .mode(StftMode::Imag)
            .scaling(None)
            .window("hamming")
            .call(&d)?,
        STFTSpectrogram::new()
            .expand_dims(true)
            .data_format(cf)
            .frame_length(64)
            .trainable(false)
            .call(&b)?,
    ];
    let model = Functional::new([&a, &b, &c, &d], &outs)
        .name("stft")
        .build()?;
    Ok(model)
}

pub fn adapted_and_file_vocabularies() -> kerasinfo::Result<Model> {
    // Keras adapts these layers (or reads a vocabulary file); the twins
    // are given the same vocabularies (sizes) directly.
    let ints = Input::new([4]).dtype(DType::Int64).name("ints").tensor()?;
    let words = Input::new([3]).name("words").tensor()?;
    let text = Input::new([1]).name("text").tensor()?;
    let vals = Input::new([4]).name("vals").tensor()?;
    let abcd = ["a", "b", "c", "d"];
    let outs = [
        Normalization::new().call(&vals)?,
        IntegerLookup::new()
            .vocabulary([3, 2, 1])
            .output_mode(OutputMode::MultiHot)
            .call(&ints)?,
        StringLookup::new()
            .vocabulary(abcd)
            .output_mode(OutputMode::OneHot)
            .call(&words)?,
        IntegerLookup::new()
            .num_oov_indices(2)
            .vocabulary([5, 6])
            .call(&ints)?,
        TextVectorization::new()
            .vocabulary(["the", "cat", "sat", "dog"])
            .output_mode(OutputMode::Count)
            .call(&text)?,
        TextVectorization::new()
            .vocabulary(abcd)
            .output_mode(OutputMode::MultiHot)
            .call(&text)?,
        Discretization::new()
            .num_bins(3)
            .output_mode(OutputMode::OneHot)
            .call(&vals)?,
    ];
    let model = Functional::new([&ints, &words, &text, &vals], &outs)
        .name("adapted_and_file_vocabularies")
        .build()?;
    Ok(model)
}
