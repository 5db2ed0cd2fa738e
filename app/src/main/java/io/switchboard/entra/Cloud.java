package io.switchboard.entra;

/** The Microsoft cloud the tenant lives in (C6), with its sign-in and Graph hosts (reference §1). */
public enum Cloud {
    /** The global cloud, also used by Microsoft 365 GCC (moderate). */
    GLOBAL("https://login.microsoftonline.com", "https://graph.microsoft.com"),
    /** US Government L4. */
    US_GOV_GCC_HIGH("https://login.microsoftonline.us", "https://graph.microsoft.us"),
    /** US Government L5 (DoD). */
    US_GOV_DOD("https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
    /** Microsoft Azure operated by 21Vianet. */
    CHINA("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
    /** Endpoints the admin enters (tests and the demo use the emulator's). */
    CUSTOM(null, null);

    private final String login;
    private final String graph;

    Cloud(String login, String graph) {
        this.login = login;
        this.graph = graph;
    }

    /** The sign-in base URL, without a path; null for {@link #CUSTOM}. */
    public String loginEndpoint() {
        return login;
    }

    /** The Graph base URL, without a path; null for {@link #CUSTOM}. */
    public String graphEndpoint() {
        return graph;
    }
}
