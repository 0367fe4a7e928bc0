package dev.hush.application.crypto;

import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.WrappedKeyBlob;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key hierarchy over in-memory stores: only the look-ups the hierarchy uses ({@code kek}, {@code dataKey})
 * are answered; any other store call fails the test.
 */
final class KeyFixtures {
    final Map<UUID, WrappedKeyBlob> keks = new HashMap<>();
    final Map<String, WrappedKeyBlob> deks = new HashMap<>();
    final AtomicInteger rootUnwraps = new AtomicInteger();
    final RootKeys rootKeys;
    final KeyHierarchy hierarchy;

    KeyFixtures(Clock clock, Duration ttl) {
        byte[] rootKey = Aes256Gcm.randomKey();
        rootKeys = new RootKeys() {
            @Override
            public String keyId() { return "test-root"; }

            @Override
            public WrappedKeyBlob wrap(byte[] keyMaterial, byte[] context) {
                byte[] nonce = Aes256Gcm.nonce();
                byte[] out = new byte[12 + keyMaterial.length + 16];
                System.arraycopy(nonce, 0, out, 0, 12);
                Aes256Gcm.seal(rootKey, nonce, context, keyMaterial, out, 12);
                return new WrappedKeyBlob("test-root", "1", out);
            }

            @Override
            public byte[] unwrap(WrappedKeyBlob wrapped, byte[] context) {
                rootUnwraps.incrementAndGet();
                byte[] b = wrapped.ciphertext();
                return Aes256Gcm.open(rootKey, b, 0, 12, b.length - 12, context);
            }

            @Override
            public void probe() {}
        };
        OrganizationKeys orgs = proxy(OrganizationKeys.class, (name, args) -> name.equals("kek") ? Optional.ofNullable(keks.get((UUID) args[0])) : null);
        Projects projects = proxy(Projects.class, (name, args) -> name.equals("dataKey")
                ? Optional.ofNullable(deks.get(args[0] + ":" + args[1])) : null);
        hierarchy = new KeyHierarchy(rootKeys, orgs, projects, clock, 100, ttl);
    }

    KeyFixtures() { this(Clock.systemUTC(), Duration.ofMinutes(5)); }

    /** Creates and stores an organization KEK and version-1..n project DEKs. */
    void project(UUID org, UUID project, int versions) {
        keks.computeIfAbsent(org, o -> hierarchy.newOrganizationKeys(o, new byte[] {1}, new byte[32]).kek());
        for (int v = 1; v <= versions; v++) {
            deks.put(project + ":" + v, hierarchy.newProjectKey(org, project, v));
        }
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Object r = answer.answer(m.getName(), args);
            if (r == null) {
                throw new AssertionError("unexpected store call " + m.getName());
            }
            return r;
        });
    }
}
