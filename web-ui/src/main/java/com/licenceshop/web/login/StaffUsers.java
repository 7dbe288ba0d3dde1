package com.licenceshop.web.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff who may log in, parsed from {@code STAFF_USERS}: comma-separated {@code user:ROLE[,ROLE]:hash}
 * entries, e.g. {@code alice:SALES:<hash>,bob:OPS,SALES:<hash>}. Roles may themselves be comma-separated (as
 * {@code ./shop up} writes them); that stays unambiguous because a hash never contains a comma or a colon.
 */
public final class StaffUsers {

    public static final Set<String> ROLES = Set.of(Roles.SALES, Roles.OPS);

    private final Map<String, StaffUser> byName;

    private StaffUsers(Map<String, StaffUser> byName) {
        this.byName = byName;
    }

    public record StaffUser(String name, Set<String> roles, String passwordHash) {}

    public static StaffUsers none() {
        return new StaffUsers(Map.of());
    }

    /** @throws IllegalArgumentException with a message that names the broken entry (never a hash) */
    public static StaffUsers parse(String spec) {
        Map<String, StaffUser> users = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return new StaffUsers(users);
        }
        String openName = null;
        List<String> openRoles = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String token = raw.trim();
            if (token.isEmpty()) {
                continue;
            }
            String[] parts = token.split(":", -1);
            if (openName == null && parts.length == 3) {
                add(users, parts[0], List.of(parts[1]), parts[2]);
            } else if (openName == null && parts.length == 2) {
                openName = parts[0];
                openRoles = new ArrayList<>(List.of(parts[1]));
            } else if (openName != null && parts.length == 1) {
                openRoles.add(parts[0]);
            } else if (openName != null && parts.length == 2) {
                openRoles.add(parts[0]);
                add(users, openName, openRoles, parts[1]);
                openName = null;
            } else {
                throw new IllegalArgumentException("STAFF_USERS: cannot read the entry at '" + abbreviate(token)
                        + "'; expected user:ROLE[,ROLE]:hash entries separated by commas");
            }
        }
        if (openName != null) {
            throw new IllegalArgumentException(
                    "STAFF_USERS: the entry of user '" + openName + "' has no password hash");
        }
        return new StaffUsers(Map.copyOf(users));
    }

    public Optional<StaffUser> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public int size() {
        return byName.size();
    }

    private static void add(Map<String, StaffUser> users, String name, List<String> roles, String hash) {
        String user = name.trim();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("STAFF_USERS: an entry has no user name");
        }
        Set<String> roleSet = new LinkedHashSet<>();
        for (String role : roles) {
            String trimmed = role.trim().toUpperCase(java.util.Locale.ROOT);
            if (!ROLES.contains(trimmed)) {
                throw new IllegalArgumentException("STAFF_USERS: user '" + user + "' has the unknown role '"
                        + role.trim() + "' (known: " + String.join(", ", new java.util.TreeSet<>(ROLES)) + ")");
            }
            roleSet.add(trimmed);
        }
        if (!PasswordHashing.isWellFormed(hash.trim())) {
            throw new IllegalArgumentException("STAFF_USERS: the password hash of user '" + user
                    + "' is not one `hash-password` makes (pbkdf2-sha256.<iterations>.<salt>.<hash>)");
        }
        if (users.putIfAbsent(user, new StaffUser(user, Set.copyOf(roleSet), hash.trim())) != null) {
            throw new IllegalArgumentException("STAFF_USERS: user '" + user + "' is listed twice");
        }
    }

    private static String abbreviate(String token) {
        return token.length() > 24 ? token.substring(0, 24) + "…" : token;
    }
}
