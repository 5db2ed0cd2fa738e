package io.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.testing.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The welcome mail goes through a real SMTP server once per created extension, after commit (U5). */
class WelcomeMailIT extends IntegrationTest {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("switchboard.mail.from", () -> "pbx@example.com");
        registry.add("switchboard.mail.poll-interval", () -> "PT1H");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    SyncedDirectory directory;

    @Autowired
    WelcomeMails mails;

    @Autowired
    WelcomeMailDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void emptyMailbox() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        jdbc.sql("DELETE FROM welcome_mail").update();
    }

    private Extension createAndWelcome(String number, String email) {
        return transactions.execute(status -> {
            Extension created = directory.upsertExtension(
                    "user-" + number, new ExtensionInput(number, "Ann", "Lee", email, null, null, null), false);
            mails.enqueue(created);
            return created;
        });
    }

    @Test
    void welcomeMailNamesTheNumberAndHowToSignIn_U5() throws Exception {
        Extension created = createAndWelcome("1042", "ann.lee@example.com");

        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ann.lee@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("pbx@example.com");
        assertThat(mail.getSubject()).contains("1042");
        assertThat(new String(mail.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("1042")
                .as("U5: the mail names the softphone client's real address")
                .contains("http://localhost:8080/client/")
                .contains("Sign in with Microsoft")
                .contains("登录方法");
        await().until(() -> mails.find(created.id()).orElseThrow().state() == WelcomeMailState.SENT);
    }

    @Test
    void aRetriedSyncNeverSendsASecondWelcome_U5() {
        Extension created = createAndWelcome("1043", "bo@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 1);

        boolean queuedAgain = transactions.execute(status -> mails.enqueue(created));
        dispatcher.dispatchDue();

        assertThat(queuedAgain).isFalse();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void nothingIsSentWhenTheCreatingTransactionRollsBack_U5() {
        transactions.executeWithoutResult(status -> {
            Extension created = directory.upsertExtension(
                    "user-rollback", new ExtensionInput("1044", "Cy", null, "cy@example.com", null, null, null), false);
            mails.enqueue(created);
            status.setRollbackOnly();
        });

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM welcome_mail")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anExtensionWithoutEmailIsSkippedWithAReason_U5() {
        Extension created = createAndWelcome("1045", null);

        assertThat(dispatcher.dispatchDue()).isZero();
        WelcomeMail mail = mails.find(created.id()).orElseThrow();
        assertThat(mail.state()).isEqualTo(WelcomeMailState.SKIPPED);
        assertThat(mail.lastError()).contains("no email");
    }

    @Test
    void aClaimLeftByADeadInstanceIsNeverSentAgain_U5() {
        Extension created = transactions.execute(status -> directory.upsertExtension(
                "user-stuck", new ExtensionInput("1046", "Di", null, "di@example.com", null, null, null), false));
        jdbc.sql("INSERT INTO welcome_mail (extension_id, recipient, number, state, attempts, next_attempt_at,"
                        + " claimed_at, created_at) VALUES (?, 'di@example.com', '1046', 'SENDING', 0, ?, ?, ?)")
                .params(
                        created.id(),
                        clock.instant().atOffset(java.time.ZoneOffset.UTC),
                        clock.instant().atOffset(java.time.ZoneOffset.UTC),
                        clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();

        clock.advance(WelcomeMailDispatcher.STUCK_AFTER.plusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(mails.find(created.id()).orElseThrow().state()).isEqualTo(WelcomeMailState.UNCERTAIN);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
