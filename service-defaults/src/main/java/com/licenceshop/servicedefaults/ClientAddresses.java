package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address: the connection's peer or, from a trusted proxy ({@code TRUSTED_PROXIES}), the last untrusted
 * hop of {@code X-Forwarded-For}, read right to left. Micronaut's own resolver believes the header from anyone, so any
 * client could pick the address the login throttle keys on.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
final class ClientAddresses implements HttpClientAddressResolver {

    static final String UNKNOWN = "unknown";

    private final List<AddressRange> trustedProxies;
    private final String header;

    ClientAddresses(
            @Value("${shop.trusted-proxies:}") List<String> trustedProxies,
            @Value("${shop.client-address-header:X-Forwarded-For}") String header) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String spec : trustedProxies) {
            if (spec.isBlank()) {
                continue;
            }
            try {
                ranges.add(AddressRange.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("TRUSTED_PROXIES: " + e.getMessage());
            }
        }
        this.trustedProxies = List.copyOf(ranges);
        this.header = header;
    }

    @Override
    public String resolve(HttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return UNKNOWN;
        }
        InetAddress client = peer.getAddress();
        if (isTrusted(client)) {
            List<String> forwarded = request.getHeaders().getAll(header);
            List<String> hops = new ArrayList<>();
            forwarded.forEach(value -> hops.addAll(List.of(value.split(","))));
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
                if (hop.isEmpty()) {
                    break; // not an address: what is left of it is not the proxies' doing
                }
                client = hop.get();
                if (!isTrusted(client)) {
                    break;
                }
            }
        }
        return client.getHostAddress();
    }

    /** Whether the connection's peer itself is one of the trusted proxies (Traefik, web-ui): the header is not read. */
    boolean isTrustedPeer(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null && isTrusted(peer.getAddress());
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
