package io.switchboard.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tenant's app registration and its enterprise application: client id, client secrets, redirect URIs, the
 * delegated consent grant, admin-consented application permissions, and how the next interactive sign-in ends.
 * Thread-safe.
 */
public final class AppRegistration {

    /**
     * A client secret (password credential).
     *
     * @param keyId the secret's id; sending it instead of {@code value} is the classic AADSTS7000215 mistake
     * @param hint the first three characters of the value, as the portal shows
     */
    public record ClientSecret(String keyId, String value, String hint, Instant startDateTime, Instant endDateTime) {
        /** Whether the secret is past its end date at {@code now}. */
        public boolean expiredAt(Instant now) {
            return !now.isBefore(endDateTime);
        }
    }

    /** How the next interactive sign-in at the authorize endpoint ends. */
    public enum SignInOutcome {
        /** The authorization account signs in and consents to what is requested. */
        CONSENT,
        /** The user declines the consent prompt: {@code error=access_denied}, AADSTS65004. */
        DECLINE_CONSENT,
        /** Interaction is needed but {@code prompt=none} forbade it: {@code error=interaction_required}. */
        INTERACTION_REQUIRED,
        /** No session exists: {@code error=login_required}. */
        LOGIN_REQUIRED
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String displayName;
    private final Clock clock;
    private final List<ClientSecret> secrets = new ArrayList<>();
    private final Set<String> redirectUris = new LinkedHashSet<>();
    private final Set<String> delegatedConsent = new LinkedHashSet<>();
    private final Set<String> applicationPermissions = new LinkedHashSet<>();
    private final Map<String, Instant> sessionsRevokedAt = new HashMap<>();
    private final List<Runnable> consentRevokedListeners = new CopyOnWriteArrayList<>();
    private boolean applicationConsentGranted = true;
    private long consentGeneration;
    private String authorizationAccountId;
    private SignInOutcome nextSignIn;
    private boolean interactiveSignIn;

