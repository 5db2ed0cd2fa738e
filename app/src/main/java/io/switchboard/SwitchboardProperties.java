package io.switchboard;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide settings read at start-up.
 *
 * @param dataDir where the embedded database and the key file live ({@code SWITCHBOARD_DATA_DIR})
 * @param adminPassword the administrator's initial password ({@code SWITCHBOARD_ADMIN_PASSWORD});
 *     when absent one is generated on first start and printed once
 * @param masterKey base64 of 32 random bytes ({@code SWITCHBOARD_MASTER_KEY}); when absent a key
 *     file is created under the data directory on first start
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(@DefaultValue("./data") Path dataDir, String adminPassword, String masterKey) {}
