"""Street segmentation: the segmenter backend, the colour overlay and video reading/writing."""
