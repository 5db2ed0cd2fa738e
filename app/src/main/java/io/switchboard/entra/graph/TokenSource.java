package io.switchboard.entra.graph;

/** Supplies a valid Graph access token; called once per HTTP request, so it must cache and refresh on its own. */
@FunctionalInterface
public interface TokenSource {

    /** A bearer access token for Microsoft Graph, without the {@code Bearer } prefix. */
    String accessToken();
}
