package dev.hush.bootstrap;

import dev.hush.kms.spi.KmsException;
import dev.hush.persistence.embedded.EmbeddedDatabase;

/** A one-line reason for a failed start: the deepest message Hush itself wrote. */
final class StartupFailure {
    private StartupFailure() {}

    static String describe(Throwable e) {
        Throwable best = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RootKeyCheck.RootKeyMismatch || t instanceof KmsException || t instanceof DataDir.DataDirException
                    || t instanceof EmbeddedDatabase.Unavailable || t instanceof Database.Misconfigured) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                best = t;
            }
        }
        return best.getClass().getSimpleName() + ": " + best.getMessage();
    }
}
