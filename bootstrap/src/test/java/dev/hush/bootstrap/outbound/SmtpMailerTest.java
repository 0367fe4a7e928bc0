package dev.hush.bootstrap.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.port.Mailer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SMTP mailer talks real SMTP (Angus Mail) to a minimal SMTP server run by the test. */
class SmtpMailerTest {
    /** Accepts one message and returns the DATA it received. */
    static CompletableFuture<String> fakeSmtp(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                OutputStream out = s.getOutputStream();
                out.write("220 fake ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                StringBuilder data = new StringBuilder();
                String line;
                boolean inData = false;
                while ((line = in.readLine()) != null) {
                    if (inData) {
                        if (line.equals(".")) {
                            inData = false;
                            out.write("250 queued\r\n".getBytes(StandardCharsets.US_ASCII));
                        } else {
                            data.append(line).append('\n');
                        }
                    } else if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                        out.write("250 fake\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (line.startsWith("DATA")) {
                        inData = true;
                        out.write("354 go\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (line.startsWith("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    } else {
                        out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
                return data.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void send_deliversOverSmtp() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            var received = fakeSmtp(server);
            new SmtpMailer("127.0.0.1", server.getLocalPort(), "", "", false, "hush@example.com")
                    .send(new Mailer.Mail("bob@example.com", "Invitation", "token abc"));
            String data = received.get(10, TimeUnit.SECONDS);
            assertThat(data).contains("To: bob@example.com").contains("Subject: Invitation").contains("token abc").contains("From: hush@example.com");
        }
    }

    @Test
    void startTlsRequired_butNotOffered_fails_withoutQuotingTheMessage() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            fakeSmtp(server);
            assertThatThrownBy(() -> new SmtpMailer("127.0.0.1", server.getLocalPort(), "", "", true, "hush@example.com")
                    .send(new Mailer.Mail("bob@example.com", "Invitation", "token abc")))
                    .hasMessageStartingWith("SMTP delivery failed").hasMessageNotContaining("token abc");
        }
    }
}
