package dev.hush.application.port;

/**
 * Statistics an adapter adds up in memory and writes in batches (access counts of secrets). The server's
 * flush job calls {@link #flush()} on a schedule and once more at shutdown, before the database closes.
 */
public interface BufferedStatistics {
    /** Writes what was gathered; on failure keeps it for the next call. */
    void flush();
}
