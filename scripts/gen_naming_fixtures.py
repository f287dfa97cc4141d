"""Keras 3's `to_snake_case` on edge-case class names, for tests/no_panics.rs.

Run: COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_naming_fixtures.py
Writes tests/fixtures/naming/snake_case.json: [[input, keras_output], ...].
"""

import json
import os

from keras.src.utils.naming import to_snake_case

NAMES = [
    "", "A", "a", "_", "__", "Ab", "AB", "aB", "ABc", "aBc", "AbC", "X9",
    "BatchNormalization", "Conv2DTranspose", "GlobalAveragePooling2D", "LSTM",
    "InputLayer", "HTTPServerError", "getHTTPResponseCode", "ReLU", "PReLU",
    "already_snake", "a b-c.d", "  Dense  ", "MyLayerV2", "XYZabcDEFghi",
    "aAbBcC", "A_B_C", "éClassName", "Conv2D_1", "TFOpLambda", "Abc" * 50,
    "a" + "Bc" * 40, "ÉcoleNormale", "layer\twith\ttabs", "1Dense", "Dense1D",
]

out = [[n, to_snake_case(n)] for n in NAMES]
path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "naming", "snake_case.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
print(len(out), "names")
