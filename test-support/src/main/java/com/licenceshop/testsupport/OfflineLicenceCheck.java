package com.licenceshop.testsupport;

/**
 * What a customer's program does to check a licence key offline, with only the JDK and the shop's public key
 * (the README's snippet, word for word apart from this comment). No shop class, no JSON library.
 */
public final class OfflineLicenceCheck {

    private OfflineLicenceCheck() {}

    /** @return the key's claims (JSON) if the shop's key {@code publicKeyBase64} signed it, else null */
    public static String verifiedClaims(String licenceKey, String keyId, String publicKeyBase64) throws Exception {
        String[] parts = licenceKey.trim().split("\\.", -1); // -1: a trailing empty part is not dropped
        if (parts.length != 3 || !parts[0].equals(keyId)) {
            return null; // another key id: pick its public key, or refuse
        }
        byte[] claims = java.util.Base64.getUrlDecoder().decode(parts[1]);
        byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);
        var canonical = java.util.Base64.getUrlEncoder().withoutPadding();
        if (!canonical.encodeToString(claims).equals(parts[1])
                || !canonical.encodeToString(signature).equals(parts[2])) {
            return null; // padding or stray low bits: not the text the shop wrote
        }
        var publicKey = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(
                        java.util.Base64.getDecoder().decode(publicKeyBase64)));
        var ed25519 = java.security.Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update((parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!ed25519.verify(signature)) {
            return null; // changed, or not signed by the shop
        }
        return new String(claims, java.nio.charset.StandardCharsets.UTF_8);
    }
}
