package dev.hush.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.hush.rpc.v1.PageInfo;
import dev.hush.rpc.v1.PullSecretsResponse;
import dev.hush.rpc.v1.PurposeType;
import dev.hush.rpc.v1.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Connect pull's JSON is what protobuf's own JsonFormat printer writes (the oracle), token for token. */
class PullJsonTest {
    @Test
    void writesWhatJsonFormatWrites_forEveryShapeOfAnswer() throws Exception {
        List<PullSecretsResponse> answers = List.of(
                PullSecretsResponse.getDefaultInstance(),
                PullSecretsResponse.newBuilder().setPage(PageInfo.getDefaultInstance()).build(),
                PullSecretsResponse.newBuilder().setPage(PageInfo.newBuilder().setLimit(50).setOffset(100).setTotal(12_345_678_901L)).build(),
                PullSecretsResponse.newBuilder()
                        .addSecrets(Secret.newBuilder().setKey("EMPTY_VALUE").setValue("")) // optional: present although empty
                        .addSecrets(Secret.newBuilder().setKey("NO_VALUE").setVersion(3).setHasValue(false))
                        .addSecrets(Secret.newBuilder().setKey("ALL").setValue("pâté € \"quoted\" <b>&amp;</b> \\ \n\t\u0001 😀").setVersion(9_007_199_254_740_993L)
                                .addTags("backend").addTags("db").setPurposeType(PurposeType.PURPOSE_TYPE_USERNAME_PASSWORD).setDescription("the 'main' one")
                                .setHasValue(true).setAccessCount(42).setLastAccessedAt(at(1_700_000_000L, 0))
                                .setUpdatedAt(at(1_700_000_001L, 123_000_000)))
                        .addSecrets(Secret.newBuilder().setKey("MICROS").setPurposeType(PurposeType.PURPOSE_TYPE_OTHER).setUpdatedAt(at(0, 123_456_000)))
                        .addSecrets(Secret.newBuilder().setKey("NANOS").setUpdatedAt(at(253_402_300_799L, 999_999_999)))
                        .setPage(PageInfo.newBuilder().setLimit(5))
                        .build());
        for (PullSecretsResponse answer : answers) {
            String ours = new String(PullJson.write(answer), StandardCharsets.UTF_8);
            String oracle = JsonFormat.printer().print(answer);
            assertThat(tokens(ours)).as(ours).isEqualTo(tokens(oracle));
            PullSecretsResponse.Builder back = PullSecretsResponse.newBuilder();
            JsonFormat.parser().merge(ours, back);
            assertThat(back.build()).isEqualTo(answer);
        }
    }

    private static Timestamp at(long seconds, int nanos) { return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build(); }

    /** The JSON's tokens with their text: the same document whatever the whitespace and the escaping of each character. */
    private static List<String> tokens(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                out.add(t + (t.isScalarValue() || t == JsonToken.FIELD_NAME ? " " + p.getText() : ""));
            }
        }
        return out;
    }
}
