package com.licenceshop.command.licence;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The licence keys of an order: one key per line, carrying the line's seat count, issued at the placement
 * time. Deterministic: the same order, lines and time give the same keys (ADR 0007 says why one per line).
 */
@Singleton
public class LicenceIssuer {

    private final LicenceSigner signer;

    LicenceIssuer(LicenceSigner signer) {
        this.signer = signer;
    }

    public List<LicenceKey> issue(UUID orderId, List<OrderLine> lines, Instant issuedAt) {
        List<LicenceKey> keys = new ArrayList<>(lines.size());
        int line = 0;
        for (OrderLine orderLine : lines) {
            line++;
            var claims = new LicenceClaims(orderLine.sku(), orderId, line, orderLine.quantity(), issuedAt, null);
            keys.add(new LicenceKey(line, orderLine.sku(), orderLine.quantity(), signer.sign(claims)));
        }
        return keys;
    }

    public String keyId() {
        return signer.keyId();
    }
}
