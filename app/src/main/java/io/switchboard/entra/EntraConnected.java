package io.switchboard.entra;

/** The integration has just connected to a tenant (C3): a sign-in or client credentials passed the data check. */
public record EntraConnected(String tenantId) {}
