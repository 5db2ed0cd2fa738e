/** Receives Microsoft Graph change and lifecycle notifications at the public base URL. */
package io.switchboard.entra.webhook;
