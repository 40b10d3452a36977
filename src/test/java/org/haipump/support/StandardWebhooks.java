package org.haipump.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A receiver's check of a Standard Webhooks signature, written apart from the service's signer. */
public final class StandardWebhooks {

    private StandardWebhooks() {
    }

    /**
     * Whether one of the header's {@code v1,} signatures is base64(HMAC-SHA256(key,
     * {@code id.timestamp.body})), the key being the secret's base64 after {@code whsec_}.
     */
    public static boolean verifies(String secret, String id, String timestamp, String header, String body) {
        if (secret == null || id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
