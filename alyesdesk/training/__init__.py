"""Training scripts (the `train` extra: torch, onnx). Never imported by the app itself."""
