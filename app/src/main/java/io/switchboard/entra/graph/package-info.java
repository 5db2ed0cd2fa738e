/** A resilient, read-only Microsoft Graph v1.0 client for the Entra users and groups that Switchboard syncs. */
package io.switchboard.entra.graph;
