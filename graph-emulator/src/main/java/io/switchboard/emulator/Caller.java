package io.switchboard.emulator;

import java.util.Set;

/**
 * The identity behind a verified Graph access token.
 *
 * @param application true for an app-only (client credentials) token
 * @param objectId the signed-in user's id, or the service principal's for app-only tokens
 * @param permissions the delegated scopes ({@code scp}) or application roles ({@code roles})
 */
record Caller(boolean application, String objectId, Set<String> permissions) {

    boolean hasAny(Set<String> delegated, Set<String> applicationRoles) {
        Set<String> accepted = application ? applicationRoles : delegated;
        return permissions.stream().anyMatch(accepted::contains);
    }
}
