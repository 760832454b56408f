package io.islands.storage;

import java.time.Instant;
import java.util.List;

/** A quarantine record as the database holds it; versions newest first, not yet decoded. */
record RawQuarantine(String key, String reason, Instant at, List<RawVersion> versions) {}
