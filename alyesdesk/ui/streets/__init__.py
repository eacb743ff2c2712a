"""The Streets tab: the segmentation overlay on images, videos and the webcam."""
