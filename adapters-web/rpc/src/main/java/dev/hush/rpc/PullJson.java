package dev.hush.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hush.rpc.v1.PageInfo;
import dev.hush.rpc.v1.PullSecretsResponse;
import dev.hush.rpc.v1.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code PullSecretsResponse} in protobuf's JSON mapping, written field by field with Jackson's generator: the Connect
 * pull's answer, which protobuf's generic {@code JsonFormat} printer (descriptors and reflection per field) made the
 * larger part of a Connect pull's cost. The same JSON as {@code JsonFormat.printer()}: lowerCamelCase names in field
 * order, defaults left out, 64-bit integers as strings, enums by name, timestamps in RFC 3339 (tested against it).
 */
final class PullJson {
    private static final JsonFactory JSON = new JsonFactory();

    private PullJson() {}

    static byte[] write(PullSecretsResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 200 * response.getSecretsCount());
        write(response, out);
        return out.toByteArray();
    }

    /** About how many bytes the answer takes (a buffer of this size rarely grows). */
    static int estimate(PullSecretsResponse response) {
        return 256 + 200 * response.getSecretsCount();
    }

    /** Writes the answer to {@code out} (a Netty buffer's stream on the hot path: no copy of the answer). */
    static void write(PullSecretsResponse response, java.io.OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (response.getSecretsCount() > 0) {
                g.writeArrayFieldStart("secrets");
                for (Secret s : response.getSecretsList()) {
                    secret(g, s);
                }
                g.writeEndArray();
            }
            if (response.hasPage()) {
                page(g, response.getPage());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void secret(JsonGenerator g, Secret s) throws IOException {
        g.writeStartObject();
        if (!s.getKey().isEmpty()) {
            g.writeStringField("key", s.getKey());
        }
        if (s.hasValue()) {
            g.writeStringField("value", s.getValue());
        }
        if (s.getVersion() != 0) {
            g.writeStringField("version", Long.toString(s.getVersion()));
        }
        if (s.getTagsCount() > 0) {
            g.writeArrayFieldStart("tags");
            for (String tag : s.getTagsList()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        if (s.getPurposeTypeValue() != 0) {
            g.writeStringField("purposeType", s.getPurposeType().name());
        }
        if (!s.getDescription().isEmpty()) {
            g.writeStringField("description", s.getDescription());
        }
        if (s.getHasValue()) {
            g.writeBooleanField("hasValue", true);
        }
        if (s.getAccessCount() != 0) {
            g.writeStringField("accessCount", Long.toString(s.getAccessCount()));
        }
        if (s.hasLastAccessedAt()) {
            g.writeStringField("lastAccessedAt", rfc3339(s.getLastAccessedAt()));
        }
        if (s.hasUpdatedAt()) {
            g.writeStringField("updatedAt", rfc3339(s.getUpdatedAt()));
        }
        g.writeEndObject();
    }

    private static void page(JsonGenerator g, PageInfo p) throws IOException {
        g.writeObjectFieldStart("page");
        if (p.getLimit() != 0) {
            g.writeNumberField("limit", p.getLimit());
        }
        if (p.getOffset() != 0) {
            g.writeNumberField("offset", p.getOffset());
        }
        if (p.getTotal() != 0) {
            g.writeStringField("total", Long.toString(p.getTotal()));
        }
        g.writeEndObject();
    }

    /**
     * A timestamp as protobuf's JSON mapping writes it ({@code Timestamps.toString}: UTC, "Z", 0, 3, 6 or 9 fraction
     * digits), by {@link java.time.format.DateTimeFormatter#ISO_INSTANT}, which has the same rules for years 0001 to
     * 9999 without protobuf's SimpleDateFormat and String.format.
     */
    static String rfc3339(com.google.protobuf.Timestamp t) {
        return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }
}
