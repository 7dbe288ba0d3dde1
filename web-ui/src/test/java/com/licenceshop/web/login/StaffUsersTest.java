package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffUsersTest {

    private static final String HASH_A = PasswordHashing.hash("a", 10);
    private static final String HASH_B = PasswordHashing.hash("b", 10);

    @Test
    void readsOneRolePerUser() {
        StaffUsers staff = StaffUsers.parse("alice:SALES:" + HASH_A + ",bob:OPS:" + HASH_B);

        assertThat(staff.find("alice"))
                .get()
                .extracting(StaffUsers.StaffUser::roles)
                .isEqualTo(Set.of("SALES"));
        assertThat(staff.find("bob"))
                .get()
                .extracting(StaffUsers.StaffUser::passwordHash)
                .isEqualTo(HASH_B);
    }

    @Test
    void readsSeveralRolesSeparatedByCommasAsTheShopScriptWritesThem() {
        StaffUsers staff = StaffUsers.parse("sales:SALES:" + HASH_A + ",ops:OPS,SALES:" + HASH_B);

        assertThat(staff.size()).isEqualTo(2);
        assertThat(staff.find("ops"))
                .get()
                .extracting(StaffUsers.StaffUser::roles)
                .isEqualTo(Set.of("OPS", "SALES"));
        assertThat(staff.find("sales"))
                .get()
                .extracting(StaffUsers.StaffUser::roles)
                .isEqualTo(Set.of("SALES"));
    }

    @Test
    void nobodyIsStaffWhenTheVariableIsEmpty() {
        assertThat(StaffUsers.parse("").size()).isZero();
        assertThat(StaffUsers.parse(null).find("alice")).isEmpty();
    }

    @Test
    void anUnknownRoleIsAConfigurationError() {
        assertThatThrownBy(() -> StaffUsers.parse("alice:ADMIN:" + HASH_A))
                .hasMessageContaining("unknown role 'ADMIN'");
    }

    @Test
    void aPlainPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> StaffUsers.parse("alice:SALES:secret123"))
                .hasMessageContaining("alice")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void anEntryWithoutHashIsAConfigurationError() {
        assertThatThrownBy(() -> StaffUsers.parse("alice:SALES")).hasMessageContaining("no password hash");
    }

    @Test
    void aUserListedTwiceIsAConfigurationError() {
        assertThatThrownBy(() -> StaffUsers.parse("alice:SALES:" + HASH_A + ",alice:OPS:" + HASH_B))
                .hasMessageContaining("listed twice");
    }
}
