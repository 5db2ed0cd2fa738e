/** A stateful emulator of the Microsoft identity platform and Microsoft Graph, served on loopback. */
package io.switchboard.emulator;
