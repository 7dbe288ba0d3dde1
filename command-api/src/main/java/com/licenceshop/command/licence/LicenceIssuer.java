package com.licenceshop.command.licence;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The licence keys of an order: one key per line, carrying the line's seat count and a random licence id (never
 * the order id: ADR 0007), issued at the placement time. Signed once; the OrderPlaced event keeps them, so a
 * replayed request or event shows the same keys.
 */
@Singleton
public class LicenceIssuer {

    private final LicenceSigner signer;

    LicenceIssuer(LicenceSigner signer) {
        this.signer = signer;
    }

    public List<LicenceKey> issue(List<OrderLine> lines, Instant issuedAt) {
        List<LicenceKey> keys = new ArrayList<>(lines.size());
        int line = 0;
        for (OrderLine orderLine : lines) {
            line++;
            var claims = LicenceClaims.issue(orderLine.sku(), orderLine.quantity(), issuedAt, null);
            keys.add(new LicenceKey(line, orderLine.sku(), orderLine.quantity(), signer.sign(claims)));
        }
        return keys;
    }

    public String keyId() {
        return signer.keyId();
    }
}
