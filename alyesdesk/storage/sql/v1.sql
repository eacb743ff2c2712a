-- Schema version 1, frozen as released. Never edit: add a migration step instead.
CREATE TABLE models (
	id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
	PRIMARY KEY (id), UNIQUE (name, version, sha256)
);
CREATE TABLE results (
	id INTEGER NOT NULL, created_at FLOAT NOT NULL, capability VARCHAR NOT NULL, input TEXT NOT NULL,
	input_sha256 VARCHAR, outcome TEXT NOT NULL, model_id INTEGER, details TEXT,
	PRIMARY KEY (id), FOREIGN KEY(model_id) REFERENCES models (id)
);
CREATE INDEX ix_results_sha ON results (input_sha256);
CREATE INDEX ix_results_capability_time ON results (capability, created_at);
CREATE TABLE classifications (
	result_id INTEGER NOT NULL, label VARCHAR NOT NULL, confidence FLOAT NOT NULL,
	probabilities TEXT NOT NULL, correction VARCHAR, corrected_at FLOAT,
	PRIMARY KEY (result_id), FOREIGN KEY(result_id) REFERENCES results (id) ON DELETE CASCADE
);
CREATE TABLE document_checks (
	result_id INTEGER NOT NULL, page_count INTEGER NOT NULL, signature_count INTEGER NOT NULL,
	expected INTEGER NOT NULL, verdict VARCHAR NOT NULL, pages TEXT NOT NULL,
	PRIMARY KEY (result_id), FOREIGN KEY(result_id) REFERENCES results (id) ON DELETE CASCADE
);
CREATE TABLE gaze_calibrations (
	id INTEGER NOT NULL, result_id INTEGER, created_at FLOAT NOT NULL, screen VARCHAR NOT NULL,
	screen_geometry TEXT NOT NULL, frontend VARCHAR NOT NULL, model_onnx BLOB NOT NULL, sidecar TEXT NOT NULL,
	mean_px FLOAT, median_px FLOAT, mean_deg FLOAT, median_deg FLOAT, valid INTEGER NOT NULL,
	PRIMARY KEY (id), FOREIGN KEY(result_id) REFERENCES results (id) ON DELETE CASCADE
);
CREATE TABLE segmentations (
	result_id INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, areas TEXT NOT NULL,
	PRIMARY KEY (result_id), FOREIGN KEY(result_id) REFERENCES results (id) ON DELETE CASCADE
);
CREATE TABLE gaze_sessions (
	id INTEGER NOT NULL, result_id INTEGER, name VARCHAR NOT NULL, started_at FLOAT NOT NULL,
	ended_at FLOAT, screen VARCHAR NOT NULL, screen_geometry TEXT NOT NULL, calibration_id INTEGER,
	screenshot_png BLOB, sample_count INTEGER NOT NULL,
	PRIMARY KEY (id), FOREIGN KEY(result_id) REFERENCES results (id) ON DELETE CASCADE,
	FOREIGN KEY(calibration_id) REFERENCES gaze_calibrations (id) ON DELETE SET NULL
);
CREATE TABLE gaze_samples (
	id INTEGER NOT NULL, session_id INTEGER NOT NULL, t FLOAT NOT NULL, x FLOAT NOT NULL, y FLOAT NOT NULL,
	confidence FLOAT NOT NULL, status VARCHAR NOT NULL,
	PRIMARY KEY (id), FOREIGN KEY(session_id) REFERENCES gaze_sessions (id) ON DELETE CASCADE
);
