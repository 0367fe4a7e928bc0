package dev.hush.bootstrap;

import dev.hush.bootstrap.wiring.InvalidSetting;
import dev.hush.kms.host.RootKeyCheck;
import dev.hush.kms.spi.KmsException;
import dev.hush.persistence.embedded.EmbeddedDatabase;

/** A one-line reason for a failed start: the deepest message Hush itself wrote. */
public final class StartupFailure {
    private StartupFailure() {}

    public static String describe(Throwable e) {
        Throwable best = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RootKeyCheck.RootKeyMismatch || t instanceof KmsException || t instanceof DataDir.DataDirException
                    || t instanceof EmbeddedDatabase.Unavailable || t instanceof Database.Misconfigured || t instanceof InvalidSetting) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                best = t;
            }
        }
        return best.getClass().getSimpleName() + ": " + best.getMessage();
    }
}