    AppRegistration(String clientId, String displayName, Clock clock) {
        this.clientId = clientId;
        this.displayName = displayName;
        this.clock = clock;
        applicationPermissions.addAll(Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All"));
    }

    /** The application (client) id. */
    public String clientId() {
        return clientId;
    }

    public String displayName() {
        return displayName;
    }

    // ---- secrets

    /** Adds a new secret valid from now for {@code validity} and returns it (the value is shown only here). */
    public synchronized ClientSecret addSecret(Duration validity) {
        String value = newSecretValue();
        Instant now = clock.instant();
        ClientSecret secret =
                new ClientSecret(UUID.randomUUID().toString(), value, value.substring(0, 3), now, now.plus(validity));
        secrets.add(secret);
        return secret;
    }

    /** Adds a secret with a value chosen by the caller, e.g. a fixed value for the demo. */
    public synchronized ClientSecret addSecret(String value, Duration validity) {
        Instant now = clock.instant();
        ClientSecret secret =
                new ClientSecret(UUID.randomUUID().toString(), value, value.substring(0, 3), now, now.plus(validity));
        secrets.add(secret);
        return secret;
    }

    /** Removes every secret and adds a new one valid for 180 days; old values then fail with AADSTS7000215. */
    public synchronized ClientSecret rotateSecret() {
        secrets.clear();
        return addSecret(Duration.ofDays(180));
    }

    /** Sets the end date of every secret to now, so they fail with AADSTS7000222. */
    public synchronized void expireSecrets() {
        Instant now = clock.instant();
        secrets.replaceAll(s -> new ClientSecret(s.keyId(), s.value(), s.hint(), s.startDateTime(), now));
    }

    /** Deletes the secret with this key id. */
    public synchronized void removeSecret(String keyId) {
        secrets.removeIf(s -> s.keyId().equals(keyId));
    }

    public synchronized List<ClientSecret> secrets() {
        return List.copyOf(secrets);
    }

    /** The value of the newest secret that is not expired, if any. */
    public synchronized Optional<String> currentSecretValue() {
        Instant now = clock.instant();
        for (int i = secrets.size() - 1; i >= 0; i--) {
            if (!secrets.get(i).expiredAt(now)) {
                return Optional.of(secrets.get(i).value());
            }
        }
        return Optional.empty();
    }

    synchronized Optional<ClientSecret> secretWithValue(String value) {
        return secrets.stream().filter(s -> s.value().equals(value)).findFirst();
    }

    // ---- redirect URIs

    /** Registers a redirect URI; the authorize and token endpoints require an exact match. */
    public synchronized AppRegistration addRedirectUri(String uri) {
        redirectUris.add(uri);
        return this;
    }

    /** Unregisters a redirect URI. */
    public synchronized AppRegistration removeRedirectUri(String uri) {
        redirectUris.remove(uri);
        return this;
    }

    public synchronized Set<String> redirectUris() {
        return Set.copyOf(redirectUris);
    }

    // ---- sign-in and consent

    /** Chooses the user that signs in at the authorize endpoint (the "authorization account"). */
    public synchronized void signInAs(String userId) {
        authorizationAccountId = userId;
    }

    public synchronized String authorizationAccountId() {
        return authorizationAccountId;
    }

    /**
     * With {@code true}, a browser without a session at the login host gets the login form (user name and password)
     * instead of being signed in as the authorization account; with {@code false} (the default) the authorization
     * account is signed in at once. {@code prompt=login} and a {@code login_hint} naming another user show the form
     * either way.
     */
    public synchronized void requireInteractiveSignIn(boolean value) {
        interactiveSignIn = value;
    }

    public synchronized boolean interactiveSignIn() {
        return interactiveSignIn;
    }

    /** Makes the next interactive sign-in end with {@code outcome}; later sign-ins consent again. */
    public synchronized void nextSignIn(SignInOutcome outcome) {
        nextSignIn = outcome;
    }

    synchronized SignInOutcome takeSignInOutcome() {
        SignInOutcome outcome = nextSignIn == null ? SignInOutcome.CONSENT : nextSignIn;
        nextSignIn = null;
        return outcome;
    }

    /** The delegated Graph scopes (short form) the tenant has consented to for this app. */
    public synchronized Set<String> delegatedConsent() {
        return Set.copyOf(delegatedConsent);
    }

    synchronized void grantDelegated(Set<String> scopes) {
        delegatedConsent.addAll(scopes);
    }

    /**
     * Revokes every consent (delegated grant and admin-consented application permissions): refresh tokens then fail
     * with {@code invalid_grant} AADSTS65001, client-credential tokens carry no roles, and subscriptions get a {@code
     * reauthorizationRequired} lifecycle event. Access tokens already issued stay valid until they expire, as with
     * Microsoft.
     */
    public void revokeConsent() {
        synchronized (this) {
            delegatedConsent.clear();
            applicationConsentGranted = false;
            consentGeneration++;
        }
        consentRevokedListeners.forEach(Runnable::run);
    }

    /** Grants admin consent to the configured application permissions (as the adminconsent endpoint does). */
    public synchronized void grantAdminConsent() {
        applicationConsentGranted = true;
    }

    /** Replaces the application permissions the registration requests (default User/Group/Directory.Read.All). */
    public synchronized void setApplicationPermissions(Set<String> permissions) {
        applicationPermissions.clear();
        applicationPermissions.addAll(permissions);
    }

    /** The roles a client-credentials token receives: the configured permissions once admin consent is granted. */
    public synchronized Set<String> grantedApplicationPermissions() {
        return applicationConsentGranted ? Set.copyOf(applicationPermissions) : Set.of();
    }

    /** Revokes every refresh token of this user issued before now (an admin's "revoke sessions"): AADSTS50173. */
    public synchronized void revokeSessions(String userId) {
        sessionsRevokedAt.put(userId, clock.instant());
    }

    synchronized Instant sessionsRevokedAt(String userId) {
        return sessionsRevokedAt.get(userId);
    }

    synchronized long consentGeneration() {
        return consentGeneration;
    }

    void onConsentRevoked(Runnable listener) {
        consentRevokedListeners.add(listener);
    }

    private static String newSecretValue() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(i == 3 ? '~' : alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
