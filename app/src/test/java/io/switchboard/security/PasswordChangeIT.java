package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Changing the administrator's password (issue 13.6): a stated policy, and everything issued before is refused. */
class PasswordChangeIT extends SecuritySuite {

    private static final String NEW_PASSWORD = "correct horse battery staple";
    private static final String PASSWORD = "/api/v1/auth/password";

    @Autowired
    private SignInThrottle throttle;

    @AfterEach
    void restoreThePassword() {
        throttle.forgetAll();
        Answer withNew = token("admin", NEW_PASSWORD);
        if (withNew.status() == 200) {
            Answer restored = api.withToken(
                    "POST",
                    PASSWORD,
                    Api.json(Map.of("currentPassword", NEW_PASSWORD, "newPassword", Api.ADMIN_PASSWORD)),
                    withNew.text("accessToken"));
            assertThat(restored.status()).isEqualTo(204);
        }
    }

    @Test
    void thePolicyIsStatedAndEnforcedNamingTheField_13_6() {
        Answer tooShort =
                api.post(PASSWORD, Api.json(Map.of("currentPassword", Api.ADMIN_PASSWORD, "newPassword", "short-pw")));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooShort.body().path("errors").get(0).path("field").asString())
                .isEqualTo("newPassword");
        assertThat(tooShort.text("detail")).contains("at least 12 characters").contains("12 to 128");

        Answer sameAsUser =
                api.post(PASSWORD, Api.json(Map.of("currentPassword", Api.ADMIN_PASSWORD, "newPassword", "ADMIN")));
        assertThat(sameAsUser.body().path("errors").get(0).path("field").asString())
                .isEqualTo("newPassword");

        Answer sameAsCurrent = api.post(
                PASSWORD, Api.json(Map.of("currentPassword", Api.ADMIN_PASSWORD, "newPassword", Api.ADMIN_PASSWORD)));
        assertThat(sameAsCurrent.text("detail")).contains("must differ from the current password");

        Answer wrongCurrent =
                api.post(PASSWORD, Api.json(Map.of("currentPassword", "not-it", "newPassword", NEW_PASSWORD)));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.body().path("errors").get(0).path("field").asString())
                .isEqualTo("currentPassword");

        Answer missing = api.post(PASSWORD, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("errors").get(0).path("field").asString())
                .isEqualTo("currentPassword");

        assertThat(token("admin", Api.ADMIN_PASSWORD).status())
                .as("nothing changed")
                .isEqualTo(200);
        assertThat(api.anonymous("POST", PASSWORD, "{}").status()).isEqualTo(401);
    }

    @Test
    void aChangeRefusesEveryTokenAndSessionIssuedBefore_13_6() {
        String otherToken = token("admin", Api.ADMIN_PASSWORD).text("accessToken");
        Browser portal = new Browser();
        portal.signIn("admin", Api.ADMIN_PASSWORD);
        assertThat(portal.get("/api/v1/extensions").statusCode()).isEqualTo(200);

        Answer changed = api.post(
                PASSWORD, Api.json(Map.of("currentPassword", Api.ADMIN_PASSWORD, "newPassword", NEW_PASSWORD)));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/extensions").status())
                .as("the token that changed it")
                .isEqualTo(401);
        assertThat(api.withToken("GET", "/api/v1/extensions", null, otherToken).status())
                .isEqualTo(401);
        assertThat(portal.get("/api/v1/extensions").statusCode())
                .as("the portal session")
                .isEqualTo(401);
        assertThat(portal.get("/").statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'admin'")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(token("admin", Api.ADMIN_PASSWORD).status()).isEqualTo(401);
        String fresh = token("admin", NEW_PASSWORD).text("accessToken");
        assertThat(api.withToken("GET", "/api/v1/extensions", null, fresh).status())
                .isEqualTo(200);
        Answer audit = api.withToken("GET", "/api/v1/audit-events", null, fresh);
        assertThat(audit.raw().body()).contains("PASSWORD_CHANGED").doesNotContain(NEW_PASSWORD);
    }

    @Test
    void thePortalFormExplainsRefusalsInTheAdminsLanguageAndSignsOutOnSuccess_13_6() {
        Browser portal = new Browser();
        portal.signIn("admin", Api.ADMIN_PASSWORD);
        String page = portal.get("/").body();
        assertThat(page).contains("id=\"password\"").contains("12 to 128 characters");

        HttpResponse<String> mismatch = portal.form(
                "/account/password",
                Map.of(
                        "currentPassword",
                        Api.ADMIN_PASSWORD,
                        "newPassword",
                        NEW_PASSWORD,
                        "confirmPassword",
                        NEW_PASSWORD + "x",
                        "_csrf",
                        csrf(page)));
        assertThat(mismatch.headers().firstValue("Location")).hasValue("/#password");
        assertThat(portal.get("/").body()).contains("data-rule=\"MISMATCH\"").contains("The two new passwords differ");

        String chinese = portal.get("/?lang=zh-CN").body();
        HttpResponse<String> tooShort = portal.form(
                "/account/password",
                Map.of(
                        "currentPassword",
                        Api.ADMIN_PASSWORD,
                        "newPassword",
                        "short",
                        "confirmPassword",
                        "short",
                        "_csrf",
                        csrf(chinese)));
        assertThat(tooShort.statusCode()).isEqualTo(302);
        assertThat(portal.get("/").body()).contains("新密码太短");

        HttpResponse<String> changed = portal.form(
                "/account/password",
                Map.of(
                        "currentPassword",
                        Api.ADMIN_PASSWORD,
                        "newPassword",
                        NEW_PASSWORD,
                        "confirmPassword",
                        NEW_PASSWORD,
                        "_csrf",
                        csrf(portal.get("/?lang=en").body())));
        assertThat(changed.headers().firstValue("Location")).hasValue("/login?passwordChanged");
        assertThat(portal.get("/").statusCode()).isEqualTo(302);
        assertThat(portal.get("/login?passwordChanged").body()).contains("Your password was changed");
        assertThat(api.get("/api/v1/extensions").status()).isEqualTo(401);
    }
}
