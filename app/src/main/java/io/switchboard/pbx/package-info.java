/**
 * The PBX-wide settings every other module may read: public base URL, time zone, extension
 * capacity and default country ({@link io.switchboard.pbx.PbxSettingsReader}). A ground floor: it
 * uses nothing of Switchboard but {@code shared}. Changing them is {@code directory}'s business,
 * since the capacity is checked against the extensions it holds.
 */
@ApplicationModule(
        displayName = "PBX settings",
        allowedDependencies = {"shared"})
package io.switchboard.pbx;

import org.springframework.modulith.ApplicationModule;
