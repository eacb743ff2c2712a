"""PyInstaller hook for mediapipe (it ships none).

Problem: a plain build starts, then fails with "The path does not exist: .../face_landmark_front_cpu.binarypb"
because the graphs and TFLite models are package data PyInstaller does not see.
Fix: collect mediapipe's graph and model files, and the solution modules that load them by name.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files(
    "mediapipe", includes=["**/*.binarypb", "**/*.tflite", "**/*.txt", "**/*.pbtxt", "**/*.task"]
)
hiddenimports = collect_submodules("mediapipe.python.solutions") + ["mediapipe.python._framework_bindings"]
# mediapipe references these optional stacks in modules we never load (matplotlib, however, is
# imported by `import mediapipe` itself and must stay); excluding them
# keeps the bundle hundreds of MB smaller.
excludedimports = ["jax", "jaxlib", "sounddevice", "sentencepiece", "tensorflow"]
