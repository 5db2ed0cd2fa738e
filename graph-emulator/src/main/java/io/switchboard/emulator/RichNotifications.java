package io.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rich presence notifications (§7.2, §8.4): the resource data encrypted with a fresh AES key (CBC, PKCS7 padding, IV
 * = the key's first 16 bytes), the key wrapped with the subscriber's RSA certificate (OAEP with SHA-1), an
 * HMAC-SHA256 of the encrypted data, and {@code validationTokens} JWTs from the Graph notification publisher.
 */
final class RichNotifications {

    static final String PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The subscriber's certificate, as given at create. */
    record Certificate(String id, RSAPublicKey key, String thumbprint) {}

    private RichNotifications() {}

    /** The certificate of {@code encryptionCertificate} (base64 DER), or the reason it is refused. */
    static Object certificate(Object encoded, Object id) {
        if (!(encoded instanceof String value)
                || value.isBlank()
                || !(id instanceof String certificateId)
                || certificateId.isBlank()) {
            return "encryptionCertificate and encryptionCertificateId are required when includeResourceData is true.";
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(value);
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)
                    || rsa.getModulus().bitLength() < 2048
                    || rsa.getModulus().bitLength() > 4096) {
                return "encryptionCertificate must hold an RSA public key of 2048 to 4096 bits.";
            }
            String thumbprint = HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(der));
            return new Certificate(certificateId, rsa, thumbprint);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "encryptionCertificate is not a base64-encoded X.509 certificate.";
        }
    }

    /** The {@code encryptedContent} of one notification carrying {@code resource}. */
    static Map<String, Object> encrypt(Certificate certificate, Map<String, Object> resource) {
        try {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new IvParameterSpec(java.util.Arrays.copyOf(key, 16)));
            byte[] data = aes.doFinal(Json.write(resource));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = hmac.doFinal(data);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, certificate.key());
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("data", Base64.getEncoder().encodeToString(data));
            content.put("dataSignature", Base64.getEncoder().encodeToString(signature));
            content.put("dataKey", Base64.getEncoder().encodeToString(rsa.doFinal(key)));
            content.put("encryptionCertificateId", certificate.id());
            content.put("encryptionCertificateThumbprint", certificate.thumbprint());
            return content;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a rich notification", e);
        }
    }

    /** A {@code changeNotificationCollection}, with {@code validationTokens} when an item carries encrypted content. */
    static Map<String, Object> collection(GraphEmulator emulator, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", items);
        if (items.stream().anyMatch(i -> i.containsKey("encryptedContent"))) {
            Instant now = emulator.clock().instant();
            String token = emulator.signingKeys()
                    .sign(new JWTClaimsSet.Builder()
                            .issuer("https://sts.windows.net/" + emulator.tenantId() + "/")
                            .audience(emulator.clientId())
                            .claim("appid", PUBLISHER_APP_ID)
                            .claim("tid", emulator.tenantId())
                            .issueTime(Date.from(now))
                            .notBeforeTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                            .build());
            body.put("validationTokens", new ArrayList<>(List.of(token)));
        }
        return body;
    }
}
