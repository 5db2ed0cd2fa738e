package io.switchboard.softphone;

import io.switchboard.secrets.SecretBox;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

/**
 * The softphone sign-ins under way, in the database so that every instance knows them and so that
 * the integration callback can tell a softphone sign-in from the admin's by its {@code state}. Each
 * is bound to the browser that started it (a cookie whose hash is stored), lives ten minutes and is
 * used once; a used one is kept a day so that its replay is recognised and refused. The request,
 * with its nonce and PKCE verifier, is stored sealed.
 */
@Component
public class SignInRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String BROWSER_COOKIE = "SWITCHBOARD_SSO";
    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final Duration KEPT = Duration.ofDays(1);
    private static final String PURPOSE = "softphone.sign-in";

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInRequests(JdbcClient jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /** Whether {@code state} names a softphone sign-in, under way or already used. */
    public boolean isSoftphoneState(String state) {
        return state != null
                && jdbc.sql("SELECT COUNT(*) FROM softphone_sign_in WHERE state = ?")
                                .param(state)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        return pending(request).orElse(null);
    }

    private Optional<OAuth2AuthorizationRequest> pending(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        String browser = cookie(request);
        if (state == null || browser == null) {
            return Optional.empty();
        }
        OffsetDateTime oldest = clock.instant().minus(VALIDITY).atOffset(ZoneOffset.UTC);
        return jdbc.sql("SELECT request FROM softphone_sign_in WHERE state = ? AND browser = ? AND used = FALSE"
                        + " AND created_at >= ?")
                .params(state, hash(browser), oldest)
                .query(String.class)
                .optional()
                .map(stored -> deserialize(box.open(PURPOSE, stored)));
    }

    @Override
    public void saveAuthorizationRequest(
            OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request, HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        jdbc.sql("DELETE FROM softphone_sign_in WHERE created_at < ?")
                .param(clock.instant().minus(KEPT).atOffset(ZoneOffset.UTC))
                .update();
        String browser = cookie(request);
        if (browser == null) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            browser = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            response.addHeader(
                    "Set-Cookie",
                    ResponseCookie.from(BROWSER_COOKIE, browser)
                            .path("/")
                            .httpOnly(true)
                            .secure(request.isSecure())
                            .sameSite("Lax")
                            .build()
                            .toString());
        }
        String registration = authorizationRequest.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
        jdbc.sql("INSERT INTO softphone_sign_in (state, platform, request, browser, created_at, used)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE)")
                .params(
                        authorizationRequest.getState(),
                        SoftphoneRegistrations.MOBILE.equals(registration)
                                ? Platform.MOBILE.name()
                                : Platform.WEB.name(),
                        box.seal(PURPOSE, serialize(authorizationRequest)),
                        hash(browser),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Takes the sign-in for its callback: only one request ever gets it. */
    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(
            HttpServletRequest request, HttpServletResponse response) {
        Optional<OAuth2AuthorizationRequest> pending = pending(request);
        if (pending.isEmpty()) {
            return null;
        }
        int taken = jdbc.sql("UPDATE softphone_sign_in SET used = TRUE WHERE state = ? AND used = FALSE")
                .param(pending.get().getState())
                .update();
        return taken == 1 ? pending.get() : null;
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (BROWSER_COOKIE.equals(c.getName()) && !c.getValue().isBlank()) {
                return c.getValue();
            }
        }
        return null;
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serialize(OAuth2AuthorizationRequest request) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
            out.flush();
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OAuth2AuthorizationRequest deserialize(String text) {
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            return (OAuth2AuthorizationRequest) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
