package io.islands.storage;

import java.time.Instant;

/** One stored version as the database holds it: JSON text, not yet decoded. */
record RawVersion(long revision, String json, Instant savedAt) {}
